//! Markdown from annotations to safe HTML.
//!
//! Content arrives by pull request, so it is untrusted: raw HTML is shown as
//! text, and links off the allowlist (`javascript:`, `data:`, `file:` ...) are
//! dropped (the resolve stage reports them as errors). `@kind/slug` links are internal and resolved
//! by the caller.

use crate::url::is_allowed_link;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// An internal link target: `@claim/slug#fragment`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InternalLink<'a> {
    pub(crate) kind: &'a str,
    pub(crate) slug: &'a str,
    pub(crate) fragment: Option<&'a str>,
}

pub(crate) fn parse_internal(dest: &str) -> Option<InternalLink<'_>> {
    let rest = dest.strip_prefix('@')?;
    let (path, fragment) = match rest.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (rest, None),
    };
    let (kind, slug) = path.split_once('/').unwrap_or((path, ""));
    Some(InternalLink {
        kind,
        slug: slug.trim_end_matches('/'),
        fragment,
    })
}

/// Every link and image destination with its byte range in `md`.
pub(crate) fn links(md: &str) -> Vec<(String, Range<usize>)> {
    Parser::new_ext(md, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((dest_url.to_string(), range))
            }
            _ => None,
        })
        .collect()
}

/// Every piece of raw HTML in `md` (shown as text by [`to_html`]) with its byte
/// range: each inline tag, and the first line of each HTML block.
pub(crate) fn raw_html(md: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut block_start = false;
    for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => block_start = true,
            Event::Html(raw) if block_start => {
                block_start = false;
                out.push((raw.trim_end().to_string(), range));
            }
            Event::InlineHtml(raw) => out.push((raw.to_string(), range)),
            _ => {}
        }
    }
    out
}

/// The words of Markdown as plain text, for the search index: markup,
/// link targets and raw HTML dropped, blocks separated by a space.
pub(crate) fn to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for event in Parser::new_ext(md, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::CodeBlock,
            ) if !out.is_empty() && !out.ends_with(' ') => out.push(' '),
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// Renders Markdown to HTML. `resolve` maps an `@kind/slug` destination to a
/// relative URL; unresolved internal links and unsafe links lose their target.
pub(crate) fn to_html(md: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let mut dropped_link = Vec::new();
    let events = Parser::new_ext(md, options()).filter_map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let target = safe_target(&dest_url, resolve);
            dropped_link.push(target.is_none());
            target.map(|t| {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: t,
                    title,
                    id,
                })
            })
        }
        Event::End(TagEnd::Link) => {
            if dropped_link.pop().unwrap_or(false) {
                None
            } else {
                Some(event)
            }
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            // Images keep their alt text even when the source is refused.
            let target = safe_target(&dest_url, resolve).unwrap_or(CowStr::Borrowed(""));
            Some(Event::Start(Tag::Image {
                link_type,
                dest_url: target,
                title,
                id,
            }))
        }
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

fn safe_target<'a>(
    dest: &CowStr<'a>,
    resolve: &dyn Fn(&str) -> Option<String>,
) -> Option<CowStr<'a>> {
    if dest.starts_with('@') {
        resolve(dest).map(CowStr::from)
    } else if is_allowed_link(dest) {
        Some(dest.clone())
    } else {
        None
    }
}

/// Renders a short Markdown snippet (a note) without the wrapping paragraph.
pub(crate) fn to_inline_html(md: &str, resolve: &dyn Fn(&str) -> Option<String>) -> String {
    let html = to_html(md, resolve);
    let trimmed = html.trim_end();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(dest: &str) -> Option<String> {
        (dest == "@claim/known").then(|| "../../claims/known/index.html".to_string())
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let html = to_html(
            "Hi <script>alert(1)</script> *there*\n\n<div onclick=x>block</div>\n",
            &resolve,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("<em>there</em>"));
    }

    #[test]
    fn unsafe_and_unknown_links_lose_their_target_but_keep_text() {
        let html = to_html("[a](javascript:alert(1)) [b](data:text/html,x) [c](@claim/missing) [d](@claim/known) [e](https://example.org)", &resolve);
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("data:"), "{html}");
        assert!(html.contains("a b c"), "{html}");
        assert!(
            html.contains(r#"<a href="../../claims/known/index.html">d</a>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"<a href="https://example.org">e</a>"#),
            "{html}"
        );
        let html = to_html(
            "[f](file:///etc/passwd) [m](mailto:desk@example.org)",
            &resolve,
        );
        assert!(!html.contains("file:"), "{html}");
        assert!(html.contains(r#"href="mailto:desk@example.org""#), "{html}");
    }

    #[test]
    fn internal_links_are_parsed_with_fragments() {
        assert_eq!(
            parse_internal("@claim/a-b#q-1"),
            Some(InternalLink {
                kind: "claim",
                slug: "a-b",
                fragment: Some("q-1")
            })
        );
        assert_eq!(parse_internal("https://x"), None);
        let found = links("See [x](@topic/casualties) and ![i](pic.png)");
        assert_eq!(
            found.iter().map(|(d, _)| d.as_str()).collect::<Vec<_>>(),
            ["@topic/casualties", "pic.png"]
        );
    }

    #[test]
    fn raw_html_is_found_with_its_position() {
        let md = "Text <b>bold</b>\n\n<script>\nalert(1)\n</script>\n";
        let found = raw_html(md);
        let tags: Vec<&str> = found.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(tags, ["<b>", "</b>", "<script>"]);
        assert_eq!(&md[found[2].1.clone()], "<script>\n");
        assert!(raw_html("plain *text* and <https://example.org>").is_empty());
    }

    #[test]
    fn plain_text_keeps_the_words_only() {
        let md =
            "## Heading\n\nA *claim* [linked](@claim/x), `code`\nand <b>html</b>.\n\n- one\n- two";
        assert_eq!(
            to_text(md),
            "Heading A claim linked, code and html. one two"
        );
    }

    #[test]
    fn inline_html_drops_the_paragraph() {
        assert_eq!(to_inline_html("a *b*", &resolve), "a <em>b</em>");
    }
}
