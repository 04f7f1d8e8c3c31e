package org.layerlab.trainer;

import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.spec.*;

/** Composite graphs shared by trainer tests. */
public final class TestGraphs {
    private TestGraphs() {}

    public static final OutputSpec SOFTMAX10 = new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY);

    public static Graph mlp() {
        return org.layerlab.graph.Examples.mlp();
    }

    public static Graph lenet() {
        return org.layerlab.graph.Examples.lenet();
    }

    public static Graph residual() {
        return new GraphBuilder().layer("in", InputSpec.vector(16))
                .layer("a", new DenseSpec(16, Activation.RELU, true))
                .layer("b", new DenseSpec(16, Activation.IDENTITY, true))
                .merge("sum", new AddSpec(), "in", "b")
                .layer("act", new ActivationSpec(Activation.RELU))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    public static Graph lstmStack() {
        return new GraphBuilder().layer("in", InputSpec.sequence(20, 5))
                .layer("l1", new LstmSpec(32, Activation.TANH, true))
                .layer("l2", new LstmSpec(16, Activation.TANH, true))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    public static Graph attentionBlock() {
        return new GraphBuilder().layer("in", InputSpec.sequence(12, 1))
                .layer("emb", new EmbeddingSpec(20, 16, false))
                .layer("pos", new PositionalEncodingSpec(10000))
                .layer("att", new SelfAttentionSpec(2, 8, 16))
                .merge("res", new AddSpec(), "pos", "att")
                .layer("pool", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", new OutputSpec(4, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    public static Graph autoencoder() {
        return new GraphBuilder().layer("in", InputSpec.image(28, 28, 1))
                .layer("e1", Conv2DSpec.of(8, 3, 2, Padding.SAME, Activation.RELU))
                .layer("e2", Conv2DSpec.of(4, 3, 2, Padding.SAME, Activation.RELU))
                .layer("d1", new Deconv2DSpec(8, 2, 2, 2, 2, Padding.SAME, Activation.RELU, true))
                .layer("d2", new Deconv2DSpec(1, 2, 2, 2, 2, Padding.SAME, Activation.SIGMOID, true))
                .layer("flat", new FlattenSpec())
                .layer("out", new OutputSpec(784, Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY)).build();
    }

    public static Graph inception() {
        return new GraphBuilder().layer("in", InputSpec.image(8, 8, 3))
                .after("in", "a", Conv2DSpec.of(4, 1, 1, Padding.SAME, Activation.RELU))
                .after("in", "b", Conv2DSpec.of(6, 3, 1, Padding.SAME, Activation.RELU))
                .after("in", "pad", new ZeroPadding2DSpec(1, 1, 1, 1))
                .layer("c", Conv2DSpec.of(2, 3, 1, Padding.VALID, Activation.RELU))
                .merge("cat", new ConcatSpec(), "a", "b", "c")
                .layer("gp", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", SOFTMAX10).build();
    }
}
