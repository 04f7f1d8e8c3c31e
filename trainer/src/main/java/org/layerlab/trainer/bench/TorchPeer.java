package org.layerlab.trainer.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layerlab.trainer.backend.NativeHeap;

/**
 * PyTorch as the benchmark's peer, run under its own best settings, never ours: Debian's
 * python3-torch with the machine's BLAS, {@code OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=ACTIVE} and two
 * torch threads (STACK.md measured these best here), whatever LayerLab's launcher set for itself
 * ({@code OMP_WAIT_POLICY=PASSIVE} slows torch). Its C allocator keeps freed memory as LayerLab's does
 * ({@link NativeHeap#environment()}): with glibc's defaults torch gave its large blocks back to the kernel
 * after each use and page-faulted them in again: the MLP trained 3–4× and the residual CNN 2–3× slower
 * than with the settings LayerLab gives itself, and which process got lucky swung the ratios
 * (docs/benchmark.md). It reports the BLAS library the process loaded; a torch on
 * the reference BLAS is 14× slower than it should be, so no ratio is taken against it.
 */
final class TorchPeer {
    /** The settings the peer runs with, printed beside the results. */
    static final Map<String, String> ENVIRONMENT = environment();
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private static Map<String, String> environment() {
        Map<String, String> env = new java.util.TreeMap<>(Map.of("OPENBLAS_NUM_THREADS", "1", "OMP_WAIT_POLICY", "ACTIVE",
                "LAYERLAB_TORCH_THREADS", "2"));
        env.putAll(NativeHeap.environment());
        return java.util.Collections.unmodifiableMap(env);
    }

    /** One round's outcome: samples/s (NaN if it did not run), the BLAS it used, and what it printed. */
    record Result(double samplesPerSecond, String blas, String settings, String output) {
        boolean ran() {
            return Double.isFinite(samplesPerSecond) && samplesPerSecond > 0;
        }

        /** OpenBLAS or MKL: a BLAS PyTorch is normally built and measured with. */
        boolean fairBlas() {
            String b = blas.toLowerCase(Locale.ROOT);
            return b.contains("openblas") || b.contains("mkl");
        }
    }

    private final Path script;

    TorchPeer() throws IOException {
        script = Files.createTempFile("layerlab-torch-bench", ".py");
        try (var in = TorchPeer.class.getResourceAsStream("torch_bench.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
    }

    /** Why the peer cannot run here, or null if python3 with torch is installed. */
    static String unavailable() {
        if (!Files.isExecutable(PYTHON)) return "no " + PYTHON;
        try {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0 ? null : "python3-torch is not installed";
        } catch (IOException e) {
            return "cannot start " + PYTHON + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The peer's process for {@code m}: its command and environment. */
    ProcessBuilder process(BenchModels.Model m, int passes) {
        ProcessBuilder pb = new ProcessBuilder(PYTHON.toString(), script.toString(), m.peer(), String.valueOf(m.batch()),
                String.valueOf(m.batches()), String.valueOf(passes)).redirectErrorStream(true);
        pb.environment().remove("OMP_NUM_THREADS");
        // some machines pin OpenBLAS to an older kernel for old builds' sake; a current OpenBLAS picks its own (printed)
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        pb.environment().putAll(ENVIRONMENT);
        return pb;
    }

    /** Trains {@code m} for one warm-up and {@code passes} timed passes in a fresh process. */
    Result run(BenchModels.Model m, int passes) throws IOException, InterruptedException {
        Process p = process(m, passes).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line);
        }
        int code = p.waitFor();
        String blas = lines.stream().filter(l -> l.startsWith("blas: ")).map(l -> l.substring(6)).findFirst().orElse("unknown");
        String settings = lines.stream().filter(l -> l.startsWith("torch: ")).map(l -> l.substring(7)).findFirst().orElse("")
                + lines.stream().filter(l -> l.startsWith("kernel: ")).map(l -> "; kernel " + l.substring(8)).findFirst().orElse("");
        double speed = Double.NaN;
        if (code == 0 && !lines.isEmpty()) {
            try {
                speed = Double.parseDouble(lines.get(lines.size() - 1).trim());
            } catch (NumberFormatException e) {
                speed = Double.NaN;
            }
        }
        return new Result(speed, blas, settings, String.join("\n", lines));
    }
}
