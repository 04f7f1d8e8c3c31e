package org.layerlab.trainer.run;

import org.layerlab.trainer.metrics.Classes;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One epoch's running training loss and accuracy, from the batches as they were trained (as Keras
 * reports them): no second pass over the data. Loss comes from every batch; accuracy from the batches
 * whose predictions were recorded (the run spreads 16 over each epoch). Training thread only.
 */
final class EpochTally {
    private final boolean sparse;
    private double lossSum;
    private int batches;
    private long correct;
    private long seen;

    EpochTally(boolean sparseLabels) {
        this.sparse = sparseLabels;
    }

    /** @param predicted the classes the training forward pass predicted, or null when not a classifier */
    void add(double score, int[] predicted, INDArray labels) {
        lossSum += score;
        batches++;
        if (predicted == null) return;
        int[] actual = Classes.actual(labels, sparse, (int) labels.size(1));
        if (actual.length != predicted.length) return;
        for (int i = 0; i < predicted.length; i++) if (predicted[i] == actual[i]) correct++;
        seen += predicted.length;
    }

    double loss() {
        return batches == 0 ? Double.NaN : lossSum / batches;
    }

    double accuracy() {
        return seen == 0 ? Double.NaN : correct / (double) seen;
    }
}
