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
    void positionalEncodingTableFollowsTheFormula() {
        double[][] pe = PositionalEncodingLayer.table(6, 10, 10000);
        assertThat(pe[0][3]).isCloseTo(Math.sin(3), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(pe[1][3]).isCloseTo(Math.cos(3), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(pe[4][7]).isCloseTo(Math.sin(7 / Math.pow(10000, 4 / 6.0)), org.assertj.core.data.Offset.offset(1e-12));
    }
}
