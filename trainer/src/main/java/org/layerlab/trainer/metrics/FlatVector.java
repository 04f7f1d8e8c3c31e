package org.layerlab.trainer.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where each parameter lies in a network's flattened parameter vector (DL4J keeps parameters, and
 * gradients in the same layout, as views of one vector each). Per-layer statistics are then computed
 * in Java from one bulk copy of the whole vector: a native reduction per array cost ~50 µs each and
 * made per-layer sampling the largest overhead of a small network's run.
 */
final class FlatVector {

    /** One parameter array, elements [from, to) of the flat vector. */
    record Segment(String layer, String key, boolean weights, int from, int to) {}

    private final List<Segment> segments;

    private FlatVector(List<Segment> segments) {
        this.segments = segments;
    }

    /**
     * The layout of {@code paramTable}'s views within a flat vector of {@code total} elements, or null
     * when they do not tile it exactly (then callers reduce each array natively).
     */
    static FlatVector of(Map<String, INDArray> paramTable, long total) {
        List<Segment> out = new ArrayList<>();
        for (Map.Entry<String, INDArray> e : paramTable.entrySet()) {
            INDArray v = e.getValue();
            if (!v.isView()) return null; // a copy, not part of the flat vector
            String key = e.getKey();
            int cut = key.lastIndexOf('_');
            out.add(new Segment(cut < 0 ? key : key.substring(0, cut), key, key.endsWith("_W"), (int) v.offset(),
                    (int) (v.offset() + v.length())));
        }
        out.sort(Comparator.comparingInt(Segment::from));
        int end = 0;
        for (Segment s : out) {
            if (s.from() != end) return null;
            end = s.to();
        }
        return end == total && total <= Integer.MAX_VALUE ? new FlatVector(List.copyOf(out)) : null;
    }

    /** Sum of squares per layer over the parameters named in {@code keys}, in layout order. */
    Map<String, double[]> sumOfSquaresByLayer(float[] flat, Set<String> keys) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Segment s : segments) {
            if (!keys.contains(s.key())) continue;
            double sum = 0;
            for (int i = s.from(); i < s.to(); i++) sum += (double) flat[i] * flat[i];
            out.computeIfAbsent(s.layer(), k -> new double[1])[0] += sum;
        }
        return out;
    }

    /** The weights segment of a layer, or null. */
    Segment weights(String layer) {
        for (Segment s : segments) if (s.weights() && s.layer().equals(layer)) return s;
        return null;
    }

    /**
     * Mean, standard deviation (bias-corrected, as ND4J's {@code std}) and the fraction of units (features,
     * or channels of an image or sequence) whose output is zero on every example of the batch ("dead": a ReLU unit
     * there passes nothing forward and no gradient back), from values in C order. A leaky-ReLU, tanh or ELU unit with
     * negative outputs is not dead: its gradient still flows.
     */
    static double[] activationStats(float[] v, long[] shape) {
        int n = v.length;
        if (n == 0) return new double[] {Double.NaN, Double.NaN, Double.NaN};
        double mean = sum(v) / n;
        // four running sums: one chain of dependent additions is what made these loops slow
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = v[i] - mean, d1 = v[i + 1] - mean, d2 = v[i + 2] - mean, d3 = v[i + 3] - mean;
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = v[i] - mean;
            s0 += d * d;
        }
        double squares = (s0 + s1) + (s2 + s3);
        double std = n > 1 ? Math.sqrt(squares / (n - 1)) : 0;
        return new double[] {mean, std, deadFraction(v, shape)};
    }

    private static double sum(float[] v) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < v.length; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < v.length; i++) s0 += v[i];
        return (s0 + s1) + (s2 + s3);
    }

    private static double deadFraction(float[] v, long[] shape) {
        if (shape.length < 2 || shape.length > 4) return Double.NaN;
        int units = (int) shape[1];
        int inner = 1;
        for (int d = 2; d < shape.length; d++) inner *= (int) shape[d];
        if (units == 0 || inner == 0) return Double.NaN;
        boolean[] alive = new boolean[units];
        int i = 0;
        while (i < v.length) {
            for (int u = 0; u < units; u++, i += inner) {
                if (alive[u]) continue; // one nonzero output anywhere in the batch is enough
                for (int k = i; k < i + inner; k++) {
                    if (v[k] != 0) {
                        alive[u] = true;
                        break;
                    }
                }
            }
        }
        int dead = 0;
        for (boolean a : alive) if (!a) dead++;
        return dead / (double) units;
    }
}
