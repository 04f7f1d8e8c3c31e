package org.layerlab.app;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.layerlab.samples.StarterSamples;
import org.layerlab.trainer.run.RunState;

/**
 * {@code layerlab --smoke}: the packaged app proves itself — the window is shown, the LeNet sample
 * is opened with its bundled MNIST data, a few iterations are trained, then the app exits 0 (1 on
 * any failure, with the reason). Used by CI on the app image under Xvfb.
 */
final class Smoke {
    private Smoke() {}

    static final int ITERATIONS = 5;
    private static final long WATCHDOG_MILLIS = 20_000;

    static void run(MainWindow window, long windowMillis, PrintStream out) {
        out.printf(Locale.ROOT, "smoke: window shown %d ms after the process started%n", windowMillis);
        window.openSample(StarterSamples.byId("lenet"));
        window.selectTab("Train");
        var started = window.training().startRun();
        if (started == null) {
            finish(out, 1, "the LeNet sample has no data set");
            return;
        }
        started.whenComplete((entry, failure) -> {
            if (failure != null) {
                finish(out, 1, "training did not start: " + failure.getMessage());
                return;
            }
            Thread watch = new Thread(() -> {
                try {
                    entry.run.awaitIterations(ITERATIONS, TimeUnit.MINUTES.toMillis(5));
                    int done = entry.run.iteration();
                    entry.run.stop();
                    entry.run.await(30_000);
                    if (entry.run.state() == RunState.FAILED) finish(out, 1, entry.run.failure());
                    else if (done < ITERATIONS) finish(out, 1, "only " + done + " iterations in 5 minutes");
                    else finish(out, 0, "trained " + done + " iterations of LeNet on MNIST; engine " + EngineStatus.describe()
                            + ", ready after " + EngineStatus.readyMillis() + " ms");
                } catch (InterruptedException e) {
                    finish(out, 1, "interrupted");
                }
            }, "layerlab-smoke");
            watch.setDaemon(true);
            watch.start();
        });
    }

    /** What the process exits with once the toolkit has stopped (Launcher): 1 until the smoke finished well. */
    private static volatile int exitCode = 1;

    static int exitCode() {
        return exitCode;
    }

    private static void finish(PrintStream out, int code, String message) {
        out.printf(Locale.ROOT, "smoke: start-up: %s; %d nodes in the first scene; %s%n", StartupTrace.describe(),
                StartupTrace.nodesAtShow(), StartupSplash.describe());
        out.println("smoke: " + (code == 0 ? "ok — " : "FAILED — ") + message);
        out.flush();
        exitCode = code;
        // The launcher exits once the toolkit has stopped: System.exit while JavaFX still rendered had a
        // render job rejected by the stopped renderer (a stack trace after "smoke: ok").
        Platform.runLater(Platform::exit);
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(WATCHDOG_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println("smoke: the toolkit did not stop within " + WATCHDOG_MILLIS + " ms; exiting");
            System.exit(code);
        }, "layerlab-smoke-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
