//! Anchoring annotation quotes in seed texts.
//!
//! This module owns the link between an annotation's W3C TextQuoteSelector and
//! the seed it quotes: the folding that lets a typed quote match the seed
//! despite typographic differences (Unicode normalisation, whitespace, curly
//! quotes, dashes), the map from folded positions back to original byte
//! offsets, diagnostics for broken quotes (closest passage, ambiguity,
//! suggested prefix/suffix), and the split of overlapping highlights into
//! non-crossing segments for rendering.

use crate::text::LineIndex;
use std::collections::HashMap;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

/// A W3C TextQuoteSelector borrowed from any annotation that quotes a seed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Selector<'a> {
    pub(crate) exact: &'a str,
    pub(crate) prefix: Option<&'a str>,
    pub(crate) suffix: Option<&'a str>,
}

/// A seed text prepared for matching (folded once, searched many times).
pub(crate) struct Haystack<'a> {
    original: &'a str,
    /// `fold(original)`: all matching happens here.
    folded: String,
    /// For every byte of `folded`, the original byte range of the char it came from.
    map: Vec<Span>,
    lines: LineIndex<'a>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum AnchorError {
    /// The quote is empty or only whitespace.
    Empty,
    /// No match. `closest` is the most similar passage in the text, when anything is similar at all.
    NotFound { closest: Option<Passage> },
    /// More than one match survives prefix/suffix filtering (original byte ranges, in order).
    Ambiguous { matches: Vec<Range<usize>> },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Passage {
    /// Original byte range.
    pub(crate) range: Range<usize>,
    /// 1-based line of `range.start`.
    pub(crate) line: usize,
    /// The original text of the passage.
    pub(crate) text: String,
    /// 0..=1 (character-bigram Dice coefficient, case-insensitive).
    pub(crate) similarity: f64,
}

/// One piece of a partition of `range` into maximal runs covered by the same set of spans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) range: Range<usize>,
    /// Indices into `spans` of the spans covering this piece, ascending; empty when uncovered.
    pub(crate) covers: Vec<usize>,
}

/// Below this similarity a "closest passage" is noise rather than a hint.
const MIN_SIMILARITY: f64 = 0.3;

/// The folding applied to both the seed and the quote before comparison:
/// NFC, whitespace runs (including NBSP, ZWSP, BOM) to one ASCII space,
/// curly/low/prime quotes and guillemets to straight quotes, dash variants to
/// `-`. Case is kept. Leading/trailing whitespace becomes a single space (not
/// removed), so folding is the same for a whole text and for its pieces.
pub(crate) fn fold(s: &str) -> String {
    fold_with_map(s).0
}

/// Fold and drop the outer space: how quote, prefix and suffix are compared.
fn fold_trim(s: &str) -> String {
    fold(s).trim_matches(' ').to_string()
}

/// Whitespace for folding purposes; zero-width space and BOM are invisible
/// in the editor, so they count as whitespace too.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// Typographic variants an editor may or may not have typed.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ => c,
    }
}

/// True when NFC can never combine `c` with what precedes it, so text can be
/// normalised in independent chunks cut before such chars (a starter that is
/// NFC_Quick_Check=Yes, which excludes e.g. Hangul vowel jamo).
fn starts_chunk(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// An original byte range in half the space of a `Range<usize>`: a map
/// holds one for every byte of a text, and a large dossier's seeds are held
/// at once. Texts are far below 4 GiB (huge files are refused when loaded).
#[derive(Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
}

impl Span {
    fn of(range: Range<usize>) -> Span {
        Span {
            start: u32::try_from(range.start).unwrap_or(u32::MAX),
            end: u32::try_from(range.end).unwrap_or(u32::MAX),
        }
    }

    fn start(self) -> usize {
        self.start as usize
    }

    fn end(self) -> usize {
        self.end as usize
    }
}

/// Builds the folded text together with its map back to original bytes.
#[derive(Default)]
struct Folder {
    out: String,
    map: Vec<Span>,
    /// Original range of the whitespace run not yet emitted.
    space: Option<Range<usize>>,
}

impl Folder {
    /// Normalise one chunk. Chunks already in NFC (nearly all) map char by
    /// char; the others map every output char to the whole chunk, since NFC
    /// gives no finer correspondence.
    fn push_chunk(&mut self, s: &str, chunk: Range<usize>) {
        let Some(text) = s.get(chunk.clone()) else {
            return;
        };
        if is_nfc(text) {
            for (i, c) in text.char_indices() {
                let at = chunk.start + i;
                self.push(c, at..at + c.len_utf8());
            }
        } else {
            for c in text.nfc() {
                self.push(c, chunk.clone());
            }
        }
    }

    /// ASCII text, which NFC leaves as it is and folding changes only in
    /// its spaces: pushed a run between spaces at a time.
    fn push_ascii(&mut self, s: &str, range: Range<usize>) {
        // What `is_space` is for ASCII.
        let is_space = |b: &u8| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' | b' ');
        let mut at = range.start;
        while let Some(&b) = s.as_bytes()[..range.end].get(at) {
            if is_space(&b) {
                self.space = Some(match self.space.take() {
                    Some(run) => run.start..at + 1,
                    None => at..at + 1,
                });
                at += 1;
                continue;
            }
            let end = s.as_bytes()[at..range.end]
                .iter()
                .position(is_space)
                .map_or(range.end, |n| at + n);
            self.flush_space();
            self.out.push_str(&s[at..end]);
            self.map.extend((at..end).map(|i| Span::of(i..i + 1)));
            at = end;
        }
    }

    fn push(&mut self, c: char, from: Range<usize>) {
        if is_space(c) {
            self.space = Some(match self.space.take() {
                Some(run) => run.start..from.end,
                None => from,
            });
            return;
        }
        self.flush_space();
        self.emit(fold_char(c), from);
    }

    fn flush_space(&mut self) {
        if let Some(run) = self.space.take() {
            self.emit(' ', run);
        }
    }

    fn emit(&mut self, c: char, from: Range<usize>) {
        self.out.push(c);
        let span = Span::of(from);
        for _ in 0..c.len_utf8() {
            self.map.push(span);
        }
    }
}

fn fold_with_map(s: &str) -> (String, Vec<Span>) {
    let mut folder = Folder {
        out: String::with_capacity(s.len()),
        map: Vec::with_capacity(s.len()),
        space: None,
    };
    let bytes = s.as_bytes();
    let mut chunk_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            // Most of a text is ASCII: a starter in NFC, so each ASCII char
            // followed by another is a chunk of its own, pushed as it is.
            // The last of a run may take combining marks after it.
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii())
                .map_or(bytes.len(), |n| i + n);
            if i > chunk_start {
                folder.push_chunk(s, chunk_start..i);
            }
            folder.push_ascii(s, i..end - 1);
            chunk_start = end - 1;
            i = end;
            continue;
        }
        let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        if i > chunk_start && starts_chunk(c) {
            folder.push_chunk(s, chunk_start..i);
            chunk_start = i;
        }
        i += c.len_utf8();
    }
    folder.push_chunk(s, chunk_start..s.len());
    folder.flush_space();
    (folder.out, folder.map)
}

/// Length in bytes of the longest common suffix.
fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    a.iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Length in bytes of the longest common prefix.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Lowercase one char to one char, so similarity positions stay aligned.
fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

impl<'a> Haystack<'a> {
    pub(crate) fn new(original: &'a str) -> Self {
        let (folded, map) = fold_with_map(original);
        Haystack {
            original,
            folded,
            map,
            lines: LineIndex::new(original),
        }
    }

    /// Exactly one match required. Returns the BYTE range in the ORIGINAL text covering the
    /// matched characters (never starting or ending inside a char; never including leading/trailing
    /// whitespace of the match).
    pub(crate) fn locate(&self, sel: &Selector) -> Result<Range<usize>, AnchorError> {
        let exact = fold_trim(sel.exact);
        if exact.is_empty() {
            return Err(AnchorError::Empty);
        }
        let mut hits = self.filtered(&exact, sel);
        match hits.len() {
            0 => Err(AnchorError::NotFound {
                closest: self.closest(&exact),
            }),
            1 => Ok(hits.remove(0)),
            _ => Err(AnchorError::Ambiguous { matches: hits }),
        }
    }

    /// Every match of `exact` (folded), ignoring prefix/suffix, as original byte ranges, in order.
    pub(crate) fn find_all(&self, exact: &str) -> Vec<Range<usize>> {
        let needle = fold_trim(exact);
        self.folded_matches(&needle)
            .into_iter()
            .map(|s| self.to_original(s..s + needle.len()))
            .collect()
    }

    /// What a quote that cannot be placed was most likely meant to cover, so
    /// that the figures there are not reported as well: every place the
    /// quote occurs (its prefix or suffix being wrong), else the closest
    /// passage, else the whole text.
    pub(crate) fn meant(&self, sel: &Selector, err: &AnchorError) -> Vec<Range<usize>> {
        let bare = match err {
            AnchorError::Empty => Vec::new(),
            _ => self.find_all(sel.exact),
        };
        match err {
            _ if !bare.is_empty() => bare,
            AnchorError::Ambiguous { matches } => matches.clone(),
            AnchorError::NotFound { closest: Some(p) } => vec![p.range.clone()],
            _ => std::iter::once(0..self.original.len()).collect(),
        }
    }

    /// 1-based line and 1-based column (in chars) of an original byte offset.
    /// Offsets past the end or inside a char are clamped to the char start.
    pub(crate) fn line_col(&self, byte: usize) -> (usize, usize) {
        self.lines.line_col(byte)
    }

    /// The shortest prefix and/or suffix (taken from the original text around `range`, cut at word
    /// boundaries, as few words as possible) that makes `range` the unique match of its exact text.
    /// Returns (prefix, suffix); None for a side not needed. Used to suggest a fix for ambiguous quotes.
    ///
    /// Fewest words wins; on a tie one side beats both sides, and suffix-only beats prefix-only.
    /// (None, None) also when the range is already unique or is not a match at all.
    pub(crate) fn disambiguate(&self, range: Range<usize>) -> (Option<String>, Option<String>) {
        self.context_for(range).unwrap_or((None, None))
    }

    /// `disambiguate`, with `None` for "no suggestion".
    fn context_for(&self, range: Range<usize>) -> Option<(Option<String>, Option<String>)> {
        let exact = self.original.get(range.clone())?;
        let target = self.trim(range);
        let needle = fold_trim(exact);
        let starts = self.folded_matches(&needle);
        if starts.len() < 2 {
            return None;
        }
        let ts = *starts
            .iter()
            .find(|&&s| self.to_original(s..s + needle.len()) == target)?;
        let bytes = self.folded.as_bytes();

        // Context of the target in folded bytes: `before` ends where a prefix must
        // end, `after` starts where a suffix must start.
        let before = self.folded[..ts].trim_end_matches(' ').len();
        let after = self.folded.len()
            - self.folded[ts + needle.len()..]
                .trim_start_matches(' ')
                .len();
        // Byte length of a prefix of k words is prefix_lens[k - 1]; same for suffixes.
        let prefix_lens: Vec<usize> = (0..before)
            .rev()
            .filter(|&i| bytes[i] != b' ' && (i == 0 || bytes[i - 1] == b' '))
            .map(|i| before - i)
            .collect();
        let suffix_lens: Vec<usize> = (after + 1..=bytes.len())
            .filter(|&j| bytes[j - 1] != b' ' && (j == bytes.len() || bytes[j] == b' '))
            .map(|j| j - after)
            .collect();

        // For every rival match, the fewest prefix words and the fewest suffix
        // words that rule it out (None: that side can never rule it out).
        let words = |lens: &[usize], shared: usize| {
            let k = lens.partition_point(|&l| l <= shared);
            (k < lens.len()).then_some(k + 1)
        };
        let rivals: Vec<(Option<usize>, Option<usize>)> = starts
            .iter()
            .filter(|&&s| s != ts)
            .map(|&s| {
                let rb = self.folded[..s].trim_end_matches(' ');
                let ra = self.folded[s + needle.len()..].trim_start_matches(' ');
                (
                    words(&prefix_lens, common_suffix(&bytes[..before], rb.as_bytes())),
                    words(&suffix_lens, common_prefix(&bytes[after..], ra.as_bytes())),
                )
            })
            .collect();

        // Try every prefix length; the suffix must then rule out the remaining rivals.
        let key = |(p, s): (usize, usize)| (p + s, p > 0 && s > 0, p);
        let (p, s) = (0..=prefix_lens.len())
            .filter_map(|p| {
                let mut s = 0;
                for &(rp, rs) in &rivals {
                    if rp.is_none_or(|rp| rp > p) {
                        s = s.max(rs?);
                    }
                }
                Some((p, s))
            })
            .min_by_key(|&ps| key(ps))?;

        let context = |r: Range<usize>| {
            let text = self.original.get(r)?.trim_matches(is_space);
            Some(text.to_string())
        };
        let prefix = match p {
            0 => None,
            _ => context(self.map.get(before - prefix_lens[p - 1])?.start()..target.start),
        };
        let suffix = match s {
            0 => None,
            _ => context(target.end..self.map.get(after + suffix_lens[s - 1] - 1)?.end()),
        };
        let sel = Selector {
            exact,
            prefix: prefix.as_deref(),
            suffix: suffix.as_deref(),
        };
        // Folding is per chunk, so the original words should fold back to the
        // same context; check rather than trust it.
        (self.filtered(&needle, &sel) == [target]).then_some((prefix, suffix))
    }

    /// Folded start offsets of every occurrence of `needle`, overlapping ones
    /// included. Each quote searches its whole article: `memmem` searches
    /// with SIMD, several times as fast as `str::find` here.
    fn folded_matches(&self, needle: &str) -> Vec<usize> {
        let Some(first) = needle.chars().next() else {
            return Vec::new();
        };
        let finder = memchr::memmem::Finder::new(needle);
        let haystack = self.folded.as_bytes();
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = haystack.get(from..).and_then(|t| finder.find(t)) {
            out.push(from + i);
            from += i + first.len_utf8();
        }
        out
    }

    /// Matches of the folded `exact` whose surroundings fit the selector's prefix/suffix.
    fn filtered(&self, exact: &str, sel: &Selector) -> Vec<Range<usize>> {
        let prefix = sel.prefix.map(fold_trim).unwrap_or_default();
        let suffix = sel.suffix.map(fold_trim).unwrap_or_default();
        self.folded_matches(exact)
            .into_iter()
            .filter(|&s| {
                let e = s + exact.len();
                self.folded[..s].trim_end_matches(' ').ends_with(&prefix)
                    && self.folded[e..]
                        .trim_start_matches(' ')
                        .starts_with(&suffix)
            })
            .map(|s| self.to_original(s..s + exact.len()))
            .collect()
    }

    /// Original byte range of a non-empty folded range.
    fn to_original(&self, folded: Range<usize>) -> Range<usize> {
        let first = self.map.get(folded.start);
        let last = folded.end.checked_sub(1).and_then(|e| self.map.get(e));
        match (first, last) {
            (Some(first), Some(last)) => self.trim(first.start()..last.end()),
            _ => 0..0,
        }
    }

    /// Shrink an original range (with valid char boundaries) past outer whitespace.
    fn trim(&self, range: Range<usize>) -> Range<usize> {
        let Some(text) = self.original.get(range.clone()) else {
            return range;
        };
        let lead = text.len() - text.trim_start_matches(is_space).len();
        let trail = text.len() - text.trim_end_matches(is_space).len();
        if lead == text.len() {
            range.start..range.start
        } else {
            range.start + lead..range.end - trail
        }
    }

    /// The passage most similar to the folded quote: windows from a word start
    /// to a word end, about as long as the quote, scored by case-insensitive
    /// character-bigram Dice. Bigrams are turned into small integer ids once,
    /// so each window costs one pass over plain arrays.
    fn closest(&self, needle: &str) -> Option<Passage> {
        let quote: Vec<char> = needle.chars().map(lower).collect();
        if quote.len() < 2 {
            return None;
        }
        let mut ids: HashMap<(char, char), usize> = HashMap::new();
        let mut want: Vec<u32> = Vec::new();
        for pair in quote.windows(2) {
            let next = ids.len();
            let id = *ids.entry((pair[0], pair[1])).or_insert(next);
            if id == want.len() {
                want.push(0);
            }
            want[id] += 1;
        }

        let text: Vec<(usize, char)> = self
            .folded
            .char_indices()
            .map(|(i, c)| (i, lower(c)))
            .collect();
        let n = text.len();
        // bigram[i] is the id of the pair (text[i], text[i + 1]), if the quote has it.
        let bigram: Vec<Option<usize>> = text
            .windows(2)
            .map(|w| ids.get(&(w[0].1, w[1].1)).copied())
            .collect();
        let word_starts: Vec<usize> = (0..n)
            .filter(|&i| text[i].1 != ' ' && (i == 0 || text[i - 1].1 == ' '))
            .collect();
        let word_ends: Vec<usize> = (1..=n)
            .filter(|&j| text[j - 1].1 != ' ' && (j == n || text[j].1 == ' '))
            .collect();

        let mut used = vec![0u32; want.len()];
        let quote_pairs = quote.len() - 1;
        let mut score = |a: usize, b: usize| -> f64 {
            used.fill(0);
            let pairs = bigram.get(a..b.saturating_sub(1)).unwrap_or(&[]);
            let mut common = 0usize;
            for &id in pairs.iter().flatten() {
                if used[id] < want[id] {
                    used[id] += 1;
                    common += 1;
                }
            }
            2.0 * common as f64 / (quote_pairs + pairs.len()) as f64
        };

        // Coarse pass: every word start, ending at the first word end reaching the quote's length.
        let m = quote.len();
        let mut best = (0.0, 0, 0);
        for &a in &word_starts {
            let k = word_ends.partition_point(|&e| e < (a + m).min(n));
            let Some(&b) = word_ends.get(k).or(word_ends.last()) else {
                break;
            };
            if b <= a {
                continue;
            }
            let sc = score(a, b);
            if sc > best.0 {
                best = (sc, a, b);
            }
        }
        // Refine the best window's end, then its start, within a quarter of the quote's length.
        let slack = m / 4 + 1;
        let (_, a, _) = best;
        for &b in word_ends
            .iter()
            .filter(|&&b| b > a && b + slack >= a + m && b <= a + m + slack)
        {
            let sc = score(a, b);
            if sc > best.0 {
                best = (sc, a, b);
            }
        }
        let (_, _, b) = best;
        for &a in word_starts
            .iter()
            .filter(|&&x| x < b && x + slack >= a && x <= a + slack)
        {
            let sc = score(a, b);
            if sc > best.0 {
                best = (sc, a, b);
            }
        }

        let (similarity, a, b) = best;
        if similarity < MIN_SIMILARITY {
            return None;
        }
        let end = text.get(b).map_or(self.folded.len(), |&(i, _)| i);
        let range = self.to_original(text[a].0..end);
        Some(Passage {
            line: self.line_col(range.start).0,
            text: self.original.get(range.clone())?.to_string(),
            range,
            similarity: similarity.min(1.0),
        })
    }
}

/// One difference between a quote and the passage of the article closest to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Difference {
    /// The quote has `quote` where the article has `article`.
    Changed { quote: String, article: String },
    /// The quote has words that the article does not have here; `after` is the
    /// last word both share before them.
    Extra {
        quote: String,
        after: Option<String>,
    },
    /// The article has words here that the quote leaves out.
    Missing {
        article: String,
        after: Option<String>,
    },
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let after = |a: &Option<String>| match a {
            Some(w) => format!("after `{w}`"),
            None => "at the start".to_string(),
        };
        match self {
            Difference::Changed { quote, article }
                if quote.to_lowercase() == article.to_lowercase() =>
            {
                write!(
                    f,
                    "`{quote}` is written `{article}` in the article (capital letters must match)"
                )
            }
            Difference::Changed { quote, article } => {
                write!(f, "`{quote}` is `{article}` in the article")
            }
            Difference::Extra { quote, after: a } => {
                write!(f, "`{quote}` ({}) is not in the article", after(a))
            }
            Difference::Missing { article, after: a } => {
                write!(
                    f,
                    "the article has `{article}` {} that the quote leaves out",
                    after(a)
                )
            }
        }
    }
}

/// The word-level differences between a quote and a passage, after folding.
/// Words the passage has before or after the quote's span are ignored: the
/// passage is a window chosen by similarity, and its edges are approximate.
pub(crate) fn differences(quote: &str, passage: &str) -> Vec<Difference> {
    aligned_differences(quote, passage).0
}

/// [`differences`], and the span of passage words (first, last, 0-based) that
/// line up with the quote, edges that are only the window's slack left out.
fn aligned_differences(quote: &str, passage: &str) -> (Vec<Difference>, Option<(usize, usize)>) {
    let q = fold_trim(quote);
    let p = fold_trim(passage);
    let qw: Vec<&str> = q.split(' ').filter(|w| !w.is_empty()).collect();
    let pw: Vec<&str> = p.split(' ').filter(|w| !w.is_empty()).collect();
    let (n, m) = (qw.len(), pw.len());
    // Quadratic table: keep it for quotes of a sane length.
    if n == 0 || m == 0 || n.saturating_mul(m) > 1_000_000 {
        return (Vec::new(), None);
    }
    // Walk the word diff into hunks of (quote words, passage words, last shared word).
    type Hunk<'a> = (Vec<&'a str>, Vec<&'a str>, Option<&'a str>);
    let mut hunks: Vec<Hunk> = Vec::new();
    // Passage word index where each hunk starts, and how many passage words it has.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut last_equal: Option<&str> = None;
    let mut open = false;
    for op in similar::capture_diff_slices(similar::Algorithm::Lcs, &qw, &pw) {
        let (tag, q, p) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            last_equal = q.end.checked_sub(1).map(|i| qw[i]);
            open = false;
            continue;
        }
        match (open, hunks.last_mut(), spans.last_mut()) {
            // A deletion next to an insertion is one change.
            (true, Some(h), Some(span)) => {
                h.0.extend(&qw[q]);
                h.1.extend(&pw[p.clone()]);
                span.1 += p.len();
            }
            _ => {
                spans.push((p.start, p.len()));
                hunks.push((qw[q].to_vec(), pw[p].to_vec(), last_equal));
            }
        }
        open = true;
    }
    let (mut first, mut last) = (0, m - 1);
    // Passage-only words at either edge are the window's slack, not a difference.
    if hunks
        .first()
        .is_some_and(|h| h.0.is_empty() && h.2.is_none())
    {
        hunks.remove(0);
        first = spans.remove(0).1;
    }
    // The walk ends on both sides at once, so a last hunk without quote words
    // is the end of the passage.
    if hunks.last().is_some_and(|h| h.0.is_empty()) {
        hunks.pop();
        if let Some((_, len)) = spans.pop() {
            last = m - 1 - len;
        }
    }
    // A first or last hunk with more article words than quote words runs into
    // the window's slack: keep as many article words as the quote has.
    if let Some(h) = hunks
        .first_mut()
        .filter(|h| h.2.is_none() && h.1.len() > h.0.len())
    {
        let extra = h.1.len() - h.0.len();
        h.1.drain(..extra);
        first += extra;
    }
    let at_end = |h: &Hunk| {
        spans
            .last()
            .is_some_and(|(start, len)| start + len == m && h.1.len() == *len)
    };
    if let Some(h) = hunks
        .last_mut()
        .filter(|h| at_end(h) && h.1.len() > h.0.len() && !h.0.is_empty())
    {
        let extra = h.1.len() - h.0.len();
        h.1.truncate(h.0.len());
        last = last.saturating_sub(extra);
    }
    // A quote that stops before the article's punctuation ("Rusia-Ukraina" for
    // "Rusia-Ukraina.") or starts after it is not a difference.
    let clipped = |q: &[&str], p: &[&str], at_end: bool| match (q, p) {
        ([q], [p]) if at_end => p
            .strip_prefix(q)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_punctuation())),
        ([q], [p]) => p
            .strip_suffix(q)
            .is_some_and(|rest| rest.chars().all(|c| c.is_ascii_punctuation())),
        _ => false,
    };
    if hunks
        .last()
        .is_some_and(|h| clipped(&h.0, &h.1, true) && qw.last() == h.0.last())
    {
        hunks.pop();
    }
    if hunks
        .first()
        .is_some_and(|h| clipped(&h.0, &h.1, false) && qw.first() == h.0.first())
    {
        hunks.remove(0);
    }
    let span = (first <= last).then_some((first, last));
    let diffs = hunks
        .into_iter()
        .map(|(q, p, after)| {
            let after = after.map(str::to_string);
            match (q.is_empty(), p.is_empty()) {
                (false, false) => Difference::Changed {
                    quote: q.join(" "),
                    article: p.join(" "),
                },
                (false, true) => Difference::Extra {
                    quote: q.join(" "),
                    after,
                },
                _ => Difference::Missing {
                    article: p.join(" "),
                    after,
                },
            }
        })
        .collect();
    (diffs, span)
}

impl Haystack<'_> {
    /// What differs between a quote and the passage found closest to it. The
    /// passage is widened by a few words first, since the closest window has
    /// the quote's length and may cut a word the quote has; the text returned
    /// is the part of the article that lines up with the quote, as written there.
    pub(crate) fn compare(&self, quote: &str, p: &Passage) -> (String, Vec<Difference>) {
        const EXTRA: usize = 4;
        let text = self.original;
        // Original byte ranges of the words around the passage.
        let words: Vec<Range<usize>> = {
            let mut out = Vec::new();
            let mut start = None;
            for (i, c) in text.char_indices() {
                match (is_space(c), start) {
                    (true, Some(s)) => {
                        out.push(s..i);
                        start = None;
                    }
                    (false, None) => start = Some(i),
                    _ => {}
                }
            }
            if let Some(s) = start {
                out.push(s..text.len());
            }
            out
        };
        let first = words.partition_point(|w| w.end <= p.range.start);
        let last = words.partition_point(|w| w.start < p.range.end);
        let from = first.saturating_sub(EXTRA);
        let to = (last + EXTRA).min(words.len());
        let (Some(a), Some(b)) = (
            words.get(from),
            to.checked_sub(1).and_then(|t| words.get(t)),
        ) else {
            return (p.text.clone(), differences(quote, &p.text));
        };
        let wide = text.get(a.start..b.end).unwrap_or(&p.text);
        let (diffs, span) = aligned_differences(quote, wide);
        let folded_count = fold_trim(wide).split(' ').filter(|w| !w.is_empty()).count();
        let shown = match span {
            Some((f, l)) if folded_count == to - from => words
                .get(from + f)
                .zip(words.get(from + l))
                .and_then(|(x, y)| text.get(x.start..y.end))
                .unwrap_or(&p.text)
                .to_string(),
            _ => p.text.clone(),
        };
        (shown, diffs)
    }

    /// The words around `range` on one line, the match in brackets:
    /// `…kata ibu [pergi ke] pasar…`. Whitespace is shown as single spaces.
    pub(crate) fn snippet(&self, range: Range<usize>, words: usize) -> String {
        let text = self.original;
        let (Some(before), Some(inner), Some(after)) = (
            text.get(..range.start),
            text.get(range.clone()),
            text.get(range.end..),
        ) else {
            return String::new();
        };
        fn squash(s: &str) -> Vec<&str> {
            s.split(is_space).filter(|w| !w.is_empty()).collect()
        }
        let b = squash(before);
        let a = squash(after);
        let b_words = &b[b.len().saturating_sub(words)..];
        let a_words = &a[..a.len().min(words)];
        let gap_before = before.ends_with(is_space) && !b_words.is_empty();
        let gap_after = after.starts_with(is_space) && !a_words.is_empty();
        format!(
            "{}{}{}[{}]{}{}{}",
            if b.len() > words { "…" } else { "" },
            b_words.join(" "),
            if gap_before { " " } else { "" },
            squash(inner).join(" "),
            if gap_after { " " } else { "" },
            a_words.join(" "),
            if a.len() > words { "…" } else { "" },
        )
    }
}

/// Partition `range` (e.g. one paragraph) into consecutive segments whose cover set is constant.
/// Spans may overlap, nest, coincide, extend beyond `range` (clip them) or be empty (ignore them).
/// Segments are contiguous, non-empty, cover `range` exactly, and adjacent segments differ in covers.
pub(crate) fn segments(range: Range<usize>, spans: &[Range<usize>]) -> Vec<Segment> {
    if range.start >= range.end {
        return Vec::new();
    }
    let clipped: Vec<(usize, Range<usize>)> = spans
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.start.max(range.start)..s.end.min(range.end)))
        .filter(|(_, r)| r.start < r.end)
        .collect();
    let mut cuts = vec![range.start, range.end];
    for (_, r) in &clipped {
        cuts.push(r.start);
        cuts.push(r.end);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut out: Vec<Segment> = Vec::new();
    for w in cuts.windows(2) {
        let piece = w[0]..w[1];
        let covers: Vec<usize> = clipped
            .iter()
            .filter(|(_, r)| r.start <= piece.start && piece.end <= r.end)
            .map(|(i, _)| *i)
            .collect();
        match out.last_mut() {
            Some(last) if last.covers == covers => last.range.end = piece.end,
            _ => out.push(Segment {
                range: piece,
                covers,
            }),
        }
    }
    out
}

#[cfg(test)]
// Span lists of one range are intended here, not a typo for a range of ints.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn q(exact: &str) -> Selector<'_> {
        Selector {
            exact,
            prefix: None,
            suffix: None,
        }
    }

    /// Locate a bare quote and return the original text it covers.
    fn found<'a>(h: &Haystack<'a>, exact: &str) -> &'a str {
        let r = h.locate(&q(exact)).expect("quote should be found");
        &h.original[r]
    }

    /// The char-by-char folding that `fold_with_map`'s ASCII fast path must equal.
    fn fold_char_by_char(s: &str) -> (String, Vec<(usize, usize)>) {
        let mut folder = Folder::default();
        let mut chunk_start = 0;
        for (i, c) in s.char_indices() {
            if i > chunk_start && starts_chunk(c) {
                folder.push_chunk(s, chunk_start..i);
                chunk_start = i;
            }
        }
        folder.push_chunk(s, chunk_start..s.len());
        folder.flush_space();
        let map = folder.map.iter().map(|m| (m.start(), m.end())).collect();
        (folder.out, map)
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_folds_as_char_by_char(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "E", " ", "  ", "\n", "\t", "\r\n", "\u{b}\u{c}", "\u{a0}", "\u{200B}", "\u{FEFF}",
                "\u{301}", "\u{308}\u{301}", "é", "“", "”", "–", "\u{2212}", "\u{1100}",
                "\u{1161}", "\u{11A8}", "가", "\u{FF0D}", "1.", "🙂", "\u{0F73}",
            ]), 0..40)
        ) {
            let s: String = pieces.concat();
            let (out, map) = fold_with_map(&s);
            let map: Vec<(usize, usize)> = map.iter().map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!((out, map), fold_char_by_char(&s));
        }
    }

    #[test]
    fn fold_rules() {
        assert_eq!(fold("  “a”\u{a0}–\u{200B}b\n"), " \"a\" - b ");
        assert_eq!(fold("‘x’ ‚y‛ 1′ 2″ «z» „w‟"), "'x' 'y' 1' 2\" \"z\" \"w\"");
        assert_eq!(
            fold("a\u{2010}\u{2015}\u{2212}\u{FE58}\u{FE63}\u{FF0D}b"),
            "a------b"
        );
        assert_eq!(fold("tunggu…"), "tunggu…");
        assert_eq!(fold("Cafe\u{301}\u{FEFF}Besar"), "Café Besar");
        assert_eq!(fold("Ab"), "Ab");
    }

    #[test]
    fn exact_match() {
        let h = Haystack::new("Ini adalah kalimat pertama. Kalimat kedua di sini.");
        assert_eq!(h.locate(&q("kalimat pertama")), Ok(11..26));
        assert_eq!(h.locate(&q("  kalimat pertama \n")), Ok(11..26));
    }

    #[test]
    fn curly_and_straight_quotes_match_both_ways() {
        let h = Haystack::new("Ia memuji “kepahlawanan” dan ‘keberanian’ mereka.");
        assert_eq!(found(&h, "\"kepahlawanan\""), "“kepahlawanan”");
        assert_eq!(found(&h, "'keberanian'"), "‘keberanian’");
        let h = Haystack::new("Ia memuji \"kepahlawanan\" mereka.");
        assert_eq!(found(&h, "„kepahlawanan“"), "\"kepahlawanan\"");
        assert_eq!(found(&h, "«kepahlawanan»"), "\"kepahlawanan\"");
    }

    #[test]
    fn dashes_match_hyphen_both_ways() {
        let h = Haystack::new("Periode 2020–2021 — menurut data — naik.");
        assert_eq!(found(&h, "2020-2021"), "2020–2021");
        assert_eq!(found(&h, "- menurut data -"), "— menurut data —");
        let h = Haystack::new("Periode 2020-2021 naik.");
        assert_eq!(found(&h, "2020—2021"), "2020-2021");
        assert_eq!(found(&h, "2020\u{2212}2021"), "2020-2021");
    }

    #[test]
    fn whitespace_variants_fold_to_one_space() {
        let h = Haystack::new("Nilainya Rp\u{a0}10 juta, kata kantor\nberita negara   KCNA.");
        assert_eq!(found(&h, "Rp 10 juta"), "Rp\u{a0}10 juta");
        assert_eq!(found(&h, "kantor berita"), "kantor\nberita");
        assert_eq!(found(&h, "negara KCNA"), "negara   KCNA");
        assert_eq!(found(&h, "berita    negara\tKCNA"), "berita negara   KCNA");
        assert_eq!(found(&h, "Rp\u{200B}10"), "Rp\u{a0}10");
    }

    #[test]
    fn nfc_decomposed_seed_composed_quote() {
        let seed = "Cafe\u{301} di Bandung";
        let h = Haystack::new(seed);
        assert_eq!(h.locate(&q("Café di")), Ok(0..9));
        assert_eq!(&seed[0..9], "Cafe\u{301} di");
        // The composed é maps back to both decomposed chars.
        assert_eq!(h.locate(&q("é")), Ok(3..6));
        // A bare "e" must not match half of a decomposed "é".
        assert!(matches!(
            h.locate(&q("Cafe di")),
            Err(AnchorError::NotFound { .. })
        ));
    }

    #[test]
    fn nfc_composed_seed_decomposed_quote() {
        let seed = "Café di Bandung";
        let h = Haystack::new(seed);
        assert_eq!(h.locate(&q("Cafe\u{301} di")), Ok(0..8));
        assert_eq!(found(&h, "e\u{301}"), "é");
    }

    #[test]
    fn prefix_picks_one_of_several() {
        let h = Haystack::new("Dia datang. Dia pergi. Mereka datang.");
        let sel = Selector {
            exact: "datang",
            prefix: Some("Mereka"),
            suffix: None,
        };
        assert_eq!(h.locate(&sel), Ok(30..36));
    }

    #[test]
    fn suffix_picks_one_of_several() {
        let h = Haystack::new("Dia datang. Dia pergi. Mereka datang.");
        let sel = Selector {
            exact: "Dia",
            prefix: None,
            suffix: Some("pergi"),
        };
        assert_eq!(h.locate(&sel), Ok(12..15));
    }

    #[test]
    fn prefix_with_and_without_space_gap() {
        let text = "Ia memuji “kepahlawanan” pasukan. Ia memuji kepahlawanan warga.";
        let h = Haystack::new(text);
        let first = 13..25;
        let second = 48..60;
        assert_eq!(&text[first.clone()], "kepahlawanan");
        assert_eq!(&text[second.clone()], "kepahlawanan");
        let sel = |prefix, suffix| Selector {
            exact: "kepahlawanan",
            prefix: Some(prefix),
            suffix: Some(suffix),
        };
        // No gap: prefix and suffix touch the match.
        assert_eq!(h.locate(&sel("memuji \"", "\"")), Ok(first));
        // Gap: context given with or without the space next to the match.
        assert_eq!(h.locate(&sel("memuji ", " warga")), Ok(second.clone()));
        assert_eq!(h.locate(&sel("memuji", "warga.")), Ok(second));
        // Context that is not there rules every match out.
        assert!(matches!(
            h.locate(&sel("mengkritik", "")),
            Err(AnchorError::NotFound { .. })
        ));
    }

    #[test]
    fn not_found_reports_closest_sentence_and_line() {
        let text = "Korea Utara mengonfirmasi pengiriman pasukan.\n\
                    Pasukan itu membantu Rusia membebaskan wilayah Kursk.\n\
                    Kim Jong Un memberikan perintah langsung.";
        let h = Haystack::new(text);
        let err = h.locate(&q("pasukan itu membantu Rusia merebut wilayah Kursk."));
        let Err(AnchorError::NotFound { closest: Some(p) }) = err else {
            panic!("expected NotFound with a closest passage, got {err:?}");
        };
        assert_eq!(
            p.text,
            "Pasukan itu membantu Rusia membebaskan wilayah Kursk."
        );
        assert_eq!(p.line, 2);
        assert_eq!(&text[p.range.clone()], p.text);
        assert!(p.similarity > 0.6 && p.similarity < 1.0, "{}", p.similarity);
    }

    #[test]
    fn not_found_with_nothing_similar() {
        let h = Haystack::new("Korea Utara mengonfirmasi pengiriman pasukan.");
        assert_eq!(
            h.locate(&q("xyzzy qwfp 42")),
            Err(AnchorError::NotFound { closest: None })
        );
        assert_eq!(
            Haystack::new("").locate(&q("apa saja")),
            Err(AnchorError::NotFound { closest: None })
        );
    }

    #[test]
    fn ambiguous_reports_every_match() {
        let h = Haystack::new("Dia datang. Dia pergi. Mereka datang.");
        assert_eq!(
            h.locate(&q("datang")),
            Err(AnchorError::Ambiguous {
                matches: vec![4..10, 30..36]
            })
        );
        assert_eq!(h.find_all("datang"), vec![4..10, 30..36]);
        // Overlapping occurrences count too.
        assert_eq!(Haystack::new("aaa").find_all("aa"), vec![0..2, 1..3]);
    }

    #[test]
    fn empty_quotes() {
        let h = Haystack::new("Teks apa saja.");
        assert_eq!(h.locate(&q("")), Err(AnchorError::Empty));
        assert_eq!(
            h.locate(&q(" \n\t\u{a0}\u{200B} ")),
            Err(AnchorError::Empty)
        );
        assert_eq!(h.find_all("  "), Vec::<Range<usize>>::new());
    }

    #[test]
    fn quote_spanning_two_paragraphs() {
        let text = "This is the first para end.\n\nSecond para follows.";
        let h = Haystack::new(text);
        assert_eq!(h.locate(&q("first para end. Second para")), Ok(12..40));
        assert_eq!(&text[12..40], "first para end.\n\nSecond para");
    }

    #[test]
    fn non_ascii_ranges_slice_cleanly() {
        let text = "Menurut “sumber” – yang enggan disebut – di 東京 🚀 siap.";
        let h = Haystack::new(text);
        let r = h
            .locate(&q("\"sumber\" - yang enggan disebut - di 東京 🚀"))
            .expect("found");
        assert_eq!(
            &text[r.clone()],
            "“sumber” – yang enggan disebut – di 東京 🚀"
        );
        assert_eq!(r, 8..63);
        let r = h.locate(&q("東京")).expect("found");
        assert_eq!(&text[r], "東京");
        let r = h.locate(&q("🚀 siap")).expect("found");
        assert_eq!(&text[r], "🚀 siap");
    }

    #[test]
    fn line_col_counts_chars() {
        let text = "baris satu\n“kutipan” – 東京 🚀 ok\nakhir";
        let h = Haystack::new(text);
        assert_eq!(h.line_col(0), (1, 1));
        assert_eq!(h.line_col(10), (1, 11));
        assert_eq!(h.line_col(11), (2, 1));
        let tokyo = text.find('東').expect("present");
        assert_eq!(h.line_col(tokyo), (2, 13));
        let rocket = text.find('🚀').expect("present");
        assert_eq!(h.line_col(rocket), (2, 16));
        // Inside a char: clamped back to its start. Past the end: the end.
        assert_eq!(h.line_col(rocket + 2), (2, 16));
        assert_eq!(h.line_col(text.find("akhir").expect("present")), (3, 1));
        assert_eq!(h.line_col(usize::MAX), (3, 6));
    }

    #[test]
    fn disambiguate_phrase_occurring_three_times() {
        let text = "Katanya harga naik lagi. Kemarin harga naik tajam. Besok harga naik lagi.";
        let h = Haystack::new(text);
        let all = h.find_all("harga naik");
        assert_eq!(all, vec![8..18, 33..43, 57..67]);
        let expected = [
            (Some("Katanya"), None),
            (None, Some("tajam.")),
            (Some("Besok"), None),
        ];
        for (range, (prefix, suffix)) in all.iter().zip(expected) {
            let got = h.disambiguate(range.clone());
            assert_eq!(got, (prefix.map(String::from), suffix.map(String::from)));
            let sel = Selector {
                exact: "harga naik",
                prefix: got.0.as_deref(),
                suffix: got.1.as_deref(),
            };
            assert_eq!(h.locate(&sel), Ok(range.clone()));
        }
    }

    #[test]
    fn disambiguate_prefers_fewest_words_then_one_side() {
        let text = "ibu pergi pasar. ayah pergi kantor. ibu pergi kantor. ayah pergi pasar.";
        let h = Haystack::new(text);
        let all = h.find_all("pergi");
        assert_eq!(all.len(), 4);
        // Nothing before the first; "pasar." alone is shared with the last.
        assert_eq!(
            h.disambiguate(all[0].clone()),
            (None, Some("pasar. ayah".to_string()))
        );
        // Two suffix words beat one word on each side.
        assert_eq!(
            h.disambiguate(all[2].clone()),
            (None, Some("kantor. ayah".to_string()))
        );
        // Here one word each side beats two or more on one side.
        let text = "kata ibu pergi ke pasar. Lalu pulang. kata ibu pergi ke kantor. \
                    kata ayah pergi ke pasar. Lalu pulang.";
        let h = Haystack::new(text);
        let first = h.find_all("pergi ke")[0].clone();
        assert_eq!(
            h.disambiguate(first),
            (Some("ibu".to_string()), Some("pasar.".to_string()))
        );
        let h = Haystack::new("ibu pergi pasar. ayah pergi kantor.");
        // Unique or unmatched ranges need no suggestion.
        assert_eq!(h.disambiguate(0..3), (None, None));
        assert_eq!(h.disambiguate(1..3), (None, None));
        assert_eq!(h.disambiguate(0..1000), (None, None));
    }

    #[test]
    fn real_seed_excerpt() {
        let text = "Korea Utara untuk pertama kalinya mengkonfirmasi bahwa mereka mengirim pasukan untuk memperjuangkan Rusia melawan Ukraina.\n\
                    Pengumuman Pyongyang datang hanya beberapa hari setelah kepala staf Rusia Valery Gerasimov memuji “kepahlawanan” pasukan Korea Utara";
        let h = Haystack::new(text);
        let r = h
            .locate(&q("memuji \"kepahlawanan\" pasukan"))
            .expect("found");
        assert_eq!(&text[r.clone()], "memuji “kepahlawanan” pasukan");
        assert_eq!(h.line_col(r.start), (2, 92));
        assert_eq!(
            h.locate(&q("pasukan")),
            Err(AnchorError::Ambiguous {
                matches: vec![71..78, r.end - 7..r.end]
            })
        );
    }

    fn diffs(quote: &str, passage: &str) -> Vec<String> {
        differences(quote, passage)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn differences_name_the_words_that_differ() {
        assert_eq!(
            diffs(
                "pasukan itu membantu Rusia merebut wilayah Kursk.",
                "Pasukan itu membantu Rusia membebaskan wilayah Kursk."
            ),
            [
                "`pasukan` is written `Pasukan` in the article (capital letters must match)",
                "`merebut` is `membebaskan` in the article"
            ]
        );
        assert_eq!(
            diffs(
                "Kim memberi perintah",
                "Kim Jong Un memberi perintah langsung"
            ),
            ["the article has `Jong Un` after `Kim` that the quote leaves out"]
        );
        assert_eq!(
            diffs("kata dia dengan tegas hari ini", "kata dia hari ini"),
            ["`dengan tegas` (after `dia`) is not in the article"]
        );
        // Typographic variants are folded, so they are not differences.
        assert_eq!(
            diffs("\"kepahlawanan\" - ya", "“kepahlawanan” – ya"),
            Vec::<String>::new()
        );
        assert_eq!(diffs("", "abc"), Vec::<String>::new());
        // A quote that stops before the sentence's full stop differs only where it differs.
        assert_eq!(
            diffs(
                "4.000 soldiers di front Rusia-Ukraina",
                "4.000 tentara di front Rusia-Ukraina."
            ),
            ["`soldiers` is `tentara` in the article"]
        );
    }

    #[test]
    fn snippets_show_a_match_in_context() {
        let h = Haystack::new("Katanya harga naik lagi.\nKemarin harga naik tajam.");
        let all = h.find_all("harga naik");
        assert_eq!(
            h.snippet(all[0].clone(), 2),
            "Katanya [harga naik] lagi. Kemarin…"
        );
        assert_eq!(h.snippet(all[1].clone(), 1), "…Kemarin [harga naik] tajam.");
        assert_eq!(h.snippet(0..2, 1), "[Ka]tanya…");
        assert_eq!(h.snippet(0..999, 1), "");
    }

    fn seg(range: Range<usize>, covers: &[usize]) -> Segment {
        Segment {
            range,
            covers: covers.to_vec(),
        }
    }

    #[test]
    fn segments_without_spans() {
        assert_eq!(segments(0..10, &[]), vec![seg(0..10, &[])]);
        assert_eq!(segments(5..5, &[0..3]), vec![]);
    }

    #[test]
    fn segments_one_span() {
        assert_eq!(
            segments(0..20, &[5..10]),
            vec![seg(0..5, &[]), seg(5..10, &[0]), seg(10..20, &[])]
        );
    }

    #[test]
    fn segments_disjoint_spans() {
        assert_eq!(
            segments(0..20, &[12..15, 0..5]),
            vec![
                seg(0..5, &[1]),
                seg(5..12, &[]),
                seg(12..15, &[0]),
                seg(15..20, &[])
            ]
        );
    }

    #[test]
    fn segments_overlapping_spans() {
        assert_eq!(
            segments(0..15, &[0..10, 5..15]),
            vec![seg(0..5, &[0]), seg(5..10, &[0, 1]), seg(10..15, &[1])]
        );
    }

    #[test]
    fn segments_nested_spans() {
        assert_eq!(
            segments(0..10, &[0..10, 3..6]),
            vec![seg(0..3, &[0]), seg(3..6, &[0, 1]), seg(6..10, &[0])]
        );
    }

    #[test]
    fn segments_identical_spans() {
        assert_eq!(
            segments(0..10, &[2..8, 2..8]),
            vec![seg(0..2, &[]), seg(2..8, &[0, 1]), seg(8..10, &[])]
        );
    }

    #[test]
    fn segments_spans_crossing_the_range() {
        assert_eq!(
            segments(10..20, &[0..12, 18..30, 0..100, 25..30]),
            vec![
                seg(10..12, &[0, 2]),
                seg(12..18, &[2]),
                seg(18..20, &[1, 2])
            ]
        );
    }

    #[test]
    fn segments_ignore_empty_spans() {
        #[allow(clippy::reversed_empty_ranges)]
        let spans = [4..4, 0..0, 7..3, 2..6];
        assert_eq!(
            segments(0..10, &spans),
            vec![seg(0..2, &[]), seg(2..6, &[3]), seg(6..10, &[])]
        );
    }
}
