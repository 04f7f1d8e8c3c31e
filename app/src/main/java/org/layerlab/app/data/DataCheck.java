package org.layerlab.app.data;

import org.layerlab.graph.Graph;
import org.layerlab.graph.project.TrainingSettings;
import org.layerlab.trainer.compile.CompileException;
import org.layerlab.trainer.compile.GraphCompiler;
import org.layerlab.trainer.data.DataFit;
import org.layerlab.trainer.data.LoadedData;

/** Whether loaded data fits a graph, checked as a run would check it. Any thread. */
final class DataCheck {
    private DataCheck() {}

    /** Why the data does not fit the graph (which layer, what it expected, the fix), or null when it fits or the graph does not compile yet. */
    static String misfit(String name, LoadedData data, Graph g, TrainingSettings s) {
        GraphCompiler.Compiled c;
        try {
            c = GraphCompiler.compile(g, s);
        } catch (CompileException | RuntimeException e) {
            return null; // the Design tab names what is wrong with the graph
        }
        try {
            DataFit.check(name, data.train(), data.info(), c);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }
}
