package org.layerlab.app.project;

import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.layerlab.app.Dialogs;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.project.ViewState;
import org.layerlab.trainer.model.ModelFiles;
import org.layerlab.trainer.model.ModelImport;

/**
 * File ▸ Open Model…: a trained DL4J model zip or Keras .h5 file opens as a new, unsaved project — its
 * graph, and its weights named so runs start from them (a Keras file's converted beside it). The zip is read off the FX thread; a file that is not a
 * model LayerLab can show is refused in a dialog naming the layer or entry, and the open project is
 * left as it was. FX thread.
 */
public final class ModelOpener {
    private final ProjectController project;
    private final Dialogs dialogs;
    private final Consumer<String> say;

    public ModelOpener(ProjectController project, Dialogs dialogs, Consumer<String> say) {
        this.project = project;
        this.dialogs = dialogs;
        this.say = say;
    }

    /** Asks for the zip, then opens it; {@code opened} runs once the project is shown. */
    public void open(Runnable opened) {
        Path zip = dialogs.chooseModel(project.baseDir());
        if (zip == null) return;
        say.accept("Reading " + zip.getFileName() + "…");
        Thread t = new Thread(() -> {
            try {
                ModelImport.Imported im;
                Path weights = zip;
                if (org.layerlab.trainer.model.KerasFiles.isKeras(zip)) {
                    // a Keras file is converted once; the project names the DL4J zip written beside it
                    var net = org.layerlab.trainer.model.KerasFiles.read(zip);
                    im = ModelImport.of(net, zip.toString());
                    weights = org.layerlab.trainer.model.KerasFiles.convertedBeside(zip);
                    try {
                        org.deeplearning4j.util.ModelSerializer.writeModel(net, weights.toFile(), false);
                    } catch (java.io.IOException e) {
                        throw new IllegalArgumentException("cannot write the converted model beside it (" + weights
                                + "); copy the .h5 file to a folder you can write in");
                    }
                } else {
                    im = ModelImport.of(ModelFiles.readGraph(zip), zip.toString());
                }
                String name = zip.getFileName().toString().replaceFirst("(?i)\\.(zip|h5|hdf5|keras)$", "");
                Project p = new Project(name, im.graph(), ViewState.initial(), DatasetRef.none(), TrainingSettings.defaults(),
                        weights.toAbsolutePath().normalize().toString(), im.frozen());
                Platform.runLater(() -> {
                    if (!project.newProject(p)) {
                        say.accept("");
                        return;
                    }
                    project.markUnsaved();
                    say.accept("Opened the model " + zip.getFileName() + " (" + im.graph().nodes().size() + " layers); runs start from its weights. "
                            + "Choose its data set on the Data tab." + (im.frozen().isEmpty() ? "" : " Frozen as saved: " + String.join(", ", im.frozen()) + ".")
                            + (im.notes().isEmpty() ? "" : " Note: " + String.join("; ", im.notes()) + "."));
                    opened.run();
                });
            } catch (IllegalArgumentException | LinkageError e) {
                String why = e.getMessage() == null ? e.toString() : e.getMessage();
                Platform.runLater(() -> {
                    say.accept("");
                    dialogs.showError("Cannot open " + zip.getFileName(), why);
                });
            }
        }, "layerlab-open-model");
        t.setDaemon(true);
        t.start();
    }
}
