package org.layerlab.trainer.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.ActivationCurves;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The curves lesson 2 plots are what the trainer computes: every activation and its derivative, as
 * the formulas of {@link ActivationCurves}, equal Deeplearning4j's forward pass and backprop at
 * points from −4 to 4 (softmax as the first output of (x, 0)).
 */
class ActivationCurvesTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void theFormulasEqualDl4jsActivationAndItsDerivative(Activation a) {
        IActivation f = Dl4jTypes.activation(a);
        int n = 33;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) xs[i] = -4 + 0.25 * i + (i == 16 ? 0.125 : 0); // skip the kink at exactly 0
        double[] value = new double[n], slope = new double[n];
        if (a == Activation.SOFTMAX) {
            for (int i = 0; i < n; i++) {
                INDArray in = Nd4j.create(new double[][] {{xs[i], 0}}).castTo(DataType.DOUBLE);
                value[i] = f.getActivation(in.dup(), false).getDouble(0, 0);
                // d out0 / d x0: back-propagate (1, 0)
                slope[i] = f.backprop(in.dup(), Nd4j.create(new double[][] {{1, 0}}).castTo(DataType.DOUBLE)).getFirst().getDouble(0, 0);
            }
        } else {
            INDArray in = Nd4j.create(xs, new long[] {1, n}, DataType.DOUBLE);
            INDArray out = f.getActivation(in.dup(), false);
            INDArray grad = f.backprop(in.dup(), Nd4j.ones(DataType.DOUBLE, 1, n)).getFirst();
            for (int i = 0; i < n; i++) {
                value[i] = out.getDouble(0, i);
                slope[i] = grad.getDouble(0, i);
            }
        }
        for (int i = 0; i < n; i++) {
            assertThat(ActivationCurves.value(a, xs[i])).as(a + "(" + xs[i] + ")").isCloseTo(value[i], within(1e-5));
            assertThat(ActivationCurves.derivative(a, xs[i])).as(a + "'(" + xs[i] + ")").isCloseTo(slope[i], within(1e-5));
        }
    }
}
