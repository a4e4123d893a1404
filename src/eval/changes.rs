//! What a statement changed of the names a session had: the names now
//! bound to another node or to something else, or whose numbers moved (a
//! node's value or gradient, a network's weights or their gradients, a
//! list's items). A lesson asks this after a line typed between its steps,
//! so a learner's experiment cannot move the state its next steps rely on.
//! A name rebound to a new node with the same numbers is a change: what
//! was built from the old node no longer uses the name (`e = a*b` retyped
//! leaves `d = e + c` holding the first `e`). Only after a compaction
//! renamed the graph's ids are numbers compared alone.

use super::{Session, Value};

impl Session {
    /// The names of `before` (a copy of this session from before some
    /// statements ran) that are now unbound, bound to something else, or
    /// whose numbers changed, in binding order.
    pub fn changed_since(&self, before: &Session) -> Vec<String> {
        self.changes(before, true)
    }

    /// [`Self::changed_since`], but blind to gradients: the names whose
    /// values (or nodes, or shapes) changed, not those only a backward pass
    /// touched (finding C44: "changed `x1`" read as x1's value).
    pub fn moved_since(&self, before: &Session) -> Vec<String> {
        self.changes(before, false)
    }

    fn changes(&self, before: &Session, grads: bool) -> Vec<String> {
        let same_ids = self.compactions == before.compactions;
        let compare = Compare {
            before,
            after: self,
            same_ids,
            grads,
        };
        before
            .bindings()
            .iter()
            .filter(|(name, old)| match self.lookup(name) {
                Some(new) => !compare.same(old, new),
                None => true,
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// Two copies of a session to compare values across.
struct Compare<'s> {
    before: &'s Session,
    after: &'s Session,
    /// Whether a node id means the same node in both.
    same_ids: bool,
    /// Whether a changed gradient is a change.
    grads: bool,
}

impl Compare<'_> {
    /// True when `a` (before) and `b` (after) are the same nodes holding
    /// the same numbers in the same shape (networks by their parameters).
    fn same(&self, a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Node(x), Value::Node(y)) => self.same_node(*x, *y),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.items(), y.items());
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| self.same(p, q))
            }
            (Value::Tuple(x), Value::Tuple(y)) => {
                x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| self.same(p, q))
            }
            (Value::Model(x), Value::Model(y)) => {
                let (px, py) = (x.parameters(), y.parameters());
                x.sizes() == y.sizes()
                    && px.len() == py.len()
                    && px.iter().zip(&py).all(|(p, q)| self.same_node(*p, *q))
            }
            (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
            _ => a == b,
        }
    }

    /// After a compaction renamed the ids, a node is the same when it holds
    /// the same numbers and is the same kind of node: a leaf rebound to
    /// `a + 0` in a loop long enough to compact is a change (finding B27:
    /// the put-back missed it, and the lesson's `a.data -= ...` failed).
    fn same_node(&self, x: crate::engine::NodeId, y: crate::engine::NodeId) -> bool {
        let grads = self.grads;
        let numbers = |s: &Session, id| {
            let grad = if grads { s.graph.grad(id).to_bits() } else { 0 };
            (s.graph.value(id).to_bits(), grad)
        };
        let kind = |s: &Session, id| std::mem::discriminant(&s.graph.op(id));
        (x == y || !self.same_ids && kind(self.before, x) == kind(self.after, y))
            && numbers(self.before, x) == numbers(self.after, y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(session: &mut Session, code: &str) {
        session.run(code, &mut Vec::new()).expect("runs");
    }

    #[test]
    fn moved_weights_rebound_and_changed_leaves_are_changes_new_names_are_not() {
        let mut session = Session::new();
        run(
            &mut session,
            "a = 2.0\nb = a * 3\nxs = [a, b]\nn = MLP(2, [2, 1])\nk = 1",
        );
        let before = session.clone();
        run(&mut session, "c = 5\nt = a * b");
        assert!(session.changed_since(&before).is_empty());
        run(&mut session, "a.data = 4.0");
        assert_eq!(session.changed_since(&before), ["a", "b", "xs"]);
        let mut session = before.clone();
        run(&mut session, "for p in n.parameters():\n    p.data += 0.5");
        assert_eq!(session.changed_since(&before), ["n"]);
        let mut session = before.clone();
        run(&mut session, "k = 2\nb = b * 1");
        assert_eq!(
            session.changed_since(&before),
            ["b", "k"],
            "b is a new node: xs holds the old one"
        );
        let mut session = before.clone();
        run(&mut session, "b = a * 3");
        assert_eq!(
            session.changed_since(&before),
            ["b"],
            "the same formula retyped is a new node with the same numbers"
        );
        let mut session = before.clone();
        run(&mut session, "for i in range(40000):\n    t = a * 2 + 1");
        assert!(
            session.compactions > before.compactions,
            "the loop compacted"
        );
        assert!(
            session.changed_since(&before).is_empty(),
            "renamed ids are not a change"
        );
        let mut session = before.clone();
        run(
            &mut session,
            "for i in range(40000):\n    t = a * 2 + 1\na = a + 0",
        );
        assert!(session.compactions > before.compactions);
        assert_eq!(
            session.changed_since(&before),
            ["a"],
            "a leaf rebound to a computed node is a change, even with the ids renamed"
        );
        let mut session = before.clone();
        run(&mut session, "b.backward()");
        assert_eq!(
            session.changed_since(&before),
            ["a", "b", "xs"],
            "gradients count"
        );
        assert!(
            session.moved_since(&before).is_empty(),
            "but only as gradients"
        );
        run(&mut session, "a.data = 4.0");
        assert_eq!(session.moved_since(&before), ["a", "b", "xs"]);
    }
}
