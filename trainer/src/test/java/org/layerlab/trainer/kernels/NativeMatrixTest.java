package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A freed work array is replaced by reuse, counts no bytes, and fails loudly if used (it would read freed memory). */
class NativeMatrixTest {

    @Test
    void aFreedMatrixIsReplacedAndCannotBeUsed() {
        NativeMatrix m = NativeMatrix.allocate(true, 3, 4);
        m.write(0, new double[] {1, 2, 3}, 0, 3);
        assertThat(NativeMatrix.reuse(m, true, 3, 4)).isSameAs(m);
        assertThat(NativeMatrix.bytes(m, null)).isEqualTo(48);
        NativeMatrix.closeAll(m, null);
        m.close(); // twice is harmless
        assertThat(NativeMatrix.bytes(m)).isZero();
        double[] out = new double[3];
        assertThatThrownBy(() -> m.read(0, out, 0, 3)).isInstanceOf(IllegalStateException.class);
        NativeMatrix fresh = NativeMatrix.reuse(m, true, 3, 4);
        assertThat(fresh).isNotSameAs(m);
        NativeMatrix other = NativeMatrix.allocate(true, 4, 3);
        assertThatThrownBy(() -> NativeMatrix.gemm(false, false, 3, 3, 4, 1, m, 0, 4, other, 0, 3, 0, fresh, 0, 4))
                .isInstanceOf(IllegalStateException.class);
        fresh.read(0, out, 0, 3);
        assertThat(out).containsExactly(0, 0, 0); // a new matrix starts at zero
        NativeMatrix.closeAll(fresh, other);
    }

    @Test
    void onlyProductsJustAboveTheSmallKernelsLimitAreCutIntoBands() {
        NativeMatrix.smallKernels(true);
        try {
            assertThat(NativeMatrix.smallPieces(32, 512, 128)).isEqualTo(4); // the char-LSTM's step forward
            assertThat(NativeMatrix.smallPieces(32, 128, 512)).isEqualTo(4); // and backward
            assertThat(NativeMatrix.smallPieces(32, 128, 64)).isEqualTo(1); // under the limit already
            assertThat(NativeMatrix.smallPieces(1600, 512, 83)).isEqualTo(1); // far above: stays whole
            assertThat(NativeMatrix.smallPieces(32, 24, 4096)).isEqualTo(1); // bands would be too narrow
            System.setProperty(NativeMatrix.SMALL_OFF, "true");
            assertThat(NativeMatrix.smallPieces(32, 512, 128)).isEqualTo(1);
        } finally {
            System.clearProperty(NativeMatrix.SMALL_OFF);
            NativeMatrix.smallKernels(false);
        }
        assertThat(NativeMatrix.smallPieces(32, 512, 128)).as("without a small-matrix kernel").isEqualTo(1);
    }

    /** Cut into bands or not, each transpose case and offsets into larger arrays give the same product. */
    @org.junit.jupiter.params.ParameterizedTest(name = "single {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aProductCutIntoBandsEqualsTheWholeProduct(boolean single) {
        org.layerlab.trainer.backend.Backend.init();
        int m = 32, n = 512, k = 128, off = 7;
        java.util.Random r = new java.util.Random(9);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                NativeMatrix a = random(single, off + m * k, r), b = random(single, off + k * n, r);
                int lda = ta ? m : k, ldb = tb ? k : n;
                double[][] results = new double[2][];
                for (int cut = 0; cut < 2; cut++) {
                    NativeMatrix.smallKernels(cut == 1);
                    NativeMatrix c = NativeMatrix.allocate(single, 1, off + m * n);
                    for (int i = 0; i < off + m * n; i++) c.set(i, 0.5); // beta = 1 must add to what is there
                    try {
                        NativeMatrix.gemm(ta, tb, m, n, k, 1.5, a, off, lda, b, off, ldb, 1, c, off, n);
                    } finally {
                        NativeMatrix.smallKernels(false);
                    }
                    results[cut] = new double[off + m * n];
                    c.read(0, results[cut], 0, off + m * n);
                    c.close();
                }
                double tolerance = single ? 1e-4 : 1e-12;
                for (int i = 0; i < results[0].length; i++) {
                    assertThat(results[1][i]).as("ta %s tb %s value %d", ta, tb, i)
                            .isCloseTo(results[0][i], org.assertj.core.data.Offset.offset(tolerance * (1 + Math.abs(results[0][i]))));
                }
                assertThat(results[1][0]).as("before the product's start").isEqualTo(0.5);
                a.close();
                b.close();
            }
        }
    }

    private static NativeMatrix random(boolean single, int length, java.util.Random r) {
        NativeMatrix m = NativeMatrix.allocate(single, 1, length);
        for (int i = 0; i < length; i++) m.set(i, r.nextGaussian());
        return m;
    }
}
