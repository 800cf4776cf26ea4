//! Front matter YAML as editors write it: where a field stands in the text, and
//! what a yaml_serde error means in plain words.
//!
//! serde forgets positions once values are typed, and stops at the first error.
//! This module gives both back: [`find`] walks the block-style YAML that
//! editors write (indented `key: value` lines, `- ` list items, `[a, b]` lists)
//! to locate a path such as `appearances[1].quote`, and [`parse`] recovers from
//! an error by blanking the offending entry and parsing again, so one run
//! reports every problem in a file, each explained for a journalist rather
//! than a programmer.

use crate::diagnostic::{did_you_mean, Diagnostic};
use serde::de::DeserializeOwned;
use std::ops::Range;
use std::path::Path;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// Parses `appearances[1].quote` (serde's own notation, 0-based) into segments.
pub fn parse_path(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Seg::Key(key.to_string()));
        }
        while let Some(open) = rest.strip_prefix('[') {
            let Some(close) = open.find(']') else { break };
            if let Ok(n) = open[..close].trim().parse() {
                out.push(Seg::Index(n));
            }
            rest = &open[close + 1..];
        }
    }
    out
}

/// Where an entry of the document is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Byte offset of the entry's key (or of the `-` of a list item, or of the
    /// item itself in a `[a, b]` list).
    pub start: usize,
    /// Byte offset of the value: after `key: `, or the first line below the key.
    pub value: usize,
    /// The whole entry: whole lines from the key's line to the last line of its
    /// value (an item of a `[a, b]` list covers just the item).
    pub block: Range<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    start: usize,
    /// Leading spaces.
    indent: usize,
    /// The line without its end-of-line characters.
    text: &'a str,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        let t = self.text.trim();
        t.is_empty() || t.starts_with('#')
    }
}

fn lines(yaml: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in yaml.split_inclusive('\n') {
        let text = raw.trim_end_matches(['\n', '\r']);
        let indent = text.len() - text.trim_start_matches(' ').len();
        out.push(Line {
            start,
            indent,
            text,
        });
        start += raw.len();
    }
    out
}

/// A node of the document: lines `lines` (half-open), whose content on the
/// first line starts at byte column `col` (after `- ` for list items), or an
/// inline value on the first line starting at byte offset `inline`.
#[derive(Debug, Clone, Copy)]
struct Node {
    first: usize,
    end: usize,
    col: usize,
    inline: Option<usize>,
}

/// Locates `path` in a YAML text. `None` when the text does not have that shape.
pub fn find(yaml: &str, path: &[Seg]) -> Option<Entry> {
    let lines = lines(yaml);
    let first = lines.iter().position(|l| !l.is_blank())?;
    let mut node = Node {
        first,
        end: lines.len(),
        col: lines[first].indent,
        inline: None,
    };
    let mut entry = None;
    for seg in path {
        let (found, child) = match seg {
            Seg::Key(k) => find_key(yaml, &lines, node, k, 0)?,
            Seg::Index(i) => find_index(yaml, &lines, node, *i)?,
        };
        entry = Some(found);
        node = child;
    }
    entry
}

/// Every entry of the mapping at `path` whose key is `key`, in order: a key
/// written twice is found twice.
pub fn find_all_keys(yaml: &str, path: &[Seg], key: &str) -> Vec<Entry> {
    let lines = lines(yaml);
    let Some(first) = lines.iter().position(|l| !l.is_blank()) else {
        return Vec::new();
    };
    let mut node = Node {
        first,
        end: lines.len(),
        col: lines[first].indent,
        inline: None,
    };
    for seg in path {
        let step = match seg {
            Seg::Key(k) => find_key(yaml, &lines, node, k, 0),
            Seg::Index(i) => find_index(yaml, &lines, node, *i),
        };
        match step {
            Some((_, child)) => node = child,
            None => return Vec::new(),
        }
    }
    (0..)
        .map_while(|n| find_key(yaml, &lines, node, key, n).map(|(e, _)| e))
        .collect()
}

/// Byte offset of the start of line `i`, or the end of the text.
fn line_start(yaml: &str, lines: &[Line], i: usize) -> usize {
    lines.get(i).map_or(yaml.len(), |l| l.start)
}

/// The end (exclusive line index) of a child block opened on line `i` whose
/// parent content sits at column `col`: lines indented deeper, and list items
/// at the same column (YAML allows `key:` then `- item` without indenting).
fn child_end(lines: &[Line], i: usize, end: usize, col: usize, allow_dash: bool) -> usize {
    let mut j = i + 1;
    while j < end {
        let l = &lines[j];
        if !l.is_blank() {
            let dash = l.indent == col && is_item(l.text.get(l.indent..).unwrap_or(""));
            if l.indent < col || (l.indent == col && !(allow_dash && dash)) {
                break;
            }
        }
        j += 1;
    }
    // Trailing blank lines belong to what follows.
    while j > i + 1 && lines[j - 1].is_blank() {
        j -= 1;
    }
    j
}

fn is_item(s: &str) -> bool {
    s == "-" || s.starts_with("- ")
}

/// The `n`-th (0-based) entry with key `key` in a mapping node.
fn find_key(yaml: &str, lines: &[Line], node: Node, key: &str, n: usize) -> Option<(Entry, Node)> {
    if node.inline.is_some() {
        return None;
    }
    let mut seen = 0;
    for i in node.first..node.end {
        let l = &lines[i];
        let col = if i == node.first { node.col } else { l.indent };
        if l.is_blank() || col != node.col {
            continue;
        }
        let content = l.text.get(col..).unwrap_or("");
        let Some((k, after)) = split_key(content) else {
            continue;
        };
        if k != key {
            continue;
        }
        if seen < n {
            seen += 1;
            continue;
        }
        let key_at = l.start + col;
        let value_col = col + content.len() - after.len();
        let after_trim = after.trim_start_matches(' ');
        let value_col = value_col + (after.len() - after_trim.len());
        let end = child_end(lines, i, node.end, node.col, true);
        let inline = !(after_trim.is_empty() || after_trim.starts_with('#'));
        let child_first = (i + 1..end).find(|&j| !lines[j].is_blank());
        let (value, child) = match (inline, child_first) {
            // A block scalar (`>-`, `|`) has its text below; point at the text.
            (true, Some(j)) if after_trim.starts_with(['>', '|']) => {
                let c = &lines[j];
                (
                    c.start + c.indent,
                    Node {
                        first: j,
                        end,
                        col: c.indent,
                        inline: None,
                    },
                )
            }
            (true, _) => (
                l.start + value_col,
                Node {
                    first: i,
                    end: i + 1,
                    col: value_col,
                    inline: Some(l.start + value_col),
                },
            ),
            (false, Some(j)) => {
                let c = &lines[j];
                (
                    c.start + c.indent,
                    Node {
                        first: j,
                        end,
                        col: c.indent,
                        inline: None,
                    },
                )
            }
            (false, None) => (
                l.start + value_col,
                Node {
                    first: i,
                    end: i + 1,
                    col: value_col,
                    inline: Some(l.start + value_col),
                },
            ),
        };
        // The entry starts at its key: on a `- key:` line the dash belongs to
        // the list item, which must survive when the entry is blanked out.
        let entry = Entry {
            start: key_at,
            value,
            block: key_at..line_start(yaml, lines, end),
        };
        return Some((entry, child));
    }
    None
}

/// Splits `key: rest` (or `key:` at the end of the line); quoted keys too.
fn split_key(content: &str) -> Option<(&str, &str)> {
    if is_item(content) {
        return None;
    }
    let (key, rest) = if let Some(q) = content.strip_prefix(['"', '\'']) {
        let quote = content.chars().next()?;
        let close = q.find(quote)?;
        (&q[..close], q.get(close + 1..)?)
    } else {
        let colon = content
            .match_indices(':')
            .map(|(i, _)| i)
            .find(|&i| matches!(content.as_bytes().get(i + 1), None | Some(b' ')))?;
        (&content[..colon], &content[colon..])
    };
    let rest = rest.strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key.trim_end(), rest))
}

/// The `n`-th (0-based) item of a list node: block items (`- x`) or a flow list (`[a, b]`).
fn find_index(yaml: &str, lines: &[Line], node: Node, n: usize) -> Option<(Entry, Node)> {
    if let Some(at) = node.inline {
        let range = flow_items(yaml, at)?.into_iter().nth(n)?;
        let entry = Entry {
            start: range.start,
            value: range.start,
            block: range.clone(),
        };
        let child = Node {
            first: node.first,
            end: node.first + 1,
            col: 0,
            inline: Some(range.start),
        };
        return Some((entry, child));
    }
    let dash_col = node.col;
    let mut seen = 0;
    for i in node.first..node.end {
        let l = &lines[i];
        let col = if i == node.first { node.col } else { l.indent };
        let content = l.text.get(col..).unwrap_or("");
        if l.is_blank() || col != dash_col || !is_item(content) {
            continue;
        }
        if seen < n {
            seen += 1;
            continue;
        }
        let after = content.get(1..).unwrap_or("");
        let item_col = col + 1 + (after.len() - after.trim_start_matches(' ').len());
        let end = child_end(lines, i, node.end, dash_col, false);
        let inline = after.trim().is_empty();
        let child = if inline {
            // `-` alone on its line: the item's content is on the lines below.
            let j = (i + 1..end).find(|&j| !lines[j].is_blank()).unwrap_or(i);
            Node {
                first: j,
                end,
                col: lines[j].indent,
                inline: None,
            }
        } else if split_key(after.trim_start_matches(' ')).is_some() {
            Node {
                first: i,
                end,
                col: item_col,
                inline: None,
            }
        } else {
            Node {
                first: i,
                end: i + 1,
                col: item_col,
                inline: Some(l.start + item_col),
            }
        };
        let entry = Entry {
            start: l.start + col,
            value: l.start + item_col.min(l.text.len()),
            block: l.start..line_start(yaml, lines, end),
        };
        return Some((entry, child));
    }
    None
}

/// Byte ranges of the items of a flow list starting at `at` (`[a, "b, c", d]`).
fn flow_items(yaml: &str, at: usize) -> Option<Vec<Range<usize>>> {
    let rest = yaml.get(at..)?;
    if !rest.starts_with('[') {
        return None;
    }
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut item_start = at + 1;
    for (i, c) in rest.char_indices() {
        let pos = at + i;
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => {
                depth += 1;
            }
            (None, ']' | '}') if depth > 1 => depth -= 1,
            (None, ']' | '}') => {
                items.push(item_start..pos);
                break;
            }
            (None, ',') if depth == 1 => {
                items.push(item_start..pos);
                item_start = pos + 1;
            }
            (None, '\n') => break,
            _ => {}
        }
    }
    Some(
        items
            .into_iter()
            .filter_map(|r| {
                let text = yaml.get(r.clone())?;
                let lead = text.len() - text.trim_start().len();
                let trimmed = text.trim();
                (!trimmed.is_empty()).then(|| r.start + lead..r.start + lead + trimmed.len())
            })
            .collect(),
    )
}

/// Byte offset of a 1-based line and 1-based character column of `text`.
pub fn offset_of_line_col(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)];
    start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// Parses YAML into `T`, reporting every problem, located in the file.
///
/// `text` is the whole file and `yaml` the byte range holding the YAML (the
/// front matter, or the whole file for `dossier.yaml`). After an error the
/// offending entry is blanked out (spaces keep every offset in place) and the
/// text parsed again, so later problems are found too; a syntax error ends
/// the search, since what follows it cannot be trusted. A missing field is
/// filled with a stand-in so that the next missing field is found as well.
/// Returns a value only when there was no problem at all.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    yaml: Range<usize>,
) -> (Option<T>, Vec<Diagnostic>) {
    let Some(original) = text.get(yaml.clone()) else {
        return (None, Vec::new());
    };
    // The text with the entries that had errors blanked out; `work` adds the stand-ins.
    let mut base = original.to_string();
    let mut work = base.clone();
    let mut diags: Vec<Diagnostic> = Vec::new();
    // Unknown fields removed, by the path of their mapping: a missing field
    // that one of them misspells is not reported twice.
    let mut unknown: Vec<(String, String)> = Vec::new();
    // Fields added after the text as stand-ins for missing ones.
    let mut standins: Vec<Standin> = Vec::new();
    // Entries blanked after an error, so that their absence is not reported again.
    let mut removed: Vec<String> = Vec::new();
    // Problems not reported here (placeholders): the value is still unusable.
    let mut silent = 0;
    for _ in 0..64 {
        let source = if work.trim().is_empty() { "{}" } else { &work };
        let e = match yaml_serde::from_str::<T>(source) {
            Ok(v) if diags.is_empty() && silent == 0 => return (Some(v), diags),
            Ok(_) => return (None, diags),
            Err(e) => e,
        };
        let problem = Problem::new(&e, &work);
        // The error is about a stand-in: try the next kind of value for it.
        let about_standin = !standins.is_empty() && !matches!(problem.kind, Kind::Syntax);
        if let Some(at) = problem
            .offset
            .filter(|&o| about_standin && o >= original.len())
        {
            let Some(s) = standin_at(&work, original.len(), at, &mut standins) else {
                break;
            };
            let next = match &problem.kind {
                Kind::UnknownVariant { expected, .. } if s.tried == 0 => expected.first().cloned(),
                _ => STANDINS.get(s.tried + 1).map(|v| v.to_string()),
            };
            let Some(next) = next else { break };
            s.tried += 1;
            s.value = next;
            work = with_standins(&base, &standins);
            continue;
        }
        let path = parse_path(&problem.path);
        if let Kind::Missing { field } = &problem.kind {
            let full = if problem.path.is_empty() {
                field.clone()
            } else {
                format!("{}.{field}", problem.path)
            };
            let silent = removed.contains(&full)
                || unknown.iter().any(|(p, u)| {
                    *p == problem.path && did_you_mean(u, [field.as_str()]).is_some()
                });
            if path.is_empty() {
                if !silent {
                    // Point at the line where the field would go: the closing fence.
                    let (line, hint) = if yaml.end < text.len() {
                        (
                            line_of(text, yaml.end),
                            format!(
                                "add a line `{field}: ...` above the closing `---` (this line)"
                            ),
                        )
                    } else {
                        (
                            line_of(text, text.len()),
                            format!("add a line `{field}: ...`"),
                        )
                    };
                    diags.push(
                        Diagnostic::error(file, problem.message.clone())
                            .at(text, line, 1)
                            .hint(hint),
                    );
                }
                standins.push(Standin {
                    field: field.clone(),
                    tried: 0,
                    value: STANDINS[0].to_string(),
                });
                work = with_standins(&base, &standins);
                continue;
            }
            if silent {
                match find(&base, &path) {
                    Some(e) if !e.block.is_empty() => {
                        blank(&mut base, e.block);
                        work = with_standins(&base, &standins);
                        removed.push(problem.path.clone());
                        continue;
                    }
                    _ => break,
                }
            }
        }
        let entry = match &problem.kind {
            Kind::UnknownField { field } | Kind::Duplicate { field } => {
                let all = find_all_keys(&work, &path, field);
                let pick = if matches!(problem.kind, Kind::Duplicate { .. }) {
                    all.get(1).cloned()
                } else {
                    all.into_iter()
                        .find(|e| problem.offset.is_none_or(|o| e.block.contains(&o)))
                };
                pick.or_else(|| problem.offset.map(|o| line_entry(&work, o)))
            }
            Kind::Syntax => None,
            _ if path.is_empty() => problem.offset.map(|o| line_entry(&work, o)),
            // An item of a `[a, b]` list cannot be blanked alone (that leaves
            // `, ,`, or an alias without its anchor): blank the whole list.
            _ => match find(&work, &path) {
                Some(e)
                    if matches!(path.last(), Some(Seg::Index(_)))
                        && !e.block.ends_with_newline(&work) =>
                {
                    let parent = &path[..path.len() - 1];
                    find(&work, parent).map(|p| Entry {
                        start: e.start,
                        value: e.value,
                        block: p.block,
                    })
                }
                other => other,
            },
        };
        let at = match &problem.kind {
            Kind::Missing { .. } | Kind::UnknownField { .. } | Kind::Duplicate { .. } => {
                entry.as_ref().map(|e| e.start).or(problem.offset)
            }
            Kind::Syntax => problem.better_syntax_offset(&work).or(problem.offset),
            _ => problem.offset.or(entry.as_ref().map(|e| e.value)),
        };
        // A value still reading `TODO` is reported as a placeholder by load.
        let placeholder = at.and_then(|o| work.get(o..)).is_some_and(|v| {
            v.trim_start_matches(['"', '\''])
                .starts_with(crate::load::PLACEHOLDER)
        });
        if placeholder {
            silent += 1;
        } else {
            let mut d = Diagnostic::error(file, problem.message.clone());
            if let Some(at) = at {
                d = d.at_offset(text, yaml.start + at);
            }
            if let Some(h) = problem.hint(&work, at) {
                d = d.hint(h);
            }
            diags.push(d);
        }
        match entry {
            Some(e) if !matches!(problem.kind, Kind::Syntax) && !e.block.is_empty() => {
                if let Kind::UnknownField { field } = &problem.kind {
                    unknown.push((problem.path.clone(), field.clone()));
                }
                removed.push(match &problem.kind {
                    Kind::UnknownField { field } | Kind::Duplicate { field } if path.is_empty() => {
                        field.clone()
                    }
                    Kind::UnknownField { field } | Kind::Duplicate { field } => {
                        format!("{}.{field}", problem.path)
                    }
                    _ => problem.path.clone(),
                });
                blank(&mut base, e.block);
                work = with_standins(&base, &standins);
            }
            _ => break,
        }
    }
    (None, diags)
}

trait EndsWithNewline {
    fn ends_with_newline(&self, text: &str) -> bool;
}

impl EndsWithNewline for Range<usize> {
    /// Whether the range ends at a line end (a block entry, not a flow item).
    fn ends_with_newline(&self, text: &str) -> bool {
        self.end >= text.len() || text.as_bytes().get(self.end.wrapping_sub(1)) == Some(&b'\n')
    }
}

/// Values tried, in order, for a missing field so that parsing can go on.
const STANDINS: [&str; 5] = ["''", "[]", "2000", "false", "{}"];

struct Standin {
    field: String,
    /// Index into `STANDINS` of the value tried last.
    tried: usize,
    value: String,
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |t| t.matches('\n').count() + 1)
}

/// The line holding `offset` and the lines indented deeper below it.
fn line_entry(yaml: &str, offset: usize) -> Entry {
    let lines = lines(yaml);
    let i = lines
        .iter()
        .rposition(|l| l.start <= offset)
        .unwrap_or_default();
    let Some(l) = lines.get(i) else {
        return Entry {
            start: offset,
            value: offset,
            block: offset..offset,
        };
    };
    let mut j = i + 1;
    while j < lines.len() && (lines[j].is_blank() || lines[j].indent > l.indent) {
        j += 1;
    }
    Entry {
        start: l.start + l.indent,
        value: offset,
        block: l.start..line_start(yaml, &lines, j),
    }
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

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    UnknownField {
        field: String,
    },
    Missing {
        field: String,
    },
    Duplicate {
        field: String,
    },
    UnknownVariant {
        given: String,
        expected: Vec<String>,
    },
    /// invalid type or value: what was found, what was expected (serde's words).
    Mismatch {
        found: String,
        expected: String,
    },
    /// A message from the type itself (a date that is not a date...).
    Custom,
    /// The text is not well-formed YAML.
    Syntax,
}

/// A yaml_serde error, taken apart and put in plain words.
#[derive(Debug)]
struct Problem {
    /// serde's path to the value, e.g. `appearances[1].quote`; empty at the top.
    path: String,
    kind: Kind,
    /// Byte offset in the YAML text, when serde knows it.
    offset: Option<usize>,
    message: String,
    /// serde's own message, path and location removed.
    raw: String,
}

/// Words between backticks.
fn ticked(s: &str) -> Vec<String> {
    s.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// Drops every " at line L column C" yaml_serde adds (the location is shown apart).
fn strip_locations(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + " at line ".len()..];
        let skip = after
            .find(" column ")
            .map(|j| {
                let tail = &after[j + " column ".len()..];
                j + " column ".len() + tail.chars().take_while(char::is_ascii_digit).count()
            })
            .unwrap_or(0);
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

/// Splits `path: message` when the message starts with a serde path.
fn split_serde_path(s: &str) -> (String, String) {
    let Some(i) = s.find(": ") else {
        return (String::new(), s.to_string());
    };
    let head = &s[..i];
    let is_path = !head.is_empty()
        && head
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
        && head.starts_with(|c: char| c.is_alphabetic() || c == '_');
    if is_path {
        (head.to_string(), s[i + 2..].to_string())
    } else {
        (String::new(), s.to_string())
    }
}

/// "the field `quote` (appearances, item 2)" from `appearances[1].quote`.
fn describe(path: &[Seg]) -> String {
    let mut where_ = Vec::new();
    let mut last_key = None;
    for seg in path {
        match seg {
            Seg::Key(k) => last_key = Some(k.clone()),
            Seg::Index(i) => where_.push(format!(
                "item {} of `{}`",
                i + 1,
                last_key.take().unwrap_or_default()
            )),
        }
    }
    match (last_key, where_.is_empty()) {
        (Some(k), true) => format!("`{k}`"),
        (Some(k), false) => format!("`{k}` in {}", where_.join(", ")),
        (None, _) => where_.join(", "),
    }
}

/// serde's name for what it expected, in an editor's words.
fn plain_expected(e: &str) -> String {
    let e = e.trim();
    match e {
        "a string" => "text".into(),
        "a sequence" => "a list".into(),
        "f64" | "f32" => "a number".into(),
        "i64" | "i32" | "u64" | "u32" | "u16" | "usize" | "isize" => "a whole number".into(),
        "u8" => "a whole number from 0 to 255".into(),
        "a boolean" => "`true` or `false`".into(),
        "a map" => "a group of fields".into(),
        _ if e.starts_with("struct ") => "a group of fields (`key: value` lines)".into(),
        _ if e.starts_with("enum ") => "one of the allowed words".into(),
        _ => e.to_string(),
    }
}

/// serde's name for what it found.
fn plain_found(f: &str) -> String {
    let f = f.trim();
    if let Some(s) = f.strip_prefix("string ") {
        return format!("the text {s}");
    }
    for (prefix, what) in [
        ("integer ", "the number "),
        ("floating point ", "the number "),
        ("boolean ", ""),
    ] {
        if let Some(v) = f.strip_prefix(prefix) {
            return format!("{what}{}", v.trim_matches('`'));
        }
    }
    match f {
        "unit value" => "nothing".into(),
        "sequence" => "a list".into(),
        "map" => "a group of fields".into(),
        other => other.to_string(),
    }
}

impl Problem {
    fn new(e: &yaml_serde::Error, work: &str) -> Problem {
        let stripped = strip_locations(&e.to_string());
        let (path, raw) = split_serde_path(&stripped);
        let offset = e
            .location()
            .map(|l| offset_of_line_col(work, l.line(), l.column()));
        let segs = parse_path(&path);
        let field = match describe(&segs) {
            f if f.is_empty() => "the front matter".to_string(),
            f => f,
        };
        let kind = if let Some(rest) = raw.strip_prefix("unknown field ") {
            Kind::UnknownField {
                field: ticked(rest).into_iter().next().unwrap_or_default(),
            }
        } else if let Some(rest) = raw.strip_prefix("missing field ") {
            Kind::Missing {
                field: ticked(rest).into_iter().next().unwrap_or_default(),
            }
        } else if let Some(rest) = raw.strip_prefix("duplicate field ") {
            Kind::Duplicate {
                field: ticked(rest).into_iter().next().unwrap_or_default(),
            }
        } else if let Some(rest) = raw.strip_prefix("unknown variant ") {
            let mut words = ticked(rest);
            let given = if words.is_empty() {
                String::new()
            } else {
                words.remove(0)
            };
            Kind::UnknownVariant {
                given,
                expected: words,
            }
        } else if let Some(rest) = raw
            .strip_prefix("invalid type: ")
            .or_else(|| raw.strip_prefix("invalid value: "))
        {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            Kind::Mismatch {
                found: found.to_string(),
                expected: expected.to_string(),
            }
        } else if !path.is_empty()
            || raw.starts_with('`')
            || raw.starts_with("recursion limit exceeded")
            || raw.starts_with("repetition limit exceeded")
        {
            Kind::Custom
        } else {
            Kind::Syntax
        };
        let in_ = if segs.is_empty() {
            String::new()
        } else {
            format!(" in {}", describe_container(&segs))
        };
        let message = match &kind {
            Kind::UnknownField { field: f } => format!("unknown field `{f}`{in_}"),
            Kind::Missing { field: f } if segs.is_empty() => format!("`{f}:` is missing"),
            Kind::Missing { field: f } => format!("`{f}:` is missing{in_}"),
            Kind::Duplicate { field: f } => format!("`{f}:` is written twice{in_}"),
            Kind::UnknownVariant { given, .. } => {
                format!("`{given}` is not a valid value for {field}")
            }
            Kind::Mismatch { found, expected } if found == "unit value" => {
                format!(
                    "{field} is empty: it should be {}",
                    plain_expected(expected)
                )
            }
            Kind::Mismatch { found, expected } => format!(
                "{field} should be {}, not {}",
                plain_expected(expected),
                plain_found(found)
            ),
            Kind::Custom if raw.starts_with("recursion limit") => {
                "the fields are nested too deeply".to_string()
            }
            Kind::Custom if raw.starts_with("repetition limit") => {
                "the file repeats YAML aliases (`*name`) too many times".to_string()
            }
            Kind::Custom if segs.is_empty() => raw.clone(),
            Kind::Custom => format!("{field}: {}", raw.split(": write ").next().unwrap_or(&raw)),
            Kind::Syntax => syntax_message(&raw),
        };
        Problem {
            path,
            kind,
            offset,
            message,
            raw,
        }
    }

    /// A likely fix, from the kind of problem and the line it is on.
    fn hint(&self, work: &str, at: Option<usize>) -> Option<String> {
        let line = at.map(|o| line_text(work, o)).unwrap_or_default();
        let key = parse_path(&self.path)
            .iter()
            .rev()
            .find_map(|s| match s {
                Seg::Key(k) => Some(k.clone()),
                Seg::Index(_) => None,
            })
            .unwrap_or_default();
        match &self.kind {
            Kind::UnknownField { field } => {
                let expected = ticked(self.raw.split_once("expected").map_or("", |(_, e)| e));
                Some(
                    match did_you_mean(field, expected.iter().map(String::as_str)) {
                        Some(m) => format!("did you mean `{m}`?"),
                        None if expected.is_empty() => "remove this line".to_string(),
                        None => format!("the fields allowed here are: {}", expected.join(", ")),
                    },
                )
            }
            Kind::Missing { field } => Some(format!("add a line `{field}: ...`")),
            Kind::Duplicate { field } => {
                Some(format!("keep one `{field}:` line and delete the other"))
            }
            Kind::UnknownVariant { given, expected } => Some(
                match did_you_mean(given, expected.iter().map(String::as_str)) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("write one of: {}", expected.join(", ")),
                },
            ),
            Kind::Mismatch { found, expected } => {
                let item = matches!(parse_path(&self.path).last(), Some(Seg::Index(_)));
                mismatch_hint(&key, item, found, expected, value_of_line(&line))
            }
            Kind::Custom if self.raw.contains("is not a date") => {
                let given = ticked(&self.raw).into_iter().next().unwrap_or_default();
                Some(match iso_date_from(&given) {
                    Some(iso) => format!("write the date as year-month-day: `{key}: {iso}`"),
                    None => "write the date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. `2025-04-28`"
                        .to_string(),
                })
            }
            Kind::Custom if self.raw.starts_with("repetition limit") => {
                Some("write each value out instead of repeating it with `&name` and `*name`".into())
            }
            Kind::Custom => None,
            Kind::Syntax => syntax_hint(&self.raw, &line),
        }
    }

    /// libyaml reports an unclosed quote at the end of the text; the quote
    /// that was opened is more use to the editor.
    fn better_syntax_offset(&self, work: &str) -> Option<usize> {
        if !self.raw.contains("while scanning a quoted scalar") {
            return None;
        }
        let mut start = 0;
        for line in work.split_inclusive('\n') {
            let t = line.trim_end();
            if let Some((_, value)) = split_key(t.trim_start().trim_start_matches("- ")) {
                let v = value.trim_start();
                if let Some(q) = v.chars().next().filter(|c| *c == '"' || *c == '\'') {
                    let closed = v.len() > 1 && v.ends_with(q);
                    if !closed {
                        return Some(start + t.len() - v.len());
                    }
                }
            }
            start += line.len();
        }
        None
    }
}

/// "item 2 of `appearances`" for the container of a path's last field.
fn describe_container(segs: &[Seg]) -> String {
    let mut parts = Vec::new();
    let mut key: Option<&str> = None;
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if let Some(k) = key.replace(k) {
                    parts.push(format!("`{k}`"));
                }
            }
            Seg::Index(i) => parts.push(format!(
                "item {} of `{}`",
                i + 1,
                key.take().unwrap_or_default()
            )),
        }
    }
    if let Some(k) = key {
        parts.push(format!("`{k}`"));
    }
    parts.join(", ")
}

/// The line of `text` holding byte `offset`.
fn line_text(text: &str, offset: usize) -> String {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    text.get(start..end).unwrap_or("").trim_end().to_string()
}

/// What follows `key:` on a line (or the item after `- `).
fn value_of_line(line: &str) -> String {
    let t = line.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t);
    match split_key(t) {
        Some((_, v)) => v.trim().to_string(),
        None => t.trim().to_string(),
    }
}

fn mismatch_hint(
    key: &str,
    item: bool,
    found: &str,
    expected: &str,
    value: String,
) -> Option<String> {
    let expected = plain_expected(expected);
    let key = if key.is_empty() { "field" } else { key };
    if item && expected == "text" {
        return Some(format!(
            "each item of `{key}` is a single word or phrase, e.g. `{key}: [first, second]`"
        ));
    }
    if found == "unit value" {
        return Some(format!(
            "write {expected} after `{key}:`, or remove the line"
        ));
    }
    match expected.as_str() {
        "a list" if found.starts_with("string") => Some(format!(
            "write a list, in square brackets: `{key}: [{value}]`"
        )),
        "a list" => Some(format!(
            "write a list: `{key}: [first, second]`, or one `- item` per line below `{key}:`"
        )),
        "text" if found == "map" => Some(format!(
            "a colon followed by a space starts a new field; put the whole value in double quotes: `{key}: \"...\"`"
        )),
        "text" if found == "sequence" => Some(format!(
            "write the text on the same line as `{key}:`, without `-` or square brackets"
        )),
        "text" => Some(format!("put the value in double quotes: `{key}: \"{value}\"`")),
        e if e.contains("number") => {
            let digits: String = value.chars().filter(|c| !matches!(c, ',' | ' ' | '_' | '\'')).collect();
            if !digits.is_empty() && digits.parse::<f64>().is_ok() {
                Some(format!("write digits only, without separators: `{key}: {digits}`"))
            } else {
                Some(format!(
                    "write digits only, e.g. `{key}: 1000`; for a range write `min:` and `max:`; words such as \"about\" go in `qualifier:`"
                ))
            }
        }
        "`true` or `false`" => Some(format!("write `{key}: true` or `{key}: false`")),
        e if e.starts_with("a group of fields") => Some(format!(
            "write the fields on the lines below `{key}:`, each indented by two spaces"
        )),
        e if e.contains("verdict key") => Some(
            "write one of the keys listed under `verdicts:` in content/dossier.yaml, e.g. `verdict: disputed`".into(),
        ),
        _ => None,
    }
}

/// `28/04/2025`, `28-04-2025`, `28.04.2025` -> `2025-04-28`.
fn iso_date_from(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['/', '.', '-', ' ']).collect();
    let num = |p: &&str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            let (d, m, y) = (num(d)?, num(m)?, num(y)?);
            ((1..=12).contains(&m) && (1..=31).contains(&d))
                .then(|| format!("{y:04}-{m:02}-{d:02}"))
        }
        [y, m] if y.len() == 4 && m.len() == 1 => Some(format!("{y}-0{m}")),
        [y, m, d] if y.len() == 4 && (m.len() == 1 || d.len() == 1) => {
            let (m, d) = (num(m)?, num(d)?);
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}-{m:02}-{d:02}"))
        }
        _ => None,
    }
}

/// libyaml's syntax errors, in plain words.
fn syntax_message(raw: &str) -> String {
    let base = raw.split(", while").next().unwrap_or(raw).trim();
    let plain = match base {
        "mapping values are not allowed in this context" => {
            "this line has a second `: ` (colon and space), which YAML reads as the start of another field"
        }
        "found unexpected end of stream" if raw.contains("quoted scalar") => {
            "a quotation mark opened here is never closed"
        }
        "did not find expected key" => {
            "this line does not fit with the lines around it (check its indentation and quotation marks)"
        }
        "did not find expected '-' indicator" => {
            "this line does not fit in the list above it (check its indentation)"
        }
        "could not find expected ':'" => "this line should be a field (`key: value`), but it has no `: `",
        "found character that cannot start any token" => {
            "this value starts with a character YAML reserves (such as `@`, a backtick or a tab)"
        }
        "block sequence entries are not allowed in this context" => {
            "a list item (`- `) cannot stand on the same line as its field"
        }
        "found a tab character that violates indentation" => {
            "a tab character is used for indentation; YAML needs spaces"
        }
        "found undefined alias" | "unknown anchor" => {
            "a value starts with `*`, which YAML reads as a reference to something else"
        }
        _ if base.contains("tab") => "a tab character is used where YAML needs spaces",
        _ => "",
    };
    if plain.is_empty() {
        format!("the front matter is not valid YAML: {base}")
    } else {
        plain.to_string()
    }
}

fn syntax_hint(raw: &str, line: &str) -> Option<String> {
    let t = line.trim_start();
    let item = t.starts_with("- ");
    let t = t.strip_prefix("- ").unwrap_or(t);
    let quoted_suggestion = || {
        let (key, value) = split_key(t)?;
        let value = value.trim();
        Some(format!(
            "put the whole value in double quotes: `{}{key}: \"{}\"`",
            if item { "- " } else { "" },
            value.replace('\\', "\\\\").replace('"', "\\\"")
        ))
    };
    if line.contains('\t') {
        return Some("replace the tab characters at the start of the line with spaces".into());
    }
    if raw.starts_with("mapping values are not allowed") {
        return quoted_suggestion().or(Some("put the whole value in double quotes".into()));
    }
    if raw.contains("while scanning a quoted scalar") {
        return Some(
            "close the quotation mark at the end of the value; inside the value, use curly quotes (“ ”) or put the whole value in single quotes".into(),
        );
    }
    if raw.starts_with("found character that cannot start any token")
        || raw.starts_with("found undefined alias")
        || raw.starts_with("unknown anchor")
    {
        return quoted_suggestion();
    }
    if raw.starts_with("did not find expected key") {
        if let Some((_, v)) = split_key(t) {
            let v = v.trim();
            if v.starts_with(['"', '\'']) {
                return Some("the value starts with a quotation mark, so YAML expects it to end with one: put the whole value in quotes, or use curly quotes (“ ”) inside it".into());
            }
        }
        return Some(
            "line this field up with the fields above it (same number of spaces at the start)"
                .into(),
        );
    }
    if raw.starts_with("could not find expected ':'") {
        return Some("if this continues the value above, indent it with spaces; if it is the body, the closing `---` line is missing above it".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    const CLAIM: &str = "title: T\ntopics: [a, \"b, c\", d]\nappearances:\n  - article: x\n    quote: first quote\n  - article: y\n    quote: >-\n      folded\n      text\n    translation: t\nlist:\n- one\n-\n  k: v\nnested:\n  inner:\n    deep: 1\n";

    fn at<'a>(text: &'a str, path: &str) -> &'a str {
        let e = find(text, &parse_path(path)).expect(path);
        let end = text[e.value..]
            .find('\n')
            .map_or(text.len(), |i| e.value + i);
        &text[e.value..end]
    }

    #[test]
    fn paths_parse_in_serde_notation() {
        assert_eq!(
            parse_path("appearances[1].quote"),
            vec![
                Seg::Key("appearances".into()),
                Seg::Index(1),
                Seg::Key("quote".into())
            ]
        );
        assert_eq!(
            parse_path("a[0][2]"),
            vec![Seg::Key("a".into()), Seg::Index(0), Seg::Index(2)]
        );
        assert_eq!(parse_path(""), vec![]);
    }

    #[test]
    fn find_walks_block_and_flow_yaml() {
        assert_eq!(at(CLAIM, "title"), "T");
        assert_eq!(at(CLAIM, "topics[0]"), "a, \"b, c\", d]");
        assert!(at(CLAIM, "topics[1]").starts_with("\"b, c\""));
        assert!(at(CLAIM, "topics[2]").starts_with("d]"));
        assert_eq!(at(CLAIM, "appearances[0].quote"), "first quote");
        assert_eq!(at(CLAIM, "appearances[1].article"), "y");
        assert_eq!(at(CLAIM, "appearances[1].quote"), "folded");
        assert_eq!(at(CLAIM, "appearances[1].translation"), "t");
        assert_eq!(at(CLAIM, "list[0]"), "one");
        assert_eq!(at(CLAIM, "list[1].k"), "v");
        assert_eq!(at(CLAIM, "nested.inner.deep"), "1");
        assert!(find(CLAIM, &parse_path("appearances[2]")).is_none());
        assert!(find(CLAIM, &parse_path("missing")).is_none());
        let e = find(CLAIM, &parse_path("appearances[1]")).unwrap();
        assert_eq!(
            &CLAIM[e.block],
            "  - article: y\n    quote: >-\n      folded\n      text\n    translation: t\n"
        );
        let e = find(CLAIM, &parse_path("appearances")).unwrap();
        assert!(CLAIM[e.block].ends_with("translation: t\n"));
        let dup = "a: 1\nb: 2\na: 3\n";
        let all = find_all_keys(dup, &[], "a");
        assert_eq!(all.len(), 2);
        assert_eq!(&dup[all[1].value..all[1].value + 1], "3");
    }

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
    fn dates_get_a_rewritten_suggestion() {
        assert_eq!(iso_date_from("28/04/2025").as_deref(), Some("2025-04-28"));
        assert_eq!(iso_date_from("2025-4-1").as_deref(), Some("2025-04-01"));
        assert_eq!(iso_date_from("2025-4").as_deref(), Some("2025-04"));
        assert_eq!(iso_date_from("April 2025"), None);
    }

    #[test]
    fn strip_locations_removes_every_position() {
        assert_eq!(
            strip_locations("found a tab at line 2 column 1, while scanning at line 1 column 3"),
            "found a tab, while scanning"
        );
    }
}
