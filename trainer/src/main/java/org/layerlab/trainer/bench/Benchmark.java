package org.layerlab.trainer.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.Dl4jArrays;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Training throughput in one process run: (a) bare DL4J {@code fit} on pre-batched data, (b) a
 * LayerLab {@link TrainingRun} with every metric on, (c) PyTorch (Debian's python3-torch, run with
 * /usr/bin/python3) when installed. Rounds alternate a and b; b/a is the median of each round's own
 * ratio (with its quartiles), the throughputs are medians.
 * A benchmark, not a test: these machines are noisy.
 */
public final class Benchmark {
    private Benchmark() {}

    record Model(String name, Graph graph, int batch, int batches) {}

    static List<Model> models() {
        Graph mlp = org.layerlab.graph.Examples.mlp();
        Graph lenet = org.layerlab.graph.Examples.lenet();
        return List.of(new Model("MLP 784-256-128-10, batch 128", mlp, 128, 240),
                new Model("LeNet 20c5-mp-50c5-mp-500-10, batch 64", lenet, 64, 40));
    }

    public static void run(PrintStream out, int rounds) throws Exception {
        Backend.Info info = Backend.init();
        out.printf(Locale.ROOT, "backend: %s; OMP_WAIT_POLICY=%s OPENBLAS_CORETYPE=%s; %d rounds, medians%n", info,
                System.getenv("OMP_WAIT_POLICY"), System.getenv("OPENBLAS_CORETYPE"), rounds);
        out.printf(Locale.ROOT, "%-40s %12s %12s %12s %8s %15s %8s%n", "model", "a: DL4J/s", "b: LayerLab/s", "c: PyTorch/s", "b/a",
                "b/a quartiles", "a/c");
        for (Model m : models()) {
            TrainingSettings s = settings(m.batch());
            GraphCompiler.Compiled c = GraphCompiler.compile(m.graph(), s);
            Dataset data = randomData(c, m.batch() * m.batches());
            List<DataSet> batches = data.batches(m.batch());
            double[] a = new double[rounds];
            double[] b = new double[rounds];
            double[] ratio = new double[rounds];
            bare(c, batches.subList(0, Math.min(10, batches.size()))); // warm-up
            for (int r = 0; r < rounds; r++) {
                a[r] = bare(c, batches);
                b[r] = layerLab(c, s, data);
                ratio[r] = b[r] / a[r]; // neighbours share the machine's mood; their ratio is steadier than either
            }
            double am = median(a);
            double bm = median(b);
            double torch = pytorch(m, rounds);
            out.printf(Locale.ROOT, "%-40s %12.0f %12.0f %12s %8.3f %15s %8s%n", m.name(), am, bm,
                    Double.isNaN(torch) ? "n/a" : String.format(Locale.ROOT, "%.0f", torch), median(ratio),
                    String.format(Locale.ROOT, "%.3f–%.3f", quantile(ratio, 0.25), quantile(ratio, 0.75)),
                    Double.isNaN(torch) ? "n/a" : String.format(Locale.ROOT, "%.3f", am / torch));
        }
    }

    static TrainingSettings settings(int batch) {
        TrainingSettings d = TrainingSettings.defaults();
        return new TrainingSettings(1, TrainingSettings.Optimizer.ADAM, 1e-3, d.momentum(), d.beta1(), d.beta2(), d.epsilon(),
                d.rmsDecay(), d.schedule(), d.scheduleGamma(), d.scheduleStep(), 0, 0, d.weightInit(), 0, 0, 0, 0,
                d.clipping(), d.clipThreshold(), batch, 1, 0, 0);
    }

    static Dataset randomData(GraphCompiler.Compiled c, int n) {
        INDArray x = Nd4j.rand(DataType.FLOAT, Dl4jArrays.batchShape(c.inputShapes().get(0), n));
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) y.putScalar(i, i % 10, 1f);
        return new Dataset(x, y);
    }

    /** Samples per second of plain {@code fit} over the batches. */
    static double bare(GraphCompiler.Compiled c, List<DataSet> batches) {
        ComputationGraph net = new ComputationGraph(c.conf());
        net.init();
        long t0 = System.nanoTime();
        long n = 0;
        for (DataSet b : batches) {
            net.fit(b);
            n += b.numExamples();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Samples per second of a LayerLab run (one epoch, every metric on at its default rate). */
    static double layerLab(GraphCompiler.Compiled c, TrainingSettings s, Dataset data) throws InterruptedException {
        TrainingRun run = new TrainingRun("bench", c, s, data, null, sample -> { }, 20);
        long t0 = System.nanoTime();
        run.start();
        run.await(600_000);
        return data.size() / ((System.nanoTime() - t0) / 1e9);
    }

    /** PyTorch's samples/s for the same model, or NaN when python3-torch is not installed. */
    static double pytorch(Model m, int rounds) {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python)) return Double.NaN;
        try {
            Path script = Files.createTempFile("layerlab-bench", ".py");
            try (var in = Benchmark.class.getResourceAsStream("torch_bench.py")) {
                Files.write(script, in.readAllBytes());
            }
            String kind = m.name().startsWith("MLP") ? "mlp" : "lenet";
            Process p = new ProcessBuilder(python.toString(), script.toString(), kind, String.valueOf(m.batch()),
                    String.valueOf(m.batches()), String.valueOf(rounds)).redirectErrorStream(true).start();
            String last = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) last = line;
            }
            p.waitFor();
            Files.deleteIfExists(script);
            return p.exitValue() == 0 && last != null ? Double.parseDouble(last.trim()) : Double.NaN;
        } catch (Exception e) {
            return Double.NaN;
        }
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
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        run(System.out, args.length > 0 ? Integer.parseInt(args[0]) : 5);
    }
}
