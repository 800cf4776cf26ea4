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
    /// The terminal form: `error: message`, then `--> file:line:col`, the source
    /// line with a caret under the column, and the hint.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        write!(f, "  --> {}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        writeln!(f)?;
        if let (Some(line), Some(src)) = (self.line, &self.source_line) {
            let gutter = line.to_string().len();
            writeln!(f, "{:gutter$} |", "")?;
            writeln!(f, "{line} | {src}")?;
            if let Some(col) = self.column {
                let pad: String = src
                    .chars()
                    .take(col.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                writeln!(f, "{:gutter$} | {pad}^", "")?;
            }
        }
        if let Some(hint) = &self.hint {
            for (i, l) in hint.lines().enumerate() {
                let lead = if i == 0 { "= hint: " } else { "        " };
                writeln!(f, "  {lead}{l}")?;
            }
        }
        Ok(())
    }
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

/// Levenshtein distance over chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(cur).min(row[j])
            };
            prev = cur;
        }
    }
    row[b.len()]
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
    }
}
