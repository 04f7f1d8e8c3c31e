package org.layerlab.app.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.app.MainWindow;
import org.layerlab.app.MainWindowTest;
import org.layerlab.app.RecentFiles;
import org.layerlab.app.Snapshots;
import org.layerlab.canvas.Theme;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.samples.StarterSamples;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Data tab: choosing a set previews it and sets the Input's shape (undoably); a bad file changes nothing. */
@ExtendWith(ApplicationExtension.class)
class DataWorkspaceTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        window = new MainWindow(new MainWindowTest.ScriptedDialogs(), new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    private void choose(FxRobot robot, String name, String options) throws Exception {
        DataWorkspace d = window.data();
        DataPreview before = d.shown();
        String status = d.status().getText();
        robot.interact(() -> {
            var list = (javafx.scene.control.ListView<org.layerlab.trainer.data.Datasets.Entry>) scene.lookup("#data-catalogue");
            list.getSelectionModel().select(org.layerlab.trainer.data.Datasets.entry(name));
            ((javafx.scene.control.TextField) scene.lookup("#data-options")).setText(options);
            d.load();
        });
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            String s = d.status().getText();
            return !s.startsWith("Loading") && (d.shown() != before || !s.equals(status));
        });
    }

    private InputSpec input() {
        return (InputSpec) window.editor().editor().graph().node("in").spec();
    }

    @Test
    void choosingDataPreviewsItAndSetsTheInputShapeUndoably(FxRobot robot) throws Exception {
        robot.interact(() -> window.openSample(StarterSamples.byId("spiral")));
        robot.interact(() -> window.selectTab("Data"));
        assertThat(input().shape()).isEqualTo(TensorShape.vector(2));

        choose(robot, "iris", "");
        assertThat(window.project().dataset().name()).isEqualTo("iris");
        assertThat(input().shape()).isEqualTo(TensorShape.vector(4));
        TableView<?> table = robot.lookup("#data-table").queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(150);
        assertThat(robot.lookup("#data-header").queryAs(Label.class).getText()).contains("150 training").contains("3 classes");
        assertThat(window.data().shown().classCounts()).containsExactly(50, 50, 50);
        robot.interact(() -> window.editor().editor().undo());
        assertThat(input().shape()).isEqualTo(TensorShape.vector(2));

        // a CSV with a bad row: the message names file and line, and the project keeps iris
        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, "a,b,label\n1,2,x\n3,oops,y\n");
        choose(robot, "csv", "path=" + bad);
        assertThat(window.data().status().getText()).contains("bad.csv, line 3").contains("unchanged");
        assertThat(window.project().dataset().name()).isEqualTo("iris");

        choose(robot, "mnist", "");
        assertThat(input().shape()).isEqualTo(TensorShape.image(28, 28, 1));
        assertThat(window.data().shown().images()).hasSize(DataPreview.IMAGES);
        assertThat(window.data().shown().testSize()).isEqualTo(10_000);
        snapshot(robot, "data-mnist");

        choose(robot, "spiral", "arms=4; noise=0.02");
        assertThat(window.project().dataset().options()).containsEntry("arms", "4");
        assertThat(window.data().shown().points().length).isEqualTo(400);
        snapshot(robot, "data-spiral");

        // the Train tab's choice goes the same way: loaded, made the project's, Input shape set
        robot.interact(() -> window.selectTab("Train"));
        robot.interact(() -> ((javafx.scene.control.ComboBox<String>) scene.lookup("#dataset")).setValue("wine"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return window.project().dataset().name().equals("wine");
        });
        assertThat(input().shape()).isEqualTo(TensorShape.vector(13));
    }

    private void snapshot(FxRobot robot, String name) throws Exception {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            robot.interact(() -> window.data().load()); // redraw canvases in the theme's colours
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return !window.data().status().getText().startsWith("Loading");
            });
            Snapshots.write(scene, name + "-" + theme.name().toLowerCase());
        }
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));
    }
}
