package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.testing.PathComparison;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.layerlab.trainer.testing.PathComparison.gradients;

/**
 * Global average pooling on {@link FastAveragePoolingLayer}: the pooled activations equal DL4J's within
 * float rounding, every gradient equals DL4J's, three SGD steps too; max pooling keeps DL4J's object.
 * Maps of 12×16×32×32 values are shared out over the cores.
 */
class FastPoolingTest {

    @Test
    void averagePoolingGivesDl4jsActivationsGradientsAndSteps() throws Exception {
        compare(8, 4, 5);
        compare(32, 16, 12);
    }

    @Test
    void controlTheComparisonSeesAGradientOnePercentOff() throws Exception {
        ComputationGraph[] nets = nets(8, 4);
        INDArray x = Nd4j.randn(DataType.FLOAT, 5, 3, 8, 8), y = labels(5);
        Map<String, INDArray> gFast = gradients(nets[1], x, y), gRef = gradients(nets[0], x, y);
        INDArray off = gFast.get("c0_W").mul(1.01);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PathComparison.close("c0_W gradient", off, gRef.get("c0_W"), 1e-5))
                .isInstanceOf(AssertionError.class);
    }

    private static ComputationGraph[] nets(int size, int channels) throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(size, size, 3))
                .layer("c0", new Conv2DSpec(channels, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU, true))
                .layer("gap", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        GraphCompiler.Compiled c = GraphCompiler.compile(g, PathComparison.sgd(0.1));
        Nd4j.getRandom().setSeed(17);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        ComputationGraph fast = reference.clone();
        assertThat(FastPooling.install(fast)).isEqualTo(1);
        return new ComputationGraph[] {reference, fast};
    }

    private static INDArray labels(int batch) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 5);
        for (int i = 0; i < batch; i++) y.putScalar(i, i % 5, 1);
        return y;
    }

    private static void compare(int size, int channels, int batch) throws Exception {
        ComputationGraph[] nets = nets(size, channels);
        ComputationGraph reference = nets[0], fast = nets[1];
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, 3, size, size), y = labels(batch);
        PathComparison.close("pooled activations", fast.feedForward(x, true).get("gap"), reference.feedForward(x, true).get("gap"), 1e-6);
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        assertThat(gFast.keySet()).isEqualTo(gRef.keySet()).contains("c0_W");
        // the pooled values may differ in the last bit (summed in double here), so the gradients agree to float rounding
        for (String k : gRef.keySet()) PathComparison.close(k + " gradient", gFast.get(k), gRef.get(k), 1e-5);
        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(x, y));
            reference.fit(new DataSet(x, y));
        }
        PathComparison.close("parameters after three steps", fast.params(), reference.params(), 1e-5);
        assertThat(FastPooling.inUse(fast.getLayer("gap"))).isTrue();
        assertThat(FastPooling.inUse(reference.getLayer("gap"))).as("two different paths are compared").isFalse();
    }

    @Test
    void maxPoolingKeepsDl4jsLayer() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(8, 8, 3))
                .layer("c0", new Conv2DSpec(4, 3, 3, 1, 1, Padding.SAME, 1, Activation.RELU, true))
                .layer("gap", new GlobalPoolingSpec(PoolMode.MAX))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(g, PathComparison.sgd(0.1)).conf());
        net.init();
        assertThat(FastPooling.install(net)).isZero();
    }
}
