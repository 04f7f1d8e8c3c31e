package org.layerlab.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Synthetic;
import org.layerlab.trainer.metrics.FloatSeries;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;
import org.layerlab.trainer.metrics.MetricsListener;
import org.nd4j.linalg.factory.Nd4j;

class TrainingRunTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static TrainingSettings settings(TrainingSettings.Optimizer opt, double lr, int batch, int epochs) {
        TrainingSettings s = TrainingSettings.defaults();
        return new TrainingSettings(7, opt, lr, s.momentum(), s.beta1(), s.beta2(), s.epsilon(), s.rmsDecay(),
                s.schedule(), s.scheduleGamma(), s.scheduleStep(), s.warmupIterations(), s.minLearningRateFraction(),
                s.weightInit(), 0, 0, 0, 0, s.clipping(), s.clipThreshold(), batch, epochs, 0, 0);
    }

    static Graph xorMlp(int hidden) {
        GraphBuilder b = new GraphBuilder().layer("in", InputSpec.vector(2));
        if (hidden > 0) b.layer("h", new DenseSpec(hidden, Activation.TANH, true));
        return b.layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    static TrainingRun run(Graph g, TrainingSettings s, Dataset train, Dataset val) throws Exception {
        return new TrainingRun("test", GraphCompiler.compile(g, s), s, train, val, null, 5);
    }

    /** The same points labelled by AND (both near 1; XOR's clusters sit at 0 and 1): linearly separable, unlike XOR. */
    static Dataset and(Dataset xor) {
        org.nd4j.linalg.api.ndarray.INDArray x = xor.features();
        org.nd4j.linalg.api.ndarray.INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, x.rows(), 2);
        for (int i = 0; i < x.rows(); i++) y.putScalar(i, x.getDouble(i, 0) > 0.5 && x.getDouble(i, 1) > 0.5 ? 1 : 0, 1);
        return new Dataset(x, y);
    }

    @Test
    void anMlpSolvesXorWhereAPerceptronCannot() throws Exception {
        Dataset xor = Synthetic.xor(25, 0.05, 1);
        Dataset held = Synthetic.xor(25, 0.05, 2); // validation on other points than training
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 0.05, 20, 60);
        TrainingRun mlp = run(xorMlp(8), s, xor, held);
        TrainingRun perceptron = run(xorMlp(0), s, xor, held);
        // positive control: the same perceptron, settings and points, labelled by AND, which a line separates
        TrainingRun perceptronOnAnd = run(xorMlp(0), s, and(xor), and(held));
        for (TrainingRun r : List.of(mlp, perceptron, perceptronOnAnd)) r.start();
        for (TrainingRun r : List.of(mlp, perceptron, perceptronOnAnd)) assertThat(r.await(120_000)).isTrue();
        assertThat(mlp.state()).isEqualTo(RunState.FINISHED);
        assertThat(mlp.lastValidation().accuracy()).isEqualTo(1.0);
        assertThat(perceptronOnAnd.lastValidation().accuracy()).as("a perceptron that can learn at all").isEqualTo(1.0);
        // on XOR the best line gets three of the four clusters; the loss stays near chance's ln 2
        assertThat(perceptron.lastValidation().accuracy()).isLessThanOrEqualTo(0.75);
        assertThat(perceptron.lastValidation().loss()).isGreaterThan(0.5);
        assertThat(mlp.lastValidation().loss()).isLessThan(0.1);
        assertThat(mlp.iteration()).isEqualTo(60 * 5); // ceil(100 / 20) iterations per epoch
        int[][] confusion = mlp.lastValidation().confusion();
        assertThat(confusion[0][0] + confusion[1][1]).isEqualTo(100);
        // training accuracy is the running value over each epoch's batches
        List<MetricSample.Epoch> mlpEpochs = mlp.history().epochs();
        assertThat(mlpEpochs.get(mlpEpochs.size() - 1).trainAccuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(perceptron.history().epochs().get(59).trainAccuracy()).isLessThanOrEqualTo(0.8);
    }

    @Test
    void epochBatchesAreTheSeededShuffleCutInOrder() throws Exception {
        Dataset data = Synthetic.spiral(23, 3, 0.05, 3);
        try (EpochBatches source = new EpochBatches(data, 16, 7, "test-batches")) {
            for (int e = 0; e < 3; e++) {
                EpochBatches.Epoch epoch = source.prepare(e);
                List<org.nd4j.linalg.dataset.DataSet> expected = data.shuffled(7 + e).batches(16);
                assertThat(epoch.count()).isEqualTo(expected.size()).isEqualTo(5);
                for (org.nd4j.linalg.dataset.DataSet want : expected) {
                    Dataset got = epoch.next();
                    assertThat(got.features()).isEqualTo(want.getFeatures());
                    assertThat(got.labels()).isEqualTo(want.getLabels());
                }
            }
        }
    }

    /** Class = sign of the first step of a noisy sequence: the answer must be carried through every later step. */
    static Dataset rememberTheFirstStep(int n, int steps, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        org.nd4j.linalg.api.ndarray.INDArray x = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 1, steps);
        org.nd4j.linalg.api.ndarray.INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            int c = rnd.nextInt(2);
            x.putScalar(new long[] {i, 0, 0}, c == 1 ? 1 : -1);
            for (int t = 1; t < steps; t++) x.putScalar(new long[] {i, 0, t}, rnd.nextGaussian() * 0.5);
            y.putScalar(i, c, 1);
        }
        return new Dataset(x, y);
    }

    @Test
    void aGruRemembersTheFirstStepOfANoisySequence() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.sequence(12, 1)).layer("gru", new GruSpec(8, false))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        TrainingRun r = run(g, settings(TrainingSettings.Optimizer.ADAM, 0.02, 32, 15), rememberTheFirstStep(256, 12, 1),
                rememberTheFirstStep(200, 12, 2));
        r.start();
        assertThat(r.await(120_000)).isTrue();
        assertThat(r.state()).isEqualTo(RunState.FINISHED);
        assertThat(r.lastValidation().accuracy()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void theSameSeedAndDataGiveTheSameLossSequence() throws Exception {
        Dataset data = Synthetic.spiral(50, 3, 0.05, 3);
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(2))
                .layer("h", new DenseSpec(16, Activation.RELU, true)).layer("d", new DropoutSpec(0.2))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 0.01, 16, 3);
        TrainingRun a = run(g, s, data, null);
        TrainingRun b = run(g, s, data, null);
        a.start();
        assertThat(a.await(60_000)).isTrue();
        b.start();
        assertThat(b.await(60_000)).isTrue();
        assertThat(a.history().score().toArray()).hasSize(30).containsExactly(b.history().score().toArray());
    }

    @Test
    void pauseStepResumeAndStop() throws Exception {
        Dataset data = Synthetic.spiral(100, 2, 0.05, 3);
        TrainingRun r = run(xorMlp(8), settings(TrainingSettings.Optimizer.SGD, 0.1, 10, 1000), data, null);
        r.start(true);
        Thread.sleep(50);
        assertThat(r.iteration()).isZero();
        for (int i = 0; i < 3; i++) r.step();
        r.awaitIterations(3, 10_000);
        Thread.sleep(50);
        assertThat(r.iteration()).isEqualTo(3);
        assertThat(r.state()).isEqualTo(RunState.PAUSED);
        r.resume();
        r.awaitIterations(50, 30_000);
        assertThat(r.state()).isEqualTo(RunState.RUNNING);
        r.stop();
        assertThat(r.await(10_000)).isTrue();
        assertThat(r.state()).isEqualTo(RunState.STOPPED);
        assertThat(r.history().events()).extracting(MetricSample.Event::kind)
                .contains(MetricSample.EventKind.STARTED, MetricSample.EventKind.PAUSED, MetricSample.EventKind.RESUMED,
                        MetricSample.EventKind.STOPPED);
    }

    @Test
    void aDivergingRunStopsWithinOneIterationNamingTheLayerAndAFix() throws Exception {
        Dataset data = new Dataset(Nd4j.rand(64, 4).muli(1000), Nd4j.rand(64, 1).muli(1000));
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(4)).layer("d1", new DenseSpec(8, Activation.IDENTITY, true))
                .layer("out", new OutputSpec(1, Activation.IDENTITY, Loss.MSE)).build();
        TrainingRun r = run(g, settings(TrainingSettings.Optimizer.SGD, 10, 16, 50), data, null);
        r.start();
        assertThat(r.await(30_000)).isTrue();
        assertThat(r.state()).isEqualTo(RunState.FAILED);
        assertThat(r.failure()).contains("loss became").contains("'d1'").contains("lower the learning rate");
        FloatSeries score = r.history().score();
        assertThat(score.size()).isEqualTo(r.iteration());
        for (int i = 0; i < score.size() - 1; i++) assertThat(Float.isFinite(score.get(i))).isTrue();
    }

    @Test
    void learningRateCanChangeWhileRunning() throws Exception {
        Dataset data = Synthetic.spiral(100, 2, 0.05, 3);
        TrainingRun r = run(xorMlp(8), settings(TrainingSettings.Optimizer.SGD, 0.1, 10, 1000), data, null);
        r.start(true);
        r.step();
        r.awaitIterations(1, 10_000);
        r.setLearningRate(0.003);
        r.step();
        r.awaitIterations(2, 10_000);
        r.stop();
        r.await(10_000);
        float[] lr = r.history().learningRate().toArray();
        assertThat(lr[0]).isEqualTo(0.1f);
        assertThat(lr[1]).isEqualTo(0.003f);
        assertThat(r.history().events()).extracting(MetricSample.Event::kind).contains(MetricSample.EventKind.LEARNING_RATE_CHANGED);
    }

    @Test
    void aForkContinuesExactlyWhereTheParentWas() throws Exception {
        Dataset data = Synthetic.spiral(100, 2, 0.05, 3);
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 0.01, 10, 1000);
        TrainingRun parent = run(xorMlp(8), s, data, null);
        parent.start(true);
        for (int i = 1; i <= 7; i++) {
            parent.step();
            parent.awaitIterations(i, 10_000);
        }
        TrainingRun child = parent.fork("child", s, null);
        // Adam's moments were copied: the optimizer state is the parent's, and not all zero
        org.nd4j.linalg.api.ndarray.INDArray state = child.inspect(n -> n.getUpdater().getStateViewArray().dup());
        org.nd4j.linalg.api.ndarray.INDArray parentState = parent.inspect(n -> n.getUpdater().getStateViewArray().dup());
        assertThat((Object) state).isEqualTo(parentState);
        assertThat(state.amaxNumber().doubleValue()).isPositive();
        child.start(true);
        // both step 30 more batches (crossing an epoch boundary at 20): every loss and the final parameters agree exactly
        for (int i = 8; i <= 37; i++) {
            parent.step();
            parent.awaitIterations(i, 10_000);
            child.step();
            child.awaitIterations(i, 10_000);
        }
        assertThat(parent.iteration()).isEqualTo(37);
        assertThat(child.iteration()).isEqualTo(37);
        assertThat(child.history().iterations().get(0)).isEqualTo(7);
        float[] parentScores = java.util.Arrays.copyOfRange(parent.history().score().toArray(), 7, 37);
        assertThat(child.history().score().toArray()).containsExactly(parentScores);
        org.nd4j.linalg.api.ndarray.INDArray childParams = child.inspect(n -> n.params().dup());
        assertThat((Object) childParams).isEqualTo(parent.inspect(n -> n.params().dup()));
        parent.stop();
        child.stop();
    }

    @Test
    void aForkWithAnotherRateLeavesTheParentsRateAlone() throws Exception {
        Dataset data = Synthetic.spiral(100, 2, 0.05, 3);
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 0.01, 10, 1000);
        TrainingRun parent = run(xorMlp(8), s, data, null);
        parent.start(true);
        for (int i = 1; i <= 3; i++) {
            parent.step();
            parent.awaitIterations(i, 10_000);
        }
        TrainingRun child = parent.fork("faster", settings(TrainingSettings.Optimizer.ADAM, 0.05, 10, 1000), null);
        child.start(true);
        child.step();
        child.awaitIterations(4, 10_000);
        parent.step();
        parent.awaitIterations(4, 10_000);
        // DL4J's clone shares the optimizer's configuration: the child's rate used to become the parent's too
        assertThat((double) child.inspect(n -> n.getLearningRate("h"))).isEqualTo(0.05);
        assertThat((double) parent.inspect(n -> n.getLearningRate("h"))).isEqualTo(0.01);
        assertThat(parent.history().learningRate().toArray()).containsOnly(0.01f);
        parent.stop();
        child.stop();
    }

    @Test
    void aFinishedRunForksIntoMoreEpochs() throws Exception {
        Dataset data = Synthetic.spiral(50, 2, 0.05, 3);
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 0.01, 10, 2);
        TrainingRun parent = run(xorMlp(8), s, data, null);
        parent.start();
        assertThat(parent.await(30_000)).isTrue();
        assertThat(parent.iteration()).isEqualTo(20);
        TrainingRun child = parent.fork("more", s, null);
        assertThat(child.settings().epochs()).isEqualTo(4); // two more than the parent's two
        child.start();
        assertThat(child.await(30_000)).isTrue();
        assertThat(child.state()).isEqualTo(RunState.FINISHED);
        assertThat(child.iteration()).isEqualTo(40);
        assertThat(child.history().epochs()).extracting(MetricSample.Epoch::epoch).containsExactly(2, 3);
        // a released run keeps its history but cannot be forked
        parent.release();
        assertThat(parent.hasNetwork()).isFalse();
        assertThat(parent.history().score().size()).isEqualTo(20);
        assertThatThrownBy(() -> parent.fork("x", s, null)).isInstanceOf(IllegalStateException.class).hasMessageContaining("released");
    }

    @Test
    void earlyStoppingRestoresTheBestValidationParameters() throws Exception {
        Dataset all = Synthetic.spiral(40, 3, 0.3, 5);
        Dataset[] split = all.split(0.5, 1);
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(2)).layer("h1", new DenseSpec(128, Activation.RELU, true))
                .layer("h2", new DenseSpec(128, Activation.RELU, true))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        TrainingSettings base = settings(TrainingSettings.Optimizer.ADAM, 0.01, 10, 200);
        TrainingSettings s = org.layerlab.graph.spec.RecordProperties.with(base, "earlyStoppingPatience", 5);
        TrainingRun r = run(g, s, split[0], split[1]);
        r.start();
        assertThat(r.await(120_000)).isTrue();
        List<MetricSample.Epoch> epochs = r.history().epochs();
        double best = epochs.stream().mapToDouble(MetricSample.Epoch::validationLoss).min().orElseThrow();
        double now = Evaluation.of(r.network(), split[1], Loss.CATEGORICAL_CROSS_ENTROPY, 10).loss();
        assertThat(now).isCloseTo(best, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(r.history().events()).extracting(MetricSample.Event::kind).contains(MetricSample.EventKind.EARLY_STOPPED);
    }

    @Test
    void perLayerMetricsAreMeasured() throws Exception {
        Dataset data = Synthetic.spiral(50, 2, 0.05, 3);
        TrainingRun r = run(xorMlp(8), settings(TrainingSettings.Optimizer.SGD, 0.1, 10, 2), data, null);
        r.start();
        assertThat(r.await(30_000)).isTrue();
        MetricHistory.LayerSeries h = r.history().layers().get("h");
        assertThat(h.iterations.toArray()).startsWith(0, 5, 10);
        for (float v : h.gradientNorm.toArray()) assertThat(v).isPositive().isFinite();
        for (float v : h.updateRatio.toArray()) assertThat(v).isPositive().isLessThan(1f);
        for (float v : h.deadFraction.toArray()) assertThat(v).isBetween(0f, 1f);
        var w = r.history().lastHistogram("h", MetricSample.Histogram.Kind.WEIGHTS);
        assertThat(java.util.Arrays.stream(w.counts()).sum()).isEqualTo(2 * 8);
        // the whole run's histograms are kept, one per sampled iteration, gradients too
        var all = r.history().histograms("h", MetricSample.Histogram.Kind.GRADIENTS);
        assertThat(all.size()).isEqualTo(h.iterations.size());
        assertThat(all.get(1).iteration()).isEqualTo(5);
        assertThat(all.get(1).min()).isLessThanOrEqualTo(all.get(1).max());
    }

    @Test
    void aMillionIterationsOfScalarsFitInAFewMegabytes() throws InterruptedException {
        // measured on the heap, not by the class's own arithmetic: retained bytes after a full collection
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        // earlier tests' native arrays are freed by JavaCPP's deallocator thread after a first collection
        // finds them unreachable; their Java objects go with the next one. Measured after a single
        // collection, that happened between the two measurements and this read minus 5 MB
        System.gc();
        Thread.sleep(200);
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        MetricHistory h = new MetricHistory();
        for (int i = 0; i < 1_000_000; i++) h.accept(new MetricSample.Iteration(1, i, i / 1000, 0.5, 0.01));
        System.gc();
        long retained = memory.getHeapMemoryUsage().getUsed() - before;
        assertThat(h.score().size()).isEqualTo(1_000_000);
        assertThat(h.iterationEpochs()[999_999]).isEqualTo(999);
        // iteration, loss and learning rate at 4 bytes each, in arrays that double as they grow: 12.6 MB of
        // arrays; G1 keeps each 4 MB array in whole heap regions, which adds up to a region per array
        assertThat(h.bytes()).isBetween(12_000_000L, 13_000_000L);
        // the lower bound only shows the measurement saw the arrays: garbage of earlier tests freed by the second
        // collection can make it read low (once 10.2 MB of 12.6)
        assertThat(retained).as("bytes retained by a million iterations").isBetween(h.bytes() / 2, h.bytes() + 7_000_000L);
    }

    @Test
    void histogramHistorySpansTheRunAtHalvingResolution() {
        MetricHistory h = new MetricHistory();
        int[] counts = new int[MetricsListener.BINS];
        for (int i = 0; i < 10_000; i++) {
            counts[i % counts.length] = i;
            h.accept(new MetricSample.Histogram(1, i, "d", MetricSample.Histogram.Kind.WEIGHTS, -i, i, counts));
        }
        var s = h.histograms("d", MetricSample.Histogram.Kind.WEIGHTS);
        assertThat(s.size()).isBetween(1024, 2048);
        int[] its = java.util.Arrays.stream(s.toArray()).mapToInt(e -> e.iteration()).toArray();
        assertThat(its[0]).isZero();
        assertThat(its[its.length - 1]).isGreaterThan(9_990 - 8);
        int step = its[1] - its[0];
        for (int i = 1; i < its.length; i++) assertThat(its[i] - its[i - 1]).isEqualTo(step); // evenly thinned
        var e = s.get(10);
        assertThat(e.min()).isEqualTo(-e.iteration());
        assertThat(e.counts()[e.iteration() % MetricsListener.BINS]).isEqualTo(e.iteration());
        assertThat(h.bytes()).isLessThan(400_000L);
    }

    @Test
    void anImpossibleNetworkIsRefusedWithAnEstimate() {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(100_000)).layer("d", new DenseSpec(1_000_000, Activation.RELU, true))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        TrainingSettings s = settings(TrainingSettings.Optimizer.SGD, 0.1, 32, 1);
        assertThatThrownBy(() -> run(g, s, Synthetic.xor(1, 0, 1), null))
                .hasMessageContaining("needs about").hasMessageContaining("reduce the batch size or the layer sizes");
    }
}
