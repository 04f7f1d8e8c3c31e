package org.layerlab.trainer.compile;

import org.layerlab.graph.project.TrainingSettings;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's view of {@link Schedules}: a per-iteration ISchedule. Fields are plain so DL4J's JSON
 * (used when saving models) can write and read it.
 */
public final class LayerLabSchedule implements ISchedule {
    @JsonProperty private String kind;
    @JsonProperty private double initial;
    @JsonProperty private double gamma;
    @JsonProperty private int step;
    @JsonProperty private int warmup;
    @JsonProperty private double minFraction;

    public LayerLabSchedule() {}

    public LayerLabSchedule(TrainingSettings s) {
        kind = s.schedule().name();
        initial = s.learningRate();
        gamma = s.scheduleGamma();
        step = s.scheduleStep();
        warmup = s.warmupIterations();
        minFraction = s.minLearningRateFraction();
    }

    /** The schedule from its parts (what exported Java code calls). */
    public static LayerLabSchedule of(String kind, double initial, double gamma, int step, int warmup, double minFraction) {
        LayerLabSchedule s = new LayerLabSchedule();
        TrainingSettings.Schedule.valueOf(kind); // an unknown kind fails here, not at the first iteration
        s.kind = kind;
        s.initial = initial;
        s.gamma = gamma;
        s.step = step;
        s.warmup = warmup;
        s.minFraction = minFraction;
        return s;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return Schedules.learningRate(TrainingSettings.Schedule.valueOf(kind), initial, gamma, step, warmup, minFraction, iteration);
    }

    @Override
    public ISchedule clone() {
        return of(kind, initial, gamma, step, warmup, minFraction);
    }
}
