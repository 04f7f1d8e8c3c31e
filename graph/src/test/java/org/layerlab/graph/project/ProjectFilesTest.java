package org.layerlab.graph.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Fixtures;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.spec.*;

class ProjectFilesTest {

    /** A graph holding every spec type (and every enum value of the specs that have one). */
    static Graph everySpecGraph() {
        List<Node> nodes = new ArrayList<>();
        int i = 0;
        for (LayerCatalog.Entry e : LayerCatalog.entries()) nodes.add(new Node("n" + i, e.defaults(), 10.5 * i, -3.25 * i++));
        for (Activation a : Activation.values()) nodes.add(new Node("a" + i++, new ActivationSpec(a), 1, 2));
        for (Loss l : Loss.values()) nodes.add(new Node("l" + i++, new OutputSpec(3, Activation.SIGMOID, l), 1, 2));
        nodes.add(new Node("r" + i++, new ReshapeSpec(InputKind.SEQUENCE, 3, 1, 1, 1, 7), 0, 0));
        nodes.add(new Node("k" + i++, new OpaqueSpec("DepthwiseConvolution2D", "{\"@class\":\"org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D\"}",
                org.layerlab.graph.shape.TensorShape.image(8, 8, 2), org.layerlab.graph.shape.TensorShape.image(6, 6, 4), 40), 0, 0));
        List<Edge> edges = List.of(new Edge("n0", "n3", 0), new Edge("n3", "n25", 1), new Edge("n4", "n25", 0));
        return Graph.of(nodes, edges);
    }

    static Project sample() {
        TrainingSettings t = RecordProperties.with(TrainingSettings.defaults(), "learningRate", 0.0123);
        return new Project("every spec", everySpecGraph(), new ViewState(1.5, -20, 33.3),
                new DatasetRef("spiral", Map.of("arms", "3", "noise", "0.1")), t);
    }

    @Test
    void aProjectMayNameTheTrainedWeightsItStartsFrom() throws Exception {
        Project p = Project.of("net", org.layerlab.graph.Examples.mlp()).withWeights("net.zip");
        String json = ProjectFiles.toJson(p);
        assertThat(json).contains("\"weights\" : \"net.zip\"");
        assertThat(ProjectFiles.fromJson(json, "net.layerlab")).isEqualTo(p);
        // without weights the field is not written, and files without it read as before
        assertThat(ProjectFiles.toJson(p.withWeights(null))).doesNotContain("weights");
        assertThatThrownBy(() -> ProjectFiles.fromJson(json.replace("\"net.zip\"", "42"), "net.layerlab"))
                .hasMessageContaining("net.layerlab").hasMessageContaining("weights must be text naming a model's .zip file, found 42");
        assertThatThrownBy(() -> ProjectFiles.fromJson(json.replace("\"net.zip\"", "\"notes.txt\""), "net.layerlab"))
                .hasMessageContaining("weights: \"notes.txt\" must name a model's .zip file");
    }

    @Test
    void aProjectMayFreezeLayersAndAListThatIsNotOfItsLayersIsExplained() throws Exception {
        Project p = Project.of("net", org.layerlab.graph.Examples.mlp()).withFrozen(List.of("d1"));
        String json = ProjectFiles.toJson(p);
        assertThat(json).contains("\"frozen\" : [ \"d1\" ]");
        assertThat(ProjectFiles.fromJson(json, "net.layerlab")).isEqualTo(p);
        assertThat(ProjectFiles.toJson(p.withFrozen(List.of()))).doesNotContain("frozen");
        assertThatThrownBy(() -> ProjectFiles.fromJson(json.replace("[ \"d1\" ]", "[ \"h9\" ]"), "net.layerlab"))
                .hasMessageContaining("net.layerlab").hasMessageContaining("frozen: \"h9\" is not a layer of the graph; remove it from the list");
        assertThatThrownBy(() -> ProjectFiles.fromJson(json.replace("[ \"d1\" ]", "\"d1\""), "net.layerlab"))
                .hasMessageContaining("frozen must list layer ids");
        assertThatThrownBy(() -> ProjectFiles.fromJson(json.replace("[ \"d1\" ]", "[ 3 ]"), "net.layerlab"))
                .hasMessageContaining("frozen must list layer ids").hasMessageContaining("found 3");
    }

    @Test
    void everySpecIsInTheRoundTripGraph() {
        List<Class<?>> types = everySpecGraph().nodes().stream().<Class<?>>map(n -> n.spec().getClass()).distinct().toList();
        assertThat(types).containsExactlyInAnyOrder(LayerSpec.class.getPermittedSubclasses());
    }

    @Test
    void roundTripsExactly(@TempDir Path dir) throws Exception {
        Project p = sample();
        Path file = dir.resolve("every.layerlab");
        ProjectFiles.write(file, p);
        Project back = ProjectFiles.read(file);
        assertThat(back).isEqualTo(p);
        assertThat(ProjectFiles.toJson(back)).isEqualTo(Files.readString(file));
        assertThat(Files.readString(file)).startsWith("{\n  \"format\" : 1,");
    }

    @Test
    void writingReplacesTheOldFileAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("m.layerlab");
        ProjectFiles.write(file, Project.of("first", Fixtures.lenet()));
        ProjectFiles.write(file, Project.of("second", Fixtures.mlp()));
        assertThat(ProjectFiles.read(file).name()).isEqualTo("second");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileIntact(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keep.layerlab");
        ProjectFiles.write(file, Project.of("kept", Fixtures.mlp()));
        String before = Files.readString(file);
        // a directory in the way of the rename makes the final step fail after the temp file was written
        Path blocked = dir.resolve("blocked.layerlab");
        Files.createDirectories(blocked.resolve("child"));
        assertThatThrownBy(() -> ProjectFiles.write(blocked, Project.of("x", Fixtures.mlp()))).isInstanceOf(java.io.IOException.class);
        assertThat(Files.readString(file)).isEqualTo(before);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("keep.layerlab", "blocked.layerlab");
        }
    }

    private static String valid() {
        return ProjectFiles.toJson(Project.of("mlp", Fixtures.mlp()));
    }

    static Stream<Arguments> malformed() {
        String v = valid();
        return Stream.of(
            Arguments.of("not JSON", "hello", "line 1"),
            Arguments.of("truncated", v.substring(0, v.length() / 2), "line "),
            Arguments.of("empty", "", "not a LayerLab project"),
            Arguments.of("array", "[1,2]", "not a LayerLab project"),
            Arguments.of("missing format", v.replace("\"format\" : 1,", ""), "\"format\" is missing"),
            Arguments.of("future format", v.replace("\"format\" : 1,", "\"format\" : 7,"), "newer LayerLab"),
            Arguments.of("format as text", v.replace("\"format\" : 1,", "\"format\" : \"1\","), "must be a whole number"),
            Arguments.of("wrong type", v.replace("\"units\" : 256", "\"units\" : \"many\""), "graph.nodes[1].spec.units"),
            Arguments.of("number as text", v.replace("\"units\" : 256", "\"units\" : \"256\""), "graph.nodes[1].spec.units"),
            Arguments.of("fraction for whole", v.replace("\"units\" : 256", "\"units\" : 25.5"), "graph.nodes[1].spec.units"),
            Arguments.of("missing field", v.replace("\"units\" : 256,", ""), "'units'"),
            Arguments.of("null field", v.replace("\"units\" : 256", "\"units\" : null"), "units"),
            Arguments.of("unknown field", v.replace("\"units\" : 256,", "\"units\" : 256, \"colour\" : 3,"), "unknown field \"colour\""),
            Arguments.of("unknown layer type", v.replace("\"type\" : \"Dense\"", "\"type\" : \"Quantum\""), "unknown layer type 'Quantum'"),
            Arguments.of("missing layer type", v.replaceFirst("\"type\" : \"Dense\",", ""), "no \"type\""),
            Arguments.of("bad enum", v.replaceFirst("\"activation\" : \"RELU\"", "\"activation\" : \"WOBBLE\""), "one of IDENTITY, SIGMOID"),
            Arguments.of("dangling edge", v.replace("\"to\" : \"d2\"", "\"to\" : \"ghost\""), "unknown node 'ghost'"),
            Arguments.of("huge number", v.replace("\"units\" : 256", "\"units\" : 99999999999999"), "out of range"),
            Arguments.of("negative size", v.replace("\"units\" : 256", "\"units\" : -5"), "units = -5 is outside 1"),
            Arguments.of("duplicate ids", v.replace("\"id\" : \"d2\"", "\"id\" : \"d1\"").replace("\"from\" : \"d2\"", "\"from\" : \"d1\"")
                    .replace("\"to\" : \"d2\"", "\"to\" : \"d1\""), "two nodes have the id 'd1'"),
            Arguments.of("bad id", v.replace("\"id\" : \"d2\"", "\"id\" : \"2 d\"").replace("\"from\" : \"d2\"", "\"from\" : \"2 d\"")
                    .replace("\"to\" : \"d2\"", "\"to\" : \"2 d\""), "must start with a letter"),
            Arguments.of("port twice", v.replace("\"from\" : \"d1\",\n      \"to\" : \"d2\"", "\"from\" : \"in\",\n      \"to\" : \"d1\""), "wired twice"),
            Arguments.of("negative port", v.replaceFirst("\"port\" : 0", "\"port\" : -1"), "negative port"),
            Arguments.of("port the layer lacks", v.replaceFirst("\"port\" : 0", "\"port\" : 7"),
                    "graph.edges[0].port: layer 'd1' (Dense) has one input port, 0; port 7 does not exist"),
            Arguments.of("bad training value", v.replace("\"batchSize\" : 32", "\"batchSize\" : 0"), "training: batchSize = 0"),
            Arguments.of("duplicate key", v.replace("\"units\" : 256,", "\"units\" : 256, \"units\" : 3,"), "appears twice"),
            Arguments.of("trailing garbage", v + "}", "line "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFilesGiveAClearErrorNamingThePlace(String what, String json, String expected) {
        ProjectFormatException e = catchThrowableOfType(() -> ProjectFiles.fromJson(json, "bad.layerlab"), ProjectFormatException.class);
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).startsWith("bad.layerlab").contains(expected);
        assertThat(e.getMessage()).doesNotContain("com.fasterxml").doesNotContain("Exception");
    }

    @Test
    void typeErrorsCarryLineAndColumn() {
        String json = valid().replace("\"units\" : 256", "\"units\" : \"many\"");
        ProjectFormatException e = catchThrowableOfType(() -> ProjectFiles.fromJson(json, "f.layerlab"), ProjectFormatException.class);
        int line = (int) json.substring(0, json.indexOf("\"many\"")).chars().filter(c -> c == '\n').count() + 1;
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.column()).isPositive();
        assertThat(e.path()).isEqualTo("graph.nodes[1].spec.units");
    }

    /** Files broken the ways issue 17 and 20 saw, each must be explained without the parser's internals. */
    static Stream<String> brokenJson() {
        String v = valid();
        return Stream.of(
                v.replaceFirst("\"learningRate\" : [0-9.eE-]+", "\"learningRate\" : NaN"),
                v.replaceFirst("\"learningRate\" : [0-9.eE-]+", "\"learningRate\" : Infinity"),
                v.replaceFirst("\\]", "}"),
                v.replaceFirst("\\}", "]"),
                v.substring(0, v.length() / 2),
                v.replaceFirst("\"name\" : \"mlp\"", "\"name\" : \"a\tb\""),
                v.replaceFirst("\"name\" : \"mlp\"", "\"name\" : mlp"),
                v.replaceFirst("\"name\" : \"mlp\"", "\"name\" : \"mlp\", \"name\" : \"x\""),
                "[".repeat(3000) + "]".repeat(3000),
                "{\"format\": 1, \"name\": \"" + "x".repeat(25_000_000) + "\"}",
                "{\"format\": 1, \"name\": " + "9".repeat(2000) + "}",
                "{\"format\": 1 \"name\": \"x\"}",
                "{\"format\": 1, 'name': 'x'}");
    }

    @ParameterizedTest
    @MethodSource("brokenJson")
    void brokenJsonIsExplainedInPlainWordsNamingThePlace(String text) {
        ProjectFormatException e = catchThrowableOfType(() -> ProjectFiles.fromJson(text, "broken.layerlab"), ProjectFormatException.class);
        assertThat(e).as("a ProjectFormatException").isNotNull();
        assertThat(e.getMessage()).startsWith("broken.layerlab")
                .doesNotContain("Source:").doesNotContain("REDACTED").doesNotContain("Feature").doesNotContain("Constraints")
                .doesNotContain("`").doesNotContain("com.fasterxml").doesNotContain("java.").doesNotContain("JsonToken")
                .doesNotContain("START_").doesNotContain("END_");
        assertThat(e.getMessage().length()).isLessThan(400);
    }

    @Test
    void aSavedProjectGetsTheModeOfAnyNewFileNotOwnerOnly(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain.txt"), "x"); // the process's umask decides its mode
        Path file = dir.resolve("p.layerlab");
        ProjectFiles.write(file, Project.of("mlp", Fixtures.mlp()));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        ProjectFiles.write(file, Project.of("mlp2", Fixtures.mlp())); // replacing keeps it so
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(Files.getPosixFilePermissions(plain));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("plain.txt", "p.layerlab");
        }
    }
}
