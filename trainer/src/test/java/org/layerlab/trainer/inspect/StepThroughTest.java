package org.layerlab.trainer.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-2-1 sigmoid network on one example: the numbers the step-through shows are the forward pass
 * computed by hand, and every backpropagated gradient equals its finite-difference estimate.
 */
class StepThroughTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    static ComputationGraph net221() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(2))
                .layer("h", new DenseSpec(2, Activation.SIGMOID, true))
                .layer("out", new OutputSpec(1, Activation.SIGMOID, Loss.MSE)).build();
        TrainingSettings s = InspectTest.settings(TrainingSettings.Optimizer.SGD, 1.0, 1, 1);
        Nd4j.getRandom().setSeed(s.seed());
        ComputationGraph n = new ComputationGraph(GraphCompiler.compile(g, s).conf());
        n.init();
        return n;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    @Test
    void activationsAreTheForwardPassAndGradientsMatchFiniteDifferences() throws Exception {
        ComputationGraph n = net221();
        INDArray x = Nd4j.create(new float[][] {{0.5f, -1.0f}}), y = Nd4j.create(new float[][] {{1f}});
        float[] before = LossSurface.snapshot(n);
        StepThrough.Trace t = StepThrough.of(n, x, y);
        assertThat(LossSurface.snapshot(n)).as("the network is left as it was").containsExactly(before);

        assertThat(t.params()).hasSize(9); // 2×2 + 2, 2×1 + 1
        // the forward pass by hand from the parameters the trace reports
        double[] h = new double[2];
        for (int j = 0; j < 2; j++) {
            double z = t.param("h", "b", -1, j).value();
            for (int i = 0; i < 2; i++) z += new double[] {0.5, -1.0}[i] * t.param("h", "W", i, j).value();
            h[j] = sigmoid(z);
        }
        double zOut = t.param("out", "b", -1, 0).value() + h[0] * t.param("out", "W", 0, 0).value() + h[1] * t.param("out", "W", 1, 0).value();
        assertThat(t.activations().get("h")).containsExactly(h, within(1e-6));
        assertThat(t.activations().get("out")[0]).isCloseTo(sigmoid(zOut), within(1e-6));
        double yHat = sigmoid(zOut);
        assertThat(t.loss()).isCloseTo((yHat - 1) * (yHat - 1), within(1e-6));
        // the output weight's gradient by the chain rule: dL/dŷ · σ′ · h
        double dOut = 2 * (yHat - 1) * yHat * (1 - yHat);
        assertThat(t.param("out", "W", 1, 0).gradient()).isCloseTo(dOut * h[1], within(1e-6));

        for (StepThrough.Param p : t.params()) {
            assertThat(p.gradient()).as(p.toString()).isCloseTo(p.finiteDifference(), within(1e-3));
        }
        assertThat(t.maxError()).isLessThan(1e-3);
    }

    @Test
    void aGradientThatIsWrongIsCaughtByTheEstimate() throws Exception {
        // negative control: the estimate is a real measurement, not a copy of the gradient
        ComputationGraph n = net221();
        StepThrough.Trace t = StepThrough.of(n, Nd4j.create(new float[][] {{0.5f, -1.0f}}), Nd4j.create(new float[][] {{1f}}));
        StepThrough.Param p = t.param("out", "W", 0, 0);
        StepThrough.Param wrong = new StepThrough.Param(p.layer(), p.kind(), p.from(), p.to(), p.value(), p.gradient() * 1.5 + 0.01, p.finiteDifference());
        assertThat(wrong.error()).isGreaterThan(1e-3);
    }

    @Test
    void largeNetworksAreRefusedWithTheirSize() throws Exception {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(20)).layer("h", new DenseSpec(20, Activation.TANH, true))
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
        TrainingSettings s = InspectTest.settings(TrainingSettings.Optimizer.SGD, 1.0, 1, 1);
        ComputationGraph n = new ComputationGraph(GraphCompiler.compile(g, s).conf());
        n.init();
        assertThatThrownBy(() -> StepThrough.of(n, Nd4j.rand(1, 20), Nd4j.create(new float[][] {{1, 0}})))
                .hasMessageContaining("up to 200 parameters").hasMessageContaining("462");
    }
}
