package org.layerlab.trainer.data;

import java.util.Map;
import org.layerlab.graph.project.DatasetRef;

/**
 * Resolves a project's dataset reference to data. For now the synthetic 2-D sets; bundled real
 * sets and the user's own files come with the data issue. Pure; any thread.
 */
public final class BuiltInData {
    private BuiltInData() {}

    /** Names this version can load. */
    public static final java.util.List<String> NAMES = java.util.List.of("xor", "spiral", "circles");

    public static Dataset load(DatasetRef ref) {
        Map<String, String> o = ref.options();
        long seed = (long) number(ref, "seed", 1);
        double noise = number(ref, "noise", 0.05);
        return switch (ref.name()) {
            case "xor" -> Synthetic.xor((int) number(ref, "copies", 50), noise, seed);
            case "spiral" -> Synthetic.spiral((int) number(ref, "perArm", 100), (int) number(ref, "arms", 3), noise, seed);
            case "circles" -> Synthetic.circles((int) number(ref, "size", 400), noise, seed);
            case "" -> throw new IllegalArgumentException("the project has no dataset; choose one of " + NAMES);
            default -> throw new IllegalArgumentException("unknown dataset '" + ref.name() + "'; this version has " + NAMES);
        };
    }

    private static double number(DatasetRef ref, String key, double fallback) {
        String v = ref.options().get(key);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("dataset option " + key + "=\"" + v + "\" of '" + ref.name() + "' is not a number");
        }
    }
}
