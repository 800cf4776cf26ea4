//! Front matter YAML as editors write it: every problem in a file, each
//! located and said in plain words, and YAML written back for pasting.
//!
//! serde stops at the first error. [`parse`] recovers: it blanks the
//! offending entry and parses again, so one run reports every problem in a
//! file. [`locate`] finds where a field stands in the text; [`explain`] turns
//! serde's and libyaml's messages into an editor's words.
//!
//! The YAML crate is `yaml_serde`, the maintained continuation of serde_yaml:
//! the same API and libyaml's own error texts, which `explain` relies on.
//! serde-saphyr was tried and not taken: it locates unknown and missing
//! fields, but drops serde's path (`items[0]`) and the found/expected types
//! from its messages, places a tab error on the line before, and its
//! `Spanned<T>` would put positions into every field of the content model,
//! where `locate` keeps them out.

mod explain;
mod indent;
mod locate;

pub(crate) use locate::{find, offset_of, parse_path};

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{Doc, PLACEHOLDER};
use crate::text::LineIndex;
use explain::{Kind, Problem};
use locate::{find_all_keys, line_entry, Entry, Seg};
use serde::de::DeserializeOwned;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

/// Parses YAML into `T`, reporting every problem, located in the file.
///
/// `text` is the whole file and `yaml` the byte range holding the YAML (the
/// front matter, or the whole file for `dossier.yaml`). After an error the
/// offending entry is blanked out (spaces keep every offset in place) and the
/// text parsed again, so later problems are found too; a syntax error ends
/// the search, since what follows it cannot be trusted. A missing field is
/// filled with a stand-in so that the next missing field is found as well.
/// Returns a value only when there was no problem at all.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    yaml: Range<usize>,
) -> (Option<T>, Vec<Diagnostic>) {
    let (value, diags, _) = parse_noting_placeholders(file, text, yaml);
    (value, diags)
}

/// [`parse`], also returning the byte offsets in `text` of the `TODO`
/// placeholders that kept the value from being read (a date, a number or one
/// of a list of words that still says TODO): load reports placeholders itself,
/// and even a draft cannot be built with these.
pub(crate) fn parse_noting_placeholders<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    yaml: Range<usize>,
) -> (Option<T>, Vec<Diagnostic>, Vec<usize>) {
    let Some(original) = text.get(yaml.clone()) else {
        return (None, Vec::new(), Vec::new());
    };
    let mut r = Recovery::new(file, text, yaml, original);
    for _ in 0..64 {
        let source = if r.work.trim().is_empty() {
            "{}"
        } else {
            &r.work
        };
        let e = match yaml_serde::from_str::<T>(source) {
            Ok(v) if r.diags.is_empty() && r.silenced.is_empty() => {
                return (Some(v), r.diags, r.silenced)
            }
            Ok(_) => return (None, r.diags, r.silenced),
            Err(e) => e,
        };
        let problem = Problem::new(&e, &r.work);
        if r.recover(&problem).is_break() {
            break;
        }
    }
    (None, r.diags, r.silenced)
}

use std::ops::ControlFlow;

/// The state of a parse that goes on after errors.
struct Recovery<'a> {
    file: &'a Path,
    /// The whole file, for locating diagnostics.
    text: &'a str,
    /// Where the YAML is in `text`.
    yaml: Range<usize>,
    original_len: usize,
    /// The YAML with the entries that had errors blanked out.
    base: String,
    /// `base` with the stand-ins appended: what is parsed next.
    work: String,
    diags: Vec<Diagnostic>,
    /// Unknown fields removed, by the path of their mapping: a missing field
    /// that one of them misspells is not reported twice.
    unknown: Vec<(String, String)>,
    /// Fields added after the text as stand-ins for missing ones.
    standins: Vec<Standin>,
    /// Entries blanked after an error, so that their absence is not reported again.
    removed: Vec<String>,
    /// Problems not reported here (placeholders, by offset in `text`): the
    /// value is still unusable.
    silenced: Vec<usize>,
    /// Lines (their numbers in `text`) reported as out of place: what else
    /// goes wrong on them follows from that.
    misplaced: Vec<usize>,
}

type Step = ControlFlow<()>;

impl<'a> Recovery<'a> {
    fn new(file: &'a Path, text: &'a str, yaml: Range<usize>, original: &str) -> Self {
        Recovery {
            file,
            text,
            yaml,
            original_len: original.len(),
            base: original.to_string(),
            work: original.to_string(),
            diags: Vec::new(),
            unknown: Vec::new(),
            standins: Vec::new(),
            removed: Vec::new(),
            silenced: Vec::new(),
            misplaced: Vec::new(),
        }
    }

    /// Reports one problem and changes the text so that parsing can go on,
    /// or breaks when it cannot.
    fn recover(&mut self, problem: &Problem) -> Step {
        if let Some(at) = self.standin_problem(problem) {
            return self.try_next_standin(problem, at);
        }
        let path = parse_path(&problem.path);
        if let Kind::Missing { field } = &problem.kind {
            if let Some(step) = self.missing_field(problem, field, &path) {
                return step;
            }
        }
        let entry = self.entry_of(problem, &path);
        let at = match &problem.kind {
            Kind::Missing { .. } | Kind::UnknownField { .. } | Kind::Duplicate { .. } => {
                entry.as_ref().map(|e| e.start).or(problem.offset)
            }
            Kind::Syntax => problem.better_syntax_offset(&self.work).or(problem.offset),
            _ => problem.offset.or(entry.as_ref().map(|e| e.value)),
        };
        self.report(problem, at);
        self.blank_entry(problem, &path, entry)
    }

    fn rebuild(&mut self) {
        self.work = with_standins(&self.base, &self.standins);
    }

    /// Where an error about one of the stand-ins is, if it is about one.
    fn standin_problem(&self, problem: &Problem) -> Option<usize> {
        let about_standin = !self.standins.is_empty() && !matches!(problem.kind, Kind::Syntax);
        problem
            .offset
            .filter(|&o| about_standin && o >= self.original_len)
    }

    /// The stand-in at `at` has the wrong type: try the next kind of value.
    fn try_next_standin(&mut self, problem: &Problem, at: usize) -> Step {
        let Some(s) = standin_at(&self.work, self.original_len, at, &mut self.standins) else {
            return Step::Break(());
        };
        let next = match &problem.kind {
            Kind::UnknownVariant { expected, .. } if s.tried == 0 => expected.first().cloned(),
            _ => STANDINS.get(s.tried + 1).map(|v| v.to_string()),
        };
        let Some(next) = next else {
            return Step::Break(());
        };
        s.tried += 1;
        s.value = next;
        self.rebuild();
        Step::Continue(())
    }

    /// A missing field: reported at the closing fence and filled with a
    /// stand-in at the top level; said nothing about when it is missing only
    /// because an entry with an error was blanked or misspells it. `None`
    /// when it is to be reported like any other problem.
    fn missing_field(&mut self, problem: &Problem, field: &str, path: &[Seg]) -> Option<Step> {
        let full = if problem.path.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", problem.path)
        };
        let silent = self.removed.contains(&full)
            || self
                .unknown
                .iter()
                .any(|(p, u)| *p == problem.path && did_you_mean(u, [field]).is_some());
        if path.is_empty() {
            if !silent {
                self.report_missing_at_fence(problem, field);
            }
            self.standins.push(Standin {
                field: field.to_string(),
                tried: 0,
                value: STANDINS[0].to_string(),
            });
            self.rebuild();
            return Some(Step::Continue(()));
        }
        if !silent {
            return None;
        }
        Some(match find(&self.base, path) {
            Some(e) if !e.block.is_empty() => {
                blank(&mut self.base, e.block);
                self.rebuild();
                self.removed.push(problem.path.clone());
                Step::Continue(())
            }
            _ => Step::Break(()),
        })
    }

    /// A top-level field is missing: point at the line where it would go,
    /// or at the line where it stands out of place.
    fn report_missing_at_fence(&mut self, problem: &Problem, field: &str) {
        if let Some(m) = indent::missing_field(&self.work, field, None) {
            self.report_misplaced(m);
            return;
        }
        let index = LineIndex::new(self.text);
        let (line, hint) = if self.yaml.end < self.text.len() {
            (
                index.line(self.yaml.end),
                format!("add a line `{field}: ...` above the closing `---` (this line)"),
            )
        } else {
            (
                index.line(self.text.len()),
                format!("add a line `{field}: ...`"),
            )
        };
        self.diags.push(
            Diagnostic::error(self.file, problem.message.clone())
                .at(self.text, line, 1)
                .hint(hint),
        );
    }

    /// The entry of the text the problem is about, to point at and to blank.
    fn entry_of(&self, problem: &Problem, path: &[Seg]) -> Option<Entry> {
        let work = &self.work;
        match &problem.kind {
            Kind::UnknownField { field } | Kind::Duplicate { field } => {
                let all = find_all_keys(work, path, field);
                let pick = if matches!(problem.kind, Kind::Duplicate { .. }) {
                    all.get(1).cloned()
                } else {
                    all.into_iter()
                        .find(|e| problem.offset.is_none_or(|o| e.block.contains(&o)))
                };
                pick.or_else(|| problem.offset.map(|o| line_entry(work, o)))
            }
            Kind::Syntax => None,
            _ if path.is_empty() => problem.offset.map(|o| line_entry(work, o)),
            // An item of a `[a, b]` list cannot be blanked alone (that leaves
            // `, ,`, or an alias without its anchor): blank the whole list.
            _ => match find(work, path) {
                Some(e)
                    if matches!(path.last(), Some(Seg::Index(_)))
                        && !ends_at_line_end(&e.block, work) =>
                {
                    find(work, &path[..path.len() - 1]).map(|p| Entry {
                        start: e.start,
                        value: e.value,
                        block: p.block,
                    })
                }
                other => other,
            },
        }
    }

    /// Adds the diagnostic, unless the value still reads `TODO`: load reports
    /// placeholders itself.
    fn report(&mut self, problem: &Problem, at: Option<usize>) {
        let placeholder = at
            .and_then(|o| self.work.get(o..))
            .is_some_and(|v| v.trim_start_matches(['"', '\'']).starts_with(PLACEHOLDER));
        if let (true, Some(at)) = (placeholder, at) {
            self.silenced.push(self.yaml.start + at);
            return;
        }
        if let Some(m) = self.indentation(problem, at) {
            self.report_misplaced(m);
            return;
        }
        let index = LineIndex::new(self.text);
        if at.is_some_and(|o| self.misplaced.contains(&index.line(self.yaml.start + o))) {
            return;
        }
        let mut d = Diagnostic::error(self.file, problem.message.clone());
        if let Some(at) = at {
            d = d.at_offset(self.text, self.yaml.start + at);
        }
        if let Some(h) = problem.hint(&self.work, at) {
            d = d.hint(h);
        }
        self.diags.push(d);
    }

    /// The problem, when it is a line in the wrong column (see [`indent`]).
    fn indentation(&self, problem: &Problem, at: Option<usize>) -> Option<indent::Misplaced> {
        let index = LineIndex::new(self.text);
        let line_no = |o: usize| index.line(self.yaml.start + o);
        match &problem.kind {
            Kind::Syntax => indent::syntax(&self.work, &problem.raw, at?, &line_no),
            Kind::Missing { field } => indent::missing_field(&self.work, field, at),
            _ => None,
        }
    }

    fn report_misplaced(&mut self, m: indent::Misplaced) {
        let offset = self.yaml.start + m.at;
        self.misplaced.push(LineIndex::new(self.text).line(offset));
        self.diags.push(
            Diagnostic::error(self.file, m.message)
                .at_offset(self.text, offset)
                .hint(m.hint),
        );
    }

    /// Blanks the entry so that the next parse goes past it; breaks after a
    /// syntax error or when there is nothing to blank.
    fn blank_entry(&mut self, problem: &Problem, path: &[Seg], entry: Option<Entry>) -> Step {
        let Some(e) =
            entry.filter(|e| !matches!(problem.kind, Kind::Syntax) && !e.block.is_empty())
        else {
            return Step::Break(());
        };
        if let Kind::UnknownField { field } = &problem.kind {
            self.unknown.push((problem.path.clone(), field.clone()));
        }
        self.removed.push(match &problem.kind {
            Kind::UnknownField { field } | Kind::Duplicate { field } if path.is_empty() => {
                field.clone()
            }
            Kind::UnknownField { field } | Kind::Duplicate { field } => {
                format!("{}.{field}", problem.path)
            }
            _ => problem.path.clone(),
        });
        blank(&mut self.base, e.block);
        self.rebuild();
        Step::Continue(())
    }
}

/// Whether a range ends at a line end (a block entry, not a flow item).
fn ends_at_line_end(range: &Range<usize>, text: &str) -> bool {
    range.end >= text.len() || text.as_bytes().get(range.end.wrapping_sub(1)) == Some(&b'\n')
}

/// Values tried, in order, for a missing field so that parsing can go on.
const STANDINS: [&str; 5] = ["''", "[]", "2000", "false", "{}"];

struct Standin {
    field: String,
    /// Index into `STANDINS` of the value tried last.
    tried: usize,
    value: String,
}

/// Replaces every character of `range` but line ends with spaces, byte for byte,
/// so that every offset in the text stays where it was.
fn blank(work: &mut String, range: Range<usize>) {
    let Some(part) = work.get(range.clone()) else {
        return;
    };
    let blanked: String = part
        .chars()
        .map(|c| match c {
            '\n' | '\r' => c.to_string(),
            _ => " ".repeat(c.len_utf8()),
        })
        .collect();
    work.replace_range(range, &blanked);
}

/// The stand-in whose line holds `at` (they follow the original text, one line each).
fn standin_at<'a>(
    work: &str,
    original_len: usize,
    at: usize,
    standins: &'a mut [Standin],
) -> Option<&'a mut Standin> {
    let tail = work.get(original_len..)?;
    // `with_standins` may have added a line break before the first one.
    let skip = usize::from(tail.starts_with('\n') && !standins.is_empty());
    let mut pos = original_len + skip;
    let count = standins.len();
    for (i, line) in tail.get(skip..)?.split_inclusive('\n').enumerate() {
        if at < pos + line.len() || i + 1 == count {
            return standins.get_mut(i);
        }
        pos += line.len();
    }
    None
}

/// The original text with every stand-in appended.
fn with_standins(original: &str, standins: &[Standin]) -> String {
    let mut out = original.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    for s in standins {
        out.push_str(&format!("{}: {}\n", s.field, s.value));
    }
    out
}

/// `s` as a YAML scalar that reads back as exactly `s`: bare when that is
/// safe, else in single quotes, else in double quotes with escapes.
pub(crate) fn scalar(s: &str) -> String {
    let reads_back = |candidate: &str| {
        yaml_serde::from_str::<yaml_serde::Value>(&format!("k: {candidate}\n"))
            .ok()
            .and_then(|v| v.get("k").and_then(|v| v.as_str().map(str::to_string)))
            .is_some_and(|v| v == s)
    };
    let plain_ok = !s.is_empty()
        && !s.contains(['\n', '\r', '\t'])
        && !s.contains(" #")
        && !s.contains(": ")
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !s.ends_with([' ', ':']);
    if plain_ok && reads_back(s) {
        return s.to_string();
    }
    if !s.contains(['\n', '\r', '\t']) {
        let single = format!("'{}'", s.replace('\'', "''"));
        if !s.contains('\'') && reads_back(&single) {
            return single;
        }
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where a document's front-matter values stand, for diagnostics.
impl<M> Doc<M> {
    /// Byte offset in `text` of the value at a front-matter path such as
    /// `appearances[1].quote` (serde's notation, 0-based). Falls back to the
    /// nearest enclosing entry that can be found, then to the first field.
    pub(crate) fn offset_of(&self, path: &str) -> usize {
        offset_of(&self.text, self.front_matter.clone(), path)
    }

    /// Byte offset of the key (not the value) at a front-matter path.
    pub(crate) fn key_offset_of(&self, path: &str) -> usize {
        let yaml = self.text.get(self.front_matter.clone()).unwrap_or("");
        match find(yaml, &parse_path(path)) {
            Some(e) => self.front_matter.start + e.start,
            None => self.offset_of(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        article: String,
        quote: String,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        summary: String,
        #[serde(default)]
        topics: Vec<String>,
        #[serde(default)]
        items: Vec<Item>,
        #[serde(default)]
        count: Option<f64>,
    }

    fn problems(yaml: &str) -> Vec<Diagnostic> {
        let text = format!("---\n{yaml}---\n");
        let (v, d) = parse::<Meta>(Path::new("f.md"), &text, 4..4 + yaml.len());
        assert!(v.is_none() || d.is_empty());
        d
    }

    fn summary(d: &[Diagnostic]) -> Vec<String> {
        d.iter()
            .map(|d| {
                format!(
                    "{}:{} {} | {}",
                    d.line.unwrap_or(0),
                    d.column.unwrap_or(0),
                    d.message,
                    d.hint.clone().unwrap_or_default()
                )
            })
            .collect()
    }

    #[test]
    fn every_problem_in_a_file_is_reported() {
        let d = problems("titel: A\nsummary: S\ntopics: one\nitems:\n  - article: a\n    qoute: q\ncount: 1,000\n");
        assert_eq!(
            summary(&d),
            [
                "2:1 unknown field `titel` | did you mean `title`?",
                "4:9 `topics` should be a list, not the text \"one\" | write a list, in square brackets: `topics: [one]`",
                "7:5 unknown field `qoute` in item 1 of `items` | did you mean `quote`?",
                "8:8 `count` should be a number, not the text \"1,000\" | write digits only, without separators: `count: 1000`",
            ]
        );
    }

    #[test]
    fn all_missing_fields_are_reported_together() {
        let d = problems("topics: [a]\n");
        assert_eq!(
            summary(&d),
            [
                "3:1 `title:` is missing | add a line `title: ...` above the closing `---` (this line)",
                "3:1 `summary:` is missing | add a line `summary: ...` above the closing `---` (this line)",
            ]
        );
    }

    #[test]
    fn syntax_errors_are_explained_and_located() {
        let d = problems("title: Kim: we won\nsummary: S\n");
        assert_eq!(
            summary(&d),
            ["2:11 this line has a second `: ` (colon and space), which YAML reads as the start of another field | put the whole value in double quotes: `title: \"Kim: we won\"`"]
        );
        let d = problems("title: \"Kim said\nsummary: S\n");
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].column), (Some(2), Some(8)), "{:?}", d[0]);
        assert!(d[0].message.contains("never closed"));
        let d = problems("title: A\n\tsummary: S\n");
        assert!(d[0].message.contains("tab"), "{:?}", d[0]);
        assert_eq!(d[0].line, Some(3));
        let d = problems("title: A\nsummary: S\ntitle: B\n");
        assert_eq!(
            summary(&d),
            ["4:1 `title:` is written twice | keep one `title:` line and delete the other"]
        );
    }

    #[test]
    fn scalars_read_back_as_written() {
        for s in [
            "plain words",
            "Kim: we won",
            "“kepahlawanan” pasukan",
            "\"quoted\" start",
            "it's",
            "it's \"both\"",
            "- dash",
            "#hash",
            "true",
            "123",
            "a # b",
            "ends with colon:",
            "tab\there",
            "~",
            "null",
            "",
            " lead",
            "@user",
            "back\\slash",
        ] {
            let y = scalar(s);
            let v: yaml_serde::Value = yaml_serde::from_str(&format!("k: {y}\n")).unwrap();
            assert_eq!(v["k"].as_str(), Some(s), "{s:?} written as {y}");
        }
        assert_eq!(scalar("plain words"), "plain words");
        assert_eq!(scalar("Kim: we won"), "'Kim: we won'");
        assert_eq!(scalar("true"), "'true'");
    }
}
