//! The autograd engine: an arena of scalar nodes, reverse-mode backward,
//! numerical checks, and the neural-network pieces built on them (`nn`,
//! `loss`, `optim`). No I/O, no parsing, no colour: usable as a library on
//! its own (see `tests/engine.rs`).

mod backward;
mod build;
pub mod check;
mod compact;
mod graph;
pub mod loss;
pub mod nn;
pub mod op;
pub mod optim;
mod pages;
pub mod paths;
mod replay;

pub use backward::{BackwardReport, BackwardSteps, Contribution, Step};
pub use compact::Renumbering;
pub use graph::{GradState, Graph, GraphError, NodeId};
pub use op::Op;
pub use replay::Recording;
