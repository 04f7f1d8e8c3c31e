package org.layerlab.trainer.backend;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacpp.Pointer;

/**
 * Checks the process's resident memory from a watch thread instead of at every native allocation.
 * ND4J frees an array's native memory only when the collector finds the array, so JavaCPP reads the
 * resident size before each allocation it tracks and runs the collector when it is above its limit
 * ({@code org.bytedeco.javacpp.maxPhysicalBytes}, by default twice the Java heap's maximum). That read is
 * a system call on {@code /proc/self/statm} under a process-wide lock, and ND4J makes two tracked
 * allocations for every array it creates (its shape's two temporary arrays): 47 a training step for the
 * MLP, 77 for LeNet, 250 for the residual CNN; creating an array took 9 µs with the reads against 3–4 µs
 * without (docs/benchmark.md). So, unless the user set JavaCPP's limit, {@link #choose} turns the
 * per-allocation read off before JavaCPP loads, and once the engine has started {@link #watch} reads the
 * resident size every {@link #PERIOD_MS} ms and runs the collector above the same limit, whatever code
 * allocates (training, inference, the loss surface). {@code -Dlayerlab.memoryWatch.off=true} leaves
 * JavaCPP's check as it ships.
 */
public final class NativeMemoryWatch {
    private NativeMemoryWatch() {}

    static final String JAVACPP_LIMIT = "org.bytedeco.javacpp.maxPhysicalBytes";
    static final String OFF = "layerlab.memoryWatch.off";
    /** How often the watch reads the resident size: one read costs a few microseconds. */
    static final long PERIOD_MS = 50;
    /** After a collection the deallocators need a moment before the resident size falls; no second one before this. */
    static final long BACKOFF_MS = 250;

    /** Who checks the resident memory, decided once before JavaCPP reads its settings. */
    record Choice(boolean watched, long limit, String why) {}

    private static volatile Choice choice;
    private static final AtomicInteger collections = new AtomicInteger();
    private static Thread watch;

    /**
     * Decides who checks, from the user's JavaCPP setting (null when unset), the switch and the heap's
     * maximum: the engine's watch, with JavaCPP's default limit, unless either says otherwise.
     */
    static Choice decide(String userLimit, boolean off, long maxHeap) {
        if (userLimit != null && userLimit.strip().equals("0")) return new Choice(false, 0, "no memory check (" + JAVACPP_LIMIT + "=0)");
        if (userLimit != null) return new Choice(false, 0, "JavaCPP checks memory at each allocation (" + JAVACPP_LIMIT + "=" + userLimit + ")");
        if (off) return new Choice(false, 0, "JavaCPP checks memory at each allocation (" + OFF + ")");
        // no JavaCPP call here: its settings are read when its classes first load, which must come after this
        return new Choice(true, 2 * maxHeap, String.format(Locale.ROOT, "memory watched every %d ms (limit %.1f GB)", PERIOD_MS, 2 * maxHeap / 1e9));
    }

    /**
     * Applies the choice (idempotent) and says what was done, for the benchmark's header. Call it before
     * anything loads ND4J: JavaCPP reads its limit once, when it is first used.
     */
    public static synchronized String choose() {
        if (choice == null) {
            Choice c = decide(System.getProperty(JAVACPP_LIMIT), Boolean.getBoolean(OFF), Runtime.getRuntime().maxMemory());
            if (c.watched()) System.setProperty(JAVACPP_LIMIT, "0");
            choice = c;
        }
        return describe();
    }

    /** What checks the memory now; says so when JavaCPP had loaded before {@link #choose} and kept its own check. */
    static String describe() {
        Choice c = choice;
        if (c == null) return "JavaCPP checks memory at each allocation (not chosen)";
        if (c.watched() && Pointer.maxPhysicalBytes() > 0) return "JavaCPP checks memory at each allocation (it loaded before the engine chose)";
        return c.why();
    }

    /** The resident size the native memory may reach: the engine's limit, or JavaCPP's when it checks itself. */
    public static long limit() {
        Choice c = choice;
        return c != null && c.watched() && Pointer.maxPhysicalBytes() == 0 ? c.limit() : Pointer.maxPhysicalBytes();
    }

    /**
     * Starts the watch (idempotent) when the engine checks: after ND4J has loaded, so that the app's start
     * does not load JavaCPP early. Above the limit it runs the collector, so that ND4J frees what is garbage.
     */
    public static synchronized void watch() {
        Choice c = choice;
        if (watch != null || c == null || !c.watched() || Pointer.maxPhysicalBytes() != 0) return; // JavaCPP checks itself
        watch = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(collectAbove(choice.limit()) ? BACKOFF_MS : PERIOD_MS);
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
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

    /** Tests: the engine's check with another limit, when the engine checks at all. */
    static synchronized void overrideLimit(long bytes) {
        Choice c = choice;
        if (c != null && c.watched()) choice = new Choice(true, bytes, c.why());
    }

    /** How many times the watch ran the collector (tests, diagnostics). */
    static int collections() {
        return collections.get();
    }
}
