package org.layerlab.graph.command;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.layerlab.graph.Graph;

/**
 * The edited graph with its undo and redo stacks. Each state has a revision number; "unsaved
 * changes" is {@code revision() != savedRevision()}, so undoing back to the saved state is clean.
 * Not thread-safe: only the UI (FX) thread edits it; trainers get {@link #graph()}, an immutable value.
 */
public final class GraphDocument {

    /** Told after every change with the graph before and after. Must not push commands. */
    public interface Listener {
        void changed(Graph before, Graph after);
    }

    private record Entry(Command command, long revisionBefore, long revisionAfter) {}

    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private final List<Listener> listeners = new ArrayList<>();
    private Graph graph;
    private long revision;
    private long nextRevision = 1;
    private long savedRevision;
    private boolean notifying;

    public GraphDocument() {
        this(Graph.empty());
    }

    public GraphDocument(Graph initial) {
        graph = Objects.requireNonNull(initial);
    }

    public Graph graph() {
        return graph;
    }

    public long revision() {
        return revision;
    }

    public long savedRevision() {
        return savedRevision;
    }

    public boolean isDirty() {
        return revision != savedRevision;
    }

    public void markSaved() {
        savedRevision = revision;
    }

    /** Replaces the whole document (open file, new): clears history and marks it saved. */
    public void reset(Graph g) {
        checkNotNotifying();
        Graph before = graph;
        graph = Objects.requireNonNull(g);
        undo.clear();
        redo.clear();
        revision = nextRevision++;
        savedRevision = revision;
        fire(before);
    }

    /**
     * Applies {@code c}, merging it with the previous step if the previous command allows.
     * @throws IllegalStateException if called from inside a listener
     * @throws IllegalArgumentException if the command does not apply (the document is unchanged)
     */
    public void execute(Command c) {
        checkNotNotifying();
        Graph before = graph;
        Graph after = c.apply(graph);
        Entry top = undo.peek();
        Command merged = top == null ? null : top.command().mergeWith(c);
        long rev = nextRevision++;
        if (merged != null) {
            undo.pop();
            undo.push(new Entry(merged, top.revisionBefore(), rev));
        } else {
            undo.push(new Entry(c, revision, rev));
        }
        redo.clear();
        graph = after;
        revision = rev;
        fire(before);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Label of the step undo would revert, or null. */
    public String undoLabel() {
        return undo.isEmpty() ? null : undo.peek().command().label();
    }

    public String redoLabel() {
        return redo.isEmpty() ? null : redo.peek().command().label();
    }

    public void undo() {
        checkNotNotifying();
        if (undo.isEmpty()) return;
        Entry e = undo.pop();
        Graph before = graph;
        graph = e.command().revert(graph);
        revision = e.revisionBefore();
        redo.push(e);
        fire(before);
    }

    public void redo() {
        checkNotNotifying();
        if (redo.isEmpty()) return;
        Entry e = redo.pop();
        Graph before = graph;
        graph = e.command().apply(graph);
        revision = e.revisionAfter();
        undo.push(e);
        fire(before);
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    private void checkNotNotifying() {
        if (notifying) {
            throw new IllegalStateException("a graph edit was started from inside a document listener; "
                    + "listeners must only read the graph (schedule the edit for later instead)");
        }
    }

    private void fire(Graph before) {
        notifying = true;
        try {
            for (Listener l : List.copyOf(listeners)) l.changed(before, graph);
        } finally {
            notifying = false;
        }
    }
}
