package org.layerlab.trainer.kernels;

/**
 * Batch normalization per channel over row-major [N, C, HW] values (NCHW images; a dense layer's
 * [N, C] has HW = 1), in double precision whatever the layer's: y = γ·(x − μ)/√(σ² + ε) + β with the
 * batch's mean μ and biased variance σ² when training (as DL4J defines them), the running ones in
 * inference. Each pass walks the values in memory order, one channel's HW-long runs at a time; the
 * channels are shared out over the cores ({@link ChannelSplit}).
 */
public final class BatchNormKernel {
    private BatchNormKernel() {}

    /** Training forward pass: the batch's per-channel mean and variance into {@code mean} and {@code var} [C], the output into y. */
    public static void forwardTraining(double[] x, int n, int c, int hw, double[] gamma, double[] beta, double eps,
                                       double[] mean, double[] var, double[] y) {
        double m = (double) n * hw;
        ChannelSplit.run(c, (long) n * c * hw, (from, to) -> {
            for (int ch = from; ch < to; ch++) {
                double s = 0;
                for (int e = 0; e < n; e++) s += sum(x, (e * c + ch) * hw, hw);
                double mu = s / m, q = 0;
                // two passes: the square of the mean subtracted from the mean square loses digits when μ² ≫ σ²
                for (int e = 0; e < n; e++) q += centeredSquares(x, (e * c + ch) * hw, hw, mu);
                mean[ch] = mu;
                var[ch] = q / m;
                normalize(x, n, c, hw, ch, gamma, beta, mean, var, eps, y);
            }
        });
    }

    /** Normalizes with the given per-channel mean and variance (the running ones in inference). */
    public static void forwardInference(double[] x, int n, int c, int hw, double[] gamma, double[] beta,
                                        double[] mean, double[] var, double eps, double[] y) {
        ChannelSplit.run(c, (long) n * c * hw, (from, to) -> {
            for (int ch = from; ch < to; ch++) normalize(x, n, c, hw, ch, gamma, beta, mean, var, eps, y);
        });
    }

    private static void normalize(double[] x, int n, int c, int hw, int ch, double[] gamma, double[] beta, double[] mean,
                                  double[] var, double eps, double[] y) {
        double scale = gamma[ch] / Math.sqrt(var[ch] + eps), shift = beta[ch] - mean[ch] * scale;
        for (int e = 0; e < n; e++) {
            int at = (e * c + ch) * hw;
            for (int i = 0; i < hw; i++) y[at + i] = x[at + i] * scale + shift;
        }
    }

    /**
     * Backward pass of a training forward pass that had {@code mean} and {@code var}: ∂L/∂γ and ∂L/∂β
     * [C], and ∂L/∂x = γ/σ̂ · (dy − Σdy/M − x̂ · Σ(dy·x̂)/M) with σ̂ = √(σ² + ε), x̂ = (x − μ)/σ̂, M = N·HW.
     */
    public static void backward(double[] x, double[] dy, int n, int c, int hw, double[] gamma, double[] mean, double[] var,
                                double eps, double[] dx, double[] dGamma, double[] dBeta) {
        double m = (double) n * hw;
        ChannelSplit.run(c, (long) n * c * hw, (from, to) -> {
            for (int ch = from; ch < to; ch++) backwardChannel(x, dy, n, c, hw, ch, m, gamma, mean, var, eps, dx, dGamma, dBeta);
        });
    }

    private static void backwardChannel(double[] x, double[] dy, int n, int c, int hw, int ch, double m, double[] gamma,
                                        double[] mean, double[] var, double eps, double[] dx, double[] dGamma, double[] dBeta) {
        double mu = mean[ch], inv = 1 / Math.sqrt(var[ch] + eps), sumDy = 0, sumDyCentered = 0;
        for (int e = 0; e < n; e++) {
            int at = (e * c + ch) * hw;
            sumDy += sum(dy, at, hw);
            sumDyCentered += centeredDot(dy, x, at, hw, mu);
        }
        double sumDyXhat = sumDyCentered * inv;
        dGamma[ch] = sumDyXhat;
        dBeta[ch] = sumDy;
        // dx = k·dy + kx·x + k0, the formula above with x̂ expanded
        double k = gamma[ch] * inv, kx = -k * inv * sumDyXhat / m, k0 = -k * sumDy / m - kx * mu;
        for (int e = 0; e < n; e++) {
            int at = (e * c + ch) * hw;
            for (int i = 0; i < hw; i++) dx[at + i] = k * dy[at + i] + kx * x[at + i] + k0;
        }
    }

    // Four partial sums: the JIT keeps a floating-point sum in program order, so one accumulator waits for
    // each addition to finish (≈ 4 cycles); four independent chains run about four times as fast.

    private static double sum(double[] v, int at, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = at, end = at + len, end4 = at + (len & ~3);
        for (; i < end4; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < end; i++) s0 += v[i];
        return (s0 + s1) + (s2 + s3);
    }

    private static double centeredSquares(double[] v, int at, int len, double mu) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = at, end = at + len, end4 = at + (len & ~3);
        for (; i < end4; i += 4) {
            double d0 = v[i] - mu, d1 = v[i + 1] - mu, d2 = v[i + 2] - mu, d3 = v[i + 3] - mu;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < end; i++) s0 += (v[i] - mu) * (v[i] - mu);
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ a·(b − mu) over the run. */
    private static double centeredDot(double[] a, double[] b, int at, int len, double mu) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = at, end = at + len, end4 = at + (len & ~3);
        for (; i < end4; i += 4) {
            s0 += a[i] * (b[i] - mu);
            s1 += a[i + 1] * (b[i + 1] - mu);
            s2 += a[i + 2] * (b[i + 2] - mu);
            s3 += a[i + 3] * (b[i + 3] - mu);
        }
        for (; i < end; i++) s0 += a[i] * (b[i] - mu);
        return (s0 + s1) + (s2 + s3);
    }
}
