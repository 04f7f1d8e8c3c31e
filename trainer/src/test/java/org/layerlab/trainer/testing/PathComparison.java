package org.layerlab.trainer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Comparing a fast path with its reference path: the same network's gradients, numbers within a tolerance. */
public final class PathComparison {
    private PathComparison() {}

    /** Plain SGD at the given rate (at 1.0 DL4J's updater leaves gradients as they are, as gradient checks need). */
    public static TrainingSettings sgd(double rate) {
        return RecordProperties.with(RecordProperties.with(TrainingSettings.defaults(), "optimizer", "SGD"), "learningRate", rate);
    }

    /** Every parameter gradient of one forward and backward pass, copied, by DL4J's key. */
    public static Map<String, INDArray> gradients(ComputationGraph net, INDArray x, INDArray y) {
        net.setInputs(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        Map<String, INDArray> out = new java.util.TreeMap<>();
        net.gradient().gradientForVariable().forEach((k, v) -> out.put(k, v.dup()));
        return out;
    }

    /** Same shape and ‖actual − expected‖ / ‖expected‖ below {@code relative}. */
    public static void close(String what, INDArray actual, INDArray expected, double relative) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double scale = Math.max(1e-12, expected.norm2Number().doubleValue());
        assertThat(actual.sub(expected).norm2Number().doubleValue() / scale).as(what + ": relative difference").isLessThan(relative);
    }
}
