//! Colour by meaning. Every view takes a [`Palette`] instead of deciding on
//! colour itself: the terminal side picks one from `--color`, `NO_COLOR`
//! and whether stdout is a terminal, and tests use [`Palette::plain`].
//! A palette is a value: it writes its own ANSI escape codes, so a
//! coloured and a plain session can run side by side in one process.

/// How output is coloured. Copy it freely; it is a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

/// The code that ends a painted span.
const RESET: &str = "\x1b[0m";

/// Select Graphic Rendition parameters, as terminals read them.
mod sgr {
    pub const BOLD: &str = "1";
    pub const DIM: &str = "2";
    pub const RED: &str = "31";
    pub const GREEN: &str = "32";
    pub const YELLOW: &str = "33";
    pub const BLUE: &str = "34";
    pub const MAGENTA: &str = "35";
    pub const CYAN: &str = "36";
}

impl Palette {
    /// No escape codes at all: for pipes, files and tests.
    pub fn plain() -> Self {
        Palette { enabled: false }
    }

    /// ANSI colours, whatever the terminal.
    pub fn ansi() -> Self {
        Palette { enabled: true }
    }

    /// [`Palette::ansi`] when `enabled`, else [`Palette::plain`].
    pub fn coloured(enabled: bool) -> Self {
        Palette { enabled }
    }

    /// True when this palette emits escape codes.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    /// `text` in the rendition `codes` (`["1", "31"]`: bold red). A span
    /// painted inside it (which ends with a reset) takes the outer
    /// rendition up again after its end.
    fn paint(&self, text: &str, codes: &[&str]) -> String {
        if !self.enabled {
            return text.to_string();
        }
        let start = format!("\x1b[{}m", codes.join(";"));
        let inner = text.replace(RESET, &format!("{RESET}{start}"));
        format!("{start}{inner}{RESET}")
    }

    /// A mark of class `class` of a data set (red, green, blue, round and
    /// round), bold for a data point or dim for the region a class gets.
    pub fn class(&self, class: usize, point: bool, text: &str) -> String {
        let colour = [sgr::RED, sgr::GREEN, sgr::BLUE][class % 3];
        let weight = if point { sgr::BOLD } else { sgr::DIM };
        self.paint(text, &[weight, colour])
    }

    /// A gradient or number coloured by sign: green positive, red negative,
    /// plain zero.
    pub fn signed(&self, value: f64, text: &str) -> String {
        if value > 0.0 {
            self.paint(text, &[sgr::GREEN])
        } else if value < 0.0 {
            self.paint(text, &[sgr::RED])
        } else if value.is_nan() {
            self.paint(text, &[sgr::MAGENTA])
        } else {
            text.to_string()
        }
    }
    /// Names of nodes and variables.
    pub fn name(&self, text: &str) -> String {
        self.paint(text, &[sgr::BOLD, sgr::CYAN])
    }
    /// Operations (`+`, `tanh`).
    pub fn op(&self, text: &str) -> String {
        self.paint(text, &[sgr::YELLOW])
    }
    /// Secondary text: ids, notes, stale gradients, tree lines.
    pub fn dim(&self, text: &str) -> String {
        self.paint(text, &[sgr::DIM])
    }
    /// Headings and emphasis.
    pub fn bold(&self, text: &str) -> String {
        self.paint(text, &[sgr::BOLD])
    }
    /// Errors.
    pub fn error(&self, text: &str) -> String {
        self.paint(text, &[sgr::BOLD, sgr::RED])
    }
    /// Warnings.
    pub fn warning(&self, text: &str) -> String {
        self.paint(text, &[sgr::BOLD, sgr::YELLOW])
    }
    /// Success marks and correct answers.
    pub fn good(&self, text: &str) -> String {
        self.paint(text, &[sgr::BOLD, sgr::GREEN])
    }
    /// Failure marks and wrong answers.
    pub fn bad(&self, text: &str) -> String {
        self.paint(text, &[sgr::BOLD, sgr::RED])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use colored::Colorize;

    #[test]
    fn a_plain_palette_made_later_leaves_a_coloured_one_coloured() {
        // Palette::coloured(false) used to switch the colored crate off
        // for the whole process, so a coloured session beside a plain one
        // lost its colours.
        let coloured = Palette::ansi();
        let plain = Palette::coloured(false);
        assert_eq!(coloured.bold("a"), "\x1b[1ma\x1b[0m");
        assert_eq!(plain.bold("a"), "a");
    }

    #[test]
    fn paints_as_the_colored_crate_did() {
        // The crate this replaced, as a reference (a dev-dependency only).
        colored::control::set_override(true);
        let p = Palette::ansi();
        let inner = p.name("x");
        let cases: Vec<(String, String)> = vec![
            (p.signed(1.0, "a"), "a".green().to_string()),
            (p.signed(-1.0, "a"), "a".red().to_string()),
            (p.signed(f64::NAN, "a"), "a".magenta().to_string()),
            (p.name("a"), "a".cyan().bold().to_string()),
            (p.op("a"), "a".yellow().to_string()),
            (p.dim("a"), "a".dimmed().to_string()),
            (p.bold("a"), "a".bold().to_string()),
            (p.error("a"), "a".red().bold().to_string()),
            (p.warning("a"), "a".yellow().bold().to_string()),
            (p.good("a"), "a".green().bold().to_string()),
            (p.bad("a"), "a".red().bold().to_string()),
            (p.dim(""), "".dimmed().to_string()),
            (
                p.dim(&format!("(w {inner} y {inner})")),
                format!("(w {inner} y {inner})").dimmed().to_string(),
            ),
            (p.class(0, true, "o"), "o".red().bold().to_string()),
            (p.class(4, false, "."), ".".green().dimmed().to_string()),
            (p.class(2, true, "o"), "o".blue().bold().to_string()),
        ];
        for (ours, theirs) in cases {
            assert_eq!(ours, theirs);
        }
    }
}
