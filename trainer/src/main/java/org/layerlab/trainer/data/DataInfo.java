package org.layerlab.trainer.data;

import java.util.List;
import org.layerlab.graph.shape.TensorShape;
import org.layerlab.graph.spec.InputSpec;

/**
 * What a loaded data set is: its kind (for the preview), one example's shape (for the Input node),
 * class names (empty for regression) and feature names. Immutable; any thread.
 */
public record DataInfo(String title, Kind kind, TensorShape example, List<String> classNames, List<String> featureNames) {

    public enum Kind { IMAGES, TABLE, POINTS, SEQUENCES, TEXT }

    public DataInfo {
        classNames = List.copyOf(classNames);
        featureNames = List.copyOf(featureNames);
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
