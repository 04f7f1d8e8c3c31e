package org.layerlab.graph.spec;

/** Convolution padding: VALID (none, truncating), SAME (output = ceil(n / stride)), CAUSAL (1-D only, left padding). */
public enum Padding { VALID, SAME, CAUSAL }
