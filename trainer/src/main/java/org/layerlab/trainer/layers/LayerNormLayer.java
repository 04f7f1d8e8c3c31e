package org.layerlab.trainer.layers;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer normalization over the feature (or channel) axis, axis 1 in DL4J's layouts
 * ([batch, features], [batch, features, time], [batch, channels, h, w]), with a learned gain and bias.
 */
public final class LayerNormLayer extends SameDiffLayer {
    private double epsilon = 1e-5;
    private long size;
    private int rank = 2;

    public LayerNormLayer() {}

    public LayerNormLayer(double epsilon) {
        this.epsilon = epsilon;
    }

    public double getEpsilon() { return epsilon; }
    public void setEpsilon(double epsilon) { this.epsilon = epsilon; }
    public long getSize() { return size; }
    public void setSize(long size) { this.size = size; }
    public int getRank() { return rank; }
    public void setRank(int rank) { this.rank = rank; }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (inputType instanceof InputType.InputTypeFeedForward f) {
            size = f.getSize();
            rank = 2;
        } else if (inputType instanceof InputType.InputTypeRecurrent r) {
            size = r.getSize();
            rank = 3;
        } else if (inputType instanceof InputType.InputTypeConvolutional c) {
            size = c.getChannels();
            rank = 4;
        } else {
            throw new IllegalArgumentException("LayerNorm cannot take " + inputType);
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("gain", 1, size);
        params.addBiasParam("bias", 1, size);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("gain").assign(1.0);
        params.get("bias").assign(0.0);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable x, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable mean = x.mean(true, 1);
        SDVariable centred = x.sub(mean);
        SDVariable variance = centred.mul(centred).mean(true, 1);
        SDVariable normalized = centred.div(sd.math().sqrt(variance.add(epsilon)));
        long[] broadcast = switch (rank) {
            case 3 -> new long[] {1, size, 1};
            case 4 -> new long[] {1, size, 1, 1};
            default -> new long[] {1, size};
        };
        SDVariable gain = params.get("gain").reshape(broadcast);
        SDVariable bias = params.get("bias").reshape(broadcast);
        return normalized.mul(gain).add(bias);
    }
}
