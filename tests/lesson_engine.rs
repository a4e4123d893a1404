//! The lesson engine's grading (issue 13, second walk), piped through
//! `micrograd lesson N`: a number rounded to the digits typed is right,
//! looking around is never graded, and what a wrong answer did is shown.

mod common;

use common::{assert_in_order, pipe_lesson};

fn lines(typed: &[&str]) -> String {
    typed.join("\n") + "\n"
}

/// Lesson 6 [11/13]: "What is L now? (Three decimals are enough.)" The
/// hint said "About -7.29."; typing it was "too low" (true -7.286496,
/// tolerance 0.001), a dead end short of :skip. -7.29 is the answer
/// rounded to the digits typed; -7.28 is not.
#[test]
fn a_number_rounded_to_the_digits_typed_is_right() {
    let out = pipe_lesson("6", lines(&[":skip", ":skip", "-7.28", "-7.29"]));
    assert_in_order(
        &out.stdout,
        &["What is L now?", "-7.28 — that is too high", "✓ Right"],
    );
    assert!(!out.stdout.contains("too low"), "{}", out.stdout);
}

/// Lesson 7 [4/14]: 1 − tanh(0.5)² = 0.7864477, tolerance 1e-4: 0.786 is
/// that rounded to three digits and right; 0.787 is not.
#[test]
fn a_number_rounded_to_three_digits_is_right_and_a_misrounded_one_is_not() {
    let out = pipe_lesson("7", lines(&[":skip", "0.787", "0.786"]));
    assert_in_order(
        &out.stdout,
        &["what is x.grad?", "0.787 — that is too high", "✓ Right"],
    );
}

/// Lesson 16 [4]: looking at the pairs zip makes, at a number question,
/// was "error: expected a number, but this is a list" and used a try; it
/// runs and the question stays open.
#[test]
fn a_list_looked_at_a_number_question_runs_and_the_question_stays_open() {
    let out = pipe_lesson("16", lines(&["list(zip([w1, w2], [x1, x2]))", "-6"]));
    assert_in_order(
        &out.stdout,
        &[
            "What is `sum(w*x for w, x in zip([w1, w2], [x1, x2]))` here?",
            "[(-3.0, 2.0), (1.0, 0.0)]",
            "(ran that; the question is still open — type your answer)",
            "✓ Right",
        ],
    );
    assert!(!out.stdout.contains("expected a number"), "{}", out.stdout);
    assert!(!out.stdout.contains("Try again"), "{}", out.stdout);
}
