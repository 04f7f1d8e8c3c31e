package org.layerlab.trainer.backend;

import org.layerlab.trainer.kernels.NativeMatrix;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Starts ND4J once with thread settings that suit a desktop: on small machines ND4J's OpenMP threads
 * spin and fight the JVM (STACK.md measured 1.8 k vs 15 k samples/s), and a packaged app cannot rely
 * on OMP_WAIT_POLICY being set, so the thread count is set in-process; the bundled OpenBLAS's kernel
 * is chosen first ({@link OpenBlasCore}), the C allocator keeps freed memory ({@link NativeHeap}) and the
 * resident memory is watched by a thread rather than read at every allocation ({@link NativeMemoryWatch}).
 * Reports backend, device and BLAS kernel.
 * Thread-safe; the first call pays for native start-up.
 */
public final class Backend {

    /** What ND4J runs on. */
    public record Info(String backend, String device, int threads, String blas) {
        @Override
        public String toString() {
            return backend + " (" + device + ", " + threads + " thread" + (threads == 1 ? "" : "s") + (blas == null ? "" : "; " + blas) + ")";
        }
    }

    private static volatile Info info;

    private Backend() {}

    private static String blasDescription(int threads) {
        String kernel = OpenBlasCore.kernel();
        return (kernel == null ? "OpenBLAS" : kernel) + ", " + threads + " thread" + (threads == 1 ? "" : "s");
    }

    /** Initializes ND4J (idempotent) and returns what it runs on. */
    public static synchronized Info init() {
        if (info != null) return info;
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = Integer.getInteger("layerlab.threads", Math.max(1, cores));
        // OpenBLAS leaves one core to the batch preparation, the metrics and the window: on the 2-core
        // machine two OpenBLAS threads made the MLP train at 26 k samples/s against 42 k with one, and
        // no model trained faster with two (docs/benchmark.md)
        int blasThreads = Integer.getInteger("layerlab.blasThreads", Math.max(1, threads - 1));
        NativeMemoryWatch.choose(); // before JavaCPP loads: it reads its memory limit once
        // before the natives load: OpenBLAS reads its kernel choice once, when it is loaded
        OpenBlasCore.choose();
        NativeHeap.tune(); // before the first native arrays: glibc's defaults page-fault every step
        Nd4j.create(1); // loads the backend
        NativeMemoryWatch.watch();
        String name = Nd4j.getBackend().getClass().getSimpleName();
        boolean gpu = name.toLowerCase().contains("cuda") || name.toLowerCase().contains("jcublas");
        if (!gpu) {
            Nd4j.factory().blas().setMaxThreads(blasThreads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            NativeMatrix.smallKernels(OpenBlasCore.hasSmallKernel(OpenBlasCore.running()));
        }
        String device;
        try {
            Object env = Nd4j.getExecutioner().getEnvironmentInformation().get("cuda.devicesInformation");
            device = gpu && env != null ? String.valueOf(env) : System.getProperty("os.arch") + " CPU, " + cores + " cores";
        } catch (RuntimeException e) {
            device = gpu ? "GPU" : "CPU";
        }
        info = new Info(gpu ? "GPU (CUDA)" : "CPU", device, gpu ? 0 : threads, gpu ? null : blasDescription(blasThreads));
        return info;
    }
}
