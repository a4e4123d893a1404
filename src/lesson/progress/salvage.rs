//! Reading a progress file entry by entry, so damage costs only what is
//! damaged: a wrongly typed field, an out-of-range step, a lesson name that
//! is not UTF-8, or a file cut short keeps every other lesson's progress.

use serde_json::{Map, Value};

use super::{LessonProgress, Progress};

/// The largest step a saved entry may name; lessons have a few dozen
/// steps, so anything larger is damage (and `step + 1` can never overflow).
pub const MAX_STEP: usize = 10_000;

/// What could be read, and what could not (empty for a sound file).
#[derive(Debug, Default)]
pub(super) struct Salvaged {
    pub progress: Progress,
    pub dropped: Vec<String>,
}

/// Reads the bytes of a progress file.
pub(super) fn read(bytes: &[u8]) -> Salvaged {
    let mut salvaged = Salvaged::default();
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(top)) => match top.get("lessons") {
            Some(Value::Object(lessons)) => {
                for (id, entry) in lessons {
                    salvaged.take(id, entry);
                }
            }
            None if top.is_empty() => {}
            _ => salvaged.drop_all("it has no \"lessons\" table"),
        },
        Ok(_) => salvaged.drop_all("it is not a JSON object"),
        Err(_) => {
            salvaged
                .dropped
                .push("it does not parse as JSON".to_string());
            let text = String::from_utf8_lossy(bytes);
            for (id, entry) in flat_entries(&text) {
                match entry {
                    Some(entry) => salvaged.take(&id, &entry),
                    None => salvaged.dropped.push(format!("`{id}` is unreadable")),
                }
            }
        }
    }
    salvaged
}

impl Salvaged {
    fn drop_all(&mut self, why: &str) {
        self.dropped.push(why.to_string());
    }

    /// Keeps what can be read of one entry: a bad field falls back to its
    /// default (step 0, not done) and is reported; the other is kept.
    fn take(&mut self, id: &str, entry: &Value) {
        if id.is_empty() || id.contains(char::REPLACEMENT_CHARACTER) {
            self.dropped.push("a lesson name that is not text".into());
            return;
        }
        let Value::Object(fields) = entry else {
            self.dropped.push(format!("`{id}` is not an entry"));
            return;
        };
        let step = match fields.get("step") {
            None => 0,
            Some(Value::Number(n)) if n.as_u64().is_some_and(|s| s <= MAX_STEP as u64) => {
                n.as_u64().unwrap_or(0) as usize
            }
            Some(other) => {
                self.dropped
                    .push(format!("`{id}`: step {other} is not a step number"));
                0
            }
        };
        let done = match fields.get("done") {
            None => false,
            Some(Value::Bool(done)) => *done,
            Some(other) => {
                self.dropped
                    .push(format!("`{id}`: done is {other}, not true or false"));
                false
            }
        };
        self.progress.set(id, LessonProgress { step, done });
    }
}

/// Every `"name": { ... }` with no braces inside, in text that is not JSON
/// as a whole (cut short, or with bytes that are not UTF-8). `None` for an
/// entry whose braces hold no JSON object.
fn flat_entries(text: &str) -> Vec<(String, Option<Value>)> {
    let mut entries = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find('{').map(|at| rest + at) {
        rest = open + 1;
        let after = &text[open + 1..];
        let Some(close) = after.find(['{', '}']) else {
            break;
        };
        if after[close..].starts_with('{') {
            continue;
        }
        let Some(name) = name_before(&text[..open]) else {
            continue;
        };
        let body = &text[open..open + 1 + close + 1];
        let entry = serde_json::from_str::<Map<String, Value>>(body)
            .ok()
            .map(Value::Object);
        entries.push((name, entry));
    }
    entries
}

/// The JSON string key just before `: {`, if there is one.
fn name_before(before: &str) -> Option<String> {
    let before = before.trim_end().strip_suffix(':')?.trim_end();
    let inner = before.strip_suffix('"')?;
    let mut start = inner.len();
    loop {
        let quote = inner[..start].rfind('"')?;
        let backslashes = inner[..quote].len() - inner[..quote].trim_end_matches('\\').len();
        if backslashes % 2 == 0 {
            return serde_json::from_str(&before[quote..]).ok();
        }
        start = quote;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn steps(salvaged: &Salvaged) -> Vec<(String, usize, bool)> {
        salvaged
            .progress
            .lessons()
            .map(|(id, p)| (id.to_string(), p.step, p.done))
            .collect()
    }

    #[test]
    fn a_sound_file_reads_whole_with_nothing_dropped() {
        let text = br#"{"lessons": {"01-a": {"step": 2, "done": false}, "02-b": {"step": 0, "done": true}}}"#;
        let salvaged = read(text);
        assert!(salvaged.dropped.is_empty(), "{:?}", salvaged.dropped);
        assert_eq!(
            steps(&salvaged),
            [("01-a".into(), 2, false), ("02-b".into(), 0, true)]
        );
        assert!(read(b"{}").dropped.is_empty());
    }

    #[test]
    fn a_mistyped_or_out_of_range_field_costs_only_that_field() {
        for (step, done) in [
            ("18446744073709551615", "true"),
            ("1e3", "true"),
            ("-1", "true"),
            ("\"4\"", "true"),
            ("1000000", "true"),
        ] {
            let text = format!(
                r#"{{"lessons": {{"01-a": {{"step": {step}, "done": {done}}}, "02-b": {{"step": 3, "done": false}}}}}}"#
            );
            let salvaged = read(text.as_bytes());
            assert_eq!(salvaged.dropped.len(), 1, "{step}: {:?}", salvaged.dropped);
            assert_eq!(
                steps(&salvaged),
                [("01-a".into(), 0, true), ("02-b".into(), 3, false)],
                "{step}"
            );
        }
        let salvaged = read(br#"{"lessons": {"01-a": {"step": 2, "done": "yes"}, "02-b": 7}}"#);
        assert_eq!(steps(&salvaged), [("01-a".into(), 2, false)]);
        assert_eq!(salvaged.dropped.len(), 2, "{:?}", salvaged.dropped);
    }

    #[test]
    fn a_truncated_file_keeps_every_whole_entry() {
        let text = br#"{"lessons": {"01-a": {"step": 2, "done": true}, "02-b": {"step": 5, "done": false}, "03-c": {"st"#;
        let salvaged = read(text);
        assert_eq!(
            steps(&salvaged),
            [("01-a".into(), 2, true), ("02-b".into(), 5, false)]
        );
        assert!(!salvaged.dropped.is_empty());
    }

    #[test]
    fn a_name_that_is_not_utf8_drops_only_its_entry() {
        let mut text = br#"{"lessons": {"01-a": {"step": 2, "done": true}, ""#.to_vec();
        text.extend([0xff, 0xfe]);
        text.extend(br#"": {"step": 1, "done": true}, "03-\"c\\": {"step": 4, "done": false}}}"#);
        let salvaged = read(&text);
        assert_eq!(
            steps(&salvaged),
            [("01-a".into(), 2, true), ("03-\"c\\".into(), 4, false)]
        );
        assert_eq!(salvaged.dropped.len(), 2, "{:?}", salvaged.dropped);
    }

    #[test]
    fn garbage_reads_as_nothing_without_panicking() {
        for text in [
            &b""[..],
            b"[1, 2]",
            b"\"x\"",
            b"{\"lessons\": 3}",
            b"{{{{",
            b"}:{\"",
            b"\":{}",
        ] {
            let salvaged = read(text);
            assert_eq!(salvaged.progress.lessons().count(), 0);
            assert!(
                !salvaged.dropped.is_empty(),
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
    }
}
