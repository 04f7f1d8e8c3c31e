package org.layerlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.app.project.ProjectController;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.project.ViewState;
import org.layerlab.graph.shape.ShapeInference;
import org.layerlab.trainer.model.ModelFiles;
import org.layerlab.trainer.model.ModelImport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code layerlab import model.zip net.layerlab}: a trained DL4J model (saved by LayerLab or by plain
 * DL4J) as a project — its layers and wires, to look at, change and train. The weights stay in the
 * zip, which the project names: runs start from them (fine-tuning), and eval and predict use them.
 */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Open a DL4J model zip or a Keras .h5 file as a LayerLab project.")
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "model.zip|model.h5")
    Path model;

    @Parameters(index = "1", paramLabel = "FILE.layerlab")
    Path file;

    @Option(names = "--force", description = "replace FILE if it exists")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!file.getFileName().toString().endsWith(ProjectController.EXTENSION)) {
            throw new Cli.UserError(file + ": a project file ends in " + ProjectController.EXTENSION);
        }
        if (Files.exists(file) && !force) throw new Cli.UserError(file + " exists; add --force to replace it");
        ModelImport.Imported im;
        Path weightsZip = model;
        try {
            if (org.layerlab.trainer.model.KerasFiles.isKeras(model)) {
                // a Keras file is converted once; the project names the DL4J zip written beside it
                var net = org.layerlab.trainer.model.KerasFiles.read(model);
                im = ModelImport.of(net, model.toString());
                weightsZip = org.layerlab.trainer.model.KerasFiles.convertedBeside(model);
                org.deeplearning4j.util.ModelSerializer.writeModel(net, weightsZip.toFile(), false);
            } else {
                im = ModelImport.of(ModelFiles.readGraph(model), model.toString());
            }
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(e.getMessage());
        }
        String name = file.getFileName().toString().replaceFirst("\\.layerlab$", "");
        // the project names the model as its weights: by name when they sit side by side, else by its whole path
        Path dir = file.toAbsolutePath().getParent(), zip = weightsZip.toAbsolutePath().normalize();
        String weights = zip.getParent().equals(dir) ? zip.getFileName().toString() : zip.toString();
        Project p = new Project(name, im.graph(), ViewState.initial(), DatasetRef.none(), TrainingSettings.defaults(), weights, im.frozen());
        try {
            ProjectFiles.write(file, p);
        } catch (java.io.IOException e) {
            throw new Cli.UserError("cannot write " + file + ": " + e.getMessage());
        }
        var analysis = ShapeInference.analyze(im.graph());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "wrote %s: %d layers, %,d parameters, from %s%n", file, im.graph().nodes().size(), analysis.totalParams(), model);
        for (String note : im.notes()) out.println("  note: " + note);
        if (!im.frozen().isEmpty()) out.println("  frozen as saved: " + String.join(", ", im.frozen()) + " (runs keep their weights)");
        out.printf(Locale.ROOT, "its weights are in %s, which the project names: runs start from them, and eval and predict use them "
                + "(choose the project's data set first)%n", weightsZip);
        out.flush();
        return 0;
    }
}
