package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.NdBlas;
import org.layerlab.trainer.kernels.PointActivation;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer with its products called straight into BLAS and its bias and activation in Java
 * loops, keeping the training forward pass for the backward pass (DL4J's backward recomputes the
 * pre-activation: a second product of the layer's largest matrix). It is the same layer to DL4J: same
 * configuration, same parameter and gradient views, so saved models and the updater see no difference.
 * Dropout, weight noise, layer norm, masks and activations without a kernel keep DL4J's own path.
 */
public final class FastDenseLayer extends DenseLayer {
    /** The input of the training forward pass whose pre-activation and output {@link #z} and {@link #a} hold. */
    private INDArray kept;
    /** Work arrays, row-major, reused across passes (allocating them each time cost more than using them). */
    private double[] z, a, g, bias;
    private int fastForwards, fastBackwards;

    public FastDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        kept = null;
        PointActivation f = PointActivation.of(layerConf().getActivationFn());
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (f == null || !plain() || input == null || input.rank() != 2 || input.columns() != w.rows() || !NdBlas.fits(input, w)
                || input.dataType() != dataType) {
            return super.activate(training, workspaceMgr);
        }
        int rows = (int) input.size(0), width = (int) w.columns();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {rows, width}, 'c');
        NdBlas.gemm(input, false, w, false, out);
        int n = rows * width;
        double[] z = this.z = NdBlas.read(out, this.z);
        if (hasBias()) {
            double[] b = bias = NdBlas.read(getParam(DefaultParamInitializer.BIAS_KEY), bias);
            for (int r = 0, at = 0; r < rows; r++) for (int c = 0; c < width; c++, at++) z[at] += b[c];
        }
        if (a == null || a.length < n) a = new double[n];
        f.apply(z, a, alpha(), n);
        NdBlas.write(out, a);
        if (training) kept = input;
        fastForwards++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray k = kept;
        kept = null;
        PointActivation f = PointActivation.of(layerConf().getActivationFn());
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        // the kept pass is used only for the same input object it was computed from
        if (k == null || k != input || f == null || !plain() || epsilon.length() != input.size(0) * w.columns()
                || !NdBlas.fits(w, weightGrad, input)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        int rows = (int) input.size(0), width = (int) w.columns();
        double[] g = this.g = NdBlas.read(epsilon, this.g);
        f.backprop(z, a, g, alpha(), rows * width);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, width}, 'c');
        NdBlas.write(delta, g);

        Gradient ret = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGrad = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            double[] sums = new double[width];
            for (int r = 0, at = 0; r < rows; r++) for (int c = 0; c < width; c++, at++) sums[c] += g[at];
            if (NdBlas.writable(biasGrad)) NdBlas.write(biasGrad, sums);
            else delta.sum(biasGrad, 0);
            ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        }
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, w.rows()}, 'c');
        NdBlas.gemm(delta, false, w, true, epsilonNext);
        NdBlas.gemm(input, true, delta, false, weightGrad);
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        weightNoiseParams.clear();
        fastBackwards++;
        return new Pair<>(ret, epsilonNext);
    }

    /** Nothing the kernel does not do: no dropout, weight noise, layer norm or mask. */
    private boolean plain() {
        var c = layerConf();
        return c.getIDropout() == null && c.getWeightNoise() == null && !hasLayerNorm() && maskArray == null
                && (dataType == DataType.FLOAT || dataType == DataType.DOUBLE);
    }

    private double alpha() {
        return layerConf().getActivationFn() instanceof ActivationLReLU l ? l.getAlpha() : 0;
    }

    /** How many forward and backward passes ran on the kernel (tests). */
    int[] fastPasses() {
        return new int[] {fastForwards, fastBackwards};
    }
}
