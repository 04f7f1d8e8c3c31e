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
                   List<float[]> series, long[] classCounts) {

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
                int k = Math.min(ROWS, n);
                float[][] f = x.reshape('c', n, x.length() / n).toFloatMatrix();
                float[] target = labels == null ? y.reshape('c', n, y.length() / n).getColumn(0).toFloatVector() : null;
                for (int i = 0; i < k; i++) {
                    String[] r = new String[f[i].length + 1];
                    for (int j = 0; j < f[i].length; j++) r[j] = trim(f[i][j]);
                    r[f[i].length] = labels != null ? info.classNames().get(labels[i]) : trim(target[i]);
                    rows.add(r);
                }
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
                pointLabels, rows, texts, series, counts);
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
