package org.layerlab.trainer.kernels;

/**
 * Something that keeps native work arrays between passes ({@link NativeMatrix}) and can free them when a
 * run ends. Left to the collector, a finished run's arrays stayed allocated until a collection happened to
 * run, so the next run got fresh memory and paid a page fault for each of its pages (≈ 30 ms of the
 * char-LSTM's first batch). The next pass that needs them makes them again.
 */
public interface WorkArrays {
    void releaseWork();
}
