package org.layerlab.trainer.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenBlasCoreTest {

    @Test
    void kernelFollowsTheInstructionSets() {
        assertEquals("SkylakeX", OpenBlasCore.forFlags(Set.of("avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl")));
        // AVX-512 without its byte/word and vector-length parts (Xeon Phi) is not SkylakeX's set
        assertEquals("Haswell", OpenBlasCore.forFlags(Set.of("avx2", "fma", "avx512f", "avx512cd")));
        assertEquals("Haswell", OpenBlasCore.forFlags(Set.of("sse4_2", "avx", "avx2", "fma")));
        assertNull(OpenBlasCore.forFlags(Set.of("sse4_2", "avx")));
        assertNull(OpenBlasCore.forFlags(Set.of()));
    }

    /**
     * In a JVM of its own (OpenBLAS reads the variable once, when it loads): an inherited old kernel
     * is replaced by the processor's, and the loaded library itself reports it. Control: with
     * {@code layerlab.openblasCore=environment} the same start keeps the inherited kernel, so the
     * read-back does see what the variable does.
     */
    @Test
    void theLoadedOpenBlasRunsTheChosenKernel() throws Exception {
        String expected = OpenBlasCore.forFlags(OpenBlasCore.cpuFlags());
        assumeTrue(expected != null && System.getProperty("os.name").startsWith("Linux"), "a Linux x86-64 processor with AVX2");
        assertEquals(expected.toLowerCase(), startAndAsk("auto").toLowerCase());
        assertEquals("prescott", startAndAsk("environment").toLowerCase());
    }

    private static String startAndAsk(String property) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-D" + OpenBlasCore.PROPERTY + "=" + property,
                "-cp", System.getProperty("java.class.path"), Probe.class.getName());
        pb.environment().put(OpenBlasCore.VARIABLE, "Prescott");
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) lines.add(line);
        }
        assertEquals(true, p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("Bad memory")).toList(), "OpenBLAS complained");
        String answer = lines.stream().filter(l -> l.startsWith("kernel=")).findFirst().orElse("kernel=none: " + lines);
        return answer.substring("kernel=".length());
    }

    /** The child process: starts the engine as the app does and prints what OpenBLAS runs. */
    public static final class Probe {
        public static void main(String[] args) {
            Backend.init();
            System.out.println("kernel=" + OpenBlasCore.running());
            // multiply after the read-back, on OpenBLAS's threads: a wrongly opened library shows here
            var a = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 512, 512);
            for (int i = 0; i < 20; i++) a.mmul(a);
        }
    }
}
