//! Compaction of the session's graph in long top-level loops (issue 12,
//! item 7): a loop whose iterations build big graphs drops the nodes no name
//! can reach, and what every name, list, tuple, iterator, closure and
//! network holds is renamed. Each program runs twice: as a loop (which
//! compacts, since every iteration builds ~70,000 nodes) and with the loop
//! unrolled into top-level statements (which never compacts). Every printed
//! number and every gradient must match bit for bit (tolerance: none), and
//! the loop's graph must stay bounded.

use micrograd::eval::{Event, Session, Value};

/// A network whose call on one sample builds ~8,700 nodes, and eight
/// samples: one iteration builds ~70,000 nodes, above the size at which a
/// compaction is considered.
const SETUP: &str = "\
n = MLP(2, [64, 64, 1])
X = [[0.5, -1.0], [1.5, 0.25], [-0.75, 2.0], [0.1, 0.2], [1.0, 1.0], [-1.0, 0.5], [0.3, -0.3], [2.0, -2.0]]
Y = [1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0]
a = Value(0.5, label='a')
keep = [a * 3, a + 1]
pair = (a * 5, keep)
def scaled(x, k=a * 7):
    return x * k
def make_adder(base):
    def add(x):
        return x + base
    return add
adder = make_adder(a * 11)
later = zip([a * 13, a * 17, a * 19], [1, 2, 3])
itself = [a * 41]
itself.append(itself)
";

/// One training step, with reads of everything that holds old nodes.
const STEP: &str = "\
scores = [n(x) for x in X]
losses = [relu(1 + -y * s) for y, s in zip(Y, scores)]
loss = sum(losses) * (1.0 / len(losses))
for p in n.parameters():
    p.grad = 0.0
a.grad = 0.0
total = loss + scaled(a) + adder(a) + keep[0] * keep[1] + pair[0] * pair[1][1]
total.backward()
for p in n.parameters():
    p.data += -0.05 * p.grad
a.data += -0.01 * a.grad
print(loss.data, total.data, a.grad, keep[0].data, pair[0].data, scaled(a).data, adder(a).data)
";

const STEPS: usize = 4;

fn indent(text: &str) -> String {
    text.lines().map(|line| format!("    {line}\n")).collect()
}

/// Runs `source` in a fresh session; returns what it printed.
fn run(session: &mut Session, source: &str) -> Vec<String> {
    let mut events: Vec<Event> = Vec::new();
    session.run(source, &mut events).expect("the program runs");
    events
        .into_iter()
        .filter_map(|event| match event {
            Event::Print(line) => Some(line),
            _ => None,
        })
        .collect()
}

/// The gradients and values of every parameter and of `a`, as bits.
fn parameter_bits(session: &mut Session) -> Vec<(u64, u64)> {
    let mut events: Vec<Event> = Vec::new();
    session
        .run("ps = n.parameters() + [a]", &mut events)
        .expect("the parameters can be listed");
    let Some(Value::List(list)) = session.lookup("ps").cloned() else {
        panic!("ps is a list");
    };
    let ids: Vec<_> = list
        .snapshot()
        .iter()
        .map(|v| match v {
            Value::Node(id) => *id,
            other => panic!("a parameter is a node, not {}", other.kind()),
        })
        .collect();
    ids.iter()
        .map(|&id| {
            (
                session.graph.value(id).to_bits(),
                session.graph.grad(id).to_bits(),
            )
        })
        .collect()
}

fn unrolled(body: &str, tail: &str) -> (Vec<String>, Vec<(u64, u64)>, usize) {
    let mut session = Session::new();
    run(&mut session, SETUP);
    let mut printed = Vec::new();
    for _ in 0..STEPS {
        printed.extend(run(&mut session, body));
    }
    printed.extend(run(&mut session, tail));
    let nodes = session.graph.len();
    (printed, parameter_bits(&mut session), nodes)
}

fn looped(header: &str, body: &str, tail: &str) -> (Vec<String>, Vec<(u64, u64)>, usize) {
    let mut session = Session::new();
    run(&mut session, SETUP);
    let mut printed = run(&mut session, &format!("{header}\n{}\n", indent(body)));
    printed.extend(run(&mut session, tail));
    let nodes = session.graph.len();
    (printed, parameter_bits(&mut session), nodes)
}

#[test]
fn a_compacting_loop_prints_and_differentiates_bit_for_bit_as_unrolled() {
    let tail =
        "print(loss.data, keep[1].data, [u.data * v for u, v in later], itself[1][1][0].data)";
    let (plain, plain_bits, plain_nodes) = unrolled(STEP, tail);
    let (compacted, compacted_bits, compacted_nodes) =
        looped(&format!("for k in range({STEPS}):"), STEP, tail);
    assert_eq!(compacted, plain);
    assert_eq!(compacted_bits, plain_bits);
    assert!(
        compacted_nodes < plain_nodes,
        "the loop's graph is bounded: {compacted_nodes} nodes against {plain_nodes} unrolled"
    );
}

/// The loop's own items hold nodes no name does: a list literal, a tuple
/// and an iterator, renamed while the loop still walks them.
#[test]
fn items_a_loop_has_still_to_visit_are_renamed() {
    let nodes = "a * 23, a * 29, a * 31, a * 37";
    let tail = "print(w.data, w.grad)";
    for (header, each) in [
        (format!("for w in [{nodes}]:"), "w = ws[K]\nm = K\n"),
        (format!("for w in ({nodes}):"), "w = ws[K]\nm = K\n"),
        (
            format!("for w, m in zip([{nodes}], [0, 1, 2, 3]):"),
            "w = ws[K]\nm = K\n",
        ),
    ] {
        let body = format!("{STEP}print(w.data, m if False else 0)\n");
        let body = body.replace("m if False else 0", "w.grad");
        let mut reference = Session::new();
        run(&mut reference, SETUP);
        run(&mut reference, &format!("ws = [{nodes}]"));
        let mut expected = Vec::new();
        for k in 0..STEPS {
            let pick = each.replace('K', &k.to_string());
            expected.extend(run(&mut reference, &format!("{pick}{body}")));
        }
        let mut session = Session::new();
        run(&mut session, SETUP);
        let mut printed = run(&mut session, &format!("{header}\n{}\n", indent(&body)));
        printed.extend(run(&mut session, tail));
        expected.extend(run(&mut reference, tail));
        assert_eq!(printed, expected, "{header}");
    }
}

/// `micrograd bench loop` and `lecture` run their scripts to the end (a
/// script that failed would leave an arena of a few hundred nodes).
#[test]
fn the_loop_workloads_run_their_scripts() {
    let looped = micrograd::bench::run_workload("loop", 3);
    assert_eq!(looped.steps, Some(3));
    assert!(
        looped.nodes > 60_000,
        "one step's graph is kept: {}",
        looped.nodes
    );
    let lecture = micrograd::bench::run_workload("lecture", 2);
    assert!(lecture.nodes > 300, "{}", lecture.nodes);
}
