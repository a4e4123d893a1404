//! Guided lessons: format, runner, grading by meaning, progress (stub).
