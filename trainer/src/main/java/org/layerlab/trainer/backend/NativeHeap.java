package org.layerlab.trainer.backend;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.Locale;

/**
 * Keeps the C allocator from handing freed native memory back to the kernel after every training
 * step. ND4J's arrays and oneDNN's scratch buffers are malloc'd and freed by the megabyte each step;
 * glibc's defaults return such blocks to the kernel (fresh mappings above its mmap threshold, and
 * trimmed heaps below it), so the next step takes a page fault per 4 KB page again. A DNNL_VERBOSE
 * trace of the residual CNN showed it on oneDNN's Winograd backward-data convolution: median 0.9 ms a
 * call, but runs of calls at 18–25 ms. With the thresholds below, ten rounds of the residual CNN took
 * 370 k page faults instead of 540–690 k, that convolution's mean fell from ≈ 5 to ≈ 2.7 ms, and the
 * process's peak memory rose by ≈ 350 MB (docs/benchmark.md). glibc only (Linux): a no-op elsewhere,
 * and {@code -Dlayerlab.nativeHeap=default} keeps glibc's defaults. The price is that memory: up to
 * {@link #TRIM_THRESHOLD} of freed native memory per heap stays with the process while it runs.
 */
public final class NativeHeap {
    private NativeHeap() {}

    static final String PROPERTY = "layerlab.nativeHeap";
    // mallopt's parameters (malloc.h)
    private static final int M_TRIM_THRESHOLD = -1, M_TOP_PAD = -2, M_MMAP_THRESHOLD = -3;
    /** Blocks up to this size come from the heap, not from fresh mappings of their own. */
    static final int MMAP_THRESHOLD = 64 << 20;
    /** Freed memory at the top of a heap stays until there is this much of it. */
    static final int TRIM_THRESHOLD = 256 << 20;
    /** A heap grows by this much more than asked, so that it does not grow and shrink every step. */
    static final int TOP_PAD = 64 << 20;

    private static volatile String state;

    /** Applies the settings once (idempotent) and says what was done, for the benchmark's header. */
    public static synchronized String tune() {
        if (state != null) return state;
        String asked = System.getProperty(PROPERTY, "tuned").trim().toLowerCase(Locale.ROOT);
        if (asked.equals("default")) {
            state = "glibc's malloc defaults (" + PROPERTY + "=default)";
        } else if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            state = "the system's malloc defaults (not Linux)";
        } else {
            state = apply();
        }
        return state;
    }

    private static String apply() {
        try {
            Function mallopt = NativeLibrary.getInstance("c").getFunction("mallopt");
            boolean ok = set(mallopt, M_MMAP_THRESHOLD, MMAP_THRESHOLD) & set(mallopt, M_TRIM_THRESHOLD, TRIM_THRESHOLD)
                    & set(mallopt, M_TOP_PAD, TOP_PAD);
            return ok ? "malloc keeps freed memory (mmap threshold " + mb(MMAP_THRESHOLD) + ", trim threshold " + mb(TRIM_THRESHOLD)
                    + ", top pad " + mb(TOP_PAD) + ")"
                    : "glibc's malloc defaults (mallopt refused a setting)";
        } catch (LinkageError | RuntimeException noGlibc) {
            return "the system's malloc defaults (no mallopt)";
        }
    }

    private static boolean set(Function mallopt, int parameter, int value) {
        return mallopt.invokeInt(new Object[] {parameter, value}) == 1;
    }

    /**
     * The same three settings as glibc's environment variables, which it reads when a process starts: for
     * a process LayerLab starts and compares itself with (the benchmark's PyTorch peer), so that both sides
     * run with the same allocator.
     */
    public static java.util.Map<String, String> environment() {
        return java.util.Map.of("MALLOC_MMAP_THRESHOLD_", String.valueOf(MMAP_THRESHOLD), "MALLOC_TRIM_THRESHOLD_",
                String.valueOf(TRIM_THRESHOLD), "MALLOC_TOP_PAD_", String.valueOf(TOP_PAD));
    }

    private static String mb(int bytes) {
        return (bytes >> 20) + " MB";
    }
}
