package org.layerlab.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.RecordProperties;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Synthetic;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Fine-tuning: frozen layers (and those before them) keep their weights through a run while the rest
 * learn — a run without freezing is the control that changes them — and a model saved from such a
 * run opens again with the same layers frozen.
 */
class StartingPointTest {
    @TempDir
    Path dir;

    static Graph mlp() {
        return new GraphBuilder().layer("in", InputSpec.vector(2)).layer("h1", new DenseSpec(16, Activation.TANH, true))
                .layer("h2", new DenseSpec(16, Activation.TANH, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    private static TrainingSettings settings() {
        TrainingSettings s = RecordProperties.with(TrainingSettings.defaults(), "epochs", 3);
        return RecordProperties.with(s, "learningRate", 0.05);
    }

    private TrainingRun trained(StartingPoint start, Map<String, INDArray> before) throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(mlp(), settings());
        Dataset data = Synthetic.xor(200, 0.1, 3);
        TrainingRun run = new TrainingRun("fine-tune", c, settings(), data, null, null, 5);
        start.applyTo(run);
        run.inspect(n -> {
            n.paramTable().forEach((k, v) -> before.put(k, v.dup()));
            return null;
        });
        run.start();
        assertThat(run.await(120_000)).isTrue();
        assertThat(run.state()).as(run.failure()).isEqualTo(RunState.FINISHED);
        return run;
    }

    private static boolean changed(TrainingRun run, Map<String, INDArray> before, String param) {
        return run.inspect(n -> !n.getParam(param).equalsWithEps(before.get(param), 0));
    }

    @Test
    void frozenLayersKeepTheirWeightsAndTheRestLearn() throws Exception {
        Map<String, INDArray> before = new java.util.HashMap<>();
        TrainingRun run = trained(new StartingPoint(null, List.of("h1")), before);
        assertThat(changed(run, before, "h1_W")).as("frozen h1 weights").isFalse();
        assertThat(changed(run, before, "h1_b")).as("frozen h1 bias").isFalse();
        assertThat(changed(run, before, "h2_W")).as("h2 trains").isTrue();
        assertThat(changed(run, before, "out_W")).as("the Output trains").isTrue();

        // control: the same run without freezing changes h1
        Map<String, INDArray> controlBefore = new java.util.HashMap<>();
        TrainingRun control = trained(StartingPoint.fresh(), controlBefore);
        assertThat(changed(control, controlBefore, "h1_W")).as("h1 without freezing").isTrue();
    }

    @Test
    void freezingALaterLayerFreezesTheLayersBeforeIt() throws Exception {
        Map<String, INDArray> before = new java.util.HashMap<>();
        TrainingRun run = trained(new StartingPoint(null, List.of("h2")), before);
        assertThat(changed(run, before, "h1_W")).isFalse();
        assertThat(changed(run, before, "h2_W")).isFalse();
        assertThat(changed(run, before, "out_W")).isTrue();
    }

    @Test
    void aModelSavedFromAFrozenRunOpensWithTheSameLayersFrozenAndOutputs() throws Exception {
        TrainingRun run = trained(new StartingPoint(null, List.of("h2")), new java.util.HashMap<>());
        Path zip = dir.resolve("frozen.zip");
        ModelSerializer.writeModel(run.network(), zip.toFile(), true);
        var net = ModelFiles.readGraph(zip);
        ModelImport.Imported imported = ModelImport.of(net, "frozen.zip");
        assertThat(imported.frozen()).containsExactlyInAnyOrder("h1", "h2");
        assertThat(imported.graph().node("h2").spec()).isEqualTo(mlp().node("h2").spec());

        // the project opened from it fine-tunes from the same weights with the same layers frozen
        GraphCompiler.Compiled c = GraphCompiler.compile(imported.graph(), settings());
        TrainingRun again = new TrainingRun("again", c, settings(), Synthetic.xor(200, 0.1, 3), null, null, 5);
        new StartingPoint(zip, imported.frozen()).applyTo(again);
        INDArray x = Synthetic.xor(20, 0.1, 9).features();
        assertThat(again.inspect(n -> n.outputSingle(x)).equalsWithEps(net.outputSingle(x), 1e-6)).isTrue();
    }

    @Test
    void onlyLayersBetweenInputsAndOutputsCanBeFrozen() throws Exception {
        GraphCompiler.Compiled c = GraphCompiler.compile(mlp(), settings());
        assertThatThrownBy(() -> StartingPoint.check(List.of("out"), c)).hasMessageContaining("Output 'out' cannot be frozen");
        assertThatThrownBy(() -> StartingPoint.check(List.of("in"), c)).hasMessageContaining("Input 'in' has no weights to freeze");
        assertThatThrownBy(() -> StartingPoint.check(List.of("ghost"), c)).hasMessageContaining("layer 'ghost' is frozen but not in the graph");
        StartingPoint.check(List.of("h1", "h2"), c);
    }
}
