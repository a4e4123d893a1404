//! The decision boundary as an SVG picture, for front ends that show
//! pictures (the Jupyter kernel puts it under the cell beside the loss
//! curve): the plane around the points in a grid of cells tinted by the
//! class the network predicts at each centre, and every data point in its
//! true class's colour — training points as dots, held-out points as
//! rings, test points as diamonds — so a mark on another class's tint is
//! misclassified. The terminal draws the same in characters
//! ([`super::plot::decision_boundary`]).

use std::fmt::Write as _;

use super::number;
use super::plot::{padded_bounds, Part, Point};

/// Width of the plane, and its height.
const SIZE: f64 = 320.0;
const MARGIN: f64 = 24.0;
/// Height of a line of text (12 px font).
const LINE: f64 = 16.0;
/// A generous width of one character of the 12 px sans-serif font, so a
/// legend line never runs past the picture in a wide fallback font.
const CHAR_WIDTH: f64 = 7.5;
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
    let colour = |class: usize| COLOURS[class % COLOURS.len()];
    let legend = legend_lines(points, class_names, &colour);
    // The title and legend above the plane, the ranges under it.
    let top = MARGIN + LINE * legend.len() as f64;
    let height = top + SIZE - MARGIN + LINE;
    let (x_min, x_max, y_min, y_max) = padded_bounds(points);
    let inner = SIZE - 2.0 * MARGIN;
    let cell = inner / CELLS as f64;
    let to_x = |x: f64| MARGIN + (x - x_min) / (x_max - x_min) * inner;
    let to_y = |y: f64| top + (y_max - y) / (y_max - y_min) * inner;
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{SIZE}\" height=\"{height}\" viewBox=\"0 0 {SIZE} {height}\" font-family=\"sans-serif\" font-size=\"12\"><rect width=\"{SIZE}\" height=\"{height}\" fill=\"white\"/>",
    );
    // Edges kept crisp: anti-aliased cells show seams between them.
    svg.push_str("<g shape-rendering=\"crispEdges\">");
    for row in 0..CELLS {
        for column in 0..CELLS {
            let x = x_min + (column as f64 + 0.5) / CELLS as f64 * (x_max - x_min);
            let y = y_max - (row as f64 + 0.5) / CELLS as f64 * (y_max - y_min);
            // Writing to a String cannot fail.
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.2}\" height=\"{w:.2}\" fill=\"{}\"/>",
                MARGIN + column as f64 * cell,
                top + row as f64 * cell,
                colour(predict(x, y)).1,
                w = cell + 0.05,
            );
        }
    }
    svg.push_str("</g>");
    // Points never trained on go on top, where they cannot be hidden.
    for part in [Part::Training, Part::HeldOut, Part::Test] {
        for point in points.iter().filter(|p| p.part == part) {
            let (x, y) = (to_x(point.x), to_y(point.y));
            svg.push_str(&mark(part, x, y, colour(point.class).0));
        }
    }
    for (i, line) in legend.iter().enumerate() {
        // Writing to a String cannot fail.
        let _ = write!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{:.0}\">{line}</text>",
            MARGIN - 8.0 + LINE * i as f64
        );
    }
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        "<text x=\"{MARGIN}\" y=\"{b}\" fill=\"#555\">x from {} to {}, y from {} to {}</text></svg>",
        number::short(x_min, 3),
        number::short(x_max, 3),
        number::short(y_min, 3),
        number::short(y_max, 3),
        b = top + inner + LINE,
    );
    Some(svg)
}

/// The mark of a point of `part` at (`x`, `y`) in `colour`: a dot for a
/// training point, a ring for a held-out one, a diamond for a test one.
fn mark(part: Part, x: f64, y: f64, colour: &str) -> String {
    match part {
        Part::Training => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{colour}\" stroke=\"black\" stroke-width=\"0.5\"/>"
        ),
        Part::HeldOut => format!(
            "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"white\" stroke=\"{colour}\" stroke-width=\"2\"/>"
        ),
        Part::Test => {
            let r = 4.5;
            format!(
                "<polygon points=\"{x:.1},{:.1} {:.1},{y:.1} {x:.1},{:.1} {:.1},{y:.1}\" fill=\"white\" stroke=\"{colour}\" stroke-width=\"2\"/>",
                y - r,
                x + r,
                y + r,
                x - r
            )
        }
    }
}

/// The title and legend as lines of SVG text that fit the picture's
/// width: a coloured dot per class, then the marks of the parts present.
fn legend_lines(
    points: &[Point],
    class_names: &[String],
    colour: &dyn Fn(usize) -> (&'static str, &'static str),
) -> Vec<String> {
    let classes = points.iter().map(|p| p.class + 1).max().unwrap_or(0);
    let mut items: Vec<(String, String)> = (0..classes)
        .map(|class| {
            let name = class_names
                .get(class)
                .cloned()
                .unwrap_or_else(|| format!("class {class}"));
            let text = format!("● {name}");
            let svg = format!(
                "<tspan fill=\"{}\">● {}</tspan>",
                colour(class).0,
                escape(&name)
            );
            (text, svg)
        })
        .collect();
    for (part, text) in [(Part::HeldOut, "○ held out"), (Part::Test, "◇ test")] {
        if points.iter().any(|p| p.part == part) {
            items.push((text.to_string(), text.to_string()));
        }
    }
    let room = SIZE - 2.0 * MARGIN;
    let width = |text: &str| text.chars().count() as f64 * CHAR_WIDTH;
    let mut lines = vec!["<tspan font-weight=\"bold\">decision boundary</tspan>".to_string()];
    let mut used = room;
    for (text, svg) in items {
        let gap = 2.0 * CHAR_WIDTH;
        if used + gap + width(&text) > room {
            lines.push(svg);
            used = width(&text);
        } else {
            let last = lines.len() - 1;
            lines[last].push_str(&format!("<tspan dx=\"{gap}\">{svg}</tspan>"));
            used += gap + width(&text);
        }
    }
    lines
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

    fn point(x: f64, y: f64, class: usize, part: Part) -> Point {
        Point { x, y, class, part }
    }

    #[test]
    fn regions_follow_the_prediction_and_points_their_true_class() {
        let points = [
            point(-1.0, 0.0, 0, Part::Training),
            point(1.0, 0.0, 1, Part::Training),
            point(0.5, 0.5, 0, Part::HeldOut),
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
        assert!(!svg.contains("◇ test") && !svg.contains("<polygon"));
        assert!(decision_boundary(&[], &[], &mut |_, _| 0).is_none());
    }

    #[test]
    fn test_points_are_diamonds_in_their_class_colour_named_in_the_legend() {
        let points = [
            point(-1.0, 0.0, 0, Part::Training),
            point(1.0, 0.0, 1, Part::Training),
            point(0.5, 0.5, 0, Part::HeldOut),
            point(-0.5, -0.5, 1, Part::Test),
            point(0.8, -0.2, 1, Part::Test),
        ];
        let svg = decision_boundary(&points, &[], &mut |x, _| usize::from(x > 0.0)).unwrap();
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert_eq!(
            svg.matches("<polygon").count(),
            2,
            "a diamond per test point"
        );
        assert_eq!(
            svg.matches("fill=\"white\" stroke=\"#d62728\"").count(),
            2,
            "in class 1's colour"
        );
        // Drawn last, on top of every other point.
        assert!(svg.rfind("<circle").unwrap() < svg.find("<polygon").unwrap());
        assert!(
            svg.contains("○ held out") && svg.contains("◇ test"),
            "{svg}"
        );
    }

    #[test]
    fn a_long_legend_takes_lines_that_fit_the_picture() {
        let names: Vec<String> = ["setosa", "versicolor", "virginica", "a much longer name"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        let points: Vec<Point> = (0..4)
            .map(|class| point(class as f64, 0.0, class, Part::Training))
            .chain([
                point(0.0, 1.0, 0, Part::HeldOut),
                point(1.0, 1.0, 1, Part::Test),
            ])
            .collect();
        let lines = legend_lines(&points, &names, &|c| COLOURS[c % COLOURS.len()]);
        assert!(lines.len() >= 3, "{lines:?}");
        for line in &lines {
            // The visible text: tags dropped.
            let text: String = line
                .split('<')
                .filter_map(|part| part.split_once('>').map(|(_, text)| text))
                .collect();
            let items = text.matches(['●', '○', '◇']).count();
            let gaps = items.saturating_sub(1) as f64 * 2.0 * CHAR_WIDTH;
            let width = text.chars().count() as f64 * CHAR_WIDTH + gaps;
            assert!(width <= SIZE - 2.0 * MARGIN, "{text}: {width}");
        }
        let svg = decision_boundary(&points, &names, &mut |_, _| 0).unwrap();
        for name in &names {
            assert!(svg.contains(name.as_str()), "{name}");
        }
    }
}
