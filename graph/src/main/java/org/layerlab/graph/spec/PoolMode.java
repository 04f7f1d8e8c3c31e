package org.layerlab.graph.spec;

/** Reduction used by pooling layers. */
public enum PoolMode { MAX, AVG }
