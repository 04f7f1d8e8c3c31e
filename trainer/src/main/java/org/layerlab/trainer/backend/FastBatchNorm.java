package org.layerlab.trainer.backend;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;

/**
 * Gives DL4J's batch normalization layers {@link FastBatchNormHelper} (Java, faster here than libnd4j's
 * oneDNN ops around it). Like the oneDNN helpers it lives on the layer object: the configuration and a
 * saved model stay plain DL4J. {@code -Dlayerlab.fastBatchNorm.off=true} leaves the layers to
 * {@link OneDnnLayers} (or DL4J's own path) to compare.
 */
public final class FastBatchNorm {
    private static final Field HELPER = Dl4jFields.field(BatchNormalization.class, "helper");
    private static final Field FAILS = Dl4jFields.field(BatchNormalization.class, "helperCountFail");

    private FastBatchNorm() {}

    /** Installs the helper on every batch normalization layer with trained γ and β; returns how many. */
    public static int install(ComputationGraph net) {
        if (Boolean.getBoolean("layerlab.fastBatchNorm.off")) return 0;
        int n = 0;
        for (GraphVertex v : net.getVertices()) {
            if (!(v instanceof LayerVertex lv) || lv.getLayer().getClass() != BatchNormalization.class) continue;
            Layer l = lv.getLayer();
            if (((org.deeplearning4j.nn.conf.layers.BatchNormalization) l.conf().getLayer()).isLockGammaBeta()) continue;
            try {
                if (!(HELPER.get(l) instanceof FastBatchNormHelper)) HELPER.set(l, new FastBatchNormHelper());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set the helper of DL4J's batch normalization", e);
            }
            n++;
        }
        return n;
    }

    /** True when {@code layer}'s helper is this one, has not fallen back and ran a training step (tests). */
    public static boolean inUse(Layer layer) {
        try {
            return layer instanceof BatchNormalization && HELPER.get(layer) instanceof FastBatchNormHelper h
                    && FAILS.getInt(layer) == 0 && h.passes()[0] > 0 && h.passes()[1] > 0;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
