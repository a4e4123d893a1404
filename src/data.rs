//! Built-in seeded data sets and CSV loading (stub).
