package org.layerlab.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An immutable network graph: nodes in insertion order and edges. Every edit returns a new graph,
 * so a snapshot for training is simply the current value. Any thread.
 */
public final class Graph {

    private static final Graph EMPTY = new Graph(Map.of(), List.of());

    private final Map<String, Node> nodes;
    private final List<Edge> edges;

    private Graph(Map<String, Node> nodes, List<Edge> edges) {
        this.nodes = nodes;
        this.edges = edges;
    }

    public static Graph empty() {
        return EMPTY;
    }

    /**
     * Builds a graph, rejecting duplicate node ids and edges naming unknown nodes or repeating a
     * (to, port) pair, with a message that names them.
     */
    public static Graph of(Collection<Node> nodes, Collection<Edge> edges) {
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (map.put(n.id(), n) != null) {
                throw new IllegalArgumentException("two nodes have the id '" + n.id() + "'; ids must be unique");
            }
        }
        List<Edge> list = new ArrayList<>(edges.size());
        for (Edge e : edges) {
            checkEdge(map, list, e);
            list.add(e);
        }
        return new Graph(Collections.unmodifiableMap(map), Collections.unmodifiableList(list));
    }

    private static void checkEdge(Map<String, Node> nodes, List<Edge> existing, Edge e) {
        if (!nodes.containsKey(e.from())) {
            throw new IllegalArgumentException("edge " + e + " starts at unknown node '" + e.from() + "'");
        }
        if (!nodes.containsKey(e.to())) {
            throw new IllegalArgumentException("edge " + e + " ends at unknown node '" + e.to() + "'");
        }
        for (Edge o : existing) {
            if (o.to().equals(e.to()) && o.port() == e.port()) {
                throw new IllegalArgumentException("input port " + e.port() + " of '" + e.to()
                        + "' is wired twice (from '" + o.from() + "' and '" + e.from() + "')");
            }
        }
    }

    public Collection<Node> nodes() {
        return nodes.values();
    }

    public List<Edge> edges() {
        return edges;
    }

    public Set<String> ids() {
        return nodes.keySet();
    }

    public int size() {
        return nodes.size();
    }

    /** The node with this id, or null. */
    public Node node(String id) {
        return nodes.get(id);
    }

    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    /** Edges into {@code id}, ordered by port. */
    public List<Edge> inputsOf(String id) {
        List<Edge> in = new ArrayList<>();
        for (Edge e : edges) if (e.to().equals(id)) in.add(e);
        in.sort((a, b) -> Integer.compare(a.port(), b.port()));
        return in;
    }

    /** Edges leaving {@code id}. */
    public List<Edge> outputsOf(String id) {
        List<Edge> out = new ArrayList<>();
        for (Edge e : edges) if (e.from().equals(id)) out.add(e);
        return out;
    }

    /** Edges touching {@code id} in either direction. */
    public List<Edge> edgesOf(String id) {
        List<Edge> touching = new ArrayList<>();
        for (Edge e : edges) if (e.from().equals(id) || e.to().equals(id)) touching.add(e);
        return touching;
    }

    /** Lowest free input port of {@code id}. */
    public int freePort(String id) {
        int port = 0;
        for (Edge e : inputsOf(id)) {
            if (e.port() == port) port++;
            else if (e.port() > port) break;
        }
        return port;
    }

    public Graph withNode(Node n) {
        if (nodes.containsKey(n.id())) throw new IllegalArgumentException("a node '" + n.id() + "' exists already");
        Map<String, Node> map = new LinkedHashMap<>(nodes);
        map.put(n.id(), n);
        return new Graph(Collections.unmodifiableMap(map), edges);
    }

    /** Replaces the node with the same id, keeping its place in the order. */
    public Graph replacing(Node n) {
        requireNode(n.id());
        Map<String, Node> map = new LinkedHashMap<>(nodes);
        map.put(n.id(), n);
        return new Graph(Collections.unmodifiableMap(map), edges);
    }

    /** Removes a node that has no edges (remove its edges first). */
    public Graph withoutNode(String id) {
        requireNode(id);
        if (!edgesOf(id).isEmpty()) {
            throw new IllegalStateException("node '" + id + "' still has wires; disconnect them first");
        }
        Map<String, Node> map = new LinkedHashMap<>(nodes);
        map.remove(id);
        return new Graph(Collections.unmodifiableMap(map), edges);
    }

    /** Inserts a node at a position in the node order (used to undo a removal exactly). */
    public Graph withNodeAt(int index, Node n) {
        if (nodes.containsKey(n.id())) throw new IllegalArgumentException("a node '" + n.id() + "' exists already");
        List<Node> list = new ArrayList<>(nodes.values());
        list.add(Math.min(Math.max(index, 0), list.size()), n);
        Map<String, Node> map = new LinkedHashMap<>();
        for (Node x : list) map.put(x.id(), x);
        return new Graph(Collections.unmodifiableMap(map), edges);
    }

    /** Position of the node in the node order. */
    public int indexOf(String id) {
        int i = 0;
        for (String k : nodes.keySet()) {
            if (k.equals(id)) return i;
            i++;
        }
        return -1;
    }

    public Graph withEdge(Edge e) {
        checkEdge(nodes, edges, e);
        List<Edge> list = new ArrayList<>(edges);
        list.add(e);
        return new Graph(nodes, Collections.unmodifiableList(list));
    }

    public Graph withEdgeAt(int index, Edge e) {
        checkEdge(nodes, edges, e);
        List<Edge> list = new ArrayList<>(edges);
        list.add(Math.min(Math.max(index, 0), list.size()), e);
        return new Graph(nodes, Collections.unmodifiableList(list));
    }

    public Graph withoutEdge(Edge e) {
        List<Edge> list = new ArrayList<>(edges);
        if (!list.remove(e)) throw new IllegalArgumentException("no wire " + e);
        return new Graph(nodes, Collections.unmodifiableList(list));
    }

    private void requireNode(String id) {
        if (!nodes.containsKey(id)) throw new IllegalArgumentException("no node '" + id + "'");
    }

    /** A fresh id "prefixN" not used in this graph. */
    public String freshId(String prefix) {
        String base = prefix.replaceAll("[^A-Za-z0-9_-]", "").toLowerCase();
        if (base.isEmpty() || !Character.isLetter(base.charAt(0))) base = "n" + base;
        for (int i = 1; ; i++) {
            String id = base + i;
            if (!nodes.containsKey(id)) return id;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && new ArrayList<>(g.nodes.values()).equals(new ArrayList<>(nodes.values()))
                && g.edges.equals(edges);
    }

    @Override
    public int hashCode() {
        return new ArrayList<>(nodes.values()).hashCode() * 31 + edges.hashCode();
    }

    @Override
    public String toString() {
        return "Graph" + nodes.keySet() + edges;
    }
}
