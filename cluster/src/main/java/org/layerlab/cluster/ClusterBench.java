package org.layerlab.cluster;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.samples.BundledData;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code layerlab bench-cluster PROJECT}: training throughput of one epoch on the desktop trainer,
 * Spark {@code local[1]} and Spark {@code local[2]}, in paired rounds in one process, with medians and
 * ratios. Each Spark run's first epoch warms it up; its second is timed (training only, no driver-side
 * evaluation). What a two-core machine can show is the overhead of Spark, not a cluster's scaling.
 */
@Command(name = "bench-cluster", mixinStandardHelpOptions = true, description = "Samples/s of the desktop trainer vs Spark local[1] and local[2].")
final class ClusterBench implements Callable<Integer> {
    @Parameters(paramLabel = "PROJECT.layerlab")
    Path project;

    @Option(names = "--rounds", defaultValue = "3", description = "paired rounds (default 3)")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Project p = ProjectFiles.read(project);
        Path dir = project.toAbsolutePath().getParent();
        TrainingSettings one = RecordProperties.with(p.training(), "epochs", 1);
        GraphCompiler.Compiled c = GraphCompiler.compile(p.graph(), one);
        Prepared data = Prepared.of(Datasets.load(p.dataset(), BundledData::open, dir), one, p.dataset()).fitTo(p.dataset().name(), c);
        int examples = data.train().size();
        out.printf(Locale.ROOT, "%s: %,d training examples per epoch, batch %d, %s; %d cores, %d rounds%n", p.name(), examples,
                one.batchSize(), one.optimizer(), Runtime.getRuntime().availableProcessors(), rounds);
        desktopEpoch(c, one, data); // warm-up
        String[] names = {"desktop trainer", "Spark local[1]", "Spark local[2]"};
        List<double[]> rates = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double[] round = {examples / desktopEpoch(c, one, data), examples / sparkEpoch(p, dir, "local[1]"), examples / sparkEpoch(p, dir, "local[2]")};
            rates.add(round);
            out.printf(Locale.ROOT, "round %d: %s%n", r + 1, format(names, round));
            out.flush();
        }
        double[] median = new double[names.length];
        for (int k = 0; k < names.length; k++) {
            final int col = k;
            median[k] = median(rates.stream().mapToDouble(x -> x[col]).toArray());
        }
        out.printf(Locale.ROOT, "median samples/s: %s%n", format(names, median));
        out.printf(Locale.ROOT, "median ratios of paired rounds: local[2]/local[1] %.2f, local[2]/desktop %.2f, local[1]/desktop %.2f%n",
                median(rates.stream().mapToDouble(x -> x[2] / x[1]).toArray()), median(rates.stream().mapToDouble(x -> x[2] / x[0]).toArray()),
                median(rates.stream().mapToDouble(x -> x[1] / x[0]).toArray()));
        out.flush();
        return 0;
    }

    private static String format(String[] names, double[] v) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < names.length; k++) b.append(k == 0 ? "" : ", ").append(names[k]).append(String.format(Locale.ROOT, " %,.0f", v[k]));
        return b.toString();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Seconds for one epoch of LayerLab's own trainer on the same prepared data. */
    private static double desktopEpoch(GraphCompiler.Compiled c, TrainingSettings s, Prepared data) throws Exception {
        TrainingRun run = new TrainingRun("bench", c, s, data.train(), null, null, 20); // as layerlab train runs it
        long t0 = System.nanoTime();
        run.start();
        run.await(600_000);
        if (run.state() != RunState.FINISHED) throw new IllegalArgumentException("the desktop run did not finish: " + run.failure());
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Seconds of the second epoch on Spark (the first warms the workers up). */
    private static double sparkEpoch(Project p, Path dir, String master) {
        var r = SparkTraining.train(p, dir, new SparkTraining.Options(master, 2, 5, 0, false, 0, null), e -> { });
        return r.epochs().get(1).seconds();
    }
}
