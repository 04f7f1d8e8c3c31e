package org.layerlab.trainer.backend;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's convolution ({@link MKLDNNConvHelper}) whose training forward pass serves the backward pass
 * that follows. DL4J's convolution backward pass asks for the pre-activation again and, unless the layer
 * holds one, convolves the input a second time (with its reorders: ≈ a sixth of a LeNet batch). For the
 * identity and ReLU the activation itself serves: identity's backward pass ignores its argument, and ReLU's
 * derivative is 1 where the pre-activation is positive, which is exactly where the activation is. So after
 * a training forward pass the layer's {@code preOutput} (DL4J's own cache, normally filled only with a
 * {@code CacheMode}) points at the activation, which stays in DL4J's activation workspace until the
 * backward pass is done; every other forward pass clears it. Other activations keep DL4J's recomputation, and
 * so does a layer whose output reaches a dropout ({@link OneDnnLayers#feedsDropout}), which may drop in place.
 */
class OneDnnConvHelper extends MKLDNNConvHelper {
    private static final Field PRE_OUTPUT = Dl4jFields.field(AbstractLayer.class, "preOutput");
    private final AbstractLayer<?> layer;
    private final boolean keepsForward;
    private int convolutions;

    /** {@code keepsForward}: whether the activation may serve the backward pass at all (false when a dropout reads it). */
    OneDnnConvHelper(AbstractLayer<?> layer, boolean keepsForward) {
        super(DataType.FLOAT);
        this.layer = layer;
        this.keepsForward = keepsForward;
    }

    /** True when an activation's backward pass gives the same result from the activation as from the pre-activation. */
    boolean activationServesAsPreOutput(IActivation a) {
        if (a instanceof ActivationIdentity) return true;
        // plain ReLU only: a threshold, a maximum or a negative slope changes which values pass
        return a instanceof ActivationReLU r && r.getMax() == null && r.getThreshold() == null && r.getNegativeSlope() == null;
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              ConvolutionLayer.AlgoMode mode, ConvolutionLayer.FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
                              int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        keep(null); // a new forward pass (or a backward pass without a kept one): nothing older may serve
        convolutions++;
        return super.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation, format, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        INDArray a = super.activate(z, afn, training);
        keep(training && keepsForward && activationServesAsPreOutput(afn) ? a : null);
        return a;
    }

    private void keep(INDArray preOutput) {
        try {
            PRE_OUTPUT.set(layer, preOutput);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set DL4J's kept pre-activation", e);
        }
    }

    /** How many times this layer convolved its input (tests: one per training step when the forward pass is kept). */
    int convolutions() {
        return convolutions;
    }
}
