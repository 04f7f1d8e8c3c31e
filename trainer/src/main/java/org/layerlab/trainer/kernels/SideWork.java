package org.layerlab.trainer.kernels;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Work the caller does not wait for at once, run on one kept helper thread beside it: a dense layer's
 * weight-gradient product runs there while the caller computes the input gradient's. (The recurrent
 * kernels used it for their whole-sequence products beside a one-core time loop until their loops ran in
 * parts of the batch on both cores, {@link BatchParts}.) Pieces run one after another in the order they
 * were started, so the results do not depend on the threads' timing, and with the helper off (one core,
 * or {@code -Dlayerlab.sideWork.off=true}) the same pieces run on the caller, bit for bit the same.
 */
public final class SideWork {
    private SideWork() {}

    static final String OFF = "layerlab.sideWork.off";
    /** Overrides {@link #minWork()}. */
    static final String MIN_WORK = "layerlab.sideWork.minWork";

    private static final AtomicLong ON_HELPER = new AtomicLong();
    private static final ExecutorService HELPER = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "layerlab-side-work");
                t.setDaemon(true);
                return t;
            });

    /** A piece of work started by {@link #start}. */
    public static final class Piece {
        private final Future<?> future;

        private Piece(Future<?> future) {
            this.future = future;
        }

        /**
         * Waits until the piece is done and rethrows what it threw. Waits through interrupts (the piece
         * writes into the caller's arrays), then sets the interrupt flag again.
         */
        public void await() {
            if (future == null) return;
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        future.get();
                        return;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException r) throw r;
                        if (e.getCause() instanceof Error err) throw err;
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } finally {
                if (interrupted) Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts {@code work} on the helper, after the pieces started before it; runs it here when the helper is off. */
    public static Piece start(Runnable work) {
        if (HELPER == null || Boolean.getBoolean(OFF)) {
            work.run();
            return new Piece(null);
        }
        return new Piece(HELPER.submit(() -> {
            work.run();
            ON_HELPER.incrementAndGet();
        }));
    }

    /** Waits for every piece that is not null, all of them even if one failed; then rethrows the first failure. */
    public static void awaitAll(Piece... pieces) {
        Throwable first = null;
        for (Piece p : pieces) {
            if (p == null) continue;
            try {
                p.await();
            } catch (RuntimeException | Error e) {
                if (first == null) first = e;
            }
        }
        if (first instanceof RuntimeException r) throw r;
        if (first instanceof Error e) throw e;
    }

    /**
     * Runs {@code work}, which starts pieces into {@code pieces}, then waits for every piece. When the work
     * fails, it still waits for the pieces (they write into the caller's arrays) and rethrows the work's failure.
     */
    public static <T> T thenAwait(Piece[] pieces, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            awaitQuietly(pieces);
            throw e;
        }
        awaitAll(pieces);
        return result;
    }

    /** Waits for every piece that is not null and drops their failures: for a caller that is already failing. */
    public static void awaitQuietly(Piece... pieces) {
        for (Piece p : pieces) {
            if (p == null) continue;
            try {
                p.await();
            } catch (RuntimeException | Error ignored) {
                // the caller's own failure is the one to report
            }
        }
    }

    /**
     * 4 million multiply-adds (≈ 60–80 µs on one core), unless {@code -Dlayerlab.sideWork.minWork} says
     * otherwise; {@link DenseProducts} hands off only products of four times this.
     */
    static long minWork() {
        return Long.getLong(MIN_WORK, 4_000_000L);
    }

    /** How many pieces the helper thread has run since the process started (tests, diagnostics). */
    public static long piecesOnHelper() {
        return ON_HELPER.get();
    }
}
