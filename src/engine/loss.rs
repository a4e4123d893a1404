//! Loss functions and regularisation penalties built from graph nodes (stub).
