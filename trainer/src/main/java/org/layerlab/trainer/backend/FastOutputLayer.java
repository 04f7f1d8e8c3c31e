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
import org.layerlab.trainer.kernels.SoftmaxCrossEntropy;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's output layer with its products called straight into BLAS and its bias added in a Java loop.
 * DL4J computes the pre-activation twice per training step — for the gradient and for the score — and
 * each was an ND4J product op and a bias broadcast op. Softmax with cross-entropy (classification) runs
 * in Java loops, once per step; other losses and activations stay DL4J's own. Same configuration and
 * views as DL4J's layer; dropout, weight noise and masks keep its path.
 */
public final class FastOutputLayer extends OutputLayer {
    private final DenseProducts products = new DenseProducts();
    private int fastForwards, fastBackwards;
    /** Softmax with cross-entropy: the last training backward pass's probabilities, for the score that follows it. */
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
    private double[] labelValues;
    private INDArray lossInput, lossLabels, predictionInput;
    private int predictionWidth;

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
        INDArray in = readable(input, workspaceMgr, ArrayType.FF_WORKING_MEM);
        double[] z = products.forward(in, w, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, out);
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
        DenseProducts.backward(readable(input, workspaceMgr, ArrayType.BP_WORKING_MEM), w, delta, biasGrad == null ? null : products.gradient(delta),
                weightGrad, biasGrad, epsilonNext);
        fastBackwards++;
        return new Pair<>(gradient(weightGrad, biasGrad), epsilonNext);
    }

    /**
     * Softmax with cross-entropy, unweighted and unmasked, in Java loops: δ = p − y. The probabilities are kept for
     * the score, which DL4J computes right after the backward pass (from the pre-activation again, with
     * half a dozen ND4J ops).
     */
    private Pair<Gradient, INDArray> softmaxCrossEntropyBackward(INDArray w, INDArray weightGrad, LayerWorkspaceMgr workspaceMgr) {
        int rows = (int) input.size(0), width = (int) w.columns();
        INDArray in = readable(input, workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, width}, 'c');
        double[] zs = products.forward(in, w, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, z);
        double[] delta = loss.gradient(zs, labelValues = NdBlas.read(labels, labelValues), rows, width);
        NdBlas.write(z, delta);
        lossInput = predictionInput = input;
        lossLabels = labels;
        predictionWidth = width;
        INDArray biasGrad = hasBias() ? gradientViews.get(DefaultParamInitializer.BIAS_KEY) : null;
        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType, new long[] {rows, w.rows()}, 'c');
        DenseProducts.backward(in, w, z, delta, weightGrad, biasGrad, epsilonNext);
        fastBackwards++;
        return new Pair<>(gradient(weightGrad, biasGrad), epsilonNext);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean kept = training && lossInput != null && lossInput == input && lossLabels == labels;
        lossInput = lossLabels = null;
        if (!kept || !softmaxCrossEntropy() || !plain(layerConf(), maskArray, dataType)) return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        return score = score(this, loss, fullNetRegTerm);
    }

    /**
     * The classes the last training pass predicted, when it ran the fast softmax path on the current input
     * (dropout already applied); else null. The metrics' running accuracy reads them instead of computing the
     * layer's output again.
     */
    public int[] lastPredictions() {
        return predictionInput != null && predictionInput == input && predictionWidth > 1 ? loss.predicted(predictionWidth) : null;
    }

    private boolean softmaxCrossEntropy() {
        return layerConf().getLossFn() instanceof LossMCXENT l && l.getClass() == LossMCXENT.class && l.getWeights() == null
                && layerConf().getActivationFn().getClass() == ActivationSoftmax.class && labels != null && labels.rank() == 2
                && NdBlas.writable(labels) && labels.dataType() == dataType;
    }

    /**
     * The input as BLAS can read it: itself, or a row-major copy of a layout it cannot (the last step of a
     * sequence is a strided view, for example).
     */
    static INDArray readable(INDArray input, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
        return NdBlas.fits(input) ? input : workspaceMgr.dup(type, input, 'c');
    }

    /** DL4J's gradient of an output layer: the weights', then the bias's (when there is one). */
    static Gradient gradient(INDArray weightGrad, INDArray biasGrad) {
        Gradient ret = new DefaultGradient();
        ret.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGrad);
        if (biasGrad != null) ret.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGrad);
        return ret;
    }

    /** The score as DL4J's output layers report it: the kept cross-entropy, per example when training in mini-batches, plus regularization. */
    static double score(org.deeplearning4j.nn.layers.BaseOutputLayer<?> layer, SoftmaxCrossEntropy loss, double fullNetRegTerm) {
        double score = loss.loss(((LossMCXENT) layer.layerConf().getLossFn()).getSoftmaxClipEps());
        if (layer.conf().isMiniBatch()) score /= layer.getInputMiniBatchSize();
        return score + fullNetRegTerm;
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
