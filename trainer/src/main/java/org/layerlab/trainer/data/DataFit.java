package org.layerlab.trainer.data;

import org.layerlab.trainer.compile.GraphCompiler;

/** Whether a dataset fits a compiled graph's Input and Output, with the fix when it does not. Any thread. */
public final class DataFit {
    private DataFit() {}

    /** @throws IllegalArgumentException naming the dataset, the layer and the fix */
    public static void check(String datasetName, Dataset data, GraphCompiler.Compiled c) {
        long want = c.inputShapes().get(0).size();
        long have = data.features().length() / data.size();
        if (want != have) {
            throw new IllegalArgumentException("dataset '" + datasetName + "' has " + have + " features per example but Input '"
                    + c.inputs().get(0) + "' expects " + want + "; change the Input's shape");
        }
        long classes = data.labels().size(1);
        int units = c.outputSpecs().get(0).units();
        if (classes != units) {
            throw new IllegalArgumentException("dataset '" + datasetName + "' has " + classes + " label columns but Output '"
                    + c.outputs().get(0) + "' has " + units + " units; set units=" + classes);
        }
    }
}
