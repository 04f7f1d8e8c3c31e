package org.layerlab.app.train;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import org.layerlab.app.Dialogs;
import org.layerlab.app.project.ProjectController;
import org.layerlab.graph.Graph;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.run.RunState;

/**
 * The Train panel's buttons that drive runs — Start, Pause, Resume, Step, Stop, Fork here, Race…
 * and Change LR now — with what each does and when each is enabled. FX thread.
 */
final class RunControls {
    private final Button start = new Button("Start");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button step = new Button("Step");
    private final Button stop = new Button("Stop");
    private final Button fork = new Button("Fork here");
    private final Button race = new Button("Race…");
    private final TextField lrNow = new TextField();
    private final Button setLr = new Button("Change LR now");
    private final TrainingSession session;
    private final ProjectController project;
    private final Supplier<Graph> graph;
    private final Dialogs dialogs;
    private final Supplier<String> datasetChosen;
    private final Consumer<String> say;
    private final Consumer<String> engine;

    /**
     * @param datasetChosen the data set picked in the panel (null: none yet)
     * @param engine shows the engine in use once a run has started it
     */
    RunControls(TrainingSession session, ProjectController project, Supplier<Graph> graph, Dialogs dialogs,
                Supplier<String> datasetChosen, Consumer<String> say, Consumer<String> engine) {
        this.session = session;
        this.project = project;
        this.graph = graph;
        this.dialogs = dialogs;
        this.datasetChosen = datasetChosen;
        this.say = say;
        this.engine = engine;
        start.setId("train-start");
        pause.setId("train-pause");
        resume.setId("train-resume");
        step.setId("train-step");
        stop.setId("train-stop");
        fork.setId("train-fork");
        race.setId("train-race");
        start.setDefaultButton(false);
        start.setOnAction(e -> startRun());
        pause.setOnAction(e -> session.pause());
        resume.setOnAction(e -> session.resume());
        step.setOnAction(e -> session.step());
        stop.setOnAction(e -> session.stop());
        fork.setTooltip(new Tooltip("Branch the current run here (parameters and optimizer state copied); the branch uses "
                + "the settings as they are now, with the rate typed beside Change LR now if there is one."));
        fork.setOnAction(e -> forkRun());
        race.setTooltip(new Tooltip("Train the graph several times side by side with one setting changed (e.g. three learning rates), "
                + "from the same seed, in lockstep."));
        race.setOnAction(e -> startRace());
        lrNow.setPromptText("e.g. 0.01");
        lrNow.setPrefColumnCount(7);
        setLr.setOnAction(e -> changeLr());
        lrNow.setOnAction(e -> changeLr());
    }

    FlowPane buttons() {
        return new FlowPane(6, 6, start, pause, resume, step, stop, fork, race);
    }

    HBox learningRateRow() {
        return new HBox(6, lrNow, setLr);
    }

    /** Forgets what was typed (another project was opened). */
    void clear() {
        lrNow.clear();
    }

    /** Enables what applies to the shown run. */
    void show(RunEntry e) {
        RunState st = e == null ? null : e.run.state();
        boolean active = e != null && TrainingSession.isActive(e);
        // a race steps its runs itself: pausing or resuming one by hand would break the lockstep (Stop ends the race)
        boolean racing = session.race() != null && session.race().contains(e);
        pause.setDisable(racing || st != RunState.RUNNING);
        resume.setDisable(racing || st != RunState.PAUSED);
        step.setDisable(racing || st != RunState.PAUSED);
        stop.setDisable(!active);
        setLr.setDisable(!active);
        fork.setDisable(!TrainingSession.canFork(e));
    }

    /** Starts a run of the current graph; the future completes when it is running (null: nothing to start). */
    CompletableFuture<RunEntry> startRun() {
        if (datasetChosen.get() == null) {
            say.accept("Choose a dataset first.");
            return null;
        }
        if (session.current() != null && TrainingSession.isActive(session.current())) session.stop();
        say.accept("Preparing " + datasetChosen.get() + "…");
        var start = project.startingPoint();
        var started = session.start(graph.get(), project.training(), project.dataset(), project.baseDir(), start);
        started.thenAccept(e -> {
            engine.accept("Engine: " + Backend.init());
            say.accept("Training " + e.run.name() + " on " + project.dataset().name()
                    + (start.weights() == null ? "" : ", from the weights in " + start.weights().getFileName())
                    + (start.frozen().isEmpty() ? "" : ", " + String.join(", ", start.frozen()) + " and the layers before frozen"));
        });
        return started;
    }

    /** Asks which setting to race, then trains one run per value in lockstep; refusals are said in plain words. */
    CompletableFuture<Race> startRace() {
        if (datasetChosen.get() == null) {
            say.accept("Choose a dataset first.");
            return null;
        }
        RaceRequest request = dialogs.askRace();
        if (request == null) return null;
        Map<String, TrainingSettings> variants;
        try {
            variants = request.variants(project.training());
        } catch (IllegalArgumentException e) {
            say.accept("Cannot race: " + e.getMessage());
            return null;
        }
        if (session.current() != null && TrainingSession.isActive(session.current())) session.stop();
        say.accept("Preparing " + variants.size() + " runs…");
        return Race.start(session, graph.get(), variants, project.dataset(), project.baseDir(), project.startingPoint())
                .thenApply(r -> {
                    engine.accept("Engine: " + Backend.init());
                    say.accept("Racing " + String.join(", ", variants.keySet()) + " from the same seed.");
                    return r;
                });
    }

    private void changeLr() {
        try {
            double lr = Double.parseDouble(lrNow.getText().trim());
            if (!(lr > 0 && lr <= 100)) throw new NumberFormatException();
            session.setLearningRate(lr);
        } catch (NumberFormatException e) {
            say.accept("Learning rate \"" + lrNow.getText().trim() + "\" is not a number in (0, 100]; type e.g. 0.01");
        }
    }

    private void forkRun() {
        TrainingSettings s = project.training();
        String typed = lrNow.getText().trim();
        if (!typed.isEmpty()) {
            try {
                double lr = Double.parseDouble(typed);
                if (!(lr > 0 && lr <= 100)) throw new NumberFormatException();
                s = RecordProperties.with(s, "learningRate", lr);
            } catch (NumberFormatException e) {
                say.accept("Learning rate \"" + typed + "\" is not a number in (0, 100]; type e.g. 0.01, or clear it to fork with the settings' rate");
                return;
            }
        }
        RunEntry parent = session.current();
        RunEntry child = session.fork(s);
        if (child == null) {
            say.accept("Start a run first: a fork branches the current run (running, paused or finished).");
            return;
        }
        say.accept(String.format(Locale.ROOT, "Forked %s at iteration %,d into %s (learning rate %.2g).", parent.run.name(),
                child.run.iteration(), child.run.name(), s.learningRate()));
    }
}
