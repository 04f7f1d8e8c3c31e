package org.layerlab.trainer.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Examples held in memory in DL4J layout (features [n, ...], labels [n, ...]): one-hot labels for
 * categorical losses, class indices [n, 1] for sparse, targets for regression. A graph with several
 * Inputs or Outputs takes one features array per Input and one labels array per Output, in the
 * compiled graph's order. Immutable view; any thread (arrays are never modified after construction).
 */
public final class Dataset {
    private final INDArray[] features;
    private final INDArray[] labels;

    public Dataset(INDArray features, INDArray labels) {
        this(new INDArray[] {features}, new INDArray[] {labels});
    }

    /** Several Inputs and/or Outputs: every array has the same number of examples. */
    public Dataset(INDArray[] features, INDArray[] labels) {
        if (features.length == 0 || labels.length == 0) throw new IllegalArgumentException("a dataset needs features and labels");
        long n = features[0].size(0);
        for (int i = 0; i < features.length; i++) {
            if (features[i].size(0) != n) throw new IllegalArgumentException("features " + (i + 1) + " have "
                    + features[i].size(0) + " examples but features 1 have " + n);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].size(0) != n) throw new IllegalArgumentException(n + " examples but " + labels[i].size(0) + " labels"
                    + (labels.length > 1 ? " for output " + (i + 1) : ""));
        }
        this.features = features.clone();
        this.labels = labels.clone();
    }

    /** The (first) features array. */
    public INDArray features() {
        return features[0];
    }

    /** The (first) labels array. */
    public INDArray labels() {
        return labels[0];
    }

    public INDArray features(int input) {
        return features[input];
    }

    public INDArray labels(int output) {
        return labels[output];
    }

    public int inputCount() {
        return features.length;
    }

    public int outputCount() {
        return labels.length;
    }

    public int size() {
        return (int) features[0].size(0);
    }

    /** The examples at the given row indices, in that order. */
    public Dataset rows(int[] idx) {
        return new Dataset(map(features, a -> gather(a, idx)), map(labels, a -> gather(a, idx)));
    }

    private static INDArray[] map(INDArray[] arrays, java.util.function.UnaryOperator<INDArray> f) {
        INDArray[] out = new INDArray[arrays.length];
        for (int i = 0; i < arrays.length; i++) out[i] = f.apply(arrays[i]);
        return out;
    }

    /**
     * Frees the arrays' native memory now rather than when the garbage collector finds them. Only for a
     * dataset that owns its arrays and that nothing reads any more (a trained batch cut by {@link #rows});
     * any later use of its arrays fails. Views and arrays in a workspace are left to their owners.
     */
    public void release() {
        for (INDArray[] arrays : new INDArray[][] {features, labels}) {
            for (INDArray a : arrays) if (a.closeable()) a.close(); // closing twice does nothing
        }
    }

    /** These examples as DL4J's multi-array batch (what a ComputationGraph fits whatever its inputs). */
    public org.nd4j.linalg.dataset.MultiDataSet toMultiDataSet() {
        return new org.nd4j.linalg.dataset.MultiDataSet(features.clone(), labels.clone());
    }

    /**
     * Rows of any rank. Contiguous arrays copy each row's bytes straight between the native buffers
     * (~10× faster than {@code pullRows}, which cost ~0.8 ms per MNIST batch); views fall back to
     * {@code pullRows} (indexing by list was 10× slower still).
     */
    private static INDArray gather(INDArray a, int[] idx) {
        long[] shape = a.shape();
        long[] out = shape.clone();
        out[0] = idx.length;
        long rowLength = shape[0] == 0 ? 0 : a.length() / shape[0];
        if (a.ordering() == 'c' && !a.isView() && a.offset() == 0 && rowLength * a.dataType().width() <= Integer.MAX_VALUE
                && a.length() * a.dataType().width() <= Integer.MAX_VALUE) {
            int rowBytes = (int) (rowLength * a.dataType().width());
            INDArray result = Nd4j.createUninitialized(a.dataType(), out, 'c');
            java.nio.ByteBuffer src = a.data().asNio();
            java.nio.ByteBuffer dst = result.data().asNio();
            for (int i = 0; i < idx.length; i++) dst.put(i * rowBytes, src, idx[i] * rowBytes, rowBytes);
            return result;
        }
        INDArray flat = a.reshape('c', shape[0], rowLength);
        return Nd4j.pullRows(flat, 1, idx).reshape('c', out);
    }

    /** Rows [from, to). */
    public Dataset range(int from, int to) {
        return new Dataset(map(features, a -> slice(a, from, to)), map(labels, a -> slice(a, from, to)));
    }

    private static INDArray slice(INDArray a, int from, int to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] ix = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        ix[0] = NDArrayIndex.interval(from, to);
        for (int i = 1; i < ix.length; i++) ix[i] = NDArrayIndex.all();
        return a.get(ix).dup();
    }

    /** A seeded permutation of the examples. */
    public Dataset shuffled(long seed) {
        return rows(permutation(size(), seed));
    }

    /** Splits off the last {@code fraction} as validation (after a seeded shuffle): [train, validation]. */
    public Dataset[] split(double fraction, long seed) {
        Dataset s = shuffled(seed);
        int val = (int) Math.round(size() * fraction);
        return new Dataset[] {s.range(0, size() - val), s.range(size() - val, size())};
    }

    /** Consecutive parts of at most {@code size} examples, in order, any number of Inputs and Outputs. */
    public List<Dataset> chunks(int size) {
        List<Dataset> out = new ArrayList<>();
        for (int from = 0; from < size(); from += size) out.add(range(from, Math.min(size(), from + size)));
        return out;
    }

    /** Mini-batches in order; the last may be smaller. One Input and one Output only. */
    public List<DataSet> batches(int batchSize) {
        if (features.length > 1 || labels.length > 1) {
            throw new IllegalStateException("this dataset feeds " + features.length + " inputs and " + labels.length + " outputs; use chunks()");
        }
        List<DataSet> out = new ArrayList<>();
        for (int from = 0; from < size(); from += batchSize) {
            Dataset b = range(from, Math.min(size(), from + batchSize));
            out.add(new DataSet(b.features(), b.labels()));
        }
        return out;
    }

    public static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Convenience for tests and generators: float rows and one-hot labels. */
    public static Dataset classification(float[][] x, int[] classes, int numClasses) {
        INDArray f = Nd4j.create(x);
        INDArray l = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, classes.length, numClasses);
        for (int i = 0; i < classes.length; i++) l.putScalar(i, classes[i], 1f);
        return new Dataset(f, l);
    }
}
