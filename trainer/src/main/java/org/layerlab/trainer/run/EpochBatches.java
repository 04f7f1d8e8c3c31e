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
 * trains. Batch i of epoch e holds rows {@code permutation(seed + e)[i·size … (i+1)·size)}. The cutting
 * runs on a kept thread ({@link TrainerThreads}), so that each run's batches reuse the native memory the
 * last run's batches had, in the same allocator arena.
 */
public final class EpochBatches implements AutoCloseable {
    /** A batch in the queue, or (null) the news that cutting failed. */
    private record Item(Dataset batch) {}

    private static final Item FAILED = new Item(null);

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
        private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
        private volatile Throwable failure;

        private Epoch(int count) {
            this.count = count;
        }

        public int count() {
            return count;
        }

        /** The next batch, waiting for it to be cut. */
        public Dataset next() throws InterruptedException, ExecutionException {
            Item item = queue.take();
            if (item == FAILED) throw new ExecutionException("could not cut the training batches", failure);
            return item.batch();
        }
    }

    /** Queues epoch {@code e} behind any epoch already being cut. */
    public Epoch prepare(int e) {
        Epoch epoch = new Epoch((data.size() + batchSize - 1) / batchSize);
        epochs.add(() -> {
            try {
                int[] order = Dataset.permutation(data.size(), seed + e);
                for (int from = 0; from < order.length && !closed; from += batchSize) {
                    epoch.queue.add(new Item(data.rows(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)))));
                }
            } catch (RuntimeException | Error ex) {
                epoch.failure = ex;
                epoch.queue.add(FAILED);
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
