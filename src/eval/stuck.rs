//! Noticing a hand-written training loop that cannot learn: when a
//! backward pass in a loop starts from exactly the loss the previous one
//! did, and no ReLU under it passes any gradient back (each outputs 0, or
//! gets nothing from above), every ReLU of the network is dead and only
//! the output bias still moves. The lecture's `MLP(3, [4, 4, 1])` built
//! as nn.py's (`activation="relu"`) ends there for most seeds; the warning
//! names the fix.
//! The graph is only looked at when the loss stood still, so a loop that
//! learns pays nothing.

use crate::engine::{NodeId, Op};
use crate::syntax::Span;

use super::Evaluator;

impl Evaluator<'_> {
    /// After `root.backward()`: warns when the loss stood still since the
    /// previous backward of this statement and every ReLU is dead.
    pub(super) fn notice_dead_relus(&mut self, root: NodeId, span: Span) {
        let loss = self.session.graph.value(root);
        let previous = self.last_backward_loss.replace(loss);
        if self.depth == 0 || previous != Some(loss) {
            return;
        }
        let graph = &self.session.graph;
        let under = graph.ancestors(root);
        let mut relus = 0usize;
        for (index, _) in under.iter().enumerate().filter(|(_, &m)| m) {
            let id = NodeId(index as u32);
            if matches!(graph.op(id), Op::Relu(_)) {
                relus += 1;
                if graph.value(id) > 0.0 && graph.grad(id) != 0.0 {
                    return;
                }
            }
        }
        if relus == 0 {
            return;
        }
        let root_name = self.display_name(root);
        self.warn(
            format!(
                "{root_name} is exactly what it was at the last step and none of the {relus} ReLU nodes under it passes a gradient back: they are dead (0 for every input), so the network cannot learn; tanh neurons do not die this way: MLP(...) without activation= is the lecture's network, tanh throughout; or try another :seed"
            ),
            span,
        );
    }
}
