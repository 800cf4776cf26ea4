//! Property tests: random input into the front-matter parser, the quote
//! matcher and the Markdown renderer never panics, and what they return is
//! usable (positions inside the text, ranges on character boundaries, no
//! markup smuggled through).

use crate::anchor::{differences, AnchorError, Haystack, Selector};
use crate::diagnostic::Diagnostic;
use crate::load::parse_doc;
use crate::markdown;
use crate::model::{ArticleMeta, ClaimMeta, Settings};
use proptest::prelude::*;
use std::path::Path;

/// Text that looks like what editors write and what breaks parsers: YAML
/// punctuation, quotes of every kind, tabs, CRLF, a BOM, combining marks,
/// wide and astral characters.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("---\n".to_string()),
        Just("title: ".to_string()),
        Just("appearances:\n  - article: report\n    quote: ".to_string()),
        Just("topics: [a, b]\n".to_string()),
        Just("figures:\n  - measure: x\n    min: 5\n    max: 1\n".to_string()),
        Just("verdict: false\n".to_string()),
        Just("claimed: 2025-02-30\n".to_string()),
        Just(": ".to_string()),
        Just("- ".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("“”‘’«»„".to_string()),
        Just("\t".to_string()),
        Just("\r\n".to_string()),
        Just("\n".to_string()),
        Just("\u{feff}".to_string()),
        Just("e\u{301}".to_string()),
        Just("東京🚀".to_string()),
        Just("&a *a ! % @ ` | > { } [ ] #".to_string()),
        Just("TODO".to_string()),
        "[a-z ]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn check_positions(text: &str, diags: &[Diagnostic]) {
    let lines = text.split('\n').count();
    for d in diags {
        if let Some(line) = d.line {
            assert!(
                line >= 1 && line <= lines + 1,
                "line {line} of {lines}: {d:?}"
            );
        }
        if let Some(col) = d.column {
            assert!(col >= 1, "{d:?}");
        }
        assert!(!d.message.is_empty());
        // Every form of output can be produced.
        let _ = (d.human(), d.github(), d.json());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn front_matter_never_panics(text in messy_text()) {
        let rel = Path::new("content/claims/x.md");
        let (_, diags) = parse_doc::<ClaimMeta>("x".into(), rel, text.clone());
        check_positions(&text, &diags);
        let (_, diags) = parse_doc::<ArticleMeta>("x".into(), rel, text.clone());
        check_positions(&text, &diags);
        let (_, diags) = crate::yaml::parse::<Settings>(Path::new("content/dossier.yaml"), &text, 0..text.len());
        check_positions(&text, &diags);
    }

    #[test]
    fn yaml_paths_are_found_inside_the_text(text in messy_text(), path in "[a-z]{1,8}(\\[[0-9]\\])?(\\.[a-z]{1,8})?") {
        if let Some(e) = crate::yaml::find(&text, &crate::yaml::parse_path(&path)) {
            prop_assert!(e.value <= text.len() && e.block.end <= text.len());
            prop_assert!(text.is_char_boundary(e.value) && text.is_char_boundary(e.start));
        }
    }

    #[test]
    fn quotes_cut_from_the_seed_are_always_found(seed in messy_text(), a in any::<prop::sample::Index>(), len in 0usize..60) {
        let h = Haystack::new(&seed);
        let chars: Vec<(usize, char)> = seed.char_indices().collect();
        if chars.is_empty() {
            return Ok(());
        }
        let start = chars[a.index(chars.len())].0;
        let end = chars.iter().map(|(i, _)| *i).chain([seed.len()]).filter(|&i| i >= start).nth(len).unwrap_or(seed.len());
        let quote = &seed[start..end];
        let sel = Selector { exact: quote, prefix: None, suffix: None };
        match h.locate(&sel) {
            Ok(r) => {
                prop_assert!(seed.is_char_boundary(r.start) && seed.is_char_boundary(r.end));
                let _ = h.snippet(r.clone(), 3);
                prop_assert_eq!(h.disambiguate(r), (None, None));
            }
            Err(AnchorError::Ambiguous { matches }) => {
                for r in &matches {
                    prop_assert!(seed.get(r.clone()).is_some());
                    let (p, s) = h.disambiguate(r.clone());
                    if p.is_some() || s.is_some() {
                        let sel = Selector { exact: quote, prefix: p.as_deref(), suffix: s.as_deref() };
                        prop_assert_eq!(h.locate(&sel), Ok(r.clone()));
                    }
                }
            }
            // A quote that is only whitespace, or that cuts a character
            // sequence NFC would combine (an accent without its letter).
            Err(AnchorError::Empty) => {}
            Err(AnchorError::NotFound { .. }) => {
                let cuts_a_combination = quote.chars().next().is_some_and(|c| unicode_normalization::char::canonical_combining_class(c) != 0)
                    || seed[end..].chars().next().is_some_and(|c| unicode_normalization::char::canonical_combining_class(c) != 0)
                    || !unicode_normalization::is_nfc(&seed);
                prop_assert!(cuts_a_combination, "{:?} not found in {:?}", quote, seed);
            }
        }
    }

    #[test]
    fn any_quote_is_answered_without_panicking(seed in messy_text(), quote in messy_text(), prefix in proptest::option::of(messy_text())) {
        let h = Haystack::new(&seed);
        let sel = Selector { exact: &quote, prefix: prefix.as_deref(), suffix: None };
        match h.locate(&sel) {
            Ok(r) => prop_assert!(seed.get(r).is_some()),
            Err(AnchorError::NotFound { closest: Some(p) }) => {
                prop_assert!(seed.get(p.range.clone()).is_some());
                let _ = differences(&quote, &p.text);
                let _ = h.compare(&quote, &p);
            }
            Err(_) => {}
        }
        let _ = crate::cmd::quote::find_matches(&seed, &quote);
    }

    #[test]
    fn markdown_never_lets_markup_or_scripts_through(md in messy_text(), tag in "<(script|img|iframe|a|div)[^>]{0,10}>", url in "(javascript|JaVaScRiPt|data|vbscript|java\tscript): ?[a-z()]{0,8}") {
        let text = format!("{md}{tag}[x]({url}) ![i]({url}) <{url}> {md}");
        let html = markdown::to_html(&text, &|_| None);
        prop_assert!(!html.contains("<script") && !html.contains("<iframe") && !html.contains("<img src=x"), "{}", html);
        let lower = html.to_ascii_lowercase().replace(['\t', '\n'], "");
        prop_assert!(!lower.contains("href=\"javascript") && !lower.contains("href=\"data:") && !lower.contains("src=\"javascript"), "{}", html);
        let _ = markdown::links(&text);
        let _ = markdown::raw_html(&text);
        let _ = markdown::to_inline_html(&text, &|_| None);
    }
}
