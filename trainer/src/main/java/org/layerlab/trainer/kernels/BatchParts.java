package org.layerlab.trainer.kernels;

import java.util.function.IntConsumer;

/**
 * The recurrent kernels' time loops in parts of the batch, one part per core: examples are independent
 * through the whole recurrence, so each part runs its own loop over its rows of every step. A loop is a
 * chain of small products and pointwise work, which kept one core busy and the other nearly idle. The
 * parts depend on the shapes alone, never on the cores or the helper's timing, so results are the same on
 * one core (or with {@code -Dlayerlab.channelSplit.off=true}) bit for bit. {@code -Dlayerlab.batchParts.off=true}
 * keeps one part.
 */
public final class BatchParts {
    private BatchParts() {}

    public static final String OFF = "layerlab.batchParts.off";
    /** Overrides the size from which a batch is cut: tests set 0 to cut even tiny batches. */
    public static final String MIN_VALUES = "layerlab.batchParts.minValues";

    /**
     * Into how many parts a batch is cut: 2 when it has two examples and a pass touches enough values
     * ({@code values}: steps × batch × the gates' columns) to pay for the hand-off, else 1.
     */
    public static int of(int batch, long values) {
        long min = Long.getLong(MIN_VALUES, 2 * ChannelSplit.MIN_VALUES_PER_PART);
        return batch >= 2 && values >= min && !Boolean.getBoolean(OFF) ? 2 : 1;
    }

    /** A loop over examples [first, end). */
    public interface Examples {
        void run(int first, int end);
    }

    /** A loop over examples [first, end) that returns its share of a sum. */
    public interface Share {
        double[] run(int first, int end);
    }

    /** Runs {@code loop} over each part's examples, the parts over the cores. */
    public static void examples(int parts, int batch, long values, Examples loop) {
        run(parts, values, p -> loop.run(first(batch, p, parts), first(batch, p + 1, parts)));
    }

    /** Runs {@code loop} over each part's examples and adds the parts' shares up, in the parts' order. */
    public static double[] summed(int parts, int batch, long values, Share loop) {
        double[][] shares = new double[parts][];
        run(parts, values, p -> shares[p] = loop.run(first(batch, p, parts), first(batch, p + 1, parts)));
        double[] sum = shares[0];
        for (int p = 1; p < parts; p++) for (int j = 0; j < sum.length; j++) sum[j] += shares[p][j];
        return sum;
    }

    /** The first example of part {@code p} of {@code parts}; part p is [first(p), first(p + 1)). */
    static int first(int batch, int p, int parts) {
        return batch * p / parts;
    }

    /** Runs {@code body} for each part over the cores, each part whole on one thread ({@link ChannelSplit}). */
    public static void run(int parts, long values, IntConsumer body) {
        ChannelSplit.run(parts, values, (from, end) -> {
            for (int p = from; p < end; p++) body.accept(p);
        });
    }
}
