//! Escaping for the places content is written into: HTML text and attributes
//! (also XML), and JSON inside a `<script>` element.

/// Text for HTML or XML, safe in element content and quoted attributes. A NUL
/// becomes U+FFFD, as an HTML parser would make it anyway.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let pushed: Result<(), std::convert::Infallible> = html_pieces(s, |piece| {
        out.push_str(piece);
        Ok(())
    });
    let Ok(()) = pushed;
    out
}

/// [`html`]'s output in pieces, handed to `push` in order: every page
/// passes all its text through here, so the runs between the few
/// characters to escape, which are all ASCII, go whole, and nothing is
/// copied on the way.
pub(crate) fn html_pieces<E>(
    s: &str,
    mut push: impl FnMut(&str) -> Result<(), E>,
) -> Result<(), E> {
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'\0' => "\u{fffd}",
            _ => continue,
        };
        push(&s[run..i])?;
        push(escaped)?;
        run = i + 1;
    }
    push(&s[run..])
}

/// JSON for a `<script>` element: `<`, `>` and `&` escaped so nothing in the
/// content can close the element or start markup.
pub(crate) fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_quotes_and_nul() {
        assert_eq!(
            html("<a href=\"x\">'&'</a>\0"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{fffd}"
        );
    }

    #[test]
    fn script_json_cannot_close_its_element() {
        let v = serde_json::json!({"t": "</script><script>alert(1)</script> & more"});
        let s = script_json(&v.to_string());
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&s).unwrap(), v);
    }
}
