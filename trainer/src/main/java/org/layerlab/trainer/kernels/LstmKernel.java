package org.layerlab.trainer.kernels;

import static org.layerlab.trainer.kernels.JavaBlas.sigmoid;
import static org.layerlab.trainer.kernels.JavaBlas.tanh;

/**
 * DL4J's LSTM ("no peephole", sigmoid gates, tanh block input and cell output) as a time loop over Java
 * arrays with one BLAS product a step each way. DL4J keeps every weight matrix's and the bias's columns in
 * four blocks [block input a, forget f, output o, input gate g]; with z = x·Wx + h·Wr + b per step:
 * <pre>
 *   a = tanh(z_a)   f = σ(z_f)   o = σ(z_o)   g = σ(z_g)
 *   c' = f⊙c + g⊙a          h' = o⊙tanh(c')
 * </pre>
 * Rows are time-major: row t·batch + e is example e at step t. The products over all steps at once (input
 * weights, weight gradients, input gradient) are one BLAS call each.
 */
public final class LstmKernel {
    private LstmKernel() {}

    /**
     * A forward pass: the input rows [T·B, nIn], states h₀…h_T and c₀…c_T, tanh(c₁…c_T), and the four
     * activations per step in DL4J's block order [T·B, 4u].
     */
    public record Trace(boolean single, double[] x, int steps, int batch, int inputs, int units, double[] h, double[] c,
                        double[] tanhC, double[] acts) {
        /** h_T, the last step's output [B, u]. */
        public double[] lastOutput() {
            return java.util.Arrays.copyOfRange(h, steps * batch * units, (steps + 1) * batch * units);
        }

        /** c_T, the last step's cell state [B, u]. */
        public double[] lastCell() {
            return java.util.Arrays.copyOfRange(c, steps * batch * units, (steps + 1) * batch * units);
        }

        /** The outputs h₁…h_T [T, B, u]. */
        public double[] outputs() {
            return java.util.Arrays.copyOfRange(h, batch * units, (steps + 1) * batch * units);
        }
    }

    /** The gradients: input weights [nIn, 4u], recurrent weights [u, 4u], bias [4u], input rows [T·B, nIn]. */
    public record Gradients(double[] inputWeights, double[] recurrentWeights, double[] bias, double[] input) {}

    /**
     * @param x   input rows [T·B, nIn]; {@code wx} [nIn, 4u], {@code wr} [u, 4u], {@code bias} [4u], row-major
     * @param h0  the output before the first step [B, u], or null for zeros; {@code c0} likewise the cell state
     */
    public static Trace forward(boolean single, double[] x, int steps, int batch, int nIn, int u, double[] wx, double[] wr,
                                double[] bias, double[] h0, double[] c0) {
        int b = batch, n = steps, w4 = 4 * u;
        double[] z = JavaBlas.times(single, x, 0, nIn, false, wx, 0, w4, false, n * b, w4, nIn);
        double[] h = new double[(n + 1) * b * u], c = new double[(n + 1) * b * u], tc = new double[n * b * u], acts = z;
        if (h0 != null) System.arraycopy(h0, 0, h, 0, b * u);
        if (c0 != null) System.arraycopy(c0, 0, c, 0, b * u);
        double[] hr = new double[b * w4];
        try (JavaBlas.Step recurrent = new JavaBlas.Step(single, b, u, wr, w4)) {
            for (int s = 0; s < n; s++) {
                recurrent.times(h, s * b * u, hr);
                for (int e = 0; e < b; e++) {
                    int row = s * b + e, zr = row * w4, er = e * w4, prev = row * u, next = prev + b * u;
                    for (int j = 0; j < u; j++) {
                        double a = tanh(z[zr + j] + hr[er + j] + bias[j]);
                        double f = sigmoid(z[zr + u + j] + hr[er + u + j] + bias[u + j]);
                        double o = sigmoid(z[zr + 2 * u + j] + hr[er + 2 * u + j] + bias[2 * u + j]);
                        double g = sigmoid(z[zr + 3 * u + j] + hr[er + 3 * u + j] + bias[3 * u + j]);
                        double cell = f * c[prev + j] + g * a, t = tanh(cell);
                        acts[zr + j] = a;
                        acts[zr + u + j] = f;
                        acts[zr + 2 * u + j] = o;
                        acts[zr + 3 * u + j] = g;
                        c[next + j] = cell;
                        tc[prev + j] = t;
                        h[next + j] = o * t;
                    }
                }
            }
        }
        return new Trace(single, x, n, b, nIn, u, h, c, tc, acts);
    }

    /**
     * Backpropagation through the whole sequence; the initial states are held constant.
     * @param eps the gradient reaching each step's output [T, B, u]
     */
    public static Gradients backward(Trace tr, double[] eps, double[] wx, double[] wr) {
        int n = tr.steps(), b = tr.batch(), u = tr.units(), w4 = 4 * u, nIn = tr.inputs(), rows = n * b;
        boolean single = tr.single();
        double[] c = tr.c(), tc = tr.tanhC(), acts = tr.acts();
        double[] dz = new double[rows * w4], dh = new double[b * u], dc = new double[b * u], back = new double[b * u];
        try (JavaBlas.Step recurrentT = new JavaBlas.Step(single, b, w4, JavaBlas.transpose(wr, u, w4), u)) {
            for (int s = n - 1; s >= 0; s--) {
                for (int e = 0; e < b; e++) {
                    int row = s * b + e, zr = row * w4, prev = row * u, d = e * u;
                    for (int j = 0; j < u; j++) {
                        double a = acts[zr + j], f = acts[zr + u + j], o = acts[zr + 2 * u + j], g = acts[zr + 3 * u + j];
                        double t = tc[prev + j], dhj = dh[d + j] + eps[prev + j];
                        double dcj = dc[d + j] + dhj * o * (1 - t * t);
                        dz[zr + j] = dcj * g * (1 - a * a);
                        dz[zr + u + j] = dcj * c[prev + j] * f * (1 - f);
                        dz[zr + 2 * u + j] = dhj * t * o * (1 - o);
                        dz[zr + 3 * u + j] = dcj * a * g * (1 - g);
                        dc[d + j] = dcj * f;
                    }
                }
                recurrentT.times(dz, s * b * w4, back);
                System.arraycopy(back, 0, dh, 0, b * u);
            }
        }
        double[] gWx, gWr, dx;
        try (JavaBlas.Native nz = new JavaBlas.Native(single, dz); JavaBlas.Native nx = new JavaBlas.Native(single, tr.x());
             JavaBlas.Native nh = new JavaBlas.Native(single, tr.h()); JavaBlas.Native nw = new JavaBlas.Native(single, wx)) {
            gWx = JavaBlas.times(nx, 0, nIn, true, nz, 0, w4, false, nIn, w4, rows);
            gWr = JavaBlas.times(nh, 0, u, true, nz, 0, w4, false, u, w4, rows);
            dx = JavaBlas.times(nz, 0, w4, false, nw, 0, w4, true, rows, nIn, w4);
        }
        double[] gB = new double[w4];
        for (int row = 0; row < rows; row++) for (int j = 0; j < w4; j++) gB[j] += dz[row * w4 + j];
        return new Gradients(gWx, gWr, gB, dx);
    }
}
