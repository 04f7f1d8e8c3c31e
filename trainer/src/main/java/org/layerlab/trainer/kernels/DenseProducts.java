package org.layerlab.trainer.kernels;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense layer's arithmetic on ND4J arrays without ND4J operations: products straight into BLAS
 * ({@link NdBlas}), the bias in a Java loop. One per layer object: it keeps the row-major work arrays,
 * reused across passes because allocating them each time cost more than using them.
 */
public final class DenseProducts {
    private double[] z, bias, delta;

    /**
     * True when the products can run on these arrays: the weights and their gradient as they are (see
     * {@link NdBlas#fits}), the input a matrix of their type and width (a layout BLAS cannot read is copied).
     */
    public static boolean fit(INDArray input, INDArray weights, INDArray weightGrad) {
        return input.rank() == 2 && input.columns() == weights.rows() && input.dataType() == weights.dataType()
                && NdBlas.fits(weights, weightGrad);
    }

    /**
     * The pre-activation z = input·weights + bias as row-major values; {@code out} ([rows, width], row-major)
     * is the product's scratch and holds z only when there is no bias. {@code bias} may be null.
     * The returned array is this object's and valid until the next call.
     */
    public double[] forward(INDArray input, INDArray weights, INDArray bias, INDArray out) {
        NdBlas.gemmOnCores(input, false, weights, false, out);
        double[] z = this.z = NdBlas.read(out, this.z);
        if (bias == null) return z;
        double[] b = this.bias = NdBlas.read(bias, this.bias);
        int rows = (int) out.size(0), width = (int) out.size(1);
        for (int r = 0, at = 0; r < rows; r++) for (int c = 0; c < width; c++, at++) z[at] += b[c];
        return z;
    }

    /** The row-major values of an incoming gradient, in this object's array (valid until the next call). */
    public double[] gradient(INDArray g) {
        return delta = NdBlas.read(g, delta);
    }

    /**
     * The backward products from the gradient with respect to the pre-activation ({@code delta}, [rows, width],
     * its row-major values in {@code deltaValues}): weightGrad = inputᵀ·delta, biasGrad = delta's column sums
     * (when not null), epsilonNext = delta·weightsᵀ (when not null). The two products are independent: when
     * both are large enough (four times {@link SideWork#minWork()} multiply-adds each, ≈ 0.25 ms), the weight
     * gradient's runs on the helper thread meanwhile; each is computed whole by one thread, so the results
     * are the same either way.
     */
    public static void backward(INDArray input, INDArray weights, INDArray delta, double[] deltaValues, INDArray weightGrad, INDArray biasGrad,
                                INDArray epsilonNext) {
        long work = delta.size(0) * delta.size(1) * weights.size(0); // each product's multiply-adds
        // four pieces' worth: the MLP's 128×256·256×128 (4.2 million) trained 7 % slower side by side
        SideWork.Piece[] weightProduct = {epsilonNext != null && work >= 4 * SideWork.minWork()
                ? SideWork.start(() -> NdBlas.gemm(input, true, delta, false, weightGrad)) : null};
        SideWork.thenAwait(weightProduct, () -> {
            if (biasGrad != null) {
                int rows = (int) delta.size(0), width = (int) delta.size(1);
                double[] sums = new double[width];
                for (int r = 0, at = 0; r < rows; r++) for (int c = 0; c < width; c++, at++) sums[c] += deltaValues[at];
                NdBlas.store(biasGrad, sums);
            }
            // beside the weight gradient's product on the helper, this one stays whole on this core
            if (epsilonNext != null) {
                if (weightProduct[0] != null) NdBlas.gemm(delta, false, weights, true, epsilonNext);
                else NdBlas.gemmOnCores(delta, false, weights, true, epsilonNext);
            }
            return null;
        });
        if (weightProduct[0] == null) NdBlas.gemmOnCores(input, true, delta, false, weightGrad);
    }
}
