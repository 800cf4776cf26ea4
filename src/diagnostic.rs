//! One diagnostic type for every stage and command: where (file, line,
//! column), what, how to fix it, and whose problem it is.

use crate::text::LineIndex;
use anstyle::{AnsiColor, Style};
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// Whose problem it is, which decides the exit code: the content's (1), or
/// the command's or the machine's (2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Something in the dossier is wrong: the editor fixes it.
    Content,
    /// The command was used wrongly (an unknown article, an unsafe output folder).
    Usage,
    /// A file could not be read or written.
    Io,
}

impl Class {
    /// The class in JSON output: what kind of fix the problem needs, and
    /// the exit code it gives (content 1, usage and I/O 2).
    fn word(self) -> &'static str {
        match self {
            Class::Content => "content",
            Class::Usage => "usage",
            Class::Io => "io",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub class: Class,
    /// Path relative to the dossier root, as editors see it in the
    /// repository; absent for a problem with the command itself.
    pub file: Option<PathBuf>,
    /// 1-based line and column; absent when the problem concerns the whole file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The offending source line, shown under the message with a caret.
    pub source_line: Option<String>,
    /// More 1-based columns of the same line to mark, when one problem stands
    /// in several places of a line (the figures of a seed line no claim covers).
    pub marks: Vec<usize>,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            class: Class::Content,
            file: Some(file.as_ref().to_path_buf()),
            line: None,
            column: None,
            source_line: None,
            marks: Vec::new(),
            message: message.into(),
            hint: None,
        }
    }

    pub(crate) fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// An error reading or writing a file, rather than in its content.
    pub(crate) fn io_error(file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            class: Class::Io,
            ..Diagnostic::error(file, message)
        }
    }

    /// An error in content not yet tied to a file (see [`Diagnostic::in_file`]).
    pub(crate) fn content(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: None,
            ..Diagnostic::error("", message)
        }
    }

    /// The command was used wrongly; not about any one file.
    pub(crate) fn usage(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            class: Class::Usage,
            ..Diagnostic::content(message)
        }
    }

    /// The same problem, in a file.
    pub(crate) fn in_file(self, file: impl AsRef<Path>) -> Diagnostic {
        Diagnostic {
            file: Some(file.as_ref().to_path_buf()),
            ..self
        }
    }

    /// Points the diagnostic at a 1-based line and column of `text` (the whole file).
    pub(crate) fn at(mut self, text: &str, line: usize, column: usize) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column);
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end().to_string());
        self
    }

    /// Points the diagnostic at a byte offset of `text` (the whole file).
    pub(crate) fn at_offset(self, text: &str, offset: usize) -> Diagnostic {
        let (line, column) = LineIndex::new(text).line_col(offset);
        self.at(text, line, column)
    }

    /// Marks more places of the diagnostic's line: byte offsets of `text`
    /// (the whole file) on the same line as the first place.
    pub(crate) fn also_at_offsets(mut self, text: &str, offsets: &[usize]) -> Diagnostic {
        let index = LineIndex::new(text);
        for &o in offsets {
            let (line, column) = index.line_col(o);
            if Some(line) == self.line && Some(column) != self.column {
                self.marks.push(column);
            }
        }
        self
    }

    /// The same problem in a draft, where unfinished work is previewed: a
    /// warning, whose hint says that a published build refuses it.
    pub(crate) fn in_draft(self) -> Diagnostic {
        let hint = self.hint.clone().unwrap_or_default();
        Diagnostic {
            severity: Severity::Warning,
            ..self
        }
        .hint(format!(
            "{hint}\na draft may leave it for now; `check` without `--draft` fails on it"
        ))
    }

    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The exit code for a run that found these: 2 when the command or the
    /// machine failed, 1 for errors in the content, 0 otherwise.
    pub fn exit_code(diagnostics: &[Diagnostic]) -> u8 {
        let errors = diagnostics.iter().filter(|d| d.is_error());
        let mut code = 0;
        for d in errors {
            code = code.max(match d.class {
                Class::Content => 1,
                Class::Usage | Class::Io => 2,
            });
        }
        code
    }
}

const ERROR: Style = AnsiColor::Red.on_default().bold();
const WARNING: Style = AnsiColor::Yellow.on_default().bold();
const EMPHASIS: Style = Style::new().bold();
const GUTTER: Style = AnsiColor::Blue.on_default();
const HINT: Style = AnsiColor::Cyan.on_default();

/// `text` in `style`, as ANSI codes that `anstream` strips where colour is not wanted.
fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

impl fmt::Display for Diagnostic {
    /// The plain form, without colour.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&anstream::adapter::strip_str(&self.human()).to_string())
    }
}

impl Diagnostic {
    /// The terminal form: `error: message`, then `--> file:line:col`, the source
    /// line with a caret under the column, and the hint; in colour, for
    /// `anstream` to keep or strip (NO_COLOR, a pipe).
    pub fn human(&self) -> String {
        let label = match self.severity {
            Severity::Error => paint(ERROR, "error"),
            Severity::Warning => paint(WARNING, "warning"),
        };
        let mut out = format!("{label}: {}\n", paint(EMPHASIS, &self.message));
        if self.file.is_some() {
            out.push_str(&format!("  {} {}\n", paint(GUTTER, "-->"), self.location()));
        }
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let gutter = line.to_string().len();
            let bar = paint(GUTTER, "|");
            let mut columns: Vec<usize> =
                self.column.into_iter().chain(self.marks.clone()).collect();
            columns.sort_unstable();
            columns.dedup();
            let (shown, carets) = excerpt(src, &columns);
            out.push_str(&format!("{:gutter$} {bar}\n", ""));
            out.push_str(&format!(
                "{} {bar} {shown}\n",
                paint(GUTTER, &line.to_string())
            ));
            if !columns.is_empty() {
                out.push_str(&format!("{:gutter$} {bar} {carets}\n", ""));
            }
        }
        if let Some(hint) = &self.hint {
            for (i, l) in hint.lines().enumerate() {
                let lead = if i == 0 {
                    paint(HINT, "= hint:")
                } else {
                    "       ".to_string()
                };
                out.push_str(&format!("  {lead} {l}\n"));
            }
        }
        out
    }

    /// `file:line:col`, as precise as known.
    pub fn location(&self) -> String {
        let mut s = self
            .file
            .as_ref()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }

    fn severity_word(&self) -> &'static str {
        match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// A GitHub Actions workflow command, so the problem shows on the pull request's changed line.
    pub fn github(&self) -> String {
        let property = |s: &str| escape_github(s).replace(':', "%3A").replace(',', "%2C");
        let mut props = Vec::new();
        if let Some(file) = &self.file {
            props.push(format!("file={}", property(&file.to_string_lossy())));
        }
        if let Some(line) = self.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = self.column {
            props.push(format!("col={col}"));
        }
        // The title is what the pull request shows in bold: the problem itself.
        let title: String = self
            .message
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(100)
            .collect();
        props.push(format!("title={}", property(&title)));
        let mut message = self.message.clone();
        if let Some(hint) = &self.hint {
            message.push_str("\nhint: ");
            message.push_str(hint);
        }
        format!(
            "::{} {}::{}",
            self.severity_word(),
            props.join(","),
            escape_github(&message)
        )
    }

    /// One JSON object, for other tools.
    pub fn json(&self) -> String {
        serde_json::json!({
            "severity": self.severity_word(),
            "class": self.class.word(),
            "file": self.file.as_ref().map(|f| f.to_string_lossy()),
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "source_line": self.source_line,
        })
        .to_string()
    }
}

/// The longest source line shown whole, in characters; a longer one (a seed
/// paragraph can run to thousands) is shown as windows around its marks.
const LINE_SHOWN_WHOLE: usize = 200;
/// How much of a long line is shown before and after each mark, in characters.
const WINDOW_BEFORE: usize = 60;
const WINDOW_AFTER: usize = 80;

/// The part of `src` to show and the caret line under it, for 1-based
/// `columns` (sorted): the whole line when it is short, else a window around
/// each column, joined by `…`.
fn excerpt(src: &str, columns: &[usize]) -> (String, String) {
    let chars: Vec<char> = src.chars().collect();
    let marks: Vec<usize> = columns
        .iter()
        .map(|c| c.saturating_sub(1).min(chars.len()))
        .collect();
    let windows = if chars.len() <= LINE_SHOWN_WHOLE || marks.is_empty() {
        std::iter::once(0..chars.len()).collect()
    } else {
        windows_around(&chars, &marks)
    };
    let mut shown: Vec<char> = Vec::new();
    let mut caret_at = Vec::new();
    for (i, w) in windows.iter().enumerate() {
        if i > 0 {
            shown.extend([' ', '…', ' ']);
        } else if w.start > 0 {
            shown.push('…');
        }
        let offset = shown.len();
        shown.extend(&chars[w.clone()]);
        caret_at.extend(
            marks
                .iter()
                .filter(|m| w.contains(m) || (**m == w.end && w.end == chars.len()))
                .map(|m| offset + m - w.start),
        );
    }
    if windows.last().is_some_and(|w| w.end < chars.len()) {
        shown.push('…');
    }
    let mut carets = String::new();
    for (i, c) in shown
        .iter()
        .enumerate()
        .take(caret_at.last().map_or(0, |l| l + 1))
    {
        if caret_at.contains(&i) {
            carets.push_str(&paint(ERROR, "^"));
        } else {
            carets.push(if *c == '\t' { '\t' } else { ' ' });
        }
    }
    if let Some(&last) = caret_at.last() {
        if last >= shown.len() {
            carets.push_str(&" ".repeat(last - shown.len().min(last)));
            carets.push_str(&paint(ERROR, "^"));
        }
    }
    (shown.into_iter().collect(), carets)
}

/// Character ranges of a long line around each mark, cut at spaces where
/// one is near, merged where they meet.
fn windows_around(chars: &[char], marks: &[usize]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for &m in marks {
        let mut start = m.saturating_sub(WINDOW_BEFORE);
        let mut end = (m + WINDOW_AFTER).min(chars.len());
        if start > 0 {
            if let Some(space) = chars[start..m].iter().position(|c| *c == ' ') {
                start += space + 1;
            }
        }
        if m < end && end < chars.len() {
            if let Some(space) = chars[m + 1..end].iter().rposition(|c| *c == ' ') {
                end = m + 1 + space;
            }
        }
        match out.last_mut() {
            Some(last) if start <= last.end + 1 => last.end = last.end.max(end),
            _ => out.push(start..end.max(start)),
        }
    }
    out
}

fn escape_github(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
/// A swap of two neighbours counts as one edit (optimal string alignment),
/// since `qoute` for `quote` is one slip of the fingers.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_shows_location_source_and_hint() {
        let text = "title: A\nverdict: flase\n";
        let d = Diagnostic::error("content/claims/a.md", "unknown verdict `flase`")
            .at(text, 2, 10)
            .hint("did you mean `false`?");
        let shown = d.to_string();
        assert!(shown.contains("--> content/claims/a.md:2:10"), "{shown}");
        assert!(shown.contains("2 | verdict: flase"), "{shown}");
        assert!(shown.contains("  |          ^"), "{shown}");
        assert!(shown.contains("= hint: did you mean `false`?"), "{shown}");
        assert!(d.human().contains("\x1b["), "the terminal form is styled");
        assert!(!shown.contains('\x1b'), "the plain form is not");
    }

    #[test]
    fn a_long_line_is_shown_as_windows_around_each_mark() {
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let line = words.join(" ");
        let at = |w: &str| line.find(&format!(" {w} ")).unwrap() + 1;
        let d = Diagnostic::error("seeds/a.txt", "figures")
            .at_offset(&line, at("w20"))
            .also_at_offsets(&line, &[at("w22"), at("w300")]);
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        let (text, carets) = (lines[3], lines[4]);
        assert!(text.len() < 400, "{text}");
        assert!(text.starts_with("1 | …") && text.ends_with('…'), "{text}");
        assert_eq!(text.matches(" … ").count(), 1, "two windows: {text}");
        let marked: Vec<String> = carets
            .char_indices()
            .filter(|(_, c)| *c == '^')
            .map(|(i, _)| text.chars().skip(i).take_while(|c| *c != ' ').collect())
            .collect();
        assert_eq!(marked, ["w20", "w22", "w300"]);
    }

    #[test]
    fn usage_problems_have_no_location_and_exit_2() {
        let d = Diagnostic::usage("there is no article `x`").hint("did you mean `y`?");
        assert_eq!(
            d.to_string(),
            "error: there is no article `x`\n  = hint: did you mean `y`?\n"
        );
        let content = Diagnostic::error("a.md", "bad");
        assert_eq!(Diagnostic::exit_code(std::slice::from_ref(&content)), 1);
        assert_eq!(Diagnostic::exit_code(&[content, d]), 2);
        assert_eq!(
            Diagnostic::exit_code(&[Diagnostic::warning("a.md", "w")]),
            0
        );
    }

    #[test]
    fn github_and_json_forms_escape_their_payload() {
        let d = Diagnostic::error("content/claims/a,b.md", "bad: 100%\nreally")
            .at("x\ny\n", 2, 1)
            .hint("fix it");
        assert_eq!(
            d.github(),
            "::error file=content/claims/a%2Cb.md,line=2,col=1,title=bad%3A 100%25::bad: 100%25%0Areally%0Ahint: fix it"
        );
        let v: serde_json::Value = serde_json::from_str(&d.json()).unwrap();
        assert_eq!(v["line"], 2);
        assert_eq!(v["hint"], "fix it");
    }

    #[test]
    fn did_you_mean_finds_close_slugs_only() {
        let slugs = ["troop-numbers", "casualties", "control-of-kursk"];
        assert_eq!(did_you_mean("casualites", slugs), Some("casualties"));
        assert_eq!(did_you_mean("Troop-Numbers", slugs), Some("troop-numbers"));
        assert_eq!(did_you_mean("weather", slugs), None);
        assert_eq!(did_you_mean("qoute", ["quote", "article"]), Some("quote"));
    }
}
