package org.layerlab.trainer.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.layerlab.graph.shape.TensorShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a {@link Csv} table into examples: chosen feature columns (numbers only), one label column
 * that is either class names (one-hot, sorted) or a number to regress; or, for a graph with several
 * Inputs or Outputs, the columns of each named layer. Any thread.
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
        var x = numbers(csv, cols, "the features");
        List<String> featureNames = cols.stream().map(csv.header()::get).toList();
        Target y = target(csv, labelCol, task);
        return new LoadedData(new Dataset(x, y.values()), null,
                new DataInfo(title, DataInfo.Kind.TABLE, TensorShape.vector(cols.size()), y.classes(), featureNames));
    }

    /**
     * Several Inputs and/or Outputs from one table: each named layer takes its columns (an Input's as
     * features; an Output's one column as classes or a number, several as numbers to regress). The
     * arrays are in the maps' order. With no Output mapped, {@code label} (or the last column) feeds
     * the graph's only Output.
     */
    public static LoadedData mapped(Csv csv, String title, Map<String, List<String>> inputs, Map<String, List<String>> outputs,
                                    String label, Task task) {
        if (inputs.isEmpty()) throw new DataException(csv.file(), 0, "no Input is given columns; add input.<Input name>=column, column");
        Map<Integer, String> used = new HashMap<>();
        List<Feed> inFeeds = new ArrayList<>();
        List<INDArray> xs = new ArrayList<>();
        for (var e : inputs.entrySet()) {
            List<Integer> cols = columns(csv, e.getValue(), "Input '" + e.getKey() + "'", used);
            xs.add(numbers(csv, cols, "Input '" + e.getKey() + "'"));
            inFeeds.add(new Feed(e.getKey(), names(csv, cols), TensorShape.vector(cols.size()), List.of()));
        }
        Map<String, List<String>> outs = outputs;
        if (outs.isEmpty()) {
            String only = label == null || label.isBlank() ? csv.header().get(csv.header().size() - 1) : label;
            outs = Map.of("", List.of(only));
        }
        List<Feed> outFeeds = new ArrayList<>();
        List<INDArray> ys = new ArrayList<>();
        for (var e : outs.entrySet()) {
            String what = e.getKey().isEmpty() ? "the label" : "Output '" + e.getKey() + "'";
            List<Integer> cols = columns(csv, e.getValue(), what, used);
            if (cols.size() == 1) {
                Target t = target(csv, cols.get(0), task);
                ys.add(t.values());
                outFeeds.add(new Feed(e.getKey(), names(csv, cols), TensorShape.vector((int) t.values().size(1)), t.classes()));
            } else {
                ys.add(numbers(csv, cols, what));
                outFeeds.add(new Feed(e.getKey(), names(csv, cols), TensorShape.vector(cols.size()), List.of()));
            }
        }
        List<String> featureNames = inFeeds.stream().flatMap(f -> f.columns().stream()).toList();
        Dataset d = new Dataset(xs.toArray(INDArray[]::new), ys.toArray(INDArray[]::new));
        return new LoadedData(d, null, new DataInfo(title, DataInfo.Kind.TABLE, inFeeds.get(0).shape(), outFeeds.get(0).classNames(),
                featureNames, inFeeds, outFeeds));
    }

    private static List<Integer> columns(Csv csv, List<String> spelled, String what, Map<Integer, String> used) {
        if (spelled.isEmpty()) throw new DataException(csv.file(), 0, what + " is given no columns; list them, separated by commas");
        List<Integer> cols = new ArrayList<>();
        for (String name : spelled) {
            int c = csv.columnIndex(name);
            String before = used.putIfAbsent(c, what);
            if (before != null) {
                throw new DataException(csv.file(), 0, "column '" + csv.header().get(c) + "' feeds both " + before + " and " + what
                        + "; give each column to one layer");
            }
            cols.add(c);
        }
        return cols;
    }

    private static List<String> names(Csv csv, List<Integer> cols) {
        return cols.stream().map(csv.header()::get).toList();
    }

    /** The chosen columns as numbers [rows, columns]; an empty or non-numeric cell names its line. */
    private static INDArray numbers(Csv csv, List<Integer> cols, String what) {
        int n = csv.rows().size();
        float[] x = new float[n * cols.size()];
        for (int r = 0; r < n; r++) {
            String[] row = csv.rows().get(r);
            for (int j = 0; j < cols.size(); j++) {
                String cell = row[cols.get(j)].trim();
                String column = "column '" + csv.header().get(cols.get(j)) + "'";
                if (cell.isEmpty()) {
                    throw new DataException(csv.file(), csv.lineOf(r), column + " is empty; fill in the missing value or remove the row");
                }
                try {
                    x[r * cols.size() + j] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new DataException(csv.file(), csv.lineOf(r), column + " has '" + cell + "', which is not a number; fix the value or leave the column out of "
                            + what);
                }
                if (!Float.isFinite(x[r * cols.size() + j])) {
                    throw new DataException(csv.file(), csv.lineOf(r), column + " is " + cell + "; use a finite number");
                }
            }
        }
        return Nd4j.create(x, new long[] {n, cols.size()}, 'c');
    }

    /** A label column's values: one-hot over sorted class names, or numbers [n, 1] to regress (no classes). */
    private record Target(INDArray values, List<String> classes) {}

    private static Target target(Csv csv, int labelCol, Task task) {
        int n = csv.rows().size();
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
            return new Target(Nd4j.create(y, new long[] {n, 1}, 'c'), List.of());
        }
        List<String> classes = new ArrayList<>(numeric ? sortedNumerically(labels) : new TreeSet<>(List.of(labels)));
        var y = Nd4j.zeros(DataType.FLOAT, n, classes.size());
        Map<Object, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) index.put(key(classes.get(i), numeric), i);
        for (int r = 0; r < n; r++) y.putScalar(r, index.get(key(labels[r], numeric)), 1f);
        return new Target(y, classes);
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
