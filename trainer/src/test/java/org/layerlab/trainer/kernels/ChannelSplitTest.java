package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ChannelSplitTest {

    @Test
    void everyChannelRunsOnceAndLargeLoopsUseTheOtherCores() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "a second core");
        int channels = 37;
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 50; round++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(channels);
            ChannelSplit.run(channels, 1 << 22, (from, to) -> {
                threads.add(Thread.currentThread().getName());
                for (int c = from; c < to; c++) runs.incrementAndGet(c);
            });
            for (int c = 0; c < channels; c++) assertThat(runs.get(c)).as("runs of channel %d", c).isEqualTo(1);
        }
        // a helper takes the other part when it gets there first: the caller's part waits for it here (the
        // caller runs any part no helper has started, so with instant parts the helper may never get one)
        java.util.concurrent.CountDownLatch helped = new java.util.concurrent.CountDownLatch(1);
        String caller = Thread.currentThread().getName();
        ChannelSplit.run(channels, 1 << 22, (from, to) -> {
            threads.add(Thread.currentThread().getName());
            if (!Thread.currentThread().getName().equals(caller)) helped.countDown();
            else if (from == 0) {
                try {
                    helped.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        assertThat(threads).anyMatch(t -> t.startsWith("layerlab-kernel-helper-"));
        // small loops stay on the caller
        Set<String> small = ConcurrentHashMap.newKeySet();
        ChannelSplit.run(channels, 1000, (from, to) -> small.add(Thread.currentThread().getName() + " " + from + "-" + to));
        assertThat(small).containsExactly(Thread.currentThread().getName() + " 0-" + channels);
    }

    @Test
    void aFailureInAnyPartReachesTheCaller() {
        assertThatThrownBy(() -> ChannelSplit.run(8, 1 << 22, (from, to) -> {
            if (to == 8) throw new IllegalStateException("last part");
        })).isInstanceOf(IllegalStateException.class).hasMessage("last part");
    }

    /** Each channel is computed whole by one thread in its own order: split and unsplit agree to the last bit. */
    @Test
    void batchNormalizationIsTheSameBitForBitSplitOrNot() {
        int n = 16, c = 12, hw = 32 * 32; // 196,608 values: split on two cores or more
        Random r = new Random(5);
        double[] x = new double[n * c * hw], dy = new double[x.length], g = new double[c], b = new double[c];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian() * 3 + 1;
            dy[i] = r.nextGaussian();
        }
        for (int i = 0; i < c; i++) {
            g[i] = 1 + r.nextGaussian() * 0.1;
            b[i] = r.nextGaussian() * 0.1;
        }
        double[][] split = pass(x, dy, n, c, hw, g, b), whole;
        System.setProperty(ChannelSplit.OFF, "true");
        try {
            whole = pass(x, dy, n, c, hw, g, b);
        } finally {
            System.clearProperty(ChannelSplit.OFF);
        }
        for (int k = 0; k < split.length; k++) assertThat(split[k]).as("output %d", k).containsExactly(whole[k]);
    }

    private static double[][] pass(double[] x, double[] dy, int n, int c, int hw, double[] g, double[] b) {
        double[] mean = new double[c], var = new double[c], y = new double[x.length], dx = new double[x.length];
        double[] dg = new double[c], db = new double[c];
        BatchNormKernel.forwardTraining(x, n, c, hw, g, b, 1e-5, mean, var, y);
        BatchNormKernel.backward(x, dy, n, c, hw, g, mean, var, 1e-5, dx, dg, db);
        return new double[][] {mean, var, y, dx, dg, db};
    }
}
