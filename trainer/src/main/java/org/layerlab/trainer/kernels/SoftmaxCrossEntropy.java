package org.layerlab.trainer.kernels;

/**
 * Softmax with cross-entropy over rows, in Java loops, as DL4J's {@code LossMCXENT} defines it (unweighted):
 * the gradient with respect to the pre-activation is p − y; the loss is −Σ y·log p with p clipped to
 * [ε, 1 − ε]. One per layer object: it keeps the last batch's probabilities and labels, so the loss that
 * DL4J asks for after the backward pass costs one more loop instead of the forward pass again.
 */
public final class SoftmaxCrossEntropy {
    private double[] p, y, delta;
    private int n;

    /**
     * p = softmax(z) row by row and δ = p − y for [rows, width] row-major values; returns δ (this object's
     * array). Rows are shared out over the cores when there are many ({@link ChannelSplit}; a per-step output
     * layer's 1,600 rows of 83 classes took 5 % of the char-LSTM's training thread in {@code Math.exp}); each
     * row is computed whole by one thread, so the results do not depend on the split.
     */
    public double[] gradient(double[] z, double[] labels, int rows, int width) {
        n = rows * width;
        if (p == null || p.length < n) {
            p = new double[n];
            delta = new double[n];
        }
        y = labels;
        double[] p = this.p, delta = this.delta;
        ChannelSplit.run(rows, n, (first, end) -> {
            for (int r = first; r < end; r++) {
                int at = r * width;
                double max = Double.NEGATIVE_INFINITY, sum = 0;
                for (int c = 0; c < width; c++) max = Math.max(max, z[at + c]);
                for (int c = 0; c < width; c++) sum += p[at + c] = Math.exp(z[at + c] - max);
                for (int c = 0; c < width; c++) {
                    p[at + c] /= sum;
                    delta[at + c] = p[at + c] - labels[at + c];
                }
            }
        });
        return delta;
    }

    /** The most probable class of each row of the last {@link #gradient} call ([rows, width]). */
    public int[] predicted(int width) {
        int[] out = new int[n / width];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int c = 1; c < width; c++) if (p[r * width + c] > p[r * width + best]) best = c;
            out[r] = best;
        }
        return out;
    }

    /** −Σ y·log p (p clipped to [eps, 1 − eps]) over the last {@link #gradient} call's rows. */
    public double loss(double eps) {
        double sum = 0;
        for (int i = 0; i < n; i++) if (y[i] != 0) sum += y[i] * Math.log(Math.min(Math.max(p[i], eps), 1 - eps));
        return -sum;
    }
}
