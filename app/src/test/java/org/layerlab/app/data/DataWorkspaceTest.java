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

    @Test
    void aTwoInputCsvIsMappedColumnByColumnAndTrainsFromTheWindow(FxRobot robot) throws Exception {
        Path csv = tmp.resolve("pairs.csv");
        Files.writeString(csv, org.layerlab.app.TwoInputCsv.text(800, 5));
        robot.interact(() -> window.project().newProject(new org.layerlab.graph.project.Project("pairs", org.layerlab.app.TwoInputCsv.graph(3),
                org.layerlab.graph.project.ViewState.initial(), org.layerlab.graph.project.DatasetRef.none(), org.layerlab.app.TwoInputCsv.settings())));
        robot.interact(() -> window.selectTab("Data"));
        choose(robot, "csv", "path=" + csv + "; label=kind");
        // unmapped, the file feeds one Input: the tab says so and offers a row per layer
        waitFor(() -> window.data().status().getText().contains("does not fit the graph yet"));
        assertThat(window.data().status().getText()).contains("2 Inputs [left, right]").contains("input.left=…; input.right=…");
        assertThat(robot.lookup("#data-mapping").query().isVisible()).isTrue();
        assertThat(robot.lookup("#data-map-input-left").tryQuery()).isPresent();
        assertThat(robot.lookup("#data-map-input-right").tryQuery()).isPresent();
        assertThat(robot.lookup("#data-map-output-out").tryQuery()).isPresent();

        mapAndApply(robot, "a1, a2", "b1, b2", "kind");
        assertThat(window.project().dataset().options()).containsEntry("input.left", "a1, a2").containsEntry("input.right", "b1, b2")
                .containsEntry("output.out", "kind").containsEntry("path", csv.toString()).doesNotContainKey("label");
        assertThat(inputShape("left")).isEqualTo(TensorShape.vector(2));
        assertThat(inputShape("right")).isEqualTo(TensorShape.vector(2));
        assertThat(robot.lookup("#data-header").queryAs(Label.class).getText()).contains("Input 'left' ← a1, a2")
                .contains("Input 'right' ← b1, b2").contains("Output 'out' ← kind  (2 classes)");
        TableView<?> table = robot.lookup("#data-table").queryAs(TableView.class);
        assertThat(table.getColumns()).extracting(c -> c.getText()).containsExactly("a1", "a2", "b1", "b2", "kind");
        assertThat(window.data().status().getText()).doesNotContain("does not fit");
        snapshot(robot, "data-mapping");

        // both Inputs' shapes were one edit
        robot.interact(() -> window.editor().editor().undo());
        assertThat(inputShape("left")).isEqualTo(TensorShape.vector(3));
        assertThat(inputShape("right")).isEqualTo(TensorShape.vector(3));
        robot.interact(() -> window.editor().editor().redo());
        assertThat(inputShape("right")).isEqualTo(TensorShape.vector(2));

        // a column of numbers given to the classifier: the Output and the fix are named
        mapAndApply(robot, "a1, a2", "b1, b2", "n1");
        waitFor(() -> window.data().status().getText().contains("does not fit the graph yet"));
        assertThat(window.data().status().getText()).contains("the columns [n1] give 1 label value(s) per example")
                .contains("Output 'out' has 2 units; set units=1");

        mapAndApply(robot, "a1, a2", "b1, b2", "kind");
        robot.interact(() -> window.selectTab("Train"));
        robot.interact(() -> window.training().startRun());
        var session = window.training().session();
        waitFor(() -> session.current() != null && session.current().run.state().isOver());
        assertThat(session.current().run.state()).as(session.current().run.failure()).isEqualTo(org.layerlab.trainer.run.RunState.FINISHED);
        assertThat(session.current().run.lastValidation().accuracy()).isGreaterThan(0.9);
        robot.interact(session::shutdown);
    }

    private void mapAndApply(FxRobot robot, String left, String right, String out) throws Exception {
        DataPreview before = window.data().shown();
        robot.interact(() -> {
            ((javafx.scene.control.TextField) scene.lookup("#data-map-input-left")).setText(left);
            ((javafx.scene.control.TextField) scene.lookup("#data-map-input-right")).setText(right);
            ((javafx.scene.control.TextField) scene.lookup("#data-map-output-out")).setText(out);
        });
        robot.clickOn("#data-mapping-apply");
        waitFor(() -> window.data().shown() != before && !window.data().status().getText().startsWith("Loading"));
    }

    private void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.call();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out; the Data tab says: " + window.data().status().getText(), e);
        }
    }

    private TensorShape inputShape(String id) {
        return ((InputSpec) window.editor().editor().graph().node(id).spec()).shape();
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
