//! The `show` view: the graph under a node as a tree (stub).
