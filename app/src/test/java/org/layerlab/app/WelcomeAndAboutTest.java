package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.canvas.Theme;
import org.layerlab.samples.StarterSamples;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The first-run page (samples with thumbnails, recent projects, how-to) and the About text. */
@ExtendWith(ApplicationExtension.class)
class WelcomeAndAboutTest {
    @TempDir
    static Path tmp;

    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        window = new MainWindow(new MainWindowTest.ScriptedDialogs(), new RecentFiles(tmp.resolve("recent.txt")));
        scene = Snapshots.show(stage, window);
    }

    @Test
    void welcomeListsEverySampleAndOpensOneIntoTheEditor(FxRobot robot) throws Exception {
        robot.interact(window::showWelcome);
        assertThat(robot.lookup("#welcome-samples").queryParent().getChildrenUnmodifiable()).hasSize(StarterSamples.all().size());
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            Snapshots.write(scene, "welcome-" + theme.name().toLowerCase());
        }
        // the how-to stands over the empty canvas until the graph has layers
        robot.interact(() -> window.selectTab("Design"));
        assertThat(robot.lookup("#howto-overlay").query().isVisible()).isTrue();
        Snapshots.write(scene, "design-howto");
        robot.interact(window::showWelcome);
        robot.interact(() -> robot.lookup("#welcome-open-lenet").queryAs(Button.class).fire());
        assertThat(robot.lookup("#howto-overlay").query().isVisible()).isFalse();
        assertThat(window.tabs().getSelectionModel().getSelectedItem().getText()).isEqualTo("Design");
        assertThat(window.project().dataset().name()).isEqualTo("mnist");
        assertThat(window.editor().editor().graph().node("c1")).isNotNull();
    }

    @Test
    void aboutNamesVersionsEngineAndEveryLicence() {
        String v = AboutDialog.versions("CPU (test)");
        assertThat(v).contains("LayerLab " + AboutDialog.VERSION).contains("Java 17").contains("1.0.0-M2.1").contains("Engine: CPU (test)");
        assertThat(AboutDialog.licences()).contains("Apache 2.0").contains("Classpath Exception")
                .contains("MNIST").contains("CC BY-SA 3.0").contains("Fashion-MNIST").contains("CC0");
    }
}
