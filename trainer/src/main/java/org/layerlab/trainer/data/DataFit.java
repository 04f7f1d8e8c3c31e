package org.layerlab.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.layerlab.trainer.compile.Dl4jArrays;
import org.layerlab.trainer.compile.GraphCompiler;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Whether a dataset fits a compiled graph's Inputs and Outputs, with the fix when it does not. A data
 * source feeds the graph's only Input and Output, or — a table mapped with {@code input.<name>} and
 * {@code output.<name>} options — each named layer. Any thread.
 */
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
     * For one data source (the Data tab, {@code layerlab train}): every Input and Output gets its
     * array, with matching sizes.
     * @throws IllegalArgumentException naming the dataset, the layer and the fix
     */
    public static void check(String datasetName, Dataset data, DataInfo info, GraphCompiler.Compiled c) {
        int[] in = order(datasetName, info.inputs(), c.inputs(), "Input", "input");
        int[] out = order(datasetName, info.outputs(), c.outputs(), "Output", "output");
        for (int i = 0; i < in.length; i++) {
            long want = c.inputShapes().get(i).size();
            long have = data.features(in[i]).length() / Math.max(1, data.size());
            if (want != have) {
                String what = info.isMapped() ? "the columns " + info.inputs().get(in[i]).columns() + " give " + have
                        + " features per example" : "dataset '" + datasetName + "' has " + have + " features per example";
                throw new IllegalArgumentException(what + " but Input '" + c.inputs().get(i) + "' expects " + want
                        + "; change the Input's shape" + (info.isMapped() ? " or its columns" : ""));
            }
        }
        for (int i = 0; i < out.length; i++) {
            long classes = data.labels(out[i]).size(1);
            int units = c.outputSpecs().get(i).units();
            if (classes != units) {
                String what = info.outputs().isEmpty() ? "dataset '" + datasetName + "' has " + classes + " label columns"
                        : "the columns " + info.outputs().get(out[i]).columns() + " give " + classes + " label value(s) per example";
                throw new IllegalArgumentException(what + " but Output '" + c.outputs().get(i) + "' has " + units + " units; set units=" + classes);
            }
        }
    }

    /**
     * For each of the graph's layers (in the compiled order), the index of the data's array that
     * feeds it. Unmapped data feeds the only layer; mapped data names each layer once.
     */
    private static int[] order(String datasetName, List<Feed> feeds, List<String> layers, String kind, String option) {
        if (feeds.isEmpty() || (feeds.size() == 1 && feeds.get(0).layer().isEmpty())) {
            if (layers.size() == 1) return new int[] {0};
            throw new IllegalArgumentException("dataset '" + datasetName + "' feeds one " + kind + " but the graph has " + layers.size() + " "
                    + kind + "s " + layers + "; a CSV file can feed each with the data options " + example(option, layers)
                    + " (other data sets feed one " + kind + ")");
        }
        List<String> named = new ArrayList<>();
        for (Feed f : feeds) named.add(f.layer());
        for (String n : named) {
            if (!layers.contains(n)) {
                throw new IllegalArgumentException("the data options give columns to " + kind + " '" + n + "', but the graph's " + kind + "s are "
                        + layers + "; rename " + option + "." + n);
            }
        }
        int[] order = new int[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            order[i] = named.indexOf(layers.get(i));
            if (order[i] < 0) {
                throw new IllegalArgumentException(kind + " '" + layers.get(i) + "' is given no columns; add " + option + "." + layers.get(i)
                        + "=column, column to the data options");
            }
        }
        return order;
    }

    private static String example(String option, List<String> layers) {
        StringBuilder b = new StringBuilder();
        for (String l : layers) b.append(b.length() == 0 ? "" : "; ").append(option).append('.').append(l).append("=…");
        return b.toString();
    }

    /**
     * The same examples with one array per Input and Output in the graph's order, each in its Input's
     * layout when only the layout differs (28×28 images into a 784-vector MLP, say); checked first.
     * Null stays null.
     */
    public static Dataset adapt(String datasetName, Dataset data, DataInfo info, GraphCompiler.Compiled c) {
        if (data == null) return null;
        check(datasetName, data, info, c);
        int[] in = order(datasetName, info.inputs(), c.inputs(), "Input", "input");
        int[] out = order(datasetName, info.outputs(), c.outputs(), "Output", "output");
        INDArray[] features = new INDArray[in.length];
        boolean same = in.length == data.inputCount() && out.length == data.outputCount();
        for (int i = 0; i < in.length; i++) {
            INDArray x = data.features(in[i]);
            long[] want = Dl4jArrays.batchShape(c.inputShapes().get(i), data.size());
            features[i] = Arrays.equals(want, x.shape()) ? x : x.reshape('c', want);
            same &= features[i] == data.features(i);
        }
        INDArray[] labels = new INDArray[out.length];
        for (int i = 0; i < out.length; i++) {
            labels[i] = data.labels(out[i]);
            same &= labels[i] == data.labels(i);
        }
        return same ? data : new Dataset(features, labels);
    }
}
