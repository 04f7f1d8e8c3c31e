package org.layerlab.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import org.layerlab.app.data.DataWorkspace;
import org.layerlab.app.learn.LearnWorkspace;
import org.layerlab.app.project.Autosave;
import org.layerlab.app.project.ProjectController;
import org.layerlab.app.project.ProjectExports;
import org.layerlab.app.project.RecoveryController;
import org.layerlab.app.train.RunEntry;
import org.layerlab.app.train.TrainingWorkspace;
import org.layerlab.canvas.EditorPane;
import org.layerlab.canvas.Theme;
import org.layerlab.graph.Graph;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.shape.Summary;
import org.layerlab.samples.Sample;
import org.layerlab.samples.StarterSamples;

/**
 * The main window's content: menus and toolbar, the editor (palette, canvas, inspector, problems)
 * and the status bar. Every action is reachable from a menu that shows its shortcut.
 */
public final class MainWindow {
    private final BorderPane root = new BorderPane();
    private final GraphDocument document = new GraphDocument();
    private final EditorPane editor = new EditorPane(document);
    private final ProjectController project;
    private final Dialogs dialogs;
    private final Menu openRecent = new Menu("Open Recent");
    private final MenuItem undo = item("Undo", shortcut(KeyCode.Z), () -> editor.editor().undo());
    private final MenuItem redo = item("Redo", shortcutShift(KeyCode.Z), () -> editor.editor().redo());
    private final StatusBar status;
    private Runnable exit = () -> {};
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
    // the workspaces behind the Data, Train and Learn tabs are built when first wanted, not before the first window
    private final Lazy<TrainingWorkspace> training;
    private final Lazy<DataWorkspace> data;
    private final Lazy<LearnWorkspace> learn;
    private final ProjectExports exports;
    private final org.layerlab.app.project.ModelOpener models;
    private final RecoveryController recovery;
    private final javafx.scene.control.Tab welcome;

    public MainWindow(Dialogs dialogs, RecentFiles recent) {
        this.dialogs = dialogs;
        this.project = new ProjectController(document, dialogs, recent);
        project.bindView(() -> editor.canvas().viewState(), v -> editor.canvas().setViewState(v));
        project.onRecentChanged(this::fillRecent);
        exports = new ProjectExports(project, editor, dialogs, this::say, () -> {
            TrainingWorkspace t = trainingIfOpened();
            return t == null ? null : t.session().current();
        });
        models = new org.layerlab.app.project.ModelOpener(project, dialogs, this::say);
        root.getStyleClass().add("main-window");
        root.setTop(new VBox(menus(), toolbar()));
        data = new Lazy<>(() -> new DataWorkspace(project, document::graph, dialogs, new InputsFromData(document, this::say)::apply));
        training = new Lazy<>(() -> {
            TrainingWorkspace t = new TrainingWorkspace(project, document::graph, dialogs, name -> data().choose(name),
                    b -> editor.canvas().setBadges(b));
            // a run is where a crash is most likely: autosave when one starts
            t.session().runs().addListener((javafx.collections.ListChangeListener<RunEntry>) c -> recovery().autosaveNow());
            return t;
        });
        javafx.scene.control.Tab design = new javafx.scene.control.Tab("Design", new javafx.scene.layout.StackPane(editor, HowToCard.over(document)));
        javafx.scene.control.Tab dataTab = shownWhenSelected("Data", data::get);
        javafx.scene.control.Tab train = shownWhenSelected("Train", training::get);
        // built when first wanted: reading the lessons is the largest part of it
        learn = new Lazy<>(() -> new LearnWorkspace(recent.store() == null ? null : recent.store().resolveSibling("lessons-done.txt"),
                () -> dialogs.chooseSave(null, "lesson-result.png", "PNG image", ".png"), m -> dialogs.showError("Lesson", m)));
        javafx.scene.control.Tab learnTab = shownWhenSelected("Learn", learn::get);
        for (var t : List.of(design, dataTab, train, learnTab)) t.setClosable(false);
        welcome = new javafx.scene.control.Tab("Welcome", new WelcomePage(this));
        welcome.setClosable(true);
        tabs.getTabs().addAll(welcome, design, dataTab, train, learnTab);
        tabs.getSelectionModel().select(design); // the app selects Welcome on a plain start
        train.setOnSelectionChanged(e -> {
            if (train.isSelected()) training().showDataset();
        });
        tabs.setId("tabs");
        root.setCenter(tabs);
        status = new StatusBar(editor);
        root.setBottom(status);
        document.addListener((a, b) -> refresh());
        document.addListener((a, b) -> data.ifBuilt(DataWorkspace::graphChanged));
        // a new project starts clean: no old refusal in the status bar, nothing selected
        project.onProjectReplaced(() -> {
            editor.editor().clearSelection();
            say("");
        });
        recovery = new RecoveryController(project, dialogs, this::say,
                new Autosave(recent.store() == null ? null : recent.store().resolveSibling("autosave")));
        fillRecent();
        refresh();
    }

    /**
     * A tab whose content joins the scene the first time the tab is selected, so the window's first
     * CSS and layout pass (part of the time to the first window) skips workspaces nobody has opened yet.
     */
    private static javafx.scene.control.Tab shownWhenSelected(String title, java.util.function.Supplier<? extends javafx.scene.Node> content) {
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab(title);
        tab.selectedProperty().addListener((o, was, is) -> {
            if (is && tab.getContent() == null) tab.setContent(content.get());
        });
        return tab;
    }

    /** Recovery of unsaved work (autosave, and the offer at start). */
    RecoveryController recovery() {
        return recovery;
    }

    Parent root() {
        return root;
    }

    public EditorPane editor() {
        return editor;
    }

    public TrainingWorkspace training() {
        return training.get();
    }

    private TrainingWorkspace trainingIfOpened() {
        return training.peek();
    }

    /** Stops every run of the Train workspace, if it was ever opened. */
    void shutdownTraining() {
        training.ifBuilt(t -> t.session().shutdown());
    }

    Dialogs dialogsForTests() {
        return dialogs;
    }

    String statusMessage() {
        return status.message();
    }

    ProjectExports exports() {
        return exports;
    }

    /** The Learn workspace, built on first use. */
    LearnWorkspace learn() {
        return learn.get();
    }

    /** Stops the Learn workspace's races, if it was ever opened. */
    void shutdownLearn() {
        learn.ifBuilt(LearnWorkspace::shutdown);
    }

    /** File ▸ Open Lesson…: a teacher's lesson folder, shown on the Learn tab. */
    private void openLesson() {
        Path folder = dialogs.chooseLessonFolder();
        if (folder != null && learn().open(folder)) selectTab("Learn");
    }

    /** Shows (or re-opens) the Welcome tab. */
    void showWelcome() {
        if (!tabs.getTabs().contains(welcome)) tabs.getTabs().add(0, welcome);
        tabs.getSelectionModel().select(welcome);
    }

    /** Switches to the tab with this title (Welcome, Design, Data, Train). */
    public void selectTab(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst().ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    public DataWorkspace data() {
        return data.get();
    }

    /**
     * A loaded data set sets the single Input's shape as one undoable edit (nothing happens when the
     * shape already matches or the graph has no single Input).
     */
    javafx.scene.control.TabPane tabs() {
        return tabs;
    }

    public ProjectController project() {
        return project;
    }

    /** What File ▸ Exit does (the app closes the stage through its close request). */
    void onExit(Runnable r) {
        exit = r;
    }

    // ---- menus ----

    private MenuBar menus() {
        Menu examples = new Menu("Open Sample");
        examples.setId("menu-samples");
        for (Sample sample : StarterSamples.all()) examples.getItems().add(item(sample.title(), null, () -> openSample(sample)));
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
                item("Open Lesson…", null, this::openLesson),
                new SeparatorMenuItem(),
                item("Save", shortcut(KeyCode.S), project::save),
                item("Save As…", shortcutShift(KeyCode.S), project::saveAs),
                export,
                new SeparatorMenuItem(),
                item("Exit", shortcut(KeyCode.Q), () -> exit.run()));

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
                item("Zoom In", shortcut(KeyCode.EQUALS), canvas::zoomIn),
                item("Zoom Out", shortcut(KeyCode.MINUS), canvas::zoomOut),
                item("Actual Size", shortcut(KeyCode.DIGIT1), canvas::resetZoom),
                item("Fit to View", shortcut(KeyCode.DIGIT0), canvas::fit),
                new SeparatorMenuItem(),
                item("Auto-layout", shortcut(KeyCode.L), canvas::autoLayout),
                new SeparatorMenuItem(),
                dark);
        Menu help = new Menu("Help");
        help.getItems().addAll(
                item("Welcome", null, this::showWelcome),
                item("About LayerLab", null, () -> AboutDialog.show(root.getScene() == null ? null : root.getScene().getWindow(), root)));
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setId("menu-bar");
        return bar;
    }

    private void newFrom(String name, Graph g) {
        if (project.newProject(name, g.size() == 0 ? g : editor.canvas().laidOut(g))) {
            if (g.size() > 0) editor.canvas().fitLater();
            else editor.canvas().setViewState(org.layerlab.graph.project.ViewState.initial());
        }
    }

    /** A starter project with its data set and settings, so Train works straight away; unsaved until saved. */
    public void openSample(Sample sample) {
        var p = sample.project();
        if (project.newProject(p.withGraph(editor.canvas().laidOut(p.graph())))) editor.canvas().fitLater();
    }

    private void fillRecent() {
        openRecent.getItems().clear();
        for (Path p : project.recent().list()) {
            openRecent.getItems().add(item(p.getFileName() + "  —  " + p.getParent(), null, () -> {
                if (project.open(p)) editor.canvas().fitLater();
            }));
        }
        openRecent.setDisable(openRecent.getItems().isEmpty());
        if (welcome != null && welcome.getContent() instanceof WelcomePage w) w.refreshRecent();
    }

    private ToolBar toolbar() {
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
                button("−", "Zoom out (Ctrl+−)", canvas::zoomOut),
                button("+", "Zoom in (Ctrl+=)", canvas::zoomIn),
                button("Fit", "Fit the graph to the view (Ctrl+0)", canvas::fit),
                button("Auto-layout", "Arrange layers left to right (Ctrl+L)", canvas::autoLayout));
        bar.setId("tool-bar");
        return bar;
    }

    private void refresh() {
        status.graphChanged(editor.editor().analysis(), document.graph().size() == 0);
        undo.setText(document.canUndo() ? "Undo " + document.undoLabel() : "Undo");
        redo.setText(document.canRedo() ? "Redo " + document.redoLabel() : "Redo");
        undo.setDisable(!document.canUndo());
        redo.setDisable(!document.canRedo());
    }

    void say(String text) {
        status.say(text);
    }

    /** Shows in the status bar whether the training engine is ready (it starts in the background). */
    void setEngine(String text) {
        status.setEngine(text);
    }

    /** The whole graph at twice the screen resolution (tests). */
    void writeImage(Path p) throws IOException {
        exports.writeImage(p);
    }

    // ---- helpers ----

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
