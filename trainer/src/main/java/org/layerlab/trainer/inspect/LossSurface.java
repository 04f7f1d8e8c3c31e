package org.layerlab.trainer.inspect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.layerlab.trainer.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loss over a plane through parameter space, and the optimizers' paths drawn on it (lesson 12).
 * The plane passes through the common starting point and is spanned by where the first two paths
 * end (so both end points lie exactly in it); with one path, by its end and the path point farthest
 * from that line. Path points are projected onto the plane: their distance from it is reported, so
 * the picture does not claim more than it shows. The loss is the network's own score (with its
 * regularization) on up to {@link #MAX_EXAMPLES} training examples. Not thread-safe; call it through
 * the run's network lock.
 */
public final class LossSurface {
    public static final int MAX_EXAMPLES = 512;

    private LossSurface() {}

    /**
     * @param alphas grid coordinates along the first direction, {@code betas} along the second
     * @param loss {@code loss[j][i]} at (alphas[i], betas[j]); NaN where the score was not finite
     * @param paths per run, each point's (α, β)
     * @param pathLoss per run, the loss at the path's projected start and end (what the grid shows there)
     * @param offPlane the largest distance of a path point from the plane, relative to the first direction's length
     */
    public record Surface(double[] alphas, double[] betas, double[][] loss, Map<String, double[][]> paths,
                          Map<String, double[]> pathLoss, double offPlane) {}

    /**
     * @param paths per run, its parameter vectors in order (the first one of each is the common start)
     * @param grid points per axis (≥ 3)
     */
    public static Surface compute(ComputationGraph net, Map<String, List<float[]>> paths, Dataset data, int grid) {
        if (paths.isEmpty()) throw new IllegalArgumentException("no path to draw");
        List<String> names = new ArrayList<>(paths.keySet());
        float[] origin = paths.get(names.get(0)).get(0);
        int n = origin.length;
        for (List<float[]> p : paths.values()) {
            if (p.isEmpty()) throw new IllegalArgumentException("an empty path");
            for (float[] q : p) if (q.length != n) throw new IllegalArgumentException("paths of different networks");
        }
        double[] e1 = minus(last(paths.get(names.get(0))), origin);
        double scale = norm(e1);
        if (scale == 0) e1 = randomUnit(n, 1);
        else scale(e1, 1 / scale);
        double[] e2 = null;
        if (names.size() > 1) e2 = orthogonal(minus(last(paths.get(names.get(1))), origin), e1, scale);
        if (e2 == null) {
            // the path point farthest from the line through the start along e1
            double best = 0;
            for (float[] q : paths.get(names.get(0))) {
                double[] r = orthogonal(minus(q, origin), e1, scale);
                double d = r == null ? 0 : residual(minus(q, origin), e1);
                if (r != null && d > best) {
                    best = d;
                    e2 = r;
                }
            }
        }
        if (e2 == null) e2 = orthogonal(randomUnit(n, 2), e1, 0);

        Map<String, double[][]> coords = new LinkedHashMap<>();
        double aMin = 0, aMax = 0, bMin = 0, bMax = 0, off = 0;
        for (String name : names) {
            List<float[]> p = paths.get(name);
            double[][] c = new double[p.size()][2];
            for (int k = 0; k < p.size(); k++) {
                double[] d = minus(p.get(k), origin);
                c[k][0] = dot(d, e1);
                c[k][1] = dot(d, e2);
                aMin = Math.min(aMin, c[k][0]);
                aMax = Math.max(aMax, c[k][0]);
                bMin = Math.min(bMin, c[k][1]);
                bMax = Math.max(bMax, c[k][1]);
                double along = c[k][0] * c[k][0] + c[k][1] * c[k][1];
                off = Math.max(off, Math.sqrt(Math.max(0, dot(d, d) - along)));
            }
            coords.put(name, c);
        }
        double span = Math.max(Math.max(aMax - aMin, bMax - bMin), 1e-3);
        // a margin around the paths, and neither axis thinner than half the other
        double aPad = Math.max(0.2 * (aMax - aMin), (span / 2 - (aMax - aMin)) / 2) + 0.05 * span;
        double bPad = Math.max(0.2 * (bMax - bMin), (span / 2 - (bMax - bMin)) / 2) + 0.05 * span;
        double[] alphas = axis(aMin - aPad, aMax + aPad, grid), betas = axis(bMin - bPad, bMax + bPad, grid);

        Dataset sample = data.size() > MAX_EXAMPLES ? data.range(0, MAX_EXAMPLES) : data;
        var batch = sample.toMultiDataSet();
        INDArray saved = net.params().dup();
        double[][] loss = new double[grid][grid];
        Map<String, double[]> pathLoss = new LinkedHashMap<>();
        try {
            for (int j = 0; j < grid; j++) {
                for (int i = 0; i < grid; i++) loss[j][i] = scoreAt(net, origin, e1, e2, alphas[i], betas[j], batch);
            }
            for (String name : names) {
                double[][] c = coords.get(name);
                pathLoss.put(name, new double[] {scoreAt(net, origin, e1, e2, c[0][0], c[0][1], batch),
                    scoreAt(net, origin, e1, e2, c[c.length - 1][0], c[c.length - 1][1], batch)});
            }
        } finally {
            net.setParams(saved);
            saved.close();
        }
        return new Surface(alphas, betas, loss, coords, pathLoss, scale == 0 ? 0 : off / scale);
    }

    private static double scoreAt(ComputationGraph net, float[] origin, double[] e1, double[] e2, double a, double b,
                                  org.nd4j.linalg.dataset.api.MultiDataSet batch) {
        float[] p = new float[origin.length];
        for (int k = 0; k < p.length; k++) p[k] = (float) (origin[k] + a * e1[k] + b * e2[k]);
        try (INDArray v = Nd4j.create(p, new long[] {1, p.length}, 'c').castTo(net.params().dataType())) {
            net.setParams(v);
        }
        double s = net.score(batch, false);
        return Double.isFinite(s) ? s : Double.NaN;
    }

    static double[] axis(double from, double to, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = from + (to - from) * i / (n - 1);
        return out;
    }

    private static float[] last(List<float[]> p) {
        return p.get(p.size() - 1);
    }

    private static double[] minus(float[] a, float[] b) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = (double) a[i] - b[i];
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    private static void scale(double[] a, double f) {
        for (int i = 0; i < a.length; i++) a[i] *= f;
    }

    private static double residual(double[] d, double[] e1) {
        double along = dot(d, e1);
        return Math.sqrt(Math.max(0, dot(d, d) - along * along));
    }

    /** {@code d} without its e1 component, normalized; null if that is negligible next to {@code scale}. */
    private static double[] orthogonal(double[] d, double[] e1, double scale) {
        double along = dot(d, e1);
        double[] r = d.clone();
        for (int i = 0; i < r.length; i++) r[i] -= along * e1[i];
        double len = norm(r);
        if (len <= 1e-6 * Math.max(scale, 1e-12) || len == 0) return null;
        scale(r, 1 / len);
        return r;
    }

    private static double[] randomUnit(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        scale(v, 1 / norm(v));
        return v;
    }

    /** The network's parameters as a float vector (a copy), for a path. */
    public static float[] snapshot(ComputationGraph net) {
        return net.params().castTo(DataType.FLOAT).toFloatVector();
    }
}
