package org.layerlab.trainer.metrics;

import java.util.Arrays;

/** A growable array of floats: 4 bytes a value, so a million iterations of a scalar take 4 MB. */
public final class FloatSeries {
    private float[] values = new float[256];
    private int size;

    public synchronized void add(double v) {
        if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[size++] = (float) v;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized float get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return values[i];
    }

    /** A copy of all values. */
    public synchronized float[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** Bytes held (capacity), for the memory budget. */
    public synchronized long bytes() {
        return 4L * values.length;
    }
}
