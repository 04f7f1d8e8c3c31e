package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.app.train.TrainingSession;
import org.layerlab.canvas.Theme;
import org.layerlab.charts.Series;
import org.layerlab.trainer.run.RunState;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A small real run driven from the Train tab: start, pause, resume, stop, a second run overlaid. */
@ExtendWith(ApplicationExtension.class)
class TrainingWorkspaceTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        window = new MainWindow(new MainWindowTest.ScriptedDialogs(), new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    private void openSpiral(FxRobot robot) {
        MenuBar bar = (MenuBar) scene.lookup("#menu-bar");
        Menu examples = (Menu) bar.getMenus().get(0).getItems().stream()
                .filter(i -> "Open Sample".equals(i.getText())).findFirst().orElseThrow();
        MenuItem spiral = examples.getItems().stream().filter(i -> i.getText().equals("Spiral classifier")).findFirst().orElseThrow();
        robot.interact(spiral::fire);
        robot.interact(() -> window.selectTab("Train"));
    }

    private static void waitFor(FxRobot robot, java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    @Test
    void startPauseResumeStopUpdatesTheChartsAndProgressAndASecondRunIsOverlaid(FxRobot robot) throws Exception {
        openSpiral(robot);
        TrainingSession session = window.training().session();
        robot.clickOn("#train-start");
        waitFor(robot, () -> session.current() != null && session.current().run.iteration() >= 30);
        robot.clickOn("#train-pause");
        waitFor(robot, () -> session.current().run.state() == RunState.PAUSED);
        robot.interact(session::drain);
        Series loss = session.current().loss;
        int atPause = loss.size();
        assertThat(atPause).isGreaterThanOrEqualTo(30);
        assertThat(robot.lookup("#train-progress").queryAs(Label.class).getText()).startsWith("paused · epoch");
        Thread.sleep(300);
        robot.interact(session::drain);
        assertThat(loss.size()).isEqualTo(atPause); // paused means paused

        robot.clickOn("#train-resume");
        waitFor(robot, () -> session.current().run.iteration() >= atPause + 40);
        // the loss fell while training (smoothed over 10 iterations at each end)
        robot.clickOn("#train-stop");
        waitFor(robot, () -> session.current().run.state().isOver());
        robot.interact(session::drain);
        float[] y = loss.ys();
        assertThat(mean(y, y.length - 10, y.length)).isLessThan(mean(y, 0, 10));
        assertThat(session.gradientChart.series()).extracting(Series::name).contains("h1", "h2", "out");
        assertThat(session.ratioChart.series()).isNotEmpty();

        robot.clickOn("#train-start");
        waitFor(robot, () -> session.runs().size() == 2 && session.current().run.iteration() >= 20);
        robot.interact(session::drain);
        assertThat(session.lossChart.series()).extracting(Series::name).contains("run 1 train", "run 2 train");
        assertThat(session.lossChart.series().get(0).colour()).isNotEqualTo(session.lossChart.series().get(2).colour());

        robot.interact(() -> session.setLearningRate(0.05));
        waitFor(robot, () -> {
            robot.interact(session::drain);
            return !session.lossChart.markers().isEmpty();
        });
        assertThat(session.lrChart.markers().get(0).label()).isEqualTo("LR → 0.05");

        for (Theme theme : Theme.values()) {
            robot.interact(() -> {
                theme.applyTo(scene.getRoot());
                session.drain();
                session.charts().forEach(org.layerlab.charts.LineChart::refresh);
            });
            Snapshots.write(scene, "training-" + theme.name().toLowerCase());
        }
        robot.interact(session::shutdown);
    }

    @Test
    void aDatasetThatDoesNotFitTheGraphIsRefusedWithTheFix(FxRobot robot) throws Exception {
        openSpiral(robot);
        robot.interact(() -> window.project().setDataset(org.layerlab.graph.project.DatasetRef.of("xor")));
        robot.interact(() -> window.training().startRun());
        waitFor(robot, () -> robot.lookup("#train-message").queryAs(Label.class).getText().startsWith("Cannot train"));
        assertThat(robot.lookup("#train-message").queryAs(Label.class).getText())
                .contains("label columns but Output 'out' has 3 units; set units=2");
    }

    private static double mean(float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += y[i];
        return s / (to - from);
    }

    @Test
    void theWindowExportsWhatTheCommandLineWrites(FxRobot robot) throws Exception {
        MainWindowTest.ScriptedDialogs dialogs = (MainWindowTest.ScriptedDialogs) window.dialogsForTests();
        robot.interact(() -> window.openSample(org.layerlab.samples.StarterSamples.byId("xor")));
        TrainingSession session = window.training().session();
        // before a run: a plain sentence, no file dialog
        robot.interact(() -> window.exports().model());
        assertThat(window.statusMessage()).startsWith("Train a run first");
        robot.interact(() -> window.training().startRun());
        waitFor(robot, () -> session.current() != null && session.current().run.state().isOver());
        Path zip = tmp.resolve("xor.zip"), csv = tmp.resolve("xor.csv"), source = tmp.resolve("Xor.java");
        dialogs.files.add(zip);
        dialogs.files.add(csv);
        dialogs.files.add(source);
        robot.interact(() -> {
            window.exports().model();
            window.exports().metrics();
            window.exports().java();
        });
        var net = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(zip.toFile());
        assertThat(net.params().length()).isEqualTo(session.current().run.network().params().length());
        java.util.List<String> rows = java.nio.file.Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("iteration,epoch,loss,learning_rate");
        assertThat(rows).hasSize(1 + session.current().run.iteration());
        assertThat(java.nio.file.Files.readString(source)).contains("public final class XOR {").contains("configuration()");
        assertThat(dialogs.errors).isEmpty();
    }
}
