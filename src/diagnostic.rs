//! One diagnostic type for every stage: where (file, line, column), what, and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the dossier root, as editors see it in the repository.
    pub file: PathBuf,
    /// 1-based line and column; absent when the problem concerns the whole file.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The offending source line, shown under the message with a caret.
    pub source_line: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The problem is the machine's, not the content's (a file that cannot be
    /// read): the command exits with 2 rather than 1.
    pub io: bool,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.as_ref().to_path_buf(),
            line: None,
            column: None,
            source_line: None,
            message: message.into(),
            hint: None,
            io: false,
        }
    }

    /// An error reading or writing a file, rather than in its content.
    pub fn io_error(file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            io: true,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn warning(file: impl AsRef<Path>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    /// Points the diagnostic at a 1-based line and column of `text` (the whole file).
    pub fn at(mut self, text: &str, line: usize, column: usize) -> Diagnostic {
        self.line = Some(line);
        self.column = Some(column);
        self.source_line = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| l.trim_end().to_string());
        self
    }

    /// Points the diagnostic at a byte offset of `text` (the whole file).
    pub fn at_offset(self, text: &str, offset: usize) -> Diagnostic {
        let (line, column) = line_col(text, offset);
        self.at(text, line, column)
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Diagnostic {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and character column of a byte offset (clamped to the text).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.human(false))
    }
}

impl Diagnostic {
    /// The terminal form: `error: message`, then `--> file:line:col`, the source
    /// line with a caret under the column, and the hint; ANSI colour when asked.
    pub fn human(&self, colour: bool) -> String {
        let paint = |code: &str, text: &str| {
            if colour {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_string()
            }
        };
        let label = match self.severity {
            Severity::Error => paint("1;31", "error"),
            Severity::Warning => paint("1;33", "warning"),
        };
        let mut out = format!("{label}: {}\n", paint("1", &self.message));
        out.push_str(&format!("  {} {}", paint("34", "-->"), self.location()));
        out.push('\n');
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let gutter = line.to_string().len();
            let bar = paint("34", "|");
            out.push_str(&format!("{:gutter$} {bar}\n", ""));
            out.push_str(&format!("{} {bar} {src}\n", paint("34", &line.to_string())));
            if let Some(col) = self.column {
                let pad: String = src
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!(
                    "{:gutter$} {bar} {pad}{}\n",
                    "",
                    paint("1;31", "^")
                ));
            }
        }
        if let Some(hint) = &self.hint {
            for (i, l) in hint.lines().enumerate() {
                let lead = if i == 0 {
                    paint("36", "= hint:")
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
        let mut s = self.file.display().to_string();
        if let Some(line) = self.line {
            s.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                s.push_str(&format!(":{col}"));
            }
        }
        s
    }

    /// A GitHub Actions workflow command, so the problem shows on the pull request's changed line.
    pub fn github(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let property = |s: &str| escape_github(s).replace(':', "%3A").replace(',', "%2C");
        let mut props = vec![format!("file={}", property(&self.file.to_string_lossy()))];
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
        format!("::{kind} {}::{}", props.join(","), escape_github(&message))
    }

    /// One JSON object, for other tools.
    pub fn json(&self) -> String {
        serde_json::json!({
            "severity": match self.severity { Severity::Error => "error", Severity::Warning => "warning" },
            "file": self.file.to_string_lossy(),
            "line": self.line,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "source_line": self.source_line,
        })
        .to_string()
    }
}

fn escape_github(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

/// Edit distance over chars, counting a swap of two neighbours as one edit
/// (optimal string alignment), since `qoute` for `quote` is one slip of the fingers.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back, one back, current.
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
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
        assert!(d.human(true).contains("\x1b[1;31merror"));
        assert!(!d.human(false).contains('\x1b'));
    }

    #[test]
    fn line_col_counts_chars_not_bytes() {
        assert_eq!(line_col("ab\n“c”d", 9), (2, 3));
        assert_eq!(line_col("abc", 99), (1, 4));
    }

    #[test]
    fn did_you_mean_finds_close_slugs_only() {
        let slugs = ["troop-numbers", "casualties", "control-of-kursk"];
        assert_eq!(did_you_mean("casualites", slugs), Some("casualties"));
        assert_eq!(did_you_mean("Troop-Numbers", slugs), Some("troop-numbers"));
        assert_eq!(did_you_mean("weather", slugs), None);
        assert_eq!(did_you_mean("qoute", ["quote", "article"]), Some("quote"));
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
