package org.layerlab.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.layerlab.graph.lesson.LessonSource;

/**
 * The lessons that ship with LayerLab: folders under {@code org/layerlab/samples/lessons/}, listed in
 * that folder's {@code index.txt} (a resource folder cannot be listed). They are files like any
 * teacher's lesson; nothing about them is Java. Any thread.
 */
public final class BuiltInLessons {
    private static final String ROOT = "/org/layerlab/samples/lessons/";

    private BuiltInLessons() {}

    /** Every built-in lesson, in curriculum order. */
    public static List<LessonSource> all() {
        List<LessonSource> out = new ArrayList<>();
        try (InputStream in = BuiltInLessons.class.getResourceAsStream(ROOT + "index.txt")) {
            if (in == null) return out;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String id = line.strip();
                if (!id.isEmpty() && !id.startsWith("#")) out.add(source(id));
            }
        } catch (IOException e) {
            throw new IllegalStateException("the built-in lesson index cannot be read", e);
        }
        return out;
    }

    /** The built-in lesson with this folder name, or whose folder name starts with "N-" for a number N. */
    public static Optional<LessonSource> find(String idOrNumber) {
        for (LessonSource s : all()) {
            String id = s.name().substring("lessons/".length());
            if (id.equals(idOrNumber) || id.startsWith(idOrNumber + "-") || id.startsWith(String.format("%02d-", parse(idOrNumber)))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static LessonSource source(String id) {
        return new LessonSource() {
            @Override
            public String name() {
                return "lessons/" + id;
            }

            @Override
            public String read(String file) throws IOException {
                if (file.contains("/") || file.contains("..")) throw new NoSuchFileException(file);
                try (InputStream in = BuiltInLessons.class.getResourceAsStream(ROOT + id + "/" + file)) {
                    if (in == null) throw new NoSuchFileException(name() + "/" + file);
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }

            @Override
            public Path baseDir() {
                return null;
            }
        };
    }
}
