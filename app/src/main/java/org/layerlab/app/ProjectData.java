package org.layerlab.app;

import java.nio.file.Path;
import java.util.Objects;
import org.layerlab.graph.project.DatasetRef;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.samples.BundledData;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.Datasets;
import org.layerlab.trainer.data.LoadedData;
import org.layerlab.trainer.data.Prepared;

/**
 * Loads a project's data through the trainer with the bundled files of the samples module, keeping
 * the last loaded set so that a second run (or the preview, then a run) does not read it again.
 * Any thread; loading is synchronized so two callers never read the same set twice.
 */
final class ProjectData {
    private ProjectData() {}

    private record Key(DatasetRef ref, Path baseDir) {}

    private static Key lastKey;
    private static LoadedData last;

    static synchronized LoadedData load(DatasetRef ref, Path baseDir) {
        Key key = new Key(ref, baseDir);
        if (Objects.equals(key, lastKey) && last != null && !isUserFile(ref)) return last;
        LoadedData d = Datasets.load(ref, BundledData::open, baseDir);
        lastKey = key;
        last = d;
        return d;
    }

    /** The user's files may change between runs; read them afresh each time. */
    private static boolean isUserFile(DatasetRef ref) {
        return ref.name().equals("csv") || ref.name().equals("images") || ref.name().equals("idx");
    }

    /** Loaded, split, normalized and in the graph's Input layout. */
    static Prepared prepare(DatasetRef ref, Path baseDir, TrainingSettings s, GraphCompiler.Compiled c) {
        return Prepared.of(load(ref, baseDir), s, ref).fitTo(ref.name(), c);
    }
}
