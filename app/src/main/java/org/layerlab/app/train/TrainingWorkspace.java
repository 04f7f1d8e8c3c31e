package org.layerlab.app.train;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.geometry.Insets;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.layerlab.app.Dialogs;
import org.layerlab.app.FixedLines;
import org.layerlab.app.project.ProjectController;
import org.layerlab.canvas.NodeBadge;
import org.layerlab.canvas.RecordSheet;
import org.layerlab.charts.ChartMenu;
import org.layerlab.charts.LineChart;
import org.layerlab.graph.Graph;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.data.Datasets;

/**
 * The Train tab: dataset and settings (saved in the project), run controls, progress, the list
 * of runs, and the live charts. Training uses a snapshot of the graph taken when Start is pressed.
 */
public final class TrainingWorkspace extends BorderPane {
    private final ProjectController project;
    private final Supplier<Graph> graph;
    private final Dialogs dialogs;
    private final java.util.function.Consumer<String> chooseDataset;
    private final TrainingSession session;
    private final ComboBox<String> dataset = new ComboBox<>();
    private final RecordSheet settings;
    private final Label settingsError = new Label();
    private final RunProgressView progress = new RunProgressView();
    private final RunControls controls;
    private final Label backend = new Label("Engine: starts with the first run");
    private final Label message = new Label();
    private final CoachView coach = new CoachView();
    private final HistogramPane histograms = new HistogramPane();
    private final FeatureMapPane featureMaps = new FeatureMapPane();
    private final PredictionsPane predictions = new PredictionsPane();
    private final LrFinderPane lrFinder;
    private final TabPane views = new TabPane();
    private final FreezeChooser freeze;
    private final ChartExports exports;
    private final java.util.function.Consumer<Map<String, NodeBadge>> badges;
    private final Timeline insights = new Timeline(new KeyFrame(Duration.millis(250), e -> refreshInsights()));
    private int ticks;

    /**
     * @param chooseDataset loads a data set by name as the Data tab does (preview, Input shape)
     * @param badges shows the coach's health badges on the canvas (an empty map clears them)
     */
    public TrainingWorkspace(ProjectController project, Supplier<Graph> graph, Dialogs dialogs, java.util.function.Consumer<String> chooseDataset,
                      java.util.function.Consumer<Map<String, NodeBadge>> badges) {
        this.chooseDataset = chooseDataset;
        this.badges = badges;
        this.exports = new ChartExports(dialogs, this::say);
        this.lrFinder = new LrFinderPane(() -> new LrFinderPane.Context(graph.get(), project.training(), project.dataset(), project.baseDir()),
                lr -> {
                    applySetting("learningRate", lr);
                    say(String.format(Locale.ROOT, "Learning rate set to %.2g from the range test.", lr));
                });
        this.project = project;
        this.graph = graph;
        this.dialogs = dialogs;
        this.session = new TrainingSession(this::showProgress, this::say);
        this.freeze = new FreezeChooser(project, graph);
        this.controls = new RunControls(session, project, graph, dialogs, dataset::getValue, this::say, backend::setText);
        this.settings = new RecordSheet(this::applySetting);
        settings.setFilter((r, property) -> !(r instanceof TrainingSettings t) || t.applies(property));
        getStyleClass().add("training-workspace");
        setId("training");
        javafx.scene.control.ScrollPane left = new javafx.scene.control.ScrollPane(controls());
        left.setFitToWidth(true);
        left.setFitToHeight(true); // the settings grow into a tall window; a short one scrolls the panel
        left.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
        left.getStyleClass().add("training-controls");
        setLeft(left);
        setCenter(chartsPane());
        project.guardReplace(this::mayDropRuns);
        project.onProjectReplaced(() -> {
            dropRuns();
            reload();
        });
        reload();
        showProgress(null);
        // charts skip drawing while out of sight; they catch up when they come back
        visibleProperty().addListener((o, was, now) -> {
            if (now) session.charts().forEach(LineChart::refresh);
        });
        insights.setCycleCount(Animation.INDEFINITE);
        insights.play();
    }

    /** The views beside the settings: curves, histograms, feature maps, predictions, LR finder. */
    public TabPane views() {
        return views;
    }

    public HistogramPane histograms() { return histograms; }

    public FeatureMapPane featureMaps() { return featureMaps; }

    public PredictionsPane predictions() { return predictions; }

    public LrFinderPane lrFinder() { return lrFinder; }

    /**
     * A few times a second: the visible view catches up with the shown run; once a second the coach
     * reads the run's history and the canvas badges follow.
     */
    private void refreshInsights() {
        RunEntry e = session.detail();
        Tab tab = views.getSelectionModel().getSelectedItem();
        if (tab != null && e != null) {
            if (tab.getContent() == histograms) histograms.update(e.run);
            else if (tab.getContent() == featureMaps) featureMaps.update(e);
            else if (tab.getContent() == predictions && ticks % 2 == 0) predictions.update(e);
        }
        lrFinder.update();
        if (++ticks % 4 == 0 && e != null) badges.accept(coach.assess(e));
    }

    /**
     * Runs belong to the project they trained: before another project opens, its runs are dropped,
     * after asking if there are any (on closing the window only if one is still training).
     */
    private boolean mayDropRuns(boolean closing) {
        List<RunEntry> runs = session.runs();
        if (runs.isEmpty()) return true;
        long active = runs.stream().filter(TrainingSession::isActive).count();
        if (closing && active == 0) return true;
        String what = runs.size() == 1 ? "its training run" : "its " + runs.size() + " training runs";
        String header = closing ? "Stop " + (active == 1 ? "the run that is" : active + " runs that are") + " still training?"
                : "Close " + what + "?";
        String text = (closing ? "Closing the window stops them; their charts are lost."
                : "Runs belong to the project that trained them: opening another project stops "
                + (active > 0 ? "the " + active + " still training and " : "") + "drops them with their charts.")
                + " Keep what you need first: a chart's menu (right-click) exports it as PNG or CSV.";
        return dialogs.confirm("Training runs", header, text, closing ? "Stop and close" : "Drop runs");
    }

    /** Another project is open: nothing of the old one's runs stays (runs, charts, views, coach, badges). */
    private void dropRuns() {
        session.clear();
        histograms.clear();
        featureMaps.clear();
        predictions.clear();
        lrFinder.clear();
        badges.accept(Map.of());
        coach.clear();
        message.setText("");
        controls.clear();
        progress.clear();
        showProgress(null);
    }

    public TrainingSession session() {
        return session;
    }

    private VBox controls() {
        dataset.getItems().setAll(Datasets.CATALOGUE.stream().map(Datasets.Entry::name).toList());
        dataset.setId("dataset");
        dataset.setMaxWidth(Double.MAX_VALUE);
        dataset.setOnAction(e -> {
            String d = dataset.getValue();
            if (d != null && !d.equals(project.dataset().name())) chooseDataset.accept(d);
        });
        FlowPane buttons = controls.buttons();
        HBox lrRow = controls.learningRateRow();
        backend.setId("train-backend");
        backend.setWrapText(true);
        message.setId("train-message");
        message.setWrapText(true);
        message.getStyleClass().add("train-message");
        settingsError.getStyleClass().add("inspector-error");
        settingsError.setWrapText(true);
        settingsError.setVisible(false);
        settingsError.setManaged(false);
        ListView<RunEntry> runs = new ListView<>(session.runs());
        runs.setId("train-runs");
        runs.setTooltip(new Tooltip("Tick to overlay a run on the loss, accuracy and learning-rate charts; "
                + "select it to see its layers, histograms and predictions."));
        runs.setCellFactory(CheckBoxListCell.forListView(entry -> entry.shown));
        runs.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && b != session.detail()) session.showLayersOf(b);
        });
        runs.setPrefHeight(128); // five rows
        runs.setMinHeight(128);
        // fixed heights: text that grows and shrinks must not move the buttons under the pointer
        FixedLines.apply(backend, 2); // device, threads and the BLAS kernel: two lines at the panel's width
        FixedLines.apply(message, 2);
        FixedLines.apply(coach, 3);
        Label title = new Label("Training");
        title.getStyleClass().add("inspector-title");
        VBox.setVgrow(settings, Priority.ALWAYS);
        settings.setMinHeight(230); // about eight settings in view; the panel scrolls when the window is short
        VBox box = new VBox(8, title, new Label("Dataset"), dataset, new Label("Frozen layers"), freeze, new Label("Settings (saved with the project)"), settings,
                settingsError, buttons, lrRow, progress, backend, message, coach, new Label("Runs"), runs);
        box.getStyleClass().add("inspector");
        box.setPadding(new Insets(10));
        box.setPrefWidth(390);
        box.setMinWidth(330);
        return box;
    }

    private TabPane chartsPane() {
        for (LineChart c : session.charts()) ChartMenu.install(c, exports::chart);
        ChartMenu.install(lrFinder.chart(), exports::chart);
        Tab curves = new Tab("Curves", new CurvesView(session, exports, () -> views.getTabs().get(0).getContent()));
        curves.setId("view-curves");
        views.getTabs().setAll(curves, new Tab("Histograms", histograms), new Tab("Feature maps", featureMaps),
                new Tab("Predictions", predictions), new Tab("LR finder", lrFinder));
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        views.getStyleClass().add("views");
        // a view that becomes visible catches up at once
        views.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b == curves) session.charts().forEach(LineChart::refresh);
            refreshInsights();
        });
        return views;
    }

    private void reload() {
        settings.showFresh(project.training());
        showDataset();
    }

    /** Shows the project's data set (it may have been chosen on the Data tab). */
    public void showDataset() {
        String d = project.dataset().name();
        dataset.setValue(d.isEmpty() ? null : d);
        freeze.refresh(); // the graph may have changed on the Design tab
    }

    private String applySetting(String property, Object value) {
        try {
            project.setTraining(RecordProperties.with(project.training(), property, value));
            settings.show(project.training());
            settingsError.setVisible(false);
            settingsError.setManaged(false);
            return null;
        } catch (IllegalArgumentException e) {
            settingsError.setText(e.getMessage());
            settingsError.setVisible(true);
            settingsError.setManaged(true);
            return e.getMessage();
        }
    }

    /** Starts a run of the current graph; the future completes when it is running (null: nothing to start). */
    public java.util.concurrent.CompletableFuture<RunEntry> startRun() {
        return controls.startRun();
    }

    /** Asks which setting to race, then trains one run per value in lockstep (null: nothing started). */
    public java.util.concurrent.CompletableFuture<Race> startRace() {
        return controls.startRace();
    }

    private void showProgress(RunEntry e) {
        controls.show(e);
        if (e != null) progress.show(e);
    }

    void say(String text) {
        message.setText(text);
    }
}
