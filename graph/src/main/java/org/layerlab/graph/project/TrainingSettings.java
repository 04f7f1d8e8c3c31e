package org.layerlab.graph.project;

import org.layerlab.graph.spec.Range;

/**
 * How a graph is trained; saved in the project file and read by the trainer. Immutable; any thread.
 * Fields an optimizer or schedule does not use are kept but ignored.
 */
public record TrainingSettings(
        long seed,
        Optimizer optimizer,
        @Range(min = 1e-9, max = 100) double learningRate,
        @Range(min = 0, max = 0.9999) double momentum,
        @Range(min = 0, max = 0.9999) double beta1,
        @Range(min = 0, max = 0.999999) double beta2,
        @Range(min = 1e-12, max = 1) double epsilon,
        @Range(min = 0, max = 0.9999) double rmsDecay,
        Schedule schedule,
        @Range(min = 1e-6, max = 1) double scheduleGamma,
        @Range(min = 1, max = 100_000_000) int scheduleStep,
        @Range(min = 0, max = 100_000_000) int warmupIterations,
        @Range(min = 0, max = 100) double minLearningRateFraction,
        WeightInit weightInit,
        @Range(min = 0, max = 10) double l1,
        @Range(min = 0, max = 10) double l2,
        @Range(min = 0, max = 10) double weightDecay,
        @Range(min = 0, max = 0.99) double dropout,
        Clipping clipping,
        @Range(min = 1e-6, max = 1e6) double clipThreshold,
        @Range(min = 1, max = 1_000_000) int batchSize,
        @Range(min = 1, max = 1_000_000) int epochs,
        @Range(min = 0, max = 0.9) double validationSplit,
        @Range(min = 0, max = 10_000) int earlyStoppingPatience) {

    /**
     * Whether a setting has any effect with the other settings as they are (momentum only for
     * momentum optimizers, Adam's betas only for Adam, a schedule's step only for schedules that use
     * it, …): the Train tab shows only these, so no field pretends to matter.
     */
    public boolean applies(String property) {
        return switch (property) {
            case "momentum" -> optimizer == Optimizer.MOMENTUM || optimizer == Optimizer.NESTEROV;
            case "beta1", "beta2" -> optimizer == Optimizer.ADAM || optimizer == Optimizer.ADAMW;
            case "epsilon" -> optimizer == Optimizer.ADAGRAD || optimizer == Optimizer.RMSPROP
                    || optimizer == Optimizer.ADAM || optimizer == Optimizer.ADAMW;
            case "rmsDecay" -> optimizer == Optimizer.RMSPROP;
            case "scheduleGamma" -> schedule == Schedule.STEP || schedule == Schedule.EXPONENTIAL;
            case "scheduleStep" -> schedule == Schedule.STEP || schedule == Schedule.EXPONENTIAL || schedule == Schedule.COSINE;
            case "minLearningRateFraction" -> schedule == Schedule.COSINE;
            case "clipThreshold" -> clipping != Clipping.NONE;
            default -> true;
        };
    }

    public enum Optimizer { SGD, MOMENTUM, NESTEROV, ADAGRAD, RMSPROP, ADAM, ADAMW }

    /** Learning-rate schedules; COSINE anneals over scheduleStep iterations, WARMUP ramps linearly over warmupIterations then stays. */
    public enum Schedule { CONSTANT, STEP, EXPONENTIAL, COSINE, WARMUP }

    public enum WeightInit { ZERO, UNIFORM, NORMAL, XAVIER, HE }

    /** Gradient clipping: none, element-wise by value, or by the L2 norm of each layer's gradient. */
    public enum Clipping { NONE, VALUE, L2_PER_LAYER }

    /** Adam at 1e-3, batch 32, 10 epochs, Xavier, no regularization, 10 % validation. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(42, Optimizer.ADAM, 1e-3, 0.9, 0.9, 0.999, 1e-8, 0.95,
                Schedule.CONSTANT, 0.5, 1000, 0, 0.0, WeightInit.XAVIER, 0, 0, 0, 0,
                Clipping.NONE, 1.0, 32, 10, 0.1, 0);
    }
}
