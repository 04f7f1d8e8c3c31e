package org.layerlab.app;

import java.util.List;
import java.util.function.Consumer;
import org.layerlab.graph.Node;
import org.layerlab.graph.command.ChangeSpecCommand;
import org.layerlab.graph.command.Command;
import org.layerlab.graph.command.CompoundCommand;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.trainer.data.DataInfo;
import org.layerlab.trainer.data.Feed;

/**
 * Gives the graph's Inputs the shapes of data just loaded on the Data tab, as one undoable edit: the
 * only Input takes one example's shape; with columns mapped onto named Inputs, each takes its column
 * count. What changed (or why nothing could) is said in the status bar. FX thread only.
 */
final class InputsFromData {
    private final GraphDocument document;
    private final Consumer<String> say;

    InputsFromData(GraphDocument document, Consumer<String> say) {
        this.document = document;
        this.say = say;
    }

    void apply(DataInfo info) {
        if (info.isMapped()) {
            setInputsFrom(info);
            return;
        }
        List<Node> inputs = document.graph().nodes().stream()
                .filter(n -> n.spec() instanceof InputSpec).toList();
        if (inputs.size() != 1) {
            if (!inputs.isEmpty()) say.accept("The graph has " + inputs.size() + " Inputs; give each its columns on the Data tab (CSV files) for " + info.title());
            return;
        }
        Node in = inputs.get(0);
        InputSpec want = info.inputSpec();
        if (((InputSpec) in.spec()).shape().equals(want.shape())) return;
        document.execute(new ChangeSpecCommand(in.id(), in.spec(), want, "Set Input shape from " + info.title()));
        say.accept("Input '" + in.id() + "' now takes " + want.shape() + " from " + info.title() + " (Undo restores the old shape)");
    }

    /** Each Input given columns takes their count as its shape, as one undo step. */
    private void setInputsFrom(DataInfo info) {
        List<Command> changes = new java.util.ArrayList<>();
        List<String> changed = new java.util.ArrayList<>();
        for (Feed f : info.inputs()) {
            Node in = document.graph().contains(f.layer()) ? document.graph().node(f.layer()) : null;
            if (in == null || !(in.spec() instanceof InputSpec old)) continue; // the Data tab names the unknown layer
            InputSpec want = InputSpec.vector(f.columns().size());
            if (old.shape().equals(want.shape())) continue;
            changes.add(new ChangeSpecCommand(in.id(), old, want, "Set Input shape"));
            changed.add("'" + in.id() + "' " + want.shape());
        }
        if (changes.isEmpty()) return;
        document.execute(new CompoundCommand("Set Input shapes from " + info.title(), changes));
        say.accept("Inputs now take their columns' counts from " + info.title() + ": " + String.join(", ", changed) + " (Undo restores the old shapes)");
    }
}
