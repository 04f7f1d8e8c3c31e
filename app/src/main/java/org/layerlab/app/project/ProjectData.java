package org.layerlab.app.project;

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
public final class ProjectData {
    private ProjectData() {}

    private record Key(DatasetRef ref, Path baseDir) {}

    private static Key lastKey;
    private static LoadedData last;

    public static synchronized LoadedData load(DatasetRef ref, Path baseDir) {
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

    private record PreparedKey(Key data, long seed, double validationSplit, Object inputs, Object inputShapes, Object outputs, Object outputShapes,
                               Object losses) {}

    private static PreparedKey lastPreparedKey;
    private static Prepared lastPrepared;

    /**
     * Loaded, split, normalized and in the graph's Input layout. The last result is reused when the
     * same data is split the same way for the same Input and Output shapes: seven runs of LeNet share
     * one copy of MNIST's splits instead of holding seven (issue 17: 5.7 GB after seven runs).
     */
    public static synchronized Prepared prepare(DatasetRef ref, Path baseDir, TrainingSettings s, GraphCompiler.Compiled c) {
        PreparedKey key = new PreparedKey(new Key(ref, baseDir), s.seed(), s.validationSplit(), c.inputs(), c.inputShapes(), c.outputs(), c.outputShapes(),
                c.outputSpecs().stream().map(o -> o.loss()).toList());
        if (key.equals(lastPreparedKey) && lastPrepared != null && !isUserFile(ref)) return lastPrepared;
        Prepared p = Prepared.of(load(ref, baseDir), s, ref).fitTo(ref.name(), c);
        lastPreparedKey = key;
        lastPrepared = p;
        return p;
    }
}
