package org.layerlab.trainer.run;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.layerlab.trainer.data.Dataset;

/**
 * The mini-batches of each epoch — a seeded shuffle per epoch, so runs stay reproducible — cut on a
 * background thread and handed over one by one: training starts as soon as the first batch exists
 * (gathering a whole MNIST epoch first took ~270 ms here), and the next epoch is cut while this one
 * trains. Batch i of epoch e holds rows {@code permutation(seed + e)[i·size … (i+1)·size)}.
 *
 * <p>The cutting stays at most {@link #AHEAD} batches ahead of training, and a trained batch's arrays go
 * back to the allocator at once ({@link Epoch#done}) instead of when the garbage collector finds them. So the
 * next batch is cut into memory the process already holds: cutting a whole epoch ahead made every batch new
 * memory, ≈ 90 page faults a batch of the MLP (each a zeroed page from the kernel, on the core the training's
 * products share), and held an epoch of copies (≈ 190 MB for MNIST) besides the data set. The cutting runs on
 * a kept thread ({@link TrainerThreads}), so that each run's batches come from the same allocator arena.
 */
public final class EpochBatches implements AutoCloseable {
    /** A batch in the queue, or (null) the news that cutting failed. */
    private record Item(Dataset batch) {}

    private static final Item FAILED = new Item(null);
    /** Batches cut and waiting at most: enough to hide a batch's gathering behind the step before it. */
    static final int AHEAD = 4;
    /** {@code -Dlayerlab.batchRecycling.off=true}: cut whole epochs ahead and leave trained batches to the collector (to compare). */
    private final boolean recycling = !Boolean.getBoolean("layerlab.batchRecycling.off");

    private final Dataset data;
    private final int batchSize;
    private final long seed;
    /** Epochs to cut, in order; {@link #END} stops the cutting thread. */
    private final BlockingQueue<Runnable> epochs = new LinkedBlockingQueue<>();
    private static final Runnable END = () -> { };
    private volatile boolean closed;
    /** Opens when the cutting thread's work has ended (the thread itself goes back to waiting for a run). */
    private final CountDownLatch finished;

    public EpochBatches(Dataset data, int batchSize, long seed, String threadName) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.finished = TrainerThreads.start(this::cutEpochs, threadName);
    }

    private void cutEpochs() {
        try {
            for (Runnable epoch = epochs.take(); epoch != END; epoch = epochs.take()) epoch.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One epoch's batches in order, arriving while they are cut. Take each with {@link #next()}. */
    public static final class Epoch {
        private final int count;
        private final BlockingQueue<Item> queue;
        private volatile Throwable failure;
        private volatile int cut;
        private volatile boolean abandoned;

        private final EpochBatches source;

        private Epoch(int count, EpochBatches source) {
            this.count = count;
            this.source = source;
            this.queue = source.recycling ? new LinkedBlockingQueue<>(AHEAD) : new LinkedBlockingQueue<>();
        }

        public int count() {
            return count;
        }

        /** The next batch, waiting for it to be cut. */
        public Dataset next() throws InterruptedException, ExecutionException {
            while (true) {
                Item item = queue.poll(50, TimeUnit.MILLISECONDS);
                if (item == FAILED) throw new ExecutionException("could not cut the training batches", failure);
                if (item != null) return item.batch();
                // the cutting thread was interrupted while it waited for room: no batch will come
                if (abandoned) throw new ExecutionException("the cutting of the training batches was interrupted", failure);
            }
        }

        /**
         * Gives a batch taken with {@link #next()} back once nothing reads it any more: its arrays are freed
         * now, for the next batch to be cut into. The caller makes sure no other object still refers to them.
         */
        public void done(Dataset batch) {
            if (source.recycling) batch.release();
        }

        /** How many batches were cut so far (tests: the cutting stays within {@link #AHEAD} of training). */
        int cut() {
            return cut;
        }

        /** Waits for room in the queue; false when the cutting was closed meanwhile. */
        private boolean hand(Item item) throws InterruptedException {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (source.closed) return false;
            }
            return true;
        }
    }

    /** Queues epoch {@code e} behind any epoch already being cut. */
    public Epoch prepare(int e) {
        Epoch epoch = new Epoch((data.size() + batchSize - 1) / batchSize, this);
        epochs.add(() -> {
            try {
                int[] order = Dataset.permutation(data.size(), seed + e);
                for (int from = 0; from < order.length && !closed; from += batchSize) {
                    Dataset batch = data.rows(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)));
                    epoch.cut++;
                    if (!epoch.hand(new Item(batch))) batch.release();
                }
            } catch (InterruptedException ex) {
                epoch.failure = ex;
                epoch.abandoned = true;
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error ex) {
                epoch.failure = ex;
                try {
                    epoch.hand(FAILED);
                } catch (InterruptedException stop) {
                    epoch.abandoned = true;
                    Thread.currentThread().interrupt();
                }
            }
        });
        return epoch;
    }

    /**
     * Stops cutting (within a batch) and waits until the cutting work has ended: no batch is cut for a run
     * after it ends (the soak test checks that no thread still carries its name).
     */
    @Override
    public void close() {
        closed = true;
        epochs.add(END);
        try {
            finished.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
