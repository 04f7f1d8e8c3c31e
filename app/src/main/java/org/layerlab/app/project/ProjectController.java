package org.layerlab.app.project;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.layerlab.app.Dialogs;
import org.layerlab.app.RecentFiles;
import org.layerlab.graph.Graph;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.ProjectFormatException;
import org.layerlab.graph.project.ViewState;

/**
 * New, open, save and save-as of the project shown in the window. The document holds the graph;
 * this class keeps the rest of the project (dataset, training settings) so saving never drops it,
 * asks before unsaved work is discarded, and leaves the current document untouched when a file
 * fails to load. FX thread only.
 */
public final class ProjectController {
    public static final String EXTENSION = ".layerlab";

    private final GraphDocument document;
    private final Dialogs dialogs;
    private final RecentFiles recent;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper();
    private Supplier<ViewState> viewState = ViewState::initial;
    private Consumer<ViewState> applyView = v -> {};
    private Runnable recentChanged = () -> {};
    private final java.util.List<Runnable> replaced = new java.util.ArrayList<>();
    private final java.util.List<Runnable> saved = new java.util.ArrayList<>();
    private final java.util.List<java.util.function.Predicate<Boolean>> replaceGuards = new java.util.ArrayList<>();
    private Project project;
    private Path file;
    private boolean settingsChanged;

    public ProjectController(GraphDocument document, Dialogs dialogs, RecentFiles recent) {
        this.document = document;
        this.dialogs = dialogs;
        this.recent = recent;
        this.project = Project.of("Untitled", document.graph());
        document.addListener((a, b) -> updateTitle());
        updateTitle();
    }

    /** How the controller reads and restores the canvas view (zoom and pan) saved in the project. */
    public void bindView(Supplier<ViewState> read, Consumer<ViewState> apply) {
        this.viewState = read;
        this.applyView = apply;
    }

    public void onRecentChanged(Runnable r) {
        this.recentChanged = r;
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public Path file() {
        return file;
    }

    /** The folder relative data paths are resolved against: the project's, or the working directory. */
    public Path baseDir() {
        return file == null ? Path.of("").toAbsolutePath() : file.toAbsolutePath().getParent();
    }

    public Project project() {
        return new Project(project.name(), document.graph(), viewState.get(), project.dataset(), project.training(), project.weights(), frozen());
    }

    /** The layers runs keep unchanged, of those still in the graph (a deleted layer is no longer frozen). */
    public java.util.List<String> frozen() {
        return project.frozen().stream().filter(document.graph()::contains).toList();
    }

    /** Frozen layers are part of the project: they are saved with it. */
    public void setFrozen(java.util.List<String> layers) {
        if (layers.equals(frozen())) return;
        project = project.withFrozen(layers);
        settingsChanged = true;
        updateTitle();
    }

    /** Where runs start: the project's trained weights, if any, and its frozen layers. */
    public org.layerlab.trainer.model.StartingPoint startingPoint() {
        return new org.layerlab.trainer.model.StartingPoint(weights(), frozen());
    }

    /** The trained model whose weights runs start from (the project names it), or null. */
    public Path weights() {
        String w = project.weights();
        if (w == null) return null;
        Path p = Path.of(w);
        return p.isAbsolute() ? p : baseDir().resolve(p).normalize();
    }

    /** The weights as a saved file at {@code target} names them: beside it by name, else by the whole path. */
    private String weightsFor(Path target) {
        Path w = weights();
        if (w == null) return null;
        Path dir = target.toAbsolutePath().getParent();
        return w.toAbsolutePath().getParent().equals(dir) ? w.getFileName().toString() : w.toAbsolutePath().toString();
    }

    /** Told after the project was written to its file. */
    public void onSaved(Runnable r) {
        saved.add(r);
    }

    /** The project is new work not on disk yet (opened from a model): a Save asks where it goes. */
    void markUnsaved() {
        settingsChanged = true;
        updateTitle();
    }

    /**
     * Opens a recovered autosave: the project as it was, belonging to {@code file} (null if it was
     * never saved) and unsaved, so a Save writes it where it belongs. Asks nothing: called at start.
     */
    void restore(Project p, Path file) {
        project = p;
        this.file = file;
        settingsChanged = true; // unsaved until the user saves it
        document.reset(p.graph());
        applyView.accept(p.view());
        updateTitle();
        replaced.forEach(Runnable::run);
    }

    /** Told when a different project is loaded or created (the training panel re-reads its settings). */
    public void onProjectReplaced(Runnable r) {
        replaced.add(r);
    }

    /**
     * Asked before another project replaces this one, after unsaved changes were dealt with (the
     * training panel asks before its runs are dropped); given true when the window is closing, false
     * when another project opens. Returning false keeps the current project.
     */
    public void guardReplace(java.util.function.Predicate<Boolean> mayReplace) {
        replaceGuards.add(mayReplace);
    }

    public org.layerlab.graph.project.TrainingSettings training() {
        return project.training();
    }

    public org.layerlab.graph.project.DatasetRef dataset() {
        return project.dataset();
    }

    /** Training settings and dataset are part of the project: they are saved with it. */
    public void setTraining(org.layerlab.graph.project.TrainingSettings t) {
        if (t.equals(project.training())) return;
        project = project.withTraining(t);
        settingsChanged = true;
        updateTitle();
    }

    public void setDataset(org.layerlab.graph.project.DatasetRef d) {
        if (d.equals(project.dataset())) return;
        project = project.withDataset(d);
        settingsChanged = true;
        updateTitle();
    }

    /** Unsaved graph edits or unsaved dataset / training settings. */
    public boolean isDirty() {
        return document.isDirty() || settingsChanged;
    }

    public RecentFiles recent() {
        return recent;
    }

    /** Replaces the document with {@code g} (empty or an example) after asking about unsaved work. */
    public boolean newProject(String name, Graph g) {
        return newProject(Project.of(name, g));
    }

    /** As above with a whole project (an example with its dataset and settings). */
    public boolean newProject(Project p) {
        if (!confirmDiscard()) return false;
        project = p;
        file = null;
        settingsChanged = false;
        document.reset(p.graph());
        updateTitle();
        replaced.forEach(Runnable::run);
        return true;
    }

    public boolean open() {
        if (!confirmDiscard()) return false;
        Path p = dialogs.chooseOpen(startDir());
        return p != null && load(p);
    }

    /** Opens {@code p} (Open Recent, file association) after asking about unsaved work. */
    public boolean open(Path p) {
        return confirmDiscard() && load(p);
    }

    private boolean load(Path p) {
        Project loaded;
        try {
            loaded = ProjectFiles.read(p);
        } catch (ProjectFormatException e) {
            dialogs.showError("Cannot open " + p.getFileName(), e.getMessage()
                    + "\n\nThe project you had open is unchanged.");
            if (!p.toFile().exists()) {
                recent.remove(p);
                recentChanged.run();
            }
            return false;
        }
        project = loaded;
        file = p;
        settingsChanged = false;
        document.reset(loaded.graph());
        applyView.accept(loaded.view());
        recent.add(p);
        recentChanged.run();
        updateTitle();
        replaced.forEach(Runnable::run);
        return true;
    }

    public boolean save() {
        return file == null ? saveAs() : writeTo(file);
    }

    public boolean saveAs() {
        String suggested = (file != null ? stem(file) : project.name()) + EXTENSION;
        Path p = dialogs.chooseSave(startDir(), suggested, "LayerLab project", EXTENSION);
        return p != null && writeTo(p);
    }

    private boolean writeTo(Path p) {
        String name = stem(p);
        Project toSave = new Project(name, document.graph(), viewState.get(), project.dataset(), project.training(), weightsFor(p));
        try {
            ProjectFiles.write(p, toSave);
        } catch (IOException | java.io.UncheckedIOException | UnsupportedOperationException | SecurityException e) {
            // a read-only file system throws an unchecked exception: it must not escape as a crash either
            dialogs.showError("Cannot save " + p.getFileName(), "Cannot save " + p.getFileName() + ": " + SaveErrors.explain(e, p) + "."
                    + "\n\nNothing was lost: the project is still open and unsaved, and the file on disk is as it was. Choose another folder with Save As.");
            return false;
        }
        project = toSave;
        file = p;
        settingsChanged = false;
        document.markSaved();
        recent.add(p);
        recentChanged.run();
        updateTitle();
        saved.forEach(Runnable::run);
        return true;
    }

    /** True if there is no unsaved work, or the user saved or discarded it. */
    public boolean confirmDiscard() {
        return confirmDiscard(false);
    }

    /** As {@link #confirmDiscard()}; {@code closing} when the window closes rather than another project opening. */
    public boolean confirmDiscard(boolean closing) {
        if (isDirty()) {
            boolean go = switch (dialogs.askUnsaved(displayName())) {
                case SAVE -> save();
                case DISCARD -> true;
                case CANCEL -> false;
            };
            if (!go) return false;
        }
        for (java.util.function.Predicate<Boolean> g : replaceGuards) if (!g.test(closing)) return false;
        return true;
    }

    String displayName() {
        return file != null ? file.getFileName().toString() : project.name();
    }

    private void updateTitle() {
        title.set((isDirty() ? "• " : "") + displayName() + " — LayerLab");
    }

    private Path startDir() {
        if (file != null && file.getParent() != null) return file.getParent();
        return recent.list().isEmpty() ? null : recent.list().get(0).getParent();
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(EXTENSION) ? n.substring(0, n.length() - EXTENSION.length()) : n;
    }
}
