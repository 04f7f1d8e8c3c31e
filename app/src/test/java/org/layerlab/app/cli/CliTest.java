package org.layerlab.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void exportJavaPrintsAClassNamedAfterTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-net v2.layerlab");
        ProjectFiles.write(file, Project.of("mlp", new GraphBuilder().layer("in", InputSpec.vector(4))
                .layer("d1", new DenseSpec(8, Activation.RELU, true)).layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build()));
        Result r = run("export-java", file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("public final class MyNetV2 {").contains("b.addLayer(\"d1\", new DenseLayer.Builder().nOut(8)")
                .contains("b.setOutputs(\"out\")");
        assertThat(run("export-java", "--class", "Net", file.toString()).out()).contains("public final class Net {");
        Result bad = run("export-java", "--class", "no good", file.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err().strip()).isEqualTo("layerlab: --class no good is not a Java class name");
    }

    @Test
    void exportJavaRefusesAGraphThatCannotTrainInOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.layerlab");
        ProjectFiles.write(file, Project.of("bad", new GraphBuilder()
                .layer("in", InputSpec.vector(4))
                .layer("c", Conv2DSpec.of(2, 3, 1, Padding.SAME, Activation.RELU))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build()));
        Result r = run("export-java", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("layerlab: bad.layerlab: ").contains("needs an image input").doesNotContain("\n");
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

    /** XOR with 8 tanh units, learning rate 0.05, batches of 20 and a 20 % validation split: learns in 40 epochs. */
    static Project learnableXor() {
        org.layerlab.graph.project.TrainingSettings t = org.layerlab.graph.project.TrainingSettings.defaults();
        t = org.layerlab.graph.spec.RecordProperties.with(t, "learningRate", 0.05);
        t = org.layerlab.graph.spec.RecordProperties.with(t, "batchSize", 20);
        t = org.layerlab.graph.spec.RecordProperties.with(t, "validationSplit", 0.2);
        return new Project("xor", new GraphBuilder().layer("in", InputSpec.vector(2))
                .layer("h", new DenseSpec(8, Activation.TANH, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build(),
                org.layerlab.graph.project.ViewState.initial(), org.layerlab.graph.project.DatasetRef.of("xor"), t);
    }

    @Test
    void trainPrintsMetricsWritesCsvAndSavesAModelPlainDl4jCanLoad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("xor.layerlab");
        ProjectFiles.write(file, learnableXor());
        Path csv = dir.resolve("m.csv");
        Path zip = dir.resolve("model.zip");
        Result r = run("train", file.toString(), "--epochs", "40", "--metrics", csv.toString(), "--save", zip.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("validation: loss").contains("accuracy 100.00 %");
        assertThat(Files.readAllLines(csv)).hasSize(1 + 40 * 8).first().isEqualTo("iteration,epoch,loss,learning_rate");

        org.deeplearning4j.nn.graph.ComputationGraph net = org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(zip.toFile());
        org.layerlab.trainer.data.Dataset xor = org.layerlab.trainer.data.Synthetic.xor(10, 0.0, 3);
        org.nd4j.linalg.api.ndarray.INDArray predicted = net.outputSingle(xor.features()).argMax(1);
        assertThat(predicted.equalsWithEps(xor.labels().argMax(1), 0)).isTrue();
    }

    @Test
    void trainRefusesAGraphWithProblemsNamingThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.layerlab");
        ProjectFiles.write(file, Project.of("bad", new GraphBuilder().layer("in", InputSpec.vector(2))
                .layer("h", new DenseSpec(8, Activation.TANH, true)).build()).withDataset(org.layerlab.graph.project.DatasetRef.of("xor")));
        Result r = run("train", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("has no loss").contains("'h'");
    }

    @Test
    void trainRefusesADatasetThatDoesNotFitTheInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mismatch.layerlab");
        ProjectFiles.write(file, Project.of("m", new GraphBuilder().layer("in", InputSpec.vector(5))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build())
                .withDataset(org.layerlab.graph.project.DatasetRef.of("xor")));
        Result r = run("train", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("has 2 features per example but Input 'in' expects 5");
    }

    @Test
    void everyCommandAnswersHelpWithUsageAndExitCodeZero() {
        for (String command : new String[] {"train", "export-java", "summary", "bench"}) {
            Result r = run(command, "--help");
            assertThat(r.code()).as(command + " --help: " + r.err()).isZero();
            assertThat(r.out()).as(command).contains("Usage: layerlab " + command);
        }
        assertThat(run("train", "--help").out()).contains("iteration,epoch,loss,learning_rate");
    }

    @Test
    void usageMistakesGiveOneLineAndExitCodeOne(@TempDir Path dir) throws Exception {
        Result missing = run(dir.resolve("missing.layerlab").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).endsWith("(see: layerlab --help)").contains("missing.layerlab: there is no such file")
                .doesNotContain("Unmatched").doesNotContain("Did you mean").doesNotContain("\n");
        Result folder = run("summary", dir.toString());
        assertThat(folder.code()).isEqualTo(1);
        assertThat(folder.err()).contains("is a folder; give a project file").doesNotContain("IOException");
        Result word = run("trian");
        assertThat(word.code()).isEqualTo(1);
        assertThat(word.err()).contains("\"trian\" is not a command");
        Result noFile = run("train");
        assertThat(noFile.code()).isEqualTo(1);
        assertThat(noFile.err().strip()).startsWith("layerlab: Missing required parameter").endsWith("(see: layerlab train --help)");
    }

    @Test
    void summaryOfAnImpossibleGraphExitsOne(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.layerlab");
        ProjectFiles.write(file, Project.of("bad", new GraphBuilder().layer("in", InputSpec.vector(4))
                .layer("c", Conv2DSpec.of(2, 3, 1, Padding.SAME, Activation.RELU))
                .layer("out", new OutputSpec(3, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build()));
        Result r = run("summary", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("needs an image input"); // the summary still lists the problem
    }

    @Test
    void brokenJsonIsExplainedWithoutParserInternals(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.layerlab");
        Files.writeString(file, "{\"format\": 1, \"graph\": {\"nodes\": [}");
        Result r = run("summary", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.layerlab, line 1").doesNotContain("Source").doesNotContain("REDACTED").doesNotContain("Feature");
    }

    @Test
    void theMetricsCsvHasTheColumnsItsHelpPromises(@TempDir Path dir) throws Exception {
        org.layerlab.graph.project.TrainingSettings t = org.layerlab.graph.project.TrainingSettings.defaults();
        t = org.layerlab.graph.spec.RecordProperties.with(t, "batchSize", 20);
        Path file = dir.resolve("xor.layerlab");
        ProjectFiles.write(file, new Project("xor", new GraphBuilder().layer("in", InputSpec.vector(2))
                .layer("h", new DenseSpec(8, Activation.TANH, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build(),
                org.layerlab.graph.project.ViewState.initial(), org.layerlab.graph.project.DatasetRef.of("xor"), t));
        Path csv = dir.resolve("m.csv");
        assertThat(run("train", file.toString(), "--epochs", "3", "--metrics", csv.toString()).code()).isZero();
        java.util.List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("iteration,epoch,loss,learning_rate");
        int perEpoch = (lines.size() - 1) / 3;
        assertThat(lines.get(1)).startsWith("1,1,");
        assertThat(lines.get(lines.size() - 1)).startsWith((3 * perEpoch) + ",3,");
        assertThat(lines.get(perEpoch + 1)).startsWith((perEpoch + 1) + ",2,");
    }

    @Test
    void lessonListAndCheckAnswerTeachersAndGraders(@TempDir Path dir) throws Exception {
        Result list = run("lesson", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("Chapter A").contains("  1  Perceptron vs multilayer perceptron (XOR)")
                .contains(" 14  Vanishing gradients").contains("Chapter D");
        Result check = run("lesson", "check", "7");
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("✔ Batch 32: ceil(200 / 32) = 7 iterations per epoch").contains("2 of 2 checks passed");
        assertThat(check.err()).contains("200/200 iterations");
        Result control = run("lesson", "check", "07-epoch-iteration-batch", "--control");
        assertThat(control.code()).isEqualTo(1);
        assertThat(control.out()).contains("0 of 2 checks passed — the control fails every check, as it must");
        Result missing = run("lesson", "check", "99");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("layerlab: no lesson '99': give a lesson number or id (layerlab lesson list) or a lesson folder");
        // a teacher's folder with a broken lesson.json is refused with the file and field
        Files.writeString(dir.resolve("lesson.json"), "{\"format\": 1, \"id\": \"Bad Id\"}");
        Files.writeString(dir.resolve("lesson.md"), "# x");
        Result broken = run("lesson", "check", dir.toString());
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("lesson.json, at id: 'Bad Id' must be lowercase letters");
    }

    @Test
    void samplesListsTheStarterProjectsAndNewWritesOne(@TempDir Path dir) throws Exception {
        Result list = run("samples");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("lenet").contains("LeNet on MNIST").contains("spiral");
        Path file = dir.resolve("my-spiral.layerlab");
        Result made = run("new", "--sample", "spiral", file.toString());
        assertThat(made.code()).as(made.err()).isZero();
        assertThat(ProjectFiles.read(file)).isEqualTo(org.layerlab.samples.StarterSamples.byId("spiral").project());
        Result again = run("new", "--sample", "spiral", file.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("exists; add --force");
        assertThat(run("new", "--sample", "spiral", "--force", file.toString()).code()).isZero();
        Result unknown = run("new", "--sample", "imagenet", dir.resolve("x.layerlab").toString());
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("no sample 'imagenet'; samples: xor, spiral");
        // the progress bar shows speed and time left
        Result trained = run("train", file.toString(), "--epochs", "2");
        assertThat(trained.code()).as(trained.err()).isZero();
        assertThat(trained.err()).contains("samples/s");
    }

    @Test
    void predictAnswersForNewRowsAndRefusesBadRowsInOneLine(@TempDir Path dir) throws Exception {
        Path xor = dir.resolve("xor.layerlab");
        assertThat(run("new", "--sample", "xor", xor.toString()).code()).isZero();
        Path zip = dir.resolve("xor.zip");
        Result trained = run("train", xor.toString(), "--save", zip.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        // the four corners, with a header line: XOR puts class 1 where exactly one coordinate is 1
        Path rows = Files.writeString(dir.resolve("rows.csv"), "x1,x2\n0,0\n1,1\n0,1\n1,0\n");
        Result p = run("predict", xor.toString(), "--model", zip.toString(), "--input", rows.toString());
        assertThat(p.code()).as(p.err()).isZero();
        List<String> lines = p.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("predicted,p(class 0),p(class 1)");
        assertThat(lines.subList(1, 5)).extracting(l -> l.split(",")[0]).containsExactly("class 0", "class 0", "class 1", "class 1");
        for (String l : lines.subList(1, 5)) {
            String[] f = l.split(",");
            assertThat(Double.parseDouble(f[1]) + Double.parseDouble(f[2])).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
        }
        Path out = dir.resolve("out.csv");
        assertThat(run("predict", xor.toString(), "--model", zip.toString(), "--input", rows.toString(), "--output", out.toString()).out())
                .contains("wrote 4 predictions to");
        assertThat(Files.readAllLines(out)).isEqualTo(lines);

        Path wide = Files.writeString(dir.resolve("wide.csv"), "0,0,0\n");
        Result w = run("predict", xor.toString(), "--model", zip.toString(), "--input", wide.toString());
        assertThat(w.code()).isEqualTo(1);
        assertThat(w.err().strip()).isEqualTo("layerlab: " + wide + ", line 1: has 3 values but the Input 'in' takes 2 features per example");
        Path word = Files.writeString(dir.resolve("word.csv"), "0,0\n1,one\n");
        assertThat(run("predict", xor.toString(), "--model", zip.toString(), "--input", word.toString()).err())
                .contains(word + ", line 2: value 2 is 'one', not a finite number");
        assertThat(run("predict", xor.toString(), "--model", dir.resolve("none.zip").toString(), "--input", rows.toString()).err())
                .contains("none.zip: does not exist");
    }

    @Test
    void importOpensASavedModelAsAProjectWithTheSameLayers(@TempDir Path dir) throws Exception {
        Path lenet = dir.resolve("spiral.layerlab");
        assertThat(run("new", "--sample", "spiral", lenet.toString()).code()).isZero();
        Path zip = dir.resolve("spiral.zip");
        Result trained = run("train", lenet.toString(), "--epochs", "1", "--save", zip.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Path imported = dir.resolve("imported.layerlab");
        Result im = run("import", zip.toString(), imported.toString());
        assertThat(im.code()).as(im.err()).isZero();
        assertThat(im.out()).contains("wrote " + imported + ": 4 layers, ").contains("its weights are in " + zip);
        // the same layers, shapes and parameter counts as the project the model was trained from
        String before = run("summary", lenet.toString()).out(), after = run("summary", imported.toString()).out();
        assertThat(after.lines().skip(1).toList()).isEqualTo(before.lines().skip(1).toList());
        assertThat(run("import", zip.toString(), imported.toString()).err()).contains("exists; add --force");
        // the project names the model as its weights: with the same data set, eval finds the trained model's accuracy
        String json = Files.readString(imported);
        assertThat(json).contains("\"weights\" : \"spiral.zip\"");
        Files.writeString(imported, json.replace("\"name\" : \"\",", "\"name\" : \"spiral\","));
        Result original = run("eval", lenet.toString(), "--model", zip.toString()), fromProject = run("eval", imported.toString());
        assertThat(fromProject.code()).as(fromProject.err()).isZero();
        assertThat(fromProject.out()).isEqualTo(original.out());
        // runs start from the weights; a graph changed since the model was saved is refused naming the layer
        Result fineTune = run("train", imported.toString(), "--epochs", "1");
        assertThat(fineTune.code()).as(fineTune.err()).isZero();
        assertThat(fineTune.err()).contains("starting from the weights in " + zip);
        Files.writeString(imported, Files.readString(imported).replaceFirst("\"units\" : 32", "\"units\" : 31"));
        Result changed = run("train", imported.toString(), "--epochs", "1");
        assertThat(changed.code()).isEqualTo(1);
        assertThat(changed.err()).contains("spiral.zip: layer 'h1' has weights of shape").contains("the graph changed since the model was saved");
        Path junk = Files.writeString(dir.resolve("junk.zip"), "no");
        Result bad = run("import", junk.toString(), dir.resolve("x.layerlab").toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("junk.zip: is not a model file (not a zip archive)");
    }

    @Test
    void importReadsAKerasFileAndKeepsItsConvertedWeightsBesideIt(@TempDir Path dir) throws Exception {
        Path h5 = Files.copy(Path.of("../trainer/src/test/resources/keras/functional.h5"), dir.resolve("branches.h5"));
        Path project = dir.resolve("branches.layerlab");
        Result im = run("import", h5.toString(), project.toString());
        assertThat(im.code()).as(im.err()).isZero();
        assertThat(im.out()).contains("5 layers, 91 parameters").contains("became an Output with categorical cross-entropy")
                .contains("its weights are in " + dir.resolve("branches-dl4j.zip"));
        assertThat(Files.readString(project)).contains("\"weights\" : \"branches-dl4j.zip\"");
        assertThat(run("summary", project.toString()).code()).isZero();
        Path lambda = Files.copy(Path.of("../trainer/src/test/resources/keras/lambda.h5"), dir.resolve("lambda.h5"));
        Result refused = run("import", lambda.toString(), dir.resolve("l.layerlab").toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("its Lambda layer 'double_it' holds Python code");
    }

    @Test
    void evalMeasuresASavedModelOnTheProjectsHeldOutData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spiral.layerlab");
        assertThat(run("new", "--sample", "spiral", file.toString()).code()).isZero();
        Path zip = dir.resolve("spiral.zip");
        Result trained = run("train", file.toString(), "--epochs", "20", "--save", zip.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        Result eval = run("eval", file.toString(), "--model", zip.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("validation split: 30 examples").contains("confusion matrix");
        // the accuracy train printed for the validation split, eval finds again from the saved file
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("validation: loss [0-9.]+, accuracy ([0-9.]+ %)").matcher(trained.out());
        assertThat(m.find()).as(trained.out()).isTrue();
        assertThat(eval.out()).contains("accuracy " + m.group(1));
        // a project without held-out data is refused with the fix
        Path xor = dir.resolve("xor.layerlab");
        assertThat(run("new", "--sample", "xor", xor.toString()).code()).isZero();
        assertThat(run("eval", xor.toString(), "--model", zip.toString()).err()).contains("set a validation split, or test=0.2");
        Result missing = run("eval", file.toString(), "--model", dir.resolve("nope.zip").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.zip: there is no such model file");
        Path junk = Files.writeString(dir.resolve("junk.zip"), "not a zip");
        Result notModel = run("eval", file.toString(), "--model", junk.toString());
        assertThat(notModel.code()).isEqualTo(1);
        assertThat(notModel.err()).contains("junk.zip: is not a model file (not a zip archive)");
    }

    @Test
    void completionPrintsAScriptThatKnowsEveryCommand() {
        Result r = run("completion");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("complete -F").contains("lesson").contains("export-java").contains("--metrics").contains("--control");
    }

    @Test
    void jsonOutputIsOneObjectAScriptCanRead(@TempDir Path dir) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        Path file = dir.resolve("spiral.layerlab");
        assertThat(run("new", "--sample", "spiral", file.toString()).code()).isZero();
        var summary = mapper.readTree(run("summary", "--json", file.toString()).out());
        assertThat(summary.get("totalParams").asLong()).isEqualTo(1_251);
        assertThat(summary.get("valid").asBoolean()).isTrue();
        assertThat(summary.get("layers")).hasSize(4);
        assertThat(summary.get("layers").get(1).get("shape").asText()).isEqualTo("32");
        Path zip = dir.resolve("spiral.zip");
        Result trained = run("train", file.toString(), "--epochs", "5", "--json", "--save", zip.toString());
        assertThat(trained.code()).as(trained.err()).isZero();
        var t = mapper.readTree(trained.out());
        assertThat(t.get("epochs").asInt()).isEqualTo(5);
        assertThat(t.get("validation").get("examples").asInt()).isEqualTo(30);
        assertThat(t.get("saved").asText()).isEqualTo(zip.toString());
        var e = mapper.readTree(run("eval", file.toString(), "--model", zip.toString(), "--json").out());
        assertThat(e.get("split").asText()).isEqualTo("validation");
        assertThat(e.get("accuracy").asDouble()).isEqualTo(t.get("validation").get("accuracy").asDouble());
        assertThat(e.get("confusion")).hasSize(3);
    }

    @Test
    void aTwoInputCsvTrainsFromTheCommandLineAndNeedsBothInputsColumns(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("pairs.csv");
        Files.writeString(csv, org.layerlab.app.TwoInputCsv.text(800, 5));
        Path file = dir.resolve("pairs.layerlab");
        ProjectFiles.write(file, org.layerlab.app.TwoInputCsv.project(csv, "b1, b2"));
        Result r = run("train", file.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        double accuracy = validationAccuracy(r.out());
        assertThat(accuracy).as(r.out()).isGreaterThan(0.9);

        // control: the right Input gets noise columns, so the sign of b1 is unknown
        ProjectFiles.write(file, org.layerlab.app.TwoInputCsv.project(csv, "n1, n2"));
        Result control = run("train", file.toString(), "--json");
        assertThat(control.code()).as(control.err()).isZero();
        assertThat(validationAccuracy(control.out())).as(control.out()).isLessThan(0.7);

        // a layer without columns is refused in one line naming it
        ProjectFiles.write(file, org.layerlab.app.TwoInputCsv.project(csv, ""));
        Result missing = run("train", file.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err().strip()).contains("Input 'right' is given no columns").doesNotContain("\n");
    }

    private static double validationAccuracy(String json) throws Exception {
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        return node.get("validation").get("accuracy").asDouble();
    }

    @Test
    void trainFreezesTheLayersItIsToldToAndRefusesAnOutput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("xor.layerlab");
        ProjectFiles.write(file, new Project("xor", new GraphBuilder().layer("in", InputSpec.vector(2))
                .layer("h", new DenseSpec(8, Activation.TANH, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build(),
                org.layerlab.graph.project.ViewState.initial(), org.layerlab.graph.project.DatasetRef.of("xor"),
                org.layerlab.graph.project.TrainingSettings.defaults()));
        Path zip = dir.resolve("model.zip");
        Result r = run("train", file.toString(), "--epochs", "2", "--freeze", "h", "--save", zip.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("frozen: h and the layers before them");
        var imported = org.layerlab.trainer.model.ModelImport.of(org.layerlab.trainer.model.ModelFiles.readGraph(zip), "model.zip");
        assertThat(imported.frozen()).containsExactly("h");

        Result output = run("train", file.toString(), "--epochs", "1", "--freeze", "out");
        assertThat(output.code()).isEqualTo(1);
        assertThat(output.err().strip()).contains("Output 'out' cannot be frozen").doesNotContain("\n");
    }

    @Test
    void trainWithTwoWorkersAveragesThemIntoANetworkThatLearns(@TempDir Path dir) throws Exception {
        Project xor = learnableXor();
        Path file = dir.resolve("xor.layerlab");
        ProjectFiles.write(file, xor);
        Path zip = dir.resolve("model.zip"), csv = dir.resolve("m.csv");
        Result r = run("train", file.toString(), "--workers", "2", "--epochs", "40", "--json", "--save", zip.toString(), "--metrics", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertThat(json.get("workers").asInt()).isEqualTo(2);
        assertThat(json.get("validation").get("accuracy").asDouble()).as(r.out()).isGreaterThan(0.95);
        assertThat(r.err()).contains("epoch 40:");
        assertThat(Files.readAllLines(csv)).hasSize(41);
        // the averaged network is what was saved, loadable by plain DL4J
        assertThat(org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(zip.toFile()).numParams())
                .isEqualTo(org.layerlab.graph.shape.ShapeInference.analyze(xor.graph()).totalParams());

        Result one = run("train", file.toString(), "--workers", "1");
        assertThat(one.code()).isEqualTo(1);
        assertThat(one.err().strip()).contains("--workers needs at least 2").doesNotContain("\n");
    }

    @Test
    void sparkFromThePackagedAppSaysWhereItRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spiral.layerlab");
        ProjectFiles.write(file, org.layerlab.samples.StarterSamples.byId("spiral").project());
        Result r = run("train", file.toString(), "--spark", "local[2]");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).contains("runs in the cluster module").contains("spark-submit").doesNotContain("\n");
    }
}
