package org.layerlab.trainer.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A gated recurrent unit (Cho et al. 2014), the variant with one bias per gate and the reset gate applied
 * to the previous state before the recurrent product:
 * <pre>
 *   z = σ(x·Wz + h·Uz + bz)          update gate
 *   r = σ(x·Wr + h·Ur + br)          reset gate
 *   n = act(x·Wn + (r⊙h)·Un + bn)    candidate (act is tanh unless configured)
 *   h' = (1 − z)⊙n + z⊙h
 * </pre>
 * DL4J 1.0.0-M2.1 has no GRU; this is a plain DL4J recurrent layer with its own backpropagation through
 * time ({@link GruImpl}), checked against finite differences. Sequences are DL4J's [batch, features, time];
 * it also works inside DL4J's {@code Bidirectional} and {@code LastTimeStep} wrappers.
 */
public final class GruLayer extends BaseRecurrentLayer {

    public GruLayer() {
        super(new Builder());
    }

    private GruLayer(Builder b) {
        super(b);
    }

    @Override
    public org.deeplearning4j.nn.api.Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                                                       int index, INDArray paramsView, boolean initializeParams, DataType dataType) {
        return Instantiation.wire(new GruImpl(conf, dataType), initializer(), conf, listeners, index, paramsView, initializeParams);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParams.INSTANCE;
    }

    @Override
    public boolean isPretrainParam(String paramName) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long steps = Math.max(1, ((InputType.InputTypeRecurrent) inputType).getTimeSeriesLength());
        long params = initializer().numParams(this);
        // forward keeps, per step and example, the state and four gate-sized arrays for backpropagation
        return new LayerMemoryReport.Builder(layerName, GruLayer.class, inputType, out)
                .standardMemory(params, params).workingMemory(0, 4 * nOut * steps, 0, 9 * nOut * steps + nIn * steps)
                .cacheMemory(0, 0).build();
    }

    /** Builds the layer: {@code new GruLayer.Builder().nOut(64).activation(Activation.TANH).build()}. */
    public static final class Builder extends BaseRecurrentLayer.Builder<Builder> {
        public Builder() {
            activation(org.nd4j.linalg.activations.Activation.TANH);
        }

        @Override
        @SuppressWarnings("unchecked")
        public GruLayer build() {
            return new GruLayer(this);
        }
    }
}
