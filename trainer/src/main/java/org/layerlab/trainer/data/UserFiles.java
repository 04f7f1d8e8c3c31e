package org.layerlab.trainer.data;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.layerlab.graph.shape.TensorShape;

/**
 * The user's own tables and IDX files as data sets: a CSV's label and feature columns, or its columns
 * mapped onto named Inputs and Outputs; an IDX image file with its label file. Any thread.
 */
final class UserFiles {
    private UserFiles() {}

    static LoadedData csv(DatasetOptions o, Path baseDir) throws IOException {
        Path path = o.path(baseDir);
        Csv.Header header = DatasetOptions.enumOption(o.ref().options().get("header"), Csv.Header.AUTO, "header", "auto, yes or no");
        Tabular.Task task = DatasetOptions.enumOption(o.ref().options().get("task"), Tabular.Task.AUTO, "task", "auto, classification or regression");
        List<String> features = list(o.ref().options().get("features"));
        Map<String, List<String>> inputs = layerColumns(o.ref().options(), "input.");
        Map<String, List<String>> outputs = layerColumns(o.ref().options(), "output.");
        boolean mapped = !inputs.isEmpty() || !outputs.isEmpty();
        if (mapped && !features.isEmpty()) {
            throw new IllegalArgumentException("the options give both features= and input.<name>= columns; use input.<name>= for each Input and drop features=");
        }
        if (!outputs.isEmpty() && o.ref().options().containsKey("label")) {
            throw new IllegalArgumentException("the options give both label= and output.<name>= columns; use output.<name>= for each Output and drop label=");
        }
        if (mapped && inputs.isEmpty()) {
            throw new IllegalArgumentException("the options map Outputs but no Input; add input.<Input name>=column, column for each Input");
        }
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            Csv csv = Csv.read(r, path.toString(), header);
            String title = path.getFileName().toString();
            if (mapped) return Tabular.mapped(csv, title, inputs, outputs, o.ref().options().get("label"), task);
            return Tabular.from(csv, title, o.ref().options().get("label"), features, task);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new DataException(path.toString(), 0, "is not UTF-8 text; save it as UTF-8 CSV");
        }
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Options {@code input.a=x1, x2} as a → [x1, x2], in the options' (sorted) order. */
    private static Map<String, List<String>> layerColumns(Map<String, String> options, String prefix) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        options.forEach((k, v) -> {
            if (!k.startsWith(prefix)) return;
            String layer = k.substring(prefix.length()).trim();
            if (layer.isEmpty()) throw new IllegalArgumentException("option " + k + " names no layer; write " + prefix + "<layer name>=columns");
            out.put(layer, list(v));
        });
        return out;
    }

    static LoadedData idx(DatasetOptions o, Path baseDir) throws IOException {
        Path images = o.file("images", baseDir);
        Path labels = o.file("labels", baseDir);
        Idx img = Idx.read(Files.newInputStream(images), images.toString()); // read closes the stream
        Idx lab = Idx.read(Files.newInputStream(labels), labels.toString());
        if (img.dims().length != 3) throw new DataException(images.toString(), 0, "holds " + img.dims().length + "-D entries; image files are count × rows × cols");
        int classes = 0;
        for (byte b : lab.data()) classes = Math.max(classes, (b & 0xff) + 1);
        Dataset d = Datasets.idxDataset(img, images.toString(), lab, labels.toString(), Math.max(2, classes));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < d.labels().size(1); i++) names.add(String.valueOf(i));
        return new LoadedData(d, null, new DataInfo(images.getFileName().toString(), DataInfo.Kind.IMAGES,
                TensorShape.image(img.dims()[1], img.dims()[2], 1), names, List.of()));
    }
}
