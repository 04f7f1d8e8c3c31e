package org.layerlab.trainer.kernels;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * {@link BatchNormKernel}'s passes for single-precision maps in native memory (row-major [N, C, HW], one
 * block): each channel's runs are copied into a Java work array once, its statistics and outputs computed
 * there (they stay in the core's cache between the passes) and the results copied out. The arithmetic is
 * the double-precision kernel's, value for value and in the same order (each float widened as it is read,
 * each result rounded once), so both give the same floats bit for bit. Converting whole maps to double
 * arrays and back first was 12 % of the residual CNN's training thread, more than the kernel itself.
 * Channels are shared out over the cores ({@link ChannelSplit}); each channel's runs sit at their own
 * places in the work arrays, so the parts never share a value.
 */
public final class BatchNormFloat {
    private BatchNormFloat() {}

    /**
     * Training forward pass: the batch's per-channel mean and biased variance into {@code mean} and
     * {@code var} [C], the normalized values into {@code out}. {@code work} holds at least n·c·hw values.
     */
    public static void forwardTraining(Pointer in, Pointer out, int n, int c, int hw, double[] gamma, double[] beta, double eps,
                                       double[] mean, double[] var, float[] work) {
        double m = (double) n * hw;
        ChannelSplit.run(c, (long) n * c * hw, (from, to) -> {
            FloatPointer src = new FloatPointer(in), dst = new FloatPointer(out);
            for (int ch = from; ch < to; ch++) {
                double s = 0;
                for (int e = 0; e < n; e++) {
                    int at = (e * c + ch) * hw;
                    src.position(at).get(work, at, hw);
                    s += sum(work, at, hw);
                }
                double mu = s / m, q = 0;
                for (int e = 0; e < n; e++) q += centeredSquares(work, (e * c + ch) * hw, hw, mu);
                mean[ch] = mu;
                var[ch] = q / m;
                normalize(work, dst, n, c, hw, ch, gamma, beta, mean, var, eps);
            }
        });
    }

    /** Normalizes {@code in} into {@code out} with the given per-channel mean and variance (the running ones in inference). */
    public static void forwardInference(Pointer in, Pointer out, int n, int c, int hw, double[] gamma, double[] beta,
                                        double[] mean, double[] var, double eps, float[] work) {
        ChannelSplit.run(c, (long) n * c * hw, (from, to) -> {
            FloatPointer src = new FloatPointer(in), dst = new FloatPointer(out);
            for (int ch = from; ch < to; ch++) {
                for (int e = 0; e < n; e++) {
                    int at = (e * c + ch) * hw;
                    src.position(at).get(work, at, hw);
                }
                normalize(work, dst, n, c, hw, ch, gamma, beta, mean, var, eps);
            }
        });
    }

    /** y = x·scale + shift over one channel's runs in {@code work}, in place, then copied to {@code dst}. */
    private static void normalize(float[] work, FloatPointer dst, int n, int c, int hw, int ch, double[] gamma, double[] beta,
                                  double[] mean, double[] var, double eps) {
        double scale = gamma[ch] / Math.sqrt(var[ch] + eps), shift = beta[ch] - mean[ch] * scale;
        for (int e = 0; e < n; e++) {
            int at = (e * c + ch) * hw;
            for (int i = at; i < at + hw; i++) work[i] = (float) (work[i] * scale + shift);
            dst.position(at).put(work, at, hw);
        }
    }

    /**
     * Backward pass of a training forward pass over {@code in} that had {@code mean} and {@code var}:
     * ∂L/∂γ and ∂L/∂β [C], ∂L/∂x into {@code dx} (see {@link BatchNormKernel#backward}). {@code xs} and
     * {@code dys} hold at least n·c·hw values each.
     */
    public static void backward(Pointer in, Pointer dy, Pointer dx, int n, int c, int hw, double[] gamma, double[] mean,
                                double[] var, double eps, double[] dGamma, double[] dBeta, float[] xs, float[] dys) {
        double m = (double) n * hw;
        ChannelSplit.run(c, (long) n * c * hw, (from, to) -> {
            FloatPointer x = new FloatPointer(in), g = new FloatPointer(dy), out = new FloatPointer(dx);
            for (int ch = from; ch < to; ch++) {
                double mu = mean[ch], inv = 1 / Math.sqrt(var[ch] + eps), sumDy = 0, sumDyCentered = 0;
                for (int e = 0; e < n; e++) {
                    int at = (e * c + ch) * hw;
                    x.position(at).get(xs, at, hw);
                    g.position(at).get(dys, at, hw);
                    sumDy += sum(dys, at, hw);
                    sumDyCentered += centeredDot(dys, xs, at, hw, mu);
                }
                double sumDyXhat = sumDyCentered * inv;
                dGamma[ch] = sumDyXhat;
                dBeta[ch] = sumDy;
                double k = gamma[ch] * inv, kx = -k * inv * sumDyXhat / m, k0 = -k * sumDy / m - kx * mu;
                for (int e = 0; e < n; e++) {
                    int at = (e * c + ch) * hw;
                    for (int i = at; i < at + hw; i++) dys[i] = (float) (k * dys[i] + kx * xs[i] + k0);
                    out.position(at).put(dys, at, hw);
                }
            }
        });
    }

    // Four partial sums in double, as BatchNormKernel's (the same order, so the same results).

    private static double sum(float[] v, int at, int len) {
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

    private static double centeredSquares(float[] v, int at, int len, double mu) {
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
    private static double centeredDot(float[] a, float[] b, int at, int len, double mu) {
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
