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

    /**
     * Every parameter gradient of one pass on (x, y), then the parameters after three training steps on it, of
     * {@code fast} within {@code relative} of {@code reference}'s (which both networks then have taken).
     */
    public static void gradientsAndThreeStepsAgree(ComputationGraph fast, ComputationGraph reference, INDArray x, INDArray y,
                                                   double relative) {
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        for (String k : gRef.keySet()) close(k + " gradient", gFast.get(k), gRef.get(k), relative);
        for (int i = 0; i < 3; i++) {
            fast.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
            reference.fit(new org.nd4j.linalg.dataset.DataSet(x, y));
        }
        close("parameters after three steps", fast.params(), reference.params(), relative);
    }

    /** Same shape and ‖actual − expected‖ / ‖expected‖ below {@code relative}. */
    public static void close(String what, INDArray actual, INDArray expected, double relative) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double scale = Math.max(1e-12, expected.norm2Number().doubleValue());
        assertThat(actual.sub(expected).norm2Number().doubleValue() / scale).as(what + ": relative difference").isLessThan(relative);
    }

    /**
     * Single precision: a random FLOAT batch of 8 sequences [8, features, steps] in [-2, 2) with one-hot labels per
     * step, then the two networks' outputs within relative 1e-5 and every gradient within 1e-4 (float rounding over
     * the steps); the control multiplies columns [from, to) of {@code key}'s gradient by 1.01 and must be told apart.
     */
    public static void floatSequencesAgree(ComputationGraph fast, ComputationGraph reference, int features, int steps, int classes,
                                           String key, int from, int to) {
        INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, features, steps).subi(0.5).muli(4);
        INDArray y = org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, classes, steps);
        for (int i = 0; i < 8; i++) for (int t = 0; t < steps; t++) y.putScalar(new long[] {i, (i * 3 + t) % classes, t}, 1);
        close("float output", fast.outputSingle(false, x), reference.outputSingle(false, x), 1e-5);
        Map<String, INDArray> gFast = gradients(fast, x, y), gRef = gradients(reference, x, y);
        assertThat(gFast.get(key).dataType()).isEqualTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        for (String k : gRef.keySet()) close(k + " float gradient", gFast.get(k), gRef.get(k), 1e-4);
        INDArray broken = gFast.get(key).dup();
        broken.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).muli(1.01);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> close("broken", broken, gRef.get(key), 1e-4)).isInstanceOf(AssertionError.class);
    }
}
