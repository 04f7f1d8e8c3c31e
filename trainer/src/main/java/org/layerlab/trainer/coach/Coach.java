package org.layerlab.trainer.coach;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layerlab.trainer.metrics.FloatSeries;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;

/**
 * Reads a run's history and says, per layer, whether it is learning well and what to do if not:
 * vanishing or exploding gradients, dead ReLUs, update:parameter ratios outside 1e-4…1e-2, NaN, and
 * a growing gap between training and validation loss (put on the output layer). Each statistic is
 * the median of the last {@link #WINDOW} samples, so a single noisy batch does not flip a badge.
 * Pure; any thread.
 */
public final class Coach {
    static final int WINDOW = 3;

    private Coach() {}

    public enum Level { OK, WARN, BAD }

    /**
     * What a finding is about, most severe first: a student should first hear about the thing that
     * stops learning outright (NaN, dead layers), then what slows it (gradient flow), then fit, then step size.
     */
    public enum Kind { NOT_A_NUMBER, DEAD_UNITS, EXPLODING, VANISHING, OVERFITTING, STEP_SIZE }

    /** One finding with its likely fix. */
    public record Advice(Kind kind, Level level, String problem, String fix) {}

    /** A finding and the layer it is about. */
    public record Finding(String layer, Advice advice) {}

    /** Every finding of an assessment, most severe first (by kind, then level, then layer order). */
    public static List<Finding> ranked(Map<String, Health> health) {
        List<Finding> all = new ArrayList<>();
        health.forEach((id, h) -> h.advice().forEach(a -> all.add(new Finding(id, a))));
        all.sort(java.util.Comparator.comparing((Finding f) -> f.advice().kind())
                .thenComparing(f -> f.advice().level(), java.util.Comparator.reverseOrder()));
        return all;
    }

    /** A layer's state: the worst level of its advice, the numbers behind it, and the advice. */
    public record Health(String layer, Level level, String summary, List<Advice> advice) {
        public Health {
            advice = List.copyOf(advice);
        }

        /** Summary and advice as tooltip text. */
        public String text() {
            StringBuilder b = new StringBuilder(summary);
            for (Advice a : advice) b.append("\n").append(a.level() == Level.BAD ? "✖ " : "⚠ ").append(a.problem()).append("\n   → ").append(a.fix());
            return b.toString();
        }
    }

    /**
     * @param outputLayer where run-level findings (NaN loss, overfitting) go
     * @param failure the run's failure message, or null
     */
    public static Map<String, Health> assess(MetricHistory history, String outputLayer, String failure) {
        Map<String, MetricHistory.LayerSeries> layers = history.layers();
        double largestGradient = 0;
        for (MetricHistory.LayerSeries s : layers.values()) {
            double g = recent(s.gradientNorm);
            if (Double.isFinite(g)) largestGradient = Math.max(largestGradient, g);
        }
        Map<String, Health> out = new LinkedHashMap<>();
        for (Map.Entry<String, MetricHistory.LayerSeries> e : layers.entrySet()) {
            MetricHistory.LayerSeries s = e.getValue();
            List<Advice> advice = new ArrayList<>();
            double grad = recent(s.gradientNorm);
            double ratio = recent(s.updateRatio);
            double dead = recent(s.deadFraction);
            double lastGrad = s.gradientNorm.size() == 0 ? Double.NaN : s.gradientNorm.get(s.gradientNorm.size() - 1);
            // layers without parameters report NaN throughout; a layer that had finite gradients and lost them blew up
            if (!Double.isFinite(lastGrad) && Double.isFinite(grad)) {
                advice.add(new Advice(Kind.NOT_A_NUMBER, Level.BAD, "gradient is not a number (NaN or infinite)",
                        "lower the learning rate, clip gradients (L2_PER_LAYER) or normalize the inputs"));
            } else if (Double.isFinite(grad)) {
                double first = s.gradientNorm.get(0);
                if (grad > 1e3) {
                    advice.add(new Advice(Kind.EXPLODING, Level.BAD, "exploding gradients (L2 norm " + fmt(grad) + ")",
                            "lower the learning rate or clip gradients (L2_PER_LAYER); batch normalization helps deep stacks"));
                } else if (grad > 10 && first > 0 && grad > 100 * first) {
                    advice.add(new Advice(Kind.EXPLODING, Level.WARN, "gradient norm grew " + fmt(grad / first) + "× since the start",
                            "lower the learning rate or clip gradients before it explodes"));
                }
                if (grad < 1e-7) {
                    advice.add(new Advice(Kind.VANISHING, Level.BAD, "vanishing gradient (L2 norm " + fmt(grad) + "): this layer no longer learns",
                            "use ReLU instead of sigmoid/tanh, He initialization, batch normalization or skip connections"));
                } else if (largestGradient > 0 && grad < 1e-3 * largestGradient) {
                    advice.add(new Advice(Kind.VANISHING, Level.WARN, "vanishing gradient: " + fmt(largestGradient / grad) + "× smaller than the largest layer's",
                            "use ReLU instead of sigmoid/tanh, He initialization, batch normalization or skip connections"));
                }
            }
            if (Double.isFinite(dead) && dead > 0.5) {
                advice.add(new Advice(Kind.DEAD_UNITS, dead > 0.9 ? Level.BAD : Level.WARN,
                        String.format(Locale.ROOT, "dead ReLUs: %.0f %% of units never fire on a batch", dead * 100),
                        "lower the learning rate, use He initialization, or Leaky ReLU / ELU"));
            }
            if (Double.isFinite(ratio) && ratio > 0) {
                if (ratio > 1e-2) {
                    advice.add(new Advice(Kind.STEP_SIZE, Level.WARN, "update:parameter ratio " + fmt(ratio) + " is above 1e-2: steps too large",
                            "lower the learning rate (healthy ratios sit near 1e-3)"));
                } else if (ratio < 1e-4) {
                    advice.add(new Advice(Kind.STEP_SIZE, Level.WARN, "update:parameter ratio " + fmt(ratio) + " is below 1e-4: learning slowly",
                            "raise the learning rate (healthy ratios sit near 1e-3)"));
                }
            }
            String summary = e.getKey() + ": gradient " + fmt(grad) + " · update ratio " + fmt(ratio)
                    + (Double.isFinite(dead) ? String.format(Locale.ROOT, " · dead %.0f %%", dead * 100) : "");
            out.put(e.getKey(), new Health(e.getKey(), worst(advice), summary, advice));
        }
        List<Advice> runLevel = new ArrayList<>();
        FloatSeries score = history.score();
        if (failure != null || (score.size() > 0 && !Double.isFinite(score.get(score.size() - 1)))) {
            runLevel.add(new Advice(Kind.NOT_A_NUMBER, Level.BAD, failure != null ? failure : "the loss is not a number",
                    "lower the learning rate, clip gradients (L2_PER_LAYER) or normalize the inputs"));
        }
        Advice gap = overfitting(history.epochs());
        if (gap != null) runLevel.add(gap);
        if (!runLevel.isEmpty() && outputLayer != null) {
            Health h = out.get(outputLayer);
            List<Advice> all = new ArrayList<>(h == null ? List.of() : h.advice());
            all.addAll(runLevel);
            out.put(outputLayer, new Health(outputLayer, worst(all), h == null ? outputLayer : h.summary(), all));
        }
        return out;
    }

    /**
     * Overfitting: validation loss rose two epochs running while training loss fell and the gap widened;
     * or validation loss has stayed well above its best (by 15 % and 0.02) for two epochs since that
     * best, while training loss is below it. The second catches a run that overfits and then wobbles
     * (a Spiral run at validation 0.7 with its best at 0.55 and training loss at 0.15).
     */
    static Advice overfitting(List<MetricSample.Epoch> epochs) {
        int n = epochs.size();
        if (n < 3) return null;
        MetricSample.Epoch a = epochs.get(n - 3), b = epochs.get(n - 2), c = epochs.get(n - 1);
        if (Double.isNaN(c.validationLoss())) return null;
        boolean valUp = b.validationLoss() > a.validationLoss() && c.validationLoss() > b.validationLoss();
        boolean trainDown = c.trainLoss() < a.trainLoss();
        double gapThen = a.validationLoss() - a.trainLoss();
        double gapNow = c.validationLoss() - c.trainLoss();
        if (valUp && trainDown && gapNow > gapThen) {
            return new Advice(Kind.OVERFITTING, Level.WARN, String.format(Locale.ROOT,
                    "overfitting: validation loss rose two epochs running (%.3g → %.3g) while training loss fell; gap %.3g → %.3g",
                    a.validationLoss(), c.validationLoss(), gapThen, gapNow), FIT_FIX);
        }
        int best = 0;
        for (int i = 1; i < n; i++) if (epochs.get(i).validationLoss() < epochs.get(best).validationLoss()) best = i;
        double min = epochs.get(best).validationLoss();
        boolean stillAbove = n - 1 - best >= 2 && b.validationLoss() > 1.15 * min + 0.02 && c.validationLoss() > 1.15 * min + 0.02;
        if (stillAbove && c.trainLoss() < min) {
            return new Advice(Kind.OVERFITTING, Level.WARN, String.format(Locale.ROOT,
                    "overfitting: validation loss %.3g is above its best %.3g (epoch %d) while training loss is %.3g",
                    c.validationLoss(), min, best + 1, c.trainLoss()), FIT_FIX);
        }
        return null;
    }

    private static final String FIT_FIX = "add data or augmentation, dropout or L2, or stop early (early-stopping patience)";

    private static Level worst(List<Advice> advice) {
        Level l = Level.OK;
        for (Advice a : advice) if (a.level().compareTo(l) > 0) l = a.level();
        return l;
    }

    /** Median of the last few finite samples, NaN if none. */
    static double recent(FloatSeries s) {
        int n = s.size();
        double[] v = new double[Math.min(WINDOW, n)];
        int k = 0;
        for (int i = n - 1; i >= 0 && k < v.length; i--) {
            float x = s.get(i);
            if (Float.isFinite(x)) v[k++] = x;
        }
        if (k == 0) return Double.NaN;
        Arrays.sort(v, 0, k);
        return k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
    }

    private static String fmt(double v) {
        if (!Double.isFinite(v)) return "–";
        return String.format(Locale.ROOT, Math.abs(v) >= 0.01 && Math.abs(v) < 1000 ? "%.3g" : "%.1e", v);
    }
}
