//! Property tests over the parser and evaluator: no input panics, and
//! analytic gradients of random formulas agree with finite differences.

use micrograd::engine::check;
use micrograd::eval::{Event, Session, Value};
use proptest::prelude::*;

fn run(session: &mut Session, line: &str) -> Result<Vec<Event>, String> {
    let mut events = Vec::new();
    session
        .run(line, &mut events)
        .map(|_| events)
        .map_err(|e| e.message)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let mut session = Session::new();
        let _ = run(&mut session, "a = 1; b = a * 2");
        let line = String::from_utf8_lossy(&bytes);
        let _ = run(&mut session, &line);
        // The session's variables survive whatever happened.
        prop_assert!(session.node("a").is_some());
    }

    #[test]
    fn token_soup_never_panics(tokens in proptest::collection::vec(
        prop::sample::select(vec![
            "a", "b", "x", "1", "2.5", "1e-3", "+", "-", "*", "/", "**", "^", "(", ")", "[", "]",
            ",", ";", "=", "+=", ".", "data", "grad", "tanh", "backward", "()", "show", ":", "#",
            "relu", "log", "0", "pi", "e", "\"s\"", "x.data =", "a.grad", "L",
        ]), 0..30)) {
        let mut session = Session::new();
        let _ = run(&mut session, "a = 1; b = -2; x = 0.5");
        let _ = run(&mut session, &tokens.join(" "));
        let _ = run(&mut session, &tokens.concat());
        prop_assert!(session.node("x").is_some());
    }
}

/// A random smooth formula over the leaves a, b, c (no kinks and no domain
/// edges, so finite differences are trustworthy).
fn formula() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec!["a", "b", "c", "0.7", "2"]).prop_map(String::from);
    leaf.prop_recursive(5, 40, 2, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("({x} + {y})")),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("({x} - {y})")),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("({x} * {y})")),
            (inner.clone(), inner.clone()).prop_map(|(x, y)| format!("({x} / (1 + ({y})**2))")),
            inner.clone().prop_map(|x| format!("tanh({x})")),
            inner.clone().prop_map(|x| format!("sigmoid({x})")),
            inner.clone().prop_map(|x| format!("sin({x})")),
            inner.clone().prop_map(|x| format!("cos({x})")),
            inner.clone().prop_map(|x| format!("exp(tanh({x}))")),
            inner.clone().prop_map(|x| format!("log(1 + ({x})**2)")),
            inner.clone().prop_map(|x| format!("sqrt(1 + ({x})**2)")),
            inner.clone().prop_map(|x| format!("(1 + ({x})**2)**0.5")),
            (inner.clone(), inner).prop_map(|(x, y)| format!("(1 + ({x})**2)**tanh({y})")),
            prop::sample::select(vec!["-a", "-b"]).prop_map(String::from),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn analytic_gradients_match_finite_differences(
        f in formula(),
        values in proptest::array::uniform3(-2.0f64..2.0),
    ) {
        let mut session = Session::new();
        let setup = format!("a = {}; b = {}; c = {}", values[0], values[1], values[2]);
        run(&mut session, &setup).unwrap();
        run(&mut session, &format!("L = {f}")).unwrap();
        let root = match session.lookup("L") {
            Some(Value::Node(id)) => *id,
            other => panic!("L is {other:?}"),
        };
        session.graph.backward(root);
        for name in ["a", "b", "c"] {
            let leaf = session.node(name).unwrap();
            let numeric = check::finite_difference(&mut session.graph, root, leaf, 1e-6);
            let analytic = session.graph.grad(leaf);
            prop_assert!(
                check::relative_error(analytic, numeric) < 1e-5,
                "d({f})/d{name}: analytic {analytic}, numeric {numeric}"
            );
        }
    }
}

/// Lines short enough to be evaluated in place (no big-stack thread) but as
/// deep as the language allows must still fit a small thread's stack, in a
/// debug build too: 1 MiB here, half of what a spawned thread gets by
/// default (the REPL itself runs on the 8 MiB main thread).
#[test]
fn deepest_short_lines_fit_a_small_stack() {
    let deep_lines = [
        format!("{}1{}", "(".repeat(199), ")".repeat(199)),
        format!("{}1", "-".repeat(199)),
        format!("{}1", "2**".repeat(170)),
        format!("{}1{}", "tanh(".repeat(85), ")".repeat(85)),
        ["1"; 256].join("+"),
        ["x"; 256].join("*"),
        format!("{}x{}", "(x*".repeat(120), ")".repeat(120)),
        format!("x{}", ".tanh()".repeat(73)),
    ];
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let mut session = Session::new();
            run(&mut session, "x = 0.5").expect("binds x");
            for line in &deep_lines {
                assert!(line.len() <= 512, "{} bytes", line.len());
                let _ = run(&mut session, line);
                let _ = run(&mut session, &format!("y = {line}; y.backward()"));
            }
        })
        .expect("spawns")
        .join()
        .expect("no stack overflow");
}
