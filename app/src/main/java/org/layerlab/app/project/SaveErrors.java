package org.layerlab.app.project;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/**
 * Why a save failed, in plain words naming the folder: permission denied, a full disk, a read-only
 * disk, a missing folder — not the operating system's phrase about a temporary file. Pure.
 */
final class SaveErrors {
    private SaveErrors() {}

    static String explain(Throwable e, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason().toLowerCase(Locale.ROOT)
                : e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (reason.contains("the file is read-only")) {
            return "the file is marked read-only; make it writable, or save under another name with Save As";
        }
        if (e instanceof ReadOnlyFileSystemException || reason.contains("read-only")) {
            return "the folder " + dir + " is on a disk that cannot be written (read-only)";
        }
        if (reason.contains("no space") || reason.contains("disk space") || reason.contains("quota")) {
            return "the disk holding " + dir + " is full; free some space or save elsewhere";
        }
        if (e instanceof AccessDeniedException || reason.contains("permission denied") || reason.contains("operation not permitted")) {
            return "you may not write in the folder " + dir + " (permission denied)";
        }
        if (e instanceof NoSuchFileException) return "the folder " + dir + " does not exist (any more)";
        return "the file could not be written (" + (reason.isEmpty() ? e.getClass().getSimpleName() : reason) + ")";
    }
}
