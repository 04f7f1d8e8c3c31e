package org.layerlab.trainer.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One CSV file feeding a graph with two Inputs and two Outputs through {@code input.<name>} and
 * {@code output.<name>} options: the columns reach the layers they are given to (a control that gives
 * one Input noise columns cannot learn the task that needs both), and each mistake names the layer.
 */
class MappedCsvTest {
    @TempDir
    Path dir;

    /**
     * Columns a1,a2 (left), b1,b2 (right), two noise columns, "same" (yes/no: do a1 and b1 share a
     * sign — needs both Inputs) and "total" (a2 + b2). The label columns are deliberately not last.
     */
    static String twoInputCsv(int n, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("same,a1,a2,noise1,b1,b2,noise2,total\n");
        for (int i = 0; i < n; i++) {
            double a1 = r.nextDouble() * 2 - 1, a2 = r.nextDouble() - 0.5, b1 = r.nextDouble() * 2 - 1, b2 = r.nextDouble() - 0.5;
            b.append(a1 * b1 > 0 ? "yes" : "no").append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n",
                    a1, a2, r.nextDouble() * 2 - 1, b1, b2, r.nextDouble() * 2 - 1, a2 + b2));
        }
        return b.toString();
    }

    private DatasetRef ref(Map<String, String> mapping) throws Exception {
        Path csv = dir.resolve("pairs.csv");
        if (!Files.exists(csv)) Files.writeString(csv, twoInputCsv(900, 3));
        Map<String, String> o = new TreeMap<>(mapping);
        o.put("path", "pairs.csv");
        return new DatasetRef("csv", o);
    }

    private static Map<String, String> mapping(String right) {
        return Map.of("input.left", "a1, a2", "input.right", right, "output.sameSign", "same", "output.sum", "total");
    }

    /** Trains the two-by-two graph on the mapped file; returns [accuracy of sameSign, MSE of sum] on validation. */
    private double[] train(DatasetRef ref) throws Exception {
        TrainingSettings s = RecordProperties.with(TrainingSettings.defaults(), "epochs", 40);
        s = RecordProperties.with(s, "learningRate", 0.02);
        s = RecordProperties.with(s, "validationSplit", 0.3);
        GraphCompiler.Compiled c = GraphCompiler.compile(org.layerlab.trainer.run.MultiInputOutputTest.twoByTwo(), s);
        Prepared p = Prepared.of(Datasets.load(ref, DataFiles.none(), dir), s, ref).fitTo("csv", c);
        TrainingRun run = new TrainingRun("mapped", c, s, p.train(), p.validation(), null, 5);
        run.start();
        assertThat(run.await(180_000)).isTrue();
        assertThat(run.state()).as(run.failure()).isEqualTo(RunState.FINISHED);
        Dataset v = p.validation();
        INDArray[] out = run.inspect(net -> net.output(false, v.features(0), v.features(1)));
        int cls = c.outputs().indexOf("sameSign"), sum = c.outputs().indexOf("sum");
        double accuracy = out[cls].argMax(1).eq(v.labels(cls).argMax(1)).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).meanNumber().doubleValue();
        INDArray diff = out[sum].sub(v.labels(sum));
        return new double[] {accuracy, diff.mul(diff).meanNumber().doubleValue()};
    }

    @Test
    void eachLayerGetsItsColumnsAndTheGraphLearnsBothTasks() throws Exception {
        LoadedData d = Datasets.load(ref(mapping("b1,b2")), DataFiles.none(), dir);
        assertThat(d.info().isMapped()).isTrue();
        assertThat(d.info().inputs()).extracting(Feed::layer).containsExactly("left", "right");
        assertThat(d.info().inputs().get(1).columns()).containsExactly("b1", "b2");
        assertThat(d.info().outputs()).extracting(Feed::layer).containsExactly("sameSign", "sum");
        assertThat(d.info().outputs().get(0).classNames()).containsExactly("no", "yes");
        assertThat(d.info().outputs().get(1).classNames()).as("a number column is regressed").isEmpty();
        // the right Input's array holds exactly the b1, b2 columns of the first row
        String[] first = twoInputCsv(1, 3).split("\n")[1].split(",");
        assertThat(d.train().features(1).getDouble(0, 0)).isEqualTo(Double.parseDouble(first[4]), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(d.train().features(1).getDouble(0, 1)).isEqualTo(Double.parseDouble(first[5]), org.assertj.core.data.Offset.offset(1e-4));

        double[] learned = train(ref(mapping("b1,b2")));
        assertThat(learned[0]).as("sameSign accuracy with both Inputs fed").isGreaterThan(0.9);
        assertThat(learned[1]).as("sum MSE (variance of the target is 1/6)").isLessThan(0.02);
    }

    @Test
    void controlFeedingTheRightInputNoiseCannotLearnTheTaskThatNeedsIt() throws Exception {
        double[] control = train(ref(mapping("noise1, noise2")));
        assertThat(control[0]).as("sameSign accuracy without b1: near chance").isLessThan(0.7);
    }

    @Test
    void mistakesNameTheLayerAndTheFix() throws Exception {
        TrainingSettings s = TrainingSettings.defaults();
        GraphCompiler.Compiled c = GraphCompiler.compile(org.layerlab.trainer.run.MultiInputOutputTest.twoByTwo(), s);
        java.util.function.Function<Map<String, String>, Prepared> prepare = m -> {
            try {
                DatasetRef r = ref(m);
                return Prepared.of(Datasets.load(r, DataFiles.none(), dir), s, r).fitTo("csv", c);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        };
        Map<String, String> noRight = new TreeMap<>(mapping("b1"));
        noRight.remove("input.right");
        assertThatThrownBy(() -> prepare.apply(noRight)).hasMessageContaining("Input 'right' is given no columns")
                .hasMessageContaining("add input.right=");
        Map<String, String> typo = new TreeMap<>(mapping("b1,b2"));
        typo.put("input.rihgt", typo.remove("input.right"));
        assertThatThrownBy(() -> prepare.apply(typo)).hasMessageContaining("Input 'rihgt'").hasMessageContaining("[left, right]")
                .hasMessageContaining("rename input.rihgt");
        assertThatThrownBy(() -> prepare.apply(mapping("b1"))).hasMessageContaining("the columns [b1] give 1 features per example")
                .hasMessageContaining("Input 'right' expects 2");
        assertThatThrownBy(() -> prepare.apply(mapping("b1, a2"))).hasMessageContaining("column 'a2' feeds both Input 'left' and Input 'right'");
        assertThatThrownBy(() -> prepare.apply(mapping("b1, colour"))).hasMessageContaining("no column 'colour'");
        Map<String, String> both = new TreeMap<>(mapping("b1,b2"));
        both.put("features", "a1");
        assertThatThrownBy(() -> prepare.apply(both)).hasMessageContaining("both features= and input.<name>=");
        Map<String, String> oneOutput = new TreeMap<>(mapping("b1,b2"));
        oneOutput.remove("output.sum");
        assertThatThrownBy(() -> prepare.apply(oneOutput)).hasMessageContaining("Output 'sum' is given no columns");
        Map<String, String> unmapped = Map.of("label", "same");
        assertThatThrownBy(() -> prepare.apply(unmapped)).hasMessageContaining("feeds one Input but the graph has 2 Inputs")
                .hasMessageContaining("input.left=…; input.right=…");
        Map<String, String> augmented = new TreeMap<>(mapping("b1,b2"));
        augmented.put("augment.noise", "0.1");
        assertThatThrownBy(() -> prepare.apply(augmented)).hasMessageContaining("remove the augment options");
    }

    @Test
    void oneInputMappedByNameWithTheLabelOptionFeedsASingleOutputGraph() throws Exception {
        var g = new org.layerlab.graph.GraphBuilder().node("x", org.layerlab.graph.spec.InputSpec.vector(3))
                .after("x", "out", new org.layerlab.graph.spec.OutputSpec(2, org.layerlab.graph.spec.Activation.SOFTMAX,
                        org.layerlab.graph.spec.Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        TrainingSettings s = TrainingSettings.defaults();
        GraphCompiler.Compiled c = GraphCompiler.compile(g, s);
        DatasetRef r = ref(Map.of("input.x", "a1, b1, noise1", "label", "same"));
        Prepared p = Prepared.of(Datasets.load(r, DataFiles.none(), dir), s, r).fitTo("csv", c);
        assertThat(p.train().features().size(1)).isEqualTo(3);
        assertThat(p.train().labels().size(1)).isEqualTo(2);
    }
}
