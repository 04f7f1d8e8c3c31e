package org.layerlab.graph.spec;

/** The recurrent cell inside a {@link BidirectionalSpec}. */
public enum RecurrentCell { SIMPLE_RNN, LSTM, GRU }
