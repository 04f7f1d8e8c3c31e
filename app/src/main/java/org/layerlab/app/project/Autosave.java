package org.layerlab.app.project;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import org.layerlab.graph.project.Project;
import org.layerlab.graph.project.ProjectFiles;
import org.layerlab.graph.project.ProjectFormatException;

/**
 * Autosave and crash recovery, as IDEs do it. While the open project has unsaved changes, it is
 * written (atomically, like a save) to {@code <data dir>/autosave/<session>.layerlab} with a note of
 * the file it belongs to and the time. A clean close, a save, or opening another project removes it.
 * A window holds a lock on {@code <session>.lock} while it runs; an autosave whose lock nobody
 * holds belongs to a window that was killed or crashed, and the next start offers it back. Writing
 * is cheap enough for the FX thread (a project is a few kilobytes).
 */
public final class Autosave {
    /** An autosave left by a window that is gone: what it holds, when, and where it belongs. */
    record Orphan(Path file, Project project, Path original, Instant time) {}

    private final Path dir;
    private final String session = UUID.randomUUID().toString();
    private FileChannel lockChannel;
    private FileLock lock;

    /** @param dir the autosave folder (created when first needed); null keeps nothing */
    public Autosave(Path dir) {
        this.dir = dir;
    }

    public Path file() {
        return dir == null ? null : dir.resolve(session + ProjectController.EXTENSION);
    }

    /** Writes the project and where it belongs; false (and nothing else) if the folder cannot be written. */
    public boolean write(Project p, Path original) {
        if (dir == null) return false;
        try {
            Files.createDirectories(dir);
            holdLock();
            ProjectFiles.write(file(), p);
            Properties meta = new Properties();
            if (original != null) meta.setProperty("file", original.toAbsolutePath().toString());
            meta.setProperty("time", Instant.now().toString());
            Path m = dir.resolve(session + ".properties");
            try (var out = Files.newBufferedWriter(m, StandardCharsets.UTF_8)) {
                meta.store(out, "LayerLab autosave: the project this session had unsaved");
            }
            return true;
        } catch (IOException e) {
            return false; // an autosave that fails must not disturb the user; the next attempt may work
        }
    }

    /** Removes this session's autosave (saved, discarded or closed cleanly). */
    public void clear() {
        if (dir == null) return;
        try {
            Files.deleteIfExists(file());
            Files.deleteIfExists(dir.resolve(session + ".properties"));
        } catch (IOException e) {
            // a stale autosave is offered once more at the next start; the user can decline it
        }
    }

    /** Ends this session cleanly: its autosave and lock go. */
    void close() {
        clear();
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
            if (dir != null) Files.deleteIfExists(dir.resolve(session + ".lock"));
        } catch (IOException e) {
            // nothing to save here
        }
    }

    private void holdLock() throws IOException {
        if (lock != null) return;
        lockChannel = FileChannel.open(dir.resolve(session + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockChannel.tryLock();
    }

    /** Autosaves of sessions that are gone, newest first; unreadable ones are skipped (and kept). */
    List<Orphan> orphans() {
        List<Orphan> out = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) return out;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(ProjectController.EXTENSION)).toList()) {
                String id = f.getFileName().toString().replace(ProjectController.EXTENSION, "");
                if (id.equals(session) || alive(dir.resolve(id + ".lock"))) continue;
                Properties meta = new Properties();
                Path m = dir.resolve(id + ".properties");
                if (Files.isReadable(m)) {
                    try (var in = Files.newBufferedReader(m, StandardCharsets.UTF_8)) {
                        meta.load(in);
                    }
                }
                try {
                    Project p = ProjectFiles.read(f);
                    String original = meta.getProperty("file");
                    Instant time = meta.getProperty("time") == null ? Files.getLastModifiedTime(f).toInstant() : Instant.parse(meta.getProperty("time"));
                    out.add(new Orphan(f, p, original == null ? null : Path.of(original), time));
                } catch (ProjectFormatException | RuntimeException e) {
                    // a damaged autosave cannot be offered; it stays on disk for a person to look at
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.sort((a, b) -> b.time().compareTo(a.time()));
        return out;
    }

    /** Forgets an orphan (restored or declined). */
    void discard(Orphan o) {
        String id = o.file().getFileName().toString().replace(ProjectController.EXTENSION, "");
        try {
            Files.deleteIfExists(o.file());
            Files.deleteIfExists(dir.resolve(id + ".properties"));
            Files.deleteIfExists(dir.resolve(id + ".lock"));
        } catch (IOException e) {
            // offered again next time
        }
    }

    /** True while another live process holds the lock file. */
    private static boolean alive(Path lockFile) {
        if (!Files.exists(lockFile)) return false;
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) return true;
            l.release();
            return false;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return true; // held by this JVM (another window of the same process)
        } catch (IOException e) {
            return false;
        }
    }
}
