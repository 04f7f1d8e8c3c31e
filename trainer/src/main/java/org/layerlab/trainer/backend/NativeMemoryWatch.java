package org.layerlab.trainer.backend;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Pointer;

/**
 * Checks the process's resident memory from a watch thread instead of at every native allocation.
 * ND4J frees an array's native memory only when the collector finds the array, so JavaCPP reads the
 * resident size before each allocation it tracks and runs the collector when it is above its limit
 * ({@code org.bytedeco.javacpp.maxPhysicalBytes}, by default four times the Java heap's maximum). That read is
 * a system call on {@code /proc/self/statm} under a process-wide lock, and ND4J makes two tracked
 * allocations for every array it creates (its shape's two temporary arrays): 47 a training step for the
 * MLP, 77 for LeNet, 251 for the residual CNN; making an array's shape took 9 µs with the reads against 3–4 µs
 * without (docs/benchmark.md). So, unless the user set JavaCPP's limit, {@link #choose} turns the
 * per-allocation read off before JavaCPP loads, and once the engine has started {@link #watch} reads the
 * resident size every {@link #PERIOD_MS} ms and runs the collector above the same limit, whatever code
 * allocates (training, inference, the loss surface). {@code -Dlayerlab.memoryWatch.off=true} leaves
 * JavaCPP's check as it ships.
 */
public final class NativeMemoryWatch {
    private NativeMemoryWatch() {}

    static final String JAVACPP_LIMIT = "org.bytedeco.javacpp.maxPhysicalBytes";
    /** JavaCPP reads this spelling too, as the default of the other. */
    static final String JAVACPP_LIMIT_LOWER = "org.bytedeco.javacpp.maxphysicalbytes";
    static final String OFF = "layerlab.memoryWatch.off";
    /** How often the watch reads the resident size: one read costs a few microseconds. */
    static final long PERIOD_MS = 50;
    /** After a collection the deallocators need a moment before the resident size falls; no second one before this. */
    static final long BACKOFF_MS = 250;

    /** Who checks the resident memory, decided once before JavaCPP reads its settings. */
    record Choice(boolean watched, String why) {}

    private static volatile Choice choice;
    /** Tests: a limit in place of JavaCPP's default, or -1. */
    private static volatile long limitOverride = -1;
    private static final AtomicInteger collections = new AtomicInteger();
    private static Thread watch;

    /** Decides who checks, from the user's JavaCPP setting (null when unset) and the switch: the engine's watch unless either says otherwise. */
    static Choice decide(String userLimit, boolean off) {
        if (userLimit != null && userLimit.strip().equals("0")) return new Choice(false, "no memory check (" + JAVACPP_LIMIT + "=0)");
        if (userLimit != null) return new Choice(false, "JavaCPP checks memory at each allocation (" + JAVACPP_LIMIT + "=" + userLimit + ")");
        if (off) return new Choice(false, "JavaCPP checks memory at each allocation (" + OFF + ")");
        return new Choice(true, "memory watched every " + PERIOD_MS + " ms");
    }

    /**
     * Applies the choice (idempotent). Call it before anything loads ND4J: JavaCPP reads its limit once, when
     * its classes first load — so this touches none of them.
     */
    public static synchronized void choose() {
        if (choice != null) return;
        Choice c = decide(System.getProperty(JAVACPP_LIMIT, System.getProperty(JAVACPP_LIMIT_LOWER)), Boolean.getBoolean(OFF));
        if (c.watched()) System.setProperty(JAVACPP_LIMIT, "0");
        choice = c;
    }

    /** What checks the memory, for the benchmark's header; loads JavaCPP, so call it after the engine's start. */
    public static String state() {
        Choice c = choice;
        if (c == null) return "JavaCPP checks memory at each allocation (not chosen)";
        if (watching()) return String.format(Locale.ROOT, "%s (limit %.1f GB)", c.why(), limit() / 1e9);
        return c.watched() ? "JavaCPP checks memory at each allocation (it loaded before the engine chose)" : c.why();
    }

    /** True when the engine chose to watch and JavaCPP took its setting (it had not loaded before). */
    private static boolean watching() {
        Choice c = choice;
        return c != null && c.watched() && Pointer.maxPhysicalBytes() == 0;
    }

    /** The resident size the native memory may reach: the engine's limit, or JavaCPP's when it checks itself. */
    public static long limit() {
        if (!watching()) return Pointer.maxPhysicalBytes();
        if (limitOverride >= 0) return limitOverride;
        // JavaCPP's own default, as its Pointer computes it when the property is unset
        long maxBytes = Pointer.maxBytes();
        return maxBytes > 0 ? maxBytes + 3 * Runtime.getRuntime().maxMemory() : 0;
    }

    /**
     * Starts the watch (idempotent) when the engine checks: after ND4J has loaded, so that the app's start
     * does not load JavaCPP early. Above the limit it runs the collector, so that ND4J frees what is garbage.
     */
    public static synchronized void watch() {
        if (watch != null || !watching()) return; // JavaCPP checks itself, or nobody does
        watch = new Thread(() -> {
            try {
                while (true) Thread.sleep(collectAbove(limit()) ? BACKOFF_MS : PERIOD_MS);
            } catch (InterruptedException stop) {
                // nothing interrupts it today; if something does, the watch simply ends
            }
        }, "layerlab-memory-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Runs the collector when the resident size is above {@code limit}; true when it did. */
    static boolean collectAbove(long limit) {
        if (limit <= 0 || Pointer.physicalBytes() <= limit) return false;
        System.gc();
        collections.incrementAndGet();
        return true;
    }

    /** Tests: the watch's limit in place of JavaCPP's default. */
    static void overrideLimit(long bytes) {
        limitOverride = bytes;
    }

    /** How many times the watch ran the collector (tests, diagnostics). */
    static int collections() {
        return collections.get();
    }
}
