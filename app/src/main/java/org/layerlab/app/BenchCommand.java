package org.layerlab.app;

import java.util.concurrent.Callable;
import org.layerlab.trainer.bench.Benchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code layerlab bench} — training throughput: bare DL4J vs a LayerLab run vs PyTorch. */
@Command(name = "bench", description = "Measure training throughput (DL4J, LayerLab run, PyTorch if installed).")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--rounds", defaultValue = "5", description = "alternating rounds; medians are printed")
    int rounds;

    @Override
    public Integer call() throws Exception {
        Benchmark.run(System.out, rounds);
        return 0;
    }
}
