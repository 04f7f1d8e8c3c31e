package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** The branch-free ReLU gradient equals its definition, g where z > 0 else 0, at every edge a sign test has. */
class PointActivationTest {
    private static final double[] EDGES = {1.5, -1.5, 0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -1e-300};

    private static boolean agreesEverywhere(DoubleBinaryOperator f) {
        for (double z : EDGES) {
            for (double g : new double[] {2.5, -0.75}) {
                double expected = z > 0 ? g : 0.0;
                if (Double.compare(Math.abs(f.applyAsDouble(z, g)), Math.abs(expected)) != 0) return false;
                if (f.applyAsDouble(z, g) != expected) return false;
            }
        }
        return true;
    }

    @Test
    void passIfPositiveEqualsTheDefinitionInDoubleAndFloat() {
        assertThat(agreesEverywhere(PointActivation::passIfPositive)).isTrue();
        for (double z : EDGES) {
            float zf = (float) z, expected = zf > 0 ? 3.25f : 0f;
            assertThat(PointActivation.passIfPositive(zf, 3.25f)).as("z = %s", zf).isEqualTo(expected);
        }
    }

    /** Control: a test of the sign bit alone passes +0 through, and the edges catch it. */
    @Test
    void aSignBitOnlyTestFailsTheSameCheck() {
        assertThat(agreesEverywhere((z, g) -> Double.doubleToRawLongBits(z) >= 0 ? g : 0.0)).isFalse();
    }
}
