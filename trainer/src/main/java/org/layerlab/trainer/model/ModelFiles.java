package org.layerlab.trainer.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.layerlab.trainer.data.DataException;

/**
 * Model files are data, not programs. A DL4J model zip holds a JSON configuration and binary
 * arrays; DL4J's own reader also deserializes Java objects from an optional {@code preprocessor.bin}
 * entry — a file from a stranger could run code that way. So a zip is checked before DL4J reads it:
 * only {@link #ENTRIES} may be in it, with no paths and sizes a model can have (4 GB an entry); anything else is
 * refused with the entry named. Any thread.
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** What {@code ModelSerializer.writeModel} writes for a network (without a normalizer). */
    public static final Set<String> ENTRIES = Set.of("configuration.json", "coefficients.bin", "updaterState.bin");
    /** The largest entry accepted, unpacked (a network of about a billion parameters). */
    static final long MAX_ENTRY_BYTES = 4L << 30;

    /** Checks {@code zip} as {@link #check} does, then reads it as a ComputationGraph (without its updater state). */
    public static ComputationGraph readGraph(Path zip) {
        check(zip);
        try {
            return ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new DataException(zip.toString(), 0, "is not a model LayerLab can read (its configuration or arrays are damaged, "
                    + "or it is not a ComputationGraph); save it again with layerlab train --save");
        }
    }

    /** Refuses, naming the entry, a zip that holds anything but a DL4J model's own entries. */
    public static void check(Path zip) {
        check(zip, MAX_ENTRY_BYTES);
    }

    /**
     * {@link #check(Path)} with another size limit. Arrays of zeros (a fresh optimizer state) pack a
     * thousandfold, so a packing ratio says nothing: the unpacked size is what is limited.
     */
    static void check(Path zip, long maxEntryBytes) {
        if (!Files.isRegularFile(zip)) throw new DataException(zip.toString(), 0, "does not exist; check the path");
        Set<String> seen = new HashSet<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                if (name.contains("..") || name.startsWith("/") || name.contains("\\") || name.contains(":")) {
                    throw new DataException(zip.toString(), 0, "holds an entry with a path ('" + shorten(name)
                            + "'); a model file holds none, so it is refused");
                }
                if (!ENTRIES.contains(name)) {
                    throw new DataException(zip.toString(), 0, "holds '" + shorten(name) + "', which is not part of a DL4J model ("
                            + String.join(", ", ENTRIES) + "); LayerLab does not open it, since such entries can hold code");
                }
                if (!seen.add(name)) throw new DataException(zip.toString(), 0, "holds '" + name + "' twice; it is damaged");
                long size = e.getSize();
                if (size > maxEntryBytes) {
                    throw new DataException(zip.toString(), 0, "'" + name + "' unpacks to " + size + " bytes, more than a model of a billion "
                            + "parameters needs; it is damaged or a zip bomb");
                }
                if (size < 0) unpackedSize(z, e, zip, maxEntryBytes);
            }
        } catch (DataException e) {
            throw e;
        } catch (NoSuchFileException e) {
            throw new DataException(zip.toString(), 0, "does not exist; check the path");
        } catch (ZipException e) {
            throw new DataException(zip.toString(), 0, "is not a model file (not a zip archive); choose a .zip saved by layerlab train --save");
        } catch (IOException e) {
            throw new DataException(zip.toString(), 0, "cannot be read; check that the file is readable");
        }
        if (!seen.contains("configuration.json") || !seen.contains("coefficients.bin")) {
            throw new DataException(zip.toString(), 0, "is not a DL4J model: it lacks " + (seen.contains("configuration.json") ? "coefficients.bin (the weights)"
                    : "configuration.json (the network)"));
        }
    }

    /** An entry whose size the directory does not state is counted as it unpacks, up to the limit. */
    private static void unpackedSize(ZipFile z, ZipEntry e, Path zip, long maxEntryBytes) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = z.getInputStream(e)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > maxEntryBytes) throw new DataException(zip.toString(), 0, "'" + e.getName() + "' unpacks to more than "
                        + maxEntryBytes + " bytes; it is damaged or a zip bomb");
            }
        }
    }

    private static String shorten(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "…" : s;
    }
}
