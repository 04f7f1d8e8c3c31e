package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.app.project.Autosave;
import org.layerlab.app.project.ProjectController;
import org.layerlab.canvas.Theme;
import org.layerlab.graph.Examples;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20: a session killed with SIGKILL after edits loses nothing — the next start offers the
 * autosave with its time and what differs from the saved file, and restores it unsaved.
 */
@ExtendWith(ApplicationExtension.class)
class RecoveryTest {
    @TempDir
    static Path home;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void editsOfAKilledSessionAreOfferedBackAndRestoredUnsaved(FxRobot robot) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AutosaveChild.class.getName(), home.toString())
                .redirectErrorStream(true).start();
        String line;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            while ((line = r.readLine()) != null && !line.startsWith("AUTOSAVED")) { /* its log */ }
            assertThat(line).as("the child autosaved").isNotNull();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isEqualTo(137);

        // the next start
        MainWindowTest.ScriptedDialogs dialogs = new MainWindowTest.ScriptedDialogs();
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            window[0] = new MainWindow(dialogs, new RecentFiles(home.resolve("recent.txt")));
            Scene scene = new Scene(window[0].root(), 1280, 800);
            scene.getStylesheets().add(Theme.stylesheet());
            stage.setScene(scene);
            stage.show();
            window[0].recovery().offerRecovery();
        });
        assertThat(dialogs.recoveryQuestions).singleElement().asString()
                .startsWith("Restore mlp.layerlab?").contains("Autosaved at ")
                .contains("1 layer added (extra)").contains("training settings changed")
                .contains("Save writes it to " + home.resolve("mlp.layerlab"));
        ProjectController project = window[0].project();
        assertThat(project.isDirty()).as("restored, unsaved").isTrue();
        assertThat(project.file()).isEqualTo(home.resolve("mlp.layerlab"));
        assertThat(window[0].editor().editor().graph().node("extra")).isNotNull();
        assertThat(project.training().learningRate()).isEqualTo(0.5);
        assertThat(project.titleProperty().get()).startsWith("• mlp.layerlab");
        // the saved file was left as it was
        assertThat(org.layerlab.graph.project.ProjectFiles.read(home.resolve("mlp.layerlab")).graph()).isEqualTo(Examples.mlp());

        // held again at once; a save removes it; the next start offers nothing
        try (var files = Files.list(home.resolve("autosave"))) {
            assertThat(files.filter(p -> p.toString().endsWith(".layerlab")).count()).isEqualTo(1);
        }
        robot.interact(() -> assertThat(project.save()).isTrue());
        MainWindowTest.ScriptedDialogs next = new MainWindowTest.ScriptedDialogs();
        robot.interact(() -> new MainWindow(next, new RecentFiles(home.resolve("recent.txt"))).recovery().offerRecovery());
        assertThat(next.recoveryQuestions).isEmpty();

        // what the question looks like (the real dialog's content, pictured)
        String question = dialogs.recoveryQuestions.get(0);
        for (Theme theme : Theme.values()) {
            robot.interact(() -> {
                var alert = Dialogs.recoveryAlert(question.substring(0, question.indexOf('\n')), question.substring(question.indexOf('\n') + 1));
                // the alert's own pane belongs to its (unshown) window: picture a copy of it
                var pane = new javafx.scene.control.DialogPane();
                pane.getStyleClass().addAll("alert", "confirmation");
                pane.setHeaderText(alert.getHeaderText());
                pane.setContent(alert.getDialogPane().getContent());
                pane.getButtonTypes().setAll(alert.getButtonTypes());
                pane.setPrefWidth(alert.getDialogPane().getPrefWidth());
                Scene s = new Scene(pane);
                s.getStylesheets().add(Theme.stylesheet());
                theme.applyTo(pane);
                stage.setScene(s);
                stage.sizeToScene();
            });
            WaitForAsyncUtils.waitForFxEvents();
            Path out = Path.of("target", "snapshots");
            Files.createDirectories(out);
            var img = WaitForAsyncUtils.asyncFx(() -> stage.getScene().snapshot(null)).get();
            javax.imageio.ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(img, null), "png",
                    out.resolve("recovery-" + theme.name().toLowerCase() + ".png").toFile());
        }
    }

    @Test
    void aDeclinedAutosaveIsDeletedAndNotNowKeepsItForNextTime(FxRobot robot) throws Exception {
        Path dir = home.resolve("other");
        Autosave crashed = new Autosave(dir.resolve("autosave"));
        assertThat(crashed.write(org.layerlab.graph.project.Project.of("scratch", Examples.lenet()), null)).isTrue();
        // its session is gone without closing: the lock is released when the channel is (the JVM would on death)
        java.lang.reflect.Field f = Autosave.class.getDeclaredField("lockChannel");
        f.setAccessible(true);
        ((java.nio.channels.FileChannel) f.get(crashed)).close();
        MainWindowTest.ScriptedDialogs later = new MainWindowTest.ScriptedDialogs();
        later.recoveries.add(Dialogs.Recovery.LATER);
        robot.interact(() -> new MainWindow(later, new RecentFiles(dir.resolve("recent.txt"))).recovery().offerRecovery());
        assertThat(later.recoveryQuestions).singleElement().asString().contains("\"scratch\" (never saved)").contains("never saved to a file");
        MainWindowTest.ScriptedDialogs discard = new MainWindowTest.ScriptedDialogs();
        discard.recoveries.add(Dialogs.Recovery.DISCARD);
        robot.interact(() -> new MainWindow(discard, new RecentFiles(dir.resolve("recent.txt"))).recovery().offerRecovery());
        assertThat(discard.recoveryQuestions).hasSize(1);
        MainWindowTest.ScriptedDialogs none = new MainWindowTest.ScriptedDialogs();
        robot.interact(() -> new MainWindow(none, new RecentFiles(dir.resolve("recent.txt"))).recovery().offerRecovery());
        assertThat(none.recoveryQuestions).isEmpty();
    }
}
