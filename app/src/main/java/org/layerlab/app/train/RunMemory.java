package org.layerlab.app.train;

import java.util.List;
import org.layerlab.app.project.ProjectData;
import org.layerlab.trainer.run.TrainingRun;

/**
 * What the Train tab's runs keep in memory. Every run keeps its history (the charts: a million
 * iterations of scalars ≈ 12 MB, histograms capped at 2,048 per layer). Its network — parameters,
 * gradients and optimizer state, ≈ 25 MB for LeNet with Adam — is what fork, feature maps,
 * predictions and save need; the newest few finished runs keep it, older ones free it, and runs
 * dropped with their project free it at once. Data sets are shared between runs (ProjectData).
 * Freeing waits for a run's thread, so it happens on a background thread. FX thread.
 */
final class RunMemory {
    private RunMemory() {}

    /** Frees the networks of finished runs beyond the newest {@code keep}. */
    static void keepNewest(List<RunEntry> runs, int keep) {
        List<RunEntry> over = runs.stream().filter(x -> x.run.state().isOver() && x.run.hasNetwork()).toList();
        if (over.size() > keep) release(over.subList(0, over.size() - keep));
    }

    /** Stops the runs and frees their networks in the background. */
    static void release(List<RunEntry> entries) {
        if (entries.isEmpty()) return;
        List<TrainingRun> toFree = entries.stream().map(x -> x.run).toList();
        Thread t = new Thread(() -> {
            for (TrainingRun r : toFree) {
                try {
                    r.release();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "layerlab-release-runs");
        t.setDaemon(true);
        t.start();
    }
}
