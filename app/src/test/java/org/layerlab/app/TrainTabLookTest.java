package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.app.train.RunEntry;
import org.layerlab.app.train.TrainingSession;
import org.layerlab.canvas.Theme;
import org.layerlab.charts.Series;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.spec.*;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * How the Train tab looks with many layers and many runs (issue 17, item 8): six Dense layers get six
 * colours, four overlaid runs keep theirs; snapshots in both themes to look at
 * ({@code target/snapshots/train-six-dense-*.png}, {@code train-four-runs-*.png}).
 */
@ExtendWith(ApplicationExtension.class)
class TrainTabLookTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) throws Exception {
        window = new MainWindow(new MainWindowTest.ScriptedDialogs(), new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    @Test
    void sixDenseLayersGetSixColoursAndFourRunsOverlay(FxRobot robot) throws Exception {
        GraphBuilder b = new GraphBuilder().layer("in", InputSpec.vector(2));
        for (int i = 1; i <= 6; i++) b.layer("h" + i, new DenseSpec(24, Activation.RELU, true));
        b.layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY));
        Project p = Project.of("Six dense", b.build()).withDataset(DatasetRef.of("spiral"))
                .withTraining(RecordProperties.with(RecordProperties.with(
                        org.layerlab.graph.project.TrainingSettings.defaults(), "epochs", 40), "learningRate", 0.01));
        robot.interact(() -> {
            window.project().newProject(p);
            window.selectTab("Train");
        });
        TrainingSession session = window.training().session();
        robot.interact(() -> window.training().startRun());
        WindowTests.waitFor(() -> session.current() != null && session.current().run.iteration() >= 300);
        robot.interact(session::drain);
        List<Series> grads = session.gradientChart.series();
        assertThat(grads).extracting(Series::name).contains("h1", "h2", "h3", "h4", "h5", "h6", "out");
        Set<String> colours = new HashSet<>();
        for (Series s : grads) colours.add(s.colour());
        assertThat(colours).as("one colour per layer").hasSize(grads.size());
        WindowTests.snapshotsInBothThemes(robot, scene, window, "train-six-dense");
        // no setting's name is cut ("Early stopping pa…"): what each label draws is its whole text
        List<String> cut = new java.util.ArrayList<>();
        robot.interact(() -> {
            List<javafx.scene.Node> named = new java.util.ArrayList<>(scene.getRoot().lookupAll(".property-sheet .label"));
            named.addAll(scene.getRoot().lookupAll(".property-sheet .combo-box .list-cell")); // the values shown in the choosers too
            for (javafx.scene.Node n : named) {
                if (!(n instanceof javafx.scene.control.Labeled l) || l.getText() == null || l.getText().isEmpty()) continue;
                for (javafx.scene.Node t : l.lookupAll(".text")) {
                    if (t instanceof javafx.scene.text.Text text && !text.getText().equals(l.getText())) cut.add(l.getText() + " → " + text.getText());
                }
            }
        });
        assertThat(cut).as("settings labels drawn cut").isEmpty();

        // three more runs at other rates, all overlaid
        for (double lr : new double[] {0.003, 0.03, 0.1}) {
            robot.interact(() -> window.project().setTraining(RecordProperties.with(window.project().training(), "learningRate", lr)));
            int before = session.runs().size();
            robot.interact(() -> window.training().startRun());
            WindowTests.waitFor(() -> session.runs().size() == before + 1 && session.current().run.iteration() >= 150);
        }
        robot.interact(session::drain);
        assertThat(session.runs()).hasSize(4);
        Set<String> runColours = new HashSet<>();
        for (RunEntry e : session.runs()) runColours.add(e.colour);
        assertThat(runColours).hasSize(4);
        assertThat(session.lossChart.series()).hasSizeGreaterThanOrEqualTo(8); // train and validation of each
        WindowTests.snapshotsInBothThemes(robot, scene, window, "train-four-runs");
        robot.interact(session::shutdown);
    }
}
