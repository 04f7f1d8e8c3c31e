package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import static org.layerlab.trainer.testing.PathComparison.gradients;

/**
 * The oneDNN convolution path computes what DL4J's own convolution computes: outputs, loss, every
 * parameter gradient (the first layer's depends on the second's gradient with respect to its input)
 * and the parameters after a training step, across kernel sizes, strides, padding modes and dilation.
 * DL4J's own path is the reference (DL4J checks it with finite differences); oneDNN convolves in
 * FLOAT only, so the comparison is in FLOAT with a relative tolerance.
 */
class OneDnnLayersTest {

    @Test
    void theNativesCarryOneDnn() {
        // the build ships the -onednn natives; without them every convolution silently takes the slow path
        assertThat(OneDnnLayers.available()).isTrue();
    }

    static List<Arguments> variants() {
        return List.of(
                Arguments.of("3×3 stride 1 same", conv(8, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU), 9, 9),
                Arguments.of("5×5 stride 2 valid", conv(6, 5, 5, 2, 2, Padding.VALID, 1, Activation.TANH), 13, 13),
                Arguments.of("3×3 stride 2 same, odd size", conv(5, 3, 3, 2, 2, Padding.SAME, 1, Activation.RELU), 11, 7),
                Arguments.of("3×3 dilation 2 valid", conv(4, 3, 3, 1, 1, Padding.VALID, 2, Activation.IDENTITY), 12, 12),
                Arguments.of("3×3 dilation 2 same", conv(4, 3, 3, 1, 1, Padding.SAME, 2, Activation.RELU), 10, 10),
                Arguments.of("2×4 strides 1×2 valid", conv(7, 2, 4, 1, 2, Padding.VALID, 1, Activation.SIGMOID), 8, 11),
                Arguments.of("1×1 no bias", new Conv2DSpec(6, 1, 1, 1, 1, Padding.VALID, 1, Activation.RELU, false), 6, 6));
    }

    static Conv2DSpec conv(int filters, int kh, int kw, int sh, int sw, Padding p, int dilation, Activation a) {
        return new Conv2DSpec(filters, kh, kw, sh, sw, p, dilation, a, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void outputsGradientsAndStepsEqualDl4jsOwnConvolution(String name, Conv2DSpec second, int h, int w) throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(h, w, 3))
                .layer("c1", conv(4, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU))
                .layer("c2", second)
                .layer("f", new FlattenSpec())
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph[] nets = referenceAndCopy(g, 11);
        ComputationGraph reference = nets[0], fast = nets[1];
        boolean dilated = second.dilation() > 1; // DL4J's helper refuses these; they keep DL4J's path
        assertThat(OneDnnLayers.install(fast)).isEqualTo(dilated ? 1 : 2);
        assertThat(OneDnnLayers.inUse(reference.getLayer("c2"))).isFalse(); // two different paths are compared

        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, h, w);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1);

        close("output", fast.outputSingle(false, x), reference.outputSingle(false, x));
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        assertThat(fast.score()).isCloseTo(reference.score(), org.assertj.core.data.Offset.offset(1e-5 * Math.abs(reference.score()) + 1e-6));
        assertThat(gFast.keySet()).isEqualTo(gRef.keySet()).contains("c1_W", "c2_W", "out_W");
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));

        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(x, y));
            reference.fit(new DataSet(x, y));
        }
        close("parameters after three steps", fast.params(), reference.params());
        // the fast path really ran: no call fell back to DL4J's own convolution
        assertThat(OneDnnLayers.inUse(fast.getLayer("c1"))).isTrue();
        assertThat(OneDnnLayers.inUse(fast.getLayer("c2"))).isEqualTo(!dilated);
    }

    /** A network compiled for SGD and initialized from {@code seed}, and its clone (for the fast path). */
    static ComputationGraph[] referenceAndCopy(Graph g, long seed) throws Exception {
        TrainingSettings s = org.layerlab.graph.spec.RecordProperties.with(TrainingSettings.defaults(), "optimizer", "SGD");
        GraphCompiler.Compiled c = GraphCompiler.compile(g, s);
        Nd4j.getRandom().setSeed(seed);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        return new ComputationGraph[] {reference, reference.clone()};
    }

    static List<Arguments> firstLayers() {
        return List.of(Arguments.of("5×5 valid, one channel (LeNet)", conv(6, 5, 5, 1, 1, Padding.VALID, 1, Activation.IDENTITY), 1, 14, 14),
                Arguments.of("3×3 stride 2 same, odd size", conv(5, 3, 3, 2, 2, Padding.SAME, 1, Activation.RELU), 3, 11, 7),
                Arguments.of("2×4 strides 1×2 valid", conv(7, 2, 4, 1, 2, Padding.VALID, 1, Activation.TANH), 2, 8, 11),
                Arguments.of("1×1 no bias", new Conv2DSpec(6, 1, 1, 1, 1, Padding.VALID, 1, Activation.RELU, false), 3, 6, 6));
    }

    /**
     * A convolution reading the network's input computes only its weight and bias gradients (its input
     * gradient is dropped): gradients and parameters after three steps equal DL4J's own path.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("firstLayers")
    void theFirstConvolutionSkipsTheInputGradientAndAgrees(String name, Conv2DSpec first, int channels, int h, int w) throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(h, w, channels)).layer("c1", first)
                .layer("c2", conv(4, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU)).layer("f", new FlattenSpec())
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph[] nets = referenceAndCopy(g, 12);
        ComputationGraph reference = nets[0], fast = nets[1];
        assertThat(OneDnnLayers.install(fast)).isEqualTo(2);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, channels, h, w);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1);
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));
        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(x, y));
            reference.fit(new DataSet(x, y));
        }
        close("parameters after three steps", fast.params(), reference.params());
        Object helper = org.layerlab.trainer.backend.Dl4jFields.field(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, "helper")
                .get(fast.getLayer("c1"));
        assertThat(helper).isInstanceOf(FirstConvHelper.class);
        assertThat(((FirstConvHelper) helper).ownBackwards()).as("backward passes on the weight-only path").isEqualTo(4);
        assertThat(OneDnnLayers.inUse(fast.getLayer("c1"))).isTrue();
    }

    /** A ReLU convolution, an identity one and a tanh one after the first, each on oneDNN. */
    private static ComputationGraph[] keptForwardNets() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(9, 9, 3))
                .layer("c1", conv(4, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU))
                .layer("relu", conv(5, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU))
                .layer("identity", conv(5, 3, 3, 2, 2, Padding.SAME, 1, Activation.IDENTITY))
                .layer("tanh", conv(4, 3, 3, 1, 1, Padding.VALID, 1, Activation.TANH))
                .layer("f", new FlattenSpec())
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        return referenceAndCopy(g, 13);
    }

    private static OneDnnConvHelper helperOf(ComputationGraph net, String layer) throws Exception {
        return (OneDnnConvHelper) Dl4jFields.field(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, "helper").get(net.getLayer(layer));
    }

    /**
     * A ReLU or identity convolution's backward pass reuses its training forward pass (one convolution a
     * step); a tanh one convolves again (its derivative needs the pre-activation). Gradients still agree.
     */
    @Test
    void reluAndIdentityConvolutionsConvolveOnceAStep() throws Exception {
        ComputationGraph[] nets = keptForwardNets();
        ComputationGraph reference = nets[0], fast = nets[1];
        assertThat(OneDnnLayers.install(fast)).isEqualTo(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, 9, 9);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1);
        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(x, y));
            reference.fit(new DataSet(x, y));
        }
        close("parameters after three steps", fast.params(), reference.params());
        assertThat(helperOf(fast, "relu").convolutions()).as("ReLU: one convolution a step").isEqualTo(3);
        assertThat(helperOf(fast, "identity").convolutions()).as("identity: one convolution a step").isEqualTo(3);
        assertThat(helperOf(fast, "tanh").convolutions()).as("tanh: forward and again in backward").isEqualTo(6);
        // an inference pass keeps nothing: the next backward pass convolves its own input again
        fast.outputSingle(false, x);
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));
        assertThat(OneDnnLayers.inUse(fast.getLayer("tanh"))).isTrue();
    }

    /** A dropout downstream may drop in place in the activation: a ReLU convolution feeding one convolves again. */
    @Test
    void aConvolutionFeedingADropoutConvolvesAgainInItsBackwardPass() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(9, 9, 3))
                .layer("c1", conv(4, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU))
                .layer("relu", conv(5, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU))
                .layer("drop", new DropoutSpec(0.3)).layer("f", new FlattenSpec())
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph fast = referenceAndCopy(g, 14)[1];
        OneDnnLayers.install(fast);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, 9, 9);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1);
        for (int i = 0; i < 2; i++) fast.fit(new DataSet(x, y));
        assertThat(helperOf(fast, "relu").convolutions()).isEqualTo(4);
        assertThat(helperOf(fast, "c1").convolutions()).as("c1 feeds a convolution without dropout").isEqualTo(2);
    }

    /**
     * Negative control: a helper that keeps the tanh layer's activation as its pre-activation computes the
     * tanh derivative of the wrong values, and the gradient comparison used above catches it.
     */
    @Test
    void keepingATanhActivationIsCaughtByTheGradientComparison() throws Exception {
        ComputationGraph[] nets = keptForwardNets();
        ComputationGraph reference = nets[0], fast = nets[1];
        OneDnnLayers.install(fast);
        org.deeplearning4j.nn.layers.convolution.ConvolutionLayer tanh =
                (org.deeplearning4j.nn.layers.convolution.ConvolutionLayer) fast.getLayer("tanh");
        Dl4jFields.field(org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, "helper").set(tanh, new OneDnnConvHelper(tanh, true) {
            @Override
            boolean activationServesAsPreOutput(org.nd4j.linalg.activations.IActivation a) {
                return true;
            }
        });
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, 9, 9);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1);
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> close("tanh_W gradient", gFast.get("tanh_W"), gRef.get("tanh_W")))
                .isInstanceOf(AssertionError.class);
    }

    static List<Arguments> batchNormGraphs() {
        Graph image = new GraphBuilder().layer("in", InputSpec.image(10, 10, 3))
                .layer("c1", conv(6, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY))
                .layer("bn", new BatchNormSpec(1e-5, 0.9)).layer("r", new ActivationSpec(Activation.RELU))
                .layer("gap", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Graph vector = new GraphBuilder().layer("in", InputSpec.vector(12))
                .layer("d", new DenseSpec(16, Activation.IDENTITY, true))
                .layer("bn", new BatchNormSpec(1e-3, 0.8)).layer("r", new ActivationSpec(Activation.TANH))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        return List.of(Arguments.of("after a convolution", image, new long[] {6, 3, 10, 10}),
                Arguments.of("after a dense layer", vector, new long[] {6, 12}));
    }

    @ParameterizedTest(name = "batch norm {0}")
    @MethodSource("batchNormGraphs")
    void batchNormOutputsGradientsRunningStatisticsAndStepsEqualDl4jsOwn(String name, Graph g, long[] inputShape) throws Exception {
        TrainingSettings s = org.layerlab.graph.spec.RecordProperties.with(TrainingSettings.defaults(), "optimizer", "SGD");
        GraphCompiler.Compiled c = GraphCompiler.compile(g, s);
        Nd4j.getRandom().setSeed(12);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        ComputationGraph fast = reference.clone();
        assertThat(OneDnnLayers.install(fast)).isGreaterThanOrEqualTo(1);
        assertThat(OneDnnLayers.inUse(reference.getLayer("bn"))).isFalse();
        INDArray x = Nd4j.randn(DataType.FLOAT, inputShape).muli(2).addi(0.5);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1);
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        assertThat(gFast.keySet()).isEqualTo(gRef.keySet()).contains("bn_gamma", "bn_beta");
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));
        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(x, y));
            reference.fit(new DataSet(x, y));
        }
        // parameters include the running mean and variance that inference uses
        Map<String, INDArray> bnRef = reference.getLayer("bn").paramTable();
        assertThat(bnRef.keySet()).contains("mean"); // and DL4J's running spread (log10 std by default)
        bnRef.forEach((k, v) -> close("bn " + k, fast.getLayer("bn").getParam(k), v));
        close("parameters after three steps", fast.params(), reference.params());
        close("inference output", fast.outputSingle(false, x), reference.outputSingle(false, x));
        assertThat(OneDnnLayers.inUse(fast.getLayer("bn"))).isTrue();
    }


    /**
     * Equal within 1e-4 of the reference's largest magnitude (FLOAT sums in another order), or 1e-6
     * absolute for values that are zero but for rounding (the bias before a batch norm has no gradient).
     */
    private static void close(String what, INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as(what).isEqualTo(expected.shape());
        double scale = expected.amaxNumber().doubleValue();
        double diff = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(diff).as(what + ": largest difference against a largest value of " + scale).isLessThanOrEqualTo(1e-4 * scale + 1e-6);
    }
}
