package org.layerlab.canvas;

/**
 * A training-health mark on a layer: a coloured dot at its top-right corner and a hover text (the
 * coach's findings and fixes). The canvas knows nothing of training; the app supplies these.
 */
public record NodeBadge(Level level, String text) {
    public enum Level { OK, WARN, BAD }
}
