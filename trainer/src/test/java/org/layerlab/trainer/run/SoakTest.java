package org.layerlab.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Synthetic;

/**
 * Issue 20: 200 cycles (after 100 of warm-up) of start / pause / step / resume / fork / change LR / stop in one JVM leave
 * no thread behind and end with live threads, heap after GC and off-heap memory (resident minus committed heap: ND4J's native buffers) within 5 %
 * of where they stood after a warm-up. The figures are printed (docs/soak.md records a run).
 */
class SoakTest {
    static final int CYCLES = 300, WARM_UP = 100; // 200 measured cycles after 100 of warm-up: resident memory rises over the first ~60 (JIT, class data, malloc arenas) and then flattens

    @Test
    void twoHundredRunLifecyclesLeakNoThreadsHeapOrNativeMemory() throws Exception {
        Backend.init();
        Dataset data = Synthetic.spiral(40, 3, 0.05, 3);
        TrainingSettings s = TrainingRunTest.settings(TrainingSettings.Optimizer.ADAM, 0.01, 16, 50);
        long[] threads = new long[CYCLES], heap = new long[CYCLES], offHeap = new long[CYCLES];
        for (int c = 0; c < CYCLES; c++) {
            TrainingRun run = TrainingRunTest.run(TrainingRunTest.xorMlp(16), s, data, data);
            run.start(true);
            for (int i = 1; i <= 3; i++) {
                run.step();
                run.awaitIterations(i, 10_000);
            }
            run.resume();
            run.awaitIterations(10, 10_000);
            run.pause();
            run.setLearningRate(0.001 + c * 1e-5);
            TrainingRun fork = run.fork("fork", s, null);
            fork.start();
            fork.awaitIterations(run.iteration() + 3, 10_000);
            fork.stop();
            run.resume();
            run.stop();
            assertThat(run.await(10_000)).isTrue();
            assertThat(fork.await(10_000)).isTrue();
            assertThat(run.state().isOver() && fork.state().isOver()).isTrue();
            run.release();
            fork.release();
            // no run thread survives its run (the batch cutters end with it)
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                    && (t.getName().startsWith("layerlab-train-") || t.getName().startsWith("layerlab-batches-")));
            System.gc();
            threads[c] = ManagementFactory.getThreadMXBean().getThreadCount();
            heap[c] = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            // ND4J allocates through its own native allocator, which JavaCPP's counters do not see: what the
            // process holds off the Java heap (resident memory minus the committed heap, which jumps when G1
            // commits more) is what would grow if a run's native buffers or workspaces stayed
            offHeap[c] = org.bytedeco.javacpp.Pointer.physicalBytes() - ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        }
        StringBuilder trend = new StringBuilder();
        for (int c = WARM_UP; c < CYCLES; c += 20) trend.append(String.format(" %d:%.1f", c, offHeap[c] / 1e6));
        System.out.println("SOAK off-heap MB by cycle:" + trend);
        long t0 = threads[WARM_UP], h0 = median(heap, WARM_UP - 5, WARM_UP + 5), o0 = median(offHeap, WARM_UP - 5, WARM_UP + 5);
        long t1 = threads[CYCLES - 1], h1 = median(heap, CYCLES - 10, CYCLES), o1 = median(offHeap, CYCLES - 10, CYCLES);
        System.out.printf("SOAK %d cycles: threads %d -> %d, heap after GC %.1f -> %.1f MB, off-heap (resident minus committed heap) %.1f -> %.1f MB%n",
                CYCLES, t0, t1, h0 / 1e6, h1 / 1e6, o0 / 1e6, o1 / 1e6);
        assertThat(t1).as("live threads").isLessThanOrEqualTo(t0);
        assertThat((double) h1).as("heap after GC, MB").isLessThanOrEqualTo(h0 * 1.05 + 2e6);
        assertThat((double) o1).as("off-heap bytes").isLessThanOrEqualTo(o0 * 1.05);
    }

    private static long median(long[] v, int from, int to) {
        long[] s = Arrays.copyOfRange(v, from, to);
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
