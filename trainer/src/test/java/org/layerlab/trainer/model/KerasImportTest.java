package org.layerlab.trainer.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Graph;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.ConcatSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.trainer.backend.Backend;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras import through DL4J's own KerasModelImport: the fixtures are written in Keras's HDF5 layout
 * without Keras (make_fixtures.py, h5py and NumPy), with a NumPy forward pass of the same weights.
 * The imported network — and the LayerLab graph it maps to, given the same weights — answers as
 * NumPy did; an unsupported Keras layer is named with the reason.
 */
class KerasImportTest {
    static final Path DIR = Path.of("src/test/resources/keras");

    @BeforeAll
    static void backend() {
        Backend.init();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "functional"})
    void aKerasModelAnswersAsItsNumpyForwardPassAndOpensAsAGraph(String name) throws Exception {
        JsonNode expected = new ObjectMapper().readTree(Files.readString(DIR.resolve(name + ".expected.json")));
        INDArray x = array(expected.get("input")), y = array(expected.get("output"));
        ComputationGraph net = KerasFiles.read(DIR.resolve(name + ".h5"));
        assertThat(net.outputSingle(false, x).sub(y).amaxNumber().doubleValue()).as("DL4J vs NumPy").isLessThan(1e-5);

        ModelImport.Imported im = ModelImport.of(net, name + ".h5");
        Graph g = im.graph();
        if (name.equals("functional")) {
            assertThat(g.node("left").spec()).isEqualTo(new DenseSpec(6, org.layerlab.graph.spec.Activation.TANH, true));
            assertThat(g.node("both").spec()).isEqualTo(new ConcatSpec());
        } else {
            assertThat(g.nodes()).filteredOn(n -> n.spec() instanceof DenseSpec).hasSize(1);
            // Keras saved no loss: the softmax output becomes an Output layer with categorical cross-entropy, and the notes say so
            assertThat(g.nodes()).filteredOn(n -> n.spec() instanceof org.layerlab.graph.spec.OutputSpec).singleElement()
                    .extracting(n -> ((org.layerlab.graph.spec.OutputSpec) n.spec()).loss()).isEqualTo(org.layerlab.graph.spec.Loss.CATEGORICAL_CROSS_ENTROPY);
            assertThat(im.notes()).anyMatch(s -> s.contains("the model has no loss"));
        }
        // the graph LayerLab compiles from the import, with the Keras weights, answers the same
        ComputationGraph again = new ComputationGraph(GraphCompiler.compile(g, TrainingSettings.defaults()).conf());
        again.init();
        again.setParams(net.params());
        assertThat(again.outputSingle(false, x).sub(y).amaxNumber().doubleValue()).as("LayerLab graph vs NumPy").isLessThan(1e-5);
    }

    @Test
    void anUnsupportedKerasLayerIsNamedWithTheReason() {
        assertThatThrownBy(() -> KerasFiles.read(DIR.resolve("lambda.h5"))).hasMessageContaining("lambda.h5")
                .hasMessageContaining("its Lambda layer 'double_it' holds Python code, which cannot be imported")
                .hasMessageNotContaining("Exception").hasMessageNotContaining("registerLambdaLayer");
    }

    private static INDArray array(JsonNode rows) {
        float[][] a = new float[rows.size()][];
        for (int i = 0; i < a.length; i++) {
            a[i] = new float[rows.get(i).size()];
            for (int j = 0; j < a[i].length; j++) a[i][j] = (float) rows.get(i).get(j).asDouble();
        }
        return Nd4j.create(a).castTo(DataType.FLOAT);
    }
}
