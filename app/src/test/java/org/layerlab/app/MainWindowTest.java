package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.canvas.Theme;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.LayerCatalog;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
public class MainWindowTest {

    /** Dialogs answered by the test: queued answers, recorded errors. */
    public static final class ScriptedDialogs implements Dialogs {
        final Deque<Unsaved> unsaved = new ArrayDeque<>();
        public final Deque<Path> files = new ArrayDeque<>();
        public final List<String> errors = new ArrayList<>();
        /** Questions asked with {@link #confirm}; answered yes unless {@link #refuse} is set. */
        final List<String> confirmations = new ArrayList<>();
        boolean refuse;
        int asked;

        @Override public boolean confirm(String title, String header, String text, String yes) {
            confirmations.add(header);
            return !refuse;
        }

        @Override public Unsaved askUnsaved(String name) {
            asked++;
            return unsaved.isEmpty() ? Unsaved.CANCEL : unsaved.pop();
        }
        @Override public void showError(String title, String message) { errors.add(title + ": " + message); }
        @Override public Path chooseOpen(Path dir) { return files.poll(); }
        @Override public Path chooseSave(Path dir, String name, String description, String extension) { return files.poll(); }
        @Override public Path chooseData(Path dir, boolean folder) { return files.poll(); }
        @Override public Path chooseLessonFolder() { return files.poll(); }
        @Override public Path chooseModel(Path dir) { return files.poll(); }
        /** What the race dialog answers next (null: cancelled). */
        public final java.util.ArrayDeque<org.layerlab.app.train.RaceRequest> races = new java.util.ArrayDeque<>();
        @Override public org.layerlab.app.train.RaceRequest askRace() { return races.poll(); }
        /** Answers to recovery questions (RESTORE when none is queued), and the questions asked. */
        final Deque<Recovery> recoveries = new ArrayDeque<>();
        final List<String> recoveryQuestions = new ArrayList<>();
        @Override public Recovery askRecovery(String header, String text) {
            recoveryQuestions.add(header + "\n" + text);
            return recoveries.isEmpty() ? Recovery.RESTORE : recoveries.pop();
        }
    }

    @TempDir
    static Path tmp;

    private final ScriptedDialogs dialogs = new ScriptedDialogs();
    private MainWindow window;
    private Scene scene;
    private Path recentStore;

    @Start
    void start(Stage stage) throws Exception {
        recentStore = Files.createTempDirectory(tmp, "home").resolve("recent.txt");
        window = new MainWindow(dialogs, new RecentFiles(recentStore));
        scene = Snapshots.show(stage, window);
        stage.titleProperty().bind(window.project().titleProperty());
    }

    private MenuItem menuItem(String menu, String text) {
        MenuBar bar = (MenuBar) scene.lookup("#menu-bar");
        for (Menu m : bar.getMenus()) {
            if (!m.getText().equals(menu)) continue;
            for (MenuItem i : m.getItems()) if (i.getText() != null && i.getText().startsWith(text)) return i;
        }
        throw new AssertionError("no menu item " + menu + " > " + text);
    }

    private void fire(FxRobot robot, String menu, String text) {
        robot.interact(() -> menuItem(menu, text).fire());
    }

    @Test
    void everyEditingActionHasAMenuItemShowingItsShortcut(FxRobot robot) {
        String[][] required = {
            {"File", "New"}, {"File", "Open…"}, {"File", "Save"}, {"File", "Save As…"},
            {"Edit", "Undo"}, {"Edit", "Redo"}, {"Edit", "Cut"}, {"Edit", "Copy"}, {"Edit", "Paste"},
            {"Edit", "Duplicate"}, {"Edit", "Delete"}, {"Edit", "Select All"},
            {"View", "Zoom In"}, {"View", "Zoom Out"}, {"View", "Fit to View"}, {"View", "Auto-layout"}, {"View", "Dark Theme"},
        };
        for (String[] r : required) assertThat(menuItem(r[0], r[1]).getAccelerator()).as(r[0] + " > " + r[1]).isNotNull();
        for (LayerCatalog.Entry e : LayerCatalog.entries()) {
            assertThat(robot.lookup(".palette-item").queryAllAs(Label.class)).anySatisfy(l -> assertThat(l.getText()).isEqualTo(e.name()));
        }
    }

    @Test
    void keyboardShortcutsUndoAndSelectAllThroughTheMenus(FxRobot robot) {
        fire(robot, "File", "Open Sample");
        robot.interact(() -> window.project().newProject("LeNet", Examples.lenet()));
        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        assertThat(window.editor().editor().selection()).hasSize(8);
        robot.type(KeyCode.DELETE);
        assertThat(window.editor().editor().graph().size()).isZero();
        assertThat(robot.lookup("#status-validity").queryAs(Label.class).getText()).isEqualTo("Empty graph");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(window.editor().editor().graph()).isEqualTo(Examples.lenet());
        assertThat(robot.lookup("#status-params").queryAs(Label.class).getText()).isEqualTo("Total params: 431,080");
        assertThat(menuItem("Edit", "Redo").getText()).isEqualTo("Redo Delete 8 layers");
    }

    @Test
    void saveThenReopenGivesTheSameGraphAndTheRecentListRemembersIt(FxRobot robot) throws Exception {
        robot.interact(() -> window.project().newProject("LeNet", Examples.lenet()));
        robot.interact(() -> window.editor().editor().setProperty("d1", "units", 300));
        assertThat(window.project().titleProperty().get()).startsWith("• LeNet");
        Graph edited = window.editor().editor().graph();

        Path file = tmp.resolve("lenet-edited.layerlab");
        dialogs.files.add(file);
        fire(robot, "File", "Save As…");
        assertThat(file).exists();
        assertThat(window.project().titleProperty().get()).isEqualTo("lenet-edited.layerlab — LayerLab");

        fire(robot, "File", "New");
        assertThat(window.editor().editor().graph().size()).isZero();
        dialogs.files.add(file);
        fire(robot, "File", "Open…");
        assertThat(window.editor().editor().graph()).isEqualTo(edited);
        assertThat(dialogs.asked).isZero(); // nothing was unsaved at any point
        assertThat(new RecentFiles(recentStore).list()).containsExactly(file.toAbsolutePath().normalize());
    }

    @Test
    void unsavedWorkIsNotDiscardedWithoutAsking(FxRobot robot) {
        robot.interact(() -> window.editor().editor().addLayer(new DenseSpec(8, Activation.RELU, true), 100, 100));
        Graph work = window.editor().editor().graph();
        dialogs.unsaved.add(Dialogs.Unsaved.CANCEL);
        fire(robot, "File", "New");
        assertThat(dialogs.asked).isEqualTo(1);
        assertThat(window.editor().editor().graph()).isEqualTo(work);
        assertThat(window.project().confirmDiscard()).isFalse(); // the close request is refused the same way
        dialogs.unsaved.add(Dialogs.Unsaved.DISCARD);
        fire(robot, "File", "New");
        assertThat(window.editor().editor().graph().size()).isZero();
        assertThat(window.project().titleProperty().get()).doesNotStartWith("•");
        // training settings are part of the project: changing them is unsaved work too
        robot.interact(() -> window.project().setTraining(
                org.layerlab.graph.spec.RecordProperties.with(window.project().training(), "epochs", 3)));
        assertThat(window.project().titleProperty().get()).startsWith("• ");
        assertThat(window.project().confirmDiscard()).isFalse();
    }

    @Test
    void aFileThatFailsToLoadShowsWhyAndLeavesTheDocumentUntouched(FxRobot robot) throws Exception {
        robot.interact(() -> window.project().newProject("MLP", Examples.mlp()));
        Path bad = tmp.resolve("broken.layerlab");
        Files.writeString(bad, "{\"format\": 1, \"name\": \"x\", \"graph\": {\"nodes\": [ {\"id\": \"a\", \"spec\": {\"type\": \"Dense\", \"units\": -4");
        dialogs.files.add(bad);
        fire(robot, "File", "Open…");
        assertThat(dialogs.errors).singleElement().asString().contains("Cannot open broken.layerlab").contains("line 1");
        assertThat(window.editor().editor().graph()).isEqualTo(Examples.mlp());
        assertThat(window.project().titleProperty().get()).isEqualTo("MLP — LayerLab");
    }

    @Test
    void exportWritesAPngOfTheWholeGraph(FxRobot robot) throws Exception {
        robot.interact(() -> window.project().newProject("LeNet", Examples.lenet()));
        Path png = tmp.resolve("lenet.png");
        robot.interact(() -> {
            try {
                window.writeImage(png);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        var img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThan(800);
        assertEveryLayerIsInTheImage(img);
        // the whole graph also when the view shows only a corner of it, zoomed in; the view stays as it was
        var canvas = window.editor().canvas();
        robot.interact(() -> canvas.setViewState(new org.layerlab.graph.project.ViewState(3, -900, -400)));
        var zoomed = canvas.viewState();
        robot.interact(() -> {
            try {
                window.writeImage(png);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(canvas.viewState()).isEqualTo(zoomed);
        assertEveryLayerIsInTheImage(ImageIO.read(png.toFile()));
    }

    /** The export is the fitted view at 2×: each layer's box shows at twice its fitted position, unlike the background. */
    private void assertEveryLayerIsInTheImage(java.awt.image.BufferedImage img) throws Exception {
        var canvas = window.editor().canvas();
        var saved = WaitForAsyncUtils.asyncFx(canvas::viewState).get();
        WaitForAsyncUtils.asyncFx(canvas::fit).get();
        int background = img.getRGB(2, 2);
        for (org.layerlab.graph.Node n : window.editor().editor().graph().nodes()) {
            var at = WaitForAsyncUtils.asyncFx(() -> canvas.canvasToLocal(n.x() + 2, n.y() + 12)).get();
            int x = (int) (2 * at.getX()), y = (int) (2 * at.getY());
            assertThat(x).as(n.id() + " inside the image").isBetween(0, img.getWidth() - 1);
            assertThat(y).as(n.id() + " inside the image").isBetween(0, img.getHeight() - 1);
            assertThat(contrastAround(img, x, y, luminance(background))).as(n.id() + "'s box drawn").isGreaterThan(0.15);
        }
        WaitForAsyncUtils.asyncFx(() -> canvas.setViewState(saved)).get();
    }

    /** The largest luminance difference from {@code bg} within 3 px of (x, y). */
    static double contrastAround(java.awt.image.BufferedImage img, double x, double y, double bg) {
        double most = 0;
        for (int dx = -3; dx <= 3; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                int px = (int) Math.round(x) + dx, py = (int) Math.round(y) + dy;
                if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight()) most = Math.max(most, Math.abs(luminance(img.getRGB(px, py)) - bg));
            }
        }
        return most;
    }

    static double luminance(int argb) {
        return (0.2126 * ((argb >> 16) & 255) + 0.7152 * ((argb >> 8) & 255) + 0.0722 * (argb & 255)) / 255;
    }

    @Test
    void theMainWindowRendersInBothThemes(FxRobot robot) throws Exception {
        fire(robot, "File", "Open Sample");
        Menu examples = (Menu) menuItem("File", "Open Sample");
        MenuItem lenet = examples.getItems().stream().filter(i -> i.getText().equals("LeNet on MNIST")).findFirst().orElseThrow();
        robot.interact(lenet::fire);
        robot.interact(() -> window.editor().editor().select("c1"));
        WaitForAsyncUtils.waitForFxEvents();
        var canvas = window.editor().canvas();
        robot.interact(canvas::fit); // every layer in view
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            File f = Snapshots.write(scene, "main-window-" + theme.name().toLowerCase());
            var img = ImageIO.read(f);
            // the canvas background follows the theme, and every layer's box stands out from it
            var corner = WaitForAsyncUtils.asyncFx(() -> canvas.localToScene(4, 4)).get();
            double bg = luminance(img.getRGB((int) corner.getX(), (int) corner.getY()));
            if (theme == Theme.LIGHT) assertThat(bg).as("light canvas").isGreaterThan(0.7);
            else assertThat(bg).as("dark canvas").isLessThan(0.3);
            for (org.layerlab.graph.Node n : window.editor().editor().graph().nodes()) {
                var at = WaitForAsyncUtils.asyncFx(() -> canvas.localToScene(
                        canvas.canvasToLocal(n.x() + 2, n.y() + 12))).get();
                assertThat(at.getX()).as(n.id() + " in view").isBetween(0.0, img.getWidth() - 1.0);
                assertThat(at.getY()).as(n.id() + " in view").isBetween(0.0, img.getHeight() - 1.0);
                assertThat(contrastAround(img, at.getX(), at.getY(), bg)).as(n.id() + " drawn in " + theme).isGreaterThan(0.15);
            }
        }
        assertThat(robot.lookup("#status-validity").queryAs(Label.class).getText()).isEqualTo("✔ Graph valid");
    }

    @Test
    void eachWorkspaceJoinsTheWindowWhenItsTabIsFirstSelected(FxRobot robot) throws Exception {
        var tabs = window.tabs();
        for (String title : List.of("Data", "Train", "Learn")) {
            var tab = tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst().orElseThrow();
            assertThat(tab.getContent()).as(title + " before it is opened").isNull();
            robot.interact(() -> window.selectTab(title));
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(tab.getContent()).as(title + " once opened").isNotNull();
            assertThat(tab.getContent().getScene()).as(title + " in the window").isSameAs(scene);
        }
        // the Learn workspace is built on that first selection: its lessons are listed
        var lessons = robot.lookup("#lesson-list").queryAs(javafx.scene.control.ListView.class);
        assertThat(lessons.getItems()).isNotEmpty();
        assertThat(window.learn()).isSameAs(tabs.getSelectionModel().getSelectedItem().getContent());
        Snapshots.write(scene, "main-window-learn-tab");
    }
}
