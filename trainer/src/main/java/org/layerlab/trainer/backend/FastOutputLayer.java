package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.layerlab.trainer.kernels.DenseProducts;
import org.layerlab.trainer.kernels.NdBlas;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's output layer with its products called straight into BLAS and its bias added in a Java loop.
 * DL4J computes the pre-activation twice per training step — for the gradient and for the score — and
 * each was an ND4J product op and a bias broadcast op. Softmax with cross-entropy (classification) runs
 * in Java loops, once per step; other losses and activations stay DL4J's own. Same configuration and views as DL4J's layer; dropout, weight noise and masks keep its path.
 */
public final class FastOutputLayer extends OutputLayer {
    private final DenseProducts products = new DenseProducts();
    private int fastForwards, fastBackwards;
    /** Softmax with cross-entropy: the probabilities of the last training backward pass, for the score that follows it. */
    private double[] probabilities, labelValues, deltaValues;
    private INDArray probabilitiesInput, probabilitiesLabels;

    public FastOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected INDArray preOutput(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (!plain(layerConf(), maskArray, dataType) || input == null || input.dataType() != dataType || !DenseProducts.fit(input, w, w)) {
            return super.preOutput(training, workspaceMgr);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType, new long[] {input.size(0), w.columns()}, 'c');
        double[] z = products.forward(input, w, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, out);
        if (hasBias()) NdBlas.write(out, z);
        fastForwards++;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray w = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightGrad = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        if (!plain(layerConf(), maskArray, dataType) || input == null || labels == null || input.dataType() != dataType
                || !DenseProducts.fit(input, w, weightGrad)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (softmaxCrossEntropy()) return softmaxCrossEntropyBackward(w, weightGrad, workspaceMgr);
        INDArray preOut = preOutput2d(true, workspaceMgr);
        INDArray delta = layerConf().getLossFn().computeGradient(getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM), preOut,
                layerConf().getActivationFn(), maskArray);
        if (!NdBlas.fits(delta, w)) return super.backpropGradient(epsilon, workspaceMgr);
        delta = workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, delta);
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {input.size(0), w.rows()}, 'c');
        DenseProducts.backward(input, w, delta, biasGrad == null ? null : products.gradient(delta), weightGrad, biasGrad, epsilonNext);
        Gradient ret = new DefaultGradient();
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (biasGrad != null) ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        fastBackwards++;
        return new Pair<>(ret, epsilonNext);
    }

    /**
     * Softmax with cross-entropy, unweighted and unmasked, in Java loops: δ = p − y. The probabilities are kept for
     * the score, which DL4J computes right after the backward pass (from the pre-activation again, with
     * half a dozen ND4J ops).
     */
    private Pair<Gradient, INDArray> softmaxCrossEntropyBackward(INDArray w, INDArray weightGrad, LayerWorkspaceMgr workspaceMgr) {
        int rows = (int) input.size(0), width = (int) w.columns();
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, width}, 'c');
        double[] p = softmax(products.forward(input, w, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, z), rows, width);
        double[] y = labelValues = NdBlas.read(labels, labelValues);
        if (deltaValues == null || deltaValues.length < rows * width) deltaValues = new double[rows * width];
        double[] delta = deltaValues;
        for (int i = 0; i < rows * width; i++) delta[i] = p[i] - y[i];
        NdBlas.write(z, delta);
        probabilitiesInput = input;
        probabilitiesLabels = labels;
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, w.rows()}, 'c');
        DenseProducts.backward(input, w, z, delta, weightGrad, biasGrad, epsilonNext);
        Gradient ret = new DefaultGradient();
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (biasGrad != null) ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        fastBackwards++;
        return new Pair<>(ret, epsilonNext);
    }

    /** Row-wise softmax of z, in place of this object's probability array. */
    private double[] softmax(double[] z, int rows, int width) {
        if (probabilities == null || probabilities.length < rows * width) probabilities = new double[rows * width];
        double[] p = probabilities;
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int c = 0; c < width; c++) max = Math.max(max, z[at + c]);
            for (int c = 0; c < width; c++) sum += p[at + c] = Math.exp(z[at + c] - max);
            for (int c = 0; c < width; c++) p[at + c] /= sum;
        }
        return p;
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean kept = training && probabilitiesInput != null && probabilitiesInput == input && probabilitiesLabels == labels;
        probabilitiesInput = probabilitiesLabels = null;
        if (!kept || !softmaxCrossEntropy() || !plain(layerConf(), maskArray, dataType)) return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        // DL4J's LossMCXENT: −Σ y·log p with p clipped to [ε, 1 − ε], then per example when training in mini-batches
        double eps = ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps(), sum = 0;
        double[] p = probabilities, y = labelValues;
        for (int i = 0, n = (int) labels.length(); i < n; i++) {
            if (y[i] != 0) sum += y[i] * Math.log(Math.min(Math.max(p[i], eps), 1 - eps));
        }
        double score = -sum;
        if (conf().isMiniBatch()) score /= getInputMiniBatchSize();
        score += fullNetRegTerm;
        this.score = score;
        return score;
    }

    private boolean softmaxCrossEntropy() {
        return layerConf().getLossFn() instanceof LossMCXENT l && l.getClass() == LossMCXENT.class && l.getWeights() == null
                && layerConf().getActivationFn().getClass() == ActivationSoftmax.class && labels != null && labels.rank() == 2
                && NdBlas.writable(labels) && labels.dataType() == dataType;
    }

    /** A layer configuration the kernels compute exactly: no dropout or weight noise, no mask, FLOAT or DOUBLE. */
    static boolean plain(org.deeplearning4j.nn.conf.layers.BaseLayer conf, INDArray mask, DataType type) {
        return conf.getIDropout() == null && conf.getWeightNoise() == null && mask == null && (type == DataType.FLOAT || type == DataType.DOUBLE);
    }

    /** How many forward and backward passes ran on the kernel (tests). */
    int[] fastPasses() {
        return new int[] {fastForwards, fastBackwards};
    }
}
