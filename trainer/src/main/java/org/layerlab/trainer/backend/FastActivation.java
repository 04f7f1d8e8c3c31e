package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.layerlab.trainer.kernels.PointActivation;

/**
 * Puts a {@link FastReluLayer} in place of each DL4J activation layer object whose activation is a plain
 * ReLU. The configuration is shared, so the network's saved form is unchanged. Set
 * {@code -Dlayerlab.fastActivation.off=true} to compare DL4J's own path.
 */
public final class FastActivation {
    private FastActivation() {}

    /** Replaces the ReLU activation layer objects of {@code net}; returns how many. Between {@code fit} calls. */
    public static int install(ComputationGraph net) {
        if (Boolean.getBoolean("layerlab.fastActivation.off")) return 0;
        int n = 0;
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv) || lv.getLayer().getClass() != ActivationLayer.class) continue;
            Layer old = lv.getLayer();
            if (PointActivation.of(((org.deeplearning4j.nn.conf.layers.ActivationLayer) old.conf().getLayer()).getActivationFn())
                    != PointActivation.RELU) continue;
            FastDense.replaceWithoutParameters(net, lv, old, new FastReluLayer(old.conf(), dataType(old)));
            n++;
        }
        return n;
    }

    private static final java.lang.reflect.Field DATA_TYPE = Dl4jFields.field(org.deeplearning4j.nn.layers.AbstractLayer.class, "dataType");

    static org.nd4j.linalg.api.buffer.DataType dataType(Layer l) {
        try {
            return (org.nd4j.linalg.api.buffer.DataType) DATA_TYPE.get(l);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code layer} is a fast ReLU layer that has run a backward pass in Java (tests). */
    public static boolean inUse(Layer layer) {
        return layer instanceof FastReluLayer r && r.fastBackwards() > 0;
    }
}
