package org.layerlab.trainer.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The on/off comparison measures (no timing is asserted: a benchmark's numbers are not a test's). */
class SwitchComparisonTest {

    @Test
    void anUnknownSwitchIsRefusedWithTheListOfSwitches() {
        assertThatThrownBy(() -> SwitchComparison.run(System.out, "fastConv", 1, Set.of()))
                .isInstanceOf(Benchmark.InvalidMeasurement.class)
                .hasMessageContaining("no switch called fastConv").hasMessageContaining("keptForward");
    }

    @Test
    void aComparisonPrintsBothTimesForEachModelAndLeavesTheSwitchCleared() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SwitchComparison.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), "fastDense", 1, Set.of("mlp"));
        String out = bytes.toString(StandardCharsets.UTF_8);
        String row = out.lines().filter(l -> l.startsWith("MLP")).findFirst().orElseThrow();
        String[] cells = row.substring(48).trim().split("\\s+");
        assertThat(Double.parseDouble(cells[0])).isPositive();
        assertThat(Double.parseDouble(cells[1])).isPositive();
        assertThat(System.getProperty("layerlab.fastDense.off")).isNull();
    }
}
