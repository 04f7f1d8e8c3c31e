package org.layerlab.trainer.run;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import org.layerlab.trainer.data.Dataset;

/**
 * The mini-batches of each epoch — a seeded shuffle per epoch, so runs stay reproducible — cut on a
 * background thread and handed over one by one: training starts as soon as the first batch exists
 * (gathering a whole MNIST epoch first took ~270 ms here), and the next epoch is cut while this one
 * trains. Batch i of epoch e holds rows {@code permutation(seed + e)[i·size … (i+1)·size)}.
 */
public final class EpochBatches implements AutoCloseable {
    /** A batch in the queue, or (null) the news that cutting failed. */
    private record Item(Dataset batch) {}

    private static final Item FAILED = new Item(null);

    private final Dataset data;
    private final int batchSize;
    private final long seed;
    private final ExecutorService worker;
    /** The cutting thread, once started: close() waits until it has ended, not only until the executor says it is done. */
    private volatile Thread thread;

    public EpochBatches(Dataset data, int batchSize, long seed, String threadName) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            thread = t;
            return t;
        });
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
        worker.execute(() -> {
            try {
                int[] order = Dataset.permutation(data.size(), seed + e);
                for (int from = 0; from < order.length && !Thread.currentThread().isInterrupted(); from += batchSize) {
                    epoch.queue.add(new Item(data.rows(java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize)))));
                }
            } catch (RuntimeException | Error ex) {
                epoch.failure = ex;
                epoch.queue.add(FAILED);
            }
        });
        return epoch;
    }

    /** Stops the cutting thread and waits for it (a run's threads end with the run; the soak test checks). */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            Thread t = thread;
            if (t != null) t.join(10_000); // the executor reports termination a moment before its thread has returned
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
