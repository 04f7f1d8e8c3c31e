package org.layerlab.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.layerlab.graph.shape.TensorShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a {@link Csv} table into examples: chosen feature columns (numbers only), one label column
 * that is either class names (one-hot, sorted) or a number to regress. Any thread.
 */
public final class Tabular {
    private Tabular() {}

    public enum Task { AUTO, CLASSIFICATION, REGRESSION }

    /**
     * @param label    label column name or 1-based number; null = the last column
     * @param features feature column names or numbers; empty = every column but the label
     */
    public static LoadedData from(Csv csv, String title, String label, List<String> features, Task task) {
        int labelCol = label == null || label.isBlank() ? csv.header().size() - 1 : csv.columnIndex(label);
        List<Integer> cols = new ArrayList<>();
        if (features == null || features.isEmpty()) {
            for (int i = 0; i < csv.header().size(); i++) if (i != labelCol) cols.add(i);
        } else {
            for (String f : features) {
                int c = csv.columnIndex(f);
                if (c == labelCol) throw new DataException(csv.file(), 0, "column '" + csv.header().get(c) + "' is both a feature and the label; leave it out of the features");
                cols.add(c);
            }
        }
        if (cols.isEmpty()) throw new DataException(csv.file(), 0, "no feature columns are left besides the label; the file needs at least two columns");
        int n = csv.rows().size();
        float[] x = new float[n * cols.size()];
        for (int r = 0; r < n; r++) {
            String[] row = csv.rows().get(r);
            for (int j = 0; j < cols.size(); j++) {
                String cell = row[cols.get(j)].trim();
                if (cell.isEmpty()) {
                    throw new DataException(csv.file(), csv.lineOf(r), "column '" + csv.header().get(cols.get(j))
                            + "' is empty; fill in the missing value or remove the row");
                }
                try {
                    x[r * cols.size() + j] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new DataException(csv.file(), csv.lineOf(r), "column '" + csv.header().get(cols.get(j)) + "' has '"
                            + cell + "', which is not a number; fix the value or leave the column out of the features");
                }
                if (!Float.isFinite(x[r * cols.size() + j])) {
                    throw new DataException(csv.file(), csv.lineOf(r), "column '" + csv.header().get(cols.get(j)) + "' is " + cell + "; use a finite number");
                }
            }
        }
        List<String> featureNames = cols.stream().map(csv.header()::get).toList();
        String[] labels = new String[n];
        boolean numeric = true;
        for (int r = 0; r < n; r++) {
            labels[r] = csv.rows().get(r)[labelCol].trim();
            if (labels[r].isEmpty()) {
                throw new DataException(csv.file(), csv.lineOf(r), "the label column '" + csv.header().get(labelCol) + "' is empty; fill it in or remove the row");
            }
            numeric &= Csv.isNumber(labels[r]);
        }
        boolean classify = switch (task) {
            case CLASSIFICATION -> true;
            case REGRESSION -> false;
            case AUTO -> !numeric || looksCategorical(labels);
        };
        var features2 = Nd4j.create(x, new long[] {n, cols.size()}, 'c');
        TensorShape shape = TensorShape.vector(cols.size());
        if (!classify) {
            if (!numeric) {
                for (int r = 0; r < n; r++) {
                    if (!Csv.isNumber(labels[r])) {
                        throw new DataException(csv.file(), csv.lineOf(r), "the label '" + labels[r] + "' is not a number, so it cannot be regressed; choose classification");
                    }
                }
            }
            float[] y = new float[n];
            for (int r = 0; r < n; r++) y[r] = Float.parseFloat(labels[r]);
            return new LoadedData(new Dataset(features2, Nd4j.create(y, new long[] {n, 1}, 'c')), null,
                    new DataInfo(title, DataInfo.Kind.TABLE, shape, List.of(), featureNames));
        }
        List<String> classes = new ArrayList<>(numeric ? sortedNumerically(labels) : new TreeSet<>(List.of(labels)));
        var y = Nd4j.zeros(DataType.FLOAT, n, classes.size());
        java.util.Map<Object, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < classes.size(); i++) index.put(key(classes.get(i), numeric), i);
        for (int r = 0; r < n; r++) y.putScalar(r, index.get(key(labels[r], numeric)), 1f);
        return new LoadedData(new Dataset(features2, y), null,
                new DataInfo(title, DataInfo.Kind.TABLE, shape, classes, featureNames));
    }

    /** Numeric labels are one class per value ("1" and "1.0" alike). */
    private static Object key(String label, boolean numeric) {
        return numeric ? (Object) Double.parseDouble(label) : label;
    }

    /** Whole numbers with few distinct values read as classes (0/1, 1..5 ratings). */
    private static boolean looksCategorical(String[] labels) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String l : labels) {
            double v = Double.parseDouble(l);
            if (v != Math.rint(v)) return false;
            distinct.add(l);
        }
        return distinct.size() <= 50 && distinct.size() < labels.length;
    }

    private static List<String> sortedNumerically(String[] labels) {
        TreeSet<Double> values = new TreeSet<>();
        java.util.Map<Double, String> spelling = new java.util.HashMap<>();
        for (String l : labels) {
            double v = Double.parseDouble(l);
            values.add(v);
            spelling.putIfAbsent(v, l);
        }
        List<String> out = new ArrayList<>();
        for (double v : values) out.add(spelling.get(v));
        return out;
    }
}
