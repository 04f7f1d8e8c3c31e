package org.layerlab.trainer.metrics;

/** Where a run sends its samples. Called on the training thread: must be quick and must not block. */
@FunctionalInterface
public interface MetricSink {
    void accept(MetricSample sample);
}
