//! "Ask before telling": a prediction is worth asking only if nothing on
//! screen gives its answer away. `lessons check` collects what the learner
//! read since the last question (text, the lesson's own runs and what they
//! printed, the question itself) and looks for the expected number in it.

/// Where `number` (a prediction's answer as the lesson writes it) appears
/// in `text` as a number of its own: not inside a longer number (`16` in
/// `0.16`), not as the tail of `-3` when it is 3, and with `−` (the
/// typographic minus) read as `-`. Answers 0 and 1 are everywhere (`step
/// 1`, `all 0 for now`) and are not looked for.
pub fn gives_away(text: &str, number: &str) -> Option<String> {
    let number = number.trim();
    let value: f64 = number.parse().ok()?;
    if value == 0.0 || value == 1.0 {
        return None;
    }
    let text = text.replace('−', "-");
    let bytes = text.as_bytes();
    let is_number_byte = |b: u8| b.is_ascii_digit() || b == b'.';
    for (at, _) in text.match_indices(number) {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + number.len()).copied();
        let glued_before = before.is_some_and(|b| is_number_byte(b) || b == b'-');
        let continues = match after {
            Some(b'.') => bytes
                .get(at + number.len() + 1)
                .is_some_and(|b| b.is_ascii_digit()),
            Some(b) => b.is_ascii_digit() || b.is_ascii_alphabetic(),
            None => false,
        };
        if !glued_before && !continues {
            return Some(line_around(&text, at));
        }
    }
    rounded_from_full_precision(&text, number, value).map(|at| line_around(&text, at))
}

/// Where a number printed in full precision (ten digits or more, as the
/// REPL prints `o = 0.7071067811865476`) rounds to `number` at the
/// decimals `number` is written with: the answer is on screen, only longer.
fn rounded_from_full_precision(text: &str, number: &str, value: f64) -> Option<usize> {
    let decimals = number.split_once('.').map_or(0, |(_, d)| d.len());
    let scale = 10f64.powi(decimals as i32);
    let is_number_char = |c: char| c.is_ascii_digit() || c == '.' || c == '-';
    for piece in text.split(|c: char| !is_number_char(c)) {
        // The piece's byte offset in `text` (the separators between pieces
        // may be several bytes wide: ², ×, ≈).
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let digits = piece.chars().filter(char::is_ascii_digit).count();
        if digits < 10 {
            continue;
        }
        let Ok(printed) = piece.parse::<f64>() else {
            continue;
        };
        if (printed * scale).round() / scale == value {
            return Some(start);
        }
    }
    None
}

/// The line of `text` holding byte `at`, trimmed.
fn line_around(text: &str, at: usize) -> String {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text[start..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_on_its_own_is_found_and_parts_of_others_are_not() {
        assert_eq!(gives_away("a.grad\n6\n", "6").as_deref(), Some("6"));
        assert_eq!(
            gives_away("b grows by 2h, so", "2"),
            None,
            "2h is a unit, not the number"
        );
        assert_eq!(gives_away("b = -3", "3"), None);
        assert_eq!(gives_away("b = −3.", "-3").as_deref(), Some("b = -3."));
        assert_eq!(gives_away("0.16 and 160", "16"), None);
        assert_eq!(gives_away("step 1", "1"), None);
        // Printed in full, rounded in the question: still given away.
        assert_eq!(
            gives_away("o = 0.7071067811865476", "0.7071").as_deref(),
            Some("o = 0.7071067811865476")
        );
        assert_eq!(
            gives_away("o = 0.7071067811865476", "0.71"),
            Some("o = 0.7071067811865476".into())
        );
        assert_eq!(
            gives_away("x = 0.5123", "0.5"),
            None,
            "short numbers are not rounded"
        );
        assert_eq!(gives_away("loss 0.8813735870195432", "0.7071"), None);
        // After characters wider than a byte, the line is still found.
        assert_eq!(
            gives_away("σ² × 2 ≈ 4\no = 0.7071067811865476", "0.7071").as_deref(),
            Some("o = 0.7071067811865476")
        );
    }
}
