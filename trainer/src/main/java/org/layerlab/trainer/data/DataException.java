package org.layerlab.trainer.data;

/**
 * A data file that cannot be used: names the file, the line or entry (when there is one), what is
 * wrong and how to fix it. Nothing is half-loaded when this is thrown.
 */
public final class DataException extends IllegalArgumentException {
    /** @param line 1-based line or entry number, or 0 when the problem is the whole file */
    public DataException(String file, long line, String problem) {
        super(file + (line > 0 ? ", line " + line : "") + ": " + problem);
    }
}
