package org.layerlab.app.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import org.layerlab.graph.Graph;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.lesson.LessonRace;
import org.layerlab.trainer.run.TrainingRun;

/**
 * A race started from the Train tab: one graph under several settings, each a run of the session
 * (named after its setting, in its own colour), built from the same seed and stepped in lockstep
 * by a {@link LessonRace} on its own thread, so the curves grow together. FX thread, except the
 * preparing and racing thread it starts.
 */
final class Race {
    private final TrainingSession session;
    private volatile LessonRace race;
    private volatile boolean running = true;
    private final List<RunEntry> entries = new ArrayList<>();

    private Race(TrainingSession session) {
        this.session = session;
    }

    /**
     * Prepares every variant off the FX thread (from the project's trained weights when it names some),
     * adds them to the session, then races them; completes when they are added.
     */
    static CompletableFuture<Race> start(TrainingSession session, Graph graph, Map<String, TrainingSettings> variants, DatasetRef dataset, Path baseDir,
                                         org.layerlab.trainer.model.StartingPoint start) {
        Race r = new Race(session);
        session.setRace(r);
        CompletableFuture<Race> result = new CompletableFuture<>();
        List<String> colours = new ArrayList<>();
        for (int k = 0; k < variants.size(); k++) colours.add(session.nextColour(k));
        Thread t = new Thread(() -> {
            List<RunEntry> prepared = new ArrayList<>();
            try {
                int k = 0;
                for (Map.Entry<String, TrainingSettings> v : variants.entrySet()) {
                    RunEntry e = session.prepare(v.getKey(), colours.get(k++), graph, v.getValue(), dataset, baseDir);
                    // a project opened from a trained model races from its weights, every run alike, its frozen layers kept
                    start.applyTo(e.run);
                    prepared.add(e);
                }
            } catch (Exception | LinkageError ex) {
                r.running = false;
                Platform.runLater(() -> {
                    session.refused(ex);
                    result.completeExceptionally(ex);
                });
                return;
            }
            Map<String, TrainingRun> runs = new LinkedHashMap<>();
            int iterations = 0;
            for (RunEntry e : prepared) {
                runs.put(e.run.name(), e.run);
                iterations = Math.max(iterations, e.totalIterations);
            }
            LessonRace lockstep = new LessonRace(runs, iterations);
            CountDownLatch added = new CountDownLatch(1);
            prepared.forEach(e -> e.racing = true);
            Platform.runLater(() -> {
                r.entries.addAll(prepared);
                prepared.forEach(session::add);
                r.race = lockstep;
                result.complete(r);
                added.countDown();
            });
            try {
                added.await();
                if (r.running) lockstep.run(it -> { });
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            } finally {
                r.running = false;
                prepared.forEach(e -> e.racing = false);
            }
        }, "layerlab-race");
        t.setDaemon(true);
        t.start();
        return result;
    }

    boolean running() {
        return running;
    }

    List<RunEntry> entries() {
        return List.copyOf(entries);
    }

    /** Ends the race: every run stops where it is. */
    void stop() {
        running = false;
        LessonRace r = race;
        if (r != null) r.cancel();
    }

    /** True if {@code e} is one of this race's runs (they are stepped by the race, not paused and resumed by hand). */
    boolean contains(RunEntry e) {
        return entries.contains(e);
    }
}
