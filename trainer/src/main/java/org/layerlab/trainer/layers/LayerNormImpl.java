package org.layerlab.trainer.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Forward and backward pass of {@link LayerNormLayer}. With x̂ = (x − μ) / √(σ² + ε) along axis 1 and
 * y = g·x̂ + b: ∂L/∂x = (1/N)(1/√(σ² + ε)) (N·d − Σd − x̂·Σ(d·x̂)) where d = g·∂L/∂y and N the
 * number of features; ∂L/∂g = Σ ∂L/∂y·x̂ and ∂L/∂b = Σ ∂L/∂y over every axis but 1.
 */
final class LayerNormImpl extends BaseLayer<LayerNormLayer> {

    LayerNormImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.NORMALIZATION;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public boolean hasBias() {
        return false; // its bias is not DL4J's "b"; nothing here reads "W" or "b"
    }

    /** Mean-centred, scaled input x̂ and 1/√(σ² + ε), both broadcastable against the input. */
    private INDArray[] normalize(INDArray x) {
        INDArray mean = x.mean(true, 1);
        INDArray centred = x.sub(mean);
        INDArray var = centred.mul(centred).mean(true, 1);
        INDArray invStd = Transforms.pow(var.addi(layerConf().getEpsilon()), -0.5, false);
        return new INDArray[] {centred.muli(invStd), invStd};
    }

    /** A per-feature vector shaped [1, N, 1, …] to broadcast against an input of the given rank. */
    private static INDArray alongAxis1(INDArray v, int rank) {
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        shape[1] = v.length();
        return v.reshape(shape);
    }

    private static int[] allButAxis1(int rank) {
        int[] dims = new int[rank - 1];
        dims[0] = 0;
        for (int i = 2; i < rank; i++) dims[i - 1] = i;
        return dims;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr mgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, mgr);
        INDArray x = input.castTo(dataType);
        INDArray xhat = normalize(x)[0];
        INDArray out = xhat.muli(alongAxis1(getParam(LayerNormParams.GAIN), x.rank()))
                .addi(alongAxis1(getParam(LayerNormParams.BIAS), x.rank()));
        return mgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr mgr) {
        assertInputSet(true);
        INDArray x = input.castTo(dataType);
        int rank = x.rank();
        INDArray[] norm = normalize(x); // recomputed rather than kept from the forward pass, which may live in another workspace
        INDArray xhat = norm[0], invStd = norm[1];
        long n = x.size(1);
        INDArray dy = epsilon.castTo(dataType);

        INDArray gainGrad = gradientViews.get(LayerNormParams.GAIN);
        INDArray biasGrad = gradientViews.get(LayerNormParams.BIAS);
        gainGrad.assign(dy.mul(xhat).sum(allButAxis1(rank)).reshape(gainGrad.shape()));
        biasGrad.assign(dy.sum(allButAxis1(rank)).reshape(biasGrad.shape()));

        INDArray d = dy.mul(alongAxis1(getParam(LayerNormParams.GAIN), rank));
        INDArray sumD = d.sum(true, 1);
        INDArray sumDx = d.mul(xhat).sum(true, 1);
        INDArray dx = d.mul(n).subi(sumD).subi(xhat.mul(sumDx)).muli(invStd).divi(n);

        Gradient g = new DefaultGradient(gradientsFlattened);
        g.gradientForVariable().put(LayerNormParams.GAIN, gainGrad);
        g.gradientForVariable().put(LayerNormParams.BIAS, biasGrad);
        INDArray eps = mgr.leverageTo(ArrayType.ACTIVATION_GRAD, dx.castTo(epsilon.dataType()));
        eps = backpropDropOutIfPresent(eps);
        return new Pair<>(g, eps);
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return 0; // gain and bias are not regularized
    }
}
