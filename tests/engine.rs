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
fn a_sized_graph_holds_at_most_40_bytes_per_differentiated_node() {
    let n = 200_000;
    let mut g = Graph::with_capacity(n);
    let x = g.leaf(0.5);
    let mut node = x;
    while g.len() < n {
        node = g.add(node, x);
    }
    let before = g.heap_bytes();
    g.backward(node);
    assert_eq!(
        g.heap_bytes(),
        before,
        "backward's columns were sized with the graph"
    );
    assert!(
        g.heap_bytes() <= 40 * n,
        "{} bytes per node",
        g.heap_bytes() / n
    );
    assert_eq!(g.grad(x), n as f64);
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

/// `(value, ∂x, ∂y)` of `x op y` after backward from it.
fn binary_at(make: fn(NodeId, NodeId) -> Op, x0: f64, y0: f64) -> (f64, f64, f64) {
    let mut g = Graph::new();
    let x = g.leaf(x0);
    let y = g.leaf(y0);
    let out = g.apply(make(x, y));
    g.backward(out);
    (g.value(out), g.grad(x), g.grad(y))
}

/// `(value, ∂x)` of `f(x)` with an upstream gradient of `upstream` (the
/// result multiplied by a leaf holding `upstream`).
fn unary_at(make: fn(NodeId) -> Op, x0: f64, upstream: f64) -> (f64, f64) {
    let mut g = Graph::new();
    let x = g.leaf(x0);
    let out = g.apply(make(x));
    let scale = g.leaf(upstream);
    let root = g.mul(out, scale);
    g.backward(root);
    (g.value(out), g.grad(x))
}

#[test]
fn nan_propagates_through_every_unary_op() {
    for (name, make, _) in unary_ops() {
        let (value, grad) = unary_at(make, f64::NAN, 1.0);
        assert!(value.is_nan(), "{name}(NaN) = {value}");
        // neg's slope is -1 whatever x is; every other slope reads x.
        assert!(grad.is_nan() || name == "neg", "{name}'(NaN) = {grad}");
    }
}

#[test]
fn relu_of_nan_is_nan_as_in_the_issue_reproductions() {
    // x = 0; y = 0; z = x/y; L = relu(z)
    let mut g = Graph::new();
    let x = g.leaf(0.0);
    let y = g.leaf(0.0);
    let z = g.div(x, y);
    let l = g.relu(z);
    assert!(g.value(l).is_nan());
    // x = 1; L = relu(log(x)); x.data = -1
    let mut g = Graph::new();
    let x = g.leaf(1.0);
    let lx = g.log(x);
    let l = g.relu(lx);
    g.set_data(x, -1.0).unwrap();
    g.backward(l);
    assert!(g.value(l).is_nan());
    assert!(g.grad(x).is_nan());
}

#[test]
fn relu_slope_at_the_kink_is_zero() {
    assert_eq!(unary_at(Op::Relu, 0.0, 1.0), (0.0, 0.0));
}

#[test]
fn relu_below_zero_passes_zero_whatever_the_upstream() {
    for upstream in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN, 5.0] {
        let (_, grad) = unary_at(Op::Relu, -2.0, upstream);
        assert_eq!(grad.to_bits(), 0f64.to_bits(), "upstream {upstream}");
    }
    let (_, grad) = unary_at(Op::Relu, 0.0, f64::INFINITY);
    assert_eq!(grad, 0.0);
}

#[test]
fn abs_slope_at_zero_is_zero() {
    assert_eq!(unary_at(Op::Abs, 0.0, 1.0), (0.0, 0.0));
}

#[test]
fn sqrt_slope_at_zero_is_infinite() {
    assert_eq!(unary_at(Op::Sqrt, 0.0, 1.0), (0.0, f64::INFINITY));
}

#[test]
fn zero_to_the_zero_is_one_with_zero_partials() {
    assert_eq!(binary_at(Op::Pow, 0.0, 0.0), (1.0, 0.0, 0.0));
}

#[test]
fn zero_to_minus_one_has_exponent_partial_minus_infinity() {
    let (value, _, dy) = binary_at(Op::Pow, 0.0, -1.0);
    assert_eq!(value, f64::INFINITY);
    assert_eq!(dy, f64::NEG_INFINITY);
}

#[test]
fn negative_base_to_fraction_has_nan_partials_and_a_reason() {
    let (value, dx, dy) = binary_at(Op::Pow, -8.0, 1.0 / 3.0);
    assert!(value.is_nan() && dx.is_nan() && dy.is_nan());
    let op = Op::Pow(NodeId(0), NodeId(1));
    assert!(op.domain_problem(-8.0, 1.0 / 3.0, value).is_some());
}

#[test]
fn nan_propagates_through_every_binary_op() {
    let ops: [fn(NodeId, NodeId) -> Op; 5] = [Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Pow];
    for make in ops {
        let (value, _, _) = binary_at(make, f64::NAN, 2.0);
        assert!(value.is_nan(), "{:?}", make(NodeId(0), NodeId(1)));
    }
}

#[test]
fn tanh_gives_the_lectures_digits_and_stays_accurate_everywhere() {
    use micrograd::engine::op::lecture_tanh;
    // The lecture's neuron: n = x1*w1 + x2*w2 + b, o = tanh(n).
    let n = (2.0f64 * -3.0 + 0.0 * 1.0) + 6.881_373_587_019_543;
    // 0.7071067811865476, which is 1/√2 to the last digit.
    assert_eq!(lecture_tanh(n), std::f64::consts::FRAC_1_SQRT_2);
    // Where the formula would cancel or overflow, libm's tanh.
    assert_eq!(lecture_tanh(1e-20), 1e-20);
    assert_eq!(lecture_tanh(-3e-9), (-3e-9f64).tanh());
    assert_eq!(lecture_tanh(400.0), 1.0);
    assert_eq!(lecture_tanh(-1e300), -1.0);
    assert!(lecture_tanh(f64::NAN).is_nan());
    // Everywhere else within a few units in the last place of libm's.
    let mut x = -30.0;
    while x < 30.0 {
        let (ours, libm) = (lecture_tanh(x), x.tanh());
        assert!(
            (ours - libm).abs() <= 4.0 * f64::EPSILON * libm.abs().max(f64::MIN_POSITIVE),
            "tanh({x}): {ours} vs {libm}"
        );
        x += 0.0137;
    }
}

#[test]
fn computed_from_marks_exactly_the_nodes_downstream() {
    // a and b are leaves; e = a * b; d = e + c; u = c * c uses only c.
    let mut g = Graph::new();
    let a = g.leaf(2.0);
    let b = g.leaf(-3.0);
    let c = g.leaf(10.0);
    let e = g.mul(a, b);
    let d = g.add(e, c);
    let u = g.mul(c, c);
    let from_a = g.computed_from(a);
    assert_eq!(from_a.len(), g.len());
    for (node, expected) in [
        (a, true),
        (b, false),
        (c, false),
        (e, true),
        (d, true),
        (u, false),
    ] {
        assert_eq!(from_a[node.index()], expected, "{node:?}");
    }
    let from_c = g.computed_from(c);
    assert!(from_c[d.index()] && from_c[u.index()] && !from_c[e.index()]);
}
