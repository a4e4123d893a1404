//! Colour by meaning. Every view takes a [`Palette`] instead of deciding on
//! colour itself: the terminal side picks one from `--color`, `NO_COLOR`
//! and whether stdout is a terminal, and tests use [`Palette::plain`].

use colored::Colorize;

/// How output is coloured. Copy it freely; it is a flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// No escape codes at all: for pipes, files and tests.
    pub fn plain() -> Self {
        Palette { enabled: false }
    }

    /// ANSI colours. Forces the `colored` crate on, whatever the terminal.
    pub fn ansi() -> Self {
        colored::control::set_override(true);
        Palette { enabled: true }
    }

    /// [`Palette::ansi`] when `enabled`, else [`Palette::plain`] (telling
    /// the `colored` crate, whose switch is process-wide, either way).
    pub fn coloured(enabled: bool) -> Self {
        if enabled {
            Self::ansi()
        } else {
            colored::control::set_override(false);
            Self::plain()
        }
    }

    /// True when this palette emits escape codes.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    fn paint(&self, text: &str, style: impl FnOnce(&str) -> colored::ColoredString) -> String {
        if self.enabled {
            style(text).to_string()
        } else {
            text.to_string()
        }
    }

    /// A gradient or number coloured by sign: green positive, red negative,
    /// plain zero.
    pub fn signed(&self, value: f64, text: &str) -> String {
        if value > 0.0 {
            self.paint(text, |t| t.green())
        } else if value < 0.0 {
            self.paint(text, |t| t.red())
        } else if value.is_nan() {
            self.paint(text, |t| t.magenta())
        } else {
            text.to_string()
        }
    }
    /// Names of nodes and variables.
    pub fn name(&self, text: &str) -> String {
        self.paint(text, |t| t.cyan().bold())
    }
    /// Operations (`+`, `tanh`).
    pub fn op(&self, text: &str) -> String {
        self.paint(text, |t| t.yellow())
    }
    /// Secondary text: ids, notes, stale gradients, tree lines.
    pub fn dim(&self, text: &str) -> String {
        self.paint(text, |t| t.dimmed())
    }
    /// Headings and emphasis.
    pub fn bold(&self, text: &str) -> String {
        self.paint(text, |t| t.bold())
    }
    /// Errors.
    pub fn error(&self, text: &str) -> String {
        self.paint(text, |t| t.red().bold())
    }
    /// Warnings.
    pub fn warning(&self, text: &str) -> String {
        self.paint(text, |t| t.yellow().bold())
    }
    /// Success marks and correct answers.
    pub fn good(&self, text: &str) -> String {
        self.paint(text, |t| t.green().bold())
    }
    /// Failure marks and wrong answers.
    pub fn bad(&self, text: &str) -> String {
        self.paint(text, |t| t.red().bold())
    }
}
