package org.layerlab.samples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.ProjectFormatException;

/**
 * The starter projects of File ▸ Open Sample and the welcome page: ordinary project files in
 * {@code starters/} (graph, data set and settings chosen so that each learns as it is), listed with a
 * description in {@code starters/index.txt}, so a teacher adds one without Java. Read once; any thread.
 */
public final class StarterSamples {
    private StarterSamples() {}

    private static final String ROOT = "/org/layerlab/samples/starters/";

    /** Moby-Dick's distinct characters (the bundled text's vocabulary). */
    public static final int MOBY_DICK_VOCABULARY = 83;

    private static volatile List<Sample> all;

    public static List<Sample> all() {
        List<Sample> s = all;
        if (s != null) return s;
        synchronized (StarterSamples.class) { // a caller during a preload waits for it rather than reading twice
            if (all == null) all = load();
            return all;
        }
    }

    /** Reads the samples on a background thread, so the window's menus find them ready. */
    public static void preload() {
        Thread t = new Thread(StarterSamples::all, "layerlab-samples-preload");
        t.setDaemon(true);
        t.start();
    }

    public static Sample byId(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample '" + id + "'; samples are "
                        + all().stream().map(Sample::id).toList()));
    }

    private static List<Sample> load() {
        List<Sample> out = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split("\t", 2);
            String id = parts[0].strip();
            String file = id + ".layerlab";
            try {
                var project = ProjectFiles.fromJson(read(file), "samples/" + file);
                out.add(new Sample(id, project.name(), parts.length > 1 ? parts[1].strip() : "", project));
            } catch (ProjectFormatException e) {
                // a built-in sample that does not load is a bug the tests catch
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static String read(String file) {
        try (InputStream in = StarterSamples.class.getResourceAsStream(ROOT + file)) {
            if (in == null) throw new IllegalStateException("the samples module has no starters/" + file);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
