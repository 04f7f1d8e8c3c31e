package org.layerlab.trainer.kernels;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a per-channel loop on the calling thread and the machine's other cores: the Java kernels run
 * between oneDNN's and OpenBLAS's calls, whose threads sleep meanwhile, so one thread left the other
 * cores idle. Channels are independent and each is computed whole by one thread, in the same order as
 * on one thread, so the results are bit for bit the same. A part no helper has started yet when the
 * caller finishes its own is run by the caller (helpers busy with another run's kernel never hold it
 * up). {@code -Dlayerlab.channelSplit.off=true} keeps every loop on the calling thread.
 */
public final class ChannelSplit {
    private ChannelSplit() {}

    /** Below this many values a part is not worth the hand-off (≈ 10–20 µs). */
    static final long MIN_VALUES_PER_PART = 1 << 16;
    static final String OFF = "layerlab.channelSplit.off";

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final int HELPERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    private static final ExecutorService POOL = HELPERS == 0 ? null : Executors.newFixedThreadPool(HELPERS, r -> {
        Thread t = new Thread(r, "layerlab-kernel-helper-" + COUNT.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /** A loop over channels [from, to). */
    public interface Body {
        void run(int from, int to);
    }

    /** A run of values [at, at + len). */
    public interface Range {
        void run(int at, int len);
    }

    /** Runs {@code body} over [0, n) in chunks of {@code chunk} values, the chunks shared out as {@link #run} shares channels. */
    public static void inChunks(int n, int chunk, Range body) {
        int chunks = (n + chunk - 1) / chunk;
        run(chunks, n, (first, end) -> {
            for (int k = first; k < end; k++) {
                int at = k * chunk;
                body.run(at, Math.min(chunk, n - at));
            }
        });
    }

    /** Runs {@code body} over channels [0, channels) of a tensor of {@code values} values, in parts when it is large enough. */
    public static void run(int channels, long values, Body body) {
        int parts = parts(channels, values);
        if (parts < 2) {
            body.run(0, channels);
            return;
        }
        AtomicBoolean[] claimed = new AtomicBoolean[parts];
        for (int p = 0; p < parts; p++) claimed[p] = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(parts - 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int p = 1; p < parts; p++) {
            int part = p;
            POOL.execute(() -> runPart(part, parts, channels, claimed, body, done, failure));
        }
        try {
            body.run(0, channels / parts);
        } catch (RuntimeException | Error t) {
            failure.compareAndSet(null, t); // rethrown once the other parts, which write the same arrays, are done
        }
        for (int p = 1; p < parts; p++) runPart(p, parts, channels, claimed, body, done, failure);
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the parts write into the caller's arrays: wait for them regardless
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        Throwable t = failure.get();
        if (t instanceof RuntimeException r) throw r;
        if (t instanceof Error e) throw e;
    }

    /**
     * Into how many parts {@link #run} cuts [0, channels) for a tensor of {@code values} values: 1 when it
     * is small, the property is set or there is one core. Part p is [channels·p/parts, channels·(p+1)/parts).
     */
    public static int parts(int channels, long values) {
        int parts = (int) Math.min(Math.min(channels, HELPERS + 1L), values / MIN_VALUES_PER_PART);
        return parts < 2 || Boolean.getBoolean(OFF) ? 1 : parts;
    }

    private static void runPart(int p, int parts, int channels, AtomicBoolean[] claimed, Body body, CountDownLatch done,
                                AtomicReference<Throwable> failure) {
        if (!claimed[p].compareAndSet(false, true)) return;
        try {
            body.run((int) ((long) channels * p / parts), (int) ((long) channels * (p + 1) / parts));
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            done.countDown();
        }
    }
}
