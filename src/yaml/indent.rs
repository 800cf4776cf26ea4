//! Indentation mistakes, said as such. YAML reads a line indented too far as
//! more of the value above, and a line not indented enough as the end of a
//! list, so libyaml's words ("mapping values are not allowed", "did not find
//! expected key") and serde's ("missing field") describe a symptom, often on
//! the wrong line. These look at the lines around the problem and name the
//! column the line belongs in.

use super::locate::{is_item, lines, split_key, Line};

/// A line out of place: what to say, and where (a byte offset in the YAML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Misplaced {
    pub(super) message: String,
    pub(super) hint: String,
    pub(super) at: usize,
}

/// The parts of a line that hold a field: `key: value` or `- key: value`.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    key: &'a str,
    /// 0-based column of the key.
    col: usize,
    /// The column of the item's `-`, on a `- key:` line.
    dash: Option<usize>,
    /// The value on the same line (empty when the value is below).
    value: &'a str,
}

fn field_of<'a>(line: &Line<'a>) -> Option<Field<'a>> {
    let content = line.text.get(line.indent..)?;
    let (dash, col, rest) = if is_item(content) {
        let after = &content[1..];
        let rest = after.trim_start_matches(' ');
        (
            Some(line.indent),
            line.indent + 1 + after.len() - rest.len(),
            rest,
        )
    } else {
        (None, line.indent, content)
    };
    let (key, value) = split_key(rest)?;
    let key = key.trim_matches(['"', '\'']);
    Some(Field {
        key,
        col,
        dash,
        value: value.trim(),
    })
}

/// The index of the line holding byte `offset`.
fn line_at(lines: &[Line], offset: usize) -> usize {
    lines.iter().rposition(|l| l.start <= offset).unwrap_or(0)
}

/// The nearest line above `i` that is not blank or a comment.
fn previous(lines: &[Line], i: usize) -> Option<usize> {
    (0..i).rev().find(|&j| !lines[j].is_blank())
}

/// A syntax error that is an indentation mistake on the line at `offset`:
/// a field indented further than the one above it, a list item out of line
/// with the items above it, or a field in line with the items of a list.
/// `line_no` gives the file's line number of a byte offset of `yaml`.
pub(super) fn syntax(
    yaml: &str,
    raw: &str,
    offset: usize,
    line_no: &dyn Fn(usize) -> usize,
) -> Option<Misplaced> {
    let about_layout = ["mapping values are not allowed", "did not find expected"]
        .iter()
        .any(|s| raw.starts_with(s));
    if !about_layout {
        return None;
    }
    let lines = lines(yaml);
    let i = line_at(&lines, offset);
    too_deep(&lines, i)
        .or_else(|| item_out_of_line(&lines, i, line_no))
        .or_else(|| field_among_items(&lines, i))
}

/// A field indented further than the field on the line above, whose value
/// is on its line: YAML reads the line as more of that value.
fn too_deep(lines: &[Line], i: usize) -> Option<Misplaced> {
    let l = &lines[i];
    let this = field_of(l).filter(|f| f.dash.is_none())?;
    let above = field_of(&lines[previous(lines, i)?])?;
    if above.value.is_empty() || l.indent <= above.col {
        return None;
    }
    let (key, up) = (this.key, above.key);
    let column = above.col + 1;
    let hint = match above.dash {
        // `- key:` moved out of line while the item's other lines stayed:
        // the line that moved may be the one above.
        Some(_) if l.indent == above.col + 2 => format!(
            "the fields of a list item start in the same column: start `{key}:` in column {column}, under `{up}:`; or, if the line above is the one that moved, put `- {up}:` back so that `{up}:` stands in column {}, above `{key}:`",
            l.indent + 1
        ),
        _ if above.col == 0 => {
            format!("start `{key}:` in column 1, under `{up}:`, with no spaces before it")
        }
        _ => format!(
            "start `{key}:` in column {column}, under `{up}:` ({} spaces before it)",
            above.col
        ),
    };
    Some(Misplaced {
        message: format!(
            "`{key}:` is indented further than `{up}:` on the line above, so YAML reads it as more of that line's value"
        ),
        hint,
        at: l.start + l.indent,
    })
}

/// A list item whose `-` is not in the column of the item above it.
fn item_out_of_line(
    lines: &[Line],
    i: usize,
    line_no: &dyn Fn(usize) -> usize,
) -> Option<Misplaced> {
    let l = &lines[i];
    if !is_item(l.text.get(l.indent..)?) {
        return None;
    }
    let q = item_above(lines, i)?;
    let above = &lines[q];
    Some(Misplaced {
        message: format!(
            "this list item starts in column {}, but the item above it (line {}) starts in column {}",
            l.indent + 1,
            line_no(above.start),
            above.indent + 1
        ),
        hint: format!(
            "the items of one list start in the same column: start this `-` in column {} too, and move the item's other lines by as much",
            above.indent + 1
        ),
        at: l.start + l.indent,
    })
}

/// The nearest list item above line `i` in another column, whose own lines
/// (all indented deeper than its `-`) reach down to line `i`.
fn item_above(lines: &[Line], i: usize) -> Option<usize> {
    let indent = lines[i].indent;
    let mut deepest_between = usize::MAX;
    for j in (0..i).rev() {
        let l = &lines[j];
        if l.is_blank() {
            continue;
        }
        let item = l.text.get(l.indent..).is_some_and(is_item);
        if item && l.indent < deepest_between {
            return (l.indent != indent).then_some(j);
        }
        if l.indent == 0 && !item {
            return None;
        }
        deepest_between = deepest_between.min(l.indent);
    }
    None
}

/// A field in the column of the items of the list above, where YAML expects
/// another `- ` item: it belongs either to the level of the list's own key,
/// or inside the item.
fn field_among_items(lines: &[Line], i: usize) -> Option<Misplaced> {
    let l = &lines[i];
    let this = field_of(l).filter(|f| f.dash.is_none())?;
    let q = (0..i)
        .rev()
        .find(|&j| !lines[j].is_blank() && lines[j].indent <= l.indent)?;
    let item = field_of(&lines[q]).filter(|f| f.dash == Some(l.indent))?;
    let owner = (0..q)
        .rev()
        .filter(|&j| !lines[j].is_blank())
        .filter_map(|j| field_of(&lines[j]).filter(|f| f.dash.is_none() && f.col <= l.indent))
        .next()?;
    let key = this.key;
    Some(Misplaced {
        message: format!(
            "`{key}:` stands in the column of the items of `{}` (column {}), where YAML expects another `- ` item",
            owner.key,
            l.indent + 1
        ),
        hint: format!(
            "if `{key}:` is a field of its own, start it in column {}, like `{}:`; if it belongs to the item above, start it in column {}, under `{}:`",
            owner.col + 1,
            owner.key,
            item.col + 1,
            item.key
        ),
        at: l.start + l.indent,
    })
}

/// A field that serde says is missing but that is written, in the wrong
/// column: under the list item whose content starts at byte `item` (or at
/// the top level when `item` is `None`), the first line after it whose key is
/// `field`, in another column than the item's fields.
pub(super) fn missing_field(yaml: &str, field: &str, item: Option<usize>) -> Option<Misplaced> {
    let lines = lines(yaml);
    let (first, expected, owner) = match item {
        Some(at) => {
            let i = line_at(&lines, at);
            let f = field_of(&lines[i])?;
            (i, f.col, Some((f.key, f.dash?)))
        }
        None => (0, lines.iter().find(|l| !l.is_blank())?.indent, None),
    };
    let start = if owner.is_some() { first + 1 } else { first };
    for j in start..lines.len() {
        let l = &lines[j];
        let Some(f) = field_of(l) else { continue };
        if let Some((_, dash)) = owner {
            if f.dash == Some(dash) {
                return None;
            }
        }
        if f.key != field || f.dash.is_some() {
            continue;
        }
        if f.col == expected {
            return None;
        }
        if owner.is_none() && !under_inline_value(&lines, j) {
            continue;
        }
        return Some(misplaced_field(l, field, expected, owner.map(|(k, _)| k)));
    }
    None
}

/// Whether the nearest line above `j` that is indented less holds a value
/// on its own line (`key: text` or `key: >-`): then line `j` cannot be a
/// field of a group below that key, only misplaced.
fn under_inline_value(lines: &[Line], j: usize) -> bool {
    let indent = lines[j].indent;
    (0..j)
        .rev()
        .filter(|&k| !lines[k].is_blank() && lines[k].indent < indent)
        .find_map(|k| field_of(&lines[k]))
        .is_some_and(|f| !f.value.is_empty() && f.dash.is_none())
}

fn misplaced_field(l: &Line, field: &str, expected: usize, sibling: Option<&str>) -> Misplaced {
    let (belongs, hint) = match sibling {
        Some(s) => (
            format!(
                "the fields of this list item start in column {}, like `{s}:`",
                expected + 1
            ),
            format!("start `{field}:` in column {}, under `{s}:`", expected + 1),
        ),
        None => (
            format!("the fields start in column {}", expected + 1),
            format!(
                "start `{field}:` in column {}, with no spaces before it",
                expected + 1
            ),
        ),
    };
    let reads = if l.indent > expected {
        "so YAML reads it as more of the value above"
    } else {
        "so YAML does not count it as one of them"
    };
    Misplaced {
        message: format!(
            "`{field}:` is in column {}, but {belongs}, {reads}",
            l.indent + 1
        ),
        hint,
        at: l.start + l.indent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn syntax_at(yaml: &str, raw: &str, line: usize) -> Option<Misplaced> {
        let offset = yaml
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum();
        syntax(yaml, raw, offset, &|o| yaml[..o].matches('\n').count() + 1)
    }

    const MAPPING: &str = "mapping values are not allowed in this context";
    const KEY: &str = "did not find expected key";

    #[test]
    fn a_field_too_deep_belongs_under_the_one_above() {
        let yaml = "appearances:\n  - article: report\n     quote: words\n";
        let m = syntax_at(yaml, MAPPING, 3).unwrap();
        assert!(
            m.message
                .starts_with("`quote:` is indented further than `article:`"),
            "{m:?}"
        );
        assert!(
            m.hint
                .starts_with("start `quote:` in column 5, under `article:`"),
            "{m:?}"
        );
        assert_eq!(m.at, yaml.find("quote").unwrap());
        // The genuine second colon is left to the general message.
        assert_eq!(syntax_at("title: Kim: we won\n", MAPPING, 1), None);
    }

    #[test]
    fn an_item_moved_left_is_the_line_to_fix() {
        let yaml = "notes:\n- quote: words\n    note: text\n";
        let m = syntax_at(yaml, MAPPING, 3).unwrap();
        assert!(m.hint.contains("put `- quote:` back"), "{m:?}");
        let yaml = "topics:\n  - troops\n- casualties\nverdict: x\n";
        let m = syntax_at(yaml, KEY, 3).unwrap();
        assert_eq!(
            m.message,
            "this list item starts in column 1, but the item above it (line 2) starts in column 3"
        );
    }

    #[test]
    fn a_field_among_items_may_belong_to_either_level() {
        let yaml = "appearances:\n  - article: a\n    quote: q\n  figures: []\n";
        let m = syntax_at(yaml, "did not find expected '-' indicator", 4).unwrap();
        assert!(
            m.message.contains("the items of `appearances` (column 3)"),
            "{m:?}"
        );
        assert!(m.hint.contains("column 1, like `appearances:`"), "{m:?}");
        assert!(m.hint.contains("column 5, under `article:`"), "{m:?}");
    }

    #[test]
    fn a_missing_field_written_in_the_wrong_column_is_found() {
        let yaml = "appearances:\n  - article: report\n   quote: words\n";
        let m = missing_field(yaml, "quote", Some(yaml.find("article").unwrap())).unwrap();
        assert_eq!(
            m.message,
            "`quote:` is in column 4, but the fields of this list item start in column 5, like `article:`, so YAML does not count it as one of them"
        );
        let yaml = "summary: >-\n  text\n   appearances:\n  - article: a\n";
        let m = missing_field(yaml, "appearances", None).unwrap();
        assert!(m.hint.contains("column 1"), "{m:?}");
        // A field of the same name in a nested group is not it.
        let yaml = "sources:\n  - title: The report\n";
        assert_eq!(missing_field(yaml, "title", None), None);
    }
}
