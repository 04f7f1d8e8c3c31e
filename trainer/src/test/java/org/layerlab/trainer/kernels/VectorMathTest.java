package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The vectorizable exponential is accurate to 3e-13 where the kernels use it, and the measure can tell a cruder one apart. */
class VectorMathTest {

    /** The largest relative error of {@code exp} against Math.exp on a fine grid of [-88, 88]. */
    private static double worstRelativeError(java.util.function.DoubleUnaryOperator exp) {
        double worst = 0;
        for (int i = -880_000; i <= 880_000; i++) {
            double x = i / 10_000.0, e = Math.exp(x);
            worst = Math.max(worst, Math.abs(exp.applyAsDouble(x) - e) / e);
        }
        return worst;
    }

    @Test
    void theExponentialIsAccurateOnItsWholeRange() {
        assertThat(worstRelativeError(VectorMath::exp)).isLessThan(3e-13);
        assertThat(VectorMath.exp(0)).isEqualTo(1.0);
        assertThat(VectorMath.exp(1000)).isEqualTo(VectorMath.exp(88)); // clamped: σ and tanh have saturated long before
        assertThat(VectorMath.exp(Double.NaN)).isNaN();
    }

    @Test
    void controlAShorterPolynomialFailsTheSameMeasure() {
        // degree 5 instead of 9, squared the same ten times
        java.util.function.DoubleUnaryOperator crude = x -> {
            double y = Math.max(-88.0, Math.min(88.0, x)) / 1024;
            double p = 1 + y * (1 + y * (1.0 / 2 + y * (1.0 / 6 + y * (1.0 / 24 + y / 120))));
            for (int k = 0; k < 10; k++) p *= p;
            return p;
        };
        assertThat(worstRelativeError(crude)).isGreaterThan(3e-13);
    }

    @Test
    void sigmoidAndTanhMatchTheirDefinitionsInBothForms() {
        double[] xs = new double[2001];
        for (int i = 0; i < xs.length; i++) xs[i] = (i - 1000) / 50.0;
        for (boolean fast : new boolean[] {true, false}) {
            double[] s = xs.clone(), t = xs.clone();
            VectorMath.sigmoid(s, 0, s.length, fast);
            VectorMath.tanh(t, 0, t.length, fast);
            for (int i = 0; i < xs.length; i++) {
                assertThat(s[i]).isCloseTo(1 / (1 + Math.exp(-xs[i])), org.assertj.core.data.Offset.offset(1e-12));
                assertThat(t[i]).isCloseTo(Math.tanh(xs[i]), org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }
}
