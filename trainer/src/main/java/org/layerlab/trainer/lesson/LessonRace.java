package org.layerlab.trainer.lesson;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.run.TrainingRun;

/**
 * A lesson's variants trained as one controlled experiment: built from the same seed (so layers of
 * the same shape start from the same weights and batches come in the same order), then stepped in
 * lockstep, one batch each in turn, so their curves grow together. The runs must be new; the race
 * starts them paused and stops them at the end. Not thread-safe: one thread drives a race.
 */
public final class LessonRace {
    private final Map<String, TrainingRun> runs;
    private final int iterations;
    private volatile boolean cancelled;

    /** @param runs by variant name, not started; each must have at least {@code iterations} iterations to train */
    public LessonRace(Map<String, TrainingRun> runs, int iterations) {
        this.runs = new LinkedHashMap<>(runs);
        this.iterations = iterations;
    }

    /** By variant name, in the lesson's order (colours and legends follow it). */
    public Map<String, TrainingRun> runs() {
        return java.util.Collections.unmodifiableMap(runs);
    }

    /** How many iterations every run takes. */
    public int iterations() {
        return iterations;
    }

    /** The variants' histories (live while the race runs). */
    public Map<String, MetricHistory> histories() {
        Map<String, MetricHistory> out = new LinkedHashMap<>();
        runs.forEach((k, r) -> out.put(k, r.history()));
        return out;
    }

    public void cancel() {
        cancelled = true;
    }

    /**
     * Steps every run one batch at a time until each has done {@code iterations} (or ended, e.g. on
     * NaN), calling {@code progress} with the iterations done. Returns false if cancelled.
     */
    public boolean run(IntConsumer progress) throws InterruptedException {
        for (TrainingRun r : runs.values()) r.start(true);
        try {
            for (int it = 1; it <= iterations; it++) {
                if (cancelled) return false;
                for (TrainingRun r : runs.values()) {
                    if (r.state().isOver()) continue;
                    r.step();
                    r.awaitIterations(it, 600_000);
                }
                progress.accept(it);
            }
            return true;
        } finally {
            for (TrainingRun r : runs.values()) r.stop();
            for (TrainingRun r : runs.values()) r.await(10_000);
        }
    }
}
