package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.canvas.AutoLayout;
import org.layerlab.graph.Node;
import org.layerlab.samples.StarterSamples;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A plain start shows the Welcome tab and leaves the editor out of the first scene (less CSS and layout
 * before the first window); the editor joins when the Design tab is first selected and works as usual.
 */
@ExtendWith(ApplicationExtension.class)
class PlainStartTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        window = new MainWindow(new MainWindowTest.ScriptedDialogs(), new RecentFiles(tmp.resolve("recent.txt")), true);
        scene = Snapshots.show(stage, window);
    }

    @Test
    void theEditorJoinsTheSceneWhenDesignIsFirstSelectedAndASampleOpensFitted(FxRobot robot) throws Exception {
        assertThat(window.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Welcome");
        assertThat(robot.lookup("#palette").tryQuery()).isEmpty();
        assertThat(window.editor().getScene()).isNull();
        int welcomeNodes = StartupTrace.countNodes(scene.getRoot());
        Snapshots.write(scene, "plain-start-welcome");

        robot.interact(() -> robot.lookup("#welcome-open-lenet").queryAs(Button.class).fire());
        assertThat(window.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Design");
        assertThat(robot.lookup("#palette").tryQuery()).isPresent();
        assertThat(StartupTrace.countNodes(scene.getRoot())).isGreaterThan(welcomeNodes);
        // laid out for the canvas's real width (3 columns here; 4 when the width is not known yet)
        var canvas = window.editor().canvas();
        var expected = AutoLayout.apply(StarterSamples.byId("lenet").project().graph(), AutoLayout.columnsFor(canvas.getWidth()));
        assertThat(AutoLayout.columnsFor(canvas.getWidth())).isNotEqualTo(AutoLayout.columnsFor(0));
        for (Node n : expected.nodes()) {
            Node opened = window.editor().editor().graph().node(n.id());
            assertThat(opened.x()).as(n.id() + " x").isEqualTo(n.x());
            assertThat(opened.y()).as(n.id() + " y").isEqualTo(n.y());
        }
        // the sample was fitted once the canvas had a size: every layer lies inside the canvas
        Bounds view = canvas.localToScene(canvas.getLayoutBounds());
        for (Node n : window.editor().editor().graph().nodes()) {
            var box = robot.lookup("#node-" + n.id()).query();
            assertThat(view.contains(box.localToScene(box.getLayoutBounds()))).as(n.id()).isTrue();
        }
        Snapshots.write(scene, "plain-start-design");
    }
}
