package org.layerlab.graph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Fixtures;
import org.layerlab.graph.Graph;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;

class GraphDocumentTest {

    @Test
    void undoRedoWalkThroughHistory() {
        GraphDocument doc = new GraphDocument(Fixtures.mlp());
        Graph g0 = doc.graph();
        doc.execute(ChangeSpecCommand.setProperty(doc.graph(), "d1", "units", 32));
        Graph g1 = doc.graph();
        doc.execute(Commands.addLayer(doc.graph(), new DenseSpec(4, Activation.RELU, true), 0, 0));
        assertThat(doc.undoLabel()).isEqualTo("Add Dense");
        doc.undo();
        assertThat(doc.graph()).isEqualTo(g1);
        doc.undo();
        assertThat(doc.graph()).isEqualTo(g0);
        assertThat(doc.canUndo()).isFalse();
        doc.redo();
        assertThat(doc.graph()).isEqualTo(g1);
        doc.execute(MoveNodesCommand.by(doc.graph(), List.of("in"), 1, 1));
        assertThat(doc.canRedo()).isFalse();
    }

    @Test
    void consecutiveMovesOfTheSameNodesAreOneUndoStep() {
        GraphDocument doc = new GraphDocument(Fixtures.mlp());
        Graph g0 = doc.graph();
        for (int i = 0; i < 5; i++) doc.execute(MoveNodesCommand.by(doc.graph(), List.of("d1", "d2"), 3, 2));
        assertThat(doc.graph().node("d1").x()).isEqualTo(g0.node("d1").x() + 15);
        doc.execute(MoveNodesCommand.by(doc.graph(), List.of("d1"), 1, 0)); // another set: new step
        doc.undo();
        doc.undo();
        assertThat(doc.graph()).isEqualTo(g0);
        assertThat(doc.canUndo()).isFalse();
    }

    @Test
    void dirtyIsAComparisonOfRevisions() {
        GraphDocument doc = new GraphDocument(Fixtures.mlp());
        doc.markSaved();
        assertThat(doc.isDirty()).isFalse();
        doc.execute(ChangeSpecCommand.setProperty(doc.graph(), "d1", "units", 32));
        assertThat(doc.isDirty()).isTrue();
        doc.undo();
        assertThat(doc.isDirty()).isFalse();
        doc.redo();
        assertThat(doc.isDirty()).isTrue();
        doc.markSaved();
        doc.undo();
        assertThat(doc.isDirty()).isTrue();
        doc.redo();
        assertThat(doc.isDirty()).isFalse();
    }

    @Test
    void aMoveAfterSavingMakesTheDocumentDirtyEvenWhenMerged() {
        GraphDocument doc = new GraphDocument(Fixtures.mlp());
        doc.execute(MoveNodesCommand.by(doc.graph(), List.of("d1"), 1, 0));
        doc.markSaved();
        doc.execute(MoveNodesCommand.by(doc.graph(), List.of("d1"), 1, 0));
        assertThat(doc.isDirty()).isTrue();
    }

    @Test
    void listenersSeeEveryChangeButMayNotEdit() {
        GraphDocument doc = new GraphDocument(Fixtures.mlp());
        List<Graph> seen = new ArrayList<>();
        doc.addListener((before, after) -> seen.add(after));
        doc.execute(MoveNodesCommand.by(doc.graph(), List.of("in"), 5, 5));
        doc.undo();
        assertThat(seen).hasSize(2);

        doc.addListener((before, after) -> doc.execute(MoveNodesCommand.by(after, List.of("out"), 1, 1)));
        assertThatThrownBy(() -> doc.execute(MoveNodesCommand.by(doc.graph(), List.of("d2"), 1, 1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a document listener");
    }

    @Test
    void aFailingCommandLeavesTheDocumentUnchanged() {
        GraphDocument doc = new GraphDocument(Fixtures.mlp());
        Graph g0 = doc.graph();
        long rev = doc.revision();
        assertThatThrownBy(() -> doc.execute(RemoveNodeCommand.of(doc.graph(), "d1"))).hasMessageContaining("still has wires");
        assertThat(doc.graph()).isEqualTo(g0);
        assertThat(doc.revision()).isEqualTo(rev);
        assertThat(doc.canUndo()).isFalse();
    }
}
