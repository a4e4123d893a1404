//! The decision boundary as an SVG picture, for front ends that show
//! pictures (the Jupyter kernel puts it under the cell beside the loss
//! curve): the plane around the points in a grid of cells tinted by the
//! class the network predicts at each centre, and every data point as a
//! dot in its true class's colour (held-out points as rings), so a dot on
//! another class's tint is misclassified. The terminal draws the same in
//! characters ([`super::plot::decision_boundary`]).

use std::fmt::Write as _;

use super::number;
use super::plot::{padded_bounds, Point};

const SIZE: f64 = 320.0;
const MARGIN: f64 = 24.0;
/// Cells per side of the grid.
const CELLS: usize = 48;
/// Class colours (dots) and their light tints (regions), as matplotlib's.
const COLOURS: &[(&str, &str)] = &[
    ("#1f77b4", "#c6dbef"),
    ("#d62728", "#fcc5c0"),
    ("#2ca02c", "#c7e9c0"),
    ("#ff7f0e", "#fdd0a2"),
    ("#9467bd", "#dadaeb"),
    ("#8c564b", "#e7d4cf"),
];

/// The SVG of the boundary `predict` draws around `points`, with
/// `class_names` in the legend (classes by number where names are
/// missing); `None` with no points.
pub fn decision_boundary(
    points: &[Point],
    class_names: &[String],
    predict: &mut dyn FnMut(f64, f64) -> usize,
) -> Option<String> {
    if points.is_empty() {
        return None;
    }
    let (x_min, x_max, y_min, y_max) = padded_bounds(points);
    let inner = SIZE - 2.0 * MARGIN;
    let cell = inner / CELLS as f64;
    let to_x = |x: f64| MARGIN + (x - x_min) / (x_max - x_min) * inner;
    let to_y = |y: f64| MARGIN + (y_max - y) / (y_max - y_min) * inner;
    let colour = |class: usize| COLOURS[class % COLOURS.len()];
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SIZE}\" height=\"{h}\" viewBox=\"0 0 {SIZE} {h}\" font-family=\"sans-serif\" font-size=\"12\"><rect width=\"{SIZE}\" height=\"{h}\" fill=\"white\"/>",
        h = SIZE + 20.0
    );
    for row in 0..CELLS {
        for column in 0..CELLS {
            let x = x_min + (column as f64 + 0.5) / CELLS as f64 * (x_max - x_min);
            let y = y_max - (row as f64 + 0.5) / CELLS as f64 * (y_max - y_min);
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.2}\" height=\"{w:.2}\" fill=\"{}\"/>",
                MARGIN + column as f64 * cell,
                MARGIN + row as f64 * cell,
                colour(predict(x, y)).1,
                w = cell + 0.05,
            );
        }
    }
    let (held_out, training): (Vec<&Point>, Vec<&Point>) = points.iter().partition(|p| p.held_out);
    for point in training.iter().chain(&held_out) {
        let (dot, _) = colour(point.class);
        let paint = if point.held_out {
            format!("fill=\"white\" stroke=\"{dot}\" stroke-width=\"2\"")
        } else {
            format!("fill=\"{dot}\" stroke=\"black\" stroke-width=\"0.5\"")
        };
        let _ = write!(
            svg,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" {paint}/>",
            to_x(point.x),
            to_y(point.y)
        );
    }
    let classes = points.iter().map(|p| p.class + 1).max().unwrap_or(0);
    let legend: Vec<String> = (0..classes)
        .map(|class| {
            let name = class_names
                .get(class)
                .cloned()
                .unwrap_or_else(|| format!("class {class}"));
            format!(
                "<tspan fill=\"{}\">● {}</tspan>",
                colour(class).0,
                escape(&name)
            )
        })
        .collect();
    let rings = if held_out.is_empty() {
        ""
    } else {
        "  ○ held out"
    };
    let _ = write!(
        svg,
        "<text x=\"{MARGIN}\" y=\"16\">decision boundary  {}{rings}</text><text x=\"{MARGIN}\" y=\"{b}\" fill=\"#555\">x from {} to {}, y from {} to {}</text></svg>",
        legend.join("  "),
        number::short(x_min, 3),
        number::short(x_max, 3),
        number::short(y_min, 3),
        number::short(y_max, 3),
        b = SIZE + 8.0,
    );
    Some(svg)
}

/// `text` safe inside SVG text.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, y: f64, class: usize, held_out: bool) -> Point {
        Point {
            x,
            y,
            class,
            held_out,
        }
    }

    #[test]
    fn regions_follow_the_prediction_and_points_their_true_class() {
        let points = [
            point(-1.0, 0.0, 0, false),
            point(1.0, 0.0, 1, false),
            point(0.5, 0.5, 0, true),
        ];
        let names = ["setosa".to_string(), "<b>".to_string()];
        let svg = decision_boundary(&points, &names, &mut |x, _| usize::from(x > 0.0)).unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        // Half the cells on each side of x = 0.
        assert_eq!(svg.matches("fill=\"#c6dbef\"").count(), CELLS * CELLS / 2);
        assert_eq!(svg.matches("fill=\"#fcc5c0\"").count(), CELLS * CELLS / 2);
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches("fill=\"white\" stroke=\"#1f77b4\"").count(), 1);
        assert!(
            svg.contains("● setosa") && svg.contains("&lt;b&gt;") && svg.contains("○ held out")
        );
        assert!(decision_boundary(&[], &[], &mut |_, _| 0).is_none());
    }
}
