//! The report in three forms, each listing the changes in the order
//! [`compare`](super::compare) gives them: for a terminal, as Markdown for a
//! pull request's job summary, and as JSON lines for other tools.

use super::change::{Change, Kind, Status, Words};
use super::Report;
use crate::diagnostic::Diagnostic;
use crate::model::SETTINGS_FILE;
use crate::paths;

/// The changes grouped as a reviewer reads them.
struct Groups<'a> {
    /// Claims added, removed or renamed.
    claims: Vec<&'a Change>,
    /// Each changed claim (head slug) and its changes, by slug.
    by_claim: Vec<(&'a str, Vec<&'a Change>)>,
    /// The changes to `content/dossier.yaml`.
    settings: Vec<&'a Change>,
    /// Articles, topics, entities and content pages added or removed, and
    /// content pages whose text changed.
    files: Vec<&'a Change>,
    pages: Vec<&'a Change>,
}

fn groups(report: &Report) -> Groups<'_> {
    let mut g = Groups {
        claims: Vec::new(),
        by_claim: Vec::new(),
        settings: Vec::new(),
        files: Vec::new(),
        pages: Vec::new(),
    };
    for c in &report.changes {
        match c {
            Change::SitePage { .. } => g.pages.push(c),
            Change::Setting { .. }
            | Change::ScaleAdded { .. }
            | Change::ScaleRemoved { .. }
            | Change::ScaleChanged { .. } => g.settings.push(c),
            Change::PageText { .. } => g.files.push(c),
            Change::Added { kind, .. }
            | Change::Removed { kind, .. }
            | Change::Renamed { kind, .. } => {
                if *kind == Kind::Claim {
                    g.claims.push(c)
                } else {
                    g.files.push(c)
                }
            }
            _ => {
                let claim = c.claim().unwrap_or_default();
                match g.by_claim.last_mut() {
                    Some((last, list)) if *last == claim => list.push(c),
                    _ => g.by_claim.push((claim, vec![c])),
                }
            }
        }
    }
    g
}

/// One sentence on the size of the change.
fn headline(report: &Report, code: impl Fn(&str) -> String) -> String {
    let n = report.content_changes();
    let pages = report.changes.len() - n;
    let changes = match n {
        0 => "no change in meaning".to_string(),
        1 => "1 change".to_string(),
        n => format!("{n} changes"),
    };
    let pages = match pages {
        0 => "no page of the site differs".to_string(),
        1 => "1 page of the site differs".to_string(),
        n => format!("{n} pages of the site differ"),
    };
    format!("Compared with {}: {changes}; {pages}.", code(&report.base))
}

// ---------------------------------------------------------------- human

pub(super) fn human(report: &Report) -> String {
    let g = groups(report);
    let mut out = format!("{}\n", headline(report, |s| s.to_string()));
    if !g.claims.is_empty() {
        out.push_str("\nClaims\n");
        for c in &g.claims {
            out.push_str(&format!("  {}\n", plain(c)));
        }
    }
    for (claim, changes) in &g.by_claim {
        let title = report.titles.get(*claim).map(String::as_str).unwrap_or("");
        out.push_str(&format!("\nClaim {claim}: \"{title}\"\n"));
        for c in changes {
            out.push_str(&format!("  {}\n", plain(c)));
        }
    }
    if !g.settings.is_empty() {
        out.push_str(&format!("\n{SETTINGS_FILE}\n"));
        for c in &g.settings {
            out.push_str(&format!("  {}\n", plain(c)));
        }
    }
    if !g.files.is_empty() {
        out.push_str("\nArticles, topics, entities and pages\n");
        for c in &g.files {
            out.push_str(&format!("  {}\n", plain(c)));
        }
    }
    if !g.pages.is_empty() {
        out.push_str(&format!(
            "\nPages of the site that differ ({})\n",
            g.pages.len()
        ));
        for c in &g.pages {
            out.push_str(&format!("  {}\n", plain(c)));
        }
    }
    out
}

/// One change in one line of plain text, without the claim it belongs to.
fn plain(c: &Change) -> String {
    match c {
        Change::Added {
            kind,
            slug,
            title,
            verdict,
        } => {
            let verdict = verdict
                .as_ref()
                .map(|v| format!(" ({})", v.label))
                .unwrap_or_default();
            format!("+ {} {slug} added: \"{title}\"{verdict}", kind.word())
        }
        Change::Removed {
            kind,
            slug,
            title,
            verdict,
        } => {
            let verdict = verdict
                .as_ref()
                .map(|v| format!(" ({})", v.label))
                .unwrap_or_default();
            format!("- {} {slug} removed: \"{title}\"{verdict}", kind.word())
        }
        Change::Renamed { kind, from, to } => {
            format!(
                "~ {} {from} renamed to {to} (same appearances)",
                kind.word()
            )
        }
        Change::Verdict { from, to, .. } => format!("verdict: {} → {}", from.label, to.label),
        Change::Title { from, to, .. } => format!("title: \"{from}\" → \"{to}\""),
        Change::Summary { from, to, .. } => format!("summary: \"{from}\" → \"{to}\""),
        Change::AppearanceAdded { article, quote, .. } => {
            format!("+ appearance in {article}: \"{}\"", one_line(quote))
        }
        Change::AppearanceRemoved { article, quote, .. } => {
            format!("- appearance in {article}: \"{}\"", one_line(quote))
        }
        Change::FigureAdded { figure, .. } => format!("+ figure: {figure}"),
        Change::FigureRemoved { figure, .. } => format!("- figure: {figure}"),
        Change::FigureChanged { from, to, .. } => format!("figure: {from} → {to}"),
        Change::RelationAdded {
            relation, other, ..
        } => {
            format!("+ relation: {} {other}", relation.key())
        }
        Change::RelationRemoved {
            relation, other, ..
        } => {
            format!("- relation: {} {other}", relation.key())
        }
        Change::RelationKind {
            other, from, to, ..
        } => {
            format!("relation with {other}: {} → {}", from.key(), to.key())
        }
        Change::CorrectionAdded { date, note, .. } => {
            format!("+ correction ({date}): {}", one_line(note))
        }
        Change::CorrectionRemoved { date, note, .. } => {
            format!("- correction ({date}): {}", one_line(note))
        }
        Change::Setting { field, from, to } => {
            format!("{field}: \"{}\" → \"{}\"", one_line(from), one_line(to))
        }
        Change::ScaleAdded { list, key, label } => {
            format!("+ {} {key} added: \"{label}\"", list.word())
        }
        Change::ScaleRemoved { list, key, label } => {
            format!("- {} {key} removed: \"{label}\"", list.word())
        }
        Change::ScaleChanged {
            list,
            key,
            field,
            from,
            to,
        } => format!(
            "{} {key}, {field}: \"{}\" → \"{}\"",
            list.word(),
            one_line(from),
            one_line(to)
        ),
        Change::PageText {
            slug,
            title,
            retitled,
            words,
        } => {
            let retitled = retitled
                .as_ref()
                .map(|from| format!(" title: \"{from}\" → \"{title}\";"))
                .unwrap_or_default();
            let words: Vec<String> = words
                .iter()
                .map(|w| match w {
                    Words::Same(s) => s.clone(),
                    Words::Gap => "…".to_string(),
                    Words::Removed(s) => format!("[-{s}-]"),
                    Words::Added(s) => format!("{{+{s}+}}"),
                })
                .collect();
            format!(
                "~ page {slug} changed (\"{title}\"):{retitled} {}",
                words.join(" ")
            )
        }
        Change::SitePage { path, status } => {
            let mark = match status {
                Status::Added => '+',
                Status::Removed => '-',
                Status::Changed => '~',
            };
            format!("{mark} {path}")
        }
    }
}

/// Quotes and notes may span lines; a listing keeps one change per line.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------- json

pub(super) fn json_lines(report: &Report) -> String {
    report
        .changes
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default() + "\n")
        .collect()
}

// ---------------------------------------------------------------- markdown

pub(super) fn markdown(report: &Report) -> String {
    let g = groups(report);
    let mut out = String::from("### Dossier changes\n\n");
    out.push_str(&headline(report, |s| format!("`{}`", code(s))));
    out.push('\n');
    out.push_str(&warnings(&report.warnings));
    let mut rows: Vec<(String, String)> = g
        .claims
        .iter()
        .map(|c| (claim_cell(report, whole_claim_slug(c)), md_whole(c)))
        .collect();
    // A claim's slug and title head its first row; the rows below it are its own.
    for (claim, changes) in &g.by_claim {
        for (i, c) in changes.iter().enumerate() {
            let first = match (i, report.titles.get(*claim)) {
                (0, Some(title)) => format!("{}<br>{}", claim_cell(report, claim), text(title)),
                (0, None) => claim_cell(report, claim),
                _ => String::new(),
            };
            rows.push((first, md_change(c)));
        }
    }
    out.push_str(&table("Claim", &rows));
    let settings: Vec<(String, String)> = g.settings.iter().map(|c| md_setting(c)).collect();
    out.push_str(&table(&format!("`{SETTINGS_FILE}`"), &settings));
    let files: Vec<(String, String)> = g
        .files
        .iter()
        .map(|c| match c {
            Change::Added { kind, slug, .. } | Change::Removed { kind, slug, .. } => {
                (format!("{} `{}`", kind.word(), code(slug)), md_whole(c))
            }
            Change::PageText {
                slug,
                title,
                retitled,
                words,
            } => {
                let mut said = Vec::new();
                if let Some(from) = retitled {
                    said.push(format!("title: “{}” → “{}”", text(from), text(title)));
                }
                if !words.is_empty() {
                    said.push(format!("**text changed**: {}", md_words(words)));
                }
                (
                    format!("page `{}`<br>{}", code(slug), text(title)),
                    said.join("<br>"),
                )
            }
            _ => (String::new(), md_whole(c)),
        })
        .collect();
    out.push_str(&table("Article, topic, entity or page", &files));
    out.push_str(&site_pages(&g.pages));
    out
}

fn whole_claim_slug(c: &Change) -> &str {
    match c {
        Change::Added { slug, .. } | Change::Removed { slug, .. } => slug,
        Change::Renamed { to, .. } => to,
        _ => "",
    }
}

/// The policy warnings as one GitHub alert, each with its file and line.
fn warnings(found: &[Diagnostic]) -> String {
    if found.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n> [!WARNING]\n");
    for d in found {
        out.push_str(&format!(
            "> - **{}** (`{}`)",
            prose(&d.message),
            code(&d.location())
        ));
        if let Some(hint) = &d.hint {
            out.push_str(&format!(": {}", prose(hint)));
        }
        out.push('\n');
    }
    out
}

fn table(first: &str, rows: &[(String, String)]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut out = format!("\n| {first} | Change |\n| --- | --- |\n");
    for (a, b) in rows {
        out.push_str(&format!("| {a} | {b} |\n"));
    }
    out
}

/// A claim's slug, linked to its published page when there is one and the
/// site's address is known.
fn claim_cell(report: &Report, slug: &str) -> String {
    let name = format!("`{}`", code(slug));
    let url = report
        .links
        .page(&paths::claim(slug))
        .filter(|_| report.published.contains(slug));
    match url {
        Some(url) => format!("[{name}]({url})"),
        None => name,
    }
}

fn md_whole(c: &Change) -> String {
    match c {
        Change::Added { title, verdict, .. } => {
            let verdict = verdict
                .as_ref()
                .map(|v| format!(" — *{}*", text(&v.label)))
                .unwrap_or_default();
            format!("**added**: {}{verdict}", text(title))
        }
        Change::Removed { title, verdict, .. } => {
            let verdict = verdict
                .as_ref()
                .map(|v| format!(" — *{}*", text(&v.label)))
                .unwrap_or_default();
            format!("**removed**: {}{verdict}", text(title))
        }
        Change::Renamed { from, .. } => {
            format!("**renamed** from `{}` (same appearances)", code(from))
        }
        _ => md_change(c),
    }
}

/// A change to the settings, as a row: what changed, and how.
fn md_setting(c: &Change) -> (String, String) {
    let quoted = |s: &str| format!("“{}”", text(s));
    match c {
        Change::Setting { field, from, to } => (
            format!("`{}`", code(field)),
            format!("{} → {}", quoted(from), quoted(to)),
        ),
        Change::ScaleAdded { list, key, label } => (
            format!("{} `{}`", list.word(), code(key)),
            format!("**added**: {}", text(label)),
        ),
        Change::ScaleRemoved { list, key, label } => (
            format!("{} `{}`", list.word(), code(key)),
            format!("**removed**: {}", text(label)),
        ),
        Change::ScaleChanged {
            list,
            key,
            field,
            from,
            to,
        } => (
            format!("{} `{}`", list.word(), code(key)),
            format!("{field}: {} → {}", quoted(from), quoted(to)),
        ),
        other => (String::new(), text(&plain(other))),
    }
}

/// A word diff in a table cell: removed words struck through, added words
/// in bold, the context plain.
fn md_words(words: &[Words]) -> String {
    let parts: Vec<String> = words
        .iter()
        .map(|w| match w {
            Words::Same(s) => text(s),
            Words::Gap => "…".to_string(),
            Words::Removed(s) => format!("~~{}~~", text(s)),
            Words::Added(s) => format!("**{}**", text(s)),
        })
        .collect();
    parts.join(" ")
}

/// One change of a claim, for a table cell.
fn md_change(c: &Change) -> String {
    let quoted = |s: &str| format!("“{}”", text(s));
    match c {
        Change::Verdict { from, to, .. } => {
            format!("verdict: *{}* → **{}**", text(&from.label), text(&to.label))
        }
        Change::Title { from, to, .. } => format!("title: {} → {}", quoted(from), quoted(to)),
        Change::Summary { from, to, .. } => format!("summary: {} → {}", quoted(from), quoted(to)),
        Change::AppearanceAdded { article, quote, .. } => {
            format!("appearance added in `{}`: {}", code(article), quoted(quote))
        }
        Change::AppearanceRemoved { article, quote, .. } => {
            format!(
                "appearance removed from `{}`: {}",
                code(article),
                quoted(quote)
            )
        }
        Change::FigureAdded { figure, .. } => format!("figure added: {}", text(figure)),
        Change::FigureRemoved { figure, .. } => format!("figure removed: {}", text(figure)),
        Change::FigureChanged { from, to, .. } => {
            format!("figure: {} → {}", text(from), text(to))
        }
        Change::RelationAdded {
            relation, other, ..
        } => {
            format!("relation added: *{}* `{}`", relation.key(), code(other))
        }
        Change::RelationRemoved {
            relation, other, ..
        } => {
            format!("relation removed: *{}* `{}`", relation.key(), code(other))
        }
        Change::RelationKind {
            other, from, to, ..
        } => format!(
            "relation with `{}`: *{}* → **{}**",
            code(other),
            from.key(),
            to.key()
        ),
        Change::CorrectionAdded { date, note, .. } => {
            format!("correction added ({date}): {}", md_note(note))
        }
        Change::CorrectionRemoved { date, note, .. } => {
            format!("correction removed ({date}): {}", md_note(note))
        }
        other => text(&plain(other)),
    }
}

/// The output pages that differ, folded away: they follow from the changes
/// above, and a reviewer opens them in the built site.
fn site_pages(pages: &[&Change]) -> String {
    if pages.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\n<details><summary>{} of the site differ{}</summary>\n\n",
        match pages.len() {
            1 => "1 page".to_string(),
            n => format!("{n} pages"),
        },
        if pages.len() == 1 { "s" } else { "" }
    );
    for c in pages {
        if let Change::SitePage { path, status } = c {
            let status = match status {
                Status::Added => "added",
                Status::Removed => "removed",
                Status::Changed => "changed",
            };
            out.push_str(&format!("- `{}` ({status})\n", code(path)));
        }
    }
    out.push_str("\n</details>\n");
    out
}

/// Content text made inert in Markdown: one line, and no character that
/// would start a link, emphasis, HTML or a table cell.
fn text(s: &str) -> String {
    let mut out = String::new();
    for ch in one_line(s).chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    out
}

/// A note's Markdown in a table cell, read as Markdown (its emphasis and
/// web links kept) but inert otherwise: one line, raw HTML shown as text, no
/// image, no end of the cell; a link inside the dossier (`@claim/...`),
/// which GitHub cannot follow, reads as its words.
fn md_note(s: &str) -> String {
    let line = one_line(s);
    let mut words = String::new();
    let mut rest = line.as_str();
    while let Some(at) = rest.find("](@") {
        let (Some(open), Some(close)) = (rest[..at].rfind('['), rest[at..].find(')')) else {
            words.push_str(&rest[..at + 3]);
            rest = &rest[at + 3..];
            continue;
        };
        words.push_str(&rest[..open]);
        words.push_str(&rest[open + 1..at]);
        rest = &rest[at + close + 1..];
    }
    words.push_str(rest);
    words
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace("![", "!\\[")
}

/// Our own sentences, whose `code spans` name slugs and keys: only what
/// could start HTML or end a table cell is escaped.
fn prose(s: &str) -> String {
    one_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
}

/// Text for inside a code span: no backtick to close it, no bar to end the cell.
fn code(s: &str) -> String {
    one_line(s).replace('`', "'").replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_text_cannot_start_markup_or_end_a_cell() {
        assert_eq!(
            text("a | b <script> [x](javascript:y) *z*\nnext"),
            "a \\| b &lt;script&gt; \\[x\\](javascript:y) \\*z\\* next"
        );
        assert_eq!(code("a`b|c"), "a'b\\|c");
        assert_eq!(
            md_note("Was *unverified*; see [the claim](@claim/x) and <b>|</b> ![i](https://e/i.png)\n[web](https://example.org)"),
            "Was *unverified*; see the claim and &lt;b&gt;\\|&lt;/b&gt; !\\[i](https://e/i.png) [web](https://example.org)"
        );
        assert_eq!(prose("`slug` <b> | x"), "`slug` &lt;b&gt; \\| x");
    }
}
