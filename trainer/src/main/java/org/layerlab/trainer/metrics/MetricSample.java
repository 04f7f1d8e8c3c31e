package org.layerlab.trainer.metrics;

/**
 * One immutable measurement a training run emits; charts, the coach and lesson checks consume
 * them. Never holds an INDArray. Any thread.
 */
public sealed interface MetricSample permits MetricSample.Iteration, MetricSample.RunningAccuracy, MetricSample.Layer, MetricSample.Histogram,
        MetricSample.Epoch, MetricSample.Restored, MetricSample.Event {

    /** The run that produced it (runs are numbered; samples of a replaced run can be dropped). */
    long runId();

    /** Loss and learning rate after one batch. */
    record Iteration(long runId, int iteration, int epoch, double score, double learningRate) implements MetricSample {}

    /**
     * The training accuracy of the epoch so far, from the batches whose predictions were tallied
     * (a few spread over each epoch): a long first epoch shows accuracy before it ends.
     */
    record RunningAccuracy(long runId, int iteration, int epoch, double accuracy) implements MetricSample {}

    /**
     * Per-layer health every N iterations: L2 norm of the raw gradient (before the updater), norm of
     * the update divided by the norm of the parameters, activation mean and standard deviation, and
     * the fraction of units whose output was zero on every example of the batch ("dead"), and the share of
     * the layer's weights smaller than {@link #SMALL_WEIGHT} in size. NaN where not applicable.
     */
    record Layer(long runId, int iteration, String layer, double gradientNorm, double updateRatio,
                 double activationMean, double activationStd, double deadFraction, double smallWeightFraction) implements MetricSample {
        /** A weight this close to 0 counts as "near zero" (what L1 regularization produces). */
        public static final double SMALL_WEIGHT = 0.001;
    }

    /** A histogram of a layer's weights or raw gradients: {@code counts.length} equal bins over [min, max]. */
    record Histogram(long runId, int iteration, String layer, Kind kind, double min, double max, int[] counts)
            implements MetricSample {
        public enum Kind { WEIGHTS, GRADIENTS }

        public Histogram {
            counts = counts.clone();
        }

        @Override
        public int[] counts() {
            return counts.clone();
        }
    }

    /**
     * End-of-epoch evaluation; accuracy is NaN for regression. {@code outputSumError} is the largest
     * |Σ outputs − 1| of one validation example (how far the outputs are from a probability
     * distribution), NaN without validation data or for outputs that are not vectors.
     */
    record Epoch(long runId, int epoch, int iteration, double trainLoss, double validationLoss,
                 double trainAccuracy, double validationAccuracy, double outputSumError) implements MetricSample {
        public Epoch(long runId, int epoch, int iteration, double trainLoss, double validationLoss, double trainAccuracy, double validationAccuracy) {
            this(runId, epoch, iteration, trainLoss, validationLoss, trainAccuracy, validationAccuracy, Double.NaN);
        }
    }

    /**
     * Early stopping put the parameters of its best epoch back; the validation split was then measured
     * again on them (so a student can see the restored model is the best one seen).
     */
    record Restored(long runId, int iteration, int bestEpoch, double validationLoss, double validationAccuracy) implements MetricSample {}

    /** Something that happened to the run (start, pause, LR change, fault, ...). */
    record Event(long runId, int iteration, EventKind kind, String message) implements MetricSample {}

    enum EventKind { STARTED, PAUSED, RESUMED, LEARNING_RATE_CHANGED, FORKED, EARLY_STOPPED, FINISHED, STOPPED, FAILED }
}
