package org.layerlab.app.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theRateOfAFinishedRunStaysAtItsLastValue() {
        RateMeter m = new RateMeter(32);
        for (int t = 0; t <= 10; t++) m.running(t * S, t * 100); // 100 iterations a second
        assertThat(m.samplesPerSecond()).isCloseTo(3_200, within(1e-6));
        m.idle(); // finished: time passes, nothing is recorded
        assertThat(m.samplesPerSecond()).isCloseTo(3_200, within(1e-6));
        assertThat(m.etaSeconds(200)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void aForkCountsFromTheIterationItInheritedAndAPauseIsNotCounted() {
        RateMeter fork = new RateMeter(10);
        fork.running(0, 5_000);          // inherited 5,000 iterations
        fork.running(S, 5_050);
        assertThat(fork.samplesPerSecond()).isCloseTo(500, within(1e-6));
        fork.idle();                     // paused for a minute
        fork.running(61 * S, 5_050);
        fork.running(62 * S, 5_100);
        assertThat(fork.samplesPerSecond()).isCloseTo(500, within(1e-6));
    }

    @Test
    void theRateFollowsTheLastFewSeconds() {
        RateMeter m = new RateMeter(1);
        for (int t = 0; t <= 10; t++) m.running(t * S, t * 100);
        for (int t = 11; t <= 20; t++) m.running(t * S, 1_000 + (t - 10) * 10); // slowed to 10/s
        assertThat(m.samplesPerSecond()).isCloseTo(10, within(1e-6));
        assertThat(new RateMeter(1).samplesPerSecond()).isNaN();
    }
}
