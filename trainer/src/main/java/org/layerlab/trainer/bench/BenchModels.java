package org.layerlab.trainer.bench;

import java.util.List;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.spec.*;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.trainer.compile.Dl4jArrays;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark's models, each built in LayerLab and, with the same layers, by the PyTorch peer
 * ({@code torch_bench.py}, by {@link Model#peer}), and random data shaped for them.
 */
final class BenchModels {
    private BenchModels() {}

    /** Moby-Dick's character count (the char-LSTM sample's vocabulary). */
    static final int VOCABULARY = 83;

    /** A model, its name in the peer script, its batch size and how many batches a round trains. */
    record Model(String name, String peer, Graph graph, int batch, int batches) {}

    static List<Model> all() {
        return List.of(new Model("MLP 784-256-128-10, batch 128", "mlp", Examples.mlp(), 128, 240),
                new Model("LeNet 20c5-mp-50c5-mp-500-10, batch 64", "lenet", Examples.lenet(), 64, 40),
                new Model("Residual CNN 32×32×3 + BatchNorm, batch 32", "rescnn", residualCnn(), 32, 30),
                new Model("Char-LSTM 50×83 → LSTM 128 → 83/step, batch 32", "charlstm", charLstm(), 32, 12),
                new Model("GRU 50×16 → GRU 64 → 10, batch 32", "gru", gru(), 32, 30));
    }

    /** conv 3×3·16, BN, ReLU, then one residual block (two conv + BN, added to its input), global average, dense. */
    static Graph residualCnn() {
        return new GraphBuilder().layer("in", InputSpec.image(32, 32, 3))
                .layer("c0", new Conv2DSpec(16, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY, true))
                .layer("bn0", new BatchNormSpec(1e-5, 0.9)).layer("r0", new ActivationSpec(Activation.RELU))
                .layer("c1", new Conv2DSpec(16, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY, true))
                .layer("bn1", new BatchNormSpec(1e-5, 0.9)).layer("r1", new ActivationSpec(Activation.RELU))
                .layer("c2", new Conv2DSpec(16, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY, true))
                .layer("bn2", new BatchNormSpec(1e-5, 0.9))
                .merge("add", new AddSpec(), "bn2", "r0").layer("r2", new ActivationSpec(Activation.RELU))
                .layer("gap", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    static Graph charLstm() {
        return new GraphBuilder().layer("in", InputSpec.sequence(50, VOCABULARY))
                .layer("lstm", new LstmSpec(128, Activation.TANH, true))
                .layer("out", new OutputSpec(VOCABULARY, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    static Graph gru() {
        return new GraphBuilder().layer("in", InputSpec.sequence(50, 16)).layer("gru", new GruSpec(64, false))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    /** Uniform random inputs and one-hot labels (per time step for a sequence output). */
    static Dataset randomData(GraphCompiler.Compiled c, int n) {
        INDArray x = Nd4j.rand(DataType.FLOAT, Dl4jArrays.batchShape(c.inputShapes().get(0), n));
        TensorShape out = c.outputShapes().get(0);
        INDArray y = Nd4j.zeros(DataType.FLOAT, Dl4jArrays.batchShape(out, n));
        java.util.Random r = new java.util.Random(1);
        int classes = out.lastDim();
        if (y.rank() == 2) {
            for (int i = 0; i < n; i++) y.putScalar(i, i % classes, 1f);
        } else {
            for (int i = 0; i < n; i++) for (int t = 0; t < y.size(2); t++) y.putScalar(new long[] {i, r.nextInt(classes), t}, 1f);
        }
        return new Dataset(x, y);
    }
}
