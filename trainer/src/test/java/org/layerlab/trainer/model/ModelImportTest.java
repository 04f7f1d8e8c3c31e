package org.layerlab.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Issue 21: a model saved by LayerLab, or built and saved with plain DL4J, opens as a LayerLab graph
 * — the same layers and wires — and the saved weights, put into the network the imported graph
 * compiles to, give identical outputs on the same inputs.
 */
class ModelImportTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static List<Graph> graphs() {
        Graph residual = new GraphBuilder().layer("in", InputSpec.vector(6))
                .layer("d1", new DenseSpec(8, org.layerlab.graph.spec.Activation.RELU, true))
                .layer("d2", new DenseSpec(8, org.layerlab.graph.spec.Activation.TANH, false))
                .merge("sum", new AddSpec(), "d1", "d2")
                .merge("both", new ConcatSpec(), "sum", "d1")
                .layer("bn", new BatchNormSpec(1e-5, 0.9))
                .layer("drop", new DropoutSpec(0.3))
                .layer("out", new OutputSpec(3, org.layerlab.graph.spec.Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Graph cnn = new GraphBuilder().layer("in", InputSpec.image(12, 12, 3))
                .layer("c1", Conv2DSpec.of(4, 3, 1, Padding.SAME, org.layerlab.graph.spec.Activation.RELU))
                .layer("p1", Pool2DSpec.max(2, 2))
                .layer("c2", Conv2DSpec.of(6, 3, 1, Padding.VALID, org.layerlab.graph.spec.Activation.ELU))
                .layer("gap", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", new OutputSpec(2, org.layerlab.graph.spec.Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY)).build();
        Graph lstm = new GraphBuilder().layer("in", InputSpec.sequence(10, 3))
                .layer("lstm", new LstmSpec(8, org.layerlab.graph.spec.Activation.TANH, false))
                .layer("out", new OutputSpec(2, org.layerlab.graph.spec.Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        return List.of(Examples.spiralMlp(), Examples.lenet(), residual, cnn, lstm);
    }

    private static Path save(ComputationGraph net) throws Exception {
        Path zip = dir.resolve("m-" + System.nanoTime() + ".zip");
        ModelSerializer.writeModel(net, zip.toFile(), true);
        return zip;
    }

    /** The imported graph's network with the saved weights, and the saved network's outputs compared on a random batch. */
    private static void sameOutputs(ComputationGraph saved, Graph imported, long[] inputShape) throws Exception {
        ComputationGraph again = new ComputationGraph(GraphCompiler.compile(imported, TrainingSettings.defaults()).conf());
        again.init();
        assertThat(again.numParams()).isEqualTo(saved.numParams());
        again.setParams(saved.params());
        INDArray x = Nd4j.rand(DataType.FLOAT, inputShape);
        assertThat(again.outputSingle(false, x)).isEqualTo(saved.outputSingle(false, x));
    }

    @ParameterizedTest
    @MethodSource("graphs")
    void aLayerLabModelOpensAsTheSameGraphAndTheSameOutputs(Graph g) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(g, TrainingSettings.defaults());
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).subi(0.5));
        Path zip = save(net);
        ModelImport.Imported im = ModelImport.of(ModelFiles.readGraph(zip), zip.toString());
        Map<String, LayerSpec> before = new TreeMap<>(), after = new TreeMap<>();
        for (Node n : g.nodes()) before.put(n.id(), n.spec());
        for (Node n : im.graph().nodes()) after.put(n.id(), n.spec());
        InputSpec in = (InputSpec) before.get("in");
        if (in.kind() == InputKind.SEQUENCE) {
            // a sequence's length is not in the file: said so, and the rest is the same
            assertThat(im.notes()).anyMatch(s -> s.contains("does not store the length"));
            assertThat(after.get("in")).isEqualTo(InputSpec.sequence(1, in.features()));
            after.put("in", in);
        }
        if (im.notes().stream().anyMatch(n -> n.contains("does not store the size"))) {
            // no flattening layer to work the image size back from (global pooling): the channels are right, the size assumed
            assertThat(((InputSpec) after.get("in")).channels()).isEqualTo(in.channels());
            after.put("in", in);
        }
        assertThat(after).isEqualTo(before);
        assertThat(im.graph().edges()).containsExactlyInAnyOrderElementsOf(g.edges());
        long[] shape = switch (in.kind()) {
            case VECTOR -> new long[] {5, in.features()};
            case IMAGE -> new long[] {5, in.channels(), in.height(), in.width()};
            case SEQUENCE -> new long[] {5, in.features(), in.length()};
        };
        sameOutputs(net, im.graph(), shape);
    }

    @Test
    void aModelBuiltWithPlainDl4jOpensWithItsImplicitFlattenAsANode() throws Exception {
        var conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder().addInputs("pixels")
                .addLayer("conv", new ConvolutionLayer.Builder(5, 5).nOut(6).activation(Activation.RELU).build(), "pixels")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "conv")
                .addLayer("0dense", new DenseLayer.Builder().nOut(20).activation(Activation.TANH).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build(), "0dense")
                .setOutputs("out").setInputTypes(InputType.convolutional(28, 28, 1)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Path zip = save(net);
        ModelImport.Imported im = ModelImport.of(ModelFiles.readGraph(zip), zip.toString());
        Graph g = im.graph();
        assertThat(g.node("pixels").spec()).isEqualTo(InputSpec.image(28, 28, 1));
        assertThat(g.node("layer0dense").spec()).isEqualTo(new DenseSpec(20, org.layerlab.graph.spec.Activation.TANH, true));
        assertThat(g.node("layer0dense_flatten").spec()).isEqualTo(new FlattenSpec());
        assertThat(im.notes()).anyMatch(s -> s.contains("DL4J input preprocessor"));
        sameOutputs(net, g, new long[] {4, 1, 28, 28});
    }

    @Test
    void aLayerLayerLabHasNoSpecForIsRefusedByNameAndType() throws Exception {
        var conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("sep", new SeparableConvolution2D.Builder(3, 3).nOut(4).build(), "in")
                .addLayer("out", new OutputLayer.Builder().nOut(2).activation(Activation.SOFTMAX).build(), "sep")
                .setOutputs("out").setInputTypes(InputType.convolutional(8, 8, 1)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Path zip = save(net);
        assertThatThrownBy(() -> ModelImport.of(ModelFiles.readGraph(zip), zip.toString()))
                .hasMessageContaining(zip.toString()).hasMessageContaining("layer 'sep' is DL4J's SeparableConvolution2D, which LayerLab cannot show yet");
    }
}
