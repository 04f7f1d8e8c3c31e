package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layerlab.trainer.testing.PathComparison.gradients;

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

/**
 * ReLU activation layers on {@link FastReluLayer} give exactly DL4J's training activations and gradients
 * (the ReLU and its gradient are selections, no arithmetic) in a residual block, and three SGD steps equal DL4J's; a tanh activation layer
 * keeps DL4J's object.
 */
class FastActivationTest {

    @Test
    void reluLayersGiveDl4jsGradientsAndStepsAndOtherActivationsStayDl4js() throws Exception {
        compare(8, 4, 6);
    }

    /** 12×16×32×32 values: the backward pass is shared out over the cores (ChannelSplit), with the same result. */
    @Test
    void aLargeMapSplitOverTheCoresGivesTheSameGradients() throws Exception {
        compare(32, 16, 12);
    }

    private static void compare(int size, int channels, int batch) throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(size, size, 3))
                .layer("c0", new Conv2DSpec(channels, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY, true))
                .layer("r0", new ActivationSpec(Activation.RELU))
                .layer("c1", new Conv2DSpec(channels, 3, 3, 1, 1, Padding.SAME, 1, Activation.IDENTITY, true))
                .merge("add", new AddSpec(), "c1", "r0").layer("r1", new ActivationSpec(Activation.RELU))
                .layer("t", new ActivationSpec(Activation.TANH))
                .layer("gap", new GlobalPoolingSpec(PoolMode.AVG))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        GraphCompiler.Compiled c = GraphCompiler.compile(g, PathComparison.sgd(0.1));
        Nd4j.getRandom().setSeed(31);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        ComputationGraph fast = reference.clone();
        assertThat(FastActivation.install(fast)).isEqualTo(2);
        assertThat(fast.getLayer("t").getClass()).isEqualTo(org.deeplearning4j.nn.layers.ActivationLayer.class);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, 3, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 5);
        for (int i = 0; i < batch; i++) y.putScalar(i, i % 5, 1);
        Map<String, INDArray> aFast = fast.feedForward(x, true), aRef = reference.feedForward(x, true);
        for (String k : new String[] {"r0", "r1", "add"}) {
            assertThat(aFast.get(k).dup('c').data().asFloat()).as("training's %s activations", k).isEqualTo(aRef.get(k).dup('c').data().asFloat());
        }
        // r0 reads the convolution's channel-major maps (one block per plane), r1 the sum's C-order block
        assertThat(((FastReluLayer) fast.getLayer("r0")).fastForwards()).as("r0's forward pass ran here").isPositive();
        assertThat(((FastReluLayer) fast.getLayer("r1")).fastForwards()).as("r1's forward pass ran here").isPositive();
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        assertThat(gFast.keySet()).isEqualTo(gRef.keySet()).contains("c0_W", "c1_W");
        for (String k : gRef.keySet()) assertThat(gFast.get(k)).as(k).isEqualTo(gRef.get(k));
        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(x, y));
            reference.fit(new DataSet(x, y));
        }
        PathComparison.close("parameters after three steps", fast.params(), reference.params(), 1e-6);
        assertThat(FastActivation.inUse(fast.getLayer("r0"))).isTrue();
        assertThat(FastActivation.inUse(fast.getLayer("r1"))).isTrue();
        assertThat(FastActivation.inUse(reference.getLayer("r0"))).as("two different paths are compared").isFalse();
    }
}
