package org.layerlab.trainer.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.backend.NativeHeap;
import org.layerlab.trainer.backend.NativeMemoryWatch;
import org.layerlab.trainer.backend.OneDnnLayers;
import org.layerlab.trainer.backend.OpenBlasCore;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Training throughput in one process run, per model and round: (a) DL4J's {@code fit} as DL4J ships
 * it, (b) a LayerLab {@link TrainingRun} with every metric on, (c) PyTorch in its own process under its
 * own settings ({@link TorchPeer}). The ratios b/a and b/c are taken per round, each from neighbours in
 * time (this machine swings ±20 % between seconds), and their medians and quartiles printed.
 * A measurement that is not one fails: a run that ended early, zero samples, or a peer that did not
 * run (unless the caller asked for no peer). A benchmark, not a test.
 */
public final class Benchmark {
    private Benchmark() {}

    /** A measurement that must not be reported. */
    public static final class InvalidMeasurement extends RuntimeException {
        InvalidMeasurement(String message) {
            super(message);
        }
    }

    /**
     * @param withPeer run PyTorch too; if it cannot run or runs on the reference BLAS, the benchmark
     *                 fails (say {@code false} to measure LayerLab alone)
     * @param only     the models to measure by their short names (mlp, lenet, rescnn, charlstm, gru); empty for all
     */
    public static void run(PrintStream out, int rounds, boolean withPeer, java.util.Set<String> only) throws Exception {
        if (rounds < 1) throw new InvalidMeasurement("rounds must be at least 1, not " + rounds);
        List<BenchModels.Model> models = BenchModels.all().stream().filter(m -> only.isEmpty() || only.contains(m.peer())).toList();
        if (models.isEmpty()) {
            throw new InvalidMeasurement("no model is called " + only + "; the models are "
                    + BenchModels.all().stream().map(BenchModels.Model::peer).toList());
        }
        Backend.Info info = Backend.init();
        out.printf(Locale.ROOT, "LayerLab: %s; oneDNN convolution %s; LSTM kernel %s; OMP_WAIT_POLICY=%s; %s; %s; %s; %d rounds%n", info,
                OneDnnLayers.available() ? "on" : "off",
                Boolean.getBoolean("layerlab.fastLstm.off") ? "off" : "on", System.getenv("OMP_WAIT_POLICY"), OpenBlasCore.why(), NativeHeap.tune(),
                NativeMemoryWatch.state(), rounds);
        TorchPeer peer = null;
        if (withPeer) {
            String why = TorchPeer.unavailable();
            if (why != null) throw new InvalidMeasurement("the PyTorch peer cannot run: " + why
                    + " (apt-get install python3-torch libopenblas0-pthread; or --no-peer to measure LayerLab alone)");
            peer = new TorchPeer();
            out.printf(Locale.ROOT, "PyTorch peer: %s, its own settings %s, OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset%n", TorchPeer.PYTHON,
                    TorchPeer.ENVIRONMENT);
        }
        out.printf(Locale.ROOT, "%-48s %10s %10s %10s %7s %13s %7s %13s%n", "model", "a: DL4J/s", "b: LL/s", "c: torch/s",
                "b/a", "quartiles", "b/c", "quartiles");
        String blasSeen = null;
        for (BenchModels.Model m : models) {
            TrainingSettings s = settings(m.batch());
            GraphCompiler.Compiled c = GraphCompiler.compile(m.graph(), s);
            Dataset data = BenchModels.randomData(c, m.batch() * m.batches());
            List<DataSet> batches = data.batches(m.batch());
            double[] a = new double[rounds], b = new double[rounds], cc = new double[rounds];
            double[] ba = new double[rounds], bc = new double[rounds];
            // one warm-up pass per side, as the peer's script makes one: a shorter one left LayerLab's first
            // rounds of a model to the JIT's last compilations and the heap's growth (the char-LSTM probe's
            // rounds ran ≈ 30 % slower until about its fifth, with 8 k page faults a round against ≈ 100)
            bare(c, batches);
            layerLab(c, s, data);
            for (int r = 0; r < rounds; r++) {
                a[r] = bare(c, batches);
                b[r] = layerLab(c, s, data);
                ba[r] = b[r] / a[r];
                if (peer != null) {
                    TorchPeer.Result t = peer.run(m, 1);
                    if (!t.ran()) throw new InvalidMeasurement("PyTorch did not run " + m.peer() + ":\n" + t.output());
                    if (!t.fairBlas()) throw new InvalidMeasurement("PyTorch runs on the reference BLAS (" + t.blas()
                            + "), 14× slower than its normal builds: no ratio is taken against it. Install libopenblas0-pthread.");
                    if (blasSeen == null) {
                        blasSeen = t.blas();
                        out.printf(Locale.ROOT, "PyTorch: %s; BLAS %s%n", t.settings(), t.blas());
                    }
                    cc[r] = t.samplesPerSecond();
                    bc[r] = b[r] / cc[r];
                }
            }
            out.printf(Locale.ROOT, "%-48s %10.0f %10.0f %10s %7.3f %13s %7s %13s%n", m.name(), median(a), median(b),
                    peer == null ? "-" : String.format(Locale.ROOT, "%.0f", median(cc)), median(ba), quartiles(ba),
                    peer == null ? "-" : String.format(Locale.ROOT, "%.3f", median(bc)), peer == null ? "-" : quartiles(bc));
        }
    }

    static TrainingSettings settings(int batch) {
        TrainingSettings d = TrainingSettings.defaults();
        return new TrainingSettings(1, TrainingSettings.Optimizer.ADAM, 1e-3, d.momentum(), d.beta1(), d.beta2(), d.epsilon(),
                d.rmsDecay(), d.schedule(), d.scheduleGamma(), d.scheduleStep(), 0, 0, d.weightInit(), 0, 0, 0, 0,
                d.clipping(), d.clipThreshold(), batch, 1, 0, 0);
    }

    /** Samples per second of DL4J's plain {@code fit} over the batches, DL4J as it ships (no oneDNN helper). */
    static double bare(GraphCompiler.Compiled c, List<DataSet> batches) {
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        long t0 = System.nanoTime();
        long n = 0;
        for (DataSet b : batches) {
            net.fit(b);
            n += b.numExamples();
        }
        if (n == 0) throw new InvalidMeasurement("DL4J trained no samples");
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Samples per second of a LayerLab run (one epoch, every metric on at its default rate). */
    static double layerLab(GraphCompiler.Compiled c, TrainingSettings s, Dataset data) throws InterruptedException {
        TrainingRun run = new TrainingRun("bench", c, s, data, null, sample -> { }, 20);
        long t0 = System.nanoTime();
        run.start();
        boolean ended = run.await(600_000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        int expected = (data.size() + s.batchSize() - 1) / s.batchSize();
        if (!ended || run.state() != RunState.FINISHED || run.iteration() != expected) {
            run.stop();
            throw new InvalidMeasurement("the LayerLab run ended " + run.state() + " after " + run.iteration() + " of " + expected
                    + " iterations" + (run.failure() == null ? "" : ": " + run.failure()));
        }
        return data.size() / seconds;
    }

    private static String quartiles(double[] v) {
        return String.format(Locale.ROOT, "%.3f–%.3f", quantile(v, 0.25), quantile(v, 0.75));
    }

    /** Linear interpolation between order statistics (the responsiveness benchmark uses it too). */
    public static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(s.length - 1, lo + 1);
        return s[lo] + (pos - lo) * (s[hi] - s[lo]);
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    public static void main(String[] args) throws Exception {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 5, true, java.util.Set.of());
    }
}
