package org.layerlab.graph.spec;

/** A spec with an element-wise activation on its output. */
public interface HasActivation {
    Activation activation();
}
