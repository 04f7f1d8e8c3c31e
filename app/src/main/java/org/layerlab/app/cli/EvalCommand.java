package org.layerlab.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.app.project.ProjectData;
import org.layerlab.graph.project.Project;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.run.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code layerlab eval PROJECT --model model.zip}: a trained model (as {@code train --save} writes
 * it) evaluated on the project's data — the test split where the data set has one, else the
 * validation split: loss, accuracy and the confusion matrix.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a saved model on the project's test (or validation) data.")
final class EvalCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT.layerlab")
    Path project;

    @Option(names = "--model", paramLabel = "model.zip", description = "a DL4J model zip (layerlab train --save, or plain DL4J); default: the weights the project names")
    Path model;

    @Option(names = "--json", description = "print one JSON object for scripts")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Project p = Cli.load(project);
        if (model == null) model = Cli.weightsOf(project, p);
        if (model == null) throw new Cli.UserError(project.getFileName() + " names no trained weights; give the model with --model model.zip");
        if (!Files.isRegularFile(model)) throw new Cli.UserError(model + ": there is no such model file");
        GraphCompiler.Compiled c = Cli.compile(project, p, p.training());
        ComputationGraph net;
        try {
            // checked before DL4J reads it: a model file is data, and DL4J would deserialize Java objects from a stray entry
            net = org.layerlab.trainer.model.ModelFiles.readGraph(model);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(e.getMessage());
        } catch (LinkageError e) {
            throw new Cli.UserError(model.getFileName() + ": not a model LayerLab can read (a DL4J ComputationGraph zip, as layerlab train --save writes)");
        }
        Prepared data;
        try {
            data = ProjectData.prepare(p.dataset(), project.toAbsolutePath().getParent(), p.training(), c);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(project.getFileName() + ": " + e.getMessage());
        }
        Dataset split = data.test() != null ? data.test() : data.validation();
        String which = data.test() != null ? "test" : "validation";
        if (split == null || split.size() == 0) throw new Cli.UserError(project.getFileName() + ": the data set has no test split and the "
                + "training settings hold out no validation data; set a validation split, or test=0.2 in the data set's options");
        if (net.getNumInputArrays() != c.inputs().size() || net.getNumOutputArrays() != c.outputs().size()) {
            throw new Cli.UserError(model.getFileName() + " has " + net.getNumInputArrays() + " input(s) and " + net.getNumOutputArrays()
                    + " output(s) but " + project.getFileName() + " has " + c.inputs().size() + " and " + c.outputs().size());
        }
        Evaluation e;
        try {
            e = Evaluation.of(net, split, c.outputSpecs().get(0).loss(), p.training().batchSize());
        } catch (RuntimeException ex) {
            throw new Cli.UserError(model.getFileName() + " does not fit " + project.getFileName() + "'s data (" + firstLine(ex.getMessage())
                    + "); was it trained on this project?");
        }
        if (json) {
            JsonOut.print(out, JsonOut.evaluation(e).put("split", which));
            return 0;
        }
        out.printf(Locale.ROOT, "%s split: %,d examples, loss %.4f%s%n", which, e.examples(), e.loss(),
                Double.isNaN(e.accuracy()) ? String.format(Locale.ROOT, ", MSE %.4g, MAE %.4g", e.mse(), e.mae())
                        : String.format(Locale.ROOT, ", accuracy %.2f %%", 100 * e.accuracy()));
        if (e.confusion() != null) {
            out.println("confusion matrix (rows: true class, columns: predicted):");
            for (int[] row : e.confusion()) {
                StringBuilder b = new StringBuilder("  ");
                for (int v : row) b.append(String.format(Locale.ROOT, "%6d", v));
                out.println(b);
            }
        }
        out.flush();
        return 0;
    }

    private static String firstLine(String s) {
        if (s == null) return "shapes differ";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
