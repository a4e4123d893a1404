//! Text plots: loss curves and 2-D decision boundaries (stub).
