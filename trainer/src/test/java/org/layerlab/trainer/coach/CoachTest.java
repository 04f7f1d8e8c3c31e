package org.layerlab.trainer.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.coach.Coach.Level;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;

class CoachTest {

    private static void layer(MetricHistory h, int it, String id, double grad, double ratio, double dead) {
        h.accept(new MetricSample.Layer(1, it, id, grad, ratio, 0, 1, dead, 0.5));
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

    @Test
    void findingsAreRankedBySeverityNotByLayerOrder() {
        MetricHistory h = new MetricHistory();
        for (int i = 0; i < 5; i++) {
            layer(h, i, "h1", 1e-5, 1e-3, 0);   // vanishing (first in layer order)
            layer(h, i, "h2", 0.5, 1e-3, 1.0);  // every unit dead
            layer(h, i, "out", 0.5, 0.05, 0);   // step too large
        }
        java.util.List<Coach.Finding> ranked = Coach.ranked(Coach.assess(h, "out", null));
        assertThat(ranked).extracting(f -> f.layer() + ":" + f.advice().kind())
                .containsExactly("h2:DEAD_UNITS", "h1:VANISHING", "out:STEP_SIZE");
        // a NaN outranks everything
        h.accept(new MetricSample.Iteration(1, 6, 0, Double.NaN, 0.1));
        assertThat(Coach.ranked(Coach.assess(h, "out", "loss became NaN")).get(0).advice().kind()).isEqualTo(Coach.Kind.NOT_A_NUMBER);
    }

    @Test
    void validationLossStuckAboveItsBestIsOverfittingButAPlateauIsNot() {
        // the Spiral run of issue 17: best validation 0.55, now ~0.7 and wobbling, training loss 0.15
        double[][] overfit = {{0.9, 0.8}, {0.5, 0.6}, {0.3, 0.55}, {0.2, 0.72}, {0.17, 0.68}, {0.15, 0.70}};
        assertThat(Coach.overfitting(epochs(overfit))).isNotNull()
                .extracting(Coach.Advice::problem).asString().contains("above its best 0.550");
        // negative control: validation level with its best (a plateau), training loss lower
        double[][] plateau = {{0.9, 0.8}, {0.5, 0.6}, {0.3, 0.55}, {0.2, 0.56}, {0.17, 0.555}, {0.15, 0.56}};
        assertThat(Coach.overfitting(epochs(plateau))).isNull();
        // negative control: validation well above its best but training loss is too (underfitting wobble)
        double[][] noisy = {{0.9, 0.8}, {0.8, 0.55}, {0.8, 0.7}, {0.8, 0.72}, {0.8, 0.7}};
        assertThat(Coach.overfitting(epochs(noisy))).isNull();
    }

    private static java.util.List<MetricSample.Epoch> epochs(double[][] trainVal) {
        java.util.List<MetricSample.Epoch> out = new java.util.ArrayList<>();
        for (int e = 0; e < trainVal.length; e++) out.add(new MetricSample.Epoch(1, e, e * 10, trainVal[e][0], trainVal[e][1], 0.9, 0.8));
        return out;
    }

    @Test
    void aFindingIsHeldUntilItsConditionHasClearedForTheHoldTime() {
        CoachMemory memory = new CoachMemory(10_000);
        Coach.Finding dead = new Coach.Finding("h1", new Coach.Advice(Coach.Kind.DEAD_UNITS, Level.WARN, "dead", "fix"));
        Coach.Finding fit = new Coach.Finding("out", new Coach.Advice(Coach.Kind.OVERFITTING, Level.WARN, "overfitting", "fix"));
        assertThat(memory.update(java.util.List.of(fit, dead), 0)).containsExactly(dead, fit);
        assertThat(memory.update(java.util.List.of(), 5_000)).containsExactly(dead, fit);   // flickered off: still shown
        assertThat(memory.update(java.util.List.of(dead), 9_000)).containsExactly(dead, fit);
        assertThat(memory.update(java.util.List.of(), 12_000)).containsExactly(dead);       // overfitting clear for 12 s: gone
        assertThat(memory.update(java.util.List.of(), 19_500)).isEmpty();
    }
}
