package org.layerlab.trainer.compile;

import org.layerlab.graph.project.TrainingSettings;

/**
 * Learning rate at an iteration for every schedule LayerLab offers; the one formula the trainer,
 * the LR chart and the lessons share. Pure; any thread.
 * <ul>
 *   <li>CONSTANT: lr</li>
 *   <li>STEP: lr · γ^floor(t / step)</li>
 *   <li>EXPONENTIAL: lr · γ^(t / step)</li>
 *   <li>COSINE: min + (lr − min) · ½(1 + cos(π · min(t, step) / step)), min = lr · minFraction</li>
 *   <li>WARMUP: lr</li>
 * </ul>
 * Any schedule with warmupIterations &gt; 0 is multiplied by min(1, (t + 1) / warmup).
 */
public final class Schedules {
    private Schedules() {}

    public static double learningRate(TrainingSettings s, long iteration) {
        return learningRate(s.schedule(), s.learningRate(), s.scheduleGamma(), s.scheduleStep(), s.warmupIterations(),
                s.minLearningRateFraction(), iteration);
    }

    public static double learningRate(TrainingSettings.Schedule kind, double lr, double gamma, int step, int warmup,
                                      double minFraction, long iteration) {
        double t = iteration;
        double v = switch (kind) {
            case CONSTANT, WARMUP -> lr;
            case STEP -> lr * Math.pow(gamma, Math.floor(t / step));
            case EXPONENTIAL -> lr * Math.pow(gamma, t / step);
            case COSINE -> {
                double min = lr * Math.min(1, minFraction);
                double progress = Math.min(t, step) / step;
                yield min + (lr - min) * 0.5 * (1 + Math.cos(Math.PI * progress));
            }
        };
        if (warmup > 0) v *= Math.min(1.0, (t + 1) / warmup);
        return v;
    }
}
