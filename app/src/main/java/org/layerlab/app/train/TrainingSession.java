package org.layerlab.app.train;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layerlab.app.project.ProjectData;
import org.layerlab.charts.LineChart;
import org.layerlab.charts.Series;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.metrics.MetricSample;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;

/**
 * The runs of this window and the charts they feed. A run's samples go into a lock-free queue on
 * the training thread; an {@link AnimationTimer} drains it at most 30 times a second on the FX
 * thread and appends to the chart series (full resolution); the charts whose lines changed are
 * redrawn at most 10 times a second (the per-layer ones twice a second), because rasterizing them is
 * what costs training its speed (docs/responsiveness.md). Runs stay listed, each
 * with a colour, and overlay on the loss, accuracy and learning-rate charts. FX thread only.
 */
public final class TrainingSession {
    public static final String[] RUN_COLOURS = {"#2f6fde", "#e0862f", "#2a9d55", "#9560d3", "#d0557a", "#3d9fc6", "#c9a227"};
    private static final long FRAME_NANOS = 33_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    /** Per-layer statistics are sampled every few iterations and read as trends: twice a second is enough. */
    private static final long LAYER_REDRAW_NANOS = 500_000_000L;
    /** A coach finding stays shown until its condition has been clear this long. */
    static final long COACH_HOLD_MILLIS = 15_000;
    /** Finished runs that keep their network (see {@link RunMemory}). */
    static final int KEPT_NETWORKS = 3;

    public final LineChart lossChart = new LineChart("Loss");
    final LineChart accuracyChart = new LineChart("Accuracy");
    public final LineChart lrChart = new LineChart("Learning rate");
    private final LayerCharts layers = new LayerCharts();
    public final LineChart gradientChart = layers.gradient;
    public final LineChart ratioChart = layers.ratio;
    final LineChart activationChart = layers.activation;
    final LineChart deadChart = layers.dead;

    private final ObservableList<RunEntry> runs = FXCollections.observableArrayList();
    private final ConcurrentLinkedQueue<MetricSample> queue = new ConcurrentLinkedQueue<>();
    private final Map<Long, RunEntry> byId = new HashMap<>();
    private final Consumer<RunEntry> onProgress;
    private final Consumer<String> onMessage;
    private RunEntry current;
    private Race race;
    private long lastDrain;
    private long lastRedraw;
    private long lastLayerRedraw;
    private int runCount;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            if (now - lastDrain < FRAME_NANOS) return;
            lastDrain = now;
            drainQueue();
            if (now - lastRedraw >= REDRAW_NANOS) {
                lastRedraw = now;
                boolean layers = now - lastLayerRedraw >= LAYER_REDRAW_NANOS;
                if (layers) lastLayerRedraw = now;
                redraw(layers);
            }
        }
    };

    TrainingSession(Consumer<RunEntry> onProgress, Consumer<String> onMessage) {
        this.onProgress = onProgress;
        this.onMessage = onMessage;
        timer.start();
    }

    public ObservableList<RunEntry> runs() {
        return runs;
    }

    public RunEntry current() {
        return current;
    }

    public List<LineChart> charts() {
        return List.of(lossChart, accuracyChart, lrChart, layers.gradient, layers.ratio, layers.activation, layers.dead);
    }

    /**
     * Compiles a snapshot of the graph and prepares the run off the FX thread, then starts it.
     * Refusals (graph problems, data that does not fit) come back through the message callback.
     */
    CompletableFuture<RunEntry> start(Graph graph, TrainingSettings settings, DatasetRef dataset, java.nio.file.Path baseDir,
                                      org.layerlab.trainer.model.StartingPoint start) {
        String name = "run " + (++runCount);
        String colour = RUN_COLOURS[(runCount - 1) % RUN_COLOURS.length];
        CompletableFuture<RunEntry> result = new CompletableFuture<>();
        Thread prepare = new Thread(() -> {
            try {
                RunEntry e = prepare(name, colour, graph, settings, dataset, baseDir);
                // a project opened from a trained model starts where the model ended, its frozen layers kept
                start.applyTo(e.run);
                Platform.runLater(() -> {
                    register(e);
                    e.run.start();
                    result.complete(e);
                });
            } catch (Exception | LinkageError ex) {
                Platform.runLater(() -> {
                    runCount--;
                    refused(ex);
                    result.completeExceptionally(ex);
                });
            }
        }, "layerlab-prepare-" + name);
        prepare.setDaemon(true);
        prepare.start();
        return result;
    }

    /** A run of the graph, built and with its data prepared, not started. Any thread but FX (this takes time). */
    RunEntry prepare(String name, String colour, Graph graph, TrainingSettings settings, DatasetRef dataset, java.nio.file.Path baseDir)
            throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(graph, settings);
        Prepared data = ProjectData.prepare(dataset, baseDir, settings, c);
        TrainingRun run = new TrainingRun(name, c, settings, data.train(), data.validation(), queue::offer, 10);
        run.setBatchTransform(data.batchTransform(settings.seed()));
        run.setDataWatch(org.layerlab.trainer.data.DataWatch.of(dataset, baseDir));
        int perEpoch = (data.train().size() + settings.batchSize() - 1) / settings.batchSize();
        return new RunEntry(run, colour, perEpoch * settings.epochs(), settings.batchSize(), data, dataset);
    }

    void refused(Throwable ex) {
        String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        onMessage.accept("Cannot train: " + why.replace("\n", " "));
    }

    /** Adds a run built elsewhere (a race's) to the list and the charts; it counts as a run of this window. FX thread. */
    void add(RunEntry e) {
        runCount++;
        register(e);
    }

    /** The colour of the run {@code ahead} places after the next one. */
    String nextColour(int ahead) {
        return RUN_COLOURS[(runCount + ahead) % RUN_COLOURS.length];
    }

    private void register(RunEntry e) {
        byId.put(e.run.id(), e);
        runs.add(e);
        current = e;
        lossChart.add(e.loss);
        lossChart.add(e.validationLoss);
        accuracyChart.add(e.runningAccuracy);
        accuracyChart.add(e.validationAccuracy);
        lrChart.add(e.learningRate);
        e.shown.addListener((o, was, now) -> overlay(e, now));
        showLayersOf(e);
    }

    private void overlay(RunEntry e, boolean shown) {
        LineChart[] charts = {lossChart, lossChart, accuracyChart, accuracyChart, lrChart};
        List<Series> lines = e.overlaid();
        for (int i = 0; i < charts.length; i++) {
            charts[i].remove(lines.get(i));
            if (shown) charts[i].add(lines.get(i));
        }
        for (LineChart c : List.of(lossChart, accuracyChart, lrChart)) c.refresh();
    }

    /** The run whose per-layer charts, histograms and predictions are shown. */
    RunEntry detail() {
        return layers.shown();
    }

    /** Shows a run's per-layer statistics (see {@link LayerCharts}). */
    void showLayersOf(RunEntry e) {
        layers.show(e);
    }

    /** Drains every queued sample into the series and redraws at once (tests). */
    public void drain() {
        drainQueue();
        redraw(true);
    }

    /** Moves every queued sample into the series. */
    private void drainQueue() {
        MetricSample s;
        while ((s = queue.poll()) != null) {
            RunEntry e = byId.get(s.runId());
            if (e == null) continue;
            if (s instanceof MetricSample.Iteration it) {
                e.loss.add(it.iteration(), it.score());
                e.learningRate.add(it.iteration(), it.learningRate());
            } else if (s instanceof MetricSample.RunningAccuracy ra) {
                e.runningAccuracy.add(ra.iteration(), ra.accuracy());
            } else if (s instanceof MetricSample.Epoch ep) {
                e.validationLoss.add(ep.iteration(), ep.validationLoss());
                e.validationAccuracy.add(ep.iteration(), ep.validationAccuracy());
            } else if (s instanceof MetricSample.Layer l && e == layers.shown()) {
                layers.add(l);
            } else if (s instanceof MetricSample.Event ev) {
                switch (ev.kind()) {
                    case LEARNING_RATE_CHANGED -> {
                        String label = ev.message().replace("learning rate set to ", "LR → ");
                        lossChart.addMarker(ev.iteration(), label);
                        lrChart.addMarker(ev.iteration(), label);
                    }
                    case FORKED -> {
                        lossChart.addMarker(ev.iteration(), "fork");
                        lrChart.addMarker(ev.iteration(), "fork");
                    }
                    case FAILED -> onMessage.accept(e.run.name() + " failed: " + ev.message());
                    case EARLY_STOPPED, FINISHED, STOPPED -> onMessage.accept(e.run.name() + ": " + ev.message());
                    default -> { }
                }
                if (ev.kind() == MetricSample.EventKind.FAILED || ev.kind() == MetricSample.EventKind.FINISHED
                        || ev.kind() == MetricSample.EventKind.STOPPED) RunMemory.keepNewest(runs, KEPT_NETWORKS);
                int i = runs.indexOf(e);
                if (i >= 0) runs.set(i, e); // the list shows the new state
            }
        }
    }

    /** Redraws the charts whose lines changed since they were last drawn, and the progress. */
    private void redraw(boolean layersToo) {
        // charts out of sight are not drawn: a hidden canvas keeps its drawing commands queued until shown
        if (showing(lossChart)) {
            for (LineChart c : List.of(lossChart, accuracyChart, lrChart)) c.refreshIfChanged();
            if (layersToo) for (LineChart c : layers.charts()) c.refreshIfChanged();
        }
        long now = System.nanoTime();
        for (RunEntry e : runs) {
            // a racing run is paused between its steps, yet training: its speed is the race's
            if (e.run.state() == RunState.RUNNING || (e.racing && !e.run.state().isOver())) e.rate.running(now, e.run.iteration());
            else e.rate.idle();
        }
        if (current != null) onProgress.accept(current);
    }

    /**
     * Drops every run: another project was opened, and runs belong to the project they trained. Stops
     * them, frees their networks in the background and clears the charts, markers included.
     */
    void clear() {
        List<RunEntry> old = List.copyOf(runs);
        runs.clear();
        byId.clear();
        queue.clear();
        layers.forget();
        current = null;
        runCount = 0;
        for (LineChart c : charts()) {
            c.clear();
            c.refresh();
        }
        RunMemory.release(old);
    }

    public void pause() {
        if (current != null) current.run.pause();
    }

    void resume() {
        if (current != null) current.run.resume();
    }

    void step() {
        if (current != null) current.run.step();
    }

    void stop() {
        if (race != null) race.stop();
        if (current != null) current.run.stop();
    }

    /** The race in progress, or null. */
    Race race() {
        return race != null && race.running() ? race : null;
    }

    void setRace(Race r) {
        race = r;
    }

    public void setLearningRate(double lr) {
        if (current != null && isActive(current)) current.run.setLearningRate(lr);
    }

    /**
     * Branches the current run at its current iteration into a new run (parameters and optimizer
     * state copied) with other settings; the branch starts at once and becomes the current run,
     * the parent keeps going unless it was paused.
     */
    RunEntry fork(TrainingSettings settings) {
        if (!canFork(current)) return null;
        RunEntry parent = current;
        String name = parent.run.name() + "." + (++runCount);
        String colour = RUN_COLOURS[(runCount - 1) % RUN_COLOURS.length];
        TrainingRun child = parent.run.fork(name, settings, queue::offer);
        int perEpoch = (parent.data.train().size() + settings.batchSize() - 1) / settings.batchSize();
        RunEntry e = new RunEntry(child, colour, perEpoch * child.settings().epochs(), settings.batchSize(), parent.data, parent.dataset);
        register(e);
        child.start();
        return e;
    }

    /** True when the node and all its ancestors are visible and it is in a scene. */
    static boolean showing(javafx.scene.Node n) {
        if (n.getScene() == null) return false;
        for (javafx.scene.Node p = n; p != null; p = p.getParent()) if (!p.isVisible()) return false;
        return true;
    }

    /** A run can be forked while it trains and after it ended, unless it failed or freed its network. */
    static boolean canFork(RunEntry e) {
        return e != null && e.run.state() != RunState.FAILED && e.run.hasNetwork();
    }

    static boolean isActive(RunEntry e) {
        RunState st = e.run.state();
        return st == RunState.RUNNING || st == RunState.PAUSED || st == RunState.NEW;
    }

    /** Stops every run (window closing). */
    public void shutdown() {
        timer.stop();
        if (race != null) race.stop();
        for (RunEntry e : runs) e.run.stop();
    }
}
