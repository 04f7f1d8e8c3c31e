package org.layerlab.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The most recently opened projects, newest first, kept in {@code recent.txt} in the app's directory. */
public final class RecentFiles {
    static final int MAX = 10;
    private final Path store;
    private final List<Path> files = new ArrayList<>();

    /** Where the list is kept (the app's data directory), or null when nothing is kept. */
    Path store() {
        return store;
    }

    public RecentFiles(Path store) {
        this.store = store;
        if (store != null && Files.isRegularFile(store)) {
            try {
                for (String line : Files.readAllLines(store, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && files.size() < MAX) files.add(Path.of(line.trim()));
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // an unreadable history is not worth a dialog: start a new one
                files.clear();
            }
        }
    }

    public List<Path> list() {
        return List.copyOf(files);
    }

    public void add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > MAX) files.remove(files.size() - 1);
        save();
    }

    public void remove(Path file) {
        if (files.remove(file.toAbsolutePath().normalize())) save();
    }

    private void save() {
        if (store == null) return;
        try {
            Files.createDirectories(store.getParent());
            List<String> lines = new ArrayList<>();
            for (Path p : files) lines.add(p.toString());
            Files.write(store, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // losing the recent list is harmless; never interrupt the user for it
        }
    }
}
