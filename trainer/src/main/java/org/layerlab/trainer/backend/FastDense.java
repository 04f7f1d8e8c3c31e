package org.layerlab.trainer.backend;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.layers.recurrent.RnnOutputLayer;

/**
 * Puts a {@link FastDenseLayer} in place of each plain DL4J dense layer object of a network, and a
 * {@link FastOutputLayer} or {@link FastRnnOutputLayer} in place of each plain output layer. The new
 * object shares the old one's configuration and its parameter and gradient views, so the network's
 * flattened parameters, its updater and its saved form are unchanged. A dense layer that reads the
 * network's input skips the gradient with respect to that input, which DL4J's training computes and drops. Set {@code -Dlayerlab.fastDense.off=true}
 * to measure or compare DL4J's own path.
 */
public final class FastDense {
    private static final Field VERTEX_LAYER = Dl4jFields.field(LayerVertex.class, "layer");

    private FastDense() {}

    /** Replaces the dense and output layer objects of {@code net}; returns how many. Any thread, between {@code fit} calls. */
    public static int install(ComputationGraph net) {
        if (Boolean.getBoolean("layerlab.fastDense.off")) return 0;
        int n = 0;
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv)) continue;
            Layer old = lv.getLayer();
            BaseLayer<?> fast;
            if (old.getClass() == DenseLayer.class) {
                FastDenseLayer d = new FastDenseLayer(old.conf(), old.params().dataType());
                d.inputGradientUnused(readsOnlyTheInput(net, lv));
                fast = copy((BaseLayer<?>) old, d);
            }
            else if (old.getClass() == OutputLayer.class) fast = copy((BaseLayer<?>) old, new FastOutputLayer(old.conf(), old.params().dataType()));
            else if (old.getClass() == RnnOutputLayer.class) fast = copy((BaseLayer<?>) old, new FastRnnOutputLayer(old.conf(), old.params().dataType()));
            else continue;
            swap(net, lv, old, fast);
            n++;
        }
        return n;
    }

    /** True when every vertex feeding {@code lv} is one of the network's inputs (through a preprocessor or not). */
    static boolean readsOnlyTheInput(ComputationGraph net, LayerVertex lv) {
        if (lv.getInputVertices() == null || lv.getInputVertices().length == 0) return false;
        for (var in : lv.getInputVertices()) if (!net.getVertices()[in.getVertexIndex()].isInputVertex()) return false;
        return true;
    }

    /** True when {@code layer} is a fast dense or output layer that has run forward and backward passes on the kernel (tests). */
    public static boolean inUse(Layer layer) {
        if (layer instanceof FastRnnOutputLayer r) return r.fastBackwards() > 0;
        int[] passes = layer instanceof FastDenseLayer f ? f.fastPasses() : layer instanceof FastOutputLayer o ? o.fastPasses() : new int[2];
        return passes[0] > 0 && passes[1] > 0;
    }

    /** Puts {@code fast} in {@code old}'s place in its vertex and in the network's layer list. */
    static void swap(ComputationGraph net, LayerVertex lv, Layer old, Layer fast) {
        try {
            VERTEX_LAYER.set(lv, fast);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot replace DL4J's layer object", e);
        }
        Layer[] layers = net.getLayers();
        for (int i = 0; i < layers.length; i++) if (layers[i] == old) layers[i] = fast;
    }

    /**
     * Puts a layer object without parameters in the old one's place, with everything DL4J set on the old
     * one: index, listeners, cache mode, counters.
     */
    static void replaceWithoutParameters(ComputationGraph net, LayerVertex lv, Layer old, org.deeplearning4j.nn.layers.AbstractLayer<?> fast) {
        fast.setIndex(old.getIndex());
        fast.setListeners(old.getListeners());
        fast.setCacheMode(old.conf().getCacheMode());
        fast.setIterationCount(old.getIterationCount());
        fast.setEpochCount(old.getEpochCount());
        swap(net, lv, old, fast);
    }

    /** The new object takes the old one's place in everything DL4J set on it: index, listeners, counters, views. */
    private static BaseLayer<?> copy(BaseLayer<?> old, BaseLayer<?> fast) {
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
