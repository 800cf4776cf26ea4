//! Figure charts: every estimate of one measure as a horizontal bar, in HTML
//! and CSS, so that its text stays at the reader's font size on any screen
//! (an SVG scaled down to a phone shrinks its text with it). The table beside
//! it is the accessible source of truth, so the chart is hidden from screen
//! readers.

use crate::escape::html;

/// One estimate in a figure chart.
pub(super) struct Bar {
    /// Who gave it, and the date it describes.
    pub(super) label: String,
    pub(super) low: f64,
    pub(super) high: f64,
    /// The value and unit as written in the table ("about 10,000–12,000 soldiers").
    pub(super) value: String,
    /// "At least" or "more than": the bar ends in an arrow.
    pub(super) open: bool,
}

/// The bars as rows: a label, a track with a pale bar from zero to the low
/// end and a solid one over the range, and the value.
pub(super) fn chart(bars: &[Bar]) -> String {
    if bars.is_empty() {
        return String::new();
    }
    let max = bars.iter().map(|b| b.high).fold(0.0, f64::max).max(1.0) * 1.05;
    let pct = |v: f64| v / max * 100.0;
    let mut out = String::from(r#"<div class="chart">"#);
    for b in bars {
        let (low, high) = (pct(b.low), pct(b.high));
        let width = (high - low).max(0.8);
        out.push_str(&format!(
            r#"<div class="chart-row"><span class="chart-label">{label}</span><span class="chart-track"><span class="chart-base" style="width:{low:.1}%"></span><span class="chart-bar{open}" style="left:{low:.1}%;width:{width:.1}%"></span></span><span class="chart-value">{value}</span></div>"#,
            label = html(&b.label),
            open = if b.open { " open" } else { "" },
            value = html(&b.value),
        ));
    }
    out.push_str("</div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_scaled_to_the_largest_estimate() {
        let bars = [
            Bar {
                label: "A, 2024".into(),
                low: 10_000.0,
                high: 12_000.0,
                value: "10,000–12,000 soldiers".into(),
                open: false,
            },
            Bar {
                label: "B & C".into(),
                low: 1_000.0,
                high: 1_000.0,
                value: "at least 1,000 soldiers".into(),
                open: true,
            },
        ];
        let html = chart(&bars);
        assert!(html.contains("left:79.4%;width:15.9%"), "{html}");
        assert!(html.contains(r#"class="chart-bar open""#));
        assert!(html.contains("B &amp; C"));
        assert_eq!(chart(&[]), "");
    }
}
