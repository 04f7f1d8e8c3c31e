package org.layerlab.app.learn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.canvas.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Learn tab during and after a race: checks go from pending to passed, the lesson is marked done, classroom mode, export. */
@ExtendWith(ApplicationExtension.class)
class LearnWorkspaceTest {
    @TempDir
    static Path tmp;

    private LearnWorkspace learn;
    private Scene scene;
    private final List<String> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        learn = new LearnWorkspace(tmp.resolve("lessons-done.txt"), () -> tmp.resolve("result.png"), errors::add);
        scene = new Scene(learn, 1280, 800);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private List<String> marks(FxRobot robot) {
        return robot.lookup(".check-mark").queryAllAs(Label.class).stream().map(Label::getText).toList();
    }

    @Test
    void aRaceTurnsPendingChecksIntoPassedOnesAndMarksTheLessonDone(FxRobot robot) throws Exception {
        robot.interact(() -> learn.select(14));
        assertThat(robot.lookup(".learn-title").queryAs(Label.class).getText()).isEqualTo("14. Vanishing gradients");
        assertThat(marks(robot)).containsOnly("…");
        robot.clickOn("#lesson-run");
        waitFor(() -> learn.race().running() && learn.race().charts().get(0).series().stream().anyMatch(s -> s.size() > 60));
        snapshot(robot, "learn-race");
        waitFor(() -> !learn.race().running());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(marks(robot)).containsExactly("✔", "✔");
        assertThat(robot.lookup("#lesson-status").queryAs(Label.class).getText()).startsWith("2 of 2 checks passed");
        assertThat(Files.readAllLines(tmp.resolve("lessons-done.txt"))).containsExactly("14-vanishing-gradients");
        assertThat(learn.race().charts().get(1).title()).isEqualTo("Gradient norm of h1");
        snapshot(robot, "learn-passed");
        // the lesson names the histograms: the Train tab's view of the race's runs, one variant at a time
        RaceHistograms histograms = (RaceHistograms) learn.race().lessonViews().stream().filter(v -> v instanceof RaceHistograms).findFirst().orElseThrow();
        assertThat(histograms.pane().layerChoice().getItems()).contains("h1", "h10");
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#lesson-view-tabs").query()).getSelectionModel().select(1));
        assertThat(((javafx.scene.control.TabPane) robot.lookup("#lesson-view-tabs").query()).getTabs())
                .extracting(javafx.scene.control.Tab::getText).containsExactly("Training curves", "Histograms");
        snapshot(robot, "learn-histograms");

        // the control: the same race without the key difference fails every check
        robot.clickOn("#lesson-control");
        waitFor(() -> learn.race().running());
        waitFor(() -> !learn.race().running());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(marks(robot)).containsExactly("✖", "✖");

        // classroom mode: larger type, no lesson list; the student's result exports as PNG and text
        robot.interact(() -> learn.setClassroom(true));
        assertThat(learn.getLeft()).isNull();
        snapshot(robot, "learn-classroom");
        robot.clickOn("#lesson-export");
        assertThat(tmp.resolve("result.png")).exists();
        assertThat(Files.readString(tmp.resolve("result.txt"))).contains("14. Vanishing gradients (control)").contains("FAILED");
        assertThat(errors).isEmpty();
    }

    @Test
    void lessonTwoPlotsEveryActivationAndItsDerivativeBesideTheCurves(FxRobot robot) throws Exception {
        robot.interact(() -> learn.select(2));
        assertThat(learn.race().lessonViews()).singleElement().extracting(LessonView::title).isEqualTo("Activation functions");
        ActivationPlot plot = (ActivationPlot) learn.race().lessonViews().get(0).node();
        assertThat(plot.shown()).containsExactly("step", "sigmoid", "tanh", "ReLU", "leaky ReLU", "ELU", "swish/SiLU", "softmax (x, 0)");
        robot.clickOn("#activation-gelu");
        robot.clickOn("#activation-step");
        assertThat(plot.shown()).contains("GELU").doesNotContain("step");
        // the derivative chart holds the formulas' slopes: ReLU's is 0 left of 0 and 1 right of it
        org.layerlab.charts.Series relu = plot.charts().get(1).series().stream().filter(x -> x.name().equals("ReLU")).findFirst().orElseThrow();
        assertThat(relu.y(0)).isZero();
        assertThat(relu.y(relu.size() - 1)).isEqualTo(1f);
        snapshot(robot, "learn-activations");
    }

    @Test
    void lessonTwelveDrawsBothOptimizersPathsOnTheLossSurfaceWhenTheRaceEnds(FxRobot robot) throws Exception {
        robot.interact(() -> learn.select(12));
        LossSurfaceView view = (LossSurfaceView) learn.race().lessonViews().get(0);
        assertThat(view.surface().hasSurface()).isFalse();
        robot.clickOn("#lesson-run");
        waitFor(() -> learn.race().running());
        waitFor(() -> !learn.race().running() && view.surface().hasSurface());
        assertThat(marks(robot)).containsExactly("✔", "✔");
        var s = view.lastSurface();
        assertThat(view.surface().paths()).extracting(org.layerlab.charts.SurfaceView.Path::name).containsExactly("sgd", "momentum");
        // a point every 4 of the 400 steps, from the common start at the origin of the plane
        for (double[][] p : s.paths().values()) {
            assertThat(p.length).isEqualTo(1 + 400 / LossSurfaceView.STRIDE);
            assertThat(p[0]).containsExactly(0, 0);
        }
        double[] momentum = s.pathLoss().get("momentum"), sgd = s.pathLoss().get("sgd");
        assertThat(momentum[1]).as("momentum ends lower than it starts").isLessThan(0.5 * momentum[0]);
        assertThat(momentum[1]).as("and lower than plain SGD").isLessThan(sgd[1]);
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#lesson-view-tabs").query()).getSelectionModel().select(0));
        snapshot(robot, "learn-loss-surface");
    }

    @Test
    void lessonSixStepsThroughOneExampleWithGradientsThatMatchTheirEstimates(FxRobot robot) throws Exception {
        robot.interact(() -> learn.select(6));
        StepThroughView view = (StepThroughView) learn.race().lessonViews().get(0);
        waitFor(() -> view.trace() != null);
        assertThat(view.drawing().phase()).isEqualTo(NetworkNumbers.Phase.WEIGHTS);
        robot.clickOn("#step-next");
        assertThat(view.drawing().phase()).isEqualTo(NetworkNumbers.Phase.FORWARD);
        robot.clickOn("#step-next");
        assertThat(view.drawing().phase()).isEqualTo(NetworkNumbers.Phase.BACKWARD);
        var before = view.trace();
        assertThat(before.params()).hasSize(9);
        assertThat(before.maxError()).as("every gradient shown equals its finite-difference estimate").isLessThan(1e-3);
        snapshot(robot, "learn-step-through-backward");
        robot.clickOn("#step-next");
        waitFor(() -> view.steps() == 1);
        assertThat(view.trace().loss()).as("one update against the gradient lowers the loss").isLessThan(before.loss());
        assertThat(robot.lookup("#step-explain").queryAs(Label.class).getText()).startsWith("After 1 update:");
        // the race leaves the step-through's own copy alone
        robot.clickOn("#step-restart");
        waitFor(() -> view.steps() == 0 && view.trace() != null);
        assertThat(view.trace().loss()).isEqualTo(before.loss());
        snapshot(robot, "learn-step-through-start");
    }

    private void snapshot(FxRobot robot, String name) throws Exception {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            WaitForAsyncUtils.waitForFxEvents();
            // every chart and canvas view redraws in the theme (they paint themselves, CSS does not reach them)
            robot.interact(() -> robot.lookup(n -> n instanceof org.layerlab.charts.CanvasView || n instanceof org.layerlab.charts.LineChart)
                    .queryAll().forEach(n -> {
                        if (n instanceof org.layerlab.charts.CanvasView v) v.refresh();
                        else ((org.layerlab.charts.LineChart) n).refresh();
                    }));
            Path out = Path.of("target", "snapshots");
            Files.createDirectories(out);
            var img = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                    out.resolve(name + "-" + theme.name().toLowerCase() + ".png").toFile());
        }
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));
    }

    @Test
    void lessonOneShowsEachVariantsDecisionBoundaryBesideTheCurves(FxRobot robot) throws Exception {
        robot.interact(() -> learn.select(1));
        RacePredictions predictions = (RacePredictions) learn.race().lessonViews().get(0);
        robot.clickOn("#lesson-run");
        waitFor(() -> learn.race().running());
        waitFor(() -> !learn.race().running());
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#lesson-view-tabs").query()).getSelectionModel().select(1));
        // the boundary of each variant, drawn from its own network: the perceptron's is one straight cut
        java.util.Map<String, float[]> grids = new java.util.HashMap<>();
        for (String v : List.of("perceptron", "mlp")) {
            robot.interact(() -> predictions.variant().setValue(v));
            waitFor(() -> predictions.pane().boundary().grid() != null && !grids.containsValue(predictions.pane().boundary().grid().probabilities()));
            grids.put(v, predictions.pane().boundary().grid().probabilities());
        }
        assertThat(grids.get("perceptron")).isNotEqualTo(grids.get("mlp"));
        snapshot(robot, "learn-predictions");
    }

    @Test
    void lessonNineRunsTheRangeTestOnItsFirstVariant(FxRobot robot) throws Exception {
        robot.interact(() -> learn.select(9));
        LessonLrFinder finder = (LessonLrFinder) learn.race().lessonViews().stream().filter(v -> v instanceof LessonLrFinder).findFirst().orElseThrow();
        robot.interact(() -> ((javafx.scene.control.TabPane) robot.lookup("#lesson-view-tabs").query()).getSelectionModel()
                .select(((javafx.scene.control.TabPane) robot.lookup("#lesson-view-tabs").query()).getTabs().stream()
                        .filter(t -> t.getText().equals("LR finder")).findFirst().orElseThrow()));
        robot.interact(() -> assertThat(finder.pane().start()).isTrue());
        waitFor(() -> !finder.pane().running());
        assertThat(finder.pane().suggested()).isBetween(1e-6, 10.0);
        // there are no settings to put the rate into: the button is not offered
        assertThat(robot.lookup("#lr-use").tryQuery()).isEmpty();
        snapshot(robot, "learn-lr-finder");
    }

    @Test
    void aTeachersLessonFolderOpensAndABrokenOneIsRefusedWithTheField(FxRobot robot) throws Exception {
        Path good = tmp.resolve("my-lesson");
        Files.createDirectories(good);
        for (String f : List.of("lesson.json", "lesson.md", "batch-1.layerlab", "batch-32.layerlab", "batch-200.layerlab")) {
            try (var in = getClass().getResourceAsStream("/org/layerlab/samples/lessons/07-epoch-iteration-batch/" + f)) {
                Files.write(good.resolve(f), in.readAllBytes());
            }
        }
        Files.writeString(good.resolve("lesson.json"), Files.readString(good.resolve("lesson.json")).replace("\"number\": 7", "\"number\": 77"));
        robot.interact(() -> assertThat(learn.open(good)).isTrue());
        assertThat(robot.lookup(".learn-title").queryAs(Label.class).getText()).isEqualTo("77. Epoch, iteration, batch");
        Files.writeString(good.resolve("lesson.json"), Files.readString(good.resolve("lesson.json")).replace("\"op\": \">=\"", "\"op\": \"≥\""));
        robot.interact(() -> assertThat(learn.open(good)).isFalse());
        assertThat(errors).singleElement().asString().contains("lesson.json, at checks[0].op").contains("use one of <, <=, >, >=");
    }
}
