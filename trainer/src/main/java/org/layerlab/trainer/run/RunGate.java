package org.layerlab.trainer.run;

/**
 * The handshake between control calls (any thread) and the training thread, checked between
 * batches: pause, resume, a single step while paused, stop. Thread-safe.
 */
final class RunGate {
    /** What the training thread is told when it passes (or waits at) the gate. */
    interface Listener {
        void paused();

        /** Passing unpaused; {@code afterPause} when a pause was announced before. */
        void running(boolean afterPause);
    }

    private boolean pauseRequested;
    private boolean stopRequested;
    private int stepsAllowed;
    private boolean pauseAnnounced;

    synchronized void startPaused(boolean paused) {
        pauseRequested = paused;
    }

    synchronized void pause() {
        pauseRequested = true;
    }

    synchronized void resume() {
        pauseRequested = false;
        notifyAll();
    }

    synchronized void step() {
        stepsAllowed++;
        notifyAll();
    }

    synchronized void stop() {
        stopRequested = true;
        notifyAll();
    }

    /** Blocks while paused; false if the run should stop. Training thread only. */
    synchronized boolean pass(Listener l) {
        while (!stopRequested && pauseRequested && stepsAllowed == 0) {
            if (!pauseAnnounced) {
                pauseAnnounced = true;
                l.paused();
            }
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        if (stopRequested) return false;
        if (pauseRequested) {
            stepsAllowed--; // a single step: stay paused afterwards
        } else {
            l.running(pauseAnnounced);
            pauseAnnounced = false;
        }
        return true;
    }
}
