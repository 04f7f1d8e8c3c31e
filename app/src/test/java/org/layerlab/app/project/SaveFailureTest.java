package org.layerlab.app.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layerlab.app.MainWindowTest;
import org.layerlab.app.RecentFiles;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Node;
import org.layerlab.graph.command.AddNodeCommand;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;

/**
 * Issue 20: a save that cannot be written — a folder the user may not write in, a full disk, a
 * read-only disk — each really happening, not simulated by a flag. Every time: one plain message
 * naming the folder and the cause, the file on disk exactly as it was, the project still open and
 * unsaved (a later save to a good place works).
 */
class SaveFailureTest {
    @TempDir
    Path tmp;

    private final MainWindowTest.ScriptedDialogs dialogs = new MainWindowTest.ScriptedDialogs();
    private GraphDocument document;
    private ProjectController project;

    /** A saved project at {@code file}, then one more edit: dirty, with the old version on disk. */
    private byte[] savedThenEdited(Path file) throws Exception {
        document = new GraphDocument();
        project = new ProjectController(document, dialogs, new RecentFiles(tmp.resolve("recent.txt")));
        project.newProject("mlp", Examples.mlp());
        dialogs.files.add(file);
        assertThat(project.saveAs()).isTrue();
        byte[] before = Files.readAllBytes(file);
        document.execute(new AddNodeCommand(new Node("extra", new DenseSpec(7, Activation.TANH, true), 900, 300)));
        assertThat(project.isDirty()).isTrue();
        return before;
    }

    private void assertRefusedAndNothingLost(Path file, byte[] before, String cause) throws Exception {
        assertThat(project.save()).isFalse();
        assertThat(dialogs.errors).singleElement().asString()
                .contains("Cannot save " + file.getFileName() + ": " + cause)
                .contains("Nothing was lost").doesNotContain("Exception").doesNotContain(".tmp");
        assertThat(Files.readAllBytes(file)).as("the file on disk is the old version, whole").isEqualTo(before);
        assertThat(project.isDirty()).as("the project is still unsaved").isTrue();
        assertThat(document.graph().node("extra")).as("the edit is still there").isNotNull();
        dialogs.errors.clear();
    }

    @Test
    void aFolderThatMayNotBeWrittenIn() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("locked"));
        Path file = dir.resolve("net.layerlab");
        byte[] before = savedThenEdited(file);
        // chmod stops ordinary users; root ignores it, so there the folder is made immutable (ext4) instead
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean immutable = false;
        try {
            if (writable(dir)) immutable = new ProcessBuilder("chattr", "+i", dir.toString()).inheritIO().start().waitFor() == 0;
            assumeTrue(!writable(dir), "cannot make a folder unwritable here (root on a file system without chattr)");
            assertRefusedAndNothingLost(file, before, "you may not write in the folder " + dir + " (permission denied)");
        } finally {
            if (immutable) new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor();
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertThat(project.save()).as("once the folder can be written again, the same save works").isTrue();
        assertThat(project.isDirty()).isFalse();
    }

    private static boolean writable(Path dir) {
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aFullDisk() throws Exception {
        // an in-memory disk of 64 KB: the first save fits, the second cannot get its blocks
        try (FileSystem disk = Jimfs.newFileSystem(Configuration.unix().toBuilder().setBlockSize(4096).setMaxSize(64 * 1024).build())) {
            Path dir = Files.createDirectories(disk.getPath("/work"));
            Path file = dir.resolve("net.layerlab");
            byte[] before = savedThenEdited(file);
            Path filler = dir.resolve("filler");
            try (var out = Files.newOutputStream(filler)) {
                byte[] block = new byte[4096];
                while (true) out.write(block);
            } catch (java.io.IOException full) {
                // the disk is full now
            }
            assertRefusedAndNothingLost(file, before, "the disk holding /work is full");
            Files.delete(filler);
            assertThat(project.save()).isTrue();
        }
    }

    @Test
    void aFileMarkedReadOnly() throws Exception {
        Path file = tmp.resolve("kept.layerlab");
        byte[] before = savedThenEdited(file);
        // replacing a file by rename needs only the folder: without this check the protection would be ignored
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        assertRefusedAndNothingLost(file, before, "the file is marked read-only");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(project.save()).isTrue();
    }

    @Test
    void aReadOnlyDiskIsNamedAsSuch() {
        // a read-only mount cannot be made here without root mounts: the JDK's own exceptions for it are explained
        Path file = Path.of("/media/stick/net.layerlab");
        assertThat(SaveErrors.explain(new java.nio.file.ReadOnlyFileSystemException(), file))
                .isEqualTo("the folder /media/stick is on a disk that cannot be written (read-only)");
        assertThat(SaveErrors.explain(new java.nio.file.FileSystemException("/media/stick/.net.layerlab.1.tmp", null, "Read-only file system"), file))
                .isEqualTo("the folder /media/stick is on a disk that cannot be written (read-only)");
    }
}
