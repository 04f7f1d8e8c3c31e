package org.layerlab.app.learn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layerlab.charts.LineChart;
import org.layerlab.charts.Series;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.trainer.lesson.CheckEvaluator;
import org.layerlab.trainer.lesson.LessonRace;
import org.layerlab.trainer.metrics.FloatSeries;
import org.layerlab.trainer.metrics.IntSeries;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;

/**
 * One lesson's experiment in the Learn tab: Run experiment / Run control / Stop, the race's progress,
 * its checks going from pending to passed or failed with their numbers, and two live charts (the
 * loss of every variant, and the per-layer statistic the checks read, or accuracy). The race runs
 * on its own thread; a timer reads the runs' histories five times a second. FX thread.
 */
final class LessonRaceView extends VBox {
    static final String[] COLOURS = {"#2f6fde", "#e0862f", "#2a9d55", "#9560d3", "#d0557a", "#1f9fb0", "#b08a1f", "#7a7a7a"};

    private final Button run = new Button("Run experiment");
    private final Button control = new Button("Run control");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label status = new Label("Run the experiment to see the effect appear.");
    private final CheckList checks = new CheckList();
    private final LineChart loss = new LineChart("Loss");
    private final LineChart detail = new LineChart("Accuracy");
    private final Consumer<String> onAllPassed;
    private final HBox curves = new HBox(8);
    /** The lesson's own views as tabs beside the curves, or the curves alone. */
    private final javafx.scene.layout.StackPane views = new javafx.scene.layout.StackPane();
    private List<LessonView> lessonViews = List.of();
    private Lesson lesson;
    private LessonSource source;
    private LessonRace race;
    private volatile int done;
    private volatile boolean over;
    private boolean runningControl;
    private final Map<String, Series[]> lines = new LinkedHashMap<>();
    private final Map<Series, Integer> consumed = new HashMap<>();
    private final AnimationTimer timer = new AnimationTimer() {
        private long last;

        @Override
        public void handle(long now) {
            if (now - last < 200_000_000L) return;
            last = now;
            refresh();
        }
    };

    /** @param onAllPassed told the lesson's id when a (non-control) race passes every check */
    LessonRaceView(Consumer<String> onAllPassed) {
        this.onAllPassed = onAllPassed;
        setSpacing(8);
        getStyleClass().add("lesson-race");
        run.setId("lesson-run");
        control.setId("lesson-control");
        stop.setId("lesson-stop");
        status.setId("lesson-status");
        status.setWrapText(true);
        run.setDefaultButton(true);
        run.setOnAction(e -> start(false));
        control.setOnAction(e -> start(true));
        stop.setOnAction(e -> {
            if (race != null) race.cancel();
        });
        control.setTooltip(new javafx.scene.control.Tooltip("The same experiment without its key difference: every check must fail."));
        progress.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox buttons = new HBox(8, run, control, stop, progress);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        for (LineChart c : List.of(loss, detail)) {
            c.setMinSize(200, 170);
            c.setPrefSize(380, 220);
            c.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
            HBox.setHgrow(c, Priority.ALWAYS);
        }
        loss.setLogY(true);
        curves.getChildren().setAll(loss, detail);
        VBox.setVgrow(views, Priority.ALWAYS);
        views.setId("lesson-views");
        Label checksTitle = new Label("Checks");
        checksTitle.getStyleClass().add("inspector-title");
        getChildren().addAll(buttons, status, checksTitle, checks, views);
        setPadding(new Insets(4, 0, 0, 0));
        showIdle();
    }

    List<LineChart> charts() {
        return List.of(loss, detail);
    }

    boolean running() {
        return race != null && !over;
    }

    /** Shows a lesson (stopping a race of another one). */
    void show(Lesson l, LessonSource src) {
        if (race != null) race.cancel();
        lesson = l;
        source = src;
        race = null;
        clearCharts();
        showViews(l, src);
        showChecks(l.checks().stream().map(c -> new CheckEvaluator.Result(c, CheckEvaluator.Status.PENDING, Double.NaN, Double.NaN, "")).toList());
        status.setText("Run the experiment: " + l.variants().size() + " runs side by side, " + String.format(Locale.ROOT, "%,d", l.iterations())
                + " iterations each, from the same seed.");
        progress.setProgress(0);
        showIdle();
    }

    /** The lesson's views as tabs in the order it names them, the training curves where it names "curves" (else last). */
    private void showViews(Lesson l, LessonSource src) {
        List<LessonView> own = new ArrayList<>();
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("lesson-view-tabs");
        javafx.scene.control.Tab curvesTab = new javafx.scene.control.Tab("Training curves", curves);
        for (String name : l.views()) {
            if (name.equals("curves") && !tabs.getTabs().contains(curvesTab)) tabs.getTabs().add(curvesTab);
            LessonView v = LessonView.create(name, l, src);
            if (v == null) continue;
            own.add(v);
            tabs.getTabs().add(new javafx.scene.control.Tab(v.title(), v.node()));
        }
        lessonViews = own;
        if (own.isEmpty()) {
            views.getChildren().setAll(curves);
            return;
        }
        if (!tabs.getTabs().contains(curvesTab)) tabs.getTabs().add(curvesTab);
        views.getChildren().setAll(tabs);
    }

    List<LessonView> lessonViews() {
        return lessonViews;
    }

    private void showIdle() {
        run.setDisable(lesson == null);
        control.setDisable(lesson == null);
        stop.setDisable(true);
    }

    /** Starts the race off the FX thread; the view follows it until it ends. */
    void start(boolean asControl) {
        if (lesson == null || running()) return;
        Lesson l = lesson;
        LessonSource src = source;
        runningControl = asControl;
        clearCharts();
        done = 0;
        over = false;
        run.setDisable(true);
        control.setDisable(true);
        stop.setDisable(false);
        status.setText((asControl ? "Control (" + l.control().removes() + "): " : "") + "preparing the runs…");
        Thread t = new Thread(() -> {
            try {
                Map<String, LessonRunner.Variant> variants = LessonRunner.prepareVariants(l, src, asControl, null);
                Map<String, org.layerlab.trainer.run.TrainingRun> runs = new LinkedHashMap<>();
                variants.forEach((k, v) -> runs.put(k, v.run()));
                LessonRace r = new LessonRace(runs, l.iterations());
                CountDownLatch told = new CountDownLatch(1);
                Platform.runLater(() -> {
                    race = r;
                    lessonViews.forEach(v -> v.raceStarting(r, variants));
                    told.countDown();
                    setUpLines(r);
                    status.setText((asControl ? "Control: " + l.control().removes() + ". " : "") + "Racing " + String.join(", ", r.runs().keySet()) + "…");
                    timer.start();
                });
                told.await();
                List<LessonView> own = lessonViews;
                r.run(it -> {
                    done = it;
                    for (LessonView v : own) v.stepped(r, it);
                });
            } catch (Exception ex) {
                String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                Platform.runLater(() -> status.setText("Cannot run the lesson: " + why));
            } finally {
                over = true;
                Platform.runLater(this::finished);
            }
        }, "layerlab-lesson-" + l.id());
        t.setDaemon(true);
        t.start();
    }

    private void setUpLines(LessonRace r) {
        lines.clear();
        consumed.clear();
        String layerMetric = null, layer = null;
        for (Lesson.Check c : lesson.checks()) {
            for (Lesson.Operand o : List.of(c.left(), c.right())) {
                if (!o.isConstant() && o.metric().perLayer() && layerMetric == null) {
                    layerMetric = o.metric().key;
                    layer = o.layer();
                }
            }
        }
        detail.setTitle(layerMetric == null ? "Accuracy (training, running)" : friendly(layerMetric) + " of " + layer);
        detail.setLogY("gradientNorm".equals(layerMetric));
        int k = 0;
        for (String v : r.runs().keySet()) {
            String colour = COLOURS[k++ % COLOURS.length];
            Series train = loss.add(new Series(v + " train", colour));
            Series val = loss.add(new Series(v + " validation", colour).asPoints());
            Series d = detail.add(new Series(v, colour));
            lines.put(v, new Series[] {train, val, d});
        }
        detailMetric = layerMetric;
        detailLayer = layer;
    }

    private String detailMetric;
    private String detailLayer;

    private static String friendly(String metric) {
        return switch (metric) {
            case "gradientNorm" -> "Gradient norm";
            case "updateRatio" -> "Update ratio";
            case "deadFraction" -> "Dead units";
            case "smallWeights" -> "Weights near zero";
            default -> "Activation spread";
        };
    }

    /** Moves new points from the histories onto the charts and re-evaluates the checks (pending until decided). */
    private void refresh() {
        LessonRace r = race;
        if (r == null) return;
        Map<String, MetricHistory> h = r.histories();
        h.forEach((v, history) -> {
            Series[] s = lines.get(v);
            if (s == null) return;
            append(s[0], history.iterations(), history.score());
            List<MetricSample.Epoch> epochs = history.epochs();
            for (int i = s[1].size(); i < epochs.size(); i++) s[1].add(epochs.get(i).iteration(), epochs.get(i).validationLoss());
            if (detailMetric == null) {
                append(s[2], history.runningAccuracyIterations(), history.runningAccuracy());
            } else {
                MetricHistory.LayerSeries ls = history.layers().get(detailLayer);
                if (ls != null) {
                    FloatSeries f = switch (detailMetric) {
                        case "gradientNorm" -> ls.gradientNorm;
                        case "updateRatio" -> ls.updateRatio;
                        case "deadFraction" -> ls.deadFraction;
                        case "smallWeights" -> ls.smallWeightFraction;
                        default -> ls.activationStd;
                    };
                    append(s[2], ls.iterations, f);
                }
            }
        });
        loss.refreshIfChanged();
        detail.refreshIfChanged();
        progress.setProgress(lesson.iterations() == 0 ? 0 : (double) done / lesson.iterations());
        showChecks(CheckEvaluator.evaluate(lesson.checks(), h, false));
        for (LessonView v : lessonViews) v.refresh(r);
    }

    private void append(Series s, IntSeries xs, FloatSeries ys) {
        int from = consumed.getOrDefault(s, 0);
        int n = Math.min(xs.size(), ys.size());
        for (int i = from; i < n; i++) s.add(xs.get(i), ys.get(i));
        consumed.put(s, n);
    }

    private void finished() {
        timer.stop();
        refresh();
        LessonRace r = race;
        showIdle();
        if (r == null) return;
        List<CheckEvaluator.Result> results = CheckEvaluator.evaluate(lesson.checks(), r.histories(), true);
        showChecks(results);
        lessonViews.forEach(v -> v.raceEnded(r));
        loss.refresh();
        detail.refresh();
        long passed = results.stream().filter(x -> x.status() == CheckEvaluator.Status.PASSED).count();
        boolean cancelled = done < lesson.iterations() && r.runs().values().stream().noneMatch(x -> x.state() == org.layerlab.trainer.run.RunState.FAILED);
        status.setText(String.format(Locale.ROOT, "%s%d of %d checks passed%s.", runningControl ? "Control: " : "", passed, results.size(),
                cancelled ? " (stopped early)" : runningControl ? (passed == 0 ? " — without the key difference the effect is gone, as it must be" : "") : ""));
        if (!runningControl && !cancelled && passed == results.size()) onAllPassed.accept(lesson.id());
    }

    private void clearCharts() {
        for (LineChart c : List.of(loss, detail)) {
            c.clear();
            c.refresh();
        }
    }

    private void showChecks(List<CheckEvaluator.Result> results) {
        checks.show(results);
    }

    /** The checks as text (for the student's exported result). */
    String checksText() {
        LessonRace r = race;
        if (lesson == null) return "";
        List<CheckEvaluator.Result> results = r == null ? List.of() : CheckEvaluator.evaluate(lesson.checks(), r.histories(), over);
        return CheckList.text(lesson.number() + ". " + lesson.title() + (runningControl ? " (control)" : ""), results);
    }

    void shutdown() {
        timer.stop();
        if (race != null) race.cancel();
    }
}
