package org.layerlab.trainer.data;

import java.util.Random;

/** Seeded 2-D toy problems for lessons and tests (TensorFlow Playground's classics). Pure; any thread. */
public final class Synthetic {
    private Synthetic() {}

    /** XOR: the four corners, repeated {@code copies} times with Gaussian noise of std {@code noise}. */
    public static Dataset xor(int copies, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[4 * copies][2];
        int[] y = new int[4 * copies];
        int k = 0;
        for (int c = 0; c < copies; c++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    x[k][0] = (float) (a + noise * r.nextGaussian());
                    x[k][1] = (float) (b + noise * r.nextGaussian());
                    y[k++] = a ^ b;
                }
            }
        }
        return Dataset.classification(x, y, 2);
    }

    /** {@code arms}-armed spiral, {@code perArm} points each, labels = arm. */
    public static Dataset spiral(int perArm, int arms, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[perArm * arms][2];
        int[] y = new int[perArm * arms];
        int k = 0;
        for (int arm = 0; arm < arms; arm++) {
            for (int i = 0; i < perArm; i++) {
                double t = i / (double) perArm;
                double angle = 4 * t * Math.PI / 1.5 + 2 * Math.PI * arm / arms;
                x[k][0] = (float) (t * Math.sin(angle) + noise * r.nextGaussian());
                x[k][1] = (float) (t * Math.cos(angle) + noise * r.nextGaussian());
                y[k++] = arm;
            }
        }
        return Dataset.classification(x, y, arms);
    }

    /** Two concentric circles (inner = class 0, outer = class 1). */
    public static Dataset circles(int n, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double radius = y[i] == 0 ? 0.5 : 1.0;
            double angle = 2 * Math.PI * r.nextDouble();
            x[i][0] = (float) (radius * Math.cos(angle) + noise * r.nextGaussian());
            x[i][1] = (float) (radius * Math.sin(angle) + noise * r.nextGaussian());
        }
        return Dataset.classification(x, y, 2);
    }

    /** Two interleaving half circles (scikit-learn's moons). */
    public static Dataset moons(int n, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            double t = Math.PI * r.nextDouble();
            double px = y[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
            double py = y[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[i][0] = (float) (px + noise * r.nextGaussian());
            x[i][1] = (float) (py + noise * r.nextGaussian());
        }
        return Dataset.classification(x, y, 2);
    }

    /** Gaussian blobs around {@code centers} points evenly spaced on a circle of radius 2. */
    public static Dataset blobs(int n, int centers, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % centers;
            double a = 2 * Math.PI * y[i] / centers;
            x[i][0] = (float) (2 * Math.cos(a) + noise * r.nextGaussian());
            x[i][1] = (float) (2 * Math.sin(a) + noise * r.nextGaussian());
        }
        return Dataset.classification(x, y, centers);
    }

    /** Points in [-1, 1]² labelled by the colour of a {@code cells}×{@code cells} checkerboard. */
    public static Dataset checkerboard(int n, int cells, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double a = 2 * r.nextDouble() - 1;
            double b = 2 * r.nextDouble() - 1;
            int ca = (int) Math.floor((a + 1) / 2 * cells);
            int cb = (int) Math.floor((b + 1) / 2 * cells);
            y[i] = (Math.min(ca, cells - 1) + Math.min(cb, cells - 1)) % 2;
            x[i][0] = (float) (a + noise * r.nextGaussian());
            x[i][1] = (float) (b + noise * r.nextGaussian());
        }
        return Dataset.classification(x, y, 2);
    }

    /** A 1-D curve to regress: y = f(x) + noise for x uniform in [-3, 3]. */
    public static Dataset curve(String kind, int n, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][1];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            double v = -3 + 6 * r.nextDouble();
            double f = switch (kind) {
                case "sine" -> Math.sin(v);
                case "cubic" -> v * v * v / 9 - v / 2;
                case "abs" -> Math.abs(v) - 1.5;
                default -> throw new IllegalArgumentException("unknown curve '" + kind + "'; use sine, cubic or abs");
            };
            x[i][0] = (float) v;
            y[i][0] = (float) (f + noise * r.nextGaussian());
        }
        return new Dataset(org.nd4j.linalg.factory.Nd4j.create(x), org.nd4j.linalg.factory.Nd4j.create(y));
    }

    /** A plane to regress: y = 0.8·x1 − 0.5·x2 + 0.3 + noise for x uniform in [-1, 1]². */
    public static Dataset plane(int n, double noise, long seed) {
        Random r = new Random(seed);
        float[][] x = new float[n][2];
        float[][] y = new float[n][1];
        for (int i = 0; i < n; i++) {
            x[i][0] = (float) (2 * r.nextDouble() - 1);
            x[i][1] = (float) (2 * r.nextDouble() - 1);
            y[i][0] = (float) (0.8 * x[i][0] - 0.5 * x[i][1] + 0.3 + noise * r.nextGaussian());
        }
        return new Dataset(org.nd4j.linalg.factory.Nd4j.create(x), org.nd4j.linalg.factory.Nd4j.create(y));
    }
}
