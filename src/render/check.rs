//! `:check L [h]`: every leaf's analytic gradient beside a central finite
//! difference, their relative error, and a ✓ or ✗ against a tolerance the
//! output states. [`CheckTable::fresh`] runs its own backward on a copy of
//! the graph, so the learner's gradients are never touched;
//! [`CheckTable::of_stored`] judges the gradients a graph already holds
//! (how the library tests catch a corrupted one).

use std::io::{self, Write};

use super::node_text::{self, short};
use crate::engine::check::{check_leaves_within, LeafCheck};
use crate::engine::{Graph, NodeId};
use crate::text::{self, wrap, Style};

/// Largest relative error that still counts as agreement. Central
/// differences with h = 1e-6 are good to about 1e-8 on smooth functions,
/// so this leaves room for rounding without hiding a wrong rule.
pub const TOLERANCE: f64 = 1e-5;
/// Rows printed; the summary line still counts every leaf checked.
const MAX_ROWS: usize = 50;
/// Node recomputations a check may spend (each leaf costs two forward
/// passes over the nodes between it and the root), so a huge graph
/// answers in well under a second and says how many leaves it skipped.
const WORK_BUDGET: usize = 20_000_000;

/// The result of checking the leaves under a root.
pub struct CheckTable {
    root: NodeId,
    step: f64,
    rows: Vec<LeafCheck>,
    leaves_total: usize,
}

impl CheckTable {
    /// Checks the gradients `graph` holds now for `root`. Works on a copy,
    /// so values are untouched even if a finite difference misbehaves.
    pub fn of_stored(graph: &Graph, root: NodeId, step: f64) -> Self {
        let mut copy = graph.clone();
        let checks = check_leaves_within(&mut copy, root, step, WORK_BUDGET);
        CheckTable {
            root,
            step,
            rows: checks.checked,
            leaves_total: checks.leaves_total,
        }
    }

    /// Runs a fresh backward from `root` on a copy of `graph` (gradients
    /// zeroed first) and checks those gradients. `graph` is not changed.
    pub fn fresh(graph: &Graph, root: NodeId, step: f64) -> Self {
        let mut copy = graph.clone();
        copy.zero_grad(root);
        copy.backward(root);
        Self::of_stored(&copy, root, step)
    }

    /// Each leaf checked, in creation order.
    pub fn rows(&self) -> &[LeafCheck] {
        &self.rows
    }

    /// True when every leaf checked agrees within [`TOLERANCE`].
    pub fn all_pass(&self) -> bool {
        self.rows.iter().all(passes)
    }

    /// Writes the table, the tolerance, and a verdict (see
    /// [`CheckTable::write_among`]; here only the graph's names count).
    pub fn write(&self, out: &mut dyn Write, style: Style, graph: &Graph) -> io::Result<()> {
        self.write_among(out, style, graph, &|_| false)
    }

    /// [`CheckTable::write`] in a session: the header's formula is written
    /// with the root's own name and stand-ins for the leaf and the step
    /// that no name `in_use` (the learner's) or shown in the table takes:
    /// `(L(leaf+h)-L(leaf-h))/2h`, never an `f(x+h)` in a session where
    /// `f` is a leaf.
    pub fn write_among(
        &self,
        out: &mut dyn Write,
        style: Style,
        graph: &Graph,
        in_use: &dyn Fn(&str) -> bool,
    ) -> io::Result<()> {
        let root_name = node_text::operand_name(graph, self.root);
        if self.leaves_total == 0 {
            return writeln!(
                out,
                "{root_name} depends on no variables (only constants): there is nothing to check."
            );
        }
        let shown = |name: &str| {
            in_use(name)
                || name == root_name
                || self
                    .rows
                    .iter()
                    .any(|row| graph.label(row.leaf) == Some(name))
        };
        let free = |candidates: &[&'static str]| {
            let last = candidates[candidates.len() - 1];
            candidates
                .iter()
                .copied()
                .find(|c| !shown(c))
                .unwrap_or(last)
        };
        let (x, h) = (free(&["leaf", "x", "v", "u"]), free(&["h", "eps", "step"]));
        let title = format!("Gradients of {root_name}: backward vs central difference");
        let formula = format!(
            "({root_name}({x}+{h})-{root_name}({x}-{h}))/2{h}, {h} = {}",
            crate::text::number::full(self.step)
        );
        // Too wide for one line, the formula goes whole on the next
        // (wrapping split `h =` from its number).
        let header = format!("{title} {formula}");
        if text::display_width(&header) <= style.width {
            writeln!(out, "{header}")?;
        } else {
            writeln!(out, "{}", wrap::paragraph(&title, style.width))?;
            writeln!(out, "{}", wrap::hanging(&formula, "  ", style.width))?;
        }
        let cells: Vec<[String; 4]> = self
            .rows
            .iter()
            .take(MAX_ROWS)
            .map(|row| {
                [
                    graph.display_name(row.leaf),
                    short(row.analytic),
                    short(row.numeric),
                    crate::text::number::short(row.relative_error, 2),
                ]
            })
            .collect();
        let headers = ["leaf", "backward", "numeric", "rel. error"];
        let widths: Vec<usize> = (0..4)
            .map(|col| {
                text::column_width(cells.iter().map(|c| c[col].as_str()), headers[col].len())
            })
            .collect();
        writeln!(
            out,
            "{}",
            style
                .palette
                .dim(&format!("  {}", text::aligned_row(&headers, &widths)))
        )?;
        for (row, cell) in self.rows.iter().zip(&cells) {
            let text = text::aligned_row(cell, &widths);
            let mark = if passes(row) {
                style.palette.good("✓")
            } else {
                style.palette.bad("✗")
            };
            writeln!(out, "  {text}  {mark}")?;
        }
        self.write_verdict(out, style)
    }

    fn write_verdict(&self, out: &mut dyn Write, style: Style) -> io::Result<()> {
        if self.rows.len() > MAX_ROWS {
            writeln!(
                out,
                "{}",
                style.palette.dim(&format!(
                    "  … {} checked but not listed",
                    text::count(self.rows.len() - MAX_ROWS, "more leaf", "more leaves")
                ))
            )?;
        }
        let failed = self.rows.iter().filter(|r| !passes(r)).count();
        let checked = self.rows.len();
        // Broken by hand before the formula, and before its `/` when the
        // terminal is too narrow for it: wrapping would split it anywhere.
        let formula = "relative error = |backward - numeric| / max(1, |backward|, |numeric|)";
        let formula = if formula.len() + 2 <= style.width {
            formula.to_string()
        } else {
            formula.replacen(" / ", "\n    / ", 1)
        };
        let rule = format!("tolerance: relative error ≤ {TOLERANCE:e}, where\n  {formula}");
        writeln!(out, "{}", style.palette.dim(&rule))?;
        if failed == 0 {
            writeln!(
                out,
                "{}",
                style.palette.good(&format!(
                    "✓ every leaf checked agrees ({})",
                    text::count(checked, "leaf", "leaves")
                ))
            )?;
        } else {
            writeln!(
                out,
                "{}",
                style.palette.bad(&wrap::hanging(
                    &format!(
                        "{} failed ({} checked): that gradient is wrong, or the function has a \
                         kink there (relu or abs at 0) where a finite difference straddles two slopes",
                        text::count(failed, "leaf", "leaves"),
                        text::thousands(checked)
                    ),
                    "✗ ",
                    style.width
                ))
            )?;
        }
        let not_finite = self
            .rows
            .iter()
            .any(|r| !r.analytic.is_finite() || !r.numeric.is_finite());
        if not_finite {
            writeln!(
                out,
                "{}",
                style.palette.dim(
                    "(NaN or inf: the function leaves the real numbers at or near this point, \
                     so these numbers cannot be compared)"
                )
            )?;
        }
        if checked < self.leaves_total {
            writeln!(
                out,
                "{}",
                style.palette.dim(&format!(
                    "(checked {} of {} leaves, the rest skipped to answer quickly: check a smaller expression to see them)",
                    text::thousands(checked),
                    text::thousands(self.leaves_total)
                ))
            )?;
        }
        Ok(())
    }
}

fn passes(row: &LeafCheck) -> bool {
    row.relative_error <= TOLERANCE
}
