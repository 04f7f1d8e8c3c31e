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
}
