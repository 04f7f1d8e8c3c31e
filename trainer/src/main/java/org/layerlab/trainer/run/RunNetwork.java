package org.layerlab.trainer.run;

import java.util.function.Function;
import org.deeplearning4j.nn.graph.ComputationGraph;

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
     * the schedules read them, so without them a fork takes different steps).
     */
    synchronized ComputationGraph copyToContinue() {
        return with(n -> {
            ComputationGraph copy = n.clone();
            copy.getConfiguration().setIterationCount(n.getConfiguration().getIterationCount());
            copy.getConfiguration().setEpochCount(n.getConfiguration().getEpochCount());
            return copy;
        });
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
