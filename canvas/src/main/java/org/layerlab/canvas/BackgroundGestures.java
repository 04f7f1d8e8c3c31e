package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Point2D;
import javafx.scene.Cursor;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import org.layerlab.graph.Node;

/**
 * What the empty canvas and the keyboard do: rubber-band selection, panning (middle drag,
 * space + drag, wheel), ctrl/cmd + wheel zoom, Delete, arrow nudges, Escape. FX thread only.
 */
final class BackgroundGestures {
    private final Region host;
    private final Editor editor;
    private final Viewport viewport;
    private final Rectangle band = new Rectangle();
    private final Runnable selectionShown;
    private boolean spaceDown;
    private Point2D pressLocal;
    private double panStartX;
    private double panStartY;
    private boolean panning;
    private boolean banding;

    BackgroundGestures(Region host, Editor editor, Viewport viewport, Runnable selectionShown) {
        this.host = host;
        this.editor = editor;
        this.viewport = viewport;
        this.selectionShown = selectionShown;
        band.getStyleClass().add("rubber-band");
        band.setVisible(false);
        band.setMouseTransparent(true);
        host.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        host.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        host.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        host.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        host.addEventHandler(KeyEvent.KEY_PRESSED, this::keyPressed);
        host.addEventHandler(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == KeyCode.SPACE) {
                spaceDown = false;
                host.setCursor(Cursor.DEFAULT);
            }
        });
    }

    /** The rubber band, drawn above the content in the host's coordinates. */
    Rectangle band() {
        return band;
    }

    /** While space is held, a primary drag pans instead of moving layers. */
    boolean isSpaceDown() {
        return spaceDown;
    }

    private void pressed(MouseEvent e) {
        host.requestFocus();
        pressLocal = new Point2D(e.getX(), e.getY());
        if (e.getButton() == MouseButton.MIDDLE || (e.getButton() == MouseButton.PRIMARY && spaceDown)) {
            panning = true;
            panStartX = viewport.panX();
            panStartY = viewport.panY();
            host.setCursor(Cursor.CLOSED_HAND);
        } else if (e.getButton() == MouseButton.PRIMARY) {
            banding = true;
            if (!e.isShiftDown() && !e.isShortcutDown()) editor.clearSelection();
            selectionShown.run();
            band.setX(e.getX());
            band.setY(e.getY());
            band.setWidth(0);
            band.setHeight(0);
            band.setVisible(true);
        }
    }

    private void dragged(MouseEvent e) {
        if (panning) {
            viewport.setPan(panStartX + e.getX() - pressLocal.getX(), panStartY + e.getY() - pressLocal.getY());
        } else if (banding) {
            band.setX(Math.min(e.getX(), pressLocal.getX()));
            band.setY(Math.min(e.getY(), pressLocal.getY()));
            band.setWidth(Math.abs(e.getX() - pressLocal.getX()));
            band.setHeight(Math.abs(e.getY() - pressLocal.getY()));
        }
    }

    private void released(MouseEvent e) {
        if (panning) {
            panning = false;
            host.setCursor(spaceDown ? Cursor.OPEN_HAND : Cursor.DEFAULT);
        } else if (banding) {
            banding = false;
            band.setVisible(false);
            if (band.getWidth() > 2 || band.getHeight() > 2) {
                Point2D a = viewport.localToCanvas(band.getX(), band.getY());
                Point2D b = viewport.localToCanvas(band.getX() + band.getWidth(), band.getY() + band.getHeight());
                List<String> hit = nodesIn(a.getX(), a.getY(), b.getX(), b.getY());
                if (e.isShiftDown() || e.isShortcutDown()) hit.addAll(editor.selection());
                editor.selectOnly(hit);
            }
        }
    }

    /** Layers that overlap the rectangle (canvas units). */
    private List<String> nodesIn(double x1, double y1, double x2, double y2) {
        List<String> out = new ArrayList<>();
        for (Node n : editor.graph().nodes()) {
            if (n.x() + NodeGeometry.WIDTH >= x1 && n.x() <= x2 && n.y() + NodeGeometry.HEIGHT >= y1 && n.y() <= y2) {
                out.add(n.id());
            }
        }
        return out;
    }

    private void scrolled(ScrollEvent e) {
        if (e.isShortcutDown()) {
            viewport.zoomAt(viewport.zoom() * Math.pow(1.0015, e.getDeltaY()), e.getX(), e.getY());
        } else {
            viewport.setPan(viewport.panX() + e.getDeltaX(), viewport.panY() + e.getDeltaY());
        }
        e.consume();
    }

    private void keyPressed(KeyEvent e) {
        KeyCode k = e.getCode();
        if (k == KeyCode.SPACE) {
            spaceDown = true;
            host.setCursor(Cursor.OPEN_HAND);
            e.consume();
        } else if (k == KeyCode.DELETE || k == KeyCode.BACK_SPACE) {
            editor.deleteSelection();
            e.consume();
        } else if (k.isArrowKey() && !editor.selection().isEmpty()) {
            double step = e.isShiftDown() ? 1 : 10;
            double dx = k == KeyCode.LEFT ? -step : k == KeyCode.RIGHT ? step : 0;
            double dy = k == KeyCode.UP ? -step : k == KeyCode.DOWN ? step : 0;
            editor.moveSelection(dx, dy);
            e.consume();
        } else if (k == KeyCode.ESCAPE) {
            editor.clearSelection();
            selectionShown.run();
            e.consume();
        }
    }
}
