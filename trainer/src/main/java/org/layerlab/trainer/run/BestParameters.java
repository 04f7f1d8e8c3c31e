package org.layerlab.trainer.run;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.spec.Loss;
import org.layerlab.trainer.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run's validation after each epoch and the parameters of its best epoch, which early stopping
 * restores. The caller holds the network's lock around every call. Training thread (the last
 * evaluation is read from any thread).
 */
final class BestParameters {
    private final Dataset validation;
    private final Loss loss;
    private final int batchSize;
    private INDArray best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;
    private volatile Evaluation last;
    private boolean improved;

    /** @param validation may be null (nothing is evaluated) */
    BestParameters(Dataset validation, Loss loss, int batchSize) {
        this.validation = validation;
        this.loss = loss;
        this.batchSize = batchSize;
    }

    /** Evaluates the validation data in inference mode (null without any) and keeps the parameters if it is the best so far. */
    Evaluation evaluate(ComputationGraph net, int epoch) {
        improved = false;
        if (validation == null || validation.size() == 0) {
            last = null;
            return null;
        }
        Evaluation e = Evaluation.of(net, validation, loss, batchSize);
        last = e;
        improved = e.loss() < bestLoss;
        if (improved) {
            bestLoss = e.loss();
            bestEpoch = epoch;
            if (best != null) best.close();
            best = net.params().dup();
        }
        return e;
    }

    /** True if the latest evaluation beat every earlier one. */
    boolean improved() {
        return improved;
    }

    Evaluation last() {
        return last;
    }

    double bestLoss() {
        return bestLoss;
    }

    /** The epoch (0-based) whose parameters are kept; -1 before any. */
    int bestEpoch() {
        return bestEpoch;
    }

    /** Puts the best epoch's parameters back, if there was one, and measures them again (null if none). */
    Evaluation restore(ComputationGraph net) {
        if (best == null) return null;
        net.setParams(best);
        return Evaluation.of(net, validation, loss, batchSize);
    }

    /** Frees the kept copy (the run released its network). */
    void release() {
        if (best != null) best.close();
        best = null;
    }
}
