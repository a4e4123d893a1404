//! Opt-in end to end: `examples/lecture.ipynb` executed in the real kernel
//! by Jupyter's own client (nbclient, from PyPI), checking that every cell
//! runs and the graph comes back as an SVG. Needs python3 with nbclient:
//!
//! ```sh
//! pip install nbclient nbformat
//! cargo test --test notebook -- --ignored
//! ```

#![cfg(feature = "kernel")]

use std::process::Command;

#[test]
#[ignore = "needs python3 with nbclient (pip install nbclient); run with --ignored"]
fn the_lecture_notebook_runs_in_the_kernel() {
    let root = env!("CARGO_MANIFEST_DIR");
    let status = Command::new("python3")
        .arg(format!("{root}/tests/notebook/run.py"))
        .arg(env!("CARGO_BIN_EXE_micrograd"))
        .arg(format!("{root}/examples/lecture.ipynb"))
        .status()
        .expect("python3 runs");
    assert!(status.success(), "the notebook run failed (see above)");
}
