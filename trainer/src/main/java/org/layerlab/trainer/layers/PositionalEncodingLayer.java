package org.layerlab.trainer.layers;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Adds the fixed sinusoidal position signal of Vaswani et al. to a sequence [batch, features, time]:
 * PE(t, 2i) = sin(t / base^(2i/d)), PE(t, 2i+1) = cos(t / base^(2i/d)). No parameters.
 */
public final class PositionalEncodingLayer extends SameDiffLambdaLayer {
    private double base = 10000;
    private int features;
    private int length;

    public PositionalEncodingLayer() {}

    public PositionalEncodingLayer(double base) {
        this.base = base;
    }

    public double getBase() {
        return base;
    }

    public void setBase(double base) {
        this.base = base;
    }

    /** The [features, length] table of position signals. */
    public static double[][] table(int features, int length, double base) {
        double[][] pe = new double[features][length];
        for (int i = 0; i < features; i++) {
            double rate = Math.pow(base, -(2 * (i / 2)) / (double) features);
            for (int t = 0; t < length; t++) pe[i][t] = i % 2 == 0 ? Math.sin(t * rate) : Math.cos(t * rate);
        }
        return pe;
    }

    public int getFeatures() { return features; }
    public void setFeatures(int features) { this.features = features; }
    public int getLength() { return length; }
    public void setLength(int length) { this.length = length; }

    /** Records the sequence size the table must have; DL4J calls this while building the configuration. */
    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r) || r.getTimeSeriesLength() <= 0) {
            throw new IllegalArgumentException("PositionalEncoding needs a sequence of known length, got " + inputType);
        }
        features = (int) r.getSize();
        length = (int) r.getTimeSeriesLength();
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input) {
        DataType type = input.dataType() == null ? DataType.FLOAT : input.dataType();
        INDArray pe = Nd4j.create(table(features, length, base)).reshape(1, features, length).castTo(type);
        return input.add(sd.constant(pe));
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }
}
