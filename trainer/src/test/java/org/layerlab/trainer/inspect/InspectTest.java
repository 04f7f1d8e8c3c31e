package org.layerlab.trainer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.Synthetic;
import org.layerlab.trainer.run.RunState;
import org.layerlab.trainer.run.TrainingRun;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InspectTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static TrainingSettings settings(TrainingSettings.Optimizer opt, double lr, int batch, int epochs) {
        TrainingSettings s = TrainingSettings.defaults();
        return new TrainingSettings(7, opt, lr, s.momentum(), s.beta1(), s.beta2(), s.epsilon(), s.rmsDecay(),
                s.schedule(), s.scheduleGamma(), s.scheduleStep(), s.warmupIterations(), s.minLearningRateFraction(),
                s.weightInit(), 0, 0, 0, 0, s.clipping(), s.clipThreshold(), batch, epochs, 0, 0);
    }

    static Graph mlp(int inputs, int hidden, int classes) {
        return new GraphBuilder().layer("in", InputSpec.vector(inputs))
                .layer("h", new DenseSpec(hidden, Activation.TANH, true))
                .layer("h2", new DenseSpec(hidden, Activation.TANH, true))
                .layer("out", new OutputSpec(classes, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    @Test
    void featureMapsAreTheConvolutionActivationsAndFiltersAreTheWeights() throws Exception {
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 1e-3, 8, 1);
        Dataset random = new Dataset(Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28), Nd4j.eye(10).castTo(DataType.FLOAT).repeat(0, 2).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 16)));
        TrainingRun run = new TrainingRun("lenet", GraphCompiler.compile(Examples.lenet(), s), s, random, null, null, 5);
        INDArray example = random.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1));
        List<FeatureMaps.LayerMaps> maps = FeatureMaps.of(run, example);

        assertThat(maps).extracting(FeatureMaps.LayerMaps::layer).containsExactly("c1", "p1", "c2", "p2");
        FeatureMaps.LayerMaps c1 = maps.get(0);
        assertThat(c1.channels()).isEqualTo(20);
        assertThat(c1.height()).isEqualTo(24);
        assertThat(c1.width()).isEqualTo(24);
        assertThat(maps.get(2).channels()).isEqualTo(50);
        assertThat(maps.get(2).height()).isEqualTo(8);
        // equal to DL4J's own activations, channel by channel
        Map<String, INDArray> acts = run.inspect(net -> net.feedForward(example, false));
        float[] dl4j = acts.get("c2").get(org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.point(7))
                .dup('c').data().asFloat();
        assertThat(maps.get(2).map(7)).containsExactly(dl4j);
        // filters: [out, in, kh, kw] weights; pooling layers have none
        FeatureMaps.Filters f = c1.filters();
        assertThat(f.count()).isEqualTo(20);
        assertThat(f.inChannels()).isEqualTo(1);
        assertThat(f.height()).isEqualTo(5);
        float w = run.inspect(net -> net.getParam("c1_W").getFloat(3, 0, 2, 4));
        assertThat(f.meanOverInputs(3)[2 * 5 + 4]).isEqualTo(w);
        assertThat(maps.get(1).filters()).isNull();
        assertThat(maps.get(2).filters().inChannels()).isEqualTo(20);
    }

    @Test
    void theDecisionBoundaryOfATrainedXorNetworkIsTheXorPattern() throws Exception {
        Dataset xor = Synthetic.xor(25, 0.05, 1);
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 0.05, 20, 60);
        TrainingRun run = new TrainingRun("xor", GraphCompiler.compile(mlp(2, 8, 2), s), s, xor, xor, null, 5);
        run.start();
        assertThat(run.await(120_000)).isTrue();
        assertThat(run.lastValidation().accuracy()).isEqualTo(1.0);

        DecisionGrid g = DecisionGrid.of(run, -0.5, 1.5, -0.5, 1.5, 20);
        assertThat(g.classes()).isEqualTo(2);
        // row 0 is the top (y = 1.45), column 0 the left (x = -0.45): corners (0,1) and (1,0) are class 1
        assertThat(g.probability(0, 0, 1)).isGreaterThan(0.8f);   // x≈0, y≈1
        assertThat(g.probability(19, 19, 1)).isGreaterThan(0.8f); // x≈1, y≈0
        assertThat(g.probability(0, 19, 0)).isGreaterThan(0.8f);  // x≈1, y≈1
        assertThat(g.probability(19, 0, 0)).isGreaterThan(0.8f);  // x≈0, y≈0
        for (int i = 0; i < 20 * 20; i++) assertThat(g.probability(i / 20, i % 20, 0) + g.probability(i / 20, i % 20, 1)).isCloseTo(1f, within(1e-4f));

        float[][] out = Outputs.of(run, xor.features().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 4)));
        assertThat(out).hasDimensions(4, 2);
        assertThat(Outputs.rows(xor.features())[3]).containsExactly(xor.features().getFloat(3, 0), xor.features().getFloat(3, 1));
    }

    @Test
    void theRangeTestSuggestsARateThatTrainsTheMoons() throws Exception {
        Dataset moons = Synthetic.moons(400, 0.1, 3);
        Graph g = mlp(2, 16, 2);
        TrainingSettings s = settings(TrainingSettings.Optimizer.ADAM, 1e-3, 10, 1);
        List<LrRangeTest.Point> seen = new ArrayList<>();
        LrRangeTest.Result r = LrRangeTest.run(GraphCompiler.compile(g, s), s, moons, UnaryOperator.identity(), 1e-5, 10,
                seen::add, () -> false);

        assertThat(r.points()).isEqualTo(seen);
        assertThat(r.points().size()).isBetween(LrRangeTest.MIN_STEPS / 2, LrRangeTest.MIN_STEPS);
        for (int i = 1; i < r.points().size(); i++) {
            assertThat(r.points().get(i).learningRate()).isGreaterThan(r.points().get(i - 1).learningRate());
        }
        assertThat(r.suggested()).as(r.note()).isBetween(1e-4, 1.0);

        // the suggestion is a rate that trains: the moons to >= 95 % in 10 epochs
        TrainingSettings chosen = settings(TrainingSettings.Optimizer.ADAM, r.suggested(), 10, 10);
        TrainingRun run = new TrainingRun("lr", GraphCompiler.compile(g, chosen), chosen, moons, moons, null, 50);
        run.start();
        assertThat(run.await(180_000)).isTrue();
        assertThat(run.state()).isEqualTo(RunState.FINISHED);
        assertThat(run.lastValidation().accuracy()).as("accuracy at lr " + r.suggested()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void aFlatOrDivergingCurveGivesNoSuggestionButAReason() {
        List<LrRangeTest.Point> flat = new ArrayList<>();
        for (int i = 0; i < 50; i++) flat.add(new LrRangeTest.Point(1e-5 * Math.pow(10, i / 10.0), 1.0, 1.0));
        LrRangeTest.Result r = LrRangeTest.suggest(flat);
        assertThat(r.suggested()).isNaN();
        assertThat(r.note()).contains("did not fall");
        assertThat(LrRangeTest.suggest(flat.subList(0, 5)).note()).contains("lower the maximum rate");
    }
}
