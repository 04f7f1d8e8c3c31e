package org.layerlab.trainer.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer normalization (Ba et al. 2016) over the feature axis — DL4J's axis 1: features of a vector,
 * of each time step of a sequence, or the channels of each pixel — with a learned gain and bias per
 * feature. Written as a plain DL4J layer with its own backward pass, checked against finite
 * differences; DL4J 1.0.0-M2.1 has none.
 */
public final class LayerNormLayer extends FeedForwardLayer {
    private double epsilon = 1e-5;

    public LayerNormLayer() {
        super(new Builder());
    }

    public LayerNormLayer(double epsilon) {
        this();
        this.epsilon = epsilon;
    }

    private LayerNormLayer(Builder b) {
        super(b);
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return Instantiation.wire(new LayerNormImpl(conf, dataType), initializer(), conf, listeners, index, paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return LayerNormParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        long features = switch (inputType.getType()) {
            case FF -> ((InputType.InputTypeFeedForward) inputType).getSize();
            case RNN -> ((InputType.InputTypeRecurrent) inputType).getSize();
            case CNN -> ((InputType.InputTypeConvolutional) inputType).getChannels();
            default -> throw new IllegalArgumentException("LayerNorm takes vectors, sequences or images, got " + inputType);
        };
        if (override || nIn <= 0) {
            nIn = features;
            nOut = features;
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null; // any layout: it normalizes along axis 1 whatever the rank
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long perExample = inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, LayerNormLayer.class, inputType, inputType)
                .standardMemory(2 * nIn, 0).workingMemory(0, 3 * perExample, 0, 4 * perExample)
                .cacheMemory(0, 0).build();
    }

    /** Builds the layer (DL4J's configuration machinery expects a builder). */
    public static final class Builder extends FeedForwardLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public LayerNormLayer build() {
            return new LayerNormLayer(this);
        }
    }
}
