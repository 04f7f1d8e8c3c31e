package org.layerlab.graph.project;

/**
 * A project file that cannot be read, with a message meant for the user: where (file, line and
 * column when JSON gives them, the field path) and what to fix.
 */
public class ProjectFormatException extends Exception {
    private final String path;
    private final int line;
    private final int column;

    public ProjectFormatException(String message, String path, int line, int column, Throwable cause) {
        super(message, cause);
        this.path = path;
        this.line = line;
        this.column = column;
    }

    /** Field path like {@code graph.nodes[2].spec.units}, or empty. */
    public String path() {
        return path;
    }

    /** 1-based line, or -1 if unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or -1 if unknown. */
    public int column() {
        return column;
    }
}
