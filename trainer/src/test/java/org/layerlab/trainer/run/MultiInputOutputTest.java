package org.layerlab.trainer.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.*;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.DataFit;
import org.layerlab.trainer.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Graphs with two Inputs and two Outputs train from a Dataset with one array per Input and per Output. */
public class MultiInputOutputTest {

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    /** Two towers merged, then a classifier head and a regression head. */
    public static Graph twoByTwo() {
        return new GraphBuilder().node("left", InputSpec.vector(2)).node("right", InputSpec.vector(2))
                .after("left", "l", new DenseSpec(8, Activation.TANH, true))
                .after("right", "r", new DenseSpec(8, Activation.TANH, true))
                .merge("both", new ConcatSpec(), "l", "r")
                .after("both", "h", new DenseSpec(16, Activation.TANH, true))
                .after("h", "sameSign", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .after("h", "sum", new OutputSpec(1, Activation.IDENTITY, Loss.MSE)).build();
    }

    /** Class: do the two inputs' first values share a sign (needs both inputs); target: sum of their second values. */
    static Dataset data(int n, long seed, GraphCompiler.Compiled c) {
        Random rnd = new Random(seed);
        INDArray left = Nd4j.zeros(DataType.FLOAT, n, 2), right = Nd4j.zeros(DataType.FLOAT, n, 2);
        INDArray cls = Nd4j.zeros(DataType.FLOAT, n, 2), sum = Nd4j.zeros(DataType.FLOAT, n, 1);
        for (int i = 0; i < n; i++) {
            double a = rnd.nextDouble() * 2 - 1, b = rnd.nextDouble() * 2 - 1, x = rnd.nextDouble() - 0.5, y = rnd.nextDouble() - 0.5;
            left.putScalar(i, 0, a);
            left.putScalar(i, 1, x);
            right.putScalar(i, 0, b);
            right.putScalar(i, 1, y);
            cls.putScalar(i, a * b > 0 ? 1 : 0, 1);
            sum.putScalar(i, 0, x + y);
        }
        INDArray[] features = c.inputs().get(0).equals("left") ? new INDArray[] {left, right} : new INDArray[] {right, left};
        INDArray[] labels = c.outputs().get(0).equals("sameSign") ? new INDArray[] {cls, sum} : new INDArray[] {sum, cls};
        return new Dataset(features, labels);
    }

    @Test
    void aTwoInputTwoOutputGraphLearnsBothTasks() throws Exception {
        TrainingSettings s = TrainingRunTest.settings(TrainingSettings.Optimizer.ADAM, 0.02, 32, 40);
        GraphCompiler.Compiled c = GraphCompiler.compile(twoByTwo(), s);
        assertThat(c.inputs()).containsExactlyInAnyOrder("left", "right");
        assertThat(c.outputs()).containsExactlyInAnyOrder("sameSign", "sum");
        Dataset train = data(512, 1, c), validation = data(300, 2, c);
        TrainingRun run = new TrainingRun("two by two", c, s, train, validation, null, 5);
        run.start();
        assertThat(run.await(120_000)).isTrue();
        assertThat(run.state()).as(run.failure()).isEqualTo(RunState.FINISHED);

        // both heads learned, each checked on its own output
        INDArray[] out = run.inspect(net -> net.output(false, validation.features(0), validation.features(1)));
        int clsOut = c.outputs().indexOf("sameSign"), sumOut = c.outputs().indexOf("sum");
        INDArray predicted = out[clsOut].argMax(1), actual = validation.labels(clsOut).argMax(1);
        double accuracy = predicted.eq(actual).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertThat(accuracy).isGreaterThanOrEqualTo(0.93);
        INDArray err = out[sumOut].sub(validation.labels(sumOut));
        double mse = err.mul(err).meanNumber().doubleValue();
        double variance = validation.labels(sumOut).varNumber().doubleValue();
        assertThat(mse).isLessThan(0.1 * variance);
        // the epoch metrics: summed loss, accuracy of the first Output when it is the classifier
        assertThat(clsOut).as("the classifier is the first Output, so the epoch accuracy describes it").isZero();
        assertThat(run.lastValidation().accuracy()).isCloseTo(accuracy, org.assertj.core.data.Offset.offset(0.01));
        assertThat(run.history().epochs()).hasSize(40);
    }

    @Test
    void dataWithTooFewArraysIsRefusedNamingTheInputs() throws Exception {
        TrainingSettings s = TrainingSettings.defaults();
        GraphCompiler.Compiled c = GraphCompiler.compile(twoByTwo(), s);
        Dataset one = new Dataset(Nd4j.zeros(DataType.FLOAT, 4, 2), Nd4j.zeros(DataType.FLOAT, 4, 2));
        assertThatThrownBy(() -> new TrainingRun("x", c, s, one, null, null, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 features array(s) but the graph has 2 Inputs")
                .hasMessageContaining("left").hasMessageContaining("right");
        var info = new org.layerlab.trainer.data.DataInfo("digits", org.layerlab.trainer.data.DataInfo.Kind.TABLE,
                org.layerlab.graph.shape.TensorShape.vector(2), java.util.List.of(), java.util.List.of());
        assertThatThrownBy(() -> DataFit.check("digits", one, info, c))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feeds one Input but the graph has 2 Inputs")
                .hasMessageContaining("input.left=…; input.right=…");
    }
}
