package org.layerlab.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.project.TrainingSettings.Schedule;
import org.layerlab.trainer.backend.Backend;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;

class ScheduleAndUpdaterTest {

    @Test
    void schedulesFollowTheirFormulas() {
        assertThat(Schedules.learningRate(Schedule.CONSTANT, 0.1, 0.5, 10, 0, 0, 77)).isEqualTo(0.1);
        assertThat(Schedules.learningRate(Schedule.STEP, 0.1, 0.5, 10, 0, 0, 25)).isCloseTo(0.025, offset(1e-15));
        assertThat(Schedules.learningRate(Schedule.EXPONENTIAL, 0.1, 0.5, 10, 0, 0, 5)).isCloseTo(0.1 * Math.pow(0.5, 0.5), offset(1e-15));
        assertThat(Schedules.learningRate(Schedule.COSINE, 0.1, 0.5, 100, 0, 0.0, 50)).isCloseTo(0.05, offset(1e-12));
        assertThat(Schedules.learningRate(Schedule.COSINE, 0.1, 0.5, 100, 0, 0.1, 100)).isCloseTo(0.01, offset(1e-12));
        assertThat(Schedules.learningRate(Schedule.COSINE, 0.1, 0.5, 100, 0, 0.1, 500)).isCloseTo(0.01, offset(1e-12));
        assertThat(Schedules.learningRate(Schedule.WARMUP, 0.1, 0.5, 10, 4, 0, 0)).isCloseTo(0.025, offset(1e-15));
        assertThat(Schedules.learningRate(Schedule.WARMUP, 0.1, 0.5, 10, 4, 0, 3)).isCloseTo(0.1, offset(1e-15));
    }

    @Test
    void dl4jAppliesTheScheduleToItsUpdates() throws Exception {
        // plain SGD, so each step moves the parameters by exactly rate × gradient: the rate DL4J used is
        // read back from what the parameters did, and compared with the schedule's formula written out here
        TrainingSettings s = TrainingSettings.defaults();
        s = org.layerlab.graph.spec.RecordProperties.with(s, "optimizer", "SGD");
        s = org.layerlab.graph.spec.RecordProperties.with(s, "learningRate", 0.1);
        s = org.layerlab.graph.spec.RecordProperties.with(s, "schedule", "STEP");
        s = org.layerlab.graph.spec.RecordProperties.with(s, "scheduleGamma", 0.5);
        s = org.layerlab.graph.spec.RecordProperties.with(s, "scheduleStep", 3);
        Backend.init();
        org.layerlab.graph.Graph g = new org.layerlab.graph.GraphBuilder().layer("in", org.layerlab.graph.spec.InputSpec.vector(3))
                .layer("out", new org.layerlab.graph.spec.OutputSpec(2, org.layerlab.graph.spec.Activation.IDENTITY,
                        org.layerlab.graph.spec.Loss.MSE)).build();
        org.deeplearning4j.nn.graph.ComputationGraph net = new org.deeplearning4j.nn.graph.ComputationGraph(
                GraphCompiler.compile(g, s, org.nd4j.linalg.api.buffer.DataType.DOUBLE).conf());
        net.init();
        // one example: DL4J divides a batch's summed gradient by its size before the updater sees it
        INDArray x = Nd4j.createFromArray(new double[][] {{1, -2, 0.5}});
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 0}});
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125};
        for (int t = 0; t < expected.length; t++) {
            net.setInputs(x);
            net.setLabels(y);
            net.computeGradientAndScore();
            INDArray gradient = net.gradient().gradient().dup();
            INDArray before = net.params().dup();
            net.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
            INDArray step = before.sub(net.params());
            int k = gradient.argMax().getInt(0);
            double used = step.getDouble(k) / gradient.getDouble(k);
            assertThat(used).as("rate DL4J used at iteration " + t).isCloseTo(expected[t], offset(1e-9));
            assertThat(step.equalsWithEps(gradient.mul(expected[t]), 1e-12)).as("every parameter moved by rate × gradient").isTrue();
        }
    }

    @Test
    void heavyBallMomentumAccumulatesVelocity() {
        Backend.init();
        MomentumUpdater config = new MomentumUpdater(new org.nd4j.linalg.schedule.FixedSchedule(0.1), 0.9);
        INDArray state = Nd4j.zeros(3);
        GradientUpdater<?> u = config.instantiate(state, true);
        INDArray g1 = Nd4j.createFromArray(1f, -2f, 0.5f);
        u.applyUpdater(g1, 0, 0);
        assertThat(g1.toFloatVector()).containsExactly(0.1f, -0.2f, 0.05f);
        INDArray g2 = Nd4j.createFromArray(1f, 0f, 0f);
        u.applyUpdater(g2, 1, 0);
        // v = 0.9·v + 0.1·g
        assertThat(g2.getFloat(0)).isCloseTo(0.9f * 0.1f + 0.1f, offset(1e-6f));
        assertThat(g2.getFloat(1)).isCloseTo(0.9f * -0.2f, offset(1e-6f));
    }
}
