//! Where a field stands in front matter as editors write it.
//!
//! serde forgets positions once values are typed. [`find`] walks the
//! block-style YAML that editors write (indented `key: value` lines, `- ` list
//! items, `[a, b]` lists) to locate a path such as `appearances[1].quote`, so
//! that a problem found in any later stage points at its line and column.

use std::ops::Range;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Seg {
    Key(String),
    Index(usize),
}

/// Parses `appearances[1].quote` (serde's own notation, 0-based) into segments.
pub(crate) fn parse_path(path: &str) -> Vec<Seg> {
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
pub(crate) struct Entry {
    /// Byte offset of the entry's key (or of the `-` of a list item, or of the
    /// item itself in a `[a, b]` list).
    pub(crate) start: usize,
    /// Byte offset of the value: after `key: `, or the first line below the key.
    pub(crate) value: usize,
    /// The whole entry: whole lines from the key's line to the last line of its
    /// value (an item of a `[a, b]` list covers just the item).
    pub(crate) block: Range<usize>,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Line<'a> {
    pub(super) start: usize,
    /// Leading spaces.
    pub(super) indent: usize,
    /// The line without its end-of-line characters.
    pub(super) text: &'a str,
}

impl Line<'_> {
    pub(super) fn is_blank(&self) -> bool {
        let t = self.text.trim();
        t.is_empty() || t.starts_with('#')
    }
}

pub(super) fn lines(yaml: &str) -> Vec<Line<'_>> {
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
pub(crate) fn find(yaml: &str, path: &[Seg]) -> Option<Entry> {
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
pub(crate) fn find_all_keys(yaml: &str, path: &[Seg], key: &str) -> Vec<Entry> {
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

pub(super) fn is_item(s: &str) -> bool {
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
pub(super) fn split_key(content: &str) -> Option<(&str, &str)> {
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

/// The line holding `offset` and the lines indented deeper below it.
pub(super) fn line_entry(yaml: &str, offset: usize) -> Entry {
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

/// Byte offset in `text` of the value at `path` in the YAML at `range` (a
/// file's front matter). Falls back to the nearest enclosing entry that can be
/// found, then to the first field.
pub(crate) fn offset_of(text: &str, range: Range<usize>, path: &str) -> usize {
    let yaml = text.get(range.clone()).unwrap_or("");
    let mut segs = parse_path(path);
    while !segs.is_empty() {
        if let Some(e) = find(yaml, &segs) {
            return range.start + e.value;
        }
        segs.pop();
    }
    range.start + (yaml.len() - yaml.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
