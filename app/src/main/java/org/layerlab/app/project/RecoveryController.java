package org.layerlab.app.project;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;
import org.layerlab.app.Dialogs;

/**
 * Never lose a student's work: the open project is autosaved every 30 s while it has unsaved
 * changes (and when a run starts); a save, another project or a clean close removes the autosave;
 * at start, autosaves that crashed or killed windows left are offered back. FX thread.
 */
public final class RecoveryController {
    private final ProjectController project;
    private final Dialogs dialogs;
    private final Consumer<String> say;
    private final Autosave autosave;
    private final Timeline timer = new Timeline(new KeyFrame(Duration.seconds(30), e -> autosaveNow()));

    public RecoveryController(ProjectController project, Dialogs dialogs, Consumer<String> say, Autosave autosave) {
        this.project = project;
        this.dialogs = dialogs;
        this.say = say;
        this.autosave = autosave;
        project.onSaved(autosave::clear);
        project.onProjectReplaced(autosave::clear);
        timer.setCycleCount(Animation.INDEFINITE);
        timer.play();
    }

    Autosave autosave() {
        return autosave;
    }

    /** Writes the autosave if the project has unsaved changes (else removes a stale one). */
    public void autosaveNow() {
        if (project.isDirty()) autosave.write(project.project(), project.file());
        else autosave.clear();
    }

    /** The window closes cleanly: no autosave is left to recover. */
    public void closeCleanly() {
        timer.stop();
        autosave.close();
    }

    /**
     * At start: offers back, newest first, the projects that windows which crashed or were killed had
     * unsaved — with their time and what differs from the saved file. Restored opens unsaved.
     */
    public void offerRecovery() {
        List<Autosave.Orphan> orphans = autosave.orphans();
        for (int i = 0; i < orphans.size(); i++) {
            Autosave.Orphan o = orphans.get(i);
            org.layerlab.graph.project.Project onDisk = null;
            if (o.original() != null) {
                try {
                    onDisk = org.layerlab.graph.project.ProjectFiles.read(o.original());
                } catch (org.layerlab.graph.project.ProjectFormatException e) {
                    onDisk = null; // gone or unreadable: the autosave is all there is
                }
            }
            String name = o.original() == null ? "\"" + o.project().name() + "\" (never saved)" : o.original().getFileName().toString();
            String when = java.time.format.DateTimeFormatter.ofPattern("d MMM HH:mm:ss", Locale.ROOT)
                    .format(o.time().atZone(java.time.ZoneId.systemDefault()));
            String text = "LayerLab closed without saving " + name + ". Autosaved at " + when + ": "
                    + (o.original() != null && onDisk == null ? "the saved file is missing" : ProjectDiff.describe(onDisk, o.project())) + ".\n\n"
                    + "Restore opens it unsaved" + (o.original() == null ? "" : "; Save writes it to " + o.original()) + ". "
                    + "Discard deletes the autosave; Not now asks again at the next start.";
            switch (dialogs.askRecovery("Restore " + name + "?", text)) {
                case RESTORE -> {
                    project.restore(o.project(), o.original());
                    autosave.discard(o);
                    autosaveNow(); // held again at once, in case this session dies too
                    if (i + 1 < orphans.size()) say.accept((orphans.size() - i - 1) + " more autosaved project(s) are offered at the next start.");
                    return;
                }
                case DISCARD -> autosave.discard(o);
                case LATER -> { }
            }
        }
    }
}
