package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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
import org.layerlab.app.train.RaceRequest;
import org.layerlab.app.train.RunEntry;
import org.layerlab.app.train.TrainingSession;
import org.layerlab.canvas.Theme;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A race from the Train tab: three learning rates of the spiral sample as one controlled experiment —
 * same seed (same first loss), lockstep (iterations never more than one apart), each run named after
 * its value in its own colour; a bad request is refused in plain words and starts nothing.
 */
@ExtendWith(ApplicationExtension.class)
class RaceTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;
    private final MainWindowTest.ScriptedDialogs dialogs = new MainWindowTest.ScriptedDialogs();

    @Start
    void start(Stage stage) throws Exception {
        window = new MainWindow(dialogs, new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    private String message(FxRobot robot) {
        return robot.lookup("#train-message").queryAs(Label.class).getText();
    }

    @Test
    void threeLearningRatesRaceInLockstepFromTheSameStart(FxRobot robot) throws Exception {
        MenuBar bar = (MenuBar) scene.lookup("#menu-bar");
        Menu samples = (Menu) bar.getMenus().get(0).getItems().stream().filter(i -> "Open Sample".equals(i.getText())).findFirst().orElseThrow();
        MenuItem spiral = samples.getItems().stream().filter(i -> i.getText().equals("Spiral classifier")).findFirst().orElseThrow();
        robot.interact(spiral::fire);
        robot.interact(() -> window.selectTab("Train"));
        TrainingSession session = window.training().session();

        // refusals: one value, a value the setting does not take
        dialogs.races.add(new RaceRequest("learningRate", List.of("0.01")));
        robot.clickOn("#train-race");
        assertThat(message(robot)).isEqualTo("Cannot race: a race needs at least two values of learning rate, e.g. 0.001, 0.01, 0.1");
        dialogs.races.add(new RaceRequest("learningRate", List.of("0.01", "fast")));
        robot.clickOn("#train-race");
        assertThat(message(robot)).startsWith("Cannot race: Learning rate \"fast\" cannot be raced").contains("must be a number");
        assertThat(session.runs()).isEmpty();

        dialogs.races.add(new RaceRequest("learningRate", RaceRequest.parseValues("0.001, 0.01; 0.1")));
        robot.clickOn("#train-race");
        waitFor(() -> session.runs().size() == 3);
        List<RunEntry> runs = List.copyOf(session.runs());
        assertThat(runs).extracting(e -> e.run.name()).containsExactly("learning rate 0.001", "learning rate 0.01", "learning rate 0.1");
        assertThat(runs).extracting(e -> e.colour).doesNotHaveDuplicates();
        assertThat(runs).extracting(e -> e.run.settings().learningRate()).containsExactly(0.001, 0.01, 0.1);
        // lockstep: sampled while racing, no run is ever more than one step ahead of another
        for (int k = 0; k < 20; k++) {
            int[] its = runs.stream().mapToInt(e -> e.run.iteration()).toArray();
            assertThat(java.util.Arrays.stream(its).max().getAsInt() - java.util.Arrays.stream(its).min().getAsInt()).isLessThanOrEqualTo(1);
            Thread.sleep(20);
        }
        waitFor(() -> runs.get(0).run.iteration() >= 60);
        robot.interact(session::drain);
        // same seed, same initial weights, same first batch: the same first loss
        double first = runs.get(0).run.history().score().toArray()[0];
        for (RunEntry e : runs) assertThat((double) e.run.history().score().toArray()[0]).isEqualTo(first);
        // the race steps its runs itself: no pausing or resuming one by hand
        assertThat(robot.lookup("#train-resume").queryButton().isDisabled()).isTrue();
        robot.interact(() -> Theme.DARK.applyTo(scene.getRoot()));
        robot.interact(() -> session.charts().forEach(org.layerlab.charts.LineChart::refresh));
        Snapshots.write(scene, "train-race-dark");
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));
        robot.clickOn("#train-stop");
        waitFor(() -> runs.stream().allMatch(e -> e.run.state().isOver()));
        Snapshots.write(scene, "train-race-light");
    }
}
