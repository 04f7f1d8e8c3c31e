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
    void dl4jSeesTheSameSchedule() {
        TrainingSettings s = org.layerlab.graph.spec.RecordProperties.with(TrainingSettings.defaults(), "schedule", "STEP");
        LayerLabSchedule dl4j = new LayerLabSchedule(s);
        for (int t = 0; t < 5000; t += 97) assertThat(dl4j.valueAt(t, 0)).isEqualTo(Schedules.learningRate(s, t));
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
