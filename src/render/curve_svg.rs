//! The loss curve as an SVG picture, for front ends that show pictures
//! (the Jupyter kernel puts it under the cell): the training loss per
//! step, and the held-out loss at its checks, on a log scale when the
//! losses span more than a factor of 100, with the first and last values
//! labelled.

use std::fmt::Write as _;

use super::number;

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 240.0;
const MARGIN: f64 = 48.0;
/// Room left of the plot's margin for the loss labels (`1.234e-5` takes
/// about 55 px): the view box starts this far left of 0.
const LABELS: f64 = 40.0;

/// The SVG of `training` (one loss a step) and `held_out` (one a check,
/// spread over the same steps); `None` with no finite loss to draw.
pub fn loss_curve(training: &[f64], held_out: &[f64]) -> Option<String> {
    let finite: Vec<f64> = training
        .iter()
        .chain(held_out)
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    let low = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let high = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if finite.is_empty() {
        return None;
    }
    let log = low > 0.0 && high / low > 100.0;
    let scale = |y: f64| if log { y.ln() } else { y };
    let (bottom, top) = (scale(low), scale(high));
    let span = if top > bottom { top - bottom } else { 1.0 };
    let point = |index: usize, count: usize, y: f64| {
        let x = MARGIN + (WIDTH - 2.0 * MARGIN) * index as f64 / (count.max(2) - 1) as f64;
        let y = HEIGHT - MARGIN - (HEIGHT - 2.0 * MARGIN) * (scale(y) - bottom) / span;
        format!("{x:.1},{y:.1}")
    };
    let polyline = |losses: &[f64], colour: &str| {
        let points: Vec<String> = losses
            .iter()
            .enumerate()
            .filter(|(_, y)| y.is_finite())
            .map(|(i, y)| point(i, losses.len(), *y))
            .collect();
        format!(
            "<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{}\"/>",
            points.join(" ")
        )
    };
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{HEIGHT}\" viewBox=\"{x} 0 {w} {HEIGHT}\" font-family=\"sans-serif\" font-size=\"12\">",
        w = WIDTH + LABELS,
        x = -LABELS,
    );
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        "<rect x=\"{x}\" width=\"{w}\" height=\"{HEIGHT}\" fill=\"white\"/><line x1=\"{MARGIN}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"black\"/><line x1=\"{MARGIN}\" y1=\"{MARGIN}\" x2=\"{MARGIN}\" y2=\"{b}\" stroke=\"black\"/>",
        b = HEIGHT - MARGIN,
        r = WIDTH - MARGIN,
        x = -LABELS,
        w = WIDTH + LABELS,
    );
    svg.push_str(&polyline(training, "#1f77b4"));
    if !held_out.is_empty() {
        svg.push_str(&polyline(held_out, "#d62728"));
    }
    let axis = if log { "loss (log scale)" } else { "loss" };
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        "<text x=\"{y_labels}\" y=\"{t}\" text-anchor=\"end\">{high}</text><text x=\"{y_labels}\" y=\"{b}\" text-anchor=\"end\">{low}</text><text x=\"{MARGIN}\" y=\"{l}\">step 1</text><text x=\"{r}\" y=\"{l}\" text-anchor=\"end\">{steps}</text><text x=\"{c}\" y=\"20\" text-anchor=\"middle\">{axis}{legend}</text></svg>",
        y_labels = MARGIN - 6.0,
        t = MARGIN + 4.0,
        b = HEIGHT - MARGIN,
        l = HEIGHT - MARGIN + 18.0,
        r = WIDTH - MARGIN,
        c = WIDTH / 2.0,
        high = number::short(high, 4),
        low = number::short(low, 4),
        steps = training.len(),
        legend = if held_out.is_empty() { "" } else { ": training (blue), held out (red)" },
    );
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_falling_loss_draws_one_line_from_top_left_down() {
        let svg = loss_curve(&[1.0, 0.5, 0.25], &[]).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(svg.contains("points=\"48.0,48.0 240.0,"), "{svg}");
        assert!(loss_curve(&[f64::NAN], &[]).is_none());
        let both = loss_curve(&[1000.0, 1.0], &[900.0, 2.0]).unwrap();
        assert!(both.contains("log scale") && both.matches("<polyline").count() == 2);
    }

    #[test]
    fn the_loss_labels_end_left_of_the_axis_with_room_for_a_long_number() {
        let svg = loss_curve(&[1.2345e-5, 1.0], &[]).unwrap();
        // Right-aligned 6 px left of the axis at x = 48, with the view box
        // reaching 40 px left of 0: 82 px for `1.234e-5` (about 55 px).
        assert!(svg.contains("viewBox=\"-40 0 520 240\""), "{svg}");
        assert!(
            svg.contains("<text x=\"42\" y=\"192\" text-anchor=\"end\">1.234e-5</text>"),
            "{svg}"
        );
    }
}
