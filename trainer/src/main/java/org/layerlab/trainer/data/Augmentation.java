package org.layerlab.trainer.data;

import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random image changes applied on the fly to training batches only: shift by up to {@code shift}
 * pixels, rotation by up to {@code rotateDegrees}, Gaussian noise of std {@code noise}, horizontal
 * flip with probability ½. Nearest-neighbour sampling; pixels from outside become 0. Non-image
 * batches get noise only. Immutable; {@link #apply} uses the caller's random source.
 */
public record Augmentation(int shift, double rotateDegrees, double noise, boolean flip) {

    public boolean isNone() {
        return shift == 0 && rotateDegrees == 0 && noise == 0 && !flip;
    }

    /** From dataset options {@code augment.shift}, {@code augment.rotate}, {@code augment.noise}, {@code augment.flip}. */
    public static Augmentation of(Map<String, String> options) {
        return new Augmentation((int) number(options, "augment.shift"), number(options, "augment.rotate"),
                number(options, "augment.noise"), Boolean.parseBoolean(options.getOrDefault("augment.flip", "false").trim()));
    }

    private static double number(Map<String, String> o, String key) {
        String v = o.get(key);
        if (v == null || v.isBlank()) return 0;
        try {
            double d = Double.parseDouble(v.trim());
            if (d < 0 || !Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dataset option " + key + "=\"" + v + "\" must be a number ≥ 0");
        }
    }

    public DataSet apply(DataSet batch, Random r) {
        if (isNone()) return batch;
        INDArray f = batch.getFeatures();
        long[] shape = f.shape();
        float[] x = f.dup('c').data().asFloat();
        float[] out = shape.length == 4 ? geometric(x, shape, r) : x;
        if (noise > 0) for (int i = 0; i < out.length; i++) out[i] += (float) (noise * r.nextGaussian());
        return new DataSet(Nd4j.create(out, shape, 'c'), batch.getLabels());
    }

    private float[] geometric(float[] x, long[] shape, Random r) {
        int n = (int) shape[0];
        int c = (int) shape[1];
        int h = (int) shape[2];
        int w = (int) shape[3];
        float[] out = new float[x.length];
        double cy = (h - 1) / 2.0;
        double cx = (w - 1) / 2.0;
        for (int e = 0; e < n; e++) {
            double angle = Math.toRadians((2 * r.nextDouble() - 1) * rotateDegrees);
            int dy = shift == 0 ? 0 : r.nextInt(2 * shift + 1) - shift;
            int dx = shift == 0 ? 0 : r.nextInt(2 * shift + 1) - shift;
            boolean mirror = flip && r.nextBoolean();
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            for (int ch = 0; ch < c; ch++) {
                int base = (e * c + ch) * h * w;
                for (int i = 0; i < h; i++) {
                    for (int j = 0; j < w; j++) {
                        // inverse mapping: where in the source does output pixel (i, j) come from
                        double y0 = i - dy - cy;
                        double x0 = (mirror ? w - 1 - j : j) - dx - cx;
                        int si = (int) Math.round(cos * y0 + sin * x0 + cy);
                        int sj = (int) Math.round(-sin * y0 + cos * x0 + cx);
                        out[base + i * w + j] = si >= 0 && si < h && sj >= 0 && sj < w ? x[base + si * w + sj] : 0f;
                    }
                }
            }
        }
        return out;
    }
}
