package org.layerlab.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.command.MoveNodesCommand.Point;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.ConcatSpec;
import org.layerlab.graph.spec.Conv2DSpec;
import org.layerlab.graph.spec.FlattenSpec;
import org.layerlab.graph.spec.Padding;
import org.layerlab.graph.spec.AddSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.LayerCatalog;
import org.layerlab.graph.spec.Loss;
import org.layerlab.graph.spec.OutputSpec;

/** The meaning of each gesture, without a window or robot. */
class EditorTest {

    private final GraphDocument doc = new GraphDocument(Examples.mlp());
    private final Editor editor = new Editor(doc);

    @Test
    void addingALayerSelectsItAndIsOneUndoStep() {
        String id = editor.addLayer(LayerCatalog.byName("Dense").defaults(), 100, 50);
        assertThat(editor.graph().node(id).x()).isEqualTo(100);
        assertThat(editor.selection()).containsExactly(id);
        editor.undo();
        assertThat(editor.graph()).isEqualTo(Examples.mlp());
        assertThat(editor.selection()).isEmpty();
    }

    @Test
    void connectWiresCompatibleLayersAndRefusesOthersWithTheReason() {
        String d = editor.addLayer(new DenseSpec(8, Activation.RELU, true), 0, 0);
        List<String> messages = new java.util.ArrayList<>();
        editor.addMessageListener(messages::add);
        assertThat(editor.connect("d2", d).ok()).isTrue();
        assertThat(editor.graph().inputsOf(d)).containsExactly(new Edge("d2", d, 0));
        // a second wire into a single-input layer is refused, and the graph is unchanged
        Graph before = editor.graph();
        var refused = editor.connect("d1", d);
        assertThat(refused.ok()).isFalse();
        assertThat(refused.message()).contains("already wired from 'd2'");
        assertThat(editor.graph()).isSameAs(before);
        assertThat(messages).singleElement().asString().contains("Cannot connect d1");
        // wiring a layer into itself's ancestor would close a cycle
        assertThat(editor.connect(d, "d1").ok()).isFalse();
    }

    @Test
    void mergeLayersTakeTheNextFreePort() {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(4))
                .after("in", "a", new DenseSpec(4, Activation.RELU, true))
                .after("in", "b", new DenseSpec(4, Activation.RELU, true))
                .node("sum", new AddSpec())
                .build();
        editor.document().reset(g);
        editor.connect("a", "sum");
        editor.connect("b", "sum");
        assertThat(editor.graph().inputsOf("sum")).containsExactly(new Edge("a", "sum", 0), new Edge("b", "sum", 1));
    }

    @Test
    void moveOfTheSameSelectionMergesIntoOneUndoStep() {
        editor.selectOnly(List.of("d1", "d2"));
        double x = editor.graph().node("d1").x();
        editor.moveSelection(10, 0);
        editor.moveSelection(10, 5);
        assertThat(editor.graph().node("d1").x()).isEqualTo(x + 20);
        editor.undo();
        assertThat(editor.graph()).isEqualTo(Examples.mlp());
    }

    @Test
    void deleteRemovesLayersWithTheirWiresAndUndoRestoresBoth() {
        editor.selectOnly(List.of("d1", "d2"));
        editor.deleteSelection();
        assertThat(editor.graph().ids()).containsExactlyInAnyOrder("in", "out");
        assertThat(editor.graph().edges()).isEmpty();
        editor.undo();
        assertThat(editor.graph()).isEqualTo(Examples.mlp());
    }

    @Test
    void aSelectedWireIsDeletedAlone() {
        editor.selectWire(new Edge("d1", "d2", 0));
        editor.deleteSelection();
        assertThat(editor.graph().edges()).doesNotContain(new Edge("d1", "d2", 0));
        assertThat(editor.graph().size()).isEqualTo(4);
        editor.undo();
        assertThat(editor.graph()).isEqualTo(Examples.mlp());
    }

    @Test
    void copyPasteKeepsInternalWiresOffsetsEachPasteAndSelectsTheCopy() {
        editor.selectOnly(List.of("d1", "d2"));
        editor.copy();
        editor.paste();
        List<String> first = List.copyOf(editor.selection());
        assertThat(first).hasSize(2).doesNotContain("d1", "d2");
        Graph g = editor.graph();
        assertThat(g.edges()).contains(new Edge(first.get(0), first.get(1), 0));
        assertThat(g.node(first.get(0)).x()).isEqualTo(g.node("d1").x() + Editor.PASTE_OFFSET);
        editor.paste();
        String second = editor.selection().iterator().next();
        assertThat(editor.graph().node(second).x()).isEqualTo(g.node("d1").x() + 2 * Editor.PASTE_OFFSET);
        editor.undo();
        editor.undo();
        assertThat(editor.graph()).isEqualTo(Examples.mlp());
    }

    @Test
    void cutThenPasteRestoresTheLayersInPlace() {
        editor.selectOnly(List.of("d2"));
        double x = editor.graph().node("d2").x();
        editor.cut();
        assertThat(editor.graph().contains("d2")).isFalse();
        editor.paste();
        String id = editor.selection().iterator().next();
        assertThat(editor.graph().node(id).x()).isEqualTo(x);
    }

    @Test
    void duplicateDoesNotTouchTheClipboard() {
        editor.selectOnly(List.of("d1"));
        editor.duplicate();
        assertThat(editor.graph().size()).isEqualTo(5);
        assertThat(editor.canPaste()).isFalse();
    }

    @Test
    void invalidPropertyValuesAreRefusedWithTheReasonAndValidOnesAreUndoable() {
        String refusal = editor.setProperty("d1", "units", 0);
        assertThat(refusal).contains("units = 0 is outside 1");
        assertThat(editor.setProperty("d1", "units", "abc")).contains("whole number");
        assertThat(editor.graph()).isEqualTo(Examples.mlp());
        assertThat(editor.setProperty("d1", "units", "512")).isNull();
        assertThat(((DenseSpec) editor.graph().node("d1").spec()).units()).isEqualTo(512);
        assertThat(editor.analysis().totalParams()).isGreaterThan(235_146);
        editor.undo();
        assertThat(editor.analysis().totalParams()).isEqualTo(235_146);
    }

    @Test
    void autoLayoutPlacesLayersLeftToRightAsOneUndoStep() {
        Graph g = new GraphBuilder().layer("in", InputSpec.vector(4))
                .after("in", "a", new DenseSpec(4, Activation.RELU, true))
                .after("in", "b", new DenseSpec(4, Activation.RELU, true))
                .merge("sum", new AddSpec(), "a", "b")
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY))
                .build();
        g = Graph.of(g.nodes().stream().map(n -> n.at(0, 0)).toList(), g.edges());
        editor.document().reset(g);
        editor.autoLayout();
        Graph laid = editor.graph();
        assertThat(laid.node("in").x()).isLessThan(laid.node("a").x());
        assertThat(laid.node("a").x()).isEqualTo(laid.node("b").x());
        assertThat(laid.node("a").y()).isNotEqualTo(laid.node("b").y());
        assertThat(laid.node("sum").x()).isGreaterThan(laid.node("a").x());
        assertThat(laid.node("out").x()).isGreaterThan(laid.node("sum").x());
        // the merge sits between its two inputs, and no two layers overlap
        assertThat(laid.node("sum").y()).isEqualTo((laid.node("a").y() + laid.node("b").y()) / 2);
        assertNoTwoLayersOverlap(laid);
        editor.undo();
        assertThat(editor.graph()).isEqualTo(g);
    }

    /** Boxes of WIDTH × HEIGHT at each node's position: no two may share any area. */
    static void assertNoTwoLayersOverlap(Graph g) {
        List<org.layerlab.graph.Node> nodes = List.copyOf(g.nodes());
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                org.layerlab.graph.Node a = nodes.get(i), b = nodes.get(j);
                boolean apartX = a.x() + NodeGeometry.WIDTH <= b.x() || b.x() + NodeGeometry.WIDTH <= a.x();
                boolean apartY = a.y() + NodeGeometry.HEIGHT <= b.y() || b.y() + NodeGeometry.HEIGHT <= a.y();
                assertThat(apartX || apartY).as(a.id() + " at (" + a.x() + ", " + a.y() + ") overlaps " + b.id()
                        + " at (" + b.x() + ", " + b.y() + ")").isTrue();
            }
        }
    }

    @Test
    void autoLayoutOfWideAndDeepGraphsOverlapsNothing() {
        // an inception-style block (four branches), LeNet, and a 40-layer chain that wraps into bands
        GraphBuilder wide = new GraphBuilder().layer("in", InputSpec.image(16, 16, 3));
        for (String b : List.of("b1", "b2", "b3", "b4")) wide.after("in", b, Conv2DSpec.of(8, 3, 1, Padding.SAME, Activation.RELU));
        wide.merge("cat", new ConcatSpec(), "b1", "b2", "b3", "b4").layer("f", new FlattenSpec())
                .layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY));
        GraphBuilder deep = new GraphBuilder().layer("in", InputSpec.vector(4));
        for (int i = 0; i < 40; i++) deep.layer("d" + i, new DenseSpec(4, Activation.RELU, true));
        deep.layer("out", new OutputSpec(2, Activation.SOFTMAX, Loss.CATEGORICAL_CROSS_ENTROPY));
        for (Graph g : List.of(wide.build(), Examples.lenet(), deep.build())) {
            editor.document().reset(Graph.of(g.nodes().stream().map(n -> n.at(0, 0)).toList(), g.edges()));
            editor.autoLayout(6); // six columns a band: the 42-layer chain wraps into seven bands
            assertNoTwoLayersOverlap(editor.graph());
        }
        // negative control: the same check refuses the graph as it was, every layer at (0, 0)
        Graph stacked = Graph.of(Examples.lenet().nodes().stream().map(n -> n.at(0, 0)).toList(), Examples.lenet().edges());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> assertNoTwoLayersOverlap(stacked)).isInstanceOf(AssertionError.class);
    }

    @Test
    void autoLayoutSurvivesACycleFromAHandEditedFile() {
        Graph g = Graph.of(Examples.mlp().nodes(), List.of(new Edge("d1", "d2", 0), new Edge("d2", "d1", 0)));
        Map<String, Point> pos = AutoLayout.layout(g);
        assertThat(pos).containsOnlyKeys("in", "d1", "d2", "out");
    }

    @Test
    void undoThatRemovesASelectedLayerDropsItFromTheSelection() {
        String id = editor.addLayer(new DenseSpec(3, Activation.RELU, true), 0, 0);
        editor.select(id);
        editor.undo();
        assertThat(editor.selection()).isEmpty();
        editor.redo();
        assertThat(editor.graph().contains(id)).isTrue();
    }

    @Test
    void renamingALayerMovesItsWiresAndSelectionAndUndoes() {
        editor.document().reset(Examples.mlp());
        Graph before = editor.graph();
        editor.select("d1");
        assertThat(editor.rename("d1", "hidden")).isNull();
        Graph after = editor.graph();
        assertThat(after.node("d1")).isNull();
        assertThat(after.node("hidden").spec()).isEqualTo(before.node("d1").spec());
        assertThat(after.edges()).extracting(e -> e.from() + ">" + e.to()).contains("in>hidden", "hidden>d2").noneMatch(w -> w.contains("d1"));
        assertThat(List.copyOf(after.nodes()).indexOf(after.node("hidden"))).isEqualTo(List.copyOf(before.nodes()).indexOf(before.node("d1")));
        assertThat(editor.selection()).containsExactly("hidden");
        assertThat(editor.document().undoLabel()).isEqualTo("Rename 'd1' to 'hidden'");
        editor.undo();
        assertThat(editor.graph()).isEqualTo(before);
        // refusals name the fix and change nothing
        assertThat(editor.rename("d1", "d2")).contains("already named 'd2'");
        assertThat(editor.rename("d1", "2nd layer")).contains("must start with a letter");
        assertThat(editor.graph()).isEqualTo(before);
    }
}
