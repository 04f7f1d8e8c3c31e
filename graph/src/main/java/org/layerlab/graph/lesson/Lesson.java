package org.layerlab.graph.lesson;

import java.util.List;
import java.util.Map;

/**
 * A lesson: a question of the curriculum answered by an experiment. Its variants are projects
 * trained side by side from the same seed; its checks compare statistics of their histories and
 * say, in a sentence for the student, whether the effect appeared. The control swaps some variants'
 * projects for ones without the lesson's key difference: every check must then fail, or the lesson
 * proves nothing. Immutable; read by {@link LessonFiles}.
 *
 * @param iterations how many training iterations the race runs (every variant the same)
 * @param views the Train tab views the lesson opens (curves, histograms, …)
 */
public record Lesson(String id, int number, String chapter, String title, String question, String text,
                     List<Variant> variants, int iterations, List<String> views, List<Check> checks, Control control) {

    public Lesson {
        variants = List.copyOf(variants);
        views = List.copyOf(views);
        checks = List.copyOf(checks);
    }

    /** One arm of the experiment: a name the checks use and the project file (beside lesson.json). */
    public record Variant(String name, String project) {}

    /** The negative control: which variants train another project, and what that removes. */
    public record Control(String removes, Map<String, String> projects) {
        public Control {
            projects = Map.copyOf(projects);
        }
    }

    /**
     * {@code left op right × times}, e.g. "sigmoid's first-layer gradient norm &lt; 0.1 × its last
     * layer's", with the sentences shown when it passes and when it fails.
     */
    public record Check(String name, Operand left, Op op, Operand right, double times, String pass, String fail) {}

    public enum Op {
        LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">=");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public boolean test(double a, double b) {
            return switch (this) {
                case LESS -> a < b;
                case LESS_OR_EQUAL -> a <= b;
                case GREATER -> a > b;
                case GREATER_OR_EQUAL -> a >= b;
            };
        }
    }

    /**
     * A number from a variant's history ({@code variant}, {@code metric}, optional {@code layer}, a
     * {@code stat} over the last {@code window} points, 0 = all), or a constant when {@code value} is set.
     * {@code target} is the threshold of {@link Metric#ITERATIONS_TO_LOSS}.
     */
    public record Operand(String variant, Metric metric, String layer, Stat stat, int window, Double value, double target) {
        public static Operand constant(double v) {
            return new Operand(null, null, null, null, 0, v, 0);
        }

        public boolean isConstant() {
            return value != null;
        }

        /** "relu: mean gradientNorm of h1 over the last 20" — for the checks' printed numbers. */
        public String describe() {
            if (isConstant()) return String.valueOf(value);
            String what = metric.key + (layer == null ? "" : " of " + layer);
            if (metric == Metric.ITERATIONS_TO_LOSS) return variant + ": iterations until loss ≤ " + target;
            if (stat == Stat.FIRST && window > 0) return variant + ": mean " + what + " over the first " + window;
            return variant + ": " + stat.key + " " + what + (window > 0 && stat != Stat.FINAL ? " over the last " + window : "");
        }
    }

    /** What a check reads from a run's history. */
    public enum Metric {
        LOSS("loss"), VALIDATION_LOSS("validationLoss"), ACCURACY("accuracy"), VALIDATION_ACCURACY("validationAccuracy"),
        LEARNING_RATE("learningRate"), GRADIENT_NORM("gradientNorm"), UPDATE_RATIO("updateRatio"),
        DEAD_FRACTION("deadFraction"), ACTIVATION_STD("activationStd"),
        /** The share of a layer's weights smaller than 0.001 in size. */
        SMALL_WEIGHTS("smallWeights"),
        /** The validation loss of the parameters early stopping put back, measured again after restoring them. */
        RESTORED_VALIDATION_LOSS("restoredValidationLoss"),
        /** After each epoch: the largest |sum of the outputs − 1| of one validation example (0 for a probability distribution). */
        OUTPUT_SUM_ERROR("outputSumError"),
        /** Mean absolute change of the loss from one iteration to the next, relative to the mean loss. */
        LOSS_ROUGHNESS("lossRoughness"),
        /** The first iteration whose loss (smoothed over 5) is at or below {@code target}; the run's length + 1 if never. */
        ITERATIONS_TO_LOSS("iterationsToLoss"),
        /** Iterations in one epoch, as the run counted them. */
        ITERATIONS_PER_EPOCH("iterationsPerEpoch");

        public final String key;

        Metric(String key) {
            this.key = key;
        }

        public boolean perLayer() {
            return this == GRADIENT_NORM || this == UPDATE_RATIO || this == DEAD_FRACTION || this == ACTIVATION_STD || this == SMALL_WEIGHTS;
        }
    }

    public enum Stat {
        FINAL("final"), FIRST("first"), MIN("min"), MAX("max"), MEAN("mean");

        public final String key;

        Stat(String key) {
            this.key = key;
        }
    }
}
