package org.layerlab.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Parent;
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
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.samples.Sample;

/**
 * The main window's content: menus and toolbar ({@link MainMenus}), the workspaces as tabs (Design
 * with the editor; Data, Train and Learn built when first opened) and the status bar.
 */
public final class MainWindow {
    private final BorderPane root = new BorderPane();
    private final GraphDocument document = new GraphDocument();
    private final EditorPane editor = new EditorPane(document);
    private final ProjectController project;
    private final Dialogs dialogs;
    private final StatusBar status;
    private Runnable exit = () -> {};
    private final javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane();
    // the workspaces behind the Data, Train and Learn tabs are built when first wanted, not before the first window
    private final Lazy<TrainingWorkspace> training;
    private final Lazy<DataWorkspace> data;
    private final Lazy<LearnWorkspace> learn;
    private final ProjectExports exports;
    private final RecoveryController recovery;
    private final MainMenus menus;
    private final javafx.scene.control.Tab welcome;
    private final javafx.scene.control.Tab design;

    /** The window with the Design tab selected. */
    public MainWindow(Dialogs dialogs, RecentFiles recent) {
        this(dialogs, recent, false);
    }

    /**
     * @param welcomeFirst select the Welcome tab (a plain start): the editor joins the scene when the
     *                     Design tab is first selected, so the first window's CSS and layout pass skips it
     */
    MainWindow(Dialogs dialogs, RecentFiles recent, boolean welcomeFirst) {
        this.dialogs = dialogs;
        this.project = new ProjectController(document, dialogs, recent);
        project.bindView(() -> editor.canvas().viewState(), v -> editor.canvas().setViewState(v));
        project.onRecentChanged(this::fillRecent);
        exports = new ProjectExports(project, editor, dialogs, this::say, () -> {
            TrainingWorkspace t = trainingIfOpened();
            return t == null ? null : t.session().current();
        });
        var models = new org.layerlab.app.project.ModelOpener(project, dialogs, this::say);
        root.getStyleClass().add("main-window");
        menus = new MainMenus(this, editor, document, project, exports, models, root);
        root.setTop(new VBox(menus.menuBar(), menus.toolbar()));
        data = new Lazy<>(() -> new DataWorkspace(project, document::graph, dialogs, new InputsFromData(document, this::say)::apply));
        training = new Lazy<>(() -> {
            TrainingWorkspace t = new TrainingWorkspace(project, document::graph, dialogs, name -> data().choose(name),
                    b -> editor.canvas().setBadges(b));
            // a run is where a crash is most likely: autosave when one starts
            t.session().runs().addListener((javafx.collections.ListChangeListener<RunEntry>) c -> recovery().autosaveNow());
            return t;
        });
        design = shownWhenSelected("Design", this::designContent);
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
        tabs.getSelectionModel().select(welcomeFirst ? welcome : design);
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
     * CSS and layout pass (part of the time to the first window) skips workspaces nobody has opened yet
     * (the Design tab's editor too, on a plain start, which shows the Welcome tab).
     */
    private static javafx.scene.control.Tab shownWhenSelected(String title, java.util.function.Supplier<? extends javafx.scene.Node> content) {
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab(title);
        tab.selectedProperty().addListener((o, was, is) -> {
            if (is && tab.getContent() == null) tab.setContent(content.get());
        });
        return tab;
    }

    private javafx.scene.Node designContent() {
        return new javafx.scene.layout.StackPane(editor, HowToCard.over(document));
    }

    /**
     * Puts the editor into the scene and lays it out now if the Design tab was never shown (a plain
     * start), so what depends on the canvas's size (a sample's layout, fit, zoom) sees the size it will be shown at.
     */
    void placeEditor() {
        if (editor.canvas().getWidth() > 0 || root.getScene() == null) return;
        if (design.getContent() == null) design.setContent(designContent());
        root.applyCss();
        root.layout();
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
    void openLesson() {
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

    /** What File ▸ Exit does. */
    void requestExit() {
        exit.run();
    }

    /** A starter project with its data set and settings, so Train works straight away; unsaved until saved. */
    public void openSample(Sample sample) {
        var p = sample.project();
        placeEditor();
        if (project.newProject(p.withGraph(editor.canvas().laidOut(p.graph())))) editor.canvas().fitLater();
    }

    private void fillRecent() {
        menus.fillRecent();
        if (welcome != null && welcome.getContent() instanceof WelcomePage w) w.refreshRecent();
    }

    private void refresh() {
        status.graphChanged(editor.editor().analysis(), document.graph().size() == 0);
        menus.refreshUndo();
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
}
