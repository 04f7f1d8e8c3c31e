package org.layerlab.trainer.run;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * A run's network behind one lock: the training thread fits it a batch at a time, other threads
 * inspect, copy or evaluate it between batches, and once the run is over it can be freed (its
 * native memory returned). Any thread.
 */
final class RunNetwork {
    private final String runName;
    private ComputationGraph net;

    RunNetwork(String runName, ComputationGraph net) {
        this.runName = runName;
        this.net = net;
    }

    /** Runs {@code f} on the network under the lock; refuses once it has been freed. */
    synchronized <T> T with(Function<ComputationGraph, T> f) {
        if (net == null) throw new IllegalStateException("run '" + runName + "' has released its network (its charts remain)");
        return f.apply(net);
    }

    /** Replaces the network (transfer learning builds a new one around the old). */
    synchronized void replace(Function<ComputationGraph, ComputationGraph> f) {
        net = with(f);
    }

    /**
     * A copy that continues exactly where this one is: parameters, optimizer state and the iteration
     * and epoch counters, which a clone's configuration may start afresh (Adam's bias correction and
     * the schedules read them, so without them a fork takes different steps). DL4J's clone shares the
     * optimizer's configuration objects with the original, so a learning rate set on a fork would move
     * the original's too; the copy gets its own.
     */
    synchronized ComputationGraph copyToContinue() {
        return with(n -> {
            ComputationGraph copy = n.clone();
            copy.getConfiguration().setIterationCount(n.getConfiguration().getIterationCount());
            copy.getConfiguration().setEpochCount(n.getConfiguration().getEpochCount());
            ownUpdaterConfigurations(copy);
            return copy;
        });
    }

    private static void ownUpdaterConfigurations(ComputationGraph copy) {
        Map<IUpdater, IUpdater> copies = new IdentityHashMap<>();
        List<Layer> confs = new ArrayList<>();
        for (org.deeplearning4j.nn.api.Layer l : copy.getLayers()) confs.add(l.conf().getLayer());
        copy.getConfiguration().getVertices().values().forEach(v -> {
            if (v instanceof LayerVertex lv) confs.add(lv.getLayerConf().getLayer());
        });
        for (Layer c : confs) {
            if (!(c instanceof BaseLayer b)) continue;
            if (b.getIUpdater() != null) b.setIUpdater(copies.computeIfAbsent(b.getIUpdater(), IUpdater::clone));
            if (b.getBiasUpdater() != null) b.setBiasUpdater(copies.computeIfAbsent(b.getBiasUpdater(), IUpdater::clone));
        }
    }

    /** Frees the network's native memory; {@code alsoFree} runs under the same lock. False if it was freed already. */
    synchronized boolean free(Runnable alsoFree) {
        if (net == null) return false;
        net.close();
        net = null;
        alsoFree.run();
        return true;
    }

    synchronized boolean present() {
        return net != null;
    }
}
