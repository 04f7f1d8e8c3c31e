package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.layerlab.trainer.kernels.ConvWeightGradient;
import org.layerlab.trainer.kernels.WorkArrays;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN's convolution for a layer that reads the network's input, whose backward pass computes only the
 * weight and bias gradients ({@link ConvWeightGradient}) and returns zeros for the input gradient, which
 * DL4J's training drops (as dense layers and LSTMs reading the input do here). The forward pass and any
 * other layout stay oneDNN's ({@link MKLDNNConvHelper}), the forward pass kept as {@link OneDnnConvHelper} keeps it.
 */
final class FirstConvHelper extends OneDnnConvHelper implements WorkArrays {
    private final ConvWeightGradient weightGradient = new ConvWeightGradient();
    private int ownBackwards;

    FirstConvHelper(AbstractLayer<?> layer, boolean keepsForward) {
        super(layer, keepsForward);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta, int[] kernel,
                                                     int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView,
                                                     IActivation afn, ConvolutionLayer.AlgoMode mode,
                                                     ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo, ConvolutionLayer.BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
                                                     LayerWorkspaceMgr workspaceMgr) {
        if (format != CNN2DFormat.NCHW || input.rank() != 4 || input.dataType() != DataType.FLOAT || delta.dataType() != DataType.FLOAT) {
            return super.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView, weightGradView, afn, mode,
                    bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, workspaceMgr);
        }
        if (convolutionMode == ConvolutionMode.Same) {
            pad = ConvolutionUtils.getSameModeTopLeftPadding(new int[] {(int) delta.size(2), (int) delta.size(3)},
                    new int[] {(int) input.size(2), (int) input.size(3)}, kernel, strides, dilation);
        }
        weightGradient.compute(input, delta, kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], dilation[0], dilation[1],
                weightGradView, biasGradView);
        ownBackwards++;
        Gradient g = new DefaultGradient();
        if (biasGradView != null) g.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        g.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(g, workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c'));
    }

    /** How many backward passes computed the weight gradient here (tests). */
    int ownBackwards() {
        return ownBackwards;
    }

    @Override
    public void releaseWork() {
        weightGradient.releaseWork();
    }
}
