package org.layerlab.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.app.project.ProjectData;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Csv;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.model.ModelFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code layerlab predict PROJECT --model model.zip --input rows.csv}: what a trained model answers
 * for new rows. Each row holds the Input's features in order (a header line is optional); they are
 * normalized as the project's training data was. Prints CSV: for a classifier the predicted class
 * and one probability per class, otherwise the output values.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Predict with a saved model for the rows of a CSV file.")
final class PredictCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT.layerlab")
    Path project;

    @Option(names = "--model", paramLabel = "model.zip", description = "a DL4J model zip (layerlab train --save); default: the weights the project names")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "rows.csv", description = "one example per row: the Input's features in order")
    Path input;

    @Option(names = "--output", paramLabel = "out.csv", description = "write the predictions here instead of printing them")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Project p = Cli.load(project);
        if (model == null) model = Cli.weightsOf(project, p);
        if (model == null) throw new Cli.UserError(project.getFileName() + " names no trained weights; give the model with --model model.zip");
        GraphCompiler.Compiled c = Cli.compile(project, p, p.training());
        if (c.inputs().size() != 1 || c.outputs().size() != 1) {
            throw new Cli.UserError(project.getFileName() + ": predict takes projects with one Input and one Output (this one has "
                    + c.inputs().size() + " and " + c.outputs().size() + ")");
        }
        TensorShape in = c.analysis().shapeOf(c.inputs().get(0));
        int features = (int) in.size();
        ComputationGraph net;
        try {
            net = ModelFiles.readGraph(model);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(e.getMessage());
        }
        float[][] rows = readRows(input, features, c.inputs().get(0));
        Prepared data;
        try {
            data = ProjectData.prepare(p.dataset(), project.toAbsolutePath().getParent(), p.training(), c);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(project.getFileName() + ": " + e.getMessage());
        }
        // the rows become examples shaped like the training data's, normalized as it was
        long[] shape = data.train().features().shape().clone();
        shape[0] = rows.length;
        float[] flat = new float[rows.length * features];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * features, features);
        INDArray x = Nd4j.create(flat, shape, 'c');
        Dataset examples = data.normalizer().apply(new Dataset(x, Nd4j.zeros(rows.length, 1)));
        INDArray out;
        try {
            out = net.outputSingle(false, examples.features());
        } catch (RuntimeException e) {
            throw new Cli.UserError(model.getFileName() + " does not fit " + project.getFileName() + " (its Input takes a different shape); "
                    + "was it trained on this project?");
        }
        List<String> classes = data.info().classNames();
        StringBuilder b = new StringBuilder();
        boolean classifier = !classes.isEmpty() && out.rank() == 2 && out.size(1) == classes.size();
        if (classifier) {
            b.append("predicted");
            for (String k : classes) b.append(',').append(csv("p(" + k + ")"));
        } else {
            for (int j = 0; j < out.size(1); j++) b.append(j == 0 ? "" : ",").append("output").append(j + 1);
        }
        b.append('\n');
        for (int i = 0; i < rows.length; i++) {
            if (classifier) {
                int best = 0;
                for (int k = 1; k < classes.size(); k++) if (out.getDouble(i, k) > out.getDouble(i, best)) best = k;
                b.append(csv(classes.get(best)));
                for (int k = 0; k < classes.size(); k++) b.append(String.format(Locale.ROOT, ",%.6f", out.getDouble(i, k)));
            } else {
                for (int j = 0; j < out.size(1); j++) b.append(j == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6g", out.getDouble(i, j)));
            }
            b.append('\n');
        }
        if (output != null) {
            Files.writeString(output, b, StandardCharsets.UTF_8);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %,d predictions to %s%n", rows.length, output);
        } else {
            spec.commandLine().getOut().print(b);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The rows as numbers, each with exactly {@code features} of them; a header line is skipped. */
    static float[][] readRows(Path file, int features, String inputId) {
        if (!Files.isRegularFile(file)) throw new Cli.UserError(file + ": there is no such file");
        Csv csv;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            csv = Csv.read(r, file.toString(), Csv.Header.AUTO);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new Cli.UserError(file + ": is not UTF-8 text; save it as UTF-8 CSV");
        } catch (IOException e) {
            throw new Cli.UserError(file + ": cannot be read; check that the file is readable");
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(e.getMessage());
        }
        float[][] out = new float[csv.rows().size()][features];
        for (int i = 0; i < out.length; i++) {
            String[] row = csv.rows().get(i);
            if (row.length != features) {
                throw new Cli.UserError(file + ", line " + csv.lineOf(i) + ": has " + row.length + " values but the Input '" + inputId
                        + "' takes " + features + " features per example");
            }
            for (int j = 0; j < features; j++) {
                try {
                    out[i][j] = Float.parseFloat(row[j].trim());
                    if (!Float.isFinite(out[i][j])) throw new NumberFormatException();
                } catch (NumberFormatException e) {
                    throw new Cli.UserError(file + ", line " + csv.lineOf(i) + ": value " + (j + 1) + " is '" + shorten(row[j])
                            + "', not a finite number");
                }
            }
        }
        return out;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "…" : s;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
