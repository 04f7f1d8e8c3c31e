package org.layerlab.trainer.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.trainer.backend.FastLayers;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One fast path on and off in one process: two networks from the same initial parameters, the second
 * built, installed and trained with {@code -Dlayerlab.<switch>.off=true} set, in alternating rounds
 * (on–off, off–on, …) of DL4J's {@code fit} over the model's batches. It prints per model the median
 * time a batch each way and the median and quartiles of each round's off/on ratio (above 1: the fast
 * path is faster). Rounds of neighbours in time, as in {@link Benchmark}, since this machine's speed
 * swings between seconds. A benchmark, not a test.
 */
public final class SwitchComparison {
    /** The switches read when a network is built, installed or trained (oneDNN's is read once per process). */
    public static final List<String> SWITCHES = List.of("keptForward", "fastBatchNorm", "fastActivation", "firstConv", "fastDense", "fastLstm",
            "gruKernel", "fastAdam", "channelSplit", "sideWork", "smallProducts", "fastPooling", "batchNormFloat", "batchParts",
            "splitProducts");

    private SwitchComparison() {}

    public static void run(PrintStream out, String name, int rounds, Set<String> only) throws Exception {
        if (!SWITCHES.contains(name)) {
            throw new Benchmark.InvalidMeasurement("there is no switch called " + name + "; the switches are " + SWITCHES);
        }
        if (rounds < 1) throw new Benchmark.InvalidMeasurement("rounds must be at least 1, not " + rounds);
        List<BenchModels.Model> models = BenchModels.all().stream().filter(m -> only.isEmpty() || only.contains(m.peer())).toList();
        if (models.isEmpty()) throw new Benchmark.InvalidMeasurement("no model is called " + only);
        String property = "layerlab." + name + ".off";
        if (Boolean.getBoolean(property)) throw new Benchmark.InvalidMeasurement(property + " is set for the whole process: nothing to compare");
        out.printf(Locale.ROOT, "%s on and off (-D%s=true) in one process, %d rounds; DL4J fit with LayerLab's fast paths%n", name, property, rounds);
        out.printf(Locale.ROOT, "%-48s %12s %12s %8s %13s%n", "model", "on ms/batch", "off ms/batch", "off/on", "quartiles");
        for (BenchModels.Model m : models) {
            GraphCompiler.Compiled c = GraphCompiler.compile(m.graph(), Benchmark.settings(m.batch()));
            List<DataSet> batches = BenchModels.randomData(c, m.batch() * m.batches()).batches(m.batch());
            ComputationGraph on = new ComputationGraph(c.conf());
            on.init();
            FastLayers.install(on);
            ComputationGraph off = without(property, () -> {
                ComputationGraph n = new ComputationGraph(c.conf());
                n.init(on.params().dup(), false);
                FastLayers.install(n);
                return n;
            });
            fit(on, batches);
            without(property, () -> fit(off, batches)); // warm-up, both ways
            double[] tOn = new double[rounds], tOff = new double[rounds], ratio = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    tOn[r] = fit(on, batches);
                    tOff[r] = without(property, () -> fit(off, batches));
                } else {
                    tOff[r] = without(property, () -> fit(off, batches));
                    tOn[r] = fit(on, batches);
                }
                ratio[r] = tOff[r] / tOn[r];
            }
            out.printf(Locale.ROOT, "%-48s %12.1f %12.1f %8.3f %13s%n", m.name(), Benchmark.median(tOn), Benchmark.median(tOff),
                    Benchmark.median(ratio), String.format(Locale.ROOT, "%.3f–%.3f", Benchmark.quantile(ratio, 0.25), Benchmark.quantile(ratio, 0.75)));
        }
    }

    /** Milliseconds a batch of {@code fit} over the batches. */
    private static double fit(ComputationGraph net, List<DataSet> batches) {
        long t0 = System.nanoTime();
        for (DataSet b : batches) {
            FastLayers.beforeFit(net);
            net.fit(b);
        }
        return (System.nanoTime() - t0) / 1e6 / batches.size();
    }

    /** Runs {@code body} with the switch set (the fast path off), then clears it. */
    private static <T> T without(String property, Callable<T> body) throws Exception {
        System.setProperty(property, "true");
        try {
            return body.call();
        } finally {
            System.clearProperty(property);
        }
    }
}
