package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.layerlab.trainer.testing.PathComparison.gradients;

import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The fast dense and output layers compute what DL4J's dense and output layers compute, in double precision: outputs, loss,
 * every parameter gradient (stacked and branching layers carry the input gradient), parameters after
 * training steps; every activation it has a kernel for, with and without bias. Central finite differences
 * check it on its own. Dropout keeps DL4J's path and still agrees. A saved network loads in plain DL4J.
 * The control changes one weight gradient column by 1 % and must be caught.
 */
class FastDenseTest {

    @BeforeAll
    static void doublePrecision() {
        Backend.init();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void singlePrecisionAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** Every activation with a kernel, one layer without bias, and two branches joined (their input gradients add up). */
    static Graph everyActivation() {
        return new GraphBuilder().layer("in", InputSpec.vector(6))
                .layer("relu", new DenseSpec(8, Activation.RELU, true))
                .layer("tanh", new DenseSpec(7, Activation.TANH, true))
                .layer("sigmoid", new DenseSpec(5, Activation.SIGMOID, true))
                .layer("leaky", new DenseSpec(6, Activation.LEAKY_RELU, true))
                .layer("linear", new DenseSpec(4, Activation.IDENTITY, false))
                .merge("join", new ConcatSpec(), "linear", "tanh")
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    record Pair(ComputationGraph reference, ComputationGraph fast, INDArray x, INDArray y) {}

    static Pair pair(Graph g, double rate, int installed) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(g, PathComparison.sgd(rate), DataType.DOUBLE);
        Nd4j.getRandom().setSeed(13);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        ComputationGraph fast = reference.clone();
        assertThat(FastDense.install(fast)).isEqualTo(installed);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 6).subi(0.5).muli(4);
        long classes = reference.outputSingle(false, x).size(1);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, 5, classes);
        for (int i = 0; i < 5; i++) y.putScalar(i, i % classes, 1);
        return new Pair(reference, fast, x, y);
    }

    @Test
    void outputsGradientsAndStepsEqualDl4jsDenseLayer() throws Exception {
        Pair p = pair(everyActivation(), 0.5, 6);
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
        for (Layer l : p.fast().getLayers()) {
            assertThat(FastDense.inUse(l)).as("%s ran on the kernel", l.getConfig().getLayerName()).isTrue();
        }
    }

    /**
     * Layers large enough for their products to run in two bands ({@code NdBlas.gemmOnCores}: the forward
     * products, and the first layer's weight gradient into DL4J's column-major view) still equal DL4J's
     * dense layer: outputs, gradients and three steps, in double precision.
     */
    @Test
    void layersWhoseProductsRunInBandsEqualDl4jsDenseLayer() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(784))
                .layer("relu", new DenseSpec(256, Activation.RELU, true))
                .layer("sigmoid", new DenseSpec(784, Activation.SIGMOID, true))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        GraphCompiler.Compiled c = GraphCompiler.compile(g, PathComparison.sgd(0.1), DataType.DOUBLE);
        Nd4j.getRandom().setSeed(17);
        ComputationGraph reference = new ComputationGraph(c.conf());
        reference.init();
        ComputationGraph fast = reference.clone();
        assertThat(FastDense.install(fast)).isEqualTo(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 128, 784), y = Nd4j.zeros(DataType.DOUBLE, 128, 10);
        for (int i = 0; i < 128; i++) y.putScalar(i, i % 10, 1);
        long banded = org.layerlab.trainer.kernels.NdBlas.bandedProducts();
        close("output", fast.outputSingle(false, x), reference.outputSingle(false, x));
        PathComparison.gradientsAndThreeStepsAgree(fast, reference, x, y, 1e-9);
        // per pass: two forward products; per backward pass also the first layer's weight gradient
        assertThat(org.layerlab.trainer.kernels.NdBlas.bandedProducts() - banded).as("products cut into bands").isGreaterThanOrEqualTo(10);
    }

    /** A regression output: the loss and its gradient stay DL4J's, whatever they are. */
    static Graph regression() {
        return new GraphBuilder().layer("in", InputSpec.vector(6)).layer("hidden", new DenseSpec(5, Activation.SIGMOID, true))
                .layer("out", new OutputSpec(3, Activation.IDENTITY, Loss.MSE)).build();
    }

    @Test
    void aRegressionOutputAgreesToo() throws Exception {
        Pair p = pair(regression(), 0.5, 2);
        Map<String, INDArray> gFast = gradients(p.fast(), p.x(), p.y()), gRef = gradients(p.reference(), p.x(), p.y());
        assertThat(p.fast().score()).isCloseTo(p.reference().score(), org.assertj.core.data.Offset.offset(1e-12));
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));
        assertThat(FastDense.inUse(p.fast().getLayer("out"))).isTrue();
    }

    @Test
    void anOutputPerTimeStepAgreesAndPassesFiniteDifferences() throws Exception {
        // the LSTM test's network (an LSTM with an output per step) and data; its fast copy gets the fast output layer too
        FastLstmTest.Pair p = FastLstmTest.pair(FastLstmTest.perStep(), 1);
        ComputationGraph reference = p.reference(), fast = p.fast();
        INDArray x = p.x(), y = p.y();
        assertThat(FastDense.install(fast)).isEqualTo(1);
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        assertThat(fast.score()).isCloseTo(reference.score(), org.assertj.core.data.Offset.offset(1e-12));
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));
        assertThat(FastDense.inUse(fast.getLayer("out"))).isTrue();
        ComputationGraph checked = new ComputationGraph(GraphCompiler.compile(FastLstmTest.perStep(), PathComparison.sgd(1.0), DataType.DOUBLE).conf());
        checked.init();
        FastLstm.install(checked);
        FastDense.install(checked);
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(checked)
                .inputs(new INDArray[] {x}).labels(new INDArray[] {y}).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9))).isTrue();
    }

    @Test
    void aStridedInputIsCopiedAndAgrees() throws Exception {
        // the output layer reads the last step of a sequence: a strided view BLAS cannot read in place
        FastLstmTest.Pair p = FastLstmTest.pair(FastLstmTest.stackedLastStep(), 2);
        assertThat(FastDense.install(p.fast())).isEqualTo(1);
        Map<String, INDArray> gFast = gradients(p.fast(), p.x(), p.y()), gRef = gradients(p.reference(), p.x(), p.y());
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k));
        close("output", p.fast().outputSingle(false, p.x()), p.reference().outputSingle(false, p.x()));
        assertThat(FastDense.inUse(p.fast().getLayer("out"))).isTrue();
    }

    @Test
    void theFastPathMatchesFiniteDifferences() throws Exception {
        Pair p = pair(everyActivation(), 1.0, 6);
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(p.fast())
                .inputs(new INDArray[] {p.x()}).labels(new INDArray[] {p.y()})
                .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9))).isTrue();
        assertThat(FastDense.inUse(p.fast().getLayer("relu"))).isTrue();
    }

    @Test
    void dropoutKeepsDl4jsPathAndAgrees() throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(everyActivation(), PathComparison.sgd(0.5), DataType.DOUBLE);
        var conf = c.conf().clone();
        var dense = (org.deeplearning4j.nn.conf.layers.DenseLayer) ((org.deeplearning4j.nn.conf.graph.LayerVertex) conf.getVertices().get("tanh")).getLayerConf().getLayer();
        dense.setIDropout(new org.deeplearning4j.nn.conf.dropout.Dropout(0.7));
        Nd4j.getRandom().setSeed(3);
        ComputationGraph reference = new ComputationGraph(conf);
        reference.init();
        ComputationGraph fast = reference.clone();
        FastDense.install(fast);
        Pair data = pair(everyActivation(), 0.5, 6);
        Nd4j.getRandom().setSeed(99);
        Map<String, INDArray> gFast = gradients(fast, data.x(), data.y());
        Nd4j.getRandom().setSeed(99);
        Map<String, INDArray> gRef = gradients(reference, data.x(), data.y());
        for (String k : gRef.keySet()) close(k + " gradient with dropout", gFast.get(k), gRef.get(k));
        assertThat(FastDense.inUse(fast.getLayer("tanh"))).as("dropout takes DL4J's path").isFalse();
        assertThat(FastDense.inUse(fast.getLayer("relu"))).isTrue();
    }

    @Test
    void aSavedNetworkLoadsInPlainDl4jWithTheSameOutputs() throws Exception {
        Pair p = pair(everyActivation(), 0.5, 6);
        p.fast().fit(new DataSet(p.x(), p.y()));
        File f = Files.createTempFile("fast-dense", ".zip").toFile();
        f.deleteOnExit();
        ModelSerializer.writeModel(p.fast(), f, true);
        ComputationGraph loaded = ComputationGraph.load(f, true);
        for (Layer l : loaded.getLayers()) assertThat(l).isNotInstanceOf(FastDenseLayer.class);
        close("output after loading", loaded.outputSingle(false, p.x()), p.fast().outputSingle(false, p.x()));
    }

    @Test
    void controlTheComparisonSeesOneColumnOffByOnePercent() throws Exception {
        Pair p = pair(everyActivation(), 0.5, 6);
        Map<String, INDArray> gFast = gradients(p.fast(), p.x(), p.y()), gRef = gradients(p.reference(), p.x(), p.y());
        INDArray broken = gFast.get("relu_W").dup();
        broken.getColumn(2).muli(1.01);
        assertThatThrownBy(() -> close("broken", broken, gRef.get("relu_W"))).isInstanceOf(AssertionError.class);
    }

    /** The running accuracy's predictions come from the kept probabilities: the same classes as the layer's output. */
    @Test
    void theKeptPredictionsAreTheOutputsClasses() throws Exception {
        Pair p = pair(everyActivation(), 0.5, 6);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 40, 6).subi(0.5).muli(6), y = Nd4j.zeros(DataType.DOUBLE, 40, 3);
        for (int i = 0; i < 40; i++) y.putScalar(i, i % 3, 1);
        FastOutputLayer out = (FastOutputLayer) p.fast().getLayer("out");
        int[][] seen = new int[2][];
        p.fast().setListeners(new org.deeplearning4j.optimize.api.BaseTrainingListener() {
            @Override
            public void onBackwardPass(org.deeplearning4j.nn.api.Model model) { // where the metrics listener reads them
                seen[0] = out.lastPredictions();
                seen[1] = org.layerlab.trainer.metrics.Classes.predicted(
                        out.activate(true, org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()));
            }
        });
        gradients(p.fast(), x, y);
        int[] kept = seen[0], fromOutput = seen[1];
        assertThat(kept).isEqualTo(fromOutput);
        assertThat(java.util.Arrays.stream(kept).distinct().count()).as("several classes predicted").isGreaterThan(1);
        // control: once the layer holds another input, the kept classes are stale and not handed out
        out.setInput(x.dup(), org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces());
        assertThat(out.lastPredictions()).isNull();
    }

    private static void close(String what, INDArray actual, INDArray expected) {
        // DL4J's leaky ReLU backward rounds its slope to single precision (0.01 → 0.0099999998): ≈ 1e-10 here
        PathComparison.close(what, actual, expected, 1e-9);
    }
}
