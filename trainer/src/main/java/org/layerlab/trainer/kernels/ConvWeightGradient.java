package org.layerlab.trainer.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weight and bias gradients of a 2-D convolution over NCHW data, without the gradient with respect to
 * its input: per example, the input patches as columns (im2col, in Java) and one BLAS product
 * δₑ [O, OH·OW] · colsₑᵀ [OH·OW, C·kH·kW] added into [O, C·kH·kW]. For a network's first convolution,
 * whose input gradient training drops: oneDNN's backward pass computes it every time, and for one input
 * channel it took longer than the weights' (LeNet, DNNL_VERBOSE: 4.6 against 2.1 ms a batch, plus a
 * reorder of the result). Strides, padding (top-left; the far side is implicit) and dilation as DL4J
 * defines them. FLOAT or DOUBLE; one object per layer, one thread at a time (it keeps its work arrays).
 */
public final class ConvWeightGradient implements WorkArrays {
    /** OpenBLAS's largest single-threaded product, m·n·k (its SMP_THRESHOLD_MIN × GEMM_MULTITHREAD_THRESHOLD). */
    static final int SINGLE_THREAD_WORK = 65536 * 4;
    private NativeMatrix cols, product;
    private double[] image, patches, row;

    @Override
    public void releaseWork() {
        NativeMatrix.closeAll(cols, product);
    }

    /**
     * Writes ∂L/∂W [O, C, kH, kW] and, when {@code biasGrad} is not null, ∂L/∂b [O] (its view's shape).
     * @param input [B, C, H, W]; {@code delta} the gradient at the pre-activation [B, O, OH, OW], same type
     */
    public void compute(INDArray input, INDArray delta, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
                        INDArray weightGrad, INDArray biasGrad) {
        boolean single = input.dataType() == DataType.FLOAT;
        int b = (int) input.size(0), c = (int) input.size(1), h = (int) input.size(2), w = (int) input.size(3);
        int o = (int) delta.size(1), oh = (int) delta.size(2), ow = (int) delta.size(3), k = c * kH * kW, p = oh * ow;
        NativeMatrix x = NativeMatrix.view(Sequences.readable(input, single), b * c, h * w);
        NativeMatrix d = NativeMatrix.view(Sequences.readable(delta, single), b * o, p);
        cols = NativeMatrix.reuse(cols, single, k, p);
        product = NativeMatrix.reuse(product, single, o, k);
        if (image == null || image.length < c * h * w) image = new double[c * h * w];
        if (patches == null || patches.length < k * p) patches = new double[k * p];
        // OpenBLAS runs a product of m·n·k ≤ 4·65536 on the calling thread; a larger one wakes its workers,
        // which then spin and slow the oneDNN (OpenMP) operations that follow on two cores (the residual
        // CNN trained 30 % slower with one product per example). So the output positions go in chunks.
        int chunk = Math.max(1, Math.min(p, SINGLE_THREAD_WORK / Math.max(1, o * k)));
        for (int e = 0; e < b; e++) {
            x.read(e * c * h * w, image, 0, c * h * w);
            im2col(image, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, oh, ow, patches);
            cols.write(0, patches, 0, k * p);
            for (int at = 0; at < p; at += chunk) { // columns [at, at + n) of this example's δ and patches
                int n = Math.min(chunk, p - at);
                NativeMatrix.gemm(false, true, o, k, n, 1, d, e * o * p + at, p, cols, at, p, e == 0 && at == 0 ? 0 : 1, product, 0, k);
            }
        }
        if (b == 0) product.clear();
        Sequences.store(product, weightGrad);
        if (biasGrad == null) return;
        double[] sums = new double[o];
        if (row == null || row.length < p) row = new double[p];
        for (int r = 0; r < b * o; r++) {
            d.read(r * p, row, 0, p);
            double s = 0;
            for (int i = 0; i < p; i++) s += row[i];
            sums[r % o] += s;
        }
        NdBlas.store(biasGrad, sums);
    }

    /** Row (ch, i, j) of the patches holds, for every output position, the input under kernel tap (i, j) of channel ch (zero outside). */
    static void im2col(double[] image, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
                       int oh, int ow, double[] out) {
        int at = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kH; i++) {
                for (int j = 0; j < kW; j++) {
                    for (int y = 0; y < oh; y++) {
                        int iy = y * sH - pH + i * dH, base = (ch * h + iy) * w;
                        boolean rowInside = iy >= 0 && iy < h;
                        for (int x = 0; x < ow; x++) {
                            int ix = x * sW - pW + j * dW;
                            out[at++] = rowInside && ix >= 0 && ix < w ? image[base + ix] : 0;
                        }
                    }
                }
            }
        }
    }
}
