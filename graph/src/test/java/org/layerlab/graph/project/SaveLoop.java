package org.layerlab.graph.project;

import java.nio.file.Path;

/** A process that saves one project file over and over, alternating two versions, until it is killed (the kill test). */
public final class SaveLoop {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Project[] versions = {AtomicSaveKillTest.version(0), AtomicSaveKillTest.version(1)};
        for (long i = 0; ; i++) {
            ProjectFiles.write(file, versions[(int) (i % 2)]);
            if (i == 0) {
                System.out.println("READY");
                System.out.flush();
            }
        }
    }
}
