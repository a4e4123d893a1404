//! Plain ASCII for terminals whose locale is not UTF-8 (`LANG=C`): the
//! tree's lines, ∂, ×, →, ², σ, Σ and the rest spelled in ASCII, so a
//! learner sees `a.grad += de/da (= b = -3) x e.grad (-2) -> 6` instead of
//! mojibake. The front end decides once, from the locale ([`locale_is_utf8`]),
//! and wraps its writers in [`Ascii`]; everything else writes as before.

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};

static ASCII_ONLY: AtomicBool = AtomicBool::new(false);

/// Makes [`fit`] and [`Ascii`] spell everything in ASCII (or stop).
pub fn set_ascii_only(on: bool) {
    ASCII_ONLY.store(on, Ordering::Relaxed);
}

/// True when output is spelled in ASCII.
pub fn ascii_only() -> bool {
    ASCII_ONLY.load(Ordering::Relaxed)
}

/// Whether the locale the variables name is UTF-8, as the C library reads
/// them: the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set and not empty
/// decides. With none set the terminal is taken to be UTF-8, as nearly
/// every terminal is (a bare container sets no locale at all).
pub fn locale_is_utf8(lc_all: Option<&str>, lc_ctype: Option<&str>, lang: Option<&str>) -> bool {
    let Some(locale) = [lc_all, lc_ctype, lang]
        .into_iter()
        .flatten()
        .find(|value| !value.is_empty())
    else {
        return true;
    };
    let locale = locale.to_ascii_lowercase();
    locale.contains("utf-8") || locale.contains("utf8")
}

/// The ASCII spelling of one character (itself when it is ASCII).
fn spell(c: char) -> Cow<'static, str> {
    Cow::Borrowed(match c {
        '├' | '┬' | '┴' | '┼' | '┌' | '┐' | '┘' | '┤' => "+",
        '└' => "`",
        '│' => "|",
        '─' | '−' | '–' => "-",
        '—' => "--",
        '∂' => "d",
        '×' => "x",
        '·' => "*",
        '→' => "->",
        '←' => "<-",
        '↑' => "^",
        '²' => "^2",
        '³' => "^3",
        '¹' => "^1",
        '⁻' => "^-",
        '½' => "1/2",
        '√' => "sqrt",
        'σ' => "sigma",
        'Σ' => "sum",
        'η' => "eta",
        'λ' => "lambda",
        'β' => "beta",
        'θ' => "theta",
        'ε' => "eps",
        'ρ' => "rho",
        'π' => "pi",
        '±' => "+/-",
        '≈' => "~",
        '≤' => "<=",
        '≥' => ">=",
        '…' => "...",
        '✓' => "ok",
        '✗' => "x",
        '•' => "*",
        'ŷ' => "y^",
        '‘' | '’' => "'",
        '“' | '”' => "\"",
        c if c.is_ascii() => return Cow::Owned(c.to_string()),
        _ => "?",
    })
}

/// `text` in ASCII when [`ascii_only`] is on; as it is otherwise.
pub fn fit(text: &str) -> Cow<'_, str> {
    if !ascii_only() || text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(spelled(text))
}

fn spelled(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            out.push(c);
        } else if ('\u{0300}'..='\u{036f}').contains(&c) {
            // A combining accent (the hat of ŷ written as y + ^) drops.
        } else if c == 'Σ' {
            // `Σp²` as `sum(p^2)`: `sump^2` read as one strange word.
            let mut term = String::new();
            while let Some(&next) = chars.peek() {
                if next.is_whitespace() || ",.;:)]}`'\"".contains(next) {
                    break;
                }
                term.push(next);
                chars.next();
            }
            if term.is_empty() {
                out.push_str("sum");
            } else {
                out.push_str(&format!("sum({})", spelled(&term)));
            }
        } else {
            out.push_str(&spell(c));
        }
    }
    out
}

/// A writer that passes everything through, spelled in ASCII while
/// asked to (a character cut between two writes is kept until
/// its last byte comes).
pub struct Ascii<W: Write> {
    inner: W,
    pending: Vec<u8>,
    on: bool,
}

impl<W: Write> Ascii<W> {
    /// Wraps `inner`, spelling in ASCII if [`ascii_only`] is on now.
    pub fn new(inner: W) -> Self {
        Self::spelling(inner, ascii_only())
    }

    /// Wraps `inner`, spelling in ASCII when `on`.
    pub fn spelling(inner: W, on: bool) -> Self {
        Ascii {
            inner,
            pending: Vec::new(),
            on,
        }
    }
}

impl<W: Write> Write for Ascii<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.on {
            return self.inner.write(buf);
        }
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            // Not UTF-8 at all: pass the bytes on as they are.
            Err(_) => self.pending.len(),
        };
        let bytes: Vec<u8> = self.pending.drain(..valid).collect();
        let text = String::from_utf8_lossy(&bytes);
        self.inner.write_all(spelled(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_decides_and_an_unset_one_is_utf8() {
        assert!(!locale_is_utf8(None, None, Some("C")));
        assert!(!locale_is_utf8(None, None, Some("POSIX")));
        assert!(!locale_is_utf8(None, None, Some("en_US.ISO-8859-1")));
        assert!(locale_is_utf8(None, None, Some("en_US.UTF-8")));
        assert!(locale_is_utf8(None, None, Some("C.utf8")));
        assert!(!locale_is_utf8(Some("C"), None, Some("en_US.UTF-8")));
        assert!(locale_is_utf8(Some(""), Some("de_DE.UTF-8"), Some("C")));
        assert!(locale_is_utf8(None, None, None));
    }

    #[test]
    fn every_character_comes_out_ascii() {
        let text = "├── a.grad += ∂e/∂a (= b = -3) × e.grad (-2) → 6 · σ Σp² ≈ … 中";
        let spelled = spelled(text);
        assert!(spelled.is_ascii(), "{spelled}");
        assert_eq!(
            spelled,
            "+-- a.grad += de/da (= b = -3) x e.grad (-2) -> 6 * sigma sum(p^2) ~ ... ?"
        );
    }

    #[test]
    fn a_sum_sign_spells_its_term_in_brackets() {
        assert_eq!(
            spelled("hinge loss + 0.0001·Σp², l1·Σ|p|. λ·Σ w², Σ over paths"),
            "hinge loss + 0.0001*sum(p^2), l1*sum(|p|). lambda*sum w^2, sum over paths"
        );
        assert_eq!(spelled("`Σp²`"), "`sum(p^2)`");
    }

    #[test]
    fn a_character_split_between_writes_is_spelled_whole() {
        let mut out = Ascii::spelling(Vec::new(), true);
        let arrow = "→".as_bytes();
        out.write_all(&[b'a', arrow[0]]).unwrap();
        out.write_all(&arrow[1..]).unwrap();
        assert_eq!(out.inner, b"a->");
    }
}
