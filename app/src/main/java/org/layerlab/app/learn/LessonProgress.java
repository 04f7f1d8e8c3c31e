package org.layerlab.app.learn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which lessons a student has completed (every check passed), kept in the app's data directory so the
 * done marks survive a restart. A file that cannot be read or written only loses the marks. FX thread.
 */
final class LessonProgress {
    private final Path file;
    private final Set<String> done = new LinkedHashSet<>();

    /** @param file where the marks are kept, or null to keep them only while the app runs */
    LessonProgress(Path file) {
        this.file = file;
        if (file != null && Files.isReadable(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!line.isBlank()) done.add(line.strip());
            } catch (IOException e) {
                // unreadable marks are not worth an error: the lessons still work
            }
        }
    }

    boolean isDone(String lessonId) {
        return done.contains(lessonId);
    }

    void markDone(String lessonId) {
        if (!done.add(lessonId) || file == null) return;
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, done, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // as above: the mark stays for this session
        }
    }
}
