package org.layerlab.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The activation statistics against their definitions, on sparse values that leave some units dead. */
class FlatVectorTest {

    @Test
    void meanSpreadAndDeadUnitsFollowTheirDefinitions() {
        Random r = new Random(3);
        for (long[] shape : new long[][] {{7, 5}, {3, 6, 4, 5}, {2, 9, 7}, {1, 3}, {5, 1, 2, 2}}) {
            int n = 1;
            for (long d : shape) n *= (int) d;
            for (int trial = 0; trial < 20; trial++) {
                float[] v = new float[n];
                // mostly zeros: a unit stays dead unless one of its values, anywhere in the batch, is set
                for (int i = 0; i < n; i++) if (r.nextInt(n) < 2) v[i] = (float) r.nextGaussian();
                double[] got = FlatVector.activationStats(v, shape);
                double mean = 0;
                for (float x : v) mean += x;
                mean /= n;
                double sq = 0;
                for (float x : v) sq += (x - mean) * (x - mean);
                assertThat(got[0]).isCloseTo(mean, within(1e-12));
                assertThat(got[1]).isCloseTo(n > 1 ? Math.sqrt(sq / (n - 1)) : 0, within(1e-12));
                assertThat(got[2]).as("dead fraction of %s", java.util.Arrays.toString(shape)).isEqualTo(dead(v, shape));
            }
        }
    }

    /** Units (index 1 of the shape) all of whose values are zero, over examples and positions. */
    private static double dead(float[] v, long[] shape) {
        int examples = (int) shape[0], units = (int) shape[1], inner = v.length / (examples * units);
        int dead = 0;
        for (int u = 0; u < units; u++) {
            boolean alive = false;
            for (int e = 0; e < examples; e++)
                for (int k = 0; k < inner; k++) alive |= v[(e * units + u) * inner + k] != 0;
            if (!alive) dead++;
        }
        return dead / (double) units;
    }
}
