package org.layerlab.graph.spec;

/** What an Input node declares: a feature vector, an image h×w×c, or a sequence length×features. */
public enum InputKind { VECTOR, IMAGE, SEQUENCE }
