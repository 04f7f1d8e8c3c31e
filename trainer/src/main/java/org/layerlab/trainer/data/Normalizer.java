package org.layerlab.trainer.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;

/**
 * Feature scaling fitted on the training split only and then applied unchanged to validation and
 * test data: per column for tables, per channel for images, per feature for sequences; each Input's
 * features on their own. Immutable.
 */
public final class Normalizer {

    public enum Mode { NONE, STANDARDIZE, MINMAX }

    private final Mode mode;
    private final INDArray[] shift;
    private final INDArray[] scale;

    private Normalizer(Mode mode, INDArray[] shift, INDArray[] scale) {
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

    /** Fits on {@code train}'s features, each Input's array on its own. */
    public static Normalizer fit(Mode mode, Dataset train) {
        if (mode == Mode.NONE) return new Normalizer(mode, null, null);
        INDArray[] shift = new INDArray[train.inputCount()];
        INDArray[] scale = new INDArray[train.inputCount()];
        for (int i = 0; i < shift.length; i++) {
            INDArray x = train.features(i);
            int[] dims = reduceDims(x.rank());
            if (mode == Mode.STANDARDIZE) {
                shift[i] = x.mean(dims);
                scale[i] = x.std(false, dims);
            } else {
                shift[i] = x.min(dims);
                scale[i] = x.max(dims).sub(shift[i]);
            }
            // constant features stay constant instead of dividing by zero
            scale[i] = org.nd4j.linalg.ops.transforms.Transforms.max(scale[i], 1e-8, true);
        }
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
        if (d.inputCount() != shift.length) {
            throw new IllegalArgumentException("the normalizer was fitted on " + shift.length + " Inputs but the data has " + d.inputCount());
        }
        INDArray[] features = new INDArray[d.inputCount()];
        INDArray[] labels = new INDArray[d.outputCount()];
        for (int i = 0; i < features.length; i++) {
            INDArray x = d.features(i).dup();
            Broadcast.sub(x, shift[i], x, 1);
            Broadcast.div(x, scale[i], x, 1);
            features[i] = x;
        }
        for (int i = 0; i < labels.length; i++) labels[i] = d.labels(i);
        return new Dataset(features, labels);
    }
}
