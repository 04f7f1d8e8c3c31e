package org.layerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.spec.*;

class CliTest {

    record Result(int code, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void summaryPrintsShapesAndTotals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mlp.layerlab");
        ProjectFiles.write(file, Project.of("mlp", new GraphBuilder()
                .layer("in", InputSpec.vector(784))
                .layer("d1", new DenseSpec(256, Activation.RELU, true))
                .layer("d2", new DenseSpec(128, Activation.RELU, true))
                .layer("out", new OutputSpec(10, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build()));
        Result r = run("summary", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Total params: 235,146");
    }

    @Test
    void aBrokenFileGivesOneLineAndExitCodeOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.layerlab");
        Files.writeString(file, "{\"format\": 1, \"name\": ");
        Result r = run("summary", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("layerlab: bad.layerlab").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aMissingFileIsReported(@TempDir Path dir) {
        Result r = run("summary", dir.resolve("nope.layerlab").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("cannot read the file");
    }
}
