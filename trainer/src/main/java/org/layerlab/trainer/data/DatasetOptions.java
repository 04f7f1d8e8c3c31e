package org.layerlab.trainer.data;

import java.nio.file.Files;
import java.nio.file.Path;
import org.layerlab.graph.project.DatasetRef;

/** Typed access to a data set reference's options, with messages naming the option and the fix. Immutable. */
record DatasetOptions(DatasetRef ref) {

    long seed() {
        return (long) number("seed", 1);
    }

    double number(String key, double fallback) {
        String v = ref.options().get(key);
        if (v == null || v.isBlank()) return fallback;
        try {
            double d = Double.parseDouble(v.trim());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dataset option " + key + "=\"" + v + "\" of '" + ref.name() + "' is not a number");
        }
    }

    int integer(String key, int fallback) {
        String v = ref.options().get(key);
        if (v == null || v.isBlank()) return fallback;
        double d = number(key, fallback);
        if (d < 1 || d != Math.rint(d) || d > 10_000_000) {
            throw new IllegalArgumentException("dataset option " + key + "=" + ref.options().get(key) + " of '" + ref.name() + "' must be a whole number ≥ 1");
        }
        return (int) d;
    }

    int range(String key, int fallback, int min, int max) {
        int v = integer(key, fallback);
        if (v < min || v > max) throw new IllegalArgumentException("dataset option " + key + "=" + v + " of '" + ref.name() + "' must be " + min + " to " + max);
        return v;
    }

    Path path(Path baseDir) {
        return file("path", baseDir);
    }

    Path file(String key, Path baseDir) {
        String p = ref.options().get(key);
        if (p == null || p.isBlank()) throw new IllegalArgumentException("dataset '" + ref.name() + "' needs the option " + key + " (a file or folder)");
        Path path = Path.of(p.trim());
        if (!path.isAbsolute() && baseDir != null) path = baseDir.resolve(path);
        if (!Files.exists(path)) throw new DataException(path.toString(), 0, "does not exist; check the " + key + " option");
        return path;
    }

    static <E extends Enum<E>> E enumOption(String v, E fallback, String key, String allowed) {
        if (v == null || v.isBlank()) return fallback;
        try {
            return Enum.valueOf(fallback.getDeclaringClass(), v.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dataset option " + key + "=" + v + " is not known; use " + allowed);
        }
    }
}
