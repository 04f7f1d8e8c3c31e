package org.layerlab.trainer.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Class indices from a classifier's [examples, classes] outputs and from its labels. */
public final class Classes {
    private Classes() {}

    /** Arg-max per row; a single sigmoid output means class 1 at ≥ 0.5. */
    public static int[] predicted(INDArray out) {
        return out.size(1) == 1 ? out.gte(0.5).castTo(DataType.INT).toIntVector() : out.argMax(1).toIntVector();
    }

    /** From one-hot rows, a single 0/1 column, or (sparse) class indices [n, 1]. */
    public static int[] actual(INDArray labels, boolean sparse, int classes) {
        if (classes == 1) return labels.gte(0.5).castTo(DataType.INT).toIntVector();
        return sparse ? labels.reshape(labels.size(0)).castTo(DataType.INT).toIntVector() : labels.argMax(1).toIntVector();
    }
}
