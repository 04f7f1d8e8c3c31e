package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.util.Duration;
import org.layerlab.graph.Node;
import org.layerlab.graph.shape.Problem;
import org.layerlab.graph.shape.TensorShape;

/**
 * One layer on the canvas: type and name, output shape, parameter count, its ports, and its
 * problems (outline and tooltip). Styled by family and pseudo-classes selected / error / warning.
 */
final class NodeView extends Pane {
    static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    static final PseudoClass WARNING = PseudoClass.getPseudoClass("warning");
    static final PseudoClass COMPATIBLE = PseudoClass.getPseudoClass("compatible");
    static final PseudoClass INCOMPATIBLE = PseudoClass.getPseudoClass("incompatible");

    private final String id;
    private final VBox body = new VBox();
    private final Label title = new Label();
    private final Label name = new Label();
    private final Label shape = new Label();
    private final Label params = new Label();
    private final Label activation = new Label();
    private final Circle output = port("output-port");
    private final List<Circle> inputs = new ArrayList<>();
    private String tip = "";
    private final Circle badge = new Circle(6.5);
    private String badgeTip = "";
    private Node node;
    private String lastFamily;

    NodeView(Node node) {
        this.id = node.id();
        getStyleClass().add("layer-node");
        setId("node-" + id);
        title.getStyleClass().add("layer-type");
        name.getStyleClass().add("layer-name");
        shape.getStyleClass().add("layer-shape");
        params.getStyleClass().add("layer-params");
        var head = new javafx.scene.layout.HBox(6, title, name);
        head.getStyleClass().add("layer-head");
        activation.getStyleClass().add("layer-activation");
        activation.setMinWidth(0);
        shape.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.Region gap = new javafx.scene.layout.Region();
        javafx.scene.layout.HBox.setHgrow(gap, javafx.scene.layout.Priority.ALWAYS);
        var shapeLine = new javafx.scene.layout.HBox(6, shape, gap, activation);
        body.getChildren().addAll(head, shapeLine, params);
        body.getStyleClass().add("layer-body");
        body.setPrefSize(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
        body.resize(NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
        getChildren().addAll(body, output);
        Tips.install(body, () -> tip, Duration.millis(300), 360);
        badge.getStyleClass().add("health-badge");
        badge.setCenterX(NodeGeometry.WIDTH - 9);
        badge.setCenterY(9);
        badge.setVisible(false);
        Tips.install(badge, () -> badgeTip, Duration.millis(150), 420);
        getChildren().add(badge);
        setPickOnBounds(false);
        update(node, null, 0, List.of());
    }

    /** The activation in few letters, so it fits beside the widest shape ("identity" is "linear" here). */
    static String shortName(org.layerlab.graph.spec.Activation a) {
        return switch (a.name()) {
            case "IDENTITY" -> "linear";
            case "LEAKY_RELU" -> "leaky";
            default -> a.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    private static Circle port(String style) {
        Circle c = new Circle(NodeGeometry.PORT_RADIUS);
        c.getStyleClass().addAll("port", style);
        return c;
    }

    String nodeId() {
        return id;
    }

    Node node() {
        return node;
    }

    VBox body() {
        return body;
    }

    Circle outputPort() {
        return output;
    }

    List<Circle> inputPorts() {
        return inputs;
    }

    /** Refreshes texts, ports and problem marks from the model. */
    void update(Node n, TensorShape out, long paramCount, List<Problem> problems) {
        this.node = n;
        String family = "family-" + n.spec().family().name().toLowerCase(Locale.ROOT);
        if (!family.equals(lastFamily)) {
            if (lastFamily != null) getStyleClass().remove(lastFamily);
            getStyleClass().add(family);
            lastFamily = family;
        }
        title.setText(n.spec().typeName());
        name.setText(n.id());
        shape.setText(out == null ? "shape ?" : "→ " + out);
        params.setText(paramCount == 0 ? "no parameters" : String.format(Locale.ROOT, "%,d params", paramCount));
        // the activation is half of what a layer does: shown on the shape line, right-aligned
        activation.setText(n.spec() instanceof org.layerlab.graph.spec.OpaqueSpec ? "DL4J"
                : n.spec() instanceof org.layerlab.graph.spec.HasActivation a && a.activation() != null ? shortName(a.activation()) : "");
        boolean error = problems.stream().anyMatch(Problem::isError);
        pseudoClassStateChanged(ERROR, error);
        pseudoClassStateChanged(WARNING, !error && !problems.isEmpty());
        StringBuilder text = new StringBuilder(n.label());
        if (n.spec() instanceof org.layerlab.graph.spec.OpaqueSpec) {
            text.append("\nA DL4J layer kept exactly as the opened model had it: it trains and saves as it did; LayerLab cannot edit it.");
        }
        for (Problem p : problems) text.append("\n\n").append(p.isError() ? "✖ " : "⚠ ").append(p.message());
        if (problems.isEmpty()) text.append("\noutput ").append(out == null ? "unknown" : out.toString());
        tip = text.toString();
        relocate(n.x(), n.y());
        // an output layer ends the network: nothing may be wired from it
        output.setVisible(!(n.spec() instanceof org.layerlab.graph.spec.OutputSpec));
        output.setCenterX(NodeGeometry.WIDTH);
        output.setCenterY(NodeGeometry.outputY());
    }

    /** Shows {@code count} input ports (merges show one more than they have wires). */
    void setInputPortCount(int count) {
        while (inputs.size() > count) getChildren().remove(inputs.remove(inputs.size() - 1));
        while (inputs.size() < count) {
            Circle c = port("input-port");
            inputs.add(c);
            getChildren().add(c);
        }
        for (int i = 0; i < count; i++) {
            inputs.get(i).setCenterX(0);
            inputs.get(i).setCenterY(NodeGeometry.inputY(i, count));
        }
    }

    /** Zoomed far out only the layer type stays: the rest would be unreadable and costs rendering time. */
    void setDetailed(boolean detailed) {
        name.setVisible(detailed);
        shape.setVisible(detailed);
        params.setVisible(detailed);
    }

    /** Shows a training-health badge, or hides it (null). */
    void setBadge(NodeBadge b) {
        badge.setVisible(b != null);
        if (b == null) return;
        for (NodeBadge.Level l : NodeBadge.Level.values()) {
            badge.pseudoClassStateChanged(PseudoClass.getPseudoClass(l.name().toLowerCase(Locale.ROOT)), l == b.level());
        }
        badgeTip = b.text();
    }

    /** The badge's level, or null when none is shown (tests). */
    NodeBadge.Level badgeLevel() {
        if (!badge.isVisible()) return null;
        for (NodeBadge.Level l : NodeBadge.Level.values()) {
            if (badge.getPseudoClassStates().contains(PseudoClass.getPseudoClass(l.name().toLowerCase(Locale.ROOT)))) return l;
        }
        return null;
    }

    void setSelected(boolean selected) {
        pseudoClassStateChanged(SELECTED, selected);
    }

    /** During a wire drag: colours the ports this node offers (null = clear). */
    void markTarget(Boolean compatible) {
        for (Circle c : inputs) {
            c.pseudoClassStateChanged(COMPATIBLE, Boolean.TRUE.equals(compatible));
            c.pseudoClassStateChanged(INCOMPATIBLE, Boolean.FALSE.equals(compatible));
        }
        body.pseudoClassStateChanged(COMPATIBLE, Boolean.TRUE.equals(compatible));
        body.pseudoClassStateChanged(INCOMPATIBLE, Boolean.FALSE.equals(compatible));
    }

    @Override
    protected void layoutChildren() {
        body.resizeRelocate(0, 0, NodeGeometry.WIDTH, NodeGeometry.HEIGHT);
    }

    @Override
    protected double computePrefWidth(double h) {
        return NodeGeometry.WIDTH;
    }

    @Override
    protected double computePrefHeight(double w) {
        return NodeGeometry.HEIGHT;
    }
}
