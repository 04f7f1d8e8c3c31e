package org.layerlab.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.app.train.TrainingSession;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.samples.StarterSamples;
import org.layerlab.trainer.bench.Benchmark;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Not a test: how training at full speed and the live charts affect each other. The MNIST MLP
 * trains while the window cycles through the Design tab, the Train tab with its charts hidden (the
 * LR finder view in front) and the Train tab's curves (all seven charts visible), several windows of each. Prints, per state: FX work per pulse
 * (from the first animation timer of the pulse to the end of CSS + layout: draining samples,
 * redrawing charts, CSS, layout), the latency of a runLater posted every 10 ms from another thread
 * (what a click would wait), and training samples/s; then the slowdown with charts visible, as the
 * median of paired windows whose order alternates from round to round.
 * Run: {@code ./mvnw -pl app test -Dbench.excluded=none -Dtest=ResponsivenessBench} (add {@code -Dbench.aa=true}
 * for an A/A run).
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ResponsivenessBench {
    /** {@code -Dbench.rounds=N} for a longer, finer measurement. */
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 16);
    private static final long WINDOW_MS = 3_000;
    /** {@code -Dbench.aa=true}: both windows of a pair hidden (an A/A run shows the method's noise). */
    private static final boolean AA = Boolean.getBoolean("bench.aa");
    /** {@code -Dbench.design=false}: no Design-tab window per round, so more pairs fit in the same time. */
    private static final boolean DESIGN = !"false".equals(System.getProperty("bench.design"));

    @TempDir
    static Path tmp;

    private MainWindow window;
    private final List<Long> pulses = Collections.synchronizedList(new ArrayList<>());
    private long pulseStart;

    @Start
    void start(Stage stage) throws Exception {
        // registered before the window's own timers, so it runs first in each pulse
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulseStart = System.nanoTime();
            }
        }.start();
        window = new MainWindow(new MainWindowTest.ScriptedDialogs(), new RecentFiles(tmp.resolve("recent.txt")));
        Scene scene = Snapshots.show(stage, window);
        scene.addPostLayoutPulseListener(() -> {
            if (pulseStart != 0) pulses.add(System.nanoTime() - pulseStart);
            pulseStart = 0;
        });
    }

    @Test
    void measure(FxRobot robot) throws Exception {
        robot.interact(() -> {
            window.openSample(StarterSamples.byId("mnist-mlp"));
            window.project().setDataset(new DatasetRef("mnist", Map.of("limit", "60000")));
            // 500 epochs outlast the benchmark; no validation split, because a validation pass at each epoch end
            // (every ~3 s here) made windows differ by whether they held one
            window.project().setTraining(RecordProperties.with(RecordProperties.with(window.project().training(), "epochs", 500),
                    "validationSplit", 0.0));
            window.selectTab("Train");
        });
        TrainingSession session = window.training().session();
        robot.interact(() -> window.training().startRun());
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> session.current() != null && session.current().run.iteration() > 200);

        List<double[]> design = new ArrayList<>(), hidden = new ArrayList<>(), visible = new ArrayList<>();
        var views = window.training().views();
        Runnable showHidden = () -> {
            window.selectTab("Train");
            views.getSelectionModel().select(views.getTabs().size() - 1); // LR finder: no live chart showing
        };
        // A/A mode: the "visible" windows show the same hidden view, to measure the method's own noise
        Runnable showVisible = AA ? showHidden : () -> {
            window.selectTab("Train");
            views.getSelectionModel().select(0); // Curves: all seven charts
        };
        for (int r = 0; r < ROUNDS; r++) {
            if (DESIGN) {
                robot.interact(() -> window.selectTab("Design"));
                Thread.sleep(500);
                design.add(window(session));
            }
            // alternate which of the pair comes first, so a drift within a round cancels out
            boolean hiddenFirst = r % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean showHiddenNow = hiddenFirst == (k == 0);
                robot.interact(showHiddenNow ? showHidden : showVisible);
                Thread.sleep(500);
                (showHiddenNow ? hidden : visible).add(window(session));
            }
        }
        // a window after the run ended would count zero samples/s
        if (session.current().run.state() != org.layerlab.trainer.run.RunState.RUNNING)
            throw new IllegalStateException("the run ended before the benchmark did: " + session.current().run.state());
        robot.interact(session::shutdown);
        if (DESIGN) report("Design tab    ", design);
        report("charts hidden ", hidden);
        report("charts visible", visible);
        // the machine's speed drifts (other tenants, GC, epochs): compare each visible window with the
        // hidden one next to it, and take the median of those ratios
        double[] ratios = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) ratios[r] = visible.get(r)[4] / hidden.get(r)[4];
        // a distribution-free 95 % interval for the median: the order statistics n/2 ± 0.98·√n
        double[] sorted = ratios.clone();
        java.util.Arrays.sort(sorted);
        int reach = (int) Math.ceil(0.98 * Math.sqrt(ROUNDS));
        double slowest = sorted[Math.max(0, ROUNDS / 2 - reach)], fastest = sorted[Math.min(ROUNDS - 1, (ROUNDS - 1) / 2 + reach)];
        System.out.printf(Locale.ROOT, "RESULT training slowdown with every chart visible%s: %.1f %% (median of %d paired windows, "
                        + "95 %% interval %.1f…%.1f %%, quartiles %.1f…%.1f %%; median samples/s %.0f visible vs %.0f hidden)%n", AA ? " [A/A: both hidden]" : "",
                (1 - Benchmark.quantile(ratios, 0.5)) * 100, ROUNDS, (1 - fastest) * 100, (1 - slowest) * 100,
                (1 - Benchmark.quantile(ratios, 0.75)) * 100, (1 - Benchmark.quantile(ratios, 0.25)) * 100,
                median(visible, 4), median(hidden, 4));
    }

    /** One measuring window: pulse p50/p99 (ms), runLater latency p50/p99 (ms), samples/s. */
    private double[] window(TrainingSession session) throws Exception {
        pulses.clear();
        List<Long> latency = Collections.synchronizedList(new ArrayList<>());
        int it0 = session.current().run.iteration();
        long[] cpu0 = uiCpu();
        long t0 = System.nanoTime();
        long end = System.currentTimeMillis() + WINDOW_MS;
        while (System.currentTimeMillis() < end) {
            long posted = System.nanoTime();
            Platform.runLater(() -> latency.add(System.nanoTime() - posted));
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] cpu1 = uiCpu();
        double samples = (session.current().run.iteration() - it0) * (double) session.current().batchSize / seconds;
        List<Long> p = new ArrayList<>(pulses);
        // a window without training or without pulses measures nothing: fail rather than report it
        if (samples <= 0) throw new IllegalStateException("invalid measurement: the run trained no samples in a " + WINDOW_MS + " ms window");
        if (p.isEmpty()) throw new IllegalStateException("invalid measurement: no pulse was timed in a " + WINDOW_MS + " ms window");
        return new double[] {pct(p, 50), pct(p, 99), pct(latency, 50), pct(latency, 99), samples, p.size() / seconds,
                (cpu1[0] - cpu0[0]) / 1e6 / seconds, (cpu1[1] - cpu0[1]) / 1e6 / seconds,
                (cpu1[2] - cpu0[2]) / 1e6 / seconds, (cpu1[3] - cpu0[3]) / 1e6 / seconds};
    }

    /** CPU nanoseconds used so far by the FX application thread and by JavaFX's render thread. */
    private static long[] uiCpu() {
        var mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long fx = 0, render = 0;
        for (var t : mx.dumpAllThreads(false, false)) {
            long cpu = mx.getThreadCpuTime(t.getThreadId());
            if (cpu < 0) continue;
            if (t.getThreadName().equals("JavaFX Application Thread")) fx += cpu;
            else if (t.getThreadName().startsWith("QuantumRenderer")) render += cpu;
        }
        long gc = 0;
        for (var b : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) gc += Math.max(0, b.getCollectionTime()) * 1_000_000L;
        long process = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new long[] {fx, render, gc, process};
    }

    private static void report(String label, List<double[]> rounds) {
        for (double[] r : rounds) {
            System.out.printf(Locale.ROOT, "RESULT %s: pulse FX work p50 %.2f ms p99 %.2f ms · runLater latency p50 %.2f ms p99 %.2f ms · %.0f samples/s · %.0f pulses/s · CPU ms/s FX %.0f render %.0f process %.0f · GC ms/s %.0f%n",
                    label, r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[9], r[8]);
        }
        System.out.printf(Locale.ROOT, "RESULT %s median: pulse p50 %.2f ms p99 %.2f ms · latency p99 %.2f ms · %.0f samples/s · CPU ms/s FX %.0f render %.0f process %.0f · GC ms/s %.0f%n",
                label, median(rounds, 0), median(rounds, 1), median(rounds, 3), median(rounds, 4), median(rounds, 6), median(rounds, 7), median(rounds, 9), median(rounds, 8));
    }

    private static double median(List<double[]> rounds, int k) {
        return Benchmark.quantile(rounds.stream().mapToDouble(r -> r[k]).toArray(), 0.5);
    }

    private static double pct(List<Long> nanos, int p) {
        if (nanos.isEmpty()) return Double.NaN;
        List<Long> s = new ArrayList<>(nanos);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1)) / 1e6;
    }
}
