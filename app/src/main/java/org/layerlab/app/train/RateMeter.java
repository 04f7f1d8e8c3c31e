package org.layerlab.app.train;

import java.util.ArrayDeque;

/**
 * Samples per second of one run, from the iterations it made while it was running in the last few
 * seconds. Paused, stopped or finished, the rate stays at its last value (dividing by the wall time
 * since the start made a finished run's speed fall forever); a fork starts counting from the
 * iteration it inherited, not from zero. FX thread.
 */
public final class RateMeter {
    private static final long WINDOW_NANOS = 5_000_000_000L;

    private record Mark(long nanos, int iteration) {}

    private final int batchSize;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    private double rate = Double.NaN;

    RateMeter(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Records where a running run is now; call only while it runs (a pause starts a new stretch). */
    void running(long nanos, int iteration) {
        marks.addLast(new Mark(nanos, iteration));
        while (marks.size() > 2 && nanos - marks.peekFirst().nanos() > WINDOW_NANOS) marks.removeFirst();
        Mark first = marks.peekFirst();
        double seconds = (nanos - first.nanos()) / 1e9;
        if (seconds >= 0.2 && iteration > first.iteration()) rate = (iteration - first.iteration()) * (double) batchSize / seconds;
    }

    /** The run is not running now: its next stretch must not count the idle time in between. */
    void idle() {
        marks.clear();
    }

    /** Samples per second over the last few running seconds, NaN before there is a measurement. */
    public double samplesPerSecond() {
        return rate;
    }

    /** Seconds left for {@code remaining} iterations at the current rate, NaN if unknown. */
    double etaSeconds(int remaining) {
        return Double.isNaN(rate) || rate <= 0 ? Double.NaN : remaining * (double) batchSize / rate;
    }

    /** "42 s", "3 min 05 s", "2 h 10 min". */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }
}
