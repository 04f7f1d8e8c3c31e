package org.layerlab.trainer.kernels;

/**
 * Float work arrays that a kernel needs only for the length of one call, kept per thread and shared by
 * every layer on it. Each layer keeping its own (two map-sized arrays per ReLU and batch-norm layer) made
 * every new network allocate and zero tens of megabytes in its first step — one humongous G1 allocation per
 * array, each able to start a collection — and kept them as long as the network lived, for every finished
 * run the window still shows. Two slots, so a call may
 * use two arrays at once; the parts a call hands to other cores ({@link ChannelSplit}) write into the
 * caller's arrays, each its own range. An array may be longer than asked for.
 */
public final class Scratch {
    private Scratch() {}

    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    /** This thread's first work array, at least {@code length} long; its contents are left from earlier calls. */
    public static float[] first(long length) {
        return slot(0, length);
    }

    /** This thread's second work array, at least {@code length} long; never the same array as {@link #first}. */
    public static float[] second(long length) {
        return slot(1, length);
    }

    private static float[] slot(int slot, long length) {
        if (length > Integer.MAX_VALUE) throw new IllegalArgumentException("a work array of " + length + " values is too long");
        float[][] slots = SLOTS.get();
        if (slots[slot].length < length) slots[slot] = new float[(int) length];
        return slots[slot];
    }
}
