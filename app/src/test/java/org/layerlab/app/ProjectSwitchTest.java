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
import org.layerlab.app.train.RunEntry;
import org.layerlab.app.train.TrainingSession;
import org.layerlab.app.train.TrainingWorkspace;
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
 * Issue 17: a teacher opens one sample after another. Each project shows only its own runs, views,
 * coach text and badges; the old project's runs are dropped after asking, and a refusal keeps them.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectSwitchTest {
    @TempDir
    static Path tmp;

    private final MainWindowTest.ScriptedDialogs dialogs = new MainWindowTest.ScriptedDialogs();
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        window = new MainWindow(dialogs, new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    private void view(FxRobot robot, String title) {
        TrainingWorkspace t = window.training();
        robot.interact(() -> t.views().getSelectionModel().select(
                t.views().getTabs().stream().filter(tab -> tab.getText().equals(title)).findFirst().orElseThrow()));
    }

    @Test
    void twoSamplesInTurnEachShowOnlyTheirOwnRunsViewsAndBadges(FxRobot robot) throws Exception {
        TrainingSession session = window.training().session();
        WindowTests.openSample(robot, window, "spiral", null);
        robot.interact(() -> window.training().startRun());
        WindowTests.waitFor(() -> session.current() != null && session.current().run.iteration() >= 60);
        view(robot, "Predictions");
        WindowTests.waitFor(() -> window.training().predictions().boundary().grid() != null);
        WindowTests.waitFor(() -> window.editor().canvas().badgeLevel("h1") != null);
        RunEntry spiral = session.current();
        robot.interact(session::drain);
        assertThat(session.lossChart.series()).contains(spiral.loss);

        // refusing the question keeps the project and its run
        dialogs.refuse = true;
        robot.interact(() -> window.openSample(StarterSamples.byId("lenet")));
        assertThat(dialogs.confirmations).hasSize(1).first().asString().contains("Close its training run");
        assertThat(session.runs()).containsExactly(spiral);
        assertThat(window.project().project().name()).isNotEqualTo("LeNet on MNIST");

        dialogs.refuse = false;
        WindowTests.openSample(robot, window, "lenet", new DatasetRef("mnist", Map.of("limit", "2000")));
        // nothing of the Spiral project is left
        assertThat(session.runs()).isEmpty();
        assertThat(session.current()).isNull();
        for (var chart : session.charts()) assertThat(chart.series()).as(chart.title()).isEmpty();
        assertThat(session.lossChart.markers()).isEmpty();
        assertThat(window.editor().canvas().badgeLevel("out")).isNull();
        assertThat(robot.lookup("#train-progress").queryAs(Label.class).getText()).isEqualTo("Not started");
        assertThat(robot.lookup("#train-coach").queryAs(Label.class).getText()).isEmpty();
        assertThat(window.training().predictions().boundary().isVisible() && window.training().predictions().getCenter()
                == window.training().predictions().boundary()).isFalse();
        WindowTests.waitFor(() -> spiral.run.state().isOver() && !spiral.run.hasNetwork()); // its native memory is freed

        // LeNet trains: its own run 1, its own lines and its own 10-class confusion matrix
        robot.interact(() -> window.project().setTraining(RecordProperties.with(window.project().training(), "epochs", 1)));
        robot.interact(() -> window.training().startRun());
        WindowTests.waitFor(() -> session.current() != null && session.current().run.state().isOver());
        robot.interact(session::drain);
        RunEntry lenet = session.current();
        assertThat(lenet.run.state()).isEqualTo(RunState.FINISHED);
        assertThat(session.runs()).containsExactly(lenet);
        assertThat(lenet.run.name()).isEqualTo("run 1");
        assertThat(session.lossChart.series()).extracting(Series::name).allMatch(n -> n.startsWith("run 1 "));
        assertThat(session.gradientChart.series()).extracting(Series::name).contains("c1", "c2").doesNotContain("h1", "h2");
        assertThat(lenet.runningAccuracy.size()).isGreaterThan(3); // accuracy shows during the epoch, not only at its end
        view(robot, "Predictions");
        WindowTests.waitFor(() -> window.training().predictions().confusion().matrix() != null && window.training().predictions().confusion().matrix().length == 10);
        assertThat(window.training().predictions().confusion().note()).startsWith("after epoch 1 ");
        WindowTests.waitFor(() -> window.editor().canvas().badgeLevel("c1") != null);
        assertThat(window.editor().canvas().badgeLevel("h1")).isNull();

        // a finished run's speed stays put, and it can be forked
        double speed = lenet.rate.samplesPerSecond();
        Thread.sleep(1_500);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(lenet.rate.samplesPerSecond()).isEqualTo(speed);
        assertThat(robot.lookup("#train-fork").query().isDisabled()).isFalse();
        robot.interact(() -> session.shutdown());
    }
}
