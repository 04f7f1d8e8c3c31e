package org.layerlab.app.train;

import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.layerlab.charts.Series;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.run.TrainingRun;

/** One run of the Train tab: its colour, its lines on the overlaid charts, its speed and its coach memory. FX thread. */
public final class RunEntry {
    public final TrainingRun run;
    public final String colour;
    final int totalIterations;
    public final int batchSize;
    public final RateMeter rate;
    /** The coach's findings for this run, held until their condition has cleared for a while. */
    final org.layerlab.trainer.coach.CoachMemory coach = new org.layerlab.trainer.coach.CoachMemory(TrainingSession.COACH_HOLD_MILLIS);
    public final Series loss;
    public final Series validationLoss;
    /** Training accuracy as the epoch goes (its last point in an epoch is the epoch's value). */
    public final Series runningAccuracy;
    final Series validationAccuracy;
    final Series learningRate;
    public final Prepared data;
    final DatasetRef dataset;
    /** Stepped by a race: paused between its steps, but training, and its speed is that of the race. */
    volatile boolean racing;
    /** Overlaid on the loss, accuracy and learning-rate charts. */
    public final BooleanProperty shown = new SimpleBooleanProperty(true);

    public RunEntry(TrainingRun run, String colour, int totalIterations, int batchSize, Prepared data, DatasetRef dataset) {
        this.run = run;
        this.colour = colour;
        this.totalIterations = totalIterations;
        this.batchSize = batchSize;
        this.rate = new RateMeter(batchSize);
        this.data = data;
        this.dataset = dataset;
        String n = run.name();
        loss = new Series(n + " train", colour);
        validationLoss = new Series(n + " validation", colour).asPoints();
        runningAccuracy = new Series(n + " train", colour);
        validationAccuracy = new Series(n + " validation", colour).asPoints();
        learningRate = new Series(n, colour);
    }

    List<Series> overlaid() {
        return List.of(loss, validationLoss, runningAccuracy, validationAccuracy, learningRate);
    }

    /** The output layer's id (where run-level findings go). */
    String outputLayer() {
        return run.compiled().outputs().isEmpty() ? null : run.compiled().outputs().get(0);
    }

    @Override
    public String toString() {
        return run.name() + " — " + state();
    }

    /** "running", "paused", …, or "racing" while a race steps it. */
    String state() {
        return racing && run.state() == org.layerlab.trainer.run.RunState.PAUSED ? "racing" : run.state().name().toLowerCase(Locale.ROOT);
    }
}
