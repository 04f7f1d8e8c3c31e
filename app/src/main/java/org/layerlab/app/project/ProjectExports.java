package org.layerlab.app.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;
import javax.imageio.ImageIO;
import org.deeplearning4j.util.ModelSerializer;
import org.layerlab.app.Dialogs;
import org.layerlab.app.cli.Cli;
import org.layerlab.app.cli.TrainCommand;
import org.layerlab.app.train.RunEntry;
import org.layerlab.canvas.EditorPane;
import org.layerlab.graph.shape.Summary;

/**
 * File ▸ Export: what the command line writes, from the window — the graph as a PNG and as a text
 * summary, Java code that builds it with DL4J, and the current run's trained model (a plain DL4J zip)
 * and metrics (the same CSV as {@code layerlab train --metrics}). A refusal says what to do. FX thread.
 */
public final class ProjectExports {
    private final ProjectController project;
    private final EditorPane editor;
    private final Dialogs dialogs;
    private final Consumer<String> say;
    private final Supplier<RunEntry> currentRun;

    public ProjectExports(ProjectController project, EditorPane editor, Dialogs dialogs, Consumer<String> say, Supplier<RunEntry> currentRun) {
        this.project = project;
        this.editor = editor;
        this.dialogs = dialogs;
        this.say = say;
        this.currentRun = currentRun;
    }

    public void image() {
        write(".png", "PNG image", this::writeImage);
    }

    public void summary() {
        write(".txt", "Text", p -> Files.writeString(p, Summary.of(editor.editor().graph()), StandardCharsets.UTF_8));
    }

    public void java() {
        String className = Cli.ExportJavaCommand.classNameFor(Path.of(stem() + ProjectController.EXTENSION));
        String source;
        try {
            source = org.layerlab.trainer.export.JavaExport.source(editor.editor().graph(), project.training(), className);
        } catch (org.layerlab.trainer.compile.CompileException e) {
            say.accept("Cannot export Java: " + e.getMessage().replace("\n", " "));
            return;
        }
        Path p = dialogs.chooseSave(null, className + ".java", "Java source", ".java");
        if (p != null) save(p, q -> Files.writeString(q, source, StandardCharsets.UTF_8));
    }

    public void model() {
        RunEntry e = currentRun.get();
        if (e == null || !e.run.hasNetwork()) {
            say.accept(e == null ? "Train a run first: the model export saves the current run's network."
                    : "The current run has released its network (only the newest finished runs keep one); train or fork a run.");
            return;
        }
        write(".zip", "DL4J model", p -> ModelSerializer.writeModel(e.run.network(), p.toFile(), true));
    }

    public void metrics() {
        RunEntry e = currentRun.get();
        if (e == null) {
            say.accept("Train a run first: the metrics export writes the current run's loss and learning rate per iteration.");
            return;
        }
        write(".csv", "CSV", p -> TrainCommand.writeMetrics(e.run.history(), p));
    }

    /** The whole graph at twice the screen resolution, whatever part of it is in view. */
    public void writeImage(Path p) throws IOException {
        var canvas = editor.canvas();
        var saved = canvas.viewState();
        canvas.fit();
        SnapshotParameters sp = new SnapshotParameters();
        sp.setTransform(Transform.scale(2, 2));
        WritableImage img = canvas.snapshot(sp, null);
        canvas.setViewState(saved);
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", p.toFile());
    }

    private interface Writer {
        void write(Path p) throws IOException;
    }

    private void write(String extension, String description, Writer w) {
        Path p = dialogs.chooseSave(null, stem() + extension, description, extension);
        if (p != null) save(p, w);
    }

    private void save(Path p, Writer w) {
        try {
            w.write(p);
            say.accept("Exported " + p.getFileName());
        } catch (IOException e) {
            dialogs.showError("Cannot export " + p.getFileName(), p + ": " + e.getMessage()
                    + "\n\nNothing else changed; choose another folder.");
        }
    }

    private String stem() {
        String n = project.displayName();
        return n.endsWith(ProjectController.EXTENSION) ? n.substring(0, n.length() - ProjectController.EXTENSION.length()) : n;
    }
}
