package org.layerlab.app;

import java.util.function.Consumer;
import org.layerlab.trainer.backend.Backend;

/**
 * Starts the training engine (ND4J natives, thread settings) in the background so the window shows
 * first, and tells how long it took. Any thread.
 */
final class EngineStatus {
    private EngineStatus() {}

    private static volatile String description = "starting…";
    private static volatile long readyMillis = -1;

    static String describe() {
        return description;
    }

    /** Milliseconds from the call of {@link #startInBackground} until the engine was ready, or -1. */
    static long readyMillis() {
        return readyMillis;
    }

    /** Initializes the engine on a daemon thread; {@code onReady} gets the status text (on that thread). */
    static void startInBackground(Consumer<String> onReady) {
        long t0 = System.nanoTime();
        Thread t = new Thread(() -> {
            String text;
            try {
                Backend.Info info = Backend.init();
                readyMillis = (System.nanoTime() - t0) / 1_000_000;
                description = info.toString();
                text = "Engine ready: " + info.backend() + " (" + (readyMillis / 100) / 10.0 + " s)";
            } catch (RuntimeException | LinkageError e) {
                description = "failed to start: " + e;
                text = "Engine failed to start: " + e.getMessage();
            }
            onReady.accept(text);
        }, "layerlab-engine-start");
        t.setDaemon(true);
        t.start();
    }
}
