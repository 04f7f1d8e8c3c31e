package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.trainer.testing.PathComparison.close;
import static org.layerlab.trainer.testing.PathComparison.gradients;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.testing.PathComparison;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's batch normalization layer on {@link FastBatchNormHelper} computes what the same layer computes
 * without a helper (DL4J's own path): training outputs, every gradient, the running mean and spread after
 * steps and the inference output — in DOUBLE to 1e-9 and in FLOAT to 1e-5, after a convolution, after a
 * dense layer and in a residual block; FLOAT maps through the single-precision kernel. (The kernel's own
 * gradients are checked by finite differences in BatchNormKernelTest, the single-precision kernel against it in
 * BatchNormFloatTest.)
 */
class FastBatchNormTest {

    static List<Arguments> graphs() {
        // the graphs the oneDNN batch-norm test uses, and a residual block
        List<Arguments> shared = OneDnnLayersTest.batchNormGraphs();
        Graph image = (Graph) shared.get(0).get()[1], vector = (Graph) shared.get(1).get()[1];
        Graph residual = new GraphBuilder().layer("in", InputSpec.image(8, 8, 3))
                .layer("c0", new Conv2DSpec(4, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY, true))
                .layer("bn0", new BatchNormSpec(1e-5, 0.9)).layer("r0", new ActivationSpec(Activation.RELU))
                .layer("c1", new Conv2DSpec(4, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY, true))
                .layer("bn", new BatchNormSpec(1e-5, 0.9))
                .merge("add", new AddSpec(), "bn", "r0").layer("r1", new ActivationSpec(Activation.RELU))
                .layer("gap", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        return List.of(Arguments.of("after a convolution", image, new long[] {6, 3, 10, 10}, DataType.DOUBLE, 1e-9),
                Arguments.of("after a convolution", image, new long[] {6, 3, 10, 10}, DataType.FLOAT, 1e-5),
                Arguments.of("after a dense layer", vector, new long[] {6, 12}, DataType.DOUBLE, 1e-9),
                Arguments.of("after a dense layer", vector, new long[] {6, 12}, DataType.FLOAT, 1e-5),
                Arguments.of("in a residual block", residual, new long[] {6, 3, 8, 8}, DataType.DOUBLE, 1e-9),
                Arguments.of("in a residual block", residual, new long[] {6, 3, 8, 8}, DataType.FLOAT, 1e-5));
    }

    @ParameterizedTest(name = "{0}, {3}")
    @MethodSource("graphs")
    void outputsGradientsRunningStatisticsAndStepsEqualDl4jsOwnPath(String name, Graph g, long[] inputShape, DataType type,
                                                                   double tolerance) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(g, PathComparison.sgd(0.1));
        Nd4j.getRandom().setSeed(21);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        if (type != DataType.FLOAT) reference = reference.convertDataType(type);
        ComputationGraph fast = reference.clone();
        int installed = FastBatchNorm.install(fast);
        assertThat(installed).isEqualTo(name.startsWith("in a residual") ? 2 : 1);
        INDArray x = Nd4j.randn(type, inputShape).muli(2).addi(0.5);
        INDArray y = Nd4j.zeros(type, 6, 5);
        for (int i = 0; i < 6; i++) y.putScalar(i, i % 5, 1);

        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        assertThat(gFast.keySet()).isEqualTo(gRef.keySet()).contains("bn_gamma", "bn_beta");
        for (String k : gRef.keySet()) {
            // a bias before a batch norm has no gradient but rounding (≈ 1e-16, 1e-7 in FLOAT): relative to 1 there
            double scale = Math.max(1, gRef.get(k).norm2Number().doubleValue());
            assertThat(gFast.get(k).sub(gRef.get(k)).norm2Number().doubleValue() / scale).as(k + " gradient").isLessThan(tolerance);
        }
        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(x, y));
            reference.fit(new DataSet(x, y));
        }
        // the parameters include the running mean and spread that inference uses
        ComputationGraph f = fast;
        reference.getLayer("bn").paramTable().forEach((k, v) -> close("bn " + k, f.getLayer("bn").getParam(k), v, tolerance));
        close("parameters after three steps", fast.params(), reference.params(), tolerance);
        close("inference output", fast.outputSingle(false, x), reference.outputSingle(false, x), tolerance);
        assertThat(FastBatchNorm.inUse(fast.getLayer("bn"))).isTrue();
        // FLOAT maps (runs of 64 and 100 values) go through the single-precision kernel; vectors and DOUBLE do not
        FastBatchNormHelper helper = (FastBatchNormHelper) Dl4jFields.field(org.deeplearning4j.nn.layers.normalization.BatchNormalization.class,
                "helper").get(fast.getLayer("bn"));
        boolean floatMaps = type == DataType.FLOAT && inputShape.length == 4;
        assertThat(helper.singlePrecisionPasses() > 0).as("single-precision kernel ran").isEqualTo(floatMaps);
        assertThat(FastBatchNorm.inUse(reference.getLayer("bn"))).as("two different paths are compared").isFalse();
    }
}
