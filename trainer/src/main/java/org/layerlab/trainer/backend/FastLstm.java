package org.layerlab.trainer.backend;

import java.lang.reflect.Field;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.layers.recurrent.LSTM;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;

/**
 * Gives every DL4J {@link LSTM} layer of a network the {@link FastLstmHelper}, which runs its time loop
 * in LayerLab's kernel. The layers inside wrappers (last time step, frozen) and both directions of a
 * bidirectional layer get it too. The configuration is untouched, so saved models stay plain DL4J. An
 * LSTM that reads the network's input skips the gradient with respect to it (zeros), as dense layers do.
 * Set {@code -Dlayerlab.fastLstm.off=true} to measure or compare DL4J's own path.
 */
public final class FastLstm {
    private static final Field HELPER = Dl4jFields.field(LSTM.class, "helper");
    private static final Field FAILS = Dl4jFields.field(org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer.class, "helperCountFail");
    private static final Field BI_FWD = Dl4jFields.field(BidirectionalLayer.class, "fwd");
    private static final Field BI_BWD = Dl4jFields.field(BidirectionalLayer.class, "bwd");

    private FastLstm() {}

    /** Installs the helper on each LSTM of {@code net}; returns how many got it. Any thread, between {@code fit} calls. */
    public static int install(ComputationGraph net) {
        if (Boolean.getBoolean("layerlab.fastLstm.off")) return 0;
        int n = 0;
        for (GraphVertex v : net.getVertices()) {
            if (v instanceof LayerVertex lv) n += install(lv.getLayer(), FastDense.readsOnlyTheInput(net, lv));
        }
        return n;
    }

    /** @param readsTheInput the layer reads only the network's input, whose gradient training drops */
    private static int install(Layer l, boolean readsTheInput) {
        if (l instanceof BaseWrapperLayer w) return install(w.getUnderlying(), readsTheInput);
        if (l instanceof BidirectionalLayer b) {
            return install((Layer) get(BI_FWD, b), readsTheInput) + install((Layer) get(BI_BWD, b), readsTheInput);
        }
        if (l.getClass() != LSTM.class) return 0;
        try {
            HELPER.set(l, new FastLstmHelper((LSTM) l, readsTheInput));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set the helper of DL4J's LSTM", e);
        }
        return 1;
    }

    /** True when {@code layer} (an LSTM, possibly wrapped or both directions of a bidirectional one) runs on the kernel and has not fallen back (tests). */
    public static boolean inUse(Layer layer) {
        if (layer instanceof BaseWrapperLayer w) return inUse(w.getUnderlying());
        if (layer instanceof BidirectionalLayer b) return inUse((Layer) get(BI_FWD, b)) && inUse((Layer) get(BI_BWD, b));
        if (!(layer instanceof LSTM)) return false;
        return get(HELPER, layer) instanceof FastLstmHelper h && h.failures() == 0 && ((Integer) get(FAILS, layer)) == 0;
    }

    /** The forward and backward layers of a bidirectional layer. */
    static Layer[] directions(BidirectionalLayer b) {
        return new Layer[] {(Layer) get(BI_FWD, b), (Layer) get(BI_BWD, b)};
    }

    private static Object get(Field f, Object owner) {
        try {
            return f.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
