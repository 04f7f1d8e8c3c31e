package org.layerlab.app;

import java.nio.file.Path;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.layerlab.app.project.ModelOpener;
import org.layerlab.app.project.ProjectController;
import org.layerlab.app.project.ProjectExports;
import org.layerlab.canvas.EditorPane;
import org.layerlab.canvas.Theme;
import org.layerlab.graph.Graph;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.samples.Sample;
import org.layerlab.samples.StarterSamples;

/**
 * The main window's menu bar and toolbar: every action is reachable from a menu that shows its
 * shortcut; the toolbar repeats the common ones. Undo and Redo follow the document.
 */
final class MainMenus {
    private final MainWindow window;
    private final EditorPane editor;
    private final GraphDocument document;
    private final ProjectController project;
    private final ProjectExports exports;
    private final ModelOpener models;
    private final Parent root;
    private final Menu openRecent = new Menu("Open Recent");
    private final MenuItem undo;
    private final MenuItem redo;

    MainMenus(MainWindow window, EditorPane editor, GraphDocument document, ProjectController project,
              ProjectExports exports, ModelOpener models, Parent root) {
        this.window = window;
        this.editor = editor;
        this.document = document;
        this.project = project;
        this.exports = exports;
        this.models = models;
        this.root = root;
        undo = item("Undo", shortcut(KeyCode.Z), () -> editor.editor().undo());
        redo = item("Redo", shortcutShift(KeyCode.Z), () -> editor.editor().redo());
    }

    MenuBar menuBar() {
        Menu examples = new Menu("Open Sample");
        examples.setId("menu-samples");
        for (Sample sample : StarterSamples.all()) examples.getItems().add(item(sample.title(), null, () -> window.openSample(sample)));
        Menu export = new Menu("Export");
        export.getItems().addAll(
                item("Image (PNG)…", shortcutShift(KeyCode.E), exports::image),
                item("Summary (text)…", null, exports::summary),
                item("Java code (DL4J builders)…", null, exports::java),
                new SeparatorMenuItem(),
                item("Trained model (DL4J zip)…", null, exports::model),
                item("Metrics of the run (CSV)…", null, exports::metrics));
        Menu file = new Menu("File");
        file.getItems().addAll(
                item("New", shortcut(KeyCode.N), () -> newFrom("Untitled", Graph.empty())),
                examples,
                item("Open…", shortcut(KeyCode.O), () -> {
                    if (project.open()) editor.canvas().fitLater();
                }),
                openRecent,
                item("Open Model…", null, () -> models.open(() -> editor.canvas().fitLater())),
                item("Open Lesson…", null, window::openLesson),
                new SeparatorMenuItem(),
                item("Save", shortcut(KeyCode.S), project::save),
                item("Save As…", shortcutShift(KeyCode.S), project::saveAs),
                export,
                new SeparatorMenuItem(),
                item("Exit", shortcut(KeyCode.Q), window::requestExit));

        var ed = editor.editor();
        Menu edit = new Menu("Edit");
        edit.getItems().addAll(undo, redo, new SeparatorMenuItem(),
                item("Cut", shortcut(KeyCode.X), ed::cut),
                item("Copy", shortcut(KeyCode.C), ed::copy),
                item("Paste", shortcut(KeyCode.V), ed::paste),
                item("Duplicate", shortcut(KeyCode.D), ed::duplicate),
                item("Delete", new KeyCodeCombination(KeyCode.DELETE), ed::deleteSelection),
                new SeparatorMenuItem(),
                item("Select All", shortcut(KeyCode.A), ed::selectAll));

        var canvas = editor.canvas();
        CheckMenuItem dark = new CheckMenuItem("Dark Theme");
        dark.setAccelerator(shortcutShift(KeyCode.T));
        dark.setOnAction(e -> (dark.isSelected() ? Theme.DARK : Theme.LIGHT).applyTo(root));
        dark.setId("menu-dark-theme");
        Menu view = new Menu("View");
        view.getItems().addAll(
                item("Zoom In", shortcut(KeyCode.EQUALS), onCanvas(canvas::zoomIn)),
                item("Zoom Out", shortcut(KeyCode.MINUS), onCanvas(canvas::zoomOut)),
                item("Actual Size", shortcut(KeyCode.DIGIT1), onCanvas(canvas::resetZoom)),
                item("Fit to View", shortcut(KeyCode.DIGIT0), onCanvas(canvas::fit)),
                new SeparatorMenuItem(),
                item("Auto-layout", shortcut(KeyCode.L), onCanvas(canvas::autoLayout)),
                new SeparatorMenuItem(),
                dark);
        Menu help = new Menu("Help");
        help.getItems().addAll(
                item("Welcome", null, window::showWelcome),
                item("About LayerLab", null, () -> AboutDialog.show(root.getScene() == null ? null : root.getScene().getWindow(), root)));
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    ToolBar toolbar() {
        var ed = editor.editor();
        var canvas = editor.canvas();
        Button undoButton = button("Undo", "Undo (Ctrl+Z)", ed::undo);
        Button redoButton = button("Redo", "Redo (Ctrl+Shift+Z)", ed::redo);
        undoButton.disableProperty().bind(undo.disableProperty());
        redoButton.disableProperty().bind(redo.disableProperty());
        ToolBar bar = new ToolBar(
                button("New", "New project (Ctrl+N)", () -> newFrom("Untitled", Graph.empty())),
                button("Open", "Open a project (Ctrl+O)", () -> {
                    if (project.open()) canvas.fitLater();
                }),
                button("Save", "Save (Ctrl+S)", project::save),
                new javafx.scene.control.Separator(),
                undoButton, redoButton,
                new javafx.scene.control.Separator(),
                button("−", "Zoom out (Ctrl+−)", onCanvas(canvas::zoomOut)),
                button("+", "Zoom in (Ctrl+=)", onCanvas(canvas::zoomIn)),
                button("Fit", "Fit the graph to the view (Ctrl+0)", onCanvas(canvas::fit)),
                button("Auto-layout", "Arrange layers left to right (Ctrl+L)", onCanvas(canvas::autoLayout)));
        bar.setId("tool-bar");
        return bar;
    }

    /** Lists the recent projects under File ▸ Open Recent. */
    void fillRecent() {
        openRecent.getItems().clear();
        for (Path p : project.recent().list()) {
            openRecent.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), null, () -> {
                if (project.open(p)) editor.canvas().fitLater();
            }));
        }
        openRecent.setDisable(openRecent.getItems().isEmpty());
    }

    /** Undo and Redo name the edit they would undo or redo, and are off when there is none. */
    void refreshUndo() {
        undo.setText(document.canUndo() ? "Undo " + document.undoLabel() : "Undo");
        redo.setText(document.canRedo() ? "Redo " + document.redoLabel() : "Redo");
        undo.setDisable(!document.canUndo());
        redo.setDisable(!document.canRedo());
    }

    private void newFrom(String name, Graph g) {
        window.placeEditor();
        if (project.newProject(name, g.size() == 0 ? g : editor.canvas().laidOut(g))) {
            if (g.size() > 0) editor.canvas().fitLater();
            else editor.canvas().setViewState(org.layerlab.graph.project.ViewState.initial());
        }
    }

    /** A view action that needs the canvas's size: the editor is placed first if the Design tab was never shown. */
    private Runnable onCanvas(Runnable action) {
        return () -> {
            window.placeEditor();
            action.run();
        };
    }

    private static KeyCombination shortcut(KeyCode k) {
        return new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shortcutShift(KeyCode k) {
        return new KeyCodeCombination(k, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (key != null) m.setAccelerator(key);
        m.setOnAction(e -> action.run());
        return m;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        org.layerlab.canvas.Tips.install(b, tip);
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }
}
