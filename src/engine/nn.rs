//! Neurons, layers and multi-layer perceptrons built as nodes of a graph (stub, filled by the nn work).
