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
    /** One part's work arrays and sums: a part of the batch is summed whole by one thread. */
    private static final class Part {
        NativeMatrix cols, product;
        double[] image, patches, row, biasSums;
    }
    private Part[] parts = new Part[0];

    @Override
    public void releaseWork() {
        for (Part p : parts) NativeMatrix.closeAll(p.cols, p.product);
    }

    /**
     * Writes ∂L/∂W [O, C, kH, kW] and, when {@code biasGrad} is not null, ∂L/∂b [O] (its view's shape).
     * The examples are shared out over the cores ({@link ChannelSplit}); each part sums its own examples,
     * and the parts are added in order, so the result does not depend on which thread ran which part.
     * @param input [B, C, H, W]; {@code delta} the gradient at the pre-activation [B, O, OH, OW], same type
     */
    public void compute(INDArray input, INDArray delta, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
                        INDArray weightGrad, INDArray biasGrad) {
        boolean single = input.dataType() == DataType.FLOAT;
        int b = (int) input.size(0), c = (int) input.size(1), h = (int) input.size(2), w = (int) input.size(3);
        int o = (int) delta.size(1), oh = (int) delta.size(2), ow = (int) delta.size(3), k = c * kH * kW, p = oh * ow;
        NativeMatrix x = NativeMatrix.view(Sequences.readable(input, single), b * c, h * w);
        NativeMatrix d = NativeMatrix.view(Sequences.readable(delta, single), b * o, p);
        long values = (long) b * k * p;
        int count = Math.max(1, ChannelSplit.parts(b, values));
        if (parts.length < count) parts = java.util.Arrays.copyOf(parts, count);
        for (int i = 0; i < count; i++) {
            if (parts[i] == null) parts[i] = new Part();
            Part part = parts[i];
            part.cols = NativeMatrix.reuse(part.cols, single, k, p);
            part.product = NativeMatrix.reuse(part.product, single, o, k);
            part.product.clear(); // a part may get no examples
            part.biasSums = new double[o];
        }
        Part[] in = parts;
        // one channel of the split per part: part q sums examples [b·q/count, b·(q+1)/count) on one thread
        ChannelSplit.run(count, values, (first, end) -> {
            for (int q = first; q < end; q++) {
                accumulate(in[q], x, d, (int) ((long) b * q / count), (int) ((long) b * (q + 1) / count), c, h, w, kH, kW, sH, sW, pH, pW,
                        dH, dW, o, oh, ow, biasGrad != null);
            }
        });
        // the parts in order (one part: its own sums, unchanged)
        double[] sum = new double[o * k], one = new double[o * k], biasSum = new double[o];
        for (int i = 0; i < count; i++) {
            in[i].product.read(0, one, 0, o * k);
            for (int j = 0; j < o * k; j++) sum[j] += one[j];
            for (int j = 0; j < o; j++) biasSum[j] += in[i].biasSums[j];
        }
        in[0].product.write(0, sum, 0, o * k);
        Sequences.store(in[0].product, weightGrad);
        if (biasGrad != null) NdBlas.store(biasGrad, biasSum);
    }

    /** Adds examples [from, to)'s share into a part's product and bias sums. */
    private static void accumulate(Part part, NativeMatrix x, NativeMatrix d, int from, int to, int c, int h, int w, int kH, int kW, int sH,
                                   int sW, int pH, int pW, int dH, int dW, int o, int oh, int ow, boolean bias) {
        int k = c * kH * kW, p = oh * ow;
        if (part.image == null || part.image.length < c * h * w) part.image = new double[c * h * w];
        if (part.patches == null || part.patches.length < k * p) part.patches = new double[k * p];
        if (part.row == null || part.row.length < p) part.row = new double[p];
        // OpenBLAS runs a product of m·n·k ≤ 4·65536 on the calling thread; a larger one wakes its workers,
        // which then spin and slow the oneDNN (OpenMP) operations that follow on two cores (the residual
        // CNN trained 30 % slower with one product per example). So the output positions go in chunks.
        int chunk = Math.max(1, Math.min(p, SINGLE_THREAD_WORK / Math.max(1, o * k)));
        for (int e = from; e < to; e++) {
            x.read(e * c * h * w, part.image, 0, c * h * w);
            im2col(part.image, c, h, w, kH, kW, sH, sW, pH, pW, dH, dW, oh, ow, part.patches);
            part.cols.write(0, part.patches, 0, k * p);
            for (int at = 0; at < p; at += chunk) { // columns [at, at + n) of this example's δ and patches
                int n = Math.min(chunk, p - at);
                NativeMatrix.gemm(false, true, o, k, n, 1, d, e * o * p + at, p, part.cols, at, p, 1, part.product, 0, k);
            }
            if (!bias) continue;
            for (int r = 0; r < o; r++) {
                d.read((e * o + r) * p, part.row, 0, p);
                double s = 0;
                for (int i = 0; i < p; i++) s += part.row[i];
                part.biasSums[r] += s;
            }
        }
    }

    /** ⌈a / b⌉ for b > 0 and any sign of a. */
    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    /** Row (ch, i, j) of the patches holds, for every output position, the input under kernel tap (i, j) of channel ch (zero outside). */
    static void im2col(double[] image, int c, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
                       int oh, int ow, double[] out) {
        int at = 0;
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < kH; i++) {
                for (int j = 0; j < kW; j++) {
                    // the output columns whose input column ix = x·sW − pW + j·dW lies inside [0, w)
                    int first = Math.min(ow, Math.max(0, ceilDiv(pW - j * dW, sW)));
                    int end = Math.max(first, Math.min(ow, ceilDiv(w + pW - j * dW, sW)));
                    for (int y = 0; y < oh; y++) {
                        int iy = y * sH - pH + i * dH, base = (ch * h + iy) * w;
                        if (iy < 0 || iy >= h) {
                            java.util.Arrays.fill(out, at, at + ow, 0);
                        } else {
                            java.util.Arrays.fill(out, at, at + first, 0);
                            int from = base + first * sW - pW + j * dW;
                            if (sW == 1) System.arraycopy(image, from, out, at + first, end - first);
                            else for (int x = first; x < end; x++, from += sW) out[at + x] = image[from];
                            java.util.Arrays.fill(out, at + end, at + ow, 0);
                        }
                        at += ow;
                    }
                }
            }
        }
    }
}
