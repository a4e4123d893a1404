//! What a statement changed of the names a session had: the names now
//! bound to something else, or whose numbers moved (a node's value or
//! gradient, a network's weights or their gradients, a list's items). A lesson asks this after a line
//! typed between its steps, so a learner's experiment cannot move the
//! state its next steps rely on. Numbers are compared, not node ids, so a
//! compaction that renumbered the graph is not a change.

use super::{Session, Value};

impl Session {
    /// The names of `before` (a copy of this session from before some
    /// statements ran) that are now unbound, bound to something else, or
    /// whose numbers changed, in binding order.
    pub fn changed_since(&self, before: &Session) -> Vec<String> {
        before
            .bindings()
            .iter()
            .filter(|(name, old)| match self.lookup(name) {
                Some(new) => !same(before, old, self, new),
                None => true,
            })
            .map(|(name, _)| name.clone())
            .collect()
    }
}

/// True when `a` in `sa` and `b` in `sb` hold the same numbers in the same
/// shape (nodes by value and gradient, networks by their parameters').
fn same(sa: &Session, a: &Value, sb: &Session, b: &Value) -> bool {
    let numbers = |s: &Session, id| (s.graph.value(id).to_bits(), s.graph.grad(id).to_bits());
    match (a, b) {
        (Value::Node(x), Value::Node(y)) => numbers(sa, *x) == numbers(sb, *y),
        (Value::List(x), Value::List(y)) => {
            let (x, y) = (x.items(), y.items());
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(sa, p, sb, q))
        }
        (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(p, q)| same(sa, p, sb, q))
        }
        (Value::Model(x), Value::Model(y)) => {
            let (px, py) = (x.parameters(), y.parameters());
            x.sizes() == y.sizes()
                && px.len() == py.len()
                && px
                    .iter()
                    .zip(&py)
                    .all(|(p, q)| numbers(sa, *p) == numbers(sb, *q))
        }
        (Value::Number(x), Value::Number(y)) => x.to_bits() == y.to_bits(),
        _ => a == b,
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
        assert_eq!(session.changed_since(&before), ["k"]);
        let mut session = before.clone();
        run(&mut session, "b.backward()");
        assert_eq!(
            session.changed_since(&before),
            ["a", "b", "xs"],
            "gradients count"
        );
    }
}
