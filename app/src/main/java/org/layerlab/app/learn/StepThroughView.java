package org.layerlab.app.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.lesson.Lesson;
import org.layerlab.graph.lesson.LessonSource;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.inspect.StepThrough;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Lesson 6's view: the first variant's network (a copy, untouched by the race) and the first
 * example of its data, stepped through by hand — weights, forward pass, backward pass with
 * finite-difference estimates, then one update by the project's optimizer, and again. The numbers
 * are computed on a worker thread; FX thread otherwise.
 */
final class StepThroughView implements LessonView {
    private final NetworkNumbers drawing = new NetworkNumbers();
    private final Button next = new Button("Forward ▸");
    private final Button restart = new Button("Start over");
    private final Label explain = new Label();
    private final VBox box;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "layerlab-step-through");
        t.setDaemon(true);
        return t;
    });
    private final Lesson lesson;
    private final LessonSource source;
    private ComputationGraph net;
    private INDArray x;
    private INDArray y;
    private double learningRate;
    private List<String> layers = List.of();
    private StepThrough.Trace trace;
    private double lossBefore = Double.NaN;
    private int steps;

    StepThroughView(Lesson lesson, LessonSource source) {
        this.lesson = lesson;
        this.source = source;
        next.setId("step-next");
        restart.setId("step-restart");
        next.setOnAction(e -> advance());
        restart.setOnAction(e -> load());
        next.setDisable(true);
        explain.setWrapText(true);
        explain.setId("step-explain");
        explain.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox buttons = new HBox(8, next, restart);
        buttons.setAlignment(Pos.CENTER_LEFT);
        box = new VBox(6, buttons, explain, drawing);
        box.setPadding(new Insets(4));
        VBox.setVgrow(drawing, Priority.ALWAYS);
        load();
    }

    @Override
    public String title() {
        return "Step through one example";
    }

    @Override
    public Node node() {
        return box;
    }

    NetworkNumbers drawing() {
        return drawing;
    }

    StepThrough.Trace trace() {
        return trace;
    }

    int steps() {
        return steps;
    }

    /** A fresh copy of the first variant's untrained network and the first example of its data. */
    private void load() {
        next.setDisable(true);
        drawing.message("Loading the network…");
        worker.execute(() -> {
            try {
                Map<String, TrainingRun> runs = LessonRunner.prepare(lesson, source, false, null);
                TrainingRun run = runs.get(lesson.variants().get(0).name());
                ComputationGraph copy = run.inspect(ComputationGraph::clone);
                copy.setListeners(new ArrayList<>());
                Dataset first = run.trainingData().rows(new int[] {0});
                double lr = run.settings().learningRate();
                for (TrainingRun r : runs.values()) r.release();
                StepThrough.Trace t = StepThrough.of(copy, first.features(), first.labels());
                Platform.runLater(() -> {
                    net = copy;
                    x = first.features();
                    y = first.labels();
                    learningRate = lr;
                    steps = 0;
                    lossBefore = Double.NaN;
                    layers = new ArrayList<>(t.activations().keySet());
                    show(t, NetworkNumbers.Phase.WEIGHTS);
                });
            } catch (Exception | Error ex) {
                String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                Platform.runLater(() -> drawing.message("Cannot step through this lesson's network: " + why));
            }
        });
    }

    private void show(StepThrough.Trace t, NetworkNumbers.Phase phase) {
        trace = t;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) names.add(i == 0 ? "x" : i == layers.size() - 1 ? "ŷ" : layers.get(i));
        drawing.show(layers, names, t, y.getDouble(0), phase);
        next.setDisable(false);
        switch (phase) {
            case WEIGHTS -> {
                next.setText("Forward ▸");
                explain.setText(steps == 0 ? "The untrained network and one example x = (" + NetworkNumbers.num(x.getDouble(0)) + ", "
                        + NetworkNumbers.num(x.getDouble(1)) + ") with target y = " + NetworkNumbers.num(y.getDouble(0))
                        + ". Each unit computes z = Σ w·input + b, then its activation."
                        : String.format(Locale.ROOT, "After %d update%s: every parameter moved by −%s × its gradient. The loss on the example went from %s to %s.",
                        steps, steps == 1 ? "" : "s", NetworkNumbers.num(learningRate), NetworkNumbers.num(lossBefore), NetworkNumbers.num(t.loss())));
            }
            case FORWARD -> {
                next.setText("Backward ▸");
                explain.setText("Forward: the inputs flow left to right; each circle shows its unit's activation. The loss compares the output ŷ with the target.");
            }
            case BACKWARD -> {
                next.setText("Update ▸");
                explain.setText("Backward: the chain rule carries ∂L/∂ŷ back through every unit to every parameter. The table puts each gradient beside "
                        + "the estimate (L(w + ε) − L(w − ε)) / 2ε with ε = " + StepThrough.EPSILON + ", measured by running the network twice.");
            }
        }
    }

    private void advance() {
        if (trace == null || net == null) return;
        switch (drawing.phase()) {
            case WEIGHTS -> show(trace, NetworkNumbers.Phase.FORWARD);
            case FORWARD -> show(trace, NetworkNumbers.Phase.BACKWARD);
            case BACKWARD -> {
                next.setDisable(true);
                double before = trace.loss();
                ComputationGraph n = net;
                worker.execute(() -> {
                    n.fit(new MultiDataSet(x, y));
                    StepThrough.Trace t = StepThrough.of(n, x, y);
                    Platform.runLater(() -> {
                        steps++;
                        lossBefore = before;
                        show(t, NetworkNumbers.Phase.WEIGHTS);
                    });
                });
            }
        }
    }
}
