package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.kernels.BatchParts;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.layerlab.trainer.testing.PathComparison;
import static org.layerlab.trainer.testing.PathComparison.gradients;

/**
 * The LSTM kernel computes what DL4J's own LSTM computes, in double precision: outputs, loss,
 * every parameter gradient (stacked layers check the input gradient too), parameters after training
 * steps, step-by-step generation, truncated BPTT and masked sequences (which fall back). Central
 * finite differences check the fast path on its own. The control changes one gate's recurrent gradient by
 * 1 % and must be caught. In single precision (fast exponentials) it agrees within float rounding.
 */
class FastLstmTest {

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

    static Graph perStep() {
        return new GraphBuilder().layer("in", InputSpec.sequence(6, 5)).layer("lstm", new LstmSpec(7, Activation.TANH, true))
                .layer("out", new OutputSpec(4, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    static Graph stackedLastStep() {
        return new GraphBuilder().layer("in", InputSpec.sequence(5, 3)).layer("lstm0", new LstmSpec(6, Activation.TANH, true))
                .layer("lstm", new LstmSpec(4, Activation.TANH, false))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    static Graph bidirectional() {
        return new GraphBuilder().layer("in", InputSpec.sequence(5, 3))
                .layer("bi", new BidirectionalSpec(RecurrentCell.LSTM, 4, Activation.TANH, MergeMode.CONCAT, false))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    /** Longer sequences as well as the short graphs. */
    static List<Arguments> allGraphs() {
        Graph perStep = new GraphBuilder().layer("in", InputSpec.sequence(11, 6)).layer("lstm", new LstmSpec(7, Activation.TANH, true))
                .layer("out", new OutputSpec(4, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Graph stacked = new GraphBuilder().layer("in", InputSpec.sequence(9, 5)).layer("lstm0", new LstmSpec(6, Activation.TANH, true))
                .layer("lstm", new LstmSpec(4, Activation.TANH, false))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        List<Arguments> all = new java.util.ArrayList<>(graphs());
        all.add(Arguments.of("one LSTM, output per step, 11 steps", perStep, 1));
        all.add(Arguments.of("two stacked LSTMs, last step, 9 steps", stacked, 2));
        return all;
    }

    /**
     * With the batch cut into two parts whose time loops run on two cores (the size threshold set to zero),
     * the kernel still equals DL4J's LSTM: outputs, every gradient, parameters after three steps.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("allGraphs")
    void aBatchCutInTwoPartsStillEqualsDl4j(String name, Graph g, int installed) throws Exception {
        System.setProperty(BatchParts.MIN_VALUES, "0");
        try {
            assertThat(BatchParts.of(4, 1)).as("the test's batch of 4 is cut").isEqualTo(2);
            outputsGradientsAndStepsEqualDl4jsOwnLstm(name, g, installed);
        } finally {
            System.clearProperty(BatchParts.MIN_VALUES);
        }
    }

    static List<Arguments> graphs() {
        return List.of(Arguments.of("one LSTM, output per step", perStep(), 1),
                Arguments.of("two stacked LSTMs, last step", stackedLastStep(), 2),
                Arguments.of("bidirectional LSTM", bidirectional(), 2));
    }

    record Pair(ComputationGraph reference, ComputationGraph fast, INDArray x, INDArray y) {}

    static Pair pair(Graph g, int installed) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(g, sgd(0.5), DataType.DOUBLE);
        Nd4j.getRandom().setSeed(21);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        ComputationGraph fast = reference.clone();
        assertThat(FastLstm.install(fast)).isEqualTo(installed);
        long[] in = {4, c.inputShapes().get(0).dims()[1], c.inputShapes().get(0).dims()[0]};
        INDArray x = Nd4j.rand(DataType.DOUBLE, in).subi(0.5).muli(3);
        long[] outShape = reference.outputSingle(false, x).shape();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, outShape);
        for (int i = 0; i < 4; i++) {
            if (y.rank() == 2) y.putScalar(i, i % outShape[1], 1);
            else for (int t = 0; t < outShape[2]; t++) y.putScalar(new long[] {i, (i + t) % outShape[1], t}, 1);
        }
        return new Pair(reference, fast, x, y);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void outputsGradientsAndStepsEqualDl4jsOwnLstm(String name, Graph g, int installed) throws Exception {
        Pair p = pair(g, installed);
        close("output", p.fast().outputSingle(false, p.x()), p.reference().outputSingle(false, p.x()));
        Map<String, INDArray> gFast = gradients(p.fast(), p.x(), p.y()), gRef = gradients(p.reference(), p.x(), p.y());
        assertThat(p.fast().score()).isCloseTo(p.reference().score(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(gFast.keySet()).isEqualTo(gRef.keySet());
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));
        for (int i = 0; i < 3; i++) {
            p.fast().fit(new DataSet(p.x(), p.y()));
            p.reference().fit(new DataSet(p.x(), p.y()));
        }
        close("parameters after three steps", p.fast().params(), p.reference().params());
        for (var l : p.fast().getLayers()) {
            if (l instanceof org.deeplearning4j.nn.layers.recurrent.LSTM || l instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer) {
                assertThat(FastLstm.inUse(l)).as("%s ran natively without falling back", l.getConfig().getLayerName()).isTrue();
            }
        }
    }

    /** Native bytes the kernels of the network's LSTMs (wrapped or in both directions) hold in work arrays. */
    static long workBytes(ComputationGraph net) {
        long n = 0;
        for (var l : net.getLayers()) n += workBytes(l);
        return n;
    }

    private static long workBytes(org.deeplearning4j.nn.api.Layer l) {
        if (l instanceof org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer w) return workBytes(w.getUnderlying());
        if (l instanceof org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer b) {
            long n = 0;
            for (var d : FastLstm.directions(b)) n += workBytes(d);
            return n;
        }
        return l.getHelper() instanceof FastLstmHelper h ? h.helperMemoryUse().get("kernel work arrays") : 0;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void workArraysFreedAtARunsEndAreMadeAgainAndResultsStayDl4js(String name, Graph g, int installed) throws Exception {
        Pair p = pair(g, installed);
        DataSet batch = new DataSet(p.x(), p.y());
        p.fast().fit(batch);
        p.reference().fit(batch);
        assertThat(workBytes(p.fast())).isPositive();
        assertThat(FastLayers.releaseWork(p.fast())).isEqualTo(installed);
        assertThat(workBytes(p.fast())).isZero();
        // the next passes make the arrays again (a freed one reused would read freed memory) and agree with DL4J
        close("output after the release", p.fast().outputSingle(false, p.x()), p.reference().outputSingle(false, p.x()));
        p.fast().fit(batch);
        p.reference().fit(batch);
        close("parameters after the release", p.fast().params(), p.reference().params());
        assertThat(workBytes(p.fast())).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void theFastPathMatchesFiniteDifferences(String name, Graph g, int installed) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(g, sgd(1.0), DataType.DOUBLE);
        Nd4j.getRandom().setSeed(5);
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        assertThat(FastLstm.install(net)).isEqualTo(installed);
        Pair p = pair(g, installed); // for the data's shapes
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {p.x()}).labels(new INDArray[] {p.y()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9))).isTrue();
    }

    @Test
    void stepByStepGenerationCarriesTheStateLikeDl4j() throws Exception {
        Pair p = pair(perStep(), 1);
        INDArray whole = p.fast().outputSingle(false, p.x());
        p.fast().rnnClearPreviousState();
        p.reference().rnnClearPreviousState();
        for (int t = 0; t < 6; t++) {
            INDArray step = p.x().get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(t, t + 1));
            INDArray fast = p.fast().rnnTimeStep(step)[0], ref = p.reference().rnnTimeStep(step)[0];
            close("step " + t, fast, ref);
            close("step " + t + " against the whole sequence", fast.reshape(whole.size(0), whole.size(1)),
                    whole.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                            org.nd4j.linalg.indexing.NDArrayIndex.point(t)));
        }
    }

    @Test
    void truncatedBpttTrainsLikeDl4j() throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(perStep(), sgd(0.5), DataType.DOUBLE);
        var conf = c.conf().clone();
        conf.setBackpropType(org.deeplearning4j.nn.conf.BackpropType.TruncatedBPTT);
        conf.setTbpttFwdLength(3);
        conf.setTbpttBackLength(3);
        Nd4j.getRandom().setSeed(8);
        ComputationGraph reference = new ComputationGraph(conf);
        reference.init();
        ComputationGraph fast = reference.clone();
        FastLstm.install(fast);
        Pair data = pair(perStep(), 1);
        for (int i = 0; i < 3; i++) {
            fast.fit(new DataSet(data.x(), data.y()));
            reference.fit(new DataSet(data.x(), data.y()));
        }
        close("parameters after truncated BPTT", fast.params(), reference.params());
        assertThat(FastLstm.inUse(fast.getLayer("lstm"))).isTrue();
    }

    @Test
    void maskedSequencesTakeDl4jsPathAndAgree() throws Exception {
        Pair p = pair(stackedLastStep(), 2);
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 4, 5);
        mask.putScalar(0, 4, 0);
        mask.putScalar(2, 3, 0);
        mask.putScalar(2, 4, 0);
        for (ComputationGraph n : List.of(p.fast(), p.reference())) {
            n.setLayerMaskArrays(new INDArray[] {mask}, null);
        }
        Map<String, INDArray> gFast = gradients(p.fast(), p.x(), p.y()), gRef = gradients(p.reference(), p.x(), p.y());
        for (String k : gRef.keySet()) close(k + " gradient with a mask", gFast.get(k), gRef.get(k));
    }

    @Test
    void controlTheComparisonSeesOneGateOffByOnePercent() throws Exception {
        Pair p = pair(perStep(), 1);
        Map<String, INDArray> gFast = gradients(p.fast(), p.x(), p.y()), gRef = gradients(p.reference(), p.x(), p.y());
        INDArray broken = gFast.get("lstm_RW").dup();
        broken.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(7, 14)).muli(1.01);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> close("broken", broken, gRef.get("lstm_RW"))).isInstanceOf(AssertionError.class);
    }


    /**
     * The single-precision kernel (its exponentials from {@code VectorMath}) against DL4J's float LSTM over a
     * 40-step sequence: within float rounding (relative 1e-4), while a 1 % change of one gate's gradient is not.
     */
    @Test
    void singlePrecisionAgreesWithDl4jWithinFloatRounding() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(40, 9)).layer("lstm", new LstmSpec(16, Activation.TANH, true))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        GraphCompiler.Compiled c = GraphCompiler.compile(g, sgd(0.5), DataType.FLOAT);
        Nd4j.getRandom().setSeed(33);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        ComputationGraph fast = reference.clone();
        assertThat(FastLstm.install(fast)).isEqualTo(1);
        PathComparison.floatSequencesAgree(fast, reference, 9, 40, 5, "lstm_RW", 16, 32);
        assertThat(FastLstm.inUse(fast.getLayer("lstm"))).isTrue();
    }

    private static void close(String what, INDArray actual, INDArray expected) {
        PathComparison.close(what, actual, expected, 1e-10);
    }
}
