package org.layerlab.trainer.model;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.layerlab.trainer.data.DataException;

/**
 * A Keras model file ({@code .h5}: configuration and weights) read through DL4J's own Keras import:
 * functional models as they are, Sequential ones through DL4J's multilayer network. A Keras layer
 * DL4J cannot import is named with the reason. Any thread.
 */
public final class KerasFiles {
    private KerasFiles() {}

    public static boolean isKeras(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".keras");
    }

    public static ComputationGraph read(Path h5) {
        if (!Files.isRegularFile(h5)) throw new DataException(h5.toString(), 0, "does not exist; check the path");
        String path = h5.toAbsolutePath().toString();
        try {
            if (sequential(h5)) {
                MultiLayerNetwork m = KerasModelImport.importKerasSequentialModelAndWeights(path, false);
                return m.toComputationGraph();
            }
            return KerasModelImport.importKerasModelAndWeights(path, false);
        } catch (UnsupportedKerasConfigurationException e) {
            java.util.regex.Matcher lambda = java.util.regex.Pattern.compile("for Lambda layer (\\S+?)\\.?(\\s|$)").matcher(String.valueOf(e.getMessage()));
            if (lambda.find()) {
                throw new DataException(h5.toString(), 0, "its Lambda layer '" + lambda.group(1) + "' holds Python code, which cannot be "
                        + "imported; rebuild that step from standard Keras layers and save the model again");
            }
            throw new DataException(h5.toString(), 0, "uses what DL4J's Keras import does not support: " + plain(e.getMessage()));
        } catch (InvalidKerasConfigurationException e) {
            throw new DataException(h5.toString(), 0, "is not a Keras model DL4J can read: " + plain(e.getMessage()));
        } catch (java.io.IOException | RuntimeException | LinkageError e) {
            throw new DataException(h5.toString(), 0, "cannot be read as a Keras model file (HDF5 with the model and its weights, "
                    + "as Keras's model.save writes it)");
        }
    }

    /** Whether the file's model_config says Sequential (DL4J imports the two kinds through different calls). */
    private static boolean sequential(Path h5) throws java.io.IOException {
        // the attribute is a JSON string near the start of the file: reading it through HDF5 would mean opening it twice
        byte[] head = new byte[(int) Math.min(Files.size(h5), 1 << 20)];
        try (var in = Files.newInputStream(h5)) {
            int n = in.readNBytes(head, 0, head.length);
            String s = new String(head, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1);
            return s.contains("\"class_name\": \"Sequential\"") || s.contains("\"class_name\":\"Sequential\"");
        }
    }

    /** DL4J's messages end in links to its docs and issue tracker; the first sentence is the reason. */
    private static String plain(String m) {
        if (m == null) return "no reason given";
        String s = m.replaceAll("\\s+", " ").trim();
        int cut = s.indexOf(" For more information");
        if (cut < 0) cut = s.indexOf(" Please file an issue");
        if (cut < 0) cut = s.indexOf(" You can register");
        if (cut > 0) s = s.substring(0, cut);
        return s.length() > 300 ? s.substring(0, 297) + "…" : s;
    }

    /**
     * Where a Keras file's converted network is kept so a project can name it as its weights: beside
     * the .h5 file as {@code <name>-dl4j.zip}, never over an existing file.
     */
    public static Path convertedBeside(Path h5) {
        String stem = h5.getFileName().toString().replaceFirst("(?i)\\.(h5|hdf5|keras)$", "");
        Path p = h5.toAbsolutePath().resolveSibling(stem + "-dl4j.zip");
        for (int k = 2; Files.exists(p); k++) p = h5.toAbsolutePath().resolveSibling(stem + "-dl4j-" + k + ".zip");
        return p;
    }
}
