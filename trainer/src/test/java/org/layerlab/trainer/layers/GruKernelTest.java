package org.layerlab.trainer.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.kernels.BatchParts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.layerlab.trainer.testing.PathComparison;
import static org.layerlab.trainer.testing.PathComparison.gradients;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The GRU's fast time loop ({@link GruKernel}) computes what its general path computes, in double
 * precision: outputs, loss, every gradient (stacked layers carry the input gradient into the lower
 * layer), masked steps, parameters after training steps, step-by-step generation; and it matches
 * central finite differences on its own. The control changes one gate's gradient by 1 % and must be caught.
 */
class GruKernelTest {

    @BeforeAll
    static void doublePrecision() {
        Backend.init();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void singlePrecisionAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static TrainingSettings sgd(double rate) {
        return PathComparison.sgd(rate);
    }

    static Graph stacked() {
        return new GraphBuilder().layer("in", InputSpec.sequence(6, 3)).layer("gru0", new GruSpec(5, true))
                .layer("gru", new GruSpec(4, false))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    static Graph perStep() {
        return new GraphBuilder().layer("in", InputSpec.sequence(5, 4)).layer("gru", new GruSpec(6, true))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    record Nets(ComputationGraph general, ComputationGraph fast, INDArray x, INDArray y) {}

    static Nets nets(Graph g, double rate) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(g, sgd(rate), DataType.DOUBLE);
        Nd4j.getRandom().setSeed(31);
        ComputationGraph general = new ComputationGraph(c.conf());
        general.init();
        ComputationGraph fast = general.clone();
        for (Layer l : general.getLayers()) if (gru(l) != null) gru(l).disableKernel();
        long[] in = {4, c.inputShapes().get(0).dims()[1], c.inputShapes().get(0).dims()[0]};
        INDArray x = Nd4j.rand(DataType.DOUBLE, in).subi(0.5).muli(3);
        long[] out = general.outputSingle(false, x).shape();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, out);
        for (int i = 0; i < 4; i++) {
            if (y.rank() == 2) y.putScalar(i, i % out[1], 1);
            else for (int t = 0; t < out[2]; t++) y.putScalar(new long[] {i, (i + t) % out[1], t}, 1);
        }
        return new Nets(general, fast, x, y);
    }

    static GruImpl gru(Layer l) {
        if (l instanceof BaseWrapperLayer w) return gru(w.getUnderlying());
        return l instanceof GruImpl g ? g : null;
    }

    static List<Graph> graphs() {
        return List.of(stacked(), perStep());
    }

    @Test
    void outputsGradientsAndStepsEqualTheGeneralPath() throws Exception {
        for (Graph g : graphs()) {
            Nets n = nets(g, 0.5);
            assertThat(gru(n.fast().getLayer("gru")).fast()).isTrue();
            assertThat(gru(n.general().getLayer("gru")).fast()).isFalse();
            close("output", n.fast().outputSingle(false, n.x()), n.general().outputSingle(false, n.x()));
            Map<String, INDArray> gf = gradients(n.fast(), n.x(), n.y()), gg = gradients(n.general(), n.x(), n.y());
            assertThat(n.fast().score()).isCloseTo(n.general().score(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(gf.keySet()).isEqualTo(gg.keySet()).contains("gru_W", "gru_RW", "gru_b");
            for (String k : gg.keySet()) close(k + " gradient", gf.get(k), gg.get(k));
            for (int i = 0; i < 3; i++) {
                n.fast().fit(new DataSet(n.x(), n.y()));
                n.general().fit(new DataSet(n.x(), n.y()));
            }
            close("parameters after three steps", n.fast().params(), n.general().params());
        }
    }

    @Test
    void workArraysFreedAtARunsEndAreMadeAgainAndResultsStayTheGeneralPaths() throws Exception {
        Nets n = nets(stacked(), 0.5);
        DataSet batch = new DataSet(n.x(), n.y());
        n.fast().fit(batch);
        n.general().fit(batch);
        assertThat(org.layerlab.trainer.backend.FastLayers.releaseWork(n.fast())).isEqualTo(2);
        // the next passes make the arrays again (a freed one reused would read freed memory)
        close("output after the release", n.fast().outputSingle(false, n.x()), n.general().outputSingle(false, n.x()));
        n.fast().fit(batch);
        n.general().fit(batch);
        close("parameters after the release", n.fast().params(), n.general().params());
    }

    /**
     * With the batch cut into two parts whose time loops run on two cores (the size threshold set to zero),
     * the kernel still equals the general path: outputs, every gradient, parameters after three steps.
     */
    @Test
    void aBatchCutInTwoPartsStillEqualsTheGeneralPath() throws Exception {
        System.setProperty(BatchParts.MIN_VALUES, "0");
        try {
            assertThat(BatchParts.of(4, 1)).as("the test's batch of 4 is cut").isEqualTo(2);
            Graph longStacked = new GraphBuilder().layer("in", InputSpec.sequence(10, 6)).layer("gru0", new GruSpec(5, true))
                    .layer("gru", new GruSpec(4, false))
                    .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
            Nets n = nets(longStacked, 0.5);
            close("output", n.fast().outputSingle(false, n.x()), n.general().outputSingle(false, n.x()));
            Map<String, INDArray> gf = gradients(n.fast(), n.x(), n.y()), gg = gradients(n.general(), n.x(), n.y());
            for (String k : gg.keySet()) close(k + " gradient", gf.get(k), gg.get(k));
            for (int i = 0; i < 3; i++) {
                n.fast().fit(new DataSet(n.x(), n.y()));
                n.general().fit(new DataSet(n.x(), n.y()));
            }
            close("parameters after three steps", n.fast().params(), n.general().params());
        } finally {
            System.clearProperty(BatchParts.MIN_VALUES);
        }
    }

    /**
     * The GRU benchmark's shapes in single precision: the two parts' loops on two cores give the same
     * results bit for bit as the same parts one after the other on one core.
     */
    @Test
    void twoPartsOnTwoCoresEqualTheSamePartsOnOneCoreBitForBit() {
        int batch = 32, inputs = 16, steps = 50, units = 64;
        assertThat(BatchParts.of(batch, (long) steps * batch * 3 * units)).isEqualTo(2);
        float[][] twoCores = floatPass(batch, inputs, steps, units);
        float[][] oneCore;
        System.setProperty("layerlab.channelSplit.off", "true");
        try {
            oneCore = floatPass(batch, inputs, steps, units);
        } finally {
            System.clearProperty("layerlab.channelSplit.off");
        }
        String[] names = {"states", "input weight gradient", "recurrent weight gradient", "bias gradient", "input gradient"};
        for (int i = 0; i < names.length; i++) assertThat(twoCores[i]).as(names[i]).isEqualTo(oneCore[i]);
        // control: the comparison sees a change in the last bit of one value
        float[] nudged = twoCores[2].clone();
        nudged[5] = Math.nextUp(nudged[5]);
        assertThat(nudged).isNotEqualTo(oneCore[2]);
    }

    private static float[][] floatPass(int batch, int inputs, int steps, int units) {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, inputs, steps);
        INDArray w = Nd4j.randn(DataType.FLOAT, inputs, 3 * units).muli(0.1), rw = Nd4j.randn(DataType.FLOAT, units, 3 * units).muli(0.1);
        INDArray bias = Nd4j.randn(DataType.FLOAT, 1, 3 * units).muli(0.1), eps = Nd4j.randn(DataType.FLOAT, batch, units, steps);
        GruKernel kernel = new GruKernel();
        GruKernel.Trace tr = kernel.forward(true, x, null, w, rw, bias);
        float[] states = tr.states().data().asFloat();
        INDArray gW = Nd4j.create(DataType.FLOAT, inputs, 3 * units), gRW = Nd4j.create(DataType.FLOAT, units, 3 * units);
        INDArray gB = Nd4j.create(DataType.FLOAT, 1, 3 * units);
        float[] dx = kernel.backward(tr, eps, gW, gRW, gB).data().asFloat();
        kernel.releaseWork();
        return new float[][] {states, gW.data().asFloat(), gRW.data().asFloat(), gB.data().asFloat(), dx};
    }

    @Test
    void maskedStepsAgree() throws Exception {
        Nets n = nets(stacked(), 0.5);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 4, 6);
        mask.putScalar(0, 5, 0);
        mask.putScalar(1, 4, 0);
        mask.putScalar(1, 5, 0);
        for (ComputationGraph net : List.of(n.fast(), n.general())) net.setLayerMaskArrays(new INDArray[] {mask}, null);
        Map<String, INDArray> gf = gradients(n.fast(), n.x(), n.y()), gg = gradients(n.general(), n.x(), n.y());
        for (String k : gg.keySet()) close(k + " gradient with a mask", gf.get(k), gg.get(k));
    }

    @Test
    void theKernelMatchesFiniteDifferences() throws Exception {
        for (Graph g : graphs()) {
            Nets n = nets(g, 1.0);
            assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(n.fast())
                    .inputs(new INDArray[] {n.x()}).labels(new INDArray[] {n.y()})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9))).isTrue();
        }
    }

    @Test
    void stepByStepGenerationEqualsTheWholeSequence() throws Exception {
        Nets n = nets(perStep(), 0.5);
        INDArray whole = n.fast().outputSingle(false, n.x());
        n.fast().rnnClearPreviousState();
        for (int t = 0; t < 5; t++) {
            INDArray step = n.fast().rnnTimeStep(n.x().get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1)))[0];
            close("step " + t, step.reshape(whole.size(0), whole.size(1)), whole.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)));
        }
    }

    @Test
    void controlABrokenGradientIsCaught() throws Exception {
        // the comparison is tight enough to see one gate's recurrent gradient off by 1 %
        Nets n = nets(perStep(), 0.5);
        Map<String, INDArray> gf = gradients(n.fast(), n.x(), n.y()), gg = gradients(n.general(), n.x(), n.y());
        INDArray broken = gf.get("gru_RW").dup();
        broken.get(NDArrayIndex.all(), NDArrayIndex.interval(6, 12)).muli(1.01);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> close("broken", broken, gg.get("gru_RW"))).isInstanceOf(AssertionError.class);
    }

    /**
     * Single precision (the kernel's fast exponentials) against the general path in float over 40 steps:
     * within float rounding (relative 1e-4), while a 1 % change of one gate's gradient is not.
     */
    @Test
    void singlePrecisionAgreesWithinFloatRounding() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(40, 7)).layer("gru", new GruSpec(12, true))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        GraphCompiler.Compiled c = GraphCompiler.compile(g, sgd(0.5), DataType.FLOAT);
        Nd4j.getRandom().setSeed(17);
        ComputationGraph general = new ComputationGraph(c.conf());
        general.init();
        ComputationGraph fast = general.clone();
        gru(general.getLayer("gru")).disableKernel();
        assertThat(gru(fast.getLayer("gru")).fast()).isTrue();
        PathComparison.floatSequencesAgree(fast, general, 7, 40, 5, "gru_RW", 12, 24);
    }

    private static void close(String what, INDArray actual, INDArray expected) {
        PathComparison.close(what, actual, expected, 1e-10);
    }
}
