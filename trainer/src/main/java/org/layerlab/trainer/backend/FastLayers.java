package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.layers.recurrent.BidirectionalLayer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.layerlab.trainer.kernels.WorkArrays;

/**
 * The fast paths a network's layer objects get before training: batch norm in Java
 * ({@link FastBatchNorm}), oneDNN for convolution (and for batch norm when the Java one is off:
 * {@link OneDnnLayers}), LayerLab's time-loop kernel for LSTMs ({@link FastLstm}), dense layers with
 * direct products ({@link FastDense}), ReLU layers in Java ({@link FastActivation}), global average
 * pooling in Java ({@link FastPooling}) and Adam in a Java loop ({@link FastAdam}). They live on the
 * layer and updater objects, not in the configuration, so every new network or clone needs this call.
 */
public final class FastLayers {
    private FastLayers() {}

    /** Installs every fast path on {@code net}; returns how many layers got one. */
    public static int install(ComputationGraph net) {
        // batch norm first: OneDnnLayers leaves a layer that already has the Java helper alone
        return FastBatchNorm.install(net) + OneDnnLayers.install(net) + FastLstm.install(net) + FastDense.install(net)
                + FastActivation.install(net) + FastPooling.install(net) + FastAdam.ensure(net);
    }

    /**
     * Before each {@code fit}: the fast paths that live in DL4J's updater (Adam's loop, blocks without an empty
     * regularization pass), which DL4J builds at the first fit and rebuilds when the learning rate changes.
     * Cheap when they are in place.
     */
    public static void beforeFit(ComputationGraph net) {
        FastAdam.ensure(net);
        LeanUpdaterBlock.ensure(net);
    }

    /**
     * Frees the native work arrays of every layer and fast path that keeps some ({@link WorkArrays}); the next
     * pass makes them again. For the end of a run. Returns how many released.
     */
    public static int releaseWork(ComputationGraph net) {
        int n = 0;
        for (GraphVertex v : net.getVertices()) {
            if (v instanceof LayerVertex lv) n += releaseWork(lv.getLayer());
        }
        return n;
    }

    private static int releaseWork(Layer l) {
        if (l instanceof BaseWrapperLayer w) return releaseWork(w.getUnderlying());
        if (l instanceof BidirectionalLayer b) {
            int n = 0;
            for (Layer direction : FastLstm.directions(b)) n += releaseWork(direction);
            return n;
        }
        WorkArrays w = l instanceof WorkArrays own ? own : l.getHelper() instanceof WorkArrays helper ? helper : null;
        if (w == null) return 0;
        w.releaseWork();
        return 1;
    }
}
