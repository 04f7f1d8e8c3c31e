package org.layerlab.app.data;

import java.util.ArrayList;
import java.util.List;
import org.layerlab.trainer.data.DataInfo;
import org.layerlab.trainer.data.Dataset;
import org.layerlab.trainer.data.LoadedData;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The numbers a data preview shows, copied out of the arrays off the FX thread: a few images, up to
 * 2,000 points, the first rows, decoded text, a few series, and the class balance. Immutable.
 */
record DataPreview(DataInfo info, int trainSize, int testSize, List<float[]> images, int[] imageLabels,
                   float[][] points, float[] pointValues, int[] pointLabels, List<String[]> rows, List<String> texts,
                   List<float[]> series, long[] classCounts, List<String> columns) {

    static final int IMAGES = 60;
    static final int POINTS = 2000;
    static final int ROWS = 200;

    static DataPreview of(LoadedData d) {
        DataInfo info = d.info();
        Dataset t = d.train();
        int n = t.size();
        INDArray x = t.features();
        INDArray y = t.labels();
        List<float[]> images = new ArrayList<>();
        int[] imageLabels = new int[0];
        float[][] points = new float[0][];
        float[] pointValues = new float[0];
        int[] pointLabels = new int[0];
        List<String[]> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<float[]> series = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        int[] labels = info.isClassification() && y.rank() == 2 ? y.argMax(1).toIntVector() : null;
        switch (info.kind()) {
            case IMAGES -> {
                int k = Math.min(IMAGES, n);
                imageLabels = new int[k];
                for (int i = 0; i < k; i++) {
                    images.add(x.slice(i).dup('c').data().asFloat());
                    imageLabels[i] = labels == null ? -1 : labels[i];
                }
            }
            case POINTS -> {
                int k = Math.min(POINTS, n);
                points = new float[k][];
                pointLabels = new int[k];
                pointValues = new float[k];
                float[][] all = x.toFloatMatrix();
                float[] target = info.isClassification() ? null : y.reshape(n).toFloatVector();
                for (int i = 0; i < k; i++) {
                    points[i] = all[i];
                    pointLabels[i] = labels == null ? -1 : labels[i];
                    pointValues[i] = target == null ? 0 : target[i];
                }
            }
            case TABLE -> {
                tableRows(t, info, rows, columns);
            }
            case TEXT -> {
                INDArray idx = x.argMax(1); // [n, T]
                for (int i = 0; i < Math.min(4, n); i++) {
                    StringBuilder sb = new StringBuilder();
                    for (int c : idx.getRow(i).toIntVector()) sb.append(decode(info.classNames().get(c)));
                    texts.add(sb.toString());
                }
            }
            case SEQUENCES -> {
                for (int i = 0; i < Math.min(6, n); i++) {
                    INDArray s = x.slice(i); // [features, T]
                    series.add(s.rank() == 2 && s.size(0) > 1 ? s.argMax(0).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatVector()
                            : s.reshape(s.length()).toFloatVector());
                }
            }
        }
        long[] counts = new long[info.classNames().size()];
        if (info.isClassification() && counts.length > 0) {
            INDArray sum = y.rank() == 3 ? y.sum(0, 2) : y.sum(0);
            for (int c = 0; c < counts.length && c < sum.length(); c++) counts[c] = Math.round(sum.getDouble(c));
        }
        return new DataPreview(info, n, d.test() == null ? 0 : d.test().size(), images, imageLabels, points, pointValues,
                pointLabels, rows, texts, series, counts, List.copyOf(columns));
    }

    /**
     * The first rows as text: every Input's columns, then each Output's class name or values. Unmapped
     * tables have one label column, headed "class" or "target".
     */
    private static void tableRows(Dataset t, DataInfo info, List<String[]> rows, List<String> columns) {
        int n = t.size();
        int k = Math.min(ROWS, n);
        List<float[][]> inputs = new ArrayList<>();
        for (int i = 0; i < t.inputCount(); i++) {
            INDArray x = t.features(i);
            inputs.add(x.reshape('c', n, x.length() / n).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).toFloatMatrix());
        }
        columns.addAll(info.featureNames());
        List<List<String>> outClasses = new ArrayList<>();
        List<float[][]> outputs = new ArrayList<>();
        for (int o = 0; o < t.outputCount(); o++) {
            INDArray y = t.labels(o);
            List<String> classes = info.isMapped() ? info.outputs().get(o).classNames() : info.classNames();
            outClasses.add(classes);
            outputs.add(y.reshape('c', n, y.length() / n).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, k),
                    org.nd4j.linalg.indexing.NDArrayIndex.all()).toFloatMatrix());
            if (!info.isMapped()) columns.add(classes.isEmpty() ? "target" : "class");
            else if (!classes.isEmpty()) columns.add(String.join(", ", info.outputs().get(o).columns()));
            else columns.addAll(info.outputs().get(o).columns());
        }
        for (int i = 0; i < k; i++) {
            List<String> r = new ArrayList<>();
            for (float[][] x : inputs) for (float v : x[i]) r.add(trim(v));
            for (int o = 0; o < outputs.size(); o++) {
                float[] y = outputs.get(o)[i];
                if (!outClasses.get(o).isEmpty()) r.add(outClasses.get(o).get(argMax(y)));
                else for (float v : y) r.add(trim(v));
            }
            rows.add(r.toArray(String[]::new));
        }
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private static String decode(String shown) {
        return switch (shown) {
            case "\\n" -> "\n";
            case "␣" -> " ";
            case "\\t" -> "\t";
            default -> shown;
        };
    }

    private static String trim(float v) {
        return v == Math.rint(v) && Math.abs(v) < 1e7 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
