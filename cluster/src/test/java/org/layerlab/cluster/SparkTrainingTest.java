package org.layerlab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.Examples;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.project.ViewState;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.samples.BundledData;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.model.ModelFiles;
import org.layerlab.trainer.model.ModelImport;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Training on Spark in local mode, as CI can: the MNIST MLP on a 3,000-example subset learns, the
 * model it saves gives the same outputs when the desktop opens it, and a bad master or a missing data
 * set is one plain line.
 */
class SparkTrainingTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = ClusterCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The MNIST MLP (784-256-128-10) on the first 3,000 training examples (seeded subset), 3 epochs of Adam. */
    static Project mnistSubset() {
        TrainingSettings s = RecordProperties.with(TrainingSettings.defaults(), "epochs", 3);
        s = RecordProperties.with(s, "batchSize", 64);
        return new Project("mnist subset", Examples.mlp(), ViewState.initial(), new DatasetRef("mnist", Map.of("limit", "3000")), s);
    }

    @Test
    void theMnistMlpLearnsOnLocalSparkAndItsModelOpensOnTheDesktopWithTheSameOutputs() throws Exception {
        Path file = dir.resolve("mnist.layerlab");
        ProjectFiles.write(file, mnistSubset());
        Path zip = dir.resolve("cluster.zip"), csv = dir.resolve("metrics.csv");
        Result r = cli("train", file.toString(), "--spark", "local[2]", "--save", zip.toString(), "--metrics", csv.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 1:").contains("epoch 3:").contains("saved " + zip);
        Matcher m = Pattern.compile("test: loss [0-9.]+, accuracy ([0-9.]+) %").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).as("test accuracy after 3 epochs on 3,000 examples").isGreaterThan(85.0);
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(4).first().isEqualTo("iteration,epoch,loss,learning_rate");
        assertThat(rows.get(3)).startsWith(3 * ((int) Math.ceil(2700 / 64.0)) + ",3,"); // 10 % of the 3,000 is validation

        // the desktop opens the model: the same graph, and the same outputs as the saved network
        ComputationGraph saved = ModelFiles.readGraph(zip);
        var imported = ModelImport.of(saved, zip.toString());
        assertThat(imported.graph().nodes()).extracting(n -> n.spec()).containsExactlyInAnyOrderElementsOf(
                Examples.mlp().nodes().stream().map(n -> n.spec()).toList());
        ComputationGraph desktop = new ComputationGraph(GraphCompiler.compile(imported.graph(), TrainingSettings.defaults()).conf());
        desktop.init();
        desktop.setParams(saved.params());
        Project p = mnistSubset();
        Prepared data = Prepared.of(Datasets.load(p.dataset(), BundledData::open, dir), p.training(), p.dataset())
                .fitTo("mnist", GraphCompiler.compile(p.graph(), p.training()));
        INDArray x = data.test().range(0, 50).features();
        assertThat(desktop.outputSingle(x)).isEqualTo(saved.outputSingle(x));
    }

    @Test
    void aBadMasterIsOneLineNamingItAndTheChoices() throws Exception {
        Path file = dir.resolve("mnist.layerlab");
        ProjectFiles.write(file, mnistSubset());
        Result r = cli("train", file.toString(), "--spark", "nowhere:1234", "--epochs", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("layerlab: Spark cannot start with the master 'nowhere:1234'")
                .contains("local[N]").doesNotContain("\n");
    }

    @Test
    void aMissingDataSetIsOneLineNamingTheFile() throws Exception {
        Path file = dir.resolve("table.layerlab");
        ProjectFiles.write(file, new Project("table", Examples.mlp(), ViewState.initial(),
                new DatasetRef("csv", Map.of("path", "missing.csv")), TrainingSettings.defaults()));
        Result r = cli("train", file.toString(), "--spark", "local[1]");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).contains("missing.csv").contains("does not exist").doesNotContain("\n");
    }

    @Test
    void miniBatchFilesOnSharedStorageTrainWithoutTheDriverReadingTheData() throws Exception {
        Path file = dir.resolve("mnist.layerlab");
        ProjectFiles.write(file, mnistSubset());
        Path batches = dir.resolve("batches");
        Result export = cli("export-batches", file.toString(), batches.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote 43 mini-batches of up to 64 examples (2,700 in all)");
        Result again = cli("export-batches", file.toString(), batches.toString());
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err().strip()).contains("is not an empty folder").doesNotContain("\n");

        Path zip = dir.resolve("from-files.zip");
        Result r = cli("train", file.toString(), "--spark", "local[2]", "--batches", batches.toUri().toString(), "--save", zip.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 3:").doesNotContain("test:");

        // the model learned: measured on the desktop on the test split
        Project p = mnistSubset();
        GraphCompiler.Compiled c = GraphCompiler.compile(p.graph(), p.training());
        Prepared data = Prepared.of(Datasets.load(p.dataset(), BundledData::open, dir), p.training(), p.dataset()).fitTo("mnist", c);
        var test = org.layerlab.trainer.run.Evaluation.of(ModelFiles.readGraph(zip), data.test(), p.graph().node("out").spec() instanceof
                org.layerlab.graph.spec.OutputSpec o ? o.loss() : null, 256);
        assertThat(test.accuracy()).isGreaterThan(0.85);
    }
}
