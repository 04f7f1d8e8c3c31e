package org.layerlab.graph.shape;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.layerlab.graph.Fixtures;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.spec.*;

class ParamCountTest {

    @Test
    void mlp784_256_128_10() {
        assertThat(ShapeInference.analyze(Fixtures.mlp()).totalParams()).isEqualTo(235_146);
    }

    @Test
    void lenet() {
        Analysis a = ShapeInference.analyze(Fixtures.lenet());
        assertThat(a.paramsOf("c1")).isEqualTo(520);
        assertThat(a.paramsOf("c2")).isEqualTo(25_050);
        assertThat(a.paramsOf("d1")).isEqualTo(400_500);
        assertThat(a.totalParams()).isEqualTo(431_080);
    }

    @Test
    void residualBlock() {
        Graph g = new GraphBuilder()
                .layer("in", InputSpec.vector(16))
                .layer("a", new DenseSpec(16, Activation.RELU, true))
                .layer("b", new DenseSpec(16, Activation.IDENTITY, true))
                .merge("sum", new AddSpec(), "in", "b")
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
        Analysis a = ShapeInference.analyze(g);
        assertThat(a.problems()).isEmpty();
        assertThat(a.totalParams()).isEqualTo(2 * (16 * 16 + 16) + 16 * 2 + 2);
    }

    @Test
    void lstmStack() {
        Graph g = new GraphBuilder()
                .layer("in", InputSpec.sequence(20, 5))
                .layer("l1", new LstmSpec(32, Activation.TANH, true))
                .layer("l2", new LstmSpec(16, Activation.TANH, true))
                .layer("out", new OutputSpec(5, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
        Analysis a = ShapeInference.analyze(g);
        assertThat(a.shapeOf("out")).isEqualTo(TensorShape.sequence(20, 5));
        assertThat(a.totalParams()).isEqualTo(4L * (5 * 32 + 32 * 32 + 32) + 4L * (32 * 16 + 16 * 16 + 16) + 16 * 5 + 5);
    }

    @Test
    void summaryListsLayersAndTotal() {
        String s = Summary.of(Fixtures.mlp());
        assertThat(s).contains("Layer", "Output shape", "Param #")
                .contains("d1", "Dense", "256", "200,960")
                .contains("Total params: 235,146");
    }
}
