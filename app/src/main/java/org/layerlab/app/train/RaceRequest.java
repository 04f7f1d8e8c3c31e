package org.layerlab.app.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.graph.spec.RecordProperties;

/**
 * "Race the learning rates 0.001, 0.01 and 0.1": one training setting and the values to try, each
 * becoming a run of the same graph from the same seed, trained in lockstep. Immutable.
 */
public record RaceRequest(String setting, List<String> values) {
    /** The settings a race can vary, with how they are named in the dialog and an example of values. */
    public static final Map<String, String[]> SETTINGS = settings();

    public static final int MAX_RUNS = 6;

    public RaceRequest {
        values = List.copyOf(values);
    }

    private static Map<String, String[]> settings() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("learningRate", new String[] {"Learning rate", "0.001, 0.01, 0.1"});
        m.put("optimizer", new String[] {"Optimizer", "SGD, MOMENTUM, ADAM"});
        m.put("batchSize", new String[] {"Batch size", "8, 32, 128"});
        m.put("weightInit", new String[] {"Weight init", "ZERO, XAVIER, HE"});
        m.put("momentum", new String[] {"Momentum", "0, 0.5, 0.9"});
        m.put("l2", new String[] {"L2", "0, 0.0001, 0.001"});
        m.put("dropout", new String[] {"Dropout", "0, 0.2, 0.5"});
        m.put("schedule", new String[] {"Learning-rate schedule", "CONSTANT, STEP, COSINE"});
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Splits "0.001, 0.01; 0.1" into its values. */
    public static List<String> parseValues(String text) {
        List<String> out = new ArrayList<>();
        for (String v : text.split("[,;\\s]+")) if (!v.isBlank()) out.add(v.strip());
        return out;
    }

    /**
     * Each value applied to {@code base}, by run name ("learning rate 0.01"); everything else, the seed
     * included, stays as it is.
     *
     * @throws IllegalArgumentException in plain words: an unknown setting, too few or too many values, a value the setting refuses
     */
    public Map<String, TrainingSettings> variants(TrainingSettings base) {
        String[] about = SETTINGS.get(setting);
        if (about == null) throw new IllegalArgumentException("a race varies one of: " + String.join(", ", SETTINGS.keySet()));
        if (values.size() < 2) throw new IllegalArgumentException("a race needs at least two values of " + about[0].toLowerCase(Locale.ROOT) + ", e.g. " + about[1]);
        if (values.size() > MAX_RUNS) throw new IllegalArgumentException("a race takes at most " + MAX_RUNS + " values; " + values.size() + " were given");
        Map<String, TrainingSettings> out = new LinkedHashMap<>();
        for (String v : values) {
            TrainingSettings s;
            try {
                s = RecordProperties.with(base, setting, v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(about[0] + " \"" + v + "\" cannot be raced: " + e.getMessage().replaceFirst("^[^:]*: ", ""));
            }
            String name = about[0].toLowerCase(Locale.ROOT) + " " + v;
            if (out.putIfAbsent(name, s) != null) throw new IllegalArgumentException(about[0] + " " + v + " is listed twice");
        }
        return out;
    }
}
