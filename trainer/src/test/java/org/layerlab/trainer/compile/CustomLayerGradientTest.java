package org.layerlab.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.layers.PositionalEncodingLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** LayerLab's own DL4J layers: analytic gradients equal central finite differences (double precision). */
class CustomLayerGradientTest {

    @BeforeAll
    static void doublePrecision() {
        Backend.init();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @org.junit.jupiter.api.AfterAll
    static void singlePrecisionAgain() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    /** Gradient checks need plain SGD at rate 1 so DL4J's updater leaves the gradient untouched. */
    static TrainingSettings sgd1() {
        return org.layerlab.graph.spec.RecordProperties.with(
                org.layerlab.graph.spec.RecordProperties.with(TrainingSettings.defaults(), "optimizer", "SGD"),
                "learningRate", 1.0);
    }

    static boolean check(Graph g, INDArray input, INDArray labels) throws Exception {
        Nd4j.getRandom().setSeed(12345);
        GraphCompiler.Compiled c = GraphCompiler.compile(g, sgd1(), DataType.DOUBLE);
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels})
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
    }

    static INDArray oneHot(int n, int classes) {
        INDArray l = Nd4j.zeros(DataType.DOUBLE, n, classes);
        for (int i = 0; i < n; i++) l.putScalar(i, i % classes, 1.0);
        return l;
    }

    @Test
    void theCheckItselfPassesOnPlainDense() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(5)).layer("d", new DenseSpec(6, Activation.TANH, true))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThat(check(g, Nd4j.rand(DataType.DOUBLE, 4, 5), oneHot(4, 3))).isTrue();
    }

    @Test
    void positionalEncodingPassesGradientsThrough() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(5, 4)).layer("pe", new PositionalEncodingSpec(100))
                .layer("rnn", new SimpleRnnSpec(3, Activation.TANH, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThat(check(g, Nd4j.rand(DataType.DOUBLE, 3, 4, 5), oneHot(3, 2))).isTrue();
    }

    @Test
    void layerNormOnVectorsMatchesFiniteDifferences() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(5)).layer("d", new DenseSpec(6, Activation.TANH, true))
                .layer("ln", new LayerNormSpec(1e-5))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThat(check(g, Nd4j.rand(DataType.DOUBLE, 4, 5), oneHot(4, 3))).isTrue();
    }

    @Test
    void layerNormOnSequencesNormalizesEachStepsFeatures() throws Exception {
        // a layer with parameters before the norm, so the gradient it passes back is checked too
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(4, 3)).layer("rnn0", new SimpleRnnSpec(4, Activation.TANH, true))
                .layer("ln", new LayerNormSpec(1e-5))
                .layer("rnn", new SimpleRnnSpec(3, Activation.TANH, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThat(check(g, Nd4j.rand(DataType.DOUBLE, 3, 3, 4), oneHot(3, 2))).isTrue();
    }

    @Test
    void layerNormOnImagesNormalizesEachPixelsChannels() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.image(4, 4, 2))
                .layer("c", Conv2DSpec.of(3, 2, 1, Padding.VALID, Activation.TANH)).layer("ln", new LayerNormSpec(1e-5))
                .layer("flat", new FlattenSpec())
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThat(check(g, Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 4), oneHot(2, 2))).isTrue();
    }

    @Test
    void layerNormOutputHasZeroMeanAndUnitVariancePerExampleBeforeGainAndBias() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(6)).layer("ln", new LayerNormSpec(1e-8))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(g, sgd1(), DataType.DOUBLE).conf());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 6).muli(10).addi(4);
        INDArray y = net.feedForward(new INDArray[] {x}, false).get("ln");
        for (int i = 0; i < 3; i++) {
            INDArray row = y.getRow(i);
            assertThat(row.meanNumber().doubleValue()).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(row.mul(row).meanNumber().doubleValue()).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-6));
        }
        // the normalized row, by hand
        double[] r = x.getRow(0).toDoubleVector();
        double mean = java.util.Arrays.stream(r).average().orElseThrow();
        double var = java.util.Arrays.stream(r).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        assertThat(y.getDouble(0, 2)).isCloseTo((r[2] - mean) / Math.sqrt(var + 1e-8), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aNetworkWithLayerNormSavesAndLoadsWithPlainModelSerializer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(5)).layer("d", new DenseSpec(6, Activation.TANH, true))
                .layer("ln", new LayerNormSpec(1e-5))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(g, TrainingSettings.defaults(), DataType.DOUBLE).conf());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 5);
        net.fit(new org.nd4j.linalg.dataset.DataSet(x, oneHot(4, 3))); // gain and bias move away from 1 and 0
        java.io.File f = dir.resolve("ln.zip").toFile();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, f, true);
        ComputationGraph back = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(f);
        assertThat(back.outputSingle(x).equalsWithEps(net.outputSingle(x), 1e-12)).isTrue();
        assertThat(back.getLayer("ln").getParam("bias").sumNumber().doubleValue()).isNotEqualTo(0.0);
    }

    @Test
    void stackedGrusMatchFiniteDifferences() throws Exception {
        // the upper GRU's input gradient reaches the lower GRU's parameters, so both directions are checked
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(5, 3)).layer("gru0", new GruSpec(4, true))
                .layer("gru", new GruSpec(3, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThat(check(g, Nd4j.rand(DataType.DOUBLE, 3, 3, 5).subi(0.5).muli(4), oneHot(3, 2))).isTrue();
    }

    @Test
    void bidirectionalGruMatchesFiniteDifferences() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(4, 3))
                .layer("bi", new BidirectionalSpec(RecurrentCell.GRU, 3, Activation.SIGMOID, MergeMode.CONCAT, true))
                .layer("gru", new GruSpec(2, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        assertThat(check(g, Nd4j.rand(DataType.DOUBLE, 3, 3, 4).subi(0.5).muli(4), oneHot(3, 2))).isTrue();
    }

    @Test
    void gruWithMaskedStepsMatchesFiniteDifferences() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(5, 2)).layer("gru0", new GruSpec(3, true))
                .layer("gru", new GruSpec(3, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        Nd4j.getRandom().setSeed(12345);
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(g, sgd1(), DataType.DOUBLE).conf());
        net.init();
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 3, 5);
        mask.putScalar(0, 4, 0);
        mask.putScalar(0, 3, 0);
        mask.putScalar(2, 4, 0);
        assertThat(GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(net)
                .inputs(new INDArray[] {Nd4j.rand(DataType.DOUBLE, 3, 2, 5).subi(0.5)}).labels(new INDArray[] {oneHot(3, 2)})
                .inputMask(new INDArray[] {mask}).epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8))).isTrue();
    }

    @Test
    void gruFollowsItsEquationsAndStepsLikeTheWholeSequence() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(4, 2)).layer("gru", new GruSpec(3, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(g, sgd1(), DataType.DOUBLE).conf());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 4).subi(0.5).muli(3);
        INDArray whole = net.feedForward(new INDArray[] {x}, false).get("gru");

        // the same numbers from the equations, written out with plain loops
        INDArray w = net.getLayer("gru").getParam("W"), rw = net.getLayer("gru").getParam("RW"), b = net.getLayer("gru").getParam("b");
        for (int ex = 0; ex < 2; ex++) {
            double[] h = new double[3];
            for (int t = 0; t < 4; t++) {
                double[] z = new double[3], r = new double[3], next = new double[3];
                for (int j = 0; j < 3; j++) {
                    z[j] = sigmoid(gate(x, ex, t, w, rw, b, h, j, 0));
                    r[j] = sigmoid(gate(x, ex, t, w, rw, b, h, j, 1));
                }
                for (int j = 0; j < 3; j++) {
                    double a = b.getDouble(0, 6 + j);
                    for (int i = 0; i < 2; i++) a += x.getDouble(ex, i, t) * w.getDouble(i, 6 + j);
                    for (int k = 0; k < 3; k++) a += r[k] * h[k] * rw.getDouble(k, 6 + j);
                    next[j] = (1 - z[j]) * Math.tanh(a) + z[j] * h[j];
                }
                h = next;
                for (int j = 0; j < 3; j++) {
                    assertThat(whole.getDouble(ex, j, t)).isCloseTo(h[j], org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
        // one step at a time with the state carried over gives the same outputs
        for (int t = 0; t < 4; t++) {
            INDArray step = x.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(t, t + 1));
            INDArray out = net.rnnTimeStep(step)[0];
            INDArray expected = net.outputSingle(x).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(t));
            assertThat(out.reshape(expected.shape()).equalsWithEps(expected, 1e-12)).as("step " + t).isTrue();
        }
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    /** Pre-activation of gate (0 update, 1 reset) for unit j: x·W + h·RW + b in that gate's columns. */
    private static double gate(INDArray x, int ex, int t, INDArray w, INDArray rw, INDArray b, double[] h, int j, int gate) {
        int col = gate * 3 + j;
        double a = b.getDouble(0, col);
        for (int i = 0; i < 2; i++) a += x.getDouble(ex, i, t) * w.getDouble(i, col);
        for (int k = 0; k < 3; k++) a += h[k] * rw.getDouble(k, col);
        return a;
    }

    @Test
    void aNetworkWithGrusSavesAndLoadsWithPlainModelSerializer(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(4, 2))
                .layer("bi", new BidirectionalSpec(RecurrentCell.GRU, 3, Activation.TANH, MergeMode.ADD, true))
                .layer("gru", new GruSpec(3, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        ComputationGraph net = new ComputationGraph(GraphCompiler.compile(g, TrainingSettings.defaults(), DataType.DOUBLE).conf());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 2, 4);
        net.fit(new org.nd4j.linalg.dataset.DataSet(x, oneHot(4, 2)));
        java.io.File f = dir.resolve("gru.zip").toFile();
        org.deeplearning4j.util.ModelSerializer.writeModel(net, f, true);
        ComputationGraph back = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(f);
        assertThat(back.outputSingle(x).equalsWithEps(net.outputSingle(x), 1e-12)).isTrue();
        assertThat(back.getConfiguration().toJson()).isEqualTo(net.getConfiguration().toJson());
    }

    @Test
    void positionalEncodingTableFollowsTheFormula() {
        double[][] pe = PositionalEncodingLayer.table(6, 10, 10000);
        assertThat(pe[0][3]).isCloseTo(Math.sin(3), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(pe[1][3]).isCloseTo(Math.cos(3), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(pe[4][7]).isCloseTo(Math.sin(7 / Math.pow(10000, 4 / 6.0)), org.assertj.core.data.Offset.offset(1e-12));
    }
}
