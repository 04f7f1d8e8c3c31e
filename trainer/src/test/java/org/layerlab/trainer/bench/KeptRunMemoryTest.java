package org.layerlab.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.run.TrainingRun;
import org.layerlab.graph.project.TrainingSettings;

/**
 * A finished run that the window keeps for comparison holds its network and history, not the kernels'
 * map-sized work arrays: five finished runs of the benchmark's residual CNN (every metric sampled every
 * batch) add under 30 MB of heap each. Before the work arrays were shared per thread they added ≈ 120 MB
 * each (the batch-norm layers' double-precision copies, the ReLU layers' arrays, an activation copy per
 * layer). The control holds a 64 MB array beside the runs and must be seen by the same measurement.
 */
class KeptRunMemoryTest {

    private static long usedAfterCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static double megabytesPerRun(List<Object> kept, Runnable extra) throws Exception {
        TrainingSettings s = Benchmark.settings(32);
        GraphCompiler.Compiled c = GraphCompiler.compile(BenchModels.residualCnn(), s);
        Dataset data = BenchModels.randomData(c, 32 * 2);
        TrainingRun warm = new TrainingRun("warm", c, s, data, null, x -> { }, 1);
        warm.start();
        assertThat(warm.await(120_000)).isTrue();
        long before = usedAfterCollection();
        for (int i = 0; i < 5; i++) {
            TrainingRun r = new TrainingRun("kept " + i, c, s, data, null, x -> { }, 1);
            r.start();
            assertThat(r.await(120_000)).isTrue();
            assertThat(r.iteration()).isEqualTo(2);
            kept.add(r);
        }
        extra.run();
        return (usedAfterCollection() - before) / 5 / 1e6;
    }

    @Test
    void aFinishedResidualCnnRunKeepsNoMapSizedWorkArrays() throws Exception {
        List<Object> kept = new ArrayList<>();
        assertThat(megabytesPerRun(kept, () -> { })).isLessThan(30);
        assertThat(kept).hasSize(5);
    }

    @Test
    void controlAnArrayKeptBesideTheRunsIsSeen() throws Exception {
        List<Object> kept = new ArrayList<>();
        // 64 MB over five runs: ≈ 13 MB a run more than the runs themselves
        assertThat(megabytesPerRun(kept, () -> kept.add(new byte[64 << 20]))).isGreaterThan(12);
    }
}
