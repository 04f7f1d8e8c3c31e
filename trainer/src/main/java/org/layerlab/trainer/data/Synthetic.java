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
}
