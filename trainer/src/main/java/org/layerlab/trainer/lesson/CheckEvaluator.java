package org.layerlab.trainer.lesson;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.trainer.metrics.FloatSeries;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;

/**
 * Evaluates a lesson's checks against the variants' histories: a pure function, so the Learn tab
 * (live, while the race runs), {@code layerlab lesson check} (headless) and the tests share it.
 * A value that cannot be read yet (no epoch finished, a layer not sampled) is NaN and the check is
 * pending, not failed. Any thread.
 */
public final class CheckEvaluator {
    private CheckEvaluator() {}

    public enum Status { PENDING, PASSED, FAILED }

    /** A check's outcome with the numbers behind it, and the sentence for the student. */
    public record Result(Lesson.Check check, Status status, double left, double right, String sentence) {
        /** "relu: final loss 0.0312 < 0.5 × sigmoid: final loss 0.4410 (= 0.2205)". */
        public String numbers() {
            Lesson.Check c = check;
            String r = fmt(right) + (c.times() == 1 ? "" : " × " + fmt(c.times()) + " = " + fmt(right * c.times()));
            return c.left().describe() + " = " + fmt(left) + "  " + c.op().symbol + "  " + c.right().describe() + " = " + r;
        }
    }

    public static List<Result> evaluate(List<Lesson.Check> checks, Map<String, MetricHistory> histories, boolean finished) {
        return checks.stream().map(c -> evaluate(c, histories, finished)).toList();
    }

    /** @param finished the race is over: a value still missing then fails the check instead of leaving it pending */
    public static Result evaluate(Lesson.Check c, Map<String, MetricHistory> histories, boolean finished) {
        double l = value(c.left(), histories), r = value(c.right(), histories);
        if (Double.isNaN(l) || Double.isNaN(r)) {
            return new Result(c, finished ? Status.FAILED : Status.PENDING, l, r, finished ? c.fail() + " (a value was never measured)" : "");
        }
        boolean ok = c.op().test(l, r * c.times());
        if (!finished && !ok) return new Result(c, Status.PENDING, l, r, "");
        return new Result(c, ok ? Status.PASSED : Status.FAILED, l, r, ok ? c.pass() : c.fail());
    }

    /** The operand's number, NaN when it cannot be read (yet). */
    public static double value(Lesson.Operand o, Map<String, MetricHistory> histories) {
        if (o.isConstant()) return o.value();
        MetricHistory h = histories.get(o.variant());
        if (h == null) return Double.NaN;
        return switch (o.metric()) {
            case LOSS -> stat(h.score().toArray(), o);
            case LEARNING_RATE -> stat(h.learningRate().toArray(), o);
            case VALIDATION_LOSS -> stat(epochs(h, MetricSample.Epoch::validationLoss), o);
            case ACCURACY -> stat(epochs(h, MetricSample.Epoch::trainAccuracy), o);
            case VALIDATION_ACCURACY -> stat(epochs(h, MetricSample.Epoch::validationAccuracy), o);
            case OUTPUT_SUM_ERROR -> stat(epochs(h, MetricSample.Epoch::outputSumError), o);
            case RESTORED_VALIDATION_LOSS -> h.restored() == null ? Double.NaN : h.restored().validationLoss();
            case GRADIENT_NORM, UPDATE_RATIO, DEAD_FRACTION, ACTIVATION_STD, SMALL_WEIGHTS -> {
                MetricHistory.LayerSeries s = h.layers().get(o.layer());
                if (s == null) yield Double.NaN;
                FloatSeries f = switch (o.metric()) {
                    case GRADIENT_NORM -> s.gradientNorm;
                    case UPDATE_RATIO -> s.updateRatio;
                    case DEAD_FRACTION -> s.deadFraction;
                    case SMALL_WEIGHTS -> s.smallWeightFraction;
                    default -> s.activationStd;
                };
                yield stat(f.toArray(), o);
            }
            case LOSS_ROUGHNESS -> roughness(h.score().toArray(), o.window());
            case ITERATIONS_TO_LOSS -> iterationsTo(h.score().toArray(), o.target());
            case ITERATIONS_PER_EPOCH -> {
                List<MetricSample.Epoch> e = h.epochs();
                yield e.isEmpty() ? Double.NaN : e.get(0).iteration() - (e.get(0).epoch() == 0 ? 0 : Double.NaN);
            }
        };
    }

    private static float[] epochs(MetricHistory h, java.util.function.ToDoubleFunction<MetricSample.Epoch> f) {
        List<MetricSample.Epoch> e = h.epochs();
        float[] out = new float[e.size()];
        for (int i = 0; i < out.length; i++) out[i] = (float) f.applyAsDouble(e.get(i));
        return out;
    }

    /** The statistic over the last {@code window} finite values (all when 0). */
    static double stat(float[] v, Lesson.Operand o) {
        int n = v.length;
        int from = o.window() > 0 && o.stat() != Lesson.Stat.FIRST ? Math.max(0, n - o.window()) : 0;
        int to = o.stat() == Lesson.Stat.FIRST && o.window() > 0 ? Math.min(n, o.window()) : n;
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, first = Double.NaN, last = Double.NaN;
        int count = 0;
        for (int i = from; i < to; i++) {
            double x = v[i];
            if (!Double.isFinite(x)) {
                // a loss that became NaN or infinite is the largest loss there is
                if (Double.isNaN(x) && o.metric() != Lesson.Metric.LOSS) continue;
                x = Double.POSITIVE_INFINITY;
            }
            if (Double.isNaN(first)) first = x;
            last = x;
            sum += x;
            min = Math.min(min, x);
            max = Math.max(max, x);
            count++;
        }
        if (count == 0) return Double.NaN;
        return switch (o.stat()) {
            case FINAL -> last;
            case FIRST -> o.window() > 0 ? sum / count : first;
            case MIN -> min;
            case MAX -> max;
            case MEAN -> sum / count;
        };
    }

    /** Mean |loss(t) − loss(t−1)| over the last {@code window} steps, divided by the mean loss there. */
    static double roughness(float[] loss, int window) {
        int n = loss.length;
        int from = window > 0 ? Math.max(1, n - window) : 1;
        double diff = 0, level = 0;
        int count = 0;
        for (int i = from; i < n; i++) {
            if (!Float.isFinite(loss[i]) || !Float.isFinite(loss[i - 1])) continue;
            diff += Math.abs(loss[i] - loss[i - 1]);
            level += loss[i];
            count++;
        }
        return count == 0 || level == 0 ? Double.NaN : (diff / count) / (level / count);
    }

    /** 1-based iteration at which the loss, averaged over 5 iterations, first reaches {@code target}; length + 1 if never. */
    static double iterationsTo(float[] loss, double target) {
        if (loss.length == 0) return Double.NaN;
        double sum = 0;
        for (int i = 0; i < loss.length; i++) {
            sum += Float.isFinite(loss[i]) ? loss[i] : 1e30;
            if (i >= 5) sum -= Float.isFinite(loss[i - 5]) ? loss[i - 5] : 1e30;
            if (sum / Math.min(i + 1, 5) <= target) return i + 1;
        }
        return loss.length + 1;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "–";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        return String.format(Locale.ROOT, Math.abs(v) >= 0.01 && Math.abs(v) < 10_000 ? "%.4g" : "%.3e", v);
    }
}
