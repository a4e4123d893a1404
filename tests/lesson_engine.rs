//! The lesson engine's grading (issue 13, second walk), piped through
//! `micrograd lesson N`: a number rounded to the digits typed is right,
//! looking around is never graded, and what a wrong answer did is shown.

mod common;

use common::{assert_in_order, pipe_lesson};

fn lines(typed: &[&str]) -> String {
    typed.join("\n") + "\n"
}

/// Lesson 6 [11/13]: the last hint says "About -7.29."; typing it was
/// "too low" (true -7.286496, tolerance 0.001), a dead end short of :skip.
#[test]
fn the_last_hints_rounded_number_is_right() {
    let out = pipe_lesson("6", lines(&[":skip", ":skip", ":hint", ":hint", "-7.29"]));
    assert_in_order(&out.stdout, &["What is L now?", "About -7.29.", "✓ Right"]);
    assert!(!out.stdout.contains("too low"), "{}", out.stdout);
}

/// Lesson 7 [4/14]: 0.7864 is 1 − tanh(0.5)² = 0.7864477 to four digits;
/// it was "too low" against a tolerance of 1e-6. 0.7865 is still wrong.
#[test]
fn a_number_rounded_to_four_digits_is_right_and_a_misrounded_one_is_not() {
    let out = pipe_lesson("7", lines(&[":skip", "0.7865", "0.7864"]));
    assert_in_order(
        &out.stdout,
        &["what is x.grad?", "0.7865 — that is too high", "✓ Right"],
    );
}
