package org.layerlab.graph.shape;

/**
 * Something wrong (or risky) about a graph, naming the node and the fix.
 * {@code nodeId} is null for problems of the whole graph. Immutable; any thread.
 */
public record Problem(Severity severity, Kind kind, String nodeId, String message) {

    /** Errors stop compilation; warnings are shown but allow training. */
    public enum Severity { ERROR, WARNING }

    /** The kinds of problem; tests and the UI can tell them apart without parsing text. */
    public enum Kind {
        CYCLE, UNCONNECTED_INPUT, TOO_MANY_INPUTS, NO_OUTPUT, NO_INPUT, OUTPUT_WITHOUT_LOSS,
        NEEDS_IMAGE, NEEDS_SEQUENCE, NEEDS_VECTOR, MERGE_MISMATCH, KERNEL_TOO_LARGE,
        RESHAPE_MISMATCH, INVALID_VALUE, LOSS_ACTIVATION_MISMATCH, NOT_TRAINABLE, UNUSED_INPUT, EMPTY_GRAPH
    }

    public static Problem error(Kind kind, String nodeId, String message) {
        return new Problem(Severity.ERROR, kind, nodeId, message);
    }

    public static Problem warning(Kind kind, String nodeId, String message) {
        return new Problem(Severity.WARNING, kind, nodeId, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return (isError() ? "error: " : "warning: ") + message;
    }
}
