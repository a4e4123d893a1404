//! Ctrl-C while a line runs, driven through a [`Console`] with its
//! interrupt flag set from another thread, as the REPL's signal handler
//! sets it.

use std::sync::atomic::Ordering;
use std::time::Duration;

use micrograd::console::{Console, RunAll};
use micrograd::render::diagnostic::Origin;
use micrograd::render::Palette;

#[test]
fn ctrl_c_during_train_keeps_the_weights_and_skips_the_rest_of_the_line() {
    let mut console = Console::new(Palette::plain());
    let origin = Origin::Prompt { prompt_width: 4 };
    let mut out = Vec::new();
    console.execute(
        "n = MLP(2, [16, 16, 1]); d = moons(100)",
        origin,
        &mut out,
        &mut RunAll,
    );
    let interrupt = console.interrupt.clone();
    let presser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        interrupt.store(true, Ordering::SeqCst);
    });
    console.execute(
        "train(n, d, steps=1000000, plot=0); after = 1",
        origin,
        &mut out,
        &mut RunAll,
    );
    presser.join().unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("(Ctrl-C)"), "training stopped: {text}");
    assert!(
        text.contains("the rest of the line was not run"),
        "says so: {text}"
    );
    assert!(!text.contains("after = 1"), "{text}");
    assert!(console.session.lookup("after").is_none());
    assert!(console.session.lookup("n").is_some(), "variables survive");
}
