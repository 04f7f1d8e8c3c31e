package org.layerlab.app;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.project.ViewState;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.ConcatSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;
import org.layerlab.graph.spec.RecordProperties;

/**
 * A CSV for a graph with two Inputs: "kind" says whether a1 and b1 share a sign, so the task needs
 * both the left Input (a1, a2) and the right one (b1, b2); n1 and n2 are noise a control can feed
 * the right Input instead.
 */
public final class TwoInputCsv {
    private TwoInputCsv() {}

    public static String text(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("kind,a1,a2,n1,b1,b2,n2\n");
        for (int i = 0; i < rows; i++) {
            double a1 = r.nextDouble() * 2 - 1, b1 = r.nextDouble() * 2 - 1;
            b.append(a1 * b1 > 0 ? "same" : "different").append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f,%.4f,%.4f%n",
                    a1, r.nextDouble(), r.nextDouble() * 2 - 1, b1, r.nextDouble(), r.nextDouble() * 2 - 1));
        }
        return b.toString();
    }

    /** Inputs 'left' and 'right' (each {@code inputSize} wide) → Dense → concat → Dense → Output 'out' (2 classes). */
    public static Graph graph(int inputSize) {
        return new GraphBuilder().node("left", InputSpec.vector(inputSize)).node("right", InputSpec.vector(inputSize))
                .after("left", "l", new DenseSpec(8, Activation.TANH, true))
                .after("right", "r", new DenseSpec(8, Activation.TANH, true))
                .merge("both", new ConcatSpec(), "l", "r")
                .after("both", "h", new DenseSpec(16, Activation.TANH, true))
                .after("h", "out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY)).build();
    }

    public static TrainingSettings settings() {
        TrainingSettings s = RecordProperties.with(TrainingSettings.defaults(), "learningRate", 0.02);
        s = RecordProperties.with(s, "epochs", 30);
        return RecordProperties.with(s, "validationSplit", 0.25);
    }

    /** The project mapping the file's columns onto the layers; {@code right} = the right Input's columns. */
    public static Project project(Path csv, String right) {
        DatasetRef ref = new DatasetRef("csv", Map.of("path", csv.toString(), "input.left", "a1, a2", "input.right", right, "output.out", "kind"));
        return new Project("two inputs", graph(2), ViewState.initial(), ref, settings());
    }
}
