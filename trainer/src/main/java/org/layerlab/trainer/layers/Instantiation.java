package org.layerlab.trainer.layers;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What every DL4J layer configuration's {@code instantiate} does with the layer it creates. */
final class Instantiation {
    private Instantiation() {}

    static Layer wire(Layer layer, ParamInitializer params, NeuralNetConfiguration conf, Collection<TrainingListener> listeners,
                      int index, INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(params.init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
