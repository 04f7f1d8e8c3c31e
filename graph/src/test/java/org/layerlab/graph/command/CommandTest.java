package org.layerlab.graph.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Fixtures;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.DenseSpec;

class CommandTest {

    private static final Graph G = Fixtures.mlp();

    static Stream<Command> everyCommand() {
        Command add = Commands.addLayer(G, new DenseSpec(8, Activation.TANH, true), 10, 20);
        Node extra = new Node("extra", new DenseSpec(3, Activation.RELU, true), 0, 0);
        Graph withExtra = G.withNode(extra);
        return Stream.of(
                add,
                new AddNodeCommand(new Node("x1", new DenseSpec(2, Activation.RELU, false), 5, 5)),
                RemoveNodeCommand.of(withExtra, "extra"),
                new ConnectCommand(new Edge("d1", "extra", 0)),
                DisconnectCommand.of(G, G.edges().get(1)),
                MoveNodesCommand.by(G, List.of("d1", "d2"), 15, -4),
                MoveNodesCommand.to(G, Map.of("in", new MoveNodesCommand.Point(0, 0)), "Auto-layout"),
                ChangeSpecCommand.setProperty(G, "d1", "units", 64),
                Commands.deleteSelection(G, List.of("d1", "d2")),
                Commands.paste(G, Commands.copy(G, List.of("d1", "d2")), 30, 30).command(),
                new CompoundCommand("two", List.of(MoveNodesCommand.by(G, List.of("in"), 1, 1),
                        ChangeSpecCommand.setProperty(G, "d2", "activation", "TANH"))));
    }

    private static Graph start(Command c) {
        if (c instanceof RemoveNodeCommand) return G.withNode(new Node("extra", new DenseSpec(3, Activation.RELU, true), 0, 0));
        if (c instanceof ConnectCommand) return G.withNode(new Node("extra", new DenseSpec(3, Activation.RELU, true), 0, 0));
        return G;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyCommand")
    void applyRevertApplyRoundTrips(Command c) {
        Graph before = start(c);
        Graph after = c.apply(before);
        assertThat(after).isNotEqualTo(before);
        assertThat(c.revert(after)).isEqualTo(before);
        assertThat(c.apply(c.revert(after))).isEqualTo(after);
        assertThat(c.label()).isNotBlank();
    }

    @Test
    void deleteSelectionRemovesWiresThenNodesAndUndoRestoresOrder() {
        CompoundCommand del = Commands.deleteSelection(G, List.of("d1"));
        Graph after = del.apply(G);
        assertThat(after.contains("d1")).isFalse();
        assertThat(after.edges()).hasSize(1);
        assertThat(del.parts().get(0)).isInstanceOf(DisconnectCommand.class);
        assertThat(del.parts().get(del.parts().size() - 1)).isInstanceOf(RemoveNodeCommand.class);
        Graph back = del.revert(after);
        assertThat(back).isEqualTo(G);
        assertThat(List.copyOf(back.ids())).containsExactly("in", "d1", "d2", "out");
    }

    @Test
    void pasteGivesFreshIdsOffsetsAndKeepsInternalWires() {
        Commands.Paste p = Commands.paste(G, Commands.copy(G, List.of("d1", "d2")), 40, 25);
        Graph after = p.command().apply(G);
        assertThat(p.newIds()).containsExactly("d3", "d4");
        assertThat(after.edges()).contains(new Edge("d3", "d4", 0));
        assertThat(after.node("d3").x()).isEqualTo(G.node("d1").x() + 40);
        assertThat(after.node("d3").spec()).isEqualTo(G.node("d1").spec());
        assertThat(after.inputsOf("d3")).isEmpty(); // the wire from 'in' was outside the selection
    }

    @Test
    void invalidPropertyIsRejectedWithTheReason() {
        assertThatThrownBy(() -> ChangeSpecCommand.setProperty(G, "d1", "units", -3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("units = -3 is outside 1");
        assertThatThrownBy(() -> ChangeSpecCommand.setProperty(G, "d1", "units", "many"))
                .hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> ChangeSpecCommand.setProperty(G, "d1", "activation", "wobbly"))
                .hasMessageContaining("must be one of");
        assertThatThrownBy(() -> ChangeSpecCommand.setProperty(G, "d1", "colour", 1)).hasMessageContaining("no property 'colour'");
    }

    @Test
    void connectRejectsDoubleWiredPortAndUnknownNodes() {
        assertThatThrownBy(() -> new ConnectCommand(new Edge("in", "d2", 0)).apply(G)).hasMessageContaining("wired twice");
        assertThatThrownBy(() -> new ConnectCommand(new Edge("nope", "d2", 1)).apply(G)).hasMessageContaining("unknown node 'nope'");
    }
}
