package org.layerlab.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * What the allocator settings are for, in JVMs of their own (the settings are per process): a
 * 40 MB native block allocated, written and freed fifty times (a large scratch buffer of a step)
 * takes a page fault per page every time under glibc's defaults (its mmap threshold stops at
 * 32 MB), and almost none once {@link NativeHeap} keeps freed memory.
 */
class NativeHeapTest {
    private static final int BLOCK = 40 << 20, TIMES = 50, PAGES = BLOCK / 4096;

    @Test
    void aFreedBlockIsReusedWithoutFreshPageFaults() throws Exception {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.exists(Path.of("/proc/self/stat")), "Linux with glibc");
        long tuned = faultsPerBlock("tuned"), defaults = faultsPerBlock("default");
        // the control: glibc's defaults fault on (nearly) every page of every block
        assertThat(defaults).as("page faults per block with glibc's defaults").isGreaterThan(PAGES / 2);
        assertThat(tuned).as("page faults per block with NativeHeap, against %d with the defaults", defaults).isLessThan(PAGES / 20);
    }

    private static long faultsPerBlock(String setting) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-D" + NativeHeap.PROPERTY + "=" + setting,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line);
        }
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        String answer = lines.stream().filter(l -> l.startsWith("faults=")).findFirst().orElseThrow(() -> new AssertionError(lines));
        return Long.parseLong(answer.substring("faults=".length()));
    }

    /** The child: the settings as the engine applies them, then the blocks; prints faults per block after the first. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            System.out.println(NativeHeap.tune());
            touch(); // the first block faults either way
            long before = minorFaults();
            for (int i = 0; i < TIMES; i++) touch();
            System.out.println("faults=" + (minorFaults() - before) / TIMES);
        }

        private static void touch() {
            BytePointer p = new BytePointer(BLOCK); // malloc
            Pointer.memset(p, 1, BLOCK);
            p.deallocate(); // free
        }

        /** Field 10 of /proc/self/stat (after the command name in parentheses, which may hold spaces). */
        private static long minorFaults() throws Exception {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[7]);
        }
    }
}
