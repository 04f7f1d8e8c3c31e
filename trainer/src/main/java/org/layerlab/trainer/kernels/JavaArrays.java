package org.layerlab.trainer.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies between small ND4J arrays (biases, states) and Java arrays of doubles. The recurrent kernels'
 * work arrays are {@link NativeMatrix}es.
 */
public final class JavaArrays {
    private JavaArrays() {}

    /** An array's values, row-major, as doubles (see {@link NdBlas#read}). */
    public static double[] read(INDArray a) {
        return NdBlas.read(a, null);
    }

    /** Row-major doubles as a new array of the given type (FLOAT or DOUBLE) and shape, in the current workspace. */
    public static INDArray write(double[] v, DataType t, long... shape) {
        return fill(Nd4j.createUninitialized(t, shape, 'c'), v);
    }

    /** Writes row-major doubles into a new plain C-order FLOAT or DOUBLE array; returns it. */
    public static INDArray fill(INDArray out, double[] v) {
        NdBlas.write(out, v);
        return out;
    }
}
