package org.layerlab.trainer.data;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where bundled data files come from (the samples module's resources in the app); keeps the trainer
 * free of any dependency on where the bytes live. Implementations must be safe from any thread.
 */
@FunctionalInterface
public interface DataFiles {
    /** Opens a bundled file by its relative name, e.g. {@code mnist/t10k-labels-idx1-ubyte.gz}. */
    InputStream open(String name) throws IOException;

    /** No bundled files: every open fails with a message saying so. */
    static DataFiles none() {
        return name -> {
            throw new IOException("bundled data file '" + name + "' is not available in this build");
        };
    }
}
