package org.layerlab.trainer.data;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.InputSpec;

/**
 * What a loaded data set is: its kind (for the preview), one example's shape (for the Input node),
 * class names (empty for regression) and feature names. A table mapped onto several Inputs or Outputs
 * also lists which columns feed which layer, in the order of the data set's arrays; then the example
 * shape and class names describe the first Input and Output. Immutable; any thread.
 */
public record DataInfo(String title, Kind kind, TensorShape example, List<String> classNames, List<String> featureNames,
                       List<Feed> inputs, List<Feed> outputs) {

    public enum Kind { IMAGES, TABLE, POINTS, SEQUENCES, TEXT }

    public DataInfo {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** One array of features and one of labels, fed to the graph's only Input and Output. */
    public DataInfo(String title, Kind kind, TensorShape example, List<String> classNames, List<String> featureNames) {
        this(title, kind, example, classNames, featureNames, List.of(), List.of());
    }

    /** Whether columns are mapped onto named layers (else the arrays feed the only Input and Output). */
    public boolean isMapped() {
        return !inputs.isEmpty();
    }

    public boolean isClassification() {
        return !classNames.isEmpty();
    }

    /** The Input layer that takes this data's examples. */
    public InputSpec inputSpec() {
        return switch (example.kind()) {
            case VECTOR -> InputSpec.vector(example.lastDim());
            case IMAGE -> InputSpec.image(example.height(), example.width(), example.channels());
            case SEQUENCE -> InputSpec.sequence(example.length(), example.lastDim());
        };
    }
}
