package org.layerlab.app;

import java.nio.file.Path;
import org.layerlab.app.project.Autosave;
import org.layerlab.app.project.ProjectController;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Node;
import org.layerlab.graph.command.AddNodeCommand;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.RecordProperties;

/**
 * A LayerLab session in a child JVM for the kill test: saves an MLP project, edits it (a layer
 * added, the learning rate changed), autosaves, says so, and waits to be killed with SIGKILL.
 */
public final class AutosaveChild {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        MainWindowTest.ScriptedDialogs dialogs = new MainWindowTest.ScriptedDialogs();
        GraphDocument document = new GraphDocument();
        ProjectController project = new ProjectController(document, dialogs, new RecentFiles(home.resolve("recent.txt")));
        Autosave autosave = new Autosave(home.resolve("autosave"));
        project.onSaved(autosave::clear);
        project.newProject("mlp", Examples.mlp());
        dialogs.files.add(home.resolve("mlp.layerlab"));
        if (!project.saveAs()) throw new IllegalStateException("could not save");
        document.execute(new AddNodeCommand(new Node("extra", new DenseSpec(7, Activation.TANH, true), 900, 300)));
        project.setTraining(RecordProperties.with(project.training(), "learningRate", 0.5));
        if (!autosave.write(project.project(), project.file())) throw new IllegalStateException("could not autosave");
        System.out.println("AUTOSAVED " + autosave.file());
        System.out.flush();
        Thread.sleep(600_000); // killed long before
    }
}
