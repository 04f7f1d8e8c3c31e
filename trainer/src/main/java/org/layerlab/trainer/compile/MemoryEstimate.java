package org.layerlab.trainer.compile;

import org.bytedeco.javacpp.Pointer;
import org.layerlab.graph.shape.Analysis;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.trainer.backend.NativeMemoryWatch;

/**
 * A rough upper estimate of the native memory a network needs to train, so an impossible graph is
 * refused with a number instead of crashing the engine: parameters × 4 copies (weights, gradients,
 * two updater states) plus activations × batch × 3 (forward, backward, workspace), 4 bytes each.
 */
public final class MemoryEstimate {
    private MemoryEstimate() {}

    public static long bytes(Analysis a, int batchSize) {
        long activations = 0;
        for (TensorShape s : a.shapes().values()) activations += s.size();
        return 4L * (4L * a.totalParams() + 3L * activations * batchSize);
    }

    /** @throws IllegalArgumentException with the estimate and the fix when it cannot fit */
    public static void check(GraphCompiler.Compiled c, int batchSize) {
        long need = bytes(c.analysis(), batchSize);
        long watched = NativeMemoryWatch.limit();
        long limit = watched > 0 ? watched : Runtime.getRuntime().maxMemory() * 2;
        long available = limit - Pointer.physicalBytes();
        if (need > available * 0.8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "this network needs about %.1f GB to train with batch size %d, but the engine can use about %.1f GB; "
                            + "reduce the batch size or the layer sizes", need / 1e9, batchSize, available / 1e9));
        }
    }
}
