//! Escaping for the places content is written into: HTML text and attributes
//! (also XML), and JSON inside a `<script>` element.

/// Text for HTML or XML, safe in element content and quoted attributes. A NUL
/// becomes U+FFFD, as an HTML parser would make it anyway.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{fffd}'),
            _ => out.push(c),
        }
    }
    out
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
