package org.layerlab.graph.spec;

/** How a bidirectional layer combines its forward and backward outputs. */
public enum MergeMode { CONCAT, ADD, MUL, AVERAGE }
