//! What a YAML error means, in an editor's words: serde's and libyaml's
//! messages taken apart into a [`Kind`] of problem, then said plainly with a
//! likely fix.

use super::locate::{parse_path, split_key, Seg};
use crate::diagnostic::did_you_mean;
use crate::text::LineIndex;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Kind {
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
pub(super) struct Problem {
    /// serde's path to the value, e.g. `appearances[1].quote`; empty at the top.
    pub(super) path: String,
    pub(super) kind: Kind,
    /// Byte offset in the YAML text, when serde knows it.
    pub(super) offset: Option<usize>,
    pub(super) message: String,
    /// serde's own message, path and location removed.
    pub(super) raw: String,
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
    pub(super) fn new(e: &yaml_serde::Error, work: &str) -> Problem {
        let stripped = strip_locations(&e.to_string());
        let (path, raw) = split_serde_path(&stripped);
        let offset = e
            .location()
            .map(|l| LineIndex::new(work).offset(l.line(), l.column()));
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
    pub(super) fn hint(&self, work: &str, at: Option<usize>) -> Option<String> {
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
                    Some((iso, None)) => {
                        format!("write the date as year-month-day: `{key}: {iso}`")
                    }
                    Some((iso, Some(other))) => format!(
                        "write the date as year-month-day: `{key}: {iso}`, reading `{given}` day first ({}), as Indonesian and European texts write dates; if it is month first ({}), as in American texts: `{key}: {other}`",
                        spelled(&iso),
                        spelled(&other)
                    ),
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
    pub(super) fn better_syntax_offset(&self, work: &str) -> Option<usize> {
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
    let index = LineIndex::new(text);
    index
        .line_text(index.line(offset.min(text.len())))
        .trim_end()
        .to_string()
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
fn iso_date_from(s: &str) -> Option<(String, Option<String>)> {
    let parts: Vec<&str> = s.split(['/', '.', '-', ' ']).collect();
    let num = |p: &&str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [d, m, y] if y.len() == 4 && d.len() <= 2 && m.len() <= 2 => {
            let (d, m, y) = (num(d)?, num(m)?, num(y)?);
            let valid = (1..=12).contains(&m) && (1..=31).contains(&d);
            // 11/4/2025: the fourth of November, read month first.
            let other = (d <= 12 && d != m).then(|| format!("{y:04}-{d:02}-{m:02}"));
            valid.then(|| (format!("{y:04}-{m:02}-{d:02}"), other))
        }
        [y, m] if y.len() == 4 && m.len() == 1 => Some((format!("{y}-0{m}"), None)),
        [y, m, d] if y.len() == 4 && (m.len() == 1 || d.len() == 1) => {
            let (m, d) = (num(m)?, num(d)?);
            ((1..=12).contains(&m) && (1..=31).contains(&d))
                .then(|| (format!("{y}-{m:02}-{d:02}"), None))
        }
        _ => None,
    }
}

/// `2025-04-11` as "11 April 2025".
fn spelled(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.split('-').map(|p| p.parse::<usize>().unwrap_or(0));
    let (y, m, d) = (parts.next(), parts.next(), parts.next());
    match (y, m.and_then(|m| MONTHS.get(m.wrapping_sub(1))), d) {
        (Some(y), Some(month), Some(d)) => format!("{d} {month} {y}"),
        _ => iso.to_string(),
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

    #[test]
    fn dates_get_a_rewritten_suggestion() {
        let iso = |s: &str| iso_date_from(s).map(|(iso, _)| iso);
        assert_eq!(iso("28/04/2025").as_deref(), Some("2025-04-28"));
        assert_eq!(iso("2025-4-1").as_deref(), Some("2025-04-01"));
        assert_eq!(iso("2025-4").as_deref(), Some("2025-04"));
        assert_eq!(iso("April 2025"), None);
        // Day first, and the other reading when the day could be a month.
        assert_eq!(
            iso_date_from("11/4/2025"),
            Some(("2025-04-11".into(), Some("2025-11-04".into())))
        );
        assert_eq!(iso_date_from("4/4/2025"), Some(("2025-04-04".into(), None)));
        assert_eq!(iso_date_from("28/04/2025").unwrap().1, None);
        assert_eq!(spelled("2025-11-04"), "4 November 2025");
    }

    #[test]
    fn strip_locations_removes_every_position() {
        assert_eq!(
            strip_locations("found a tab at line 2 column 1, while scanning at line 1 column 3"),
            "found a tab, while scanning"
        );
    }
}
