package org.layerlab.app.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.samples.BundledData;
import org.layerlab.trainer.bench.Benchmark;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.LoadedData;
import org.layerlab.trainer.run.EpochBatches;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerlab bench} — training throughput: bare DL4J vs a LayerLab run vs PyTorch; data loading. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure training throughput (DL4J, LayerLab run, the PyTorch peer) and data loading.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "5", description = "alternating rounds; medians are printed")
    int rounds;

    @Option(names = "--data", description = "measure only data loading and batch preparation (MNIST)")
    boolean dataOnly;

    @Option(names = "--no-peer", description = "measure LayerLab without the PyTorch peer (by default a missing or unfair peer is an error)")
    boolean noPeer;

    @Option(names = "--models", split = ",", paramLabel = "NAME",
            description = "only these models: mlp, lenet, rescnn, charlstm, gru (default: all)")
    java.util.Set<String> models = new java.util.TreeSet<>();

    @Option(names = "--compare", paramLabel = "SWITCH",
            description = "instead: one fast path on and off, paired in this process (keptForward, fastBatchNorm, fastActivation, firstConv, fastDense, fastLstm, batchParts, gruKernel, fastAdam, channelSplit, sideWork, smallProducts, fastPooling, batchNormFloat, splitProducts)")
    String compare;

    @Override
    public Integer call() throws Exception {
        if (compare != null) {
            try {
                org.layerlab.trainer.bench.SwitchComparison.run(System.out, compare, rounds, models);
            } catch (Benchmark.InvalidMeasurement e) {
                throw new Cli.UserError("invalid measurement: " + e.getMessage());
            }
            return 0;
        }
        data(System.out, rounds);
        if (!dataOnly) {
            try {
                Benchmark.run(System.out, rounds, !noPeer, models);
            } catch (Benchmark.InvalidMeasurement e) {
                throw new Cli.UserError("invalid measurement: " + e.getMessage());
            }
        }
        return 0;
    }

    /**
     * MNIST from the bundled gzipped IDX files (the first load is cold: class loading, JIT), then
     * the per-epoch batch preparation (seeded shuffle, batches of 64 gathered one by one) that a run
     * does on its batch thread.
     */
    static void data(PrintStream out, int rounds) throws Exception {
        double[] load = new double[rounds + 1];
        LoadedData d = null;
        for (int i = 0; i <= rounds; i++) {
            long t0 = System.nanoTime();
            d = Datasets.load(DatasetRef.of("mnist"), BundledData::open, null);
            load[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] prep = new double[rounds];
        Dataset train = d.train();
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            try (EpochBatches source = new EpochBatches(train, 64, i, "bench-batches")) {
                EpochBatches.Epoch epoch = source.prepare(0);
                if (epoch.count() != 938) throw new IllegalStateException("expected 938 batches, got " + epoch.count());
                for (int b = 0; b < epoch.count(); b++) epoch.next();
            }
            prep[i] = (System.nanoTime() - t0) / 1e6;
        }
        out.printf(Locale.ROOT, "MNIST 60k+10k load: cold %.0f ms, warm median %.0f ms (%d rounds)%n", load[0],
                median(Arrays.copyOfRange(load, 1, load.length)), rounds);
        out.printf(Locale.ROOT, "MNIST epoch batches (seeded shuffle, 938 batches of 64 gathered): median %.0f ms%n", median(prep));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
