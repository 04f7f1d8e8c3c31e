package org.layerlab.app;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javax.imageio.ImageIO;
import org.layerlab.canvas.RecordSheet;
import org.layerlab.charts.LineChart;
import org.layerlab.graph.Graph;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.run.RunState;

/**
 * The Train tab: dataset and settings (saved in the project), run controls, progress, the list
 * of runs, and the live charts. Training uses a snapshot of the graph taken when Start is pressed.
 */
final class TrainingWorkspace extends BorderPane {
    private final ProjectController project;
    private final Supplier<Graph> graph;
    private final Dialogs dialogs;
    private final java.util.function.Consumer<String> chooseDataset;
    private final TrainingSession session;
    private final ComboBox<String> dataset = new ComboBox<>();
    private final RecordSheet settings;
    private final Label settingsError = new Label();
    private final Button start = new Button("Start");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button step = new Button("Step");
    private final Button stop = new Button("Stop");
    private final TextField lrNow = new TextField();
    private final Button setLr = new Button("Change LR now");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Not started");
    private final Label backend = new Label("Engine: starts with the first run");
    private final Label message = new Label();

    /** @param chooseDataset loads a data set by name as the Data tab does (preview, Input shape) */
    TrainingWorkspace(ProjectController project, Supplier<Graph> graph, Dialogs dialogs, java.util.function.Consumer<String> chooseDataset) {
        this.chooseDataset = chooseDataset;
        this.project = project;
        this.graph = graph;
        this.dialogs = dialogs;
        this.session = new TrainingSession(this::showProgress, this::say);
        this.settings = new RecordSheet(this::applySetting);
        getStyleClass().add("training-workspace");
        setId("training");
        setLeft(controls());
        setCenter(chartsPane());
        project.onProjectReplaced(this::reload);
        reload();
        showProgress(null);
    }

    TrainingSession session() {
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
        start.setId("train-start");
        pause.setId("train-pause");
        resume.setId("train-resume");
        step.setId("train-step");
        stop.setId("train-stop");
        start.setDefaultButton(false);
        start.setOnAction(e -> startRun());
        pause.setOnAction(e -> session.pause());
        resume.setOnAction(e -> session.resume());
        step.setOnAction(e -> session.step());
        stop.setOnAction(e -> session.stop());
        FlowPane buttons = new FlowPane(6, 6, start, pause, resume, step, stop);
        lrNow.setPromptText("e.g. 0.01");
        lrNow.setPrefColumnCount(7);
        setLr.setOnAction(e -> changeLr());
        lrNow.setOnAction(e -> changeLr());
        HBox lrRow = new HBox(6, lrNow, setLr);
        progress.setMaxWidth(Double.MAX_VALUE);
        progressText.setId("train-progress");
        progressText.setWrapText(true);
        backend.setId("train-backend");
        backend.setWrapText(true);
        message.setId("train-message");
        message.setWrapText(true);
        message.getStyleClass().add("train-message");
        settingsError.getStyleClass().add("inspector-error");
        settingsError.setWrapText(true);
        settingsError.setVisible(false);
        settingsError.setManaged(false);
        ListView<TrainingSession.Entry> runs = new ListView<>(session.runs());
        runs.setId("train-runs");
        runs.setPrefHeight(80);
        runs.setMinHeight(60);
        for (Label l : List.of(progressText, backend, message)) {
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        Label title = new Label("Training");
        title.getStyleClass().add("inspector-title");
        VBox.setVgrow(settings, Priority.ALWAYS);
        VBox box = new VBox(8, title, new Label("Dataset"), dataset, new Label("Settings (saved with the project)"), settings,
                settingsError, buttons, lrRow, progress, progressText, backend, message, new Label("Runs"), runs);
        box.getStyleClass().add("inspector");
        box.setPadding(new Insets(10));
        box.setPrefWidth(310);
        box.setMinWidth(280);
        return box;
    }

    private BorderPane chartsPane() {
        Slider smoothing = new Slider(0, 0.99, 0.6);
        smoothing.setPrefWidth(140);
        smoothing.valueProperty().addListener((o, a, b) -> session.lossChart.setSmoothing(b.doubleValue()));
        session.lossChart.setSmoothing(0.6);
        CheckBox logLoss = new CheckBox("Log loss");
        logLoss.setOnAction(e -> session.lossChart.setLogY(logLoss.isSelected()));
        Button csv = new Button("Export CSV…");
        csv.setOnAction(e -> exportCsv());
        Button png = new Button("Export PNG…");
        png.setOnAction(e -> exportPng());
        ToolBar bar = new ToolBar(new Label("Smoothing"), smoothing, logLoss, csv, png,
                new Label("  wheel: zoom · drag: pan · double-click: reset"));
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(8));
        List<LineChart> charts = session.charts();
        for (int i = 0; i < charts.size(); i++) grid.add(charts.get(i), i % 2, i / 2, i == charts.size() - 1 && i % 2 == 0 ? 2 : 1, 1);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(50);
            grid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < (charts.size() + 1) / 2; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            rc.setPercentHeight(100.0 / ((charts.size() + 1) / 2));
            grid.getRowConstraints().add(rc);
        }
        for (LineChart c : charts) {
            c.setMinSize(120, 90);
            c.setPrefSize(300, 150);
            c.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        }
        BorderPane p = new BorderPane(grid);
        p.setTop(bar);
        p.getStyleClass().add("charts-pane");
        return p;
    }

    private void reload() {
        settings.showFresh(project.training());
        showDataset();
    }

    /** Shows the project's data set (it may have been chosen on the Data tab). */
    void showDataset() {
        String d = project.dataset().name();
        dataset.setValue(d.isEmpty() ? null : d);
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
    java.util.concurrent.CompletableFuture<TrainingSession.Entry> startRun() {
        if (dataset.getValue() == null) {
            say("Choose a dataset first.");
            return null;
        }
        if (session.current() != null && TrainingSession.isActive(session.current())) session.stop();
        say("Preparing " + dataset.getValue() + "…");
        var started = session.start(graph.get(), project.training(), project.dataset(), project.baseDir());
        started.thenAccept(e -> {
            backend.setText("Engine: " + Backend.init());
            say("Training " + e.run.name() + " on " + project.dataset().name());
        });
        return started;
    }

    private void changeLr() {
        try {
            double lr = Double.parseDouble(lrNow.getText().trim());
            if (!(lr > 0 && lr <= 100)) throw new NumberFormatException();
            session.setLearningRate(lr);
        } catch (NumberFormatException e) {
            say("Learning rate \"" + lrNow.getText().trim() + "\" is not a number in (0, 100]; type e.g. 0.01");
        }
    }

    private void showProgress(TrainingSession.Entry e) {
        RunState st = e == null ? null : e.run.state();
        boolean active = e != null && TrainingSession.isActive(e);
        pause.setDisable(st != RunState.RUNNING);
        resume.setDisable(st != RunState.PAUSED);
        step.setDisable(st != RunState.PAUSED);
        stop.setDisable(!active);
        setLr.setDisable(!active);
        if (e == null) return;
        int it = e.run.iteration();
        progress.setProgress(e.totalIterations == 0 ? 0 : Math.min(1, (double) it / e.totalIterations));
        double seconds = (System.nanoTime() - e.startNanos) / 1e9;
        double perSecond = seconds > 0 ? it * (double) e.batchSize / seconds : 0;
        double eta = it > 0 && st == RunState.RUNNING ? seconds / it * (e.totalIterations - it) : Double.NaN;
        progressText.setText(String.format(Locale.ROOT, "%s · epoch %d · iteration %,d of %,d\n%,.0f samples/s%s",
                st.name().toLowerCase(Locale.ROOT), e.run.epoch() + 1, it, e.totalIterations, perSecond,
                Double.isNaN(eta) ? "" : String.format(Locale.ROOT, " · ETA %.0f s", eta)));
    }

    void say(String text) {
        message.setText(text);
    }

    private void exportCsv() {
        Path p = dialogs.chooseSave(null, "loss.csv", "CSV", ".csv");
        if (p == null) return;
        try (Writer w = Files.newBufferedWriter(p, StandardCharsets.UTF_8)) {
            session.lossChart.writeCsv(w);
            say("Exported " + p.getFileName());
        } catch (IOException ex) {
            dialogs.showError("Cannot export " + p.getFileName(), p + ": " + ex.getMessage());
        }
    }

    private void exportPng() {
        Path p = dialogs.chooseSave(null, "charts.png", "PNG image", ".png");
        if (p == null) return;
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(((BorderPane) getCenter()).snapshot(null, null), null), "png", p.toFile());
            say("Exported " + p.getFileName());
        } catch (IOException ex) {
            dialogs.showError("Cannot export " + p.getFileName(), p + ": " + ex.getMessage());
        }
    }
}
