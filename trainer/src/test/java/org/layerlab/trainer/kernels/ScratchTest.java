package org.layerlab.trainer.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The per-thread work arrays: two distinct slots, reused while long enough, grown when not, one set per thread. */
class ScratchTest {

    @Test
    void slotsAreDistinctReusedAndGrown() {
        float[] a = Scratch.first(1000), b = Scratch.second(1000);
        assertThat(a).isNotSameAs(b);
        assertThat(a.length).isGreaterThanOrEqualTo(1000);
        assertThat(Scratch.first(10)).isSameAs(a);
        float[] bigger = Scratch.first(a.length + 1L);
        assertThat(bigger).isNotSameAs(a).hasSizeGreaterThanOrEqualTo(a.length + 1);
        assertThat(Scratch.first(1000)).isSameAs(bigger);
        assertThat(Scratch.second(1000)).isSameAs(b);
    }

    @Test
    void eachThreadHasItsOwn() throws Exception {
        float[] mine = Scratch.first(100);
        AtomicReference<float[]> theirs = new AtomicReference<>();
        Thread t = new Thread(() -> theirs.set(Scratch.first(100)));
        t.start();
        t.join();
        assertThat(theirs.get()).isNotNull().isNotSameAs(mine);
    }

    @Test
    void tooLongIsRefusedWithTheLength() {
        assertThatThrownBy(() -> Scratch.first(1L << 31)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2147483648");
    }
}
