package org.layerlab.trainer.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.layerlab.graph.project.DatasetRef;

/**
 * Notices when the user's data files change or vanish while a run trains from them: the run holds
 * the data it loaded, so its results would no longer belong to the file on disk. Watches the files
 * a data set names ({@code path}, {@code images}, {@code labels}); for an image folder, the folder
 * and its class subfolders (images added, removed or renamed). Looks at most once a second, so it
 * can be asked before every batch. Bundled and synthetic data sets are never watched. Thread-safe.
 */
public final class DataWatch implements Supplier<String> {
    private static final long EVERY_NANOS = 1_000_000_000L;

    private record Seen(Path path, long size, FileTime modified) {}

    private final List<Seen> seen;
    private long lastLook = System.nanoTime();
    private String verdict;

    private DataWatch(List<Seen> seen) {
        this.seen = List.copyOf(seen);
    }

    /** Remembers the files {@code ref} names as they are now (relative paths against {@code baseDir}). */
    public static DataWatch of(DatasetRef ref, Path baseDir) {
        List<Seen> out = new ArrayList<>();
        for (String key : List.of("path", "images", "labels")) {
            String p = ref.options().get(key);
            if (p == null || p.isBlank()) continue;
            Path path = Path.of(p.trim());
            if (!path.isAbsolute() && baseDir != null) path = baseDir.resolve(path);
            add(out, path);
            if (Files.isDirectory(path)) {
                try (var children = Files.list(path)) {
                    for (Path c : children.filter(Files::isDirectory).toList()) add(out, c);
                } catch (IOException e) {
                    // a folder that cannot be listed now was loaded a moment ago; watch the folder itself
                }
            }
        }
        return new DataWatch(out);
    }

    private static void add(List<Seen> out, Path p) {
        try {
            out.add(new Seen(p, Files.isDirectory(p) ? -1 : Files.size(p), Files.getLastModifiedTime(p)));
        } catch (IOException e) {
            // gone already: the next look reports it
            out.add(new Seen(p, -2, FileTime.fromMillis(0)));
        }
    }

    public boolean watchesAnything() {
        return !seen.isEmpty();
    }

    /** Null while every file is as it was; else what happened, for the run's message. */
    @Override
    public synchronized String get() {
        if (verdict != null || seen.isEmpty()) return verdict;
        long now = System.nanoTime();
        if (now - lastLook < EVERY_NANOS) return null;
        lastLook = now;
        for (Seen s : seen) {
            String what = s.size() == -1 ? "data folder" : "data file";
            if (!Files.exists(s.path())) {
                return verdict = "the " + what + " " + s.path() + " was deleted or moved during the run; the run stopped, "
                        + "since its results would belong to data that is no longer there";
            }
            try {
                long size = s.size() == -1 ? -1 : Files.size(s.path());
                if (size != s.size() || !Files.getLastModifiedTime(s.path()).equals(s.modified())) {
                    return verdict = "the " + what + " " + s.path() + " changed during the run; the run stopped so that its results "
                            + "belong to one version of the data: start a new run to train on the new data";
                }
            } catch (IOException e) {
                return verdict = "the " + what + " " + s.path() + " cannot be read any more; the run stopped";
            }
        }
        return null;
    }
}
