//! The handlers of `:` commands that are not views: help, zero, reset,
//! load, save, seed, quit, and the hand-off of lesson commands.

use std::io::Write;

use super::meta::{self, Meta};
use super::{files, help, pictures, views, Console, Failure, Outcome, StepControl};
use crate::engine::NodeId;
use crate::eval::{EvalError, Session, Value};
use crate::host::files as host_files;
use crate::render::diagnostic::Origin;
use crate::text::wrap;

/// Deepest chain of `:load` inside loaded files.
const MAX_LOAD_DEPTH: usize = 8;

/// Commands that change what later statements compute (random numbers,
/// gradients), so `:save` keeps them for the replay to match the session.
fn changes_state(meta: Meta) -> bool {
    matches!(meta, Meta::Seed | Meta::Zero | Meta::Step)
}

impl Console {
    pub(super) fn meta_command(
        &mut self,
        line: &str,
        origin: Origin,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> std::io::Result<Outcome> {
        let (word, args, offset) = meta::split(line);
        // `:save! FILE`: the `!` allows replacing a file that is there.
        let (word, overwrite) = match word.strip_suffix('!') {
            Some(word) => (word, true),
            None => (word, false),
        };
        let Some(command) = meta::resolve(word) else {
            if let [full] = meta::full_name_only(word)[..] {
                let said = format!(
                    "`:{word}` could mean :{full}, which forgets work, so it needs its full \
                     name: type :{full}. Nothing was done."
                );
                writeln!(out, "{}", wrap::paragraph(&said, self.style().width))?;
                return Ok(Outcome::Ok);
            }
            let names = meta::COMMANDS.iter().map(|c| c.name);
            let hint = match crate::eval::closest(word, names) {
                Some(close) => format!(" (did you mean :{close}?)"),
                None => String::new(),
            };
            self.report_message(
                out,
                origin,
                &format!("unknown command `:{word}`{hint}; type :help to see them all"),
            )?;
            return Ok(Outcome::Failed);
        };
        let result: Result<(), Failure> = match command.meta {
            _ if overwrite && !matches!(command.meta, Meta::Save | Meta::Dot) => Err(usage_error(
                word,
                &format!(
                    ":{}   (`!` goes only after :save and :dot, to replace a file)",
                    command.name
                ),
            )
            .into()),
            Meta::Help => help::write(out, self.style(), args).map_err(Failure::from),
            // `:reset a` must not forget everything when only `a` was meant.
            Meta::Vars | Meta::Reset if !args.is_empty() => Err(usage_error(
                args,
                &format!(":{}   (it takes nothing after it)", command.name),
            )
            .into()),
            Meta::Vars => views::vars(self, out),
            Meta::Show => match self.node_argument(args, ":show L") {
                Ok(root) => views::show(self, root, out),
                Err(error) => Err(error.into()),
            },
            Meta::Step => match self.node_argument(args, ":step L") {
                Ok(root) => views::step(self, root, out, control),
                Err(error) => Err(error.into()),
            },
            Meta::Check => self.check_command(args, out),
            Meta::Paths => self.paths_command(args, out),
            Meta::Dot => self.dot_command(args, overwrite, out),
            Meta::Zero => self.zero_command(args, out),
            Meta::Reset => {
                self.session.reset();
                self.transcript.clear();
                if self.session.seed() != Session::new().seed() {
                    // The seed outlives :reset; a replay must start from it.
                    self.transcript
                        .push(format!(":seed {}", self.session.seed()));
                }
                let said = format!(
                    "Session reset: every name and node is forgotten. Kept: the random seed ({}), \
                     so random numbers start again from it; your history and lesson progress.",
                    self.session.seed()
                );
                writeln!(out, "{}", wrap::paragraph(&said, self.style().width))
                    .map_err(Failure::from)
            }
            Meta::Load => match self.load_command(args, out, control) {
                Ok(outcome) => return Ok(outcome),
                Err(failure) => Err(failure),
            },
            Meta::Save => self.save_command(args, overwrite, out),
            Meta::Seed => self.seed_command(args, out),
            Meta::Quit => return Ok(Outcome::Quit),
            Meta::Lessons | Meta::Lesson | Meta::Next | Meta::Back | Meta::Hint | Meta::Skip => {
                return Ok(Outcome::Lesson(command.meta, args.to_string()))
            }
        };
        match result {
            Ok(()) => {
                if changes_state(command.meta) {
                    self.transcript.push(line.trim().to_string());
                }
                Ok(Outcome::Ok)
            }
            Err(Failure::Eval(mut error)) => {
                error.span.start += offset;
                error.span.end += offset;
                self.report_error(out, origin, line, &error)?;
                Ok(Outcome::Failed)
            }
            Err(Failure::Write(error)) => Err(error),
        }
    }

    /// Evaluates a command argument that must be one node. Spans in the
    /// error are relative to `text`.
    pub(super) fn node_argument(&mut self, text: &str, usage: &str) -> Result<NodeId, EvalError> {
        if text.trim().is_empty() {
            return Err(usage_error(text, usage));
        }
        match self.session.eval_expr(text)? {
            Value::Node(id) => Ok(id),
            other => Err(crate::eval::EvalError::new(
                format!(
                    "expected a number (a node of the graph), but this is {}",
                    other.kind()
                ),
                crate::syntax::Span::new(0, text.len()),
            )),
        }
    }

    fn check_command(&mut self, args: &str, out: &mut dyn Write) -> Result<(), Failure> {
        let (expr, step) = match args.rsplit_once(char::is_whitespace) {
            Some((expr, last)) if last.parse::<f64>().is_ok() => (expr, last.parse::<f64>().ok()),
            _ => (args, None),
        };
        if let Some((head, last)) = args.rsplit_once(char::is_whitespace) {
            // `:check L abc`: L is fine, the step is not a number.
            let word = last
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.');
            if step.is_none()
                && word
                && !crate::eval::is_expression(args)
                && crate::eval::is_expression(head)
            {
                return Err(relative_to(
                    usage_error(last, ":check L [h]   (h must be a number, like 1e-6)"),
                    args,
                    last,
                )
                .into());
            }
        }
        let step = step.unwrap_or(crate::engine::check::DEFAULT_STEP);
        if !(step > 0.0 && step.is_finite()) {
            return Err(usage_error(
                args,
                ":check L [h]   (h must be a small positive number, like 1e-6)",
            )
            .into());
        }
        let root = self.node_argument(expr, ":check L [h]")?;
        views::check(self, root, step, out)
    }

    fn paths_command(&mut self, args: &str, out: &mut dyn Write) -> Result<(), Failure> {
        let Some((root_text, leaf_text)) = args.rsplit_once(char::is_whitespace) else {
            return Err(usage_error(args, ":paths L a   (the result, then the input)").into());
        };
        let root = self.node_argument(root_text, ":paths L a")?;
        let leaf = self
            .node_argument(leaf_text.trim(), ":paths L a")
            .map_err(|e| relative_to(e, args, leaf_text))?;
        views::paths(self, root, leaf, out)
    }

    fn dot_command(
        &mut self,
        args: &str,
        overwrite: bool,
        out: &mut dyn Write,
    ) -> Result<(), Failure> {
        let Some((root_text, file)) = args.rsplit_once(char::is_whitespace) else {
            return Err(usage_error(
                args,
                ":dot L FILE   (e.g. :dot L graph.svg for a picture, graph.dot for DOT)",
            )
            .into());
        };
        let root = self.node_argument(root_text, ":dot L FILE")?;
        let request = pictures::DotRequest {
            root_text: root_text.trim(),
            file,
            overwrite,
        };
        pictures::dot(self, root, &request, out).map_err(|failure| match failure {
            Failure::Eval(e) => Failure::Eval(relative_to(e, args, file)),
            write => write,
        })
    }

    fn zero_command(&mut self, args: &str, out: &mut dyn Write) -> Result<(), Failure> {
        if args.is_empty() {
            self.session.graph.zero_all_grads();
            writeln!(out, "All gradients set to 0.")?;
        } else {
            let root = self.node_argument(args, ":zero [L]")?;
            self.session.graph.zero_grad(root);
            let name = self.session.graph.display_name(root);
            writeln!(out, "Gradients under {name} set to 0.")?;
        }
        Ok(())
    }

    fn seed_command(&mut self, args: &str, out: &mut dyn Write) -> Result<(), Failure> {
        let seed = args.parse::<u64>().map_err(|_| {
            usage_error(args, ":seed N   (a whole number, 0 or more, e.g. :seed 42)")
        })?;
        self.session.set_seed(seed);
        writeln!(out, "Random numbers now start from seed {seed}.")?;
        Ok(())
    }

    fn save_command(
        &mut self,
        args: &str,
        overwrite: bool,
        out: &mut dyn Write,
    ) -> Result<(), Failure> {
        if args.is_empty() {
            return Err(usage_error(args, ":save FILE   (e.g. :save session.mg)").into());
        }
        let mut text = String::from("# micrograd session, saved with :save\n");
        for line in &self.transcript {
            text.push_str(line);
            text.push('\n');
        }
        files::write_file(
            &self.host,
            args,
            text.as_bytes(),
            overwrite,
            &format!(":save! {args}"),
        )?;
        let count = crate::text::count(self.transcript.len(), "line", "lines");
        let width = self.style().width;
        let said =
            format!("Saved {count} to {args}; run it with `micrograd {args}` or :load {args}.");
        let said = if crate::text::display_width(&said) <= width {
            said
        } else {
            // A terminal would break the path (and the command to copy)
            // anywhere: each command gets a line of its own instead.
            let saved = crate::text::wrap::paragraph(
                &format!("Saved {count} to {args}. Run it with"),
                width,
            );
            format!("{saved}\n    micrograd {args}\nor at the prompt\n    :load {args}")
        };
        writeln!(out, "{said}")?;
        Ok(())
    }

    /// Runs FILE's lines. Errors about the file itself (missing, not text,
    /// loading itself) point at the file name; errors inside it are reported
    /// as `FILE:LINE:COL` by the lines that fail.
    fn load_command(
        &mut self,
        args: &str,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Result<Outcome, Failure> {
        if args.is_empty() {
            return Err(usage_error(args, ":load FILE   (e.g. :load session.mg)").into());
        }
        let file_error = |message: String| {
            crate::eval::EvalError::new(message, crate::syntax::Span::new(0, args.len()))
        };
        if self.load_depth >= MAX_LOAD_DEPTH {
            return Err(file_error(format!(
                "files :load each other more than {MAX_LOAD_DEPTH} levels deep; stopping"
            ))
            .into());
        }
        let bytes = crate::host::lock(&self.host).read_file(args, host_files::SCRIPT_LIMIT);
        let text = bytes
            .and_then(|bytes| host_files::text_of(std::path::Path::new(args), bytes))
            .map_err(|e| file_error(format!("could not read {e}")))?;
        self.load_depth += 1;
        let outcome = self.run_script_text(&text, args, out, control);
        self.load_depth -= 1;
        Ok(outcome)
    }

    /// Runs a whole script, stopping at the first error (reported as
    /// `NAME:LINE:COL`). Returns `Failed` if a line failed, `Quit` on `:quit`.
    pub fn run_script_text(
        &mut self,
        text: &str,
        name: &str,
        out: &mut dyn Write,
        control: &mut dyn StepControl,
    ) -> Outcome {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (index, line) in text.lines().enumerate() {
            let origin = Origin::Script {
                name,
                line: index + 1,
            };
            match self.execute(line, origin, out, control) {
                Outcome::Ok => {}
                Outcome::Lesson(..) => {
                    if let Err(error) = self.report_message(
                        out,
                        origin,
                        "lesson commands work at the prompt or in a piped script, not in a :load file; skipped",
                    ) {
                        return error.into();
                    }
                }
                other => return other,
            }
        }
        Outcome::Ok
    }
}

/// Moves an error's span from `part` to the same place in `args`, of which
/// `part` is a slice (so the caret lands under the right argument).
fn relative_to(mut error: EvalError, args: &str, part: &str) -> EvalError {
    let shift = part.as_ptr() as usize - args.as_ptr() as usize;
    error.span.start += shift;
    error.span.end += shift;
    error
}

fn usage_error(text: &str, usage: &str) -> EvalError {
    EvalError::new(
        format!("usage: {usage}"),
        crate::syntax::Span::new(0, text.len().max(1)),
    )
}
