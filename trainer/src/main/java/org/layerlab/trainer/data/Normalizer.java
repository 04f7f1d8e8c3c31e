package org.layerlab.trainer.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * Feature scaling fitted on the training split only and then applied unchanged to validation and
 * test data: per column for tables, per channel for images, per feature for sequences. Immutable.
 */
public final class Normalizer {

    public enum Mode { NONE, STANDARDIZE, MINMAX }

    private final Mode mode;
    private final INDArray shift;
    private final INDArray scale;

    private Normalizer(Mode mode, INDArray shift, INDArray scale) {
        this.mode = mode;
        this.shift = shift;
        this.scale = scale;
    }

    public static Mode mode(String option) {
        if (option == null || option.isBlank()) return Mode.NONE;
        try {
            return Mode.valueOf(option.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("normalize=" + option + " is not known; use none, standardize or minmax");
        }
    }

    /** Fits on {@code train}'s features. */
    public static Normalizer fit(Mode mode, Dataset train) {
        if (mode == Mode.NONE) return new Normalizer(mode, null, null);
        INDArray x = train.features();
        int[] dims = reduceDims(x.rank());
        INDArray shift;
        INDArray scale;
        if (mode == Mode.STANDARDIZE) {
            shift = x.mean(dims);
            scale = x.std(false, dims);
        } else {
            shift = x.min(dims);
            scale = x.max(dims).sub(shift);
        }
        // constant features stay constant instead of dividing by zero
        scale = org.nd4j.linalg.ops.transforms.Transforms.max(scale, 1e-8, true);
        return new Normalizer(mode, shift, scale);
    }

    /** Every axis but the feature/channel axis (1). */
    private static int[] reduceDims(int rank) {
        int[] dims = new int[rank - 1];
        dims[0] = 0;
        for (int i = 2; i < rank; i++) dims[i - 1] = i;
        return dims;
    }

    public Dataset apply(Dataset d) {
        if (d == null || mode == Mode.NONE) return d;
        INDArray x = d.features().dup();
        Broadcast.sub(x, shift, x, 1);
        Broadcast.div(x, scale, x, 1);
        return new Dataset(x, d.labels());
    }
}
