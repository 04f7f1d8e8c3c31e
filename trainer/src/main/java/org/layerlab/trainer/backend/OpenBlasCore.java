package org.layerlab.trainer.backend;

import com.sun.jna.Library;
import com.sun.jna.NativeLibrary;
import com.sun.jna.platform.unix.LibC;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Chooses the CPU kernel of the OpenBLAS that ND4J bundles (0.3.19), before ND4J loads it.
 * That OpenBLAS picks its kernel from the processor's model number, and it predates AMD's Zen 4 and
 * Zen 5: on such a processor it fell back to a kernel without AVX2, and the LSTM's per-step product
 * took 113 µs where its AVX-512 kernel takes 36 (Haswell's 62). So LayerLab names the kernel from
 * the instruction sets the processor reports: AVX-512 (F, BW, DQ, VL) gets SkylakeX, AVX2 with FMA
 * gets Haswell, anything else is left to OpenBLAS. This replaces an inherited
 * {@code OPENBLAS_CORETYPE}, which usually pins an older kernel for another program's sake; the
 * system property {@code layerlab.openblasCore} (or the variable {@code LAYERLAB_OPENBLAS_CORE})
 * overrides the choice: {@code environment} keeps the inherited variable, any other value is passed
 * to OpenBLAS as is; the build's tests and CI keep the machine's environment. Linux only (elsewhere
 * OpenBLAS chooses); what OpenBLAS then runs with is read back from the library itself.
 */
public final class OpenBlasCore {
    private OpenBlasCore() {}

    static final String PROPERTY = "layerlab.openblasCore";
    static final String VARIABLE = "OPENBLAS_CORETYPE";
    /** The same setting as {@link #PROPERTY}, for a packaged app or a build (the property wins). */
    static final String SETTING_VARIABLE = "LAYERLAB_OPENBLAS_CORE";

    /** The kernel for a processor with these /proc/cpuinfo flags, or null to leave it to OpenBLAS. */
    static String forFlags(Set<String> flags) {
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl"))) return "SkylakeX";
        if (flags.containsAll(Set.of("avx2", "fma"))) return "Haswell";
        return null;
    }

    /** What {@link #choose} decided, for the engine line and the benchmark's header. */
    public record Choice(String core, String reason) {}

    private static volatile Choice choice;

    /**
     * Sets {@code OPENBLAS_CORETYPE} for this process. Must run before ND4J's natives load (the
     * first ND4J call); later it changes nothing, which {@link #running()} then shows. Idempotent.
     */
    public static synchronized Choice choose() {
        if (choice != null) return choice;
        String inherited = System.getenv(VARIABLE);
        String fromEnvironment = System.getenv(SETTING_VARIABLE);
        String asked = System.getProperty(PROPERTY, fromEnvironment == null ? "auto" : fromEnvironment).trim();
        Choice c;
        if (!isLinuxX86()) {
            c = leftAlone(inherited, "LayerLab chooses on Linux x86-64 only");
        } else if (asked.equalsIgnoreCase("environment")) {
            c = leftAlone(inherited, PROPERTY + "=environment");
        } else {
            String core = asked.equalsIgnoreCase("auto") ? forFlags(cpuFlags()) : asked;
            if (core == null) {
                c = leftAlone(inherited, "no AVX2 on this processor");
            } else if (set(core)) {
                String why = asked.equalsIgnoreCase("auto") ? "from the processor's instruction sets" : "from " + PROPERTY;
                c = new Choice(core, why + (inherited != null && !inherited.equals(core) ? ", replacing the inherited " + inherited : ""));
            } else {
                c = leftAlone(inherited, "could not set " + VARIABLE);
            }
        }
        choice = c;
        return c;
    }

    private static Choice leftAlone(String inherited, String why) {
        return new Choice(inherited, (inherited == null ? "chosen by OpenBLAS" : "from the inherited " + VARIABLE) + " (" + why + ")");
    }

    private static boolean isLinuxX86() {
        String arch = System.getProperty("os.arch", "");
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"));
    }

    private static boolean set(String core) {
        try {
            return LibC.INSTANCE.setenv(VARIABLE, core, 1) == 0;
        } catch (LinkageError | RuntimeException noJna) {
            return false;
        }
    }

    /** The flags of the first processor in /proc/cpuinfo; empty when unreadable. */
    static Set<String> cpuFlags() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> new HashSet<>(Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))))
                    .map(s -> (Set<String>) s).orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    /** dlopen's flags for asking a library already loaded: resolve lazily, never load, keep its symbols local. */
    private static final int RTLD_LAZY_NOLOAD = 0x1 | 0x4;

    /**
     * The kernel the loaded OpenBLAS reports ({@code openblas_get_corename}), e.g. "SkylakeX", or
     * null when it cannot be asked (not loaded yet, not Linux). ND4J loads two OpenBLAS libraries
     * (with and without LAPACK); the one without is the one ND4J and LayerLab multiply with. It is
     * opened only to look up the function: opened globally, its symbols would bind libraries loaded
     * later to the wrong copy (OpenBLAS then printed "Bad memory unallocation" by the thousand).
     */
    public static String running() {
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            String lib = maps.map(l -> l.substring(l.lastIndexOf(' ') + 1)).filter(p -> p.contains("libopenblas"))
                    .sorted(Comparator.comparing((String p) -> !p.contains("nolapack"))).findFirst().orElse(null);
            if (lib == null) return null;
            NativeLibrary loaded = NativeLibrary.getInstance(lib, Map.of(Library.OPTION_OPEN_FLAGS, RTLD_LAZY_NOLOAD));
            return loaded.getFunction("openblas_get_corename").invokeString(new Object[0], false);
        } catch (IOException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /**
     * Whether OpenBLAS's kernel of this name has a small-matrix path (products without the blocked
     * copies): SkylakeX's, measured here; Haswell's has none. Other kernels are not assumed to.
     */
    public static boolean hasSmallKernel(String core) {
        return "skylakex".equalsIgnoreCase(core);
    }

    /** For the engine line: "OpenBLAS SkylakeX", or null when unknown. */
    public static String kernel() {
        String core = running();
        return core == null ? null : "OpenBLAS " + core;
    }

    /**
     * Why OpenBLAS runs the kernel it runs, for the benchmark's header: "OpenBLAS kernel from the
     * processor's instruction sets, replacing the inherited Haswell".
     */
    public static String why() {
        Choice c = choose();
        String core = running();
        if (core == null) return "OpenBLAS kernel " + (c.core() == null ? "unknown" : c.core()) + ", " + c.reason() + ", not read back";
        boolean late = c.core() != null && !core.equalsIgnoreCase(c.core());
        return "OpenBLAS kernel " + (late ? "chosen by OpenBLAS: LayerLab's " + c.core() + " came after it had loaded" : c.reason());
    }
}
