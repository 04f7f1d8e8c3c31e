package org.layerlab.trainer.backend;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The fast paths a network's layer objects get before training: oneDNN for convolution and batch norm
 * ({@link OneDnnLayers}) and LayerLab's time-loop kernel for LSTMs ({@link FastLstm}). Both live on the
 * layer objects, not in the configuration, so every new network or clone needs this call.
 */
public final class FastLayers {
    private FastLayers() {}

    /** Installs every fast path on {@code net}; returns how many layers got one. */
    public static int install(ComputationGraph net) {
        return OneDnnLayers.install(net) + FastLstm.install(net);
    }
}
