package org.layerlab.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.TestGraphs;

/** LayerLab's inferred shapes and parameter counts must equal DL4J's own for every spec and composite. */
class CrossCheckTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static Graph single(InputSpec in, LayerSpec spec, boolean sequenceOut) {
        OutputSpec out = new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY);
        GraphBuilder b = new GraphBuilder().layer("in", in).layer("x", spec);
        Graph probe = new GraphBuilder().layer("in", in).layer("x", spec).build();
        TensorShape s = org.layerlab.graph.shape.ShapeInference.analyze(probe).shapeOf("x");
        if (s != null && s.isImage()) b.layer("flat", new FlattenSpec());
        return b.layer("out", out).build();
    }

    static Stream<Arguments> graphs() {
        return Stream.of(
            Arguments.of("Dense", single(InputSpec.vector(8), new DenseSpec(5, Activation.RELU, true), false)),
            Arguments.of("Dense no bias", single(InputSpec.vector(8), new DenseSpec(5, Activation.ELU, false), false)),
            Arguments.of("Activation", single(InputSpec.vector(8), new ActivationSpec(Activation.SWISH), false)),
            Arguments.of("Dropout", single(InputSpec.vector(8), new DropoutSpec(0.3), false)),
            Arguments.of("BatchNorm vector", single(InputSpec.vector(8), new BatchNormSpec(1e-5, 0.9), false)),
            Arguments.of("BatchNorm image", single(InputSpec.image(6, 6, 3), new BatchNormSpec(1e-5, 0.9), false)),
            Arguments.of("LayerNorm vector", single(InputSpec.vector(8), new LayerNormSpec(1e-5), false)),
            Arguments.of("LayerNorm sequence", single(InputSpec.sequence(6, 4), new LayerNormSpec(1e-5), true)),
            Arguments.of("LayerNorm image", single(InputSpec.image(5, 5, 3), new LayerNormSpec(1e-5), false)),
            Arguments.of("Conv1D valid", single(InputSpec.sequence(10, 3), new Conv1DSpec(4, 3, 1, Padding.VALID, 1, Activation.RELU, true), true)),
            Arguments.of("Conv1D causal dilated", single(InputSpec.sequence(10, 3), new Conv1DSpec(4, 3, 1, Padding.CAUSAL, 2, Activation.RELU, true), true)),
            Arguments.of("Conv2D valid", single(InputSpec.image(9, 9, 3), Conv2DSpec.of(4, 3, 2, Padding.VALID, Activation.RELU), false)),
            Arguments.of("Conv2D same", single(InputSpec.image(9, 9, 3), Conv2DSpec.of(4, 3, 2, Padding.SAME, Activation.RELU), false)),
            Arguments.of("Conv2D dilated", single(InputSpec.image(12, 12, 2), new Conv2DSpec(4, 3, 3, 1, 1, Padding.VALID, 2, Activation.RELU, false), false)),
            Arguments.of("Deconv2D same", single(InputSpec.image(4, 4, 3), new Deconv2DSpec(2, 2, 2, 2, 2, Padding.SAME, Activation.RELU, true), false)),
            Arguments.of("Deconv2D valid", single(InputSpec.image(4, 4, 3), new Deconv2DSpec(2, 3, 3, 2, 2, Padding.VALID, Activation.RELU, true), false)),
            Arguments.of("MaxPool1D", single(InputSpec.sequence(10, 3), new Pool1DSpec(PoolMode.MAX, 2, 2, Padding.VALID), true)),
            Arguments.of("AvgPool2D", single(InputSpec.image(8, 8, 3), Pool2DSpec.avg(2, 2), false)),
            Arguments.of("MaxPool2D same", single(InputSpec.image(7, 7, 3), new Pool2DSpec(PoolMode.MAX, 2, 2, 2, 2, Padding.SAME), false)),
            Arguments.of("GlobalPool image", single(InputSpec.image(8, 8, 3), new GlobalPoolingSpec(PoolMode.MAX), false)),
            Arguments.of("GlobalPool sequence", single(InputSpec.sequence(7, 4), new GlobalPoolingSpec(PoolMode.AVG), false)),
            Arguments.of("Flatten image", single(InputSpec.image(4, 4, 3), new FlattenSpec(), false)),
            Arguments.of("Flatten sequence", single(InputSpec.sequence(4, 3), new FlattenSpec(), false)),
            Arguments.of("Reshape to image", single(InputSpec.vector(48), ReshapeSpec.image(4, 4, 3), false)),
            Arguments.of("ZeroPadding2D", single(InputSpec.image(8, 8, 3), new ZeroPadding2DSpec(1, 2, 3, 4), false)),
            Arguments.of("Upsampling2D", single(InputSpec.image(4, 4, 3), new Upsampling2DSpec(2), false)),
            Arguments.of("SimpleRNN", single(InputSpec.sequence(9, 3), new SimpleRnnSpec(4, Activation.TANH, true), true)),
            Arguments.of("LSTM last step", single(InputSpec.sequence(9, 3), new LstmSpec(4, Activation.TANH, false), false)),
            Arguments.of("Bidirectional LSTM", single(InputSpec.sequence(9, 3), new BidirectionalSpec(RecurrentCell.LSTM, 4, Activation.TANH, MergeMode.CONCAT, true), true)),
            Arguments.of("GRU sequence", single(InputSpec.sequence(9, 3), new GruSpec(4, true), true)),
            Arguments.of("GRU last step", single(InputSpec.sequence(9, 3), new GruSpec(5, false), false)),
            Arguments.of("Bidirectional GRU", single(InputSpec.sequence(9, 3), new BidirectionalSpec(RecurrentCell.GRU, 4, Activation.TANH, MergeMode.CONCAT, true), true)),
            Arguments.of("Bidirectional RNN add", single(InputSpec.sequence(9, 3), new BidirectionalSpec(RecurrentCell.SIMPLE_RNN, 4, Activation.TANH, MergeMode.ADD, false), false)),
            Arguments.of("Embedding", single(InputSpec.sequence(12, 1), new EmbeddingSpec(50, 8, false), true)),
            Arguments.of("SelfAttention", single(InputSpec.sequence(6, 4), new SelfAttentionSpec(2, 3, 5), true)),
            Arguments.of("PositionalEncoding", single(InputSpec.sequence(6, 4), new PositionalEncodingSpec(10000), true)),
            Arguments.of("MLP", TestGraphs.mlp()),
            Arguments.of("LeNet", TestGraphs.lenet()),
            Arguments.of("residual block", TestGraphs.residual()),
            Arguments.of("LSTM stack", TestGraphs.lstmStack()),
            Arguments.of("attention block", TestGraphs.attentionBlock()),
            Arguments.of("conv autoencoder", TestGraphs.autoencoder()),
            Arguments.of("inception merge", TestGraphs.inception()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void shapesAndParameterCountsEqualDl4j(String name, Graph g) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(g, TrainingSettings.defaults());
        Analysis a = c.analysis();
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        // DL4J's own answer: the arrays a real forward pass produces (small integers also suit embeddings)
        INDArray[] inputs = c.inputShapes().stream()
                .map(s -> Transforms.floor(Nd4j.rand(DataType.FLOAT, Dl4jArrays.batchShape(s, 2)).muli(5), false))
                .toArray(INDArray[]::new);
        Map<String, INDArray> acts = net.feedForward(inputs, false);
        long total = 0;
        for (Node n : g.nodes()) {
            if (n.spec() instanceof InputSpec) continue;
            long[] theirs = acts.get(n.id()).shape();
            assertThat(theirs[0]).isEqualTo(2);
            assertThat(Dl4jArrays.shapeOf(theirs)).as(name + ": shape of " + n.id()).isEqualTo(a.shapeOf(n.id()));
            long params = net.getVertex(n.id()).hasLayer() ? net.getVertex(n.id()).getLayer().numParams() : 0;
            assertThat(params).as(name + ": params of " + n.id()).isEqualTo(a.paramsOf(n.id()));
            total += params;
        }
        assertThat(net.numParams()).isEqualTo(a.totalParams()).isEqualTo(total);
    }

    @Test
    void graphsWithErrorsAreRefusedWithTheirProblems() {
        Graph bad = new GraphBuilder().layer("in", InputSpec.vector(4)).layer("c", Conv2DSpec.of(2, 3, 1, Padding.SAME, Activation.RELU))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThatThrownBy(() -> GraphCompiler.compile(bad, TrainingSettings.defaults()))
                .isInstanceOf(CompileException.class).hasMessageContaining("Conv2D 'c' needs an image input");
    }
}
