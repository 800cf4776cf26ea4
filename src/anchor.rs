//! TEMPORARY STUB (replaced by the real module).
use std::ops::Range;
#[derive(Debug, Clone, Copy)]
pub struct Selector<'a> {
    pub exact: &'a str,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
}
pub struct Haystack<'a> {
    original: &'a str,
}
#[derive(Debug, Clone, PartialEq)]
pub enum AnchorError {
    Empty,
    NotFound { closest: Option<Passage> },
    Ambiguous { matches: Vec<Range<usize>> },
}
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    pub range: Range<usize>,
    pub line: usize,
    pub text: String,
    pub similarity: f64,
}
impl<'a> Haystack<'a> {
    pub fn new(original: &'a str) -> Self {
        Haystack { original }
    }
    pub fn original(&self) -> &'a str {
        self.original
    }
    pub fn locate(&self, sel: &Selector) -> Result<Range<usize>, AnchorError> {
        let m = self.find_all(sel.exact);
        match m.len() {
            0 => Err(AnchorError::NotFound { closest: None }),
            1 => Ok(m[0].clone()),
            _ => Err(AnchorError::Ambiguous { matches: m }),
        }
    }
    pub fn find_all(&self, exact: &str) -> Vec<Range<usize>> {
        self.original
            .match_indices(exact.trim())
            .map(|(i, s)| i..i + s.len())
            .collect()
    }
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        (self.original[..byte].matches('\n').count() + 1, 1)
    }
    pub fn disambiguate(&self, _range: Range<usize>) -> (Option<String>, Option<String>) {
        (None, None)
    }
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub range: Range<usize>,
    pub covers: Vec<usize>,
}
pub fn segments(range: Range<usize>, spans: &[Range<usize>]) -> Vec<Segment> {
    let mut cuts = vec![range.start, range.end];
    for s in spans {
        for p in [s.start, s.end] {
            if p > range.start && p < range.end {
                cuts.push(p);
            }
        }
    }
    cuts.sort();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| Segment {
            range: w[0]..w[1],
            covers: spans
                .iter()
                .enumerate()
                .filter(|(_, s)| s.start <= w[0] && s.end >= w[1] && s.start < s.end)
                .map(|(i, _)| i)
                .collect(),
        })
        .collect()
}
