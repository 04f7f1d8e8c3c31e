package org.layerlab.canvas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.layerlab.graph.Edge;
import org.layerlab.graph.Graph;
import org.layerlab.graph.Node;
import org.layerlab.graph.command.MoveNodesCommand.Point;

/**
 * Layered left-to-right layout: each layer sits one column right of its furthest input (longest
 * path), columns are ordered by the mean row of their inputs to reduce crossings, and each column
 * is centred on the tallest. Pure; any thread.
 */
public final class AutoLayout {
    public static final double COLUMN = NodeGeometry.WIDTH + 80;
    public static final double ROW = NodeGeometry.HEIGHT + 46;
    public static final double MARGIN = 40;
    public static final double BAND_GAP = 40;

    private AutoLayout() {}

    public static Map<String, Point> layout(Graph g) {
        return layout(g, Integer.MAX_VALUE);
    }

    /**
     * As {@link #layout(Graph)}, but a deep network wraps into bands of at most {@code maxColumns}
     * columns, one band below the other, so a long chain stays readable in a narrow window.
     */
    public static Map<String, Point> layout(Graph g, int maxColumns) {
        int perBand = Math.max(1, maxColumns);
        Map<String, Integer> column = columns(g);
        int columns = column.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<List<String>> cols = new ArrayList<>();
        for (int i = 0; i < columns; i++) cols.add(new ArrayList<>());
        // start from the current vertical order so a layout the user shaped stays recognisable
        List<Node> byY = new ArrayList<>(g.nodes());
        byY.sort((a, b) -> Double.compare(a.y(), b.y()));
        for (Node n : byY) cols.get(column.get(n.id())).add(n.id());

        Map<String, Double> row = new HashMap<>();
        for (List<String> col : cols) for (int i = 0; i < col.size(); i++) row.put(col.get(i), (double) i);
        for (int sweep = 0; sweep < 4; sweep++) {
            for (int c = 1; c < columns; c++) {
                List<String> col = cols.get(c);
                Map<String, Double> centre = new HashMap<>();
                for (String id : col) {
                    double sum = 0;
                    int k = 0;
                    for (Edge e : g.inputsOf(id)) {
                        sum += row.get(e.from());
                        k++;
                    }
                    centre.put(id, k == 0 ? row.get(id) : sum / k);
                }
                col.sort((a, b) -> Double.compare(centre.get(a), centre.get(b)));
                for (int i = 0; i < col.size(); i++) row.put(col.get(i), (double) i);
            }
        }

        Map<String, Point> out = new LinkedHashMap<>();
        double bandTop = MARGIN;
        for (int start = 0; start < columns; start += perBand) {
            int end = Math.min(columns, start + perBand);
            int tallest = 1;
            for (int c = start; c < end; c++) tallest = Math.max(tallest, cols.get(c).size());
            for (int c = start; c < end; c++) {
                List<String> col = cols.get(c);
                double top = bandTop + (tallest - col.size()) * ROW / 2;
                for (int i = 0; i < col.size(); i++) {
                    out.put(col.get(i), new Point(MARGIN + (c - start) * COLUMN, top + i * ROW));
                }
            }
            bandTop += tallest * ROW + BAND_GAP;
        }
        return out;
    }

    /** How many columns fit a view {@code width} pixels wide at 100 % (at least 3; 4 when the width is unknown). */
    public static int columnsFor(double width) {
        return width <= 0 ? 4 : (int) Math.max(3, Math.floor((width - 2 * MARGIN + COLUMN - NodeGeometry.WIDTH) / COLUMN));
    }

    /** {@code g} with its nodes moved to the layout's positions (for a graph that is not yet a document). */
    public static Graph apply(Graph g, int maxColumns) {
        Map<String, Point> at = layout(g, maxColumns);
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) nodes.add(n.at(at.get(n.id()).x(), at.get(n.id()).y()));
        return Graph.of(nodes, g.edges());
    }

    /** Longest-path column of each node; nodes on a cycle (only possible in a hand-edited file) go last. */
    static Map<String, Integer> columns(Graph g) {
        Map<String, Integer> indegree = new HashMap<>();
        for (Node n : g.nodes()) indegree.put(n.id(), 0);
        for (Edge e : g.edges()) indegree.merge(e.to(), 1, Integer::sum);
        List<String> ready = new ArrayList<>();
        for (Node n : g.nodes()) if (indegree.get(n.id()) == 0) ready.add(n.id());
        Map<String, Integer> column = new LinkedHashMap<>();
        for (String id : ready) column.put(id, 0);
        for (int i = 0; i < ready.size(); i++) {
            String id = ready.get(i);
            for (Edge e : g.outputsOf(id)) {
                column.merge(e.to(), column.get(id) + 1, Math::max);
                if (indegree.merge(e.to(), -1, Integer::sum) == 0) ready.add(e.to());
            }
        }
        int last = column.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        java.util.Set<String> placed = new java.util.HashSet<>(ready);
        for (Node n : g.nodes()) {
            if (!placed.contains(n.id())) column.put(n.id(), last);
        }
        return column;
    }
}
