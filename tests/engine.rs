//! Engine tests through the library API: known answers from micrograd's own
//! test suite and the lecture, finite differences for every op, deep chains.

use micrograd::engine::{check, GradState, Graph, NodeId, Op};

const TOL: f64 = 1e-9;

type UnaryCase = (&'static str, fn(NodeId) -> Op, f64);
type BinaryCase = (&'static str, fn(NodeId, NodeId) -> Op);

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * 1f64.max(a.abs()).max(b.abs())
}

#[test]
fn micrograd_sanity_check_reference() {
    // x = -4; z = 2*x + 2 + x; q = z.relu() + z*x; h = (z*z).relu(); y = h + q + q*x
    let mut g = Graph::new();
    let x = g.leaf(-4.0);
    let two = g.constant(2.0);
    let t = g.mul(two, x);
    let t = g.add(t, two);
    let z = g.add(t, x);
    let zr = g.relu(z);
    let zx = g.mul(z, x);
    let q = g.add(zr, zx);
    let zz = g.mul(z, z);
    let h = g.relu(zz);
    let hq = g.add(h, q);
    let qx = g.mul(q, x);
    let y = g.add(hq, qx);
    g.backward(y);
    assert!(close(g.value(y), -20.0, TOL));
    assert!(close(g.grad(x), 46.0, TOL));
}

#[test]
fn micrograd_more_ops_reference() {
    let mut g = Graph::new();
    let a = g.leaf(-4.0);
    let b = g.leaf(2.0);
    let c = g.add(a, b);
    let ab = g.mul(a, b);
    let three = g.constant(3.0);
    let b3 = g.pow(b, three);
    let mut d = g.add(ab, b3);
    // c += c + 1
    let one = g.constant(1.0);
    let t = g.add(c, one);
    let c = g.add(c, t);
    // c += 1 + c + (-a)
    let t = g.add(one, c);
    let na = g.neg(a);
    let t = g.add(t, na);
    let c = g.add(c, t);
    // d += d*2 + (b+a).relu()
    let two = g.constant(2.0);
    let t = g.mul(d, two);
    let ba = g.add(b, a);
    let r = g.relu(ba);
    let t = g.add(t, r);
    d = g.add(d, t);
    // d += 3*d + (b-a).relu()
    let t = g.mul(three, d);
    let bma = g.sub(b, a);
    let r = g.relu(bma);
    let t = g.add(t, r);
    d = g.add(d, t);
    let e = g.sub(c, d);
    let f = g.pow(e, two);
    let gg = g.div(f, two);
    let ten = g.constant(10.0);
    let t = g.div(ten, f);
    let out = g.add(gg, t);
    g.backward(out);
    assert!(close(g.value(out), 24.70408163265306, TOL));
    assert!(close(g.grad(a), 138.83381924198252, TOL));
    assert!(close(g.grad(b), 645.5772594752186, TOL));
}

#[test]
fn lecture_expression_gradients() {
    let mut g = Graph::new();
    let a = g.leaf(2.0);
    let b = g.leaf(-3.0);
    let c = g.leaf(10.0);
    let e = g.mul(a, b);
    let d = g.add(e, c);
    let f = g.leaf(-2.0);
    let l = g.mul(d, f);
    g.backward(l);
    let expect = [
        (a, 6.0),
        (b, -4.0),
        (c, -2.0),
        (e, -2.0),
        (d, -2.0),
        (f, 4.0),
        (l, 1.0),
    ];
    for (id, grad) in expect {
        assert!(
            close(g.grad(id), grad, TOL),
            "{id:?}: {} != {grad}",
            g.grad(id)
        );
    }
    for leaf in [a, b, c, f] {
        let v = g.value(leaf) + 0.01 * g.grad(leaf);
        g.set_data(leaf, v).unwrap();
    }
    assert!(close(g.value(l), -7.286496, 1e-6));
    assert_eq!(g.grad_state(a), GradState::Stale);
}

#[test]
fn reused_node_accumulates_grad() {
    let mut g = Graph::new();
    let a = g.leaf(3.0);
    let b = g.add(a, a);
    g.backward(b);
    assert_eq!(g.grad(a), 2.0);

    let mut g = Graph::new();
    let a = g.leaf(-2.0);
    let b = g.leaf(3.0);
    let d = g.mul(a, b);
    let e = g.add(a, b);
    let f = g.mul(d, e);
    g.backward(f);
    assert_eq!(g.value(f), -6.0);
    assert!(close(g.grad(a), -3.0, TOL));
    assert!(close(g.grad(b), -8.0, TOL));
}

#[test]
fn second_backward_doubles_every_gradient() {
    let mut g = Graph::new();
    let a = g.leaf(2.0);
    let b = g.leaf(-3.0);
    let e = g.mul(a, b);
    let t = g.tanh(e);
    let first = g.backward(t);
    assert!(!first.accumulated_onto_nonzero);
    let once = [g.grad(a), g.grad(b), g.grad(e)];
    let second = g.backward(t);
    assert!(second.accumulated_onto_nonzero);
    assert!(close(g.grad(a), 2.0 * once[0], TOL));
    assert!(close(g.grad(b), 2.0 * once[1], TOL));
    assert!(close(g.grad(e), 2.0 * once[2], TOL));
    g.zero_grad(t);
    assert_eq!(g.grad(a), 0.0);
}

fn unary_ops() -> Vec<UnaryCase> {
    vec![
        ("neg", Op::Neg, 0.7),
        ("tanh", Op::Tanh, 0.3),
        ("exp", Op::Exp, 0.4),
        ("log", Op::Log, 1.7),
        ("relu+", Op::Relu, 0.9),
        ("relu-", Op::Relu, -0.9),
        ("sigmoid", Op::Sigmoid, -0.6),
        ("sin", Op::Sin, 1.1),
        ("cos", Op::Cos, 1.1),
        ("sqrt", Op::Sqrt, 2.5),
        ("abs+", Op::Abs, 1.5),
        ("abs-", Op::Abs, -1.5),
    ]
}

#[test]
fn every_unary_op_matches_finite_differences() {
    for (name, make, x0) in unary_ops() {
        let mut g = Graph::new();
        let x = g.leaf(x0);
        let y = g.apply(make(x));
        g.backward(y);
        let numeric = check::finite_difference(&mut g, y, x, 1e-6);
        assert!(
            check::relative_error(g.grad(x), numeric) < 1e-7,
            "{name}: analytic {} vs numeric {numeric}",
            g.grad(x)
        );
    }
}

#[test]
fn every_binary_op_matches_finite_differences() {
    let ops: [BinaryCase; 5] = [
        ("add", Op::Add),
        ("sub", Op::Sub),
        ("mul", Op::Mul),
        ("div", Op::Div),
        ("pow", Op::Pow),
    ];
    for (name, make) in ops {
        let mut g = Graph::new();
        let x = g.leaf(1.3);
        let y = g.leaf(-0.7);
        let out = g.apply(make(x, y));
        g.backward(out);
        for leaf in [x, y] {
            let numeric = check::finite_difference(&mut g, out, leaf, 1e-6);
            assert!(
                check::relative_error(g.grad(leaf), numeric) < 1e-7,
                "{name} wrt {leaf:?}: analytic {} vs numeric {numeric}",
                g.grad(leaf)
            );
        }
    }
}

#[test]
fn pow_of_negative_base_to_fraction_is_nan_with_reason() {
    let mut g = Graph::new();
    let x = g.leaf(-8.0);
    let y = g.constant(1.0 / 3.0);
    let out = g.pow(x, y);
    assert!(g.value(out).is_nan());
    let (a, b) = g.operand_values(g.op(out));
    assert!(g.op(out).domain_problem(a, b, g.value(out)).is_some());
}

#[test]
fn million_node_chain_backward_without_stack_overflow() {
    let n = 1_000_000;
    let mut g = Graph::with_capacity(n + 1);
    let x = g.leaf(0.5);
    let one = g.constant(1.0);
    let mut node = x;
    for _ in 0..n {
        node = g.mul(node, one);
    }
    g.backward(node);
    assert_eq!(g.grad(x), 1.0);
    assert_eq!(g.value(node), 0.5);
    drop(g);
}

#[test]
fn check_leaves_flags_a_corrupted_gradient() {
    let mut g = Graph::new();
    let a = g.leaf(2.0);
    let b = g.leaf(-3.0);
    let e = g.mul(a, b);
    let o = g.tanh(e);
    g.backward(o);
    assert!(check::check_leaves(&mut g, o, 1e-6)
        .iter()
        .all(|c| c.relative_error < 1e-6));
    g.set_grad(a, g.grad(a) + 0.5);
    let bad = check::check_leaves(&mut g, o, 1e-6);
    assert!(bad.iter().any(|c| c.leaf == a && c.relative_error > 1e-3));
}
