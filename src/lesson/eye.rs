//! Numbers a lesson shows, rounded for the eye. The REPL prints a value
//! asked for alone with full precision (the shortest text that round-trips),
//! so `20.014003000000002` and `0.9999999999999996` come out as the float
//! noise they are. What a lesson's own lines print (its `run` steps, the
//! answer it runs and the reveals after it) goes through [`ForTheEye`],
//! which rounds a number to [`number::EYE_DIGITS`] significant digits
//! where that cuts only noise (a tail of zeros or nines; see
//! [`number::without_noise`]), and leaves every other number,
//! and the lines the lesson types (after the prompt), alone. The first
//! time it rounds in a lesson it says so, with the number in full, so a
//! learner who types the same name and sees `0.9999999999999998` knows
//! why. What the learner's own code printed is theirs, and is shown as
//! the prompt shows it, right or wrong (finding B2: a wrong loop's output
//! came out whole, a right one's rounded, under a note that "the lesson"
//! rounds); the first float noise in it is pointed out once instead.

use std::io::{self, Write};

use super::play::{CONTINUATION, PROMPT};
use crate::text::{number, wrap};

/// A writer that rounds long numbers line by line before passing them on.
pub struct ForTheEye<'a> {
    inner: &'a mut dyn Write,
    line: Vec<u8>,
    /// Whether the learner was told that shown numbers are rounded (set
    /// once told; `None`: never tell).
    told: Option<&'a mut bool>,
    /// The numbers rounded since, in full and as shown, each once.
    to_tell: Vec<(String, String)>,
    /// Columns the note is wrapped to.
    width: usize,
    /// Whether numbers are rounded (the lesson's own output) or only
    /// looked at for noise (the learner's).
    round: bool,
}

impl<'a> ForTheEye<'a> {
    /// Rounds what is written to `inner`, and unless `told` says the
    /// learner knows already, ends the output with a note naming the first
    /// rounded number in full (then sets `told`), wrapped to `width`.
    pub fn telling(inner: &'a mut dyn Write, told: &'a mut bool, width: usize) -> Self {
        ForTheEye {
            inner,
            line: Vec::new(),
            told: Some(told),
            to_tell: Vec::new(),
            width,
            round: true,
        }
    }

    /// Passes what is written to `inner` unchanged (the learner's own
    /// output), and unless `told` says the learner knows already, ends it
    /// with a note naming its first float noise and what it is noise on
    /// (then sets `told`), wrapped to `width`.
    pub fn noting(inner: &'a mut dyn Write, told: &'a mut bool, width: usize) -> Self {
        let mut eye = ForTheEye::telling(inner, told, width);
        eye.round = false;
        eye
    }

    fn pass_line(&mut self) -> io::Result<()> {
        let text = String::from_utf8_lossy(&self.line).into_owned();
        self.line.clear();
        let plain = strip_colour(&text);
        let typed = plain.starts_with(PROMPT.trim_end()) || plain.starts_with(CONTINUATION);
        if typed {
            return self.inner.write_all(text.as_bytes());
        }
        let (shown, rounded) = rounding(&text);
        for number in rounded {
            if !self.to_tell.contains(&number) {
                self.to_tell.push(number);
            }
        }
        if !self.round {
            return self.inner.write_all(text.as_bytes());
        }
        self.inner.write_all(shown.as_bytes())
    }

    /// The note on rounding, once per `told`.
    fn tell(&mut self) -> io::Result<()> {
        let Some(told) = self.told.as_deref_mut() else {
            return Ok(());
        };
        let rounded = std::mem::take(&mut self.to_tell);
        let Some((full, shown)) = rounded.first() else {
            return Ok(());
        };
        if *told {
            return Ok(());
        }
        *told = true;
        let note = if self.round {
            format!(
                "(The lesson rounds float noise away: {}, as typing it at the prompt shows. Floating point cannot hold most decimals exactly.)",
                in_full(&rounded)
            )
        } else {
            format!(
                "(Float noise: {full} above is {shown} plus rounding error; floating point cannot hold most decimals exactly.)"
            )
        };
        writeln!(self.inner, "{}", wrap::paragraph(&note, self.width))
    }
}

impl Write for ForTheEye<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        for &byte in bytes {
            self.line.push(byte);
            if byte == b'\n' {
                self.pass_line()?;
            }
        }
        Ok(bytes.len())
    }

    /// Passes on what was written; the note waits for the end (a drop),
    /// since the console flushes after every line a loop prints and the
    /// note landed between them.
    fn flush(&mut self) -> io::Result<()> {
        if !self.line.is_empty() {
            self.pass_line()?;
        }
        self.inner.flush()
    }
}

impl Drop for ForTheEye<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
        let _ = self.tell();
        let _ = self.inner.flush();
    }
}

/// `text` without ANSI colour codes.
fn strip_colour(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            plain.push(c);
        }
    }
    plain
}

/// Most rounded numbers a note names one by one (finding C203: the note
/// named x1.grad's -1.5 and not w1.grad's 1.0 beside it).
const NAMED: usize = 3;

/// "-1.5 above is -1.4999999999999996 in full, 1.0 is 0.9999999999999998":
/// what `rounded` (in full, as shown) were before rounding, the first
/// [`NAMED`] by name.
fn in_full(rounded: &[(String, String)]) -> String {
    let named: Vec<String> = (rounded.iter().take(NAMED).enumerate())
        .map(|(i, (full, shown))| match i {
            0 => format!("{shown} above is {full}"),
            _ => format!("{shown} is {full}"),
        })
        .collect();
    let more = rounded.len().saturating_sub(NAMED);
    match (named.as_slice(), more) {
        ([one], _) => format!("{one} in full"),
        ([first, rest @ ..], 0) => {
            let (last, middle) = rest.split_last().expect("two at least");
            let middle: String = middle.iter().map(|m| format!(", {m}")).collect();
            format!("{first} in full{middle} and {last}")
        }
        ([first, rest @ ..], _) => {
            let rest: String = rest.iter().map(|m| format!(", {m}")).collect();
            format!("{first} in full{rest}, and {more} more like them")
        }
        ([], _) => String::new(),
    }
}

/// Every number in `line` with more than [`number::EYE_DIGITS`]
/// significant digits, rounded to that many where that cuts only noise
/// (names with digits, `x1`, `#5`, are left alone; a float stays a
/// float, `1.0`, not `1` beside a `0.0`: finding C203),
/// and the numbers it rounded (in full, as shown).
fn rounding(line: &str) -> (String, Vec<(String, String)>) {
    let bytes = line.as_bytes();
    let mut rounded = Vec::new();
    let mut shown = String::with_capacity(line.len());
    let mut at = 0;
    while at < bytes.len() {
        let starts_number = bytes[at].is_ascii_digit()
            && (at == 0
                || !(bytes[at - 1].is_ascii_alphanumeric()
                    || matches!(bytes[at - 1], b'_' | b'#' | b'.')));
        if !starts_number {
            let c = line[at..].chars().next().unwrap_or(' ');
            shown.push(c);
            at += c.len_utf8();
            continue;
        }
        let end = number_end(bytes, at);
        let token = &line[at..end];
        match number::without_noise(token) {
            Some(short) => {
                let short = match short.parse::<f64>() {
                    Ok(value) if token.contains(['.', 'e', 'E']) => crate::eval::echo_float(value),
                    _ => short,
                };
                // The note quotes the number with its sign: "1.5 above
                // is 1.4999999999999996" misquoted a -1.5 on screen.
                let sign = if negated(bytes, at) { "-" } else { "" };
                rounded.push((format!("{sign}{token}"), format!("{sign}{short}")));
                shown.push_str(&short);
            }
            None => shown.push_str(token),
        }
        at = end;
    }
    (shown, rounded)
}

/// Whether the number starting at `start` has a minus sign of its own
/// (`-1.5`, `= -1.5`, `(-1.5`), not a subtraction (`a-1.5`, `2 - 1.5`).
fn negated(bytes: &[u8], start: usize) -> bool {
    start >= 1
        && bytes[start - 1] == b'-'
        && (start == 1 || matches!(bytes[start - 2], b' ' | b'(' | b'[' | b',' | b'='))
        && !(start >= 3 && bytes[start - 2] == b' ' && bytes[start - 3].is_ascii_alphanumeric())
}

/// Where the number starting at `start` ends: digits, a fraction, an
/// exponent.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let digits = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    let mut end = digits(start);
    if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
        end = digits(end + 1);
    }
    if end < bytes.len() && matches!(bytes[end], b'e' | b'E') {
        let sign = usize::from(matches!(bytes.get(end + 1), Some(b'-' | b'+')));
        if bytes.get(end + 1 + sign).is_some_and(u8::is_ascii_digit) {
            end = digits(end + 1 + sign);
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_numbers(line: &str) -> String {
        rounding(line).0
    }

    #[test]
    fn float_noise_is_rounded_and_everything_else_kept() {
        assert_eq!(
            round_numbers("f_nudged = 20.014003000000002"),
            "f_nudged = 20.014003"
        );
        // A float stays a float (C203: `1` beside a `0.0` read as an int).
        assert_eq!(round_numbers("0.9999999999999996"), "1.0");
        assert_eq!(round_numbers("6.400000000000012e-05"), "6.4e-05");
        assert_eq!(round_numbers("0.30000000000000004"), "0.3");
        // Honest digits stay: only a tail of zeros or nines is noise.
        assert_eq!(round_numbers("-0.7864477329659274"), "-0.7864477329659274");
        assert_eq!(
            round_numbers("x1 = 2, #5 = -6, 14.003"),
            "x1 = 2, #5 = -6, 14.003"
        );
        assert_eq!(round_numbers("1.0611401683948518"), "1.0611401683948518");
    }

    #[test]
    fn the_first_rounding_is_told_once_with_the_number_in_full() {
        let mut told = false;
        let mut out = Vec::new();
        for _ in 0..2 {
            let mut eye = ForTheEye::telling(&mut out, &mut told, 80);
            write!(eye, ">>> w1.grad\n0.9999999999999998\n2.5\n").unwrap();
        }
        let shown = String::from_utf8(out).unwrap();
        assert!(shown.starts_with(">>> w1.grad\n1.0\n2.5\n(The lesson rounds float noise away: 1.0 above is 0.9999999999999998 in full"), "{shown}");
        assert_eq!(shown.matches("rounds float noise").count(), 1, "{shown}");
        let mut out = Vec::new();
        let mut told = false;
        {
            let mut eye = ForTheEye::telling(&mut out, &mut told, 80);
            writeln!(eye, "2.5").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "2.5\n",
            "nothing rounded, nothing told"
        );
        assert!(!told);
    }

    #[test]
    fn the_note_waits_for_the_end_of_the_output() {
        let mut out = Vec::new();
        let mut told = false;
        {
            let mut eye = ForTheEye::telling(&mut out, &mut told, 80);
            writeln!(eye, "0.04000000000000007").unwrap();
            eye.flush().unwrap();
            writeln!(eye, "0.0016").unwrap();
            eye.flush().unwrap();
        }
        let shown = String::from_utf8(out).unwrap();
        assert!(
            shown.starts_with("0.04\n0.0016\n(The lesson rounds"),
            "{shown}"
        );
    }

    #[test]
    fn the_learners_output_is_passed_whole_and_its_noise_told_once() {
        let mut out = Vec::new();
        let mut told = false;
        for _ in 0..2 {
            let mut eye = ForTheEye::noting(&mut out, &mut told, 80);
            writeln!(eye, "0.04000000000000007").unwrap();
            eye.flush().unwrap();
            writeln!(eye, "0.001600000000000003").unwrap();
        }
        let shown = String::from_utf8(out).unwrap();
        assert!(
            shown.starts_with(
                "0.04000000000000007\n0.001600000000000003\n(Float noise: 0.04000000000000007 above is 0.04 plus rounding error;"
            ),
            "{shown}"
        );
        assert!(!shown.contains("The lesson rounds"), "{shown}");
        assert_eq!(shown.matches("Float noise").count(), 1, "{shown}");
        assert!(
            shown.ends_with(")\n0.04000000000000007\n0.001600000000000003\n"),
            "{shown}"
        );
    }

    #[test]
    fn the_note_names_every_number_it_rounded() {
        // Lesson 16's reveal (finding C203): the note named x1.grad's -1.5
        // and not w1.grad's 1 under it.
        let mut out = Vec::new();
        let mut told = false;
        {
            let mut eye = ForTheEye::telling(&mut out, &mut told, 200);
            write!(
                eye,
                ">>> x1.grad\n-1.4999999999999996\n>>> w1.grad\n0.9999999999999998\n>>> w2.grad\n0.0\n"
            )
            .unwrap();
        }
        let shown = String::from_utf8(out).unwrap();
        assert!(
            shown.starts_with(">>> x1.grad\n-1.5\n>>> w1.grad\n1.0\n>>> w2.grad\n0.0\n"),
            "{shown}"
        );
        assert!(
            shown.contains("-1.5 above is -1.4999999999999996 in full and 1.0 is 0.9999999999999998, as typing"),
            "{shown}"
        );
        let many: Vec<(String, String)> = (1..=5)
            .map(|i| (format!("{i}.0000000000000004"), format!("{i}.0")))
            .collect();
        assert_eq!(
            in_full(&many),
            "1.0 above is 1.0000000000000004 in full, 2.0 is 2.0000000000000004, \
             3.0 is 3.0000000000000004, and 2 more like them"
        );
    }

    #[test]
    fn a_negative_number_is_quoted_with_its_sign() {
        let first =
            |line: &str| (rounding(line).1.first()).map(|(full, shown)| format!("{shown} {full}"));
        assert_eq!(
            first("-1.4999999999999996").as_deref(),
            Some("-1.5 -1.4999999999999996")
        );
        assert_eq!(
            first("x1.grad = -1.4999999999999996").as_deref(),
            Some("-1.5 -1.4999999999999996")
        );
        assert_eq!(
            first("[0.5, -1.4999999999999996]").as_deref(),
            Some("-1.5 -1.4999999999999996")
        );
        assert_eq!(
            first("2 - 1.4999999999999996").as_deref(),
            Some("1.5 1.4999999999999996")
        );
        assert_eq!(
            first("0.9999999999999998").as_deref(),
            Some("1.0 0.9999999999999998")
        );
    }

    #[test]
    fn the_lines_a_lesson_types_are_left_as_typed() {
        let mut out = Vec::new();
        {
            let mut told = true;
            let mut eye = ForTheEye::telling(&mut out, &mut told, 80);
            write!(eye, ">>> x = 0.1 + 0.2\nx = 0.30000000000000004\n").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            ">>> x = 0.1 + 0.2\nx = 0.3\n"
        );
    }
}
