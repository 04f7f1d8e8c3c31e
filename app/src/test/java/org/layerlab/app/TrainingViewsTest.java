package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.app.project.ProjectData;
import org.layerlab.app.train.FeatureMapPane;
import org.layerlab.app.train.HistogramPane;
import org.layerlab.app.train.LrFinderPane;
import org.layerlab.app.train.PredictionsPane;
import org.layerlab.app.train.RunEntry;
import org.layerlab.app.train.TrainingSession;
import org.layerlab.app.train.TrainingWorkspace;
import org.layerlab.canvas.Theme;
import org.layerlab.charts.ImageGrid;
import org.layerlab.charts.Series;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.samples.StarterSamples;
import org.layerlab.trainer.run.RunState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The views beside the curves, on real runs: histograms over time, feature maps and filters of a
 * LeNet on MNIST, the decision boundary and confusion matrix of the spiral, reconstructions of the
 * autoencoder, fork, run overlays, the LR range test, and the coach's badges on the canvas.
 */
@ExtendWith(ApplicationExtension.class)
class TrainingViewsTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        window = new MainWindow(new MainWindowTest.ScriptedDialogs(), new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private void open(FxRobot robot, String sample, DatasetRef data) {
        robot.interact(() -> {
            window.openSample(StarterSamples.byId(sample));
            if (data != null) window.project().setDataset(data);
            window.selectTab("Train");
        });
    }

    private void view(FxRobot robot, String title) {
        TrainingWorkspace t = window.training();
        robot.interact(() -> t.views().getSelectionModel().select(
                t.views().getTabs().stream().filter(tab -> tab.getText().equals(title)).findFirst().orElseThrow()));
    }

    private void snapshots(FxRobot robot, String name) throws Exception {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            Thread.sleep(400); // the views redraw on their timer
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> window.training().session().charts().forEach(org.layerlab.charts.LineChart::refresh));
            Snapshots.write(scene, name + "-" + theme.name().toLowerCase());
        }
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));
    }

    @Test
    void aLeNetRunOnMnistShowsFeatureMapsFiltersHistogramsAndAConfusionMatrix(FxRobot robot) throws Exception {
        open(robot, "lenet", new DatasetRef("mnist", Map.of("limit", "3000")));
        robot.interact(() -> window.project().setTraining(RecordProperties.with(window.project().training(), "epochs", 2)));
        TrainingSession session = window.training().session();
        robot.interact(() -> window.training().startRun());
        waitFor(() -> session.current() != null && session.current().run.iteration() >= 25);
        snapshots(robot, "training-lenet-curves");

        view(robot, "Feature maps");
        FeatureMapPane maps = window.training().featureMaps();
        waitFor(() -> maps.grids().getChildren().size() == 7);
        // input, c1 maps + filters, p1 maps, c2 maps + filters, p2 maps
        ImageGrid c1 = (ImageGrid) maps.grids().getChildren().get(1);
        assertThat(c1.title()).isEqualTo("c1 activations");
        assertThat(c1.tiles()).hasSize(20);
        assertThat(c1.tiles().get(0).width()).isEqualTo(24);
        ImageGrid filters = (ImageGrid) maps.grids().getChildren().get(2);
        assertThat(filters.title()).isEqualTo("c1 filters");
        assertThat(filters.tiles().get(0).width()).isEqualTo(5);
        assertThat(((ImageGrid) maps.grids().getChildren().get(4)).tiles()).hasSize(50);
        snapshots(robot, "training-lenet-feature-maps");

        view(robot, "Histograms");
        HistogramPane h = window.training().histograms();
        waitFor(() -> h.heatMap().columns().size() >= 2);
        assertThat(h.layerChoice().getItems()).contains("c1", "c2", "d1", "out");
        int last = h.heatMap().cursor();
        assertThat(last).isEqualTo(h.heatMap().columns().size() - 1);
        robot.interact(() -> h.slider().setValue(0));
        assertThat(h.heatMap().cursor()).isZero();
        snapshots(robot, "training-lenet-histograms");

        view(robot, "Predictions");
        waitFor(() -> session.current().run.state().isOver() || session.current().run.epoch() >= 1);
        waitFor(() -> window.training().predictions().confusion().matrix() != null);
        int[][] m = window.training().predictions().confusion().matrix();
        assertThat(m).hasDimensions(10, 10);
        int total = 0;
        for (int[] row : m) for (int v : row) total += v;
        assertThat(total).isEqualTo(session.current().data.validation().size());
        snapshots(robot, "training-lenet-confusion");
        robot.interact(session::shutdown);
    }

    @Test
    void theSpiralShowsItsDecisionBoundaryForksOverlaysAndWearsHealthBadges(FxRobot robot) throws Exception {
        open(robot, "spiral", null);
        TrainingSession session = window.training().session();
        robot.interact(() -> window.training().startRun());
        waitFor(() -> session.current() != null && session.current().run.iteration() >= 40);
        view(robot, "Predictions");
        waitFor(() -> window.training().predictions().boundary().grid() != null);
        assertThat(window.training().predictions().boundary().grid().classes()).isEqualTo(3);
        assertThat(window.training().predictions().boundary().grid().n()).isEqualTo(PredictionsPane.GRID);

        // the coach's badges reach the canvas, one per layer with parameters
        waitFor(() -> window.editor().canvas().badgeLevel("h1") != null);
        assertThat(window.editor().canvas().badgeLevel("out")).isNotNull();
        assertThat(robot.lookup("#train-coach").queryAs(Label.class).getText()).startsWith("Coach");

        // fork at the current iteration with another rate: a second run continues from there
        robot.interact(() -> session.pause());
        // a fast machine may finish the sample's epochs first; a finished run forks too
        waitFor(() -> session.current().run.state() == RunState.PAUSED || session.current().run.state().isOver());
        RunEntry parent = session.current();
        int at = parent.run.iteration();
        robot.clickOn("#train-fork");
        waitFor(() -> session.runs().size() == 2 && session.current().run.iteration() >= at + 20);
        assertThat(session.current().run.name()).startsWith("run 1.");
        assertThat(session.current().loss.x(0)).isEqualTo(at); // the branch's line starts where it forked
        robot.interact(session::drain);
        assertThat(session.lossChart.markers()).extracting(m -> m.label()).contains("fork");
        snapshots(robot, "training-spiral-boundary");

        // un-ticking a run takes its lines off the overlaid charts
        robot.interact(() -> parent.shown.set(false));
        assertThat(session.lossChart.series()).doesNotContain(parent.loss, parent.validationLoss);
        robot.interact(() -> parent.shown.set(true));
        assertThat(session.lossChart.series()).contains(parent.loss);
        robot.interact(session::shutdown);
    }

    @Test
    void theRangeTestSuggestsARateThatOneClickPutsIntoTheSettings(FxRobot robot) throws Exception {
        open(robot, "spiral", null);
        view(robot, "LR finder");
        LrFinderPane lr = window.training().lrFinder();
        robot.interact(() -> assertThat(lr.start()).isTrue());
        waitFor(() -> !lr.running() && !lr.chart().series().isEmpty() && lr.chart().series().get(0).size() > 0);
        WaitForAsyncUtils.waitForFxEvents();
        Series loss = lr.chart().series().get(0);
        assertThat(loss.size()).isGreaterThan(30);
        assertThat(lr.suggested()).as(robot.lookup("#lr-status").queryAs(Label.class).getText()).isBetween(1e-5, 1.0);
        assertThat(lr.chart().markers()).hasSize(1);
        double before = window.project().training().learningRate();
        robot.clickOn("#lr-use");
        double used = window.project().training().learningRate();
        assertThat(used).isNotEqualTo(before).isCloseTo(lr.suggested(), org.assertj.core.api.Assertions.withinPercentage(5));
        snapshots(robot, "training-lr-finder");

        // the suggestion is a good rate: the spiral trained with it for 15 epochs ends lower than with
        // a rate 300 times smaller (crawls) or 300 times larger (overshoots), same seed and data
        org.layerlab.graph.project.Project p = window.project().project();
        double good = finalLoss(p, used), small = finalLoss(p, used / 300), large = finalLoss(p, Math.min(used * 300, 100));
        assertThat(good).as("suggested %.2g vs too small %.2g", used, used / 300).isLessThan(small);
        assertThat(good).as("suggested %.2g vs too large %.2g", used, used * 300).isLessThan(large);
    }

    /** Mean training loss of the 15th epoch of the project trained headless with learning rate {@code lr}. */
    private static double finalLoss(org.layerlab.graph.project.Project p, double lr) throws Exception {
        var s = RecordProperties.with(RecordProperties.with(p.training(), "learningRate", lr), "epochs", 15);
        var c = org.layerlab.trainer.compile.GraphCompiler.compile(p.graph(), s);
        var data = ProjectData.prepare(p.dataset(), Path.of("."), s, c);
        var run = new org.layerlab.trainer.run.TrainingRun("lr " + lr, c, s, data.train(), null, null, 50);
        run.start();
        assertThat(run.await(120_000)).isTrue();
        var epochs = run.history().epochs();
        double loss = epochs.isEmpty() ? Double.NaN : epochs.get(epochs.size() - 1).trainLoss();
        return Double.isFinite(loss) ? loss : Double.MAX_VALUE; // a diverged run is the worst
    }

    @Test
    void theAutoencoderShowsItsReconstructions(FxRobot robot) throws Exception {
        open(robot, "digits-autoencoder", null);
        TrainingSession session = window.training().session();
        view(robot, "Predictions");
        robot.interact(() -> window.training().startRun());
        waitFor(() -> session.current() != null && session.current().run.iteration() >= 30);
        ImageGrid r = window.training().predictions().reconstructions();
        waitFor(() -> r.tiles().size() == 2 * PredictionsPane.RECONSTRUCTIONS);
        assertThat(r.tiles().get(0).width()).isEqualTo(8);
        assertThat(r.tiles().get(PredictionsPane.RECONSTRUCTIONS).caption()).startsWith("MSE ");
        snapshots(robot, "training-autoencoder");
        robot.interact(session::shutdown);
    }
}
