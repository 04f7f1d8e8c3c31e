package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine watches resident memory from a thread instead of JavaCPP reading it at every allocation: who
 * checks is decided from the user's setting, the engine's start really turns JavaCPP's check off (in a JVM
 * of its own: JavaCPP reads its settings once) and starts the watch, and native arrays dropped without any
 * pressure on the Java heap are still freed — the job JavaCPP's check did — with a control in which nothing
 * checks and they pile up.
 */
class NativeMemoryWatchTest {
    private static final long MB = 1 << 20;

    @Test
    void theEngineWatchesUnlessTheUserSetJavaCppsLimitOrTheSwitch() {
        assertThat(NativeMemoryWatch.decide(null, false).watched()).isTrue();
        var user = NativeMemoryWatch.decide("16g", false);
        assertThat(user.watched()).isFalse();
        assertThat(user.why()).contains("each allocation").contains("maxPhysicalBytes=16g");
        assertThat(NativeMemoryWatch.decide("0", false).why()).startsWith("no memory check");
        var off = NativeMemoryWatch.decide(null, true);
        assertThat(off.watched()).isFalse();
        assertThat(off.why()).contains(NativeMemoryWatch.OFF);
    }

    @Test
    void aLookAboveTheLimitCollectsAndOneBelowDoesNot() {
        long before = collections();
        assertThat(NativeMemoryWatch.collectAbove(Long.MAX_VALUE)).isFalse();
        assertThat(collections()).as("no collection below the limit").isEqualTo(before);
        assertThat(NativeMemoryWatch.collectAbove(1)).isTrue(); // any process is above one byte
        assertThat(collections()).as("a collection above it").isGreaterThan(before);
    }

    @Test
    void theEngineStartTurnsJavaCppsCheckOffAndLeavesTheUsersSetting() throws Exception {
        // the watch's limit is the one JavaCPP would have used: for a 1 GB heap, 1 GB (its maxBytes) + 3 × 1 GB
        assertThat(child("report")).contains("maxPhysicalBytes=0").contains("limit=" + 4096 * MB).contains("memory watched every 50 ms (limit 4.3 GB)");
        assertThat(child("report", "-D" + NativeMemoryWatch.JAVACPP_LIMIT + "=8g"))
                .contains("maxPhysicalBytes=" + 8192 * MB).contains("limit=" + 8192 * MB).contains("JavaCPP checks memory at each allocation");
        // JavaCPP reads the lower-case spelling too: a user's setting there stays as well
        assertThat(child("report", "-D" + NativeMemoryWatch.JAVACPP_LIMIT_LOWER + "=8g")).contains("maxPhysicalBytes=" + 8192 * MB);
    }

    @Test
    void droppedNativeArraysAreFreedWithoutPressureOnTheJavaHeap() throws Exception {
        // 1.2 GB of 4 MB arrays, dropped one after the other; the Java heap barely notices them
        long checked = peakGrowth(child("garbage", "watched"));
        // the control: JavaCPP told not to check (a limit of 0) and so nothing watches either
        long unchecked = peakGrowth(child("garbage", "-D" + NativeMemoryWatch.JAVACPP_LIMIT + "=0"));
        assertThat(unchecked).as("resident growth with no check (MB)").isGreaterThan(1000);
        assertThat(checked).as("resident growth with the watch and a 300 MB limit (MB), against %d with none", unchecked)
                .isLessThan(800);
    }

    @Test
    void theWatchCollectsAboveTheLimitAndOnlyWhenTheEngineWatches() throws Exception {
        // a limit of one byte: every look finds the process above it, and the back-off spaces the collections
        String watched = child("watch");
        long n = Long.parseLong(watched.substring(watched.indexOf("collections=") + "collections=".length()).trim());
        assertThat(n).as(watched).isBetween(2L, 1000L / NativeMemoryWatch.BACKOFF_MS + 1);
        // the control: JavaCPP checks (the switch), so nothing watches
        assertThat(child("watch", "-D" + NativeMemoryWatch.OFF + "=true")).contains("collections=0");
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) n += b.getCollectionCount();
        return n;
    }

    private static long peakGrowth(String out) {
        String line = out.lines().filter(l -> l.startsWith("peak=")).findFirst().orElseThrow(() -> new AssertionError(out));
        return Long.parseLong(line.substring("peak=".length()));
    }

    private static String child(String mode, String... args) throws Exception {
        // a young generation large enough that no collection comes by itself while the arrays are dropped
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-Xmn600m"));
        if (args.length > 0 && args[0].startsWith("-D")) cmd.add(args[0]);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName(), mode));
        if (args.length > 0 && !args[0].startsWith("-D")) cmd.add(args[0]);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) out.append(line).append('\n');
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out.toString()).isZero();
        return out.toString();
    }

    /** The child: starts the engine as the app does, then reports the setting or drops arrays. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            System.out.println("engine: " + Backend.init());
            if (args[0].equals("report")) {
                System.out.println("maxPhysicalBytes=" + Pointer.maxPhysicalBytes());
                System.out.println("limit=" + NativeMemoryWatch.limit());
                System.out.println(NativeMemoryWatch.state());
                return;
            }
            if (args[0].equals("watch")) {
                NativeMemoryWatch.overrideLimit(1);
                Thread.sleep(1000);
                System.out.println("collections=" + NativeMemoryWatch.collections());
                return;
            }
            boolean watched = args.length > 1 && args[1].equals("watched");
            long base = Pointer.physicalBytes(), peak = 0;
            if (watched) NativeMemoryWatch.overrideLimit(base + 300 * MB);
            for (int i = 0; i < 300; i++) {
                INDArray a = Nd4j.create(DataType.FLOAT, MB); // 4 MB, written (zeroed) so it is resident
                a.addi(1);
                Thread.sleep(3); // ≈ 1 GB/s: a training step's pace, not a tight loop's
                peak = Math.max(peak, Pointer.physicalBytes() - base);
            }
            System.out.println("peak=" + peak / MB);
        }
    }
}
