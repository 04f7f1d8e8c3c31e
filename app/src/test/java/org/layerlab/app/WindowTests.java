package org.layerlab.app;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Scene;
import org.layerlab.canvas.Theme;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.samples.StarterSamples;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** What the window tests share: waiting on the FX thread's state, opening a sample, snapshots in both themes. */
final class WindowTests {
    private WindowTests() {}

    /** Waits (up to three minutes: a run on a busy 2-core machine) until {@code condition} holds between FX events. */
    static void waitFor(BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> {
            WaitForAsyncUtils.waitForFxEvents();
            return condition.getAsBoolean();
        });
    }

    /** Opens a starter sample (with another data set if {@code data} is not null) and shows the Train tab. */
    static void openSample(FxRobot robot, MainWindow window, String sample, DatasetRef data) {
        robot.interact(() -> {
            window.openSample(StarterSamples.byId(sample));
            if (data != null) window.project().setDataset(data);
            window.selectTab("Train");
        });
    }

    /** Writes {@code target/snapshots/<name>-{light,dark}.png} with the Train charts redrawn in each theme. */
    static void snapshotsInBothThemes(FxRobot robot, Scene scene, MainWindow window, String name) throws Exception {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            Thread.sleep(300); // the views redraw on their timer
            WaitForAsyncUtils.waitForFxEvents();
            robot.interact(() -> window.training().session().charts().forEach(org.layerlab.charts.LineChart::refresh));
            Snapshots.write(scene, name + "-" + theme.name().toLowerCase());
        }
        robot.interact(() -> Theme.LIGHT.applyTo(scene.getRoot()));
    }
}
