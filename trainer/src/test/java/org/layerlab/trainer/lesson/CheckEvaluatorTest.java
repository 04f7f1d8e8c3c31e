package org.layerlab.trainer.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.Lesson.Metric;
import org.layerlab.graph.lesson.Lesson.Operand;
import org.layerlab.graph.lesson.Lesson.Stat;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;

class CheckEvaluatorTest {

    static MetricHistory losses(double... loss) {
        MetricHistory h = new MetricHistory();
        for (int i = 0; i < loss.length; i++) h.accept(new MetricSample.Iteration(1, i, 0, loss[i], 0.1));
        return h;
    }

    static Operand op(String variant, Metric m, Stat s, int window) {
        return new Operand(variant, m, null, s, window, null, 0);
    }

    @Test
    void statisticsReadTheHistoryAsTheirNamesSay() {
        Map<String, MetricHistory> h = Map.of("a", losses(4, 3, 2, 1, 5));
        assertThat(CheckEvaluator.value(op("a", Metric.LOSS, Stat.FINAL, 0), h)).isEqualTo(5);
        assertThat(CheckEvaluator.value(op("a", Metric.LOSS, Stat.MIN, 0), h)).isEqualTo(1);
        assertThat(CheckEvaluator.value(op("a", Metric.LOSS, Stat.MAX, 3), h)).isEqualTo(5);
        assertThat(CheckEvaluator.value(op("a", Metric.LOSS, Stat.MEAN, 2), h)).isEqualTo(3);     // (1 + 5) / 2
        assertThat(CheckEvaluator.value(op("a", Metric.LOSS, Stat.FIRST, 2), h)).isEqualTo(3.5);  // (4 + 3) / 2
        assertThat(CheckEvaluator.value(op("a", Metric.LOSS, Stat.FIRST, 0), h)).isEqualTo(4);
        // a loss that became NaN counts as the largest loss there is
        assertThat(CheckEvaluator.value(op("b", Metric.LOSS, Stat.MAX, 0), Map.of("b", losses(1, Double.NaN)))).isInfinite();
        // |Δ| per step relative to the level: steps 1, 1, 1, 4 → 1.75 over a mean level of 2.75
        assertThat(CheckEvaluator.value(op("a", Metric.LOSS_ROUGHNESS, Stat.FINAL, 0), h)).isCloseTo(1.75 / 2.75, within(1e-9));
        assertThat(CheckEvaluator.iterationsTo(new float[] {5, 5, 5, 5, 5, 1, 1, 1, 1, 1, 1}, 2)).isEqualTo(9); // mean of 5 ≤ 2 at the 9th
        assertThat(CheckEvaluator.iterationsTo(new float[] {5, 5}, 1)).isEqualTo(3);
    }

    @Test
    void aCheckIsPendingUntilItsNumbersExistAndDecidedWhenTheRaceEnds() {
        Lesson.Check check = new Lesson.Check("smaller", op("a", Metric.LOSS, Stat.FINAL, 0), Lesson.Op.LESS,
                op("b", Metric.VALIDATION_LOSS, Stat.FINAL, 0), 0.5, "it is", "it is not");
        Map<String, MetricHistory> h = Map.of("a", losses(1, 0.2), "b", new MetricHistory());
        assertThat(CheckEvaluator.evaluate(check, h, false).status()).isEqualTo(CheckEvaluator.Status.PENDING);
        assertThat(CheckEvaluator.evaluate(check, h, true).status()).isEqualTo(CheckEvaluator.Status.FAILED);
        h.get("b").accept(new MetricSample.Epoch(1, 0, 2, 0.9, 1.0, 0.5, 0.5));
        CheckEvaluator.Result r = CheckEvaluator.evaluate(check, h, true);
        assertThat(r.status()).isEqualTo(CheckEvaluator.Status.PASSED);
        assertThat(r.sentence()).isEqualTo("it is");
        assertThat(r.numbers()).isEqualTo("a: final loss = 0.2000  <  b: final validationLoss = 1.000 × 0.5000 = 0.5000");
        // the same numbers the other way round fail, with the other sentence
        Lesson.Check reversed = new Lesson.Check("larger", check.left(), Lesson.Op.GREATER, check.right(), 0.5, "it is", "it is not");
        assertThat(CheckEvaluator.evaluate(reversed, h, true).sentence()).isEqualTo("it is not");
    }
}
