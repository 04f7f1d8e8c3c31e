package org.layerlab.charts;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;

/** Starts the JavaFX toolkit once per test JVM (headless Monocle) and runs code on its thread. */
final class Fx {
    private static boolean started;

    private Fx() {}

    static synchronized void start() {
        if (started) return;
        try {
            Platform.startup(() -> {});
        } catch (IllegalStateException alreadyRunning) {
            // another test class started it
        }
        Platform.setImplicitExit(false); // tests open and close stages one after another
        started = true;
    }

    static <T> T call(Supplier<T> work) throws Exception {
        start();
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
