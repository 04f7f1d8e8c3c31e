package org.layerlab.graph.lesson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a lesson's files are: a folder on disk (a teacher's own lesson) or the lessons built into
 * LayerLab. Files are read by name; a missing one is a {@link NoSuchFileException}.
 */
public interface LessonSource {
    /** How messages name the lesson ("lessons/14-vanishing-gradients", or the folder). */
    String name();

    /** The text of a file of the lesson (lesson.json, lesson.md, a project). */
    String read(String file) throws IOException;

    /** Where a project's data files are resolved (a teacher's CSV beside the lesson); null for built-in lessons. */
    Path baseDir();

    static LessonSource folder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        return new LessonSource() {
            @Override
            public String name() {
                return abs.toString();
            }

            @Override
            public String read(String file) throws IOException {
                Path p = abs.resolve(file).normalize();
                if (!p.startsWith(abs)) throw new NoSuchFileException(file);
                return Files.readString(p, StandardCharsets.UTF_8);
            }

            @Override
            public Path baseDir() {
                return abs;
            }
        };
    }
}
