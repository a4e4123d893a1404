//! A line of code too wide for the screen, broken where Python allows a
//! break without changing what it means: after a `;` between statements,
//! or after a `,` or a space inside brackets (the next part continues the bracket, as
//! at the REPL's `...` prompt). A learner copying the broken lines back
//! gets the same program; a terminal breaking them would cut `decay=0`
//! into `d` and `ecay=0`.

/// One screen line of a broken code line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// True when this part starts a new statement (after a `;`), false
    /// when it continues the one before (inside a bracket) or is the first.
    pub new_statement: bool,
    /// The part's text, with its indentation.
    pub text: String,
}

/// `line` broken into parts that each fit in `room` columns where a break
/// point allows it (a part with no break point in reach stays whole).
/// A continuation inside brackets is indented four columns deeper than
/// the line; a new statement keeps the line's indentation.
pub fn break_code_line(line: &str, room: usize) -> Vec<Part> {
    let indent = &line[..line.len() - line.trim_start().len()];
    let breaks = break_points(line);
    let mut parts = Vec::new();
    let mut start = 0;
    let mut new_statement = false;
    let mut lead = indent.to_string();
    loop {
        let rest = &line[start..];
        let fits = |end: usize| {
            super::display_width(&lead) + super::display_width(line[start..end].trim()) <= room
        };
        if fits(line.len()) {
            parts.push(Part {
                new_statement,
                text: format!("{lead}{}", rest.trim_start()),
            });
            return parts;
        }
        // Between statements reads better than inside a bracket: the last
        // `;` that fits, else the last break in a bracket, else the first
        // break at all.
        let reachable: Vec<&BreakPoint> = breaks
            .iter()
            .filter(|b| b.at > start)
            .take_while(|b| fits(b.at))
            .collect();
        let chosen = reachable
            .iter()
            .rev()
            .find(|b| b.between_statements)
            .or(reachable.last())
            .copied()
            .or_else(|| breaks.iter().find(|b| b.at > start));
        let Some(point) = chosen else {
            parts.push(Part {
                new_statement,
                text: format!("{lead}{}", rest.trim_start()),
            });
            return parts;
        };
        let text = format!("{lead}{}", line[start..point.at].trim());
        parts.push(Part {
            new_statement,
            text,
        });
        new_statement = point.between_statements;
        lead = if point.between_statements {
            indent.to_string()
        } else {
            format!("{indent}    ")
        };
        start = point.at;
    }
}

/// Where a line may break: just after a `;` outside brackets, or just
/// after a `,` or a space inside them; never inside a string or a comment.
struct BreakPoint {
    at: usize,
    between_statements: bool,
}

fn break_points(line: &str) -> Vec<BreakPoint> {
    let mut points = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (at, c) in line.char_indices() {
        if let Some(open) = quote {
            if c == open {
                quote = None;
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            '#' => break,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            ';' if depth == 0 => points.push(BreakPoint {
                at: at + 1,
                between_statements: true,
            }),
            // Inside brackets Python lets a line break between any two
            // tokens: after a comma, or at a space (`... for x in xs]`).
            ',' | ' ' if depth > 0 => points.push(BreakPoint {
                at: at + 1,
                between_statements: false,
            }),
            _ => {}
        }
    }
    // Nothing after the last `;` but spaces: no statement to start there.
    // And in `for p in ps: a; b` every statement after the `:` is the
    // body's: a new line would take it out of the loop.
    let header = line
        .trim_start()
        .split([' ', ':', '('])
        .next()
        .unwrap_or("");
    let compound = [
        "for", "while", "if", "elif", "else", "def", "with", "try", "except", "finally", "class",
    ]
    .contains(&header);
    points.retain(|p| {
        let nothing_after = line[p.at..].trim().is_empty();
        !(nothing_after || compound && p.between_statements)
    });
    points
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(line: &str, room: usize) -> Vec<String> {
        break_code_line(line, room)
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn a_call_breaks_after_a_comma_and_continues_deeper() {
        let line = "train(n, d, opt=\"sgd\", lr=0.1, steps=30, batch=5, decay=0, every=10, plot=0)";
        let parts = break_code_line(line, 56);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.text.len() <= 56), "{parts:?}");
        assert!(parts.iter().all(|p| !p.new_statement));
        assert!(parts[1].text.starts_with("    "));
        let joined: String = parts
            .iter()
            .map(|p| p.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, line);
    }

    #[test]
    fn statements_break_after_their_semicolons_keeping_the_indent() {
        let line = "    w11.data -= lr*w11.grad; w12.data -= lr*w12.grad; b1.data -= lr*b1.grad;";
        let parts = break_code_line(line, 56);
        assert_eq!(
            parts[0].text,
            "    w11.data -= lr*w11.grad; w12.data -= lr*w12.grad;"
        );
        assert_eq!(parts[1].text, "    b1.data -= lr*b1.grad;");
        assert!(parts[1].new_statement);
        let two = "d = moons(60, noise=0.3, seed=2); n = MLP(2, [16, 16, 1], seed=2)";
        assert_eq!(
            texts(two, 56),
            vec![
                "d = moons(60, noise=0.3, seed=2);",
                "n = MLP(2, [16, 16, 1], seed=2)"
            ]
        );
    }

    #[test]
    fn lines_that_fit_or_cannot_break_stay_whole() {
        assert_eq!(texts("x = 1; y = 2", 56), vec!["x = 1; y = 2"]);
        let long = "a_very_long_name = another_very_long_name * yet_another_long_name_here";
        assert_eq!(texts(long, 40), vec![long]);
        // A comma inside a string is no break point.
        let quoted = "print('a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q')";
        assert_eq!(texts(quoted, 30), vec![quoted]);
        // Inside brackets any space between tokens will do.
        let comprehension = "    return [p for layer in net for p in layer.parameters()]";
        assert_eq!(
            texts(comprehension, 56),
            vec![
                "    return [p for layer in net for p in",
                "        layer.parameters()]"
            ]
        );
        // A one-line body's statements stay on the header's line.
        let body = "for p in ps: p.data -= lr * p.grad; p.grad = 0.0; count = count + 1";
        assert_eq!(texts(body, 40), vec![body]);
    }
}
