package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Examples;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.testing.PathComparison;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adam's Java loop moves the parameters as ND4J's Adam op does, in single precision, across steps and
 * across a learning-rate change (which makes DL4J rebuild its updater, so the loop must be put back).
 * The updater state it leaves is the op's too. Blocks without regularization skip DL4J's empty regularization
 * pass; blocks with L2 or weight decay keep it and agree. The control trains the reference with another rate and
 * must be told apart.
 */
class FastAdamTest {

    @BeforeAll
    static void start() {
        Backend.init();
    }

    static TrainingSettings adam() {
        return RecordProperties.with(TrainingSettings.defaults(), "optimizer", "ADAM");
    }

    record Pair(ComputationGraph reference, ComputationGraph fast, DataSet batch) {}

    static Pair pair() throws Exception {
        return pair(adam());
    }

    static Pair pair(TrainingSettings s) throws Exception {
        // two compilations: a clone shares its updater's configuration, so a rate set on one would move both
        ComputationGraph reference = new ComputationGraph(GraphCompiler.compile(Examples.mlp(), s, DataType.FLOAT).conf());
        reference.init();
        ComputationGraph fast = new ComputationGraph(GraphCompiler.compile(Examples.mlp(), s, DataType.FLOAT).conf());
        fast.init(reference.params().dup(), false);
        INDArray x = Nd4j.rand(DataType.FLOAT, 32, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 32, 10);
        for (int i = 0; i < 32; i++) y.putScalar(i, i % 10, 1);
        return new Pair(reference, fast, new DataSet(x, y));
    }

    static void steps(Pair p, int n) {
        for (int i = 0; i < n; i++) {
            FastLayers.beforeFit(p.fast());
            p.fast().fit(p.batch());
            p.reference().fit(p.batch());
        }
    }

    @Test
    void theLoopMovesParametersAsTheOpDoesAcrossARateChange() throws Exception {
        Pair p = pair();
        steps(p, 4);
        assertThat(FastAdam.inUse(p.fast())).isTrue();
        close("parameters after four steps", p.fast().params(), p.reference().params());
        p.fast().setLearningRate(3e-3);
        p.reference().setLearningRate(3e-3);
        assertThat(FastAdam.inUse(p.fast())).as("DL4J rebuilt its updater").isFalse();
        steps(p, 3);
        assertThat(FastAdam.inUse(p.fast())).isTrue();
        close("parameters after a rate change", p.fast().params(), p.reference().params());
        close("Adam's moments", p.fast().getUpdater().getStateViewArray(), p.reference().getUpdater().getStateViewArray());
    }

    @Test
    void regularizedBlocksKeepDl4jsPassAndAgree() throws Exception {
        Pair p = pair(RecordProperties.with(RecordProperties.with(adam(), "l2", 1e-2), "weightDecay", 1e-3));
        steps(p, 3);
        assertThat(p.fast().getUpdater().getUpdaterBlocks()).allSatisfy(b -> assertThat(b).isNotInstanceOf(LeanUpdaterBlock.class));
        close("parameters with L2 and weight decay", p.fast().params(), p.reference().params());
        Pair plain = pair();
        steps(plain, 2); // DL4J builds its updater afresh at the first fit
        assertThat(plain.fast().getUpdater().getUpdaterBlocks()).allSatisfy(b -> assertThat(b).isInstanceOf(LeanUpdaterBlock.class));
    }

    @Test
    void controlAnotherRateIsToldApart() throws Exception {
        Pair p = pair();
        steps(p, 2);
        p.reference().setLearningRate(1.1e-3);
        steps(p, 2);
        assertThatThrownBy(() -> close("rates 1e-3 and 1.1e-3", p.fast().params(), p.reference().params())).isInstanceOf(AssertionError.class);
    }

    /** 300,000 parameters (LeNet has 431,000): the loop in chunks over the cores, the same bits as on one thread, and Adam's own op's steps. */
    @Test
    void aLargeBlockSharedOutOverTheCoresStepsAsOneLoopAndAsTheOp() {
        int n = 300_000;
        Nd4j.getRandom().setSeed(2);
        INDArray[] gradients = {Nd4j.randn(DataType.FLOAT, 1, n), Nd4j.randn(DataType.FLOAT, 1, n), Nd4j.randn(DataType.FLOAT, 1, n)};
        INDArray[] split = steps(gradients, false, true), oneThread = steps(gradients, true, true), op = steps(gradients, false, false);
        for (int i = 0; i < 3; i++) assertThat(split[i].data().asFloat()).as("step %d, split and one thread", i).isEqualTo(oneThread[i].data().asFloat());
        // the updates themselves, not parameters after them: the op's single-precision arithmetic differs in the last bits
        for (int i = 0; i < 3; i++) PathComparison.close("step " + i + " against Adam's op", split[i], op[i], 1e-5);
    }

    /** Three Adam updates of fresh copies of the gradients; returns the updates. */
    private static INDArray[] steps(INDArray[] gradients, boolean oneThread, boolean loop) {
        int n = (int) gradients[0].length();
        org.nd4j.linalg.learning.AdamUpdater inner = new org.nd4j.linalg.learning.AdamUpdater(new org.nd4j.linalg.learning.config.Adam(1e-3));
        inner.setStateViewArray(Nd4j.zeros(DataType.FLOAT, 1, 2L * n), new long[] {1, n}, 'c', true);
        org.nd4j.linalg.learning.GradientUpdater<?> u = loop ? new FastAdam.Loop(inner) : inner;
        INDArray[] out = new INDArray[gradients.length];
        if (oneThread) System.setProperty("layerlab.channelSplit.off", "true");
        try {
            for (int i = 0; i < gradients.length; i++) {
                out[i] = gradients[i].dup();
                u.applyUpdater(out[i], i, 0);
            }
        } finally {
            System.clearProperty("layerlab.channelSplit.off");
        }
        return out;
    }

    private static void close(String what, INDArray actual, INDArray expected) {
        // single precision: the loop and the op round differently in the last bits
        PathComparison.close(what, actual, expected, 2e-6);
    }
}
