package org.layerlab.trainer.metrics;

import java.util.Arrays;

/** A growable array of ints (iteration numbers of sparse samples). */
public final class IntSeries {
    private int[] values = new int[64];
    private int size;

    public synchronized void add(int v) {
        if (size == values.length) values = Arrays.copyOf(values, values.length * 2);
        values[size++] = v;
    }

    public synchronized int size() {
        return size;
    }

    public synchronized int get(int i) {
        if (i >= size) throw new IndexOutOfBoundsException(i + " of " + size);
        return values[i];
    }

    public synchronized int[] toArray() {
        return Arrays.copyOf(values, size);
    }

    public synchronized long bytes() {
        return 4L * values.length;
    }
}
