package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.DenseProducts;
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
    private final DenseProducts products = new DenseProducts();
    /** The input of the training forward pass whose pre-activation and output {@link #z} and {@link #a} hold. */
    private INDArray kept;
    /** The pre-activation (the products' array) and the output, row-major. */
    private double[] z, a;
    private int fastForwards, fastBackwards;
    /** Set when the layer reads the network's input: DL4J computes the gradient with respect to it and drops it. */
    private boolean inputGradientUnused;

    public FastDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        kept = null;
        PointActivation f = PointActivation.of(layerConf().getActivationFn());
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (f == null || !plain() || input == null || input.dataType() != dataType || !DenseProducts.fit(input, w, w)) {
            return super.activate(training, workspaceMgr);
        }
        int rows = (int) input.size(0), width = (int) w.columns(), n = rows * width;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {rows, width}, 'c');
        INDArray in = FastOutputLayer.readable(input, workspaceMgr, ArrayType.FF_WORKING_MEM);
        z = products.forward(in, w, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, out);
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
                || !DenseProducts.fit(input, w, weightGrad)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        int rows = (int) input.size(0), width = (int) w.columns();
        double[] g = products.gradient(epsilon);
        f.backprop(z, a, g, alpha(), rows * width);
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, width}, 'c');
        NdBlas.write(delta, g);
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray in = FastOutputLayer.readable(input, workspaceMgr, ArrayType.BP_WORKING_MEM), epsilonNext;
        if (inputGradientUnused) { // zeros: its product would be a third of the layer's work, for nothing (PyTorch skips it too)
            epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, w.rows()}, 'c');
            DenseProducts.backward(in, w, delta, g, weightGrad, biasGrad, null);
        } else {
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, w.rows()}, 'c');
            DenseProducts.backward(in, w, delta, g, weightGrad, biasGrad, epsilonNext);
        }
        Gradient ret = new DefaultGradient();
        if (biasGrad != null) ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        weightNoiseParams.clear();
        fastBackwards++;
        return new Pair<>(ret, epsilonNext);
    }

    /** Nothing the kernel does not do: no dropout, weight noise, layer norm or mask. */
    private boolean plain() {
        return FastOutputLayer.plain(layerConf(), maskArray, dataType) && !hasLayerNorm();
    }

    private double alpha() {
        return layerConf().getActivationFn() instanceof ActivationLReLU l ? l.getAlpha() : 0;
    }

    /**
     * Marks the layer as reading the network's input, so its backward pass skips the gradient with respect to
     * that input (it returns zeros). DL4J's training drops that gradient; nothing in LayerLab asks for it.
     */
    void inputGradientUnused(boolean unused) {
        inputGradientUnused = unused;
    }

    /** How many forward and backward passes ran on the kernel (tests). */
    int[] fastPasses() {
        return new int[] {fastForwards, fastBackwards};
    }
}
