package org.layerlab.canvas;

/**
 * Fixed size of a layer on the canvas and where its ports sit, so wires, layout and hit tests
 * agree without waiting for a layout pass. Canvas units (1 = one pixel at 100 % zoom).
 */
public final class NodeGeometry {
    public static final double WIDTH = 160;
    public static final double HEIGHT = 74;
    public static final double PORT_RADIUS = 6;

    private NodeGeometry() {}

    /** Y of input port {@code port} of a node showing {@code ports} input ports. */
    public static double inputY(int port, int ports) {
        return HEIGHT * (port + 1) / (ports + 1);
    }

    public static double outputY() {
        return HEIGHT / 2;
    }
}
