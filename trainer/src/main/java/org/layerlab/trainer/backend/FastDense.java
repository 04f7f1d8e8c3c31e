package org.layerlab.trainer.backend;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;

/**
 * Puts a {@link FastDenseLayer} in place of each plain DL4J dense layer object of a network. The new
 * object shares the old one's configuration and its parameter and gradient views, so the network's
 * flattened parameters, its updater and its saved form are unchanged. Set {@code -Dlayerlab.fastDense.off=true}
 * to measure or compare DL4J's own path.
 */
public final class FastDense {
    private static final Field VERTEX_LAYER = Dl4jFields.field(LayerVertex.class, "layer");

    private FastDense() {}

    /** Replaces the dense layer objects of {@code net}; returns how many. Any thread, between {@code fit} calls. */
    public static int install(ComputationGraph net) {
        if (Boolean.getBoolean("layerlab.fastDense.off")) return 0;
        int n = 0;
        Layer[] layers = net.getLayers();
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv) || lv.getLayer().getClass() != DenseLayer.class) continue;
            DenseLayer old = (DenseLayer) lv.getLayer();
            FastDenseLayer fast = copy(old);
            try {
                VERTEX_LAYER.set(lv, fast);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot replace DL4J's dense layer object", e);
            }
            for (int i = 0; i < layers.length; i++) if (layers[i] == old) layers[i] = fast;
            n++;
        }
        return n;
    }

    /** True when {@code layer} is a fast dense layer whose last forward and backward passes ran on the kernel (tests). */
    public static boolean inUse(Layer layer) {
        return layer instanceof FastDenseLayer f && f.fastPasses()[0] > 0 && f.fastPasses()[1] > 0;
    }

    private static FastDenseLayer copy(DenseLayer old) {
        FastDenseLayer fast = new FastDenseLayer(old.conf(), old.params().dataType());
        fast.setIndex(old.getIndex());
        fast.setListeners(old.getListeners());
        fast.setCacheMode(old.conf().getCacheMode());
        fast.setIterationCount(old.getIterationCount());
        fast.setEpochCount(old.getEpochCount());
        fast.setParamsViewArray(old.params());
        fast.setParamTable(old.paramTable());
        if (old.getGradientsViewArray() != null) fast.setBackpropGradientsViewArray(old.getGradientsViewArray());
        return fast;
    }
}
