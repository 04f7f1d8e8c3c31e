package org.layerlab.app.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.deeplearning4j.util.ModelSerializer;
import org.layerlab.app.project.ProjectData;
import org.layerlab.app.train.RateMeter;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.metrics.MetricHistory;
import org.layerlab.trainer.metrics.MetricSample;
import org.layerlab.trainer.run.Evaluation;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code layerlab train PROJECT} — trains headless with a progress bar and prints final metrics. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a project headless and print its final metrics.")
public final class TrainCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT.layerlab")
    Path project;

    @Option(names = "--epochs", description = "override the project's epochs")
    Integer epochs;

    @Option(names = "--metrics", paramLabel = "out.csv", description = "CSV: iteration,epoch,loss,learning_rate")
    Path metrics;

    @Option(names = "--save", paramLabel = "model.zip", description = "save the trained network (DL4J ModelSerializer zip)")
    Path save;

    @Option(names = "--freeze", split = ",", paramLabel = "LAYER", description = "keep these layers (and those before them) unchanged;"
            + " replaces the project's frozen layers (--freeze '' freezes none)")
    java.util.List<String> freeze;

    @Option(names = "--workers", paramLabel = "N", description = "train with N data-parallel workers (DL4J's ParallelWrapper: one GPU each with"
            + " the CUDA build, threads on the CPU)")
    Integer workers;

    @Option(names = "--spark", paramLabel = "MASTER", description = "train on Spark (local[N], spark://HOST:7077, yarn); runs in the cluster module")
    String spark;

    @Option(names = "--json", description = "print the final metrics as one JSON object for scripts")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (spark != null) {
            // ./layerlab hands --spark to the cluster module; this build (the packaged app) does not carry Spark
            throw new Cli.UserError("training on Spark runs in the cluster module, which the desktop app does not carry: run ./layerlab train "
                    + "PROJECT --spark MASTER from a source checkout, or spark-submit cluster/target/layerlab-cluster-spark.jar (see README)");
        }
        Project p = Cli.load(project);
        TrainingSettings s = p.training();
        if (epochs != null) s = withValue(s, "epochs", epochs);
        GraphCompiler.Compiled c = Cli.compile(project, p, s);
        if (workers != null) return WorkersRun.train(this, p, s, c);
        Prepared data;
        TrainingRun run;
        try {
            data = ProjectData.prepare(p.dataset(), project.toAbsolutePath().getParent(), s, c);
            run = new TrainingRun(p.name(), c, s, data.train(), data.validation(), null, 20);
            run.setBatchTransform(data.batchTransform(s.seed()));
            run.setDataWatch(org.layerlab.trainer.data.DataWatch.of(p.dataset(), project.toAbsolutePath().getParent()));
            Path weights = Cli.weightsOf(project, p);
            java.util.List<String> frozenLayers = freeze == null ? p.frozen() : freeze.stream().map(String::trim).filter(f -> !f.isEmpty()).toList();
            new org.layerlab.trainer.model.StartingPoint(weights, frozenLayers).applyTo(run);
            // a project opened from a trained model fine-tunes it
            if (weights != null) err.println("starting from the weights in " + weights);
            if (!frozenLayers.isEmpty()) err.println("frozen: " + String.join(", ", frozenLayers) + " and the layers before them");
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(project.getFileName() + ": " + e.getMessage());
        }
        int perEpoch = (data.train().size() + s.batchSize() - 1) / s.batchSize();
        int total = perEpoch * s.epochs();
        long started = System.nanoTime();
        run.start();
        while (!run.await(200)) progress(err, run, total, s.batchSize(), started);
        progress(err, run, total, s.batchSize(), started);
        err.println();
        if (run.state() == RunState.FAILED) throw new Cli.UserError(run.failure());
        Evaluation test = data.test() == null ? null : run.evaluate(data.test());
        if (metrics != null) writeMetrics(run.history(), metrics);
        if (save != null) ModelSerializer.writeModel(run.network(), save.toFile(), true);
        if (json) {
            var o = JsonOut.object().put("iterations", run.iteration()).put("epochs", run.history().epochs().size());
            var epochs = run.history().epochs();
            if (!epochs.isEmpty()) {
                MetricSample.Epoch last = epochs.get(epochs.size() - 1);
                o.put("trainLoss", last.trainLoss()).put("trainAccuracy", Double.isNaN(last.trainAccuracy()) ? null : last.trainAccuracy());
            }
            if (run.lastValidation() != null) o.set("validation", JsonOut.evaluation(run.lastValidation()));
            if (test != null) o.set("test", JsonOut.evaluation(test));
            if (save != null) o.put("saved", save.toString());
            JsonOut.print(out, o);
            return 0;
        }
        report(out, run.history(), run.lastValidation());
        if (test != null) {
            out.printf(Locale.ROOT, "test: loss %.4f, accuracy %s, %d examples%n", test.loss(), pct(test.accuracy()), test.examples());
        }
        if (save != null) out.println("saved " + save);
        out.flush();
        return 0;
    }

    private static void progress(PrintWriter err, TrainingRun run, int total, int batch, long startedNanos) {
        int done = run.iteration();
        int width = 30;
        int filled = total == 0 ? width : (int) Math.min(width, (long) done * width / total);
        int n = run.history().score().size();
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        // no rate in the first 50 ms (it would be noise), except on the last line: a small run can end sooner
        double perSecond = (seconds > 0.05 || run.state().isOver() && seconds > 0) && done > 0 ? done * (double) batch / seconds : Double.NaN;
        String speed = Double.isNaN(perSecond) ? "" : String.format(Locale.ROOT, ", %,.0f samples/s", perSecond);
        String eta = Double.isNaN(perSecond) || run.state().isOver() ? "" : ", ETA " + RateMeter.duration((total - done) * (double) batch / perSecond);
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d iterations, epoch %d, loss %s%s%s   ", "#".repeat(filled), " ".repeat(width - filled),
                done, total, run.epoch() + 1, n == 0 ? "-" : String.format(Locale.ROOT, "%.4f", run.history().score().get(n - 1)), speed, eta);
        err.flush();
    }

    private static void report(PrintWriter out, MetricHistory h, Evaluation val) {
        java.util.List<MetricSample.Epoch> epochs = h.epochs();
        if (!epochs.isEmpty()) {
            MetricSample.Epoch e = epochs.get(epochs.size() - 1);
            out.printf(Locale.ROOT, "epochs %d, iterations %d, train loss %.4f, train accuracy %s%n", epochs.size(), e.iteration(),
                    e.trainLoss(), pct(e.trainAccuracy()));
        }
        if (val != null) {
            out.printf(Locale.ROOT, "validation: loss %.4f, accuracy %s, %d examples%n", val.loss(), pct(val.accuracy()), val.examples());
        }
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", 100 * v);
    }

    public static void writeMetrics(MetricHistory h, Path file) throws java.io.IOException {
        // iterations and epochs count from 1, as the progress bar shows them
        StringBuilder sb = new StringBuilder("iteration,epoch,loss,learning_rate\n");
        int[] it = h.iterations().toArray();
        int[] ep = h.iterationEpochs();
        float[] loss = h.score().toArray();
        float[] lr = h.learningRate().toArray();
        int n = Math.min(it.length, ep.length);
        for (int i = 0; i < n; i++) {
            sb.append(it[i] + 1).append(',').append(ep[i] + 1).append(',').append(loss[i]).append(',').append(lr[i]).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    private static TrainingSettings withValue(TrainingSettings s, String name, Object v) {
        try {
            return RecordProperties.with(s, name, v);
        } catch (IllegalArgumentException e) {
            throw new Cli.UserError(e.getMessage());
        }
    }
}
