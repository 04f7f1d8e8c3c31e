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
public class ModelImportTest {
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
        // every other spec the compiler translates
        Graph sequences = new GraphBuilder().layer("in", InputSpec.sequence(12, 3))
                .layer("c1", new Conv1DSpec(4, 3, 1, Padding.SAME, 1, org.layerlab.graph.spec.Activation.RELU, true))
                .layer("p1", new Pool1DSpec(PoolMode.MAX, 2, 2, Padding.VALID))
                .layer("rnn", new SimpleRnnSpec(6, org.layerlab.graph.spec.Activation.TANH, true))
                .layer("gru", new GruSpec(5, false))
                .layer("ln", new LayerNormSpec(1e-5))
                .layer("out", new OutputSpec(2, org.layerlab.graph.spec.Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Graph bidirectional = new GraphBuilder().layer("in", InputSpec.sequence(8, 3))
                .layer("b1", new BidirectionalSpec(RecurrentCell.LSTM, 4, org.layerlab.graph.spec.Activation.TANH, MergeMode.CONCAT, true))
                .layer("b2", new BidirectionalSpec(RecurrentCell.GRU, 3, org.layerlab.graph.spec.Activation.TANH, MergeMode.ADD, false))
                .layer("out", new OutputSpec(2, org.layerlab.graph.spec.Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Graph images = new GraphBuilder().layer("in", InputSpec.image(6, 6, 2))
                .layer("c1", Conv2DSpec.of(3, 3, 1, Padding.SAME, org.layerlab.graph.spec.Activation.RELU))
                .layer("pad", new ZeroPadding2DSpec(1, 1, 1, 1))
                .layer("up", new Upsampling2DSpec(2))
                .layer("de", new Deconv2DSpec(2, 2, 2, 2, 2, Padding.SAME, org.layerlab.graph.spec.Activation.RELU, true))
                .layer("flat", new FlattenSpec())
                .layer("d", new DenseSpec(48, org.layerlab.graph.spec.Activation.RELU, true))
                .layer("shape", ReshapeSpec.image(4, 4, 3))
                .layer("c2", Conv2DSpec.of(2, 3, 1, Padding.VALID, org.layerlab.graph.spec.Activation.RELU))
                .layer("f2", new FlattenSpec())
                .layer("out", new OutputSpec(2, org.layerlab.graph.spec.Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Graph toSequence = new GraphBuilder().layer("in", InputSpec.vector(12))
                .layer("d", new DenseSpec(12, org.layerlab.graph.spec.Activation.TANH, true))
                .layer("seq", new ReshapeSpec(InputKind.SEQUENCE, 3, 28, 28, 1, 4))
                .layer("lstm", new LstmSpec(4, org.layerlab.graph.spec.Activation.TANH, false))
                .layer("out", new OutputSpec(2, org.layerlab.graph.spec.Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        return List.of(Examples.spiralMlp(), Examples.lenet(), residual, cnn, lstm, sequences, bidirectional, images, toSequence,
                org.layerlab.trainer.TestGraphs.attentionBlock());
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
        if (in.kind() == InputKind.SEQUENCE && !after.get("in").equals(in)) {
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
        // with the Input's shape set as the notes ask (a sequence's length), the saved weights give the same outputs
        Node imported = im.graph().node("in");
        sameOutputs(net, im.graph().replacing(new Node("in", in, imported.x(), imported.y())), shape);
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

    /** A network with a layer LayerLab has no spec for: DL4J's depthwise convolution. */
    public static ComputationGraph separable() {
        var conf = new NeuralNetConfiguration.Builder().seed(5).graphBuilder().addInputs("in")
                .addLayer("sep", new org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build(), "sep")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").setInputTypes(InputType.convolutional(8, 8, 2)).build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        net.setParams(Nd4j.rand(DataType.FLOAT, 1, net.numParams()).subi(0.5));
        return net;
    }

    @Test
    void aLayerLayerLabHasNoSpecForIsKeptAsAMarkedDl4jLayerThatTrainsAndSavesAsBefore() throws Exception {
        ComputationGraph net = separable();
        Path zip = save(net);
        ModelImport.Imported im = ModelImport.of(ModelFiles.readGraph(zip), zip.toString());
        OpaqueSpec sep = (OpaqueSpec) im.graph().node("sep").spec();
        assertThat(sep.dl4jType()).isEqualTo("DepthwiseConvolution2D");
        assertThat(sep.typeName()).isEqualTo("DepthwiseConv2D");
        assertThat(sep.family()).isEqualTo(LayerFamily.OPAQUE);
        assertThat(sep.takes()).isEqualTo(org.layerlab.graph.shape.TensorShape.image(8, 8, 2));
        assertThat(sep.gives()).isEqualTo(org.layerlab.graph.shape.TensorShape.image(6, 6, 4));
        assertThat(sep.params()).isEqualTo(net.getLayer("sep").numParams()).isPositive();
        assertThat(im.notes()).anyMatch(n -> n.contains("'sep' is kept as the DL4J layer it is") && n.contains("DepthwiseConvolution2D"));
        var analysis = org.layerlab.graph.shape.ShapeInference.analyze(im.graph());
        assertThat(analysis.errors()).isEmpty();
        assertThat(analysis.totalParams()).isEqualTo(net.numParams());
        sameOutputs(net, im.graph(), new long[] {3, 2, 8, 8});

        // kept through the project file, and what it takes is checked like any layer's
        var project = org.layerlab.graph.project.Project.of("sep", im.graph());
        var json = org.layerlab.graph.project.ProjectFiles.toJson(project);
        assertThat(org.layerlab.graph.project.ProjectFiles.fromJson(json, "sep.layerlab")).isEqualTo(project);
        Graph wrongInput = im.graph().replacing(new Node("in", InputSpec.image(10, 10, 2), 0, 0));
        assertThat(org.layerlab.graph.shape.ShapeInference.analyze(wrongInput).errors()).singleElement().asString()
                .contains("DepthwiseConv2D 'sep' is a DL4J layer kept as the model had it: it takes");
    }

    @Test
    void aConfigurationThatIsNotADl4jLayerIsRefusedWhenCompiling() {
        OpaqueSpec forged = new OpaqueSpec("Evil", "{\"@class\":\"java.net.URL\",\"x\":1}", org.layerlab.graph.shape.TensorShape.vector(2),
                org.layerlab.graph.shape.TensorShape.vector(2), 0);
        assertThatThrownBy(() -> org.layerlab.trainer.compile.OpaqueLayers.build(forged)).hasMessageContaining("has no DL4J layer configuration");
        OpaqueSpec damaged = new OpaqueSpec("Dense", "{not json", forged.takes(), forged.gives(), 0);
        assertThatThrownBy(() -> org.layerlab.trainer.compile.OpaqueLayers.build(damaged)).hasMessageContaining("damaged configuration");
    }

    @Test
    void aVertexLayerLabHasNoSpecForIsRefusedByNameAndType() throws Exception {
        var conf = new NeuralNetConfiguration.Builder().graphBuilder().addInputs("in")
                .addLayer("d", new DenseLayer.Builder().nIn(4).nOut(4).build(), "in")
                .addVertex("norm", new org.deeplearning4j.nn.conf.graph.L2NormalizeVertex(), "d")
                .addLayer("out", new OutputLayer.Builder().nIn(4).nOut(2).activation(Activation.SOFTMAX).build(), "norm")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        Path zip = save(net);
        assertThatThrownBy(() -> ModelImport.of(ModelFiles.readGraph(zip), zip.toString()))
                .hasMessageContaining(zip.toString()).hasMessageContaining("vertex 'norm' cannot be shown: it is DL4J's L2NormalizeVertex vertex");
    }
}
