package org.layerlab.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Examples;
import org.layerlab.graph.Graph;
import org.layerlab.graph.GraphBuilder;
import org.layerlab.graph.Node;
import org.layerlab.graph.command.GraphDocument;
import org.layerlab.graph.spec.Activation;
import org.layerlab.graph.spec.Conv2DSpec;
import org.layerlab.graph.spec.DenseSpec;
import org.layerlab.graph.spec.LayerCatalog;
import org.layerlab.graph.spec.InputSpec;
import org.layerlab.graph.spec.Padding;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Real gestures through a robot on the headless (Monocle) toolkit. */
@ExtendWith(ApplicationExtension.class)
class CanvasGestureTest {

    private GraphDocument doc;
    private EditorPane pane;
    private Scene scene;

    @Start
    void start(Stage stage) {
        Graph g = new GraphBuilder()
                .node("in", InputSpec.vector(784))
                .node("dense", new DenseSpec(32, Activation.RELU, true))
                .node("conv", Conv2DSpec.of(8, 3, 1, Padding.SAME, Activation.RELU))
                .build();
        g = Graph.of(List.of(g.node("in").at(40, 60), g.node("dense").at(340, 60), g.node("conv").at(340, 260)), List.of());
        doc = new GraphDocument(g);
        pane = new EditorPane(doc);
        scene = new Scene(pane, 1200, 760);
        scene.getStylesheets().add(Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    private Point2D screenOfCanvas(double x, double y) {
        Point2D local = pane.canvas().canvasToLocal(x, y);
        return pane.canvas().localToScreen(local);
    }

    private Point2D outputPortOf(String id) {
        Node n = doc.graph().node(id);
        return screenOfCanvas(n.x() + NodeGeometry.WIDTH, n.y() + NodeGeometry.outputY());
    }

    private Point2D centreOf(String id) {
        Node n = doc.graph().node(id);
        return screenOfCanvas(n.x() + NodeGeometry.WIDTH / 2, n.y() + NodeGeometry.HEIGHT / 2);
    }

    @Test
    void draggingAPaletteEntryOntoTheCanvasAddsThatLayerWhereItWasDropped(FxRobot robot) {
        robot.clickOn("#palette-search").write("drop");
        assertThat(robot.lookup(".palette-item").queryAllAs(Label.class).stream().filter(javafx.scene.Node::isVisible)
                .map(Label::getText)).containsExactly("Dropout");
        Label dense = robot.lookup(".palette-item").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("Dropout")).findFirst().orElseThrow();
        robot.drag(dense, MouseButton.PRIMARY).moveTo(screenOfCanvas(600, 500)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        Node added = doc.graph().nodes().stream().filter(n -> n.spec().typeName().equals("Dropout")).findFirst().orElseThrow();
        assertThat(added.x() + NodeGeometry.WIDTH / 2).isCloseTo(600, org.assertj.core.data.Offset.offset(3.0));
        assertThat(added.y() + NodeGeometry.HEIGHT / 2).isCloseTo(500, org.assertj.core.data.Offset.offset(3.0));
        assertThat(pane.editor().selection()).containsExactly(added.id());
        robot.interact(() -> pane.editor().undo());
        assertThat(doc.graph().contains(added.id())).isFalse();
    }

    @Test
    void draggingFromAnOutputPortToACompatibleLayerWiresThem(FxRobot robot) {
        robot.drag(outputPortOf("in"), MouseButton.PRIMARY).moveTo(centreOf("dense")).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.graph().edges()).containsExactly(new Edge("in", "dense", 0));
        assertThat(robot.lookup(".wire-label").queryAllAs(Label.class))
                .anySatisfy(l -> assertThat(l.getText()).isEqualTo("784"));
    }

    @Test
    void anIncompatibleWireIsRefusedWithTheReasonAndPortsAreColouredWhileDragging(FxRobot robot) {
        List<String> messages = new java.util.ArrayList<>();
        robot.interact(() -> pane.editor().addMessageListener(messages::add));
        robot.drag(outputPortOf("in"), MouseButton.PRIMARY).moveTo(centreOf("conv"));
        // mid-drag: Dense accepts a vector, Conv2D does not
        assertThat(robot.lookup("#node-dense .input-port").query().getPseudoClassStates().toString()).contains("compatible");
        assertThat(robot.lookup("#node-conv .input-port").query().getPseudoClassStates().toString()).contains("incompatible");
        robot.release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(doc.graph().edges()).isEmpty();
        assertThat(messages).singleElement().asString().contains("needs an image input");
        assertThat(robot.lookup("#node-dense .input-port").query().getPseudoClassStates()).isEmpty();
    }

    @Test
    void draggingALayerMovesItAsOneUndoableStep(FxRobot robot) {
        Graph before = doc.graph();
        Point2D from = centreOf("dense");
        robot.drag(from, MouseButton.PRIMARY).moveBy(40, 10).moveBy(60, 30).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double zoom = pane.canvas().zoom();
        assertThat(doc.graph().node("dense").x()).isCloseTo(340 + 100 / zoom, org.assertj.core.data.Offset.offset(1.5));
        assertThat(doc.graph().node("dense").y()).isCloseTo(60 + 40 / zoom, org.assertj.core.data.Offset.offset(1.5));
        assertThat(doc.undoLabel()).isEqualTo("Move layer");
        robot.interact(() -> pane.editor().undo());
        assertThat(doc.graph()).isEqualTo(before);
    }

    @Test
    void rubberBandSelectsLayersAndDeleteRemovesThemUndoably(FxRobot robot) {
        Graph before = doc.graph();
        robot.drag(screenOfCanvas(300, 20), MouseButton.PRIMARY).moveTo(screenOfCanvas(600, 400)).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.editor().selection()).containsExactlyInAnyOrder("dense", "conv");
        robot.type(KeyCode.DELETE);
        assertThat(doc.graph().ids()).containsExactly("in");
        robot.interact(() -> pane.editor().undo());
        assertThat(doc.graph()).isEqualTo(before);
    }

    @Test
    void shiftClickAddsToTheSelectionAndCopyPasteAddsAnOffsetCopy(FxRobot robot) {
        robot.clickOn(centreOf("in"));
        robot.press(KeyCode.SHIFT).clickOn(centreOf("dense")).release(KeyCode.SHIFT);
        assertThat(pane.editor().selection()).containsExactlyInAnyOrder("in", "dense");
        robot.interact(() -> {
            pane.editor().connect("in", "dense");
            pane.editor().copy();
            pane.editor().paste();
        });
        assertThat(doc.graph().size()).isEqualTo(5);
        assertThat(doc.graph().edges()).hasSize(2);
        assertThat(robot.lookup(".layer-node").queryAll()).hasSize(5);
        // the copies are the pasted selection, each at its source moved by the paste offset, wired as the sources were
        java.util.Set<String> first = java.util.Set.copyOf(pane.editor().selection());
        assertThat(first).hasSize(2).doesNotContain("in", "dense");
        assertCopiesOffsetBy(first, Editor.PASTE_OFFSET);
        robot.interact(() -> pane.editor().paste()); // a second paste lands further away, not on the first
        java.util.Set<String> second = java.util.Set.copyOf(pane.editor().selection());
        assertThat(second).hasSize(2).doesNotContainAnyElementsOf(first);
        assertCopiesOffsetBy(second, 2 * Editor.PASTE_OFFSET);
    }

    private void assertCopiesOffsetBy(java.util.Set<String> copies, double offset) {
        Node in = doc.graph().node("in"), dense = doc.graph().node("dense");
        Node copyOfIn = copies.stream().map(id -> doc.graph().node(id)).filter(n -> n.spec().equals(in.spec())).findFirst().orElseThrow();
        Node copyOfDense = copies.stream().map(id -> doc.graph().node(id)).filter(n -> n.spec().equals(dense.spec())).findFirst().orElseThrow();
        assertThat(copyOfIn.x() - in.x()).isEqualTo(offset);
        assertThat(copyOfIn.y() - in.y()).isEqualTo(offset);
        assertThat(copyOfDense.x() - dense.x()).isEqualTo(offset);
        assertThat(copyOfDense.y() - dense.y()).isEqualTo(offset);
        assertThat(doc.graph().edges()).anyMatch(e -> e.from().equals(copyOfIn.id()) && e.to().equals(copyOfDense.id()));
    }

    @Test
    void aPaletteLayerDroppedOnAWireGoesIntoItAsOneUndoStep(FxRobot robot) throws Exception {
        robot.interact(() -> pane.editor().connect("in", "dense"));
        Graph before = doc.graph();
        Node in = doc.graph().node("in"), dense = doc.graph().node("dense");
        // the middle of the wire: halfway between the two ports (the S-curve is symmetric)
        double cx = (in.x() + NodeGeometry.WIDTH + dense.x()) / 2, cy = (in.y() + NodeGeometry.outputY() + dense.y() + NodeGeometry.outputY()) / 2;
        Point2D scenePoint = WaitForAsyncUtils.asyncFx(() -> pane.canvas().localToScene(pane.canvas().canvasToLocal(cx, cy))).get();
        LayerCatalog.Entry dropout = LayerCatalog.entries().stream().filter(e -> e.name().equals("Dropout")).findFirst().orElseThrow();
        assertThat(WaitForAsyncUtils.asyncFx(() -> pane.canvas().wireAt(scenePoint.getX(), scenePoint.getY())).get())
                .isEqualTo(new org.layerlab.graph.Edge("in", "dense", 0));
        robot.interact(() -> pane.canvas().drop(dropout, scenePoint.getX(), scenePoint.getY()));
        String added = pane.editor().selection().iterator().next();
        assertThat(doc.graph().node(added).spec()).isInstanceOf(org.layerlab.graph.spec.DropoutSpec.class);
        assertThat(doc.graph().edges()).containsExactlyInAnyOrder(new org.layerlab.graph.Edge("in", added, 0), new org.layerlab.graph.Edge(added, "dense", 0));
        assertThat(doc.undoLabel()).isEqualTo("Insert Dropout between 'in' and 'dense'");
        robot.interact(() -> pane.editor().undo());
        assertThat(doc.graph()).isEqualTo(before);
        // away from any wire, a drop only adds the layer
        Point2D empty = WaitForAsyncUtils.asyncFx(() -> pane.canvas().localToScene(pane.canvas().canvasToLocal(700, 600))).get();
        robot.interact(() -> pane.canvas().drop(dropout, empty.getX(), empty.getY()));
        assertThat(doc.graph().edges()).containsExactlyElementsOf(before.edges());
    }

    @Test
    void ctrlWheelZoomsAroundTheCursorAndFitShowsEveryLayer(FxRobot robot) {
        robot.moveTo(screenOfCanvas(200, 200));
        Point2D before = screenOfCanvas(200, 200);
        robot.press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(pane.canvas().zoom()).isNotEqualTo(1.0);
        Point2D after = screenOfCanvas(200, 200);
        assertThat(after.distance(before)).isLessThan(2);

        robot.interact(() -> {
            pane.editor().addLayer(new DenseSpec(4, Activation.RELU, true), 3000, 2000);
            pane.canvas().fit();
        });
        Bounds view = pane.canvas().localToScreen(pane.canvas().getLayoutBounds());
        for (Node n : doc.graph().nodes()) {
            assertThat(view.contains(screenOfCanvas(n.x(), n.y()))).isTrue();
            assertThat(view.contains(screenOfCanvas(n.x() + NodeGeometry.WIDTH, n.y() + NodeGeometry.HEIGHT))).isTrue();
        }
    }

    @Test
    void theInspectorRejectsBadValuesWithTheReasonAndAppliesGoodOnesUndoably(FxRobot robot) {
        robot.clickOn(centreOf("dense"));
        TextField units = robot.lookup("#prop-units").queryAs(TextField.class);
        robot.doubleClickOn(units).eraseText(4).write("0").type(KeyCode.ENTER);
        assertThat(pane.inspector().errorText()).contains("units = 0 is outside 1");
        assertThat(((DenseSpec) doc.graph().node("dense").spec()).units()).isEqualTo(32);
        assertThat(units.getPseudoClassStates().toString()).contains("invalid");

        robot.doubleClickOn(units).eraseText(4).write("128").type(KeyCode.ENTER);
        assertThat(((DenseSpec) doc.graph().node("dense").spec()).units()).isEqualTo(128);
        assertThat(pane.inspector().errorText()).isEmpty();
        robot.interact(() -> pane.editor().undo());
        assertThat(units.getText()).isEqualTo("32");
    }

    @Test
    void problemsNameTheLayerAndClickingOneSelectsIt(FxRobot robot) {
        var list = pane.problems().list();
        var convProblem = list.getItems().stream().filter(p -> "conv".equals(p.nodeId())).findFirst().orElseThrow();
        assertThat(convProblem.message()).contains("'conv'");
        var cell = robot.lookup(".list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getItem() == convProblem).findFirst().orElseThrow();
        robot.clickOn(cell);
        assertThat(pane.editor().selection()).containsExactly("conv");
    }

    @Test
    void lenetRendersInBothThemes(FxRobot robot) throws Exception {
        Path out = Path.of("target", "snapshots");
        Files.createDirectories(out);
        robot.interact(() -> {
            doc.reset(Examples.lenet());
            pane.canvas().autoLayout();
            pane.canvas().fit();
            pane.editor().select("c2");
        });
        java.util.Map<Theme, java.awt.image.BufferedImage> shots = new java.util.EnumMap<>(Theme.class);
        for (Theme theme : Theme.values()) {
            robot.interact(() -> theme.applyTo(scene.getRoot()));
            WritableImage img = WaitForAsyncUtils.asyncFx(() -> pane.canvas().snapshot(null, null)).get();
            java.awt.image.BufferedImage b = SwingFXUtils.fromFXImage(img, null);
            ImageIO.write(b, "png", out.resolve("editor-lenet-" + theme.name().toLowerCase() + ".png").toFile());
            shots.put(theme, b);
        }
        // the themes differ where it matters: the canvas background is light in one and dark in the other
        assertThat(luminance(shots.get(Theme.LIGHT).getRGB(3, 3))).isGreaterThan(0.7);
        assertThat(luminance(shots.get(Theme.DARK).getRGB(3, 3))).isLessThan(0.3);
        // every layer is drawn: its family stripe (left edge, above the port) stands out from the background in both themes
        for (Node n : doc.graph().nodes()) {
            for (Theme theme : Theme.values()) {
                java.awt.image.BufferedImage b = shots.get(theme);
                Point2D c = pane.canvas().canvasToLocal(n.x() + 2, n.y() + 12);
                assertThat(contrastAround(b, c.getX(), c.getY())).as(n.id() + " drawn in " + theme).isGreaterThan(0.15);
            }
        }
        // 200 %: the canvas scales vectors, so text and lines stay sharp (look at the PNG)
        robot.interact(() -> {
            Theme.LIGHT.applyTo(scene.getRoot());
            pane.canvas().setViewState(new org.layerlab.graph.project.ViewState(2, -40, -180));
        });
        WritableImage big = WaitForAsyncUtils.asyncFx(() -> pane.canvas().snapshot(null, null)).get();
        java.awt.image.BufferedImage b2 = SwingFXUtils.fromFXImage(big, null);
        ImageIO.write(b2, "png", out.resolve("editor-lenet-200.png").toFile());
        // at 200 % a layer's box is twice as wide on screen, and the layers in view are drawn
        Node c1 = doc.graph().node("c1");
        Point2D left = pane.canvas().canvasToLocal(c1.x(), c1.y()), right = pane.canvas().canvasToLocal(c1.x() + NodeGeometry.WIDTH, c1.y());
        assertThat(right.getX() - left.getX()).isCloseTo(2 * NodeGeometry.WIDTH, org.assertj.core.data.Offset.offset(0.5));
        int inView = 0;
        for (Node n : doc.graph().nodes()) {
            Point2D stripe = pane.canvas().canvasToLocal(n.x() + 2, n.y() + 12);
            if (stripe.getX() < 4 || stripe.getY() < 4 || stripe.getX() > b2.getWidth() - 4 || stripe.getY() > b2.getHeight() - 4) continue;
            inView++;
            assertThat(contrastAround(b2, stripe.getX(), stripe.getY())).as(n.id() + " drawn at 200 %").isGreaterThan(0.15);
        }
        assertThat(inView).isGreaterThanOrEqualTo(2);
        assertThat(robot.lookup(".layer-node").queryAll()).hasSize(8);
        assertThat(robot.lookup(".wire").queryAll()).hasSize(7);
    }

    /** The largest luminance difference from the image's corner within 3 px of (x, y): something is drawn there. */
    static double contrastAround(java.awt.image.BufferedImage img, double x, double y) {
        double bg = luminance(img.getRGB(3, 3)), most = 0;
        for (int dx = -3; dx <= 3; dx++) {
            for (int dy = -3; dy <= 3; dy++) {
                int px = (int) Math.round(x) + dx, py = (int) Math.round(y) + dy;
                if (px >= 0 && py >= 0 && px < img.getWidth() && py < img.getHeight()) most = Math.max(most, Math.abs(luminance(img.getRGB(px, py)) - bg));
            }
        }
        return most;
    }

    static double luminance(int argb) {
        return (0.2126 * ((argb >> 16) & 255) + 0.7152 * ((argb >> 8) & 255) + 0.0722 * (argb & 255)) / 255;
    }

    @Test
    void tooltipsAreMadeOnFirstHoverAndShowTheCurrentText(FxRobot robot) throws Exception {
        Label dense = robot.lookup(".palette-item").queryAllAs(Label.class).stream()
                .filter(l -> l.getText().equals("Dense")).findFirst().orElseThrow();
        var body = robot.lookup("#node-dense .layer-body").query();
        assertThat(Tips.of(dense)).as("no popup before the pointer comes").isNull();
        assertThat(Tips.of(body)).isNull();

        robot.moveTo(dense).moveBy(3, 1).moveBy(3, 1);
        WaitForAsyncUtils.sleep(900, java.util.concurrent.TimeUnit.MILLISECONDS);
        var tip = Tips.of(dense);
        assertThat(tip).isNotNull();
        assertThat(tip.getText()).isEqualTo(((LayerCatalog.Entry) dense.getUserData()).description());
        assertThat(tip.isShowing()).as("shown after its delay").isTrue();
        writeSnapshot(robot, tip, "tooltip-palette-dense");

        // a layer's tooltip is read when hovered: it says what is wrong with the layer now
        robot.moveTo(centreOf("dense")).moveBy(3, 1).moveBy(3, 1);
        WaitForAsyncUtils.sleep(700, java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(Tips.of(body)).isNotNull();
        assertThat(Tips.of(body).getText()).startsWith("Dense 'dense'").contains("has no input");
        assertThat(Tips.of(body).isShowing()).isTrue();
        writeSnapshot(robot, Tips.of(body), "tooltip-layer-problems");
        robot.moveTo(centreOf("in"));
        robot.interact(() -> doc.execute(new org.layerlab.graph.command.ConnectCommand(new Edge("in", "dense", 0))));
        robot.moveTo(centreOf("dense")).moveBy(3, 1);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Tips.of(body).getText()).doesNotContain("has no input").contains("no loss");
    }

    private static void writeSnapshot(FxRobot robot, javafx.scene.control.Tooltip tip, String name) throws Exception {
        Path out = Path.of("target", "snapshots");
        Files.createDirectories(out);
        WritableImage img = WaitForAsyncUtils.asyncFx(() -> tip.getScene().getRoot().snapshot(null, null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", out.resolve(name + ".png").toFile());
    }
}
