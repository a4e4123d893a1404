//! Optimizers that update parameter leaves from their gradients (stub).
