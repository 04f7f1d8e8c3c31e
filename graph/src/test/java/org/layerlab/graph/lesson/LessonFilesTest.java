package org.layerlab.graph.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.Fixtures;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.ProjectFormatException;

class LessonFilesTest {

    static final String VALID = """
            {"format": 1, "id": "14-vanishing", "number": 14, "chapter": "C", "title": "Vanishing gradients",
             "question": "Why?", "iterations": 200, "views": ["curves"],
             "variants": [{"name": "sigmoid", "project": "sigmoid.layerlab"}, {"name": "relu", "project": "relu.layerlab"}],
             "checks": [{"name": "first layer starves", "left": {"variant": "sigmoid", "metric": "gradientNorm", "layer": "h1", "stat": "mean", "window": 10},
                         "op": "<=", "right": {"variant": "sigmoid", "metric": "gradientNorm", "layer": "h10", "stat": "mean", "window": 10},
                         "times": 0.1, "pass": "yes", "fail": "no"},
                        {"name": "relu learns", "left": {"variant": "relu", "metric": "iterationsToLoss", "target": 0.5}, "op": "<", "right": 150,
                         "pass": "yes", "fail": "no"}],
             "control": {"removes": "both ReLU", "projects": {"sigmoid": "relu.layerlab"}}}
            """;

    @Test
    void aValidLessonReadsWithItsVariantsChecksAndControl() throws Exception {
        Lesson l = LessonFiles.parse(VALID, "lesson.json", "# text");
        assertThat(l.variants()).extracting(Lesson.Variant::name).containsExactly("sigmoid", "relu");
        assertThat(l.checks()).hasSize(2);
        Lesson.Check c = l.checks().get(0);
        assertThat(c.left().metric()).isEqualTo(Lesson.Metric.GRADIENT_NORM);
        assertThat(c.left().layer()).isEqualTo("h1");
        assertThat(c.op()).isEqualTo(Lesson.Op.LESS_OR_EQUAL);
        assertThat(c.times()).isEqualTo(0.1);
        assertThat(l.checks().get(1).right().isConstant()).isTrue();
        assertThat(l.checks().get(1).left().target()).isEqualTo(0.5);
        assertThat(l.control().projects()).containsEntry("sigmoid", "relu.layerlab");
    }

    static Stream<Arguments> broken() {
        return Stream.of(
                Arguments.of("not JSON", "{\"format\": 1,", "line 1", "not valid JSON"),
                Arguments.of("no format", VALID.replace("\"format\": 1, ", ""), "at format", "missing"),
                Arguments.of("newer format", VALID.replace("\"format\": 1", "\"format\": 9"), "at format", "newer LayerLab"),
                Arguments.of("bad id", VALID.replace("\"14-vanishing\"", "\"Vanishing Gradients\""), "at id", "lowercase"),
                Arguments.of("unknown metric", VALID.replace("\"gradientNorm\", \"layer\": \"h1\"", "\"gradnorm\", \"layer\": \"h1\""),
                        "at checks[0].left.metric", "known: loss, validationLoss"),
                Arguments.of("layer missing", VALID.replace("\"layer\": \"h1\", ", ""), "at checks[0].left.layer", "missing"),
                Arguments.of("unknown variant", VALID.replace("{\"variant\": \"relu\"", "{\"variant\": \"tanh\""), "at checks[1].left.variant",
                        "no variant is named 'tanh'"),
                Arguments.of("bad op", VALID.replace("\"op\": \"<=\"", "\"op\": \"=<\""), "at checks[0].op", "use one of <, <=, >, >="),
                Arguments.of("no target", VALID.replace(", \"target\": 0.5", ""), "at checks[1].left.target", "needs a \"target\""),
                Arguments.of("bad stat", VALID.replace("\"stat\": \"mean\", \"window\": 10}, \n", "").replace("\"stat\": \"mean\"", "\"stat\": \"average\""),
                        "at checks[0].left.stat", "known: final, first, min, max, mean"),
                Arguments.of("project path", VALID.replace("\"sigmoid.layerlab\"}, {", "\"../x.layerlab\"}, {"), "at variants[0].project",
                        "beside lesson.json"),
                Arguments.of("no control", VALID.replace(",\n \"control\": {\"removes\": \"both ReLU\", \"projects\": {\"sigmoid\": \"relu.layerlab\"}}", ""),
                        "at control", "every lesson needs a control"),
                Arguments.of("control of no variant", VALID.replace("{\"sigmoid\": \"relu.layerlab\"}}", "{\"elu\": \"relu.layerlab\"}}"),
                        "at control.projects.elu", "no variant is named 'elu'"),
                Arguments.of("no checks", VALID.replaceAll("(?s)\"checks\": \\[.*?\\]\\],", "\"checks\": [],").replaceAll("(?s)\"checks\": \\[\\{.*\"fail\": \"no\"\\}\\],", "\"checks\": [],"),
                        "at checks", "at least one check"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void aBrokenLessonNamesTheFileTheFieldAndTheFix(String what, String json, String where, String fix) {
        ProjectFormatException e = catchThrowableOfType(() -> LessonFiles.parse(json, "my-lesson/lesson.json", ""), ProjectFormatException.class);
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).startsWith("my-lesson/lesson.json").contains(where).contains(fix)
                .doesNotContain("Exception").doesNotContain("com.fasterxml");
    }

    @Test
    void loadingAFolderChecksEveryProjectItNames(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("lesson.json"), VALID);
        Files.writeString(dir.resolve("lesson.md"), "# Vanishing gradients");
        ProjectFiles.write(dir.resolve("sigmoid.layerlab"), Project.of("s", Fixtures.mlp()));
        ProjectFormatException missing = catchThrowableOfType(() -> LessonFiles.load(LessonSource.folder(dir)), ProjectFormatException.class);
        assertThat(missing.getMessage()).contains("relu.layerlab: there is no such file");
        Files.writeString(dir.resolve("relu.layerlab"), "{\"format\": 1,");
        ProjectFormatException broken = catchThrowableOfType(() -> LessonFiles.load(LessonSource.folder(dir)), ProjectFormatException.class);
        assertThat(broken.getMessage()).contains("relu.layerlab").contains("line");
        ProjectFiles.write(dir.resolve("relu.layerlab"), Project.of("r", Fixtures.mlp()));
        Lesson l = LessonFiles.load(LessonSource.folder(dir));
        assertThat(l.text()).isEqualTo("# Vanishing gradients");
        // a lesson cannot read files outside its folder
        assertThat(catchThrowableOfType(() -> LessonSource.folder(dir).read("../x"), java.nio.file.NoSuchFileException.class)).isNotNull();
    }
}
