package org.layerlab.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class ProcessClockTest {

    @Test
    void countsFromTheProcessStartNotFromAWholeSecondBefore() {
        long jvmUptime = ManagementFactory.getRuntimeMXBean().getUptime();
        long sinceStart = ProcessClock.millisSinceStart();
        long jvmUptimeAfter = ManagementFactory.getRuntimeMXBean().getUptime();
        // the process starts a little before the JVM records its own start; the kernel counts in 10 ms ticks
        assertTrue(sinceStart >= jvmUptime - 10, sinceStart + " ms since the process started, but the JVM has run " + jvmUptime);
        assertTrue(sinceStart <= jvmUptimeAfter + 300, sinceStart + " ms since the process started, the JVM only " + jvmUptimeAfter
                + ": the boot time's whole-second rounding leaked in");
    }
}
