package org.layerlab.samples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The data files shipped inside LayerLab (see the NOTICE for sources and licences), read from this
 * module's resources. Nothing is ever downloaded. Any thread.
 */
public final class BundledData {
    private BundledData() {}

    private static final String ROOT = "/org/layerlab/samples/data/";

    /** Opens a bundled file by relative name, e.g. {@code mnist/t10k-labels-idx1-ubyte.gz}. */
    public static InputStream open(String name) throws IOException {
        if (name.contains("..")) throw new IOException("bundled data names are relative paths without '..': " + name);
        InputStream in = BundledData.class.getResourceAsStream(ROOT + name);
        if (in == null) throw new IOException("bundled data file '" + name + "' is missing from this build of LayerLab");
        return in;
    }

    /** Sources and licences of every bundled data set. */
    public static String notice() {
        try (InputStream in = open("NOTICE")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "The NOTICE of the bundled data is missing from this build.";
        }
    }
}
