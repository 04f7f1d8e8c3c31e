package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.pooling.GlobalPoolingLayer;

/**
 * Puts a {@link FastAveragePoolingLayer} in place of each DL4J global pooling layer object that averages
 * over both spatial dimensions. The configuration is shared, so the network's saved form is unchanged.
 * Set {@code -Dlayerlab.fastPooling.off=true} to compare DL4J's own path.
 */
public final class FastPooling {
    private FastPooling() {}

    /** Replaces the global average pooling layer objects of {@code net}; returns how many. Between {@code fit} calls. */
    public static int install(ComputationGraph net) {
        if (Boolean.getBoolean("layerlab.fastPooling.off")) return 0;
        int n = 0;
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv) || lv.getLayer().getClass() != GlobalPoolingLayer.class) continue;
            Layer old = lv.getLayer();
            if (!FastAveragePoolingLayer.covers((org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer) old.conf().getLayer())) continue;
            FastDense.replaceWithoutParameters(net, lv, old, new FastAveragePoolingLayer(old.conf(), FastActivation.dataType(old)));
            n++;
        }
        return n;
    }

    /** True when {@code layer} is a fast average pooling layer that has run both passes here (tests). */
    public static boolean inUse(Layer layer) {
        return layer instanceof FastAveragePoolingLayer p && p.fastForwards() > 0 && p.fastBackwards() > 0;
    }
}
