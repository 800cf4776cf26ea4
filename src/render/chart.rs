//! Figure charts: every estimate of one measure as a horizontal bar, drawn at
//! build time as inline SVG, so pages need no script to show them.

use crate::escape::html;

/// One estimate in a figure chart.
pub(super) struct Bar {
    pub(super) label: String,
    pub(super) low: f64,
    pub(super) high: f64,
    /// The value as written in the table ("about 10,000–12,000").
    pub(super) value: String,
    /// "At least" or "more than": the bar ends in an arrow.
    pub(super) open: bool,
}

/// A horizontal bar chart of estimates, drawn at build time as inline SVG. The
/// table beside it is the accessible source of truth, so the chart is decorative.
pub(super) fn chart(bars: &[Bar], title: &str) -> String {
    if bars.is_empty() {
        return String::new();
    }
    const PLOT: f64 = 560.0;
    const ROW: f64 = 42.0;
    let max = bars.iter().map(|b| b.high).fold(0.0, f64::max).max(1.0) * 1.1;
    let x = |v: f64| v / max * PLOT;
    let height = ROW * bars.len() as f64 + 4.0;
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {w} {height}" role="img" aria-label="{t}: chart of the estimates in the table below" xmlns="http://www.w3.org/2000/svg">"#,
        w = PLOT + 140.0,
        t = html(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as f64 * ROW;
        let (x0, x1) = (x(b.low), x(b.high).max(x(b.low) + 3.0));
        // Label above; a pale bar from zero to the low end, a solid one over the range.
        svg.push_str(&format!(
            r#"<text x="0" y="{ty}" class="chart-label">{label}</text><rect x="0" y="{ry}" width="{x0:.1}" height="14" class="chart-base"/><rect x="{x0:.1}" y="{ry}" width="{w:.1}" height="14" class="chart-bar"/>"#,
            ty = y + 13.0,
            label = html(&b.label),
            ry = y + 19.0,
            w = x1 - x0,
        ));
        if b.open {
            svg.push_str(&format!(
                r#"<path d="M{x1:.1} {t} l8 7 l-8 7 z" class="chart-bar"/>"#,
                t = y + 19.0
            ));
        }
        svg.push_str(&format!(
            r#"<text x="{vx:.1}" y="{ty}" class="chart-value">{v}</text>"#,
            vx = x1 + if b.open { 12.0 } else { 5.0 },
            ty = y + 31.0,
            v = html(&b.value)
        ));
    }
    svg.push_str("</svg>");
    svg
}
