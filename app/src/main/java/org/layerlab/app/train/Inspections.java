package org.layerlab.app.train;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;

/**
 * Off-FX-thread work for the training views (feature maps, decision grids, reconstructions): asking
 * a run's network waits for its current batch, which can take longer than a frame. One daemon
 * thread per view; a request made while the previous one is still running is dropped, so a slow
 * network never builds a backlog. Results come back on the FX thread.
 */
final class Inspections {
    private final String name;
    private final AtomicBoolean busy = new AtomicBoolean();

    Inspections(String name) {
        this.name = name;
    }

    /** Runs {@code work} in the background and hands its result to {@code done} on the FX thread; false if busy. */
    <T> boolean submit(Supplier<T> work, Consumer<T> done, Consumer<String> failed) {
        if (!busy.compareAndSet(false, true)) return false;
        Thread t = new Thread(() -> {
            try {
                T result = work.get();
                Platform.runLater(() -> done.accept(result));
            } catch (RuntimeException ex) {
                String why = ex.getMessage() == null ? ex.toString() : ex.getMessage();
                Platform.runLater(() -> failed.accept(why));
            } finally {
                busy.set(false);
            }
        }, "layerlab-inspect-" + name);
        t.setDaemon(true);
        t.start();
        return true;
    }

    boolean busy() {
        return busy.get();
    }
}
