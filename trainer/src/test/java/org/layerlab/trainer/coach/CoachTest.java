package org.layerlab.trainer.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.coach.Coach.Level;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;

class CoachTest {

    private static void layer(MetricHistory h, int it, String id, double grad, double ratio, double dead) {
        h.accept(new MetricSample.Layer(1, it, id, grad, ratio, 0, 1, dead));
    }

    @Test
    void aHealthyLayerIsOkAndSaysItsNumbers() {
        MetricHistory h = new MetricHistory();
        for (int i = 0; i < 5; i++) layer(h, i, "d", 0.5, 1e-3, 0.05);
        Coach.Health d = Coach.assess(h, "d", null).get("d");
        assertThat(d.level()).isEqualTo(Level.OK);
        assertThat(d.advice()).isEmpty();
        assertThat(d.text()).contains("gradient 0.500").contains("update ratio 1.0e-03").contains("dead 5 %");
    }

    @Test
    void eachProblemIsNamedWithItsFix() {
        MetricHistory h = new MetricHistory();
        for (int i = 0; i < 5; i++) {
            layer(h, i, "first", 1e-5, 1e-3, 0);            // 1e-5 of the largest: vanishing
            layer(h, i, "relu", 0.5, 1e-3, 0.7);            // dead units
            layer(h, i, "fast", 0.5, 0.05, 0);              // update ratio too big
            layer(h, i, "slow", 0.5, 1e-6, 0);              // too small
            layer(h, i, "big", i < 2 ? 1 : 5e3, 1e-3, 0);   // exploding
        }
        Map<String, Coach.Health> all = Coach.assess(h, "big", null);
        assertThat(all.get("first").level()).isEqualTo(Level.WARN);
        assertThat(all.get("first").text()).contains("vanishing gradient").contains("He initialization");
        assertThat(all.get("relu").text()).contains("dead ReLUs: 70 %").contains("Leaky ReLU");
        assertThat(all.get("fast").text()).contains("above 1e-2").contains("lower the learning rate");
        assertThat(all.get("slow").text()).contains("below 1e-4").contains("raise the learning rate");
        assertThat(all.get("big").level()).isEqualTo(Level.BAD);
        assertThat(all.get("big").text()).contains("exploding gradients").contains("clip gradients");
    }

    @Test
    void oneNoisySampleDoesNotFlipTheBadgeButNaNDoes() {
        MetricHistory h = new MetricHistory();
        for (int i = 0; i < 5; i++) layer(h, i, "d", 0.5, i == 4 ? 0.5 : 1e-3, 0);
        assertThat(Coach.assess(h, "d", null).get("d").level()).isEqualTo(Level.OK); // median of the last three
        layer(h, 5, "d", Double.NaN, Double.NaN, Double.NaN);
        h.accept(new MetricSample.Iteration(1, 5, 0, Double.NaN, 0.1));
        Coach.Health d = Coach.assess(h, "d", "the loss became NaN at iteration 5").get("d");
        assertThat(d.level()).isEqualTo(Level.BAD);
        assertThat(d.text()).contains("not a number").contains("the loss became NaN at iteration 5");
    }

    @Test
    void aGrowingTrainValidationGapIsOverfitting() {
        MetricHistory h = new MetricHistory();
        layer(h, 0, "out", 0.5, 1e-3, Double.NaN);
        double[][] epochs = {{1.0, 1.1}, {0.6, 0.8}, {0.4, 0.9}, {0.2, 1.0}};
        for (int e = 0; e < epochs.length; e++) h.accept(new MetricSample.Epoch(1, e, e * 10, epochs[e][0], epochs[e][1], 0.9, 0.8));
        Coach.Health out = Coach.assess(h, "out", null).get("out");
        assertThat(out.level()).isEqualTo(Level.WARN);
        assertThat(out.text()).contains("overfitting").contains("dropout");
        // falling validation loss: no warning
        MetricHistory ok = new MetricHistory();
        layer(ok, 0, "out", 0.5, 1e-3, Double.NaN);
        for (int e = 0; e < 4; e++) ok.accept(new MetricSample.Epoch(1, e, e, 1.0 / (e + 1), 1.1 / (e + 1), 0.9, 0.8));
        assertThat(Coach.assess(ok, "out", null).get("out").level()).isEqualTo(Level.OK);
    }
}
