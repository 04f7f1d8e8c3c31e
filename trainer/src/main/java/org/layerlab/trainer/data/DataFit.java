package org.layerlab.trainer.data;

import java.util.Arrays;
import org.layerlab.trainer.compile.Dl4jArrays;
import org.layerlab.trainer.compile.GraphCompiler;

/** Whether a dataset fits a compiled graph's Input and Output, with the fix when it does not. Any thread. */
public final class DataFit {
    private DataFit() {}

    /** @throws IllegalArgumentException unless there is one features array per Input and one labels array per Output */
    public static void checkArrays(String datasetName, Dataset data, GraphCompiler.Compiled c) {
        if (data.inputCount() != c.inputs().size()) {
            throw new IllegalArgumentException("dataset '" + datasetName + "' has " + data.inputCount() + " features array(s) but the graph has "
                    + c.inputs().size() + " Inputs " + c.inputs() + "; give one features array per Input, in that order");
        }
        if (data.outputCount() != c.outputs().size()) {
            throw new IllegalArgumentException("dataset '" + datasetName + "' has " + data.outputCount() + " labels array(s) but the graph has "
                    + c.outputs().size() + " Outputs " + c.outputs() + "; give one labels array per Output, in that order");
        }
    }

    /**
     * For one data source (the Data tab, {@code layerlab train}): one Input, one Output, matching sizes.
     * @throws IllegalArgumentException naming the dataset, the layer and the fix
     */
    public static void check(String datasetName, Dataset data, GraphCompiler.Compiled c) {
        if (c.inputs().size() != 1 || c.outputs().size() != 1) {
            throw new IllegalArgumentException("this graph has " + c.inputs().size() + " Inputs and " + c.outputs().size()
                    + " Outputs, but a data source feeds one Input and one Output; graphs with several train through the"
                    + " trainer API (a Dataset with one array per Input and per Output)");
        }
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

    /**
     * The same examples in the Input's layout when only the layout differs (28×28 images into a
     * 784-vector MLP, say); checked first. Null stays null.
     */
    public static Dataset adapt(String datasetName, Dataset data, GraphCompiler.Compiled c) {
        if (data == null) return null;
        check(datasetName, data, c);
        long[] want = Dl4jArrays.batchShape(c.inputShapes().get(0), data.size());
        if (Arrays.equals(want, data.features().shape())) return data;
        return new Dataset(data.features().reshape('c', want), data.labels());
    }
}
