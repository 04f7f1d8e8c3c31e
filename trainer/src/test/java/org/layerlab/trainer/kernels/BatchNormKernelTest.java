package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch norm kernel's backward pass against central finite differences of its own forward pass in
 * double precision, for the loss L = Σ w·y with fixed random w (so ∂L/∂y = w), images and vectors.
 * The control, a backward pass that forgets that the batch statistics depend on x, must fail the check.
 */
class BatchNormKernelTest {
    private static final double EPS = 1e-5;

    private record Case(int n, int c, int hw, double[] x, double[] gamma, double[] beta, double[] w) {
        static Case random(int n, int c, int hw, long seed) {
            Random r = new Random(seed);
            double[] x = new double[n * c * hw], w = new double[x.length], g = new double[c], b = new double[c];
            for (int i = 0; i < x.length; i++) {
                x[i] = 1.5 * r.nextGaussian() + 0.7 * (i % 3);
                w[i] = r.nextGaussian();
            }
            for (int i = 0; i < c; i++) {
                g[i] = 0.5 + r.nextDouble();
                b[i] = r.nextGaussian();
            }
            return new Case(n, c, hw, x, g, b, w);
        }

        double loss(double[] xv, double[] gv, double[] bv) {
            double[] y = new double[xv.length];
            BatchNormKernel.forwardTraining(xv, n, c, hw, gv, bv, EPS, new double[c], new double[c], y);
            double l = 0;
            for (int i = 0; i < y.length; i++) l += w[i] * y[i];
            return l;
        }
    }

    /** Largest |analytic − numeric| / (1 + |numeric|) over ∂L/∂x, ∂L/∂γ and ∂L/∂β. */
    private static double worstError(Case k, double[] dx, double[] dGamma, double[] dBeta) {
        double h = 1e-5, worst = 0;
        for (int i = 0; i < k.x.length; i++) worst = Math.max(worst, error(dx[i], numeric(k, k.x, i, h)));
        for (int i = 0; i < k.c; i++) {
            worst = Math.max(worst, error(dGamma[i], numeric(k, k.gamma, i, h)));
            worst = Math.max(worst, error(dBeta[i], numeric(k, k.beta, i, h)));
        }
        return worst;
    }

    private static double numeric(Case k, double[] of, int i, double h) {
        double keep = of[i];
        of[i] = keep + h;
        double up = k.loss(k.x, k.gamma, k.beta);
        of[i] = keep - h;
        double down = k.loss(k.x, k.gamma, k.beta);
        of[i] = keep;
        return (up - down) / (2 * h);
    }

    private static double error(double analytic, double numeric) {
        return Math.abs(analytic - numeric) / (1 + Math.abs(numeric));
    }

    private static double[][] backward(Case k) {
        double[] mean = new double[k.c], var = new double[k.c], y = new double[k.x.length];
        BatchNormKernel.forwardTraining(k.x, k.n, k.c, k.hw, k.gamma, k.beta, EPS, mean, var, y);
        double[] dx = new double[k.x.length], dGamma = new double[k.c], dBeta = new double[k.c];
        BatchNormKernel.backward(k.x, k.w, k.n, k.c, k.hw, k.gamma, mean, var, EPS, dx, dGamma, dBeta);
        return new double[][] {dx, dGamma, dBeta, mean, var};
    }

    @Test
    void gradientsEqualFiniteDifferencesForImagesAndVectors() {
        for (Case k : new Case[] {Case.random(4, 3, 5 * 4, 1), Case.random(6, 5, 1, 2), Case.random(1, 2, 9, 3)}) {
            double[][] g = backward(k);
            assertThat(worstError(k, g[0], g[1], g[2])).as("n=%d c=%d hw=%d", k.n, k.c, k.hw).isLessThan(1e-7);
        }
    }

    @Test
    void forwardNormalizesEachChannelWithTheBatchsMeanAndBiasedVariance() {
        Case k = Case.random(3, 2, 4, 4);
        double[][] g = backward(k);
        for (int ch = 0; ch < k.c; ch++) {
            double s = 0, q = 0;
            for (int e = 0; e < k.n; e++) for (int i = 0; i < k.hw; i++) s += k.x[(e * k.c + ch) * k.hw + i];
            double mu = s / (k.n * k.hw);
            for (int e = 0; e < k.n; e++) for (int i = 0; i < k.hw; i++) q += Math.pow(k.x[(e * k.c + ch) * k.hw + i] - mu, 2);
            assertThat(g[3][ch]).isCloseTo(mu, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(g[4][ch]).isCloseTo(q / (k.n * k.hw), org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    /** Control: ∂L/∂x as if μ and σ² were constants (γ/σ̂ · dy) is what a careless kernel computes; the check catches it. */
    @Test
    void aBackwardPassIgnoringTheBatchStatisticsFailsTheCheck() {
        Case k = Case.random(4, 3, 6, 5);
        double[][] g = backward(k);
        double[] careless = new double[k.x.length];
        for (int i = 0; i < careless.length; i++) {
            int ch = (i / k.hw) % k.c;
            careless[i] = k.w[i] * k.gamma[ch] / Math.sqrt(g[4][ch] + EPS);
        }
        assertThat(worstError(k, careless, g[1], g[2])).isGreaterThan(1e-3);
    }
}
