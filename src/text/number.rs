//! Numbers as a learner should see them. One value asked for alone prints
//! with full precision (the shortest text that reads back as the same f64);
//! tables round for the eye but never hide a sign or a magnitude.

/// Full precision, shortest round-trip: `-8`, `0.30000000000000004`,
/// `1e-7`, `1.5e20`, `NaN`, `inf`, `-0`.
pub fn full(x: f64) -> String {
    if x.is_nan() {
        return "NaN".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let magnitude = x.abs();
    if magnitude != 0.0 && !(1e-5..1e16).contains(&magnitude) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// [`full`] as the views (`show`, `:vars`, `:step`) write it: a zero is
/// `0` whatever its sign. `-0` (from `0 * -1`) read as a sign bug to the
/// eye, and -0 == 0; what `print` and an echo show stays as Python's.
pub fn in_view(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    full(x)
}

/// At most `digits` significant digits, trailing zeros dropped; switches to
/// scientific notation rather than printing `0` for a tiny non-zero value.
/// For the eye, as [`in_view`]: a zero is `0` whatever its sign.
pub fn short(x: f64, digits: usize) -> String {
    let digits = digits.max(1);
    if !x.is_finite() || x == 0.0 {
        return in_view(x);
    }
    let magnitude = x.abs();
    if (1e-4..1e7).contains(&magnitude) {
        let exponent = magnitude.log10().floor() as i32;
        let decimals = (digits as i32 - 1 - exponent).max(0) as usize;
        let text = format!("{x:.decimals$}");
        let text = trim_fraction(&text);
        if text == "-0" || text == "0" {
            return format!("{x:.prec$e}", prec = digits - 1);
        }
        text
    } else {
        let text = format!("{x:.prec$e}", prec = digits - 1);
        match text.split_once('e') {
            Some((mantissa, exp)) => format!("{}e{exp}", trim_fraction(mantissa)),
            None => text,
        }
    }
}

fn trim_fraction(text: &str) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text.to_string()
    }
}

/// [`for_the_eye`] as the views write it ([`in_view`]: a zero is `0`):
/// `:paths`'s `sum = -0.99` beside path products that read -0.99, not
/// `-0.9900000000000001`.
pub fn eye_in_view(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    for_the_eye(x)
}

/// Significant digits a number keeps when float noise is rounded away.
pub const EYE_DIGITS: usize = 12;

/// `x` in full, but for float noise, rounded away as a lesson's own lines
/// round it (`0.014003` for `0.01400300000000243`; `0.0359724199241831`
/// stays): how a lesson's feedback shows a learner's number.
pub fn for_the_eye(x: f64) -> String {
    let full = full(x);
    without_noise(&full).unwrap_or(full)
}

/// Significant digits a number shown in a verdict on a wrong answer keeps.
pub const VERDICT_DIGITS: usize = 6;

/// A learner's wrong number `x` as a verdict shows it, beside the `truth`
/// it is not (finding B39: "✗ Not quite: -1.6065306597126334"): at most
/// [`VERDICT_DIGITS`] significant digits, and float noise gone; more only
/// where so few would read the same as the truth rounded alike.
pub fn for_a_verdict(x: f64, truth: f64) -> String {
    if !x.is_finite() {
        return full(x);
    }
    let eye = for_the_eye(x);
    for digits in VERDICT_DIGITS..=17 {
        let shown = short(x, digits);
        if shown.len() >= eye.len() {
            return eye;
        }
        if shown != short(truth, digits) {
            return shown;
        }
    }
    eye
}

/// Digits the rounding must cut from a number for its tail to count as
/// noise: a run of zeros or nines (`20.014003000000002`), not the honest
/// digits of `1.0611401683948518`, which stay.
const NOISE: usize = 3;

/// `token` (a number's text) rounded to [`EYE_DIGITS`] significant
/// digits, if what that cuts off is float noise: the rounded number needs
/// at most `EYE_DIGITS - NOISE`.
pub fn without_noise(token: &str) -> Option<String> {
    if significant(token) <= EYE_DIGITS {
        return None;
    }
    let value: f64 = token.parse().ok()?;
    let round: f64 = format!("{value:.prec$e}", prec = EYE_DIGITS - 1)
        .parse()
        .ok()?;
    let shown = full(round);
    (significant(&shown) <= EYE_DIGITS - NOISE).then_some(shown)
}

/// Significant digits of a number's text.
fn significant(token: &str) -> usize {
    let mantissa = token.split(['e', 'E']).next().unwrap_or(token);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    digits
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len()
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verdict_shows_six_digits_unless_they_read_as_the_truth() {
        assert_eq!(for_a_verdict(-1.6065306597126334, -1.0), "-1.60653");
        assert_eq!(for_a_verdict(0.0359724199241831, 0.5), "0.0359724");
        assert_eq!(for_a_verdict(14.440000000000005, 14.5), "14.44");
        assert_eq!(for_a_verdict(2.0, 3.0), "2");
        assert_eq!(for_a_verdict(1.0000004, 1.0), "1.0000004");
        assert_eq!(for_a_verdict(-0.08395140633835096, 0.1), "-0.0839514");
        assert_eq!(for_a_verdict(f64::INFINITY, 1.0), "inf");
    }

    #[test]
    fn full_precision_round_trips_and_hides_nothing() {
        assert_eq!(full(-8.0), "-8");
        assert_eq!(full(6.0), "6");
        assert_eq!(full(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(full(1e-7), "1e-7");
        assert_eq!(full(1.5e20), "1.5e20");
        assert_eq!(full(-0.0), "-0");
        assert_eq!(full(f64::NAN), "NaN");
        assert_eq!(full(f64::NEG_INFINITY), "-inf");
        for x in [
            24.70408163265306,
            138.83381924198252,
            -7.286496,
            1e300,
            5e-324,
        ] {
            assert_eq!(full(x).parse::<f64>().unwrap(), x);
        }
    }

    #[test]
    fn short_keeps_sign_and_magnitude() {
        assert_eq!(short(0.123456789, 6), "0.123457");
        assert_eq!(short(-2.0, 6), "-2");
        assert_eq!(short(1234567.0, 4), "1234567");
        assert_eq!(short(12345678.0, 4), "1.235e7");
        assert_eq!(short(-3.2e-9, 4), "-3.2e-9");
        assert_eq!(short(0.00012345, 3), "0.000123");
        assert_eq!(short(0.0, 6), "0");
    }

    #[test]
    fn views_write_a_zero_without_its_sign() {
        assert_eq!(short(-0.0, 6), "0");
        assert_eq!(in_view(-0.0), "0");
        assert_eq!(in_view(-2.5), "-2.5");
        assert_eq!(in_view(-1e-300), "-1e-300");
        assert_eq!(eye_in_view(-0.9900000000000001), "-0.99");
        assert_eq!(eye_in_view(-0.0), "0");
        assert_eq!(eye_in_view(0.0359724199241831), "0.0359724199241831");
    }
}
