package org.layerlab.trainer.metrics;

import java.util.Arrays;

/**
 * Histograms of one layer's weights or gradients over time, in flat primitive arrays. Histograms
 * cost {@link MetricsListener#BINS} ints each, so past {@link #CAPACITY} entries every second one is
 * dropped and only every second new one is kept: the series always spans the whole run at a
 * resolution that halves as it grows (unlike the scalar series, which stay at full resolution).
 * Any thread.
 */
public final class HistogramSeries {
    static final int CAPACITY = 2048;

    /** One histogram: {@code counts.length} equal bins over [min, max]. */
    public record Entry(int iteration, float min, float max, int[] counts) {}

    private final int bins;
    private int[] iterations = new int[16];
    private float[] mins = new float[16];
    private float[] maxs = new float[16];
    private int[] counts;
    private int size;
    private int stride = 1;
    private int offered;

    public HistogramSeries(int bins) {
        this.bins = bins;
        this.counts = new int[16 * bins];
    }

    public synchronized void add(int iteration, double min, double max, int[] binCounts) {
        if (binCounts.length != bins) throw new IllegalArgumentException(binCounts.length + " bins, expected " + bins);
        if (offered++ % stride != 0) return;
        if (size == CAPACITY) {
            for (int i = 0; i < size / 2; i++) {
                iterations[i] = iterations[2 * i];
                mins[i] = mins[2 * i];
                maxs[i] = maxs[2 * i];
                System.arraycopy(counts, 2 * i * bins, counts, i * bins, bins);
            }
            size /= 2;
            stride *= 2;
            offered = 1;
        }
        if (size == iterations.length) {
            int n = Math.min(CAPACITY, size * 2);
            iterations = Arrays.copyOf(iterations, n);
            mins = Arrays.copyOf(mins, n);
            maxs = Arrays.copyOf(maxs, n);
            counts = Arrays.copyOf(counts, n * bins);
        }
        iterations[size] = iteration;
        mins[size] = (float) min;
        maxs[size] = (float) max;
        System.arraycopy(binCounts, 0, counts, size * bins, bins);
        size++;
    }

    public synchronized int size() {
        return size;
    }

    public int bins() {
        return bins;
    }

    public synchronized Entry get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return new Entry(iterations[i], mins[i], maxs[i], Arrays.copyOfRange(counts, i * bins, (i + 1) * bins));
    }

    /** A copy of every entry, oldest first. */
    public synchronized Entry[] toArray() {
        Entry[] out = new Entry[size];
        for (int i = 0; i < size; i++) out[i] = get(i);
        return out;
    }

    synchronized long bytes() {
        return 12L * iterations.length + 4L * counts.length;
    }
}
