package org.layerlab.app.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.app.project.ProjectData;
import org.layerlab.graph.project.Project;
import org.layerlab.samples.StarterSamples;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.metrics.MetricSample;
import org.layerlab.trainer.metrics.MetricSample.Histogram;
import org.layerlab.trainer.run.TrainingRun;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The layer list follows the run: layers report their first histograms one at a time, and a pane
 * that refreshed in between once kept only the first layer for good (seen as a flaky lesson test).
 */
@ExtendWith(ApplicationExtension.class)
class HistogramPaneTest {
    private HistogramPane pane;

    @Start
    void start(Stage stage) {
        pane = new HistogramPane();
        stage.setScene(new Scene(pane, 600, 400));
        stage.show();
    }

    @Test
    void aLayerThatReportsLaterJoinsTheList(FxRobot robot) throws Exception {
        Project p = StarterSamples.byId("spiral").project();
        var c = GraphCompiler.compile(p.graph(), p.training());
        var data = ProjectData.prepare(p.dataset(), Path.of("."), p.training(), c);
        TrainingRun run = new TrainingRun("histograms", c, p.training(), data.train(), null, null, 10);
        List<String> order = c.analysis().order(); // the input first; the last two are layers with weights
        String first = order.get(order.size() - 2), second = order.get(order.size() - 1);

        for (String id : List.of(first, second))
            run.history().accept(new MetricSample.Layer(run.id(), 1, id, 0.1, 1e-3, 0, 1, 0, 0));
        run.history().accept(histogram(run, first));
        robot.interact(() -> pane.update(run));
        assertThat(pane.layerChoice().getItems()).containsExactly(first);

        run.history().accept(histogram(run, second));
        robot.interact(() -> pane.update(run));
        assertThat(pane.layerChoice().getItems()).containsExactly(first, second);
        assertThat(pane.layerChoice().getValue()).as("the chosen layer stays").isEqualTo(first);
    }

    private static Histogram histogram(TrainingRun run, String layer) {
        return new Histogram(run.id(), 1, layer, Histogram.Kind.WEIGHTS, -1, 1, new int[] {1, 2, 3});
    }
}
