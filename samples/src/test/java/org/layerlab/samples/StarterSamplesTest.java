package org.layerlab.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.Prepared;
import org.layerlab.trainer.run.Evaluation;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;

/** Every starter project loads, compiles, fits its data and trains; the headline ones reach their accuracy. */
class StarterSamplesTest {

    static java.util.List<Sample> samples() {
        return StarterSamples.all();
    }

    /** Trains a sample on at most {@code limit} examples for {@code epochs} epochs; returns the run and its data. */
    static Object[] train(Project p, int limit, int epochs) throws Exception {
        TrainingSettings s = RecordProperties.with(p.training(), "epochs", epochs);
        GraphCompiler.Compiled c = GraphCompiler.compile(p.graph(), s);
        java.util.TreeMap<String, String> o = new java.util.TreeMap<>(p.dataset().options());
        if (limit > 0) o.put("limit", String.valueOf(limit));
        DatasetRef ref = new DatasetRef(p.dataset().name(), o);
        Prepared data = Prepared.of(Datasets.load(ref, BundledData::open, null), s, ref).fitTo(ref.name(), c);
        TrainingRun run = new TrainingRun(p.name(), c, s, data.train(), data.validation(), null, 50);
        run.start();
        assertThat(run.await(600_000)).isTrue();
        assertThat(run.state()).as(run.failure()).isEqualTo(RunState.FINISHED);
        return new Object[] {run, data};
    }

    @Test
    void theSamplesAreTheProjectFilesTheIndexLists() throws Exception {
        // samples are files a teacher can add without Java: every file in starters/ is listed, and nothing else
        java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/org/layerlab/samples/starters");
        java.util.Set<String> files;
        try (var list = java.nio.file.Files.list(dir)) {
            files = list.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".layerlab"))
                    .map(f -> f.substring(0, f.length() - ".layerlab".length())).collect(java.util.stream.Collectors.toSet());
        }
        assertThat(samples()).extracting(Sample::id).containsExactly("xor", "spiral", "mnist-mlp", "lenet", "fashion-cnn",
                "digits-autoencoder", "char-lstm", "sunspots");
        assertThat(samples()).extracting(Sample::id).containsExactlyInAnyOrderElementsOf(files);
        for (Sample s : samples()) {
            assertThat(s.title()).isEqualTo(s.project().name());
            assertThat(s.description()).isNotBlank();
        }
        assertThat(StarterSamples.byId("lenet").project().graph().nodes()).hasSize(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleTrainsBriefly(Sample sample) throws Exception {
        // the project survives a save/load round trip unchanged
        Project p = ProjectFiles.fromJson(ProjectFiles.toJson(sample.project()), sample.id());
        assertThat(p).isEqualTo(sample.project());
        TrainingSettings s = RecordProperties.with(p.training(), "epochs", 4);
        GraphCompiler.Compiled c = GraphCompiler.compile(p.graph(), s);
        java.util.TreeMap<String, String> o = new java.util.TreeMap<>(p.dataset().options());
        o.put("limit", "300");
        DatasetRef ref = new DatasetRef(p.dataset().name(), o);
        Prepared data = Prepared.of(Datasets.load(ref, BundledData::open, null), s, ref).fitTo(ref.name(), c);
        TrainingRun run = new TrainingRun(p.name(), c, s, data.train(), data.validation(), null, 50);
        // the loss on the training examples, measured the same way (inference mode) before and after
        double before = run.evaluate(data.train()).loss();
        run.start();
        assertThat(run.await(600_000)).isTrue();
        assertThat(run.state()).as(run.failure()).isEqualTo(RunState.FINISHED);
        for (float l : run.history().score().toArray()) assertThat(Float.isFinite(l)).isTrue();
        double after = run.evaluate(data.train()).loss();
        assertThat(after).as(sample.id() + ": loss after four epochs on 300 examples (before: %.4f)", before).isLessThan(0.97 * before);
    }

    @Test
    void xorReachesFullAccuracy() throws Exception {
        Object[] r = train(StarterSamples.byId("xor").project(), 0, 60);
        TrainingRun run = (TrainingRun) r[0];
        assertThat(run.evaluate(((Prepared) r[1]).train()).accuracy()).isEqualTo(1.0);
    }

    /**
     * LeNet on MNIST: two epochs on the full 54,000 training images (6,000 held out for validation),
     * then the 10,000 test images.
     */
    @Test
    void lenetReaches97PercentOnTheMnistTestSet() throws Exception {
        Object[] r = train(StarterSamples.byId("lenet").project(), 0, 2);
        TrainingRun run = (TrainingRun) r[0];
        Evaluation test = run.evaluate(((Prepared) r[1]).test());
        assertThat(test.examples()).isEqualTo(10_000);
        assertThat(test.accuracy()).isGreaterThanOrEqualTo(0.97);
    }

    @Test
    void autoencoderLearnsToRebuildDigits() throws Exception {
        Object[] r = train(StarterSamples.byId("digits-autoencoder").project(), 0, 30);
        TrainingRun run = (TrainingRun) r[0];
        float[] loss = run.history().score().toArray();
        // reconstruction error falls well below the first batches'
        assertThat(avg(loss, loss.length - 20, loss.length)).isLessThan(0.5 * avg(loss, 0, 5));
        assertThat(run.lastValidation().mse()).isLessThan(0.05);
    }

    @Test
    void optionsOfSamplesAreKnownToTheDataCatalogue() {
        for (Sample s : StarterSamples.all()) assertThat(Datasets.entry(s.project().dataset().name())).as(s.id()).isNotNull();
        assertThat(StarterSamples.byId("digits-autoencoder").project().dataset()).isEqualTo(new DatasetRef("digits", Map.of("target", "input")));
    }

    private static double avg(float[] a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += a[i];
        return s / (to - from);
    }
}
