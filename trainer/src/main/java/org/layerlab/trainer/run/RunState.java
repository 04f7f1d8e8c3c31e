package org.layerlab.trainer.run;

/** Life cycle of a training run. */
public enum RunState {
    NEW, RUNNING, PAUSED, FINISHED, STOPPED, FAILED;

    public boolean isOver() {
        return this == FINISHED || this == STOPPED || this == FAILED;
    }
}
