package org.layerlab.trainer.data;

import java.util.Objects;

/**
 * A data set ready for training: the training examples (validation is split off them by the run's
 * settings), the held-out test examples when the set has them (else null), and what it is.
 */
public record LoadedData(Dataset train, Dataset test, DataInfo info) {
    public LoadedData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(info, "info");
    }
}
