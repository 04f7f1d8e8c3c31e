package org.layerlab.graph.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;

/**
 * Issue 20: a process saving a project is killed with SIGKILL at random moments; every time, the
 * file on disk is the complete old or the complete new project. CI kills {@code -Dsave.kills} times
 * (40 by default, to fit its time); docs/soak.md records a run of 200.
 */
class AtomicSaveKillTest {

    /** Two versions of a project large enough (~60 KB) that a save takes a while. */
    static Project version(int v) {
        GraphBuilder b = new GraphBuilder().layer("in", InputSpec.vector(8));
        for (int i = 0; i < 300; i++) b.layer("d" + i, new DenseSpec(8 + v, Activation.RELU, true));
        return Project.of("version " + v, b.layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build());
    }

    @Test
    void aSaveKilledAtARandomMomentLeavesTheOldOrTheNewFileWhole(@TempDir Path dir) throws Exception {
        int kills = Integer.getInteger("save.kills", 40);
        Project a = version(0), b = version(1);
        Path file = dir.resolve("p.layerlab");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random random = new Random(20);
        int sawA = 0, sawB = 0;
        for (int k = 0; k < kills; k++) {
            Process p = new ProcessBuilder(java, "-Xshare:auto", "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(), file.toString())
                    .redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null && !line.equals("READY")) { /* its output */ }
                assertThat(line).as("the saver started").isEqualTo("READY");
                Thread.sleep(random.nextInt(200));
                p.destroyForcibly(); // SIGKILL, mid-save most of the time
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            Project onDisk = ProjectFiles.read(file); // throws if the file is cut off or mixed
            assertThat(onDisk).as("after kill %d", k).isIn(a, b);
            if (onDisk.equals(a)) sawA++;
            else sawB++;
        }
        long leftovers;
        try (var files = Files.list(dir)) {
            leftovers = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).count();
        }
        System.out.printf("ATOMIC SAVE: %d kills, old/new on disk %d/%d, leftover temporary files %d%n", kills, sawA, sawB, leftovers);
        assertThat(sawA + sawB).isEqualTo(kills);
        // each new save removes what killed saves left: at most the last one's remains
        assertThat(leftovers).isLessThanOrEqualTo(1);
    }
}
