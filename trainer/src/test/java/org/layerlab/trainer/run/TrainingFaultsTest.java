package org.layerlab.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.DataFiles;
import org.layerlab.trainer.data.DataWatch;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.LoadedData;

/**
 * Issue 20, training faults: a data file that changes or vanishes during a run stops that run with
 * a message naming it (an untouched file lets a run finish: the control); and when the engine
 * cannot allocate what a network needs, the run fails naming the layer that needs the most, and the
 * same process goes on to train a network that fits (a child JVM with a small native-memory limit).
 */
class TrainingFaultsTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static Graph mlp(int inputs, int hidden) {
        return new GraphBuilder().layer("in", InputSpec.vector(inputs)).layer("h1", new DenseSpec(hidden, Activation.TANH, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    private static TrainingRun runOn(Path csv, int epochs) throws Exception {
        DatasetRef ref = new DatasetRef("csv", Map.of("path", csv.toString(), "label", "y"));
        LoadedData d = Datasets.load(ref, DataFiles.none(), null);
        TrainingSettings s = RecordProperties.with(RecordProperties.with(TrainingSettings.defaults(), "epochs", epochs), "batchSize", 4);
        s = RecordProperties.with(s, "validationSplit", 0.0);
        TrainingRun run = new TrainingRun("csv", GraphCompiler.compile(mlp(2, 8), s), s, d.train(), null, null, 50);
        run.setDataWatch(DataWatch.of(ref, null));
        return run;
    }

    private static Path csv(String name) throws Exception {
        StringBuilder b = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) b.append(i % 7).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        return Files.writeString(dir.resolve(name), b.toString());
    }

    @Test
    void aDataFileThatChangesOrVanishesStopsTheRunNamingIt() throws Exception {
        Path changed = csv("changed.csv");
        TrainingRun a = runOn(changed, 100_000);
        a.start();
        a.awaitIterations(20, 60_000);
        Files.writeString(changed, "a,b,y\n1,2,0\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(a.await(30_000)).isTrue();
        assertThat(a.state()).isEqualTo(RunState.FAILED);
        assertThat(a.failure()).contains("the data file " + changed + " changed during the run").contains("start a new run");

        Path vanished = csv("vanished.csv");
        TrainingRun b = runOn(vanished, 100_000);
        b.start();
        b.awaitIterations(20, 60_000);
        Files.delete(vanished);
        assertThat(b.await(30_000)).isTrue();
        assertThat(b.failure()).contains("the data file " + vanished + " was deleted or moved during the run");

        // the control: the same run on a file left alone trains to its end
        TrainingRun c = runOn(csv("kept.csv"), 40);
        c.start();
        assertThat(c.await(60_000)).isTrue();
        assertThat(c.state()).as(c.failure()).isEqualTo(RunState.FINISHED);
    }

    /** Run in a child JVM whose native memory is capped: a network too large for it, then one that fits. */
    public static void main(String[] args) throws Exception {
        Backend.init();
        TrainingSettings s = RecordProperties.with(RecordProperties.with(TrainingSettings.defaults(), "batchSize", 64), "epochs", 1);
        s = RecordProperties.with(s, "validationSplit", 0.0);
        var random = org.layerlab.trainer.data.Dataset.classification(new float[256][512], new int[256], 2);
        try {
            TrainingRun big = new TrainingRun("big", GraphCompiler.compile(mlp(512, 400_000), s), s, random, null, null, 50);
            big.start();
            big.await(120_000);
            System.out.println("BIG " + big.state() + ": " + big.failure());
        } catch (IllegalArgumentException e) {
            System.out.println("BIG REFUSED: " + e.getMessage());
        }
        var small = org.layerlab.trainer.data.Dataset.classification(new float[64][2], new int[64], 2);
        TrainingRun fits = new TrainingRun("small", GraphCompiler.compile(mlp(2, 8), s), s, small, null, null, 50);
        fits.start();
        fits.await(60_000);
        System.out.println("SMALL " + fits.state());
    }

    @Test
    void runningOutOfNativeMemoryNamesTheLayerAndTheProcessGoesOn() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the child's address space is capped at 4 GB (ulimit -v), so the engine's malloc really fails; its memory
        // estimate is told the machine is large (maxPhysicalBytes), as it would be on a machine whose memory is taken
        List<String> cmd = new ArrayList<>(List.of("bash", "-c", "ulimit -v 4000000 && exec \"$0\" \"$@\"", java, "-Xmx512m",
                "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=256m", "-XX:CompressedClassSpaceSize=64m",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=16g", "-Dorg.bytedeco.javacpp.maxBytes=16g",
                "-cp", System.getProperty("java.class.path"), TrainingFaultsTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            for (String line; (line = r.readLine()) != null; ) out.add(line);
        }
        assertThat(p.waitFor()).as(String.join("\n", out)).isZero();
        String big = out.stream().filter(l -> l.startsWith("BIG ")).findFirst().orElseThrow(() -> new AssertionError(String.join("\n", out)));
        // a 512 → 400,000 dense layer: 205 M weights, 3.3 GB with gradients and Adam's two states: more than the cap allows
        assertThat(big).containsAnyOf("BIG FAILED", "BIG REFUSED").contains("the engine ran out of memory")
                .contains("the layer needing the most is Dense 'h1' (205,200,000 weights").contains("Reduce the batch size");
        assertThat(out).contains("SMALL FINISHED");
    }
}
