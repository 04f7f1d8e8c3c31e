package org.layerlab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Milliseconds since this process started, for the start-up figure the smoke prints.
 * {@code ProcessHandle}'s start instant is not fit for it on Linux: it adds the process's start (in
 * ticks since boot) to the boot time, which the kernel reports in whole seconds, so every reading
 * carries the same hidden offset of up to a second (≈ 0.54 s on the development machine). Both of
 * the kernel's own counts are since boot, so their difference is exact to a tick (10 ms).
 */
final class ProcessClock {
    private ProcessClock() {}

    /** Clock ticks per second for /proc's counts: USER_HZ, fixed at 100 in Linux's user-space interface. */
    private static final int TICKS_PER_SECOND = 100;

    static long millisSinceStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // the fields after the command name, which is in parentheses and may hold spaces
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long startTicks = Long.parseLong(fields[19]); // field 22 of the whole line: starttime
            double uptimeSeconds = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return Math.round(uptimeSeconds * 1000 - startTicks * 1000.0 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException notLinux) {
            // elsewhere: from the JVM's own start, a few tens of milliseconds after the process's
            return System.currentTimeMillis() - java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        }
    }
}
