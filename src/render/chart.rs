//! Figure charts: every estimate of one measure as a row, in HTML and CSS, so
//! that its text stays at the reader's font size on any screen (an SVG scaled
//! down to a phone shrinks its text with it). The table beside it is the
//! accessible source of truth, so the rows are hidden from screen readers;
//! what the marks mean is said in the chart's caption.
//!
//! A chart is as accountable as a sentence, so its layout is fixed here, not
//! left to the label lengths: one [`Scale`] from zero, with round ticks, for
//! every row; every row's track is the same box (the label sits in a column
//! of its own, or above the track on a phone), and a value is placed at
//! `value / scale.max` of the track's width. A topic page gives charts of the
//! same unit one scale, so that their bars can be compared.

use crate::escape::html;

/// One estimate in a figure chart.
pub(super) struct Bar {
    /// Who gave it, and the date it describes.
    pub(super) label: String,
    pub(super) low: f64,
    pub(super) high: f64,
    /// The value and unit as written in the table ("about 10,000–12,000 soldiers").
    pub(super) value: String,
    pub(super) open: Open,
}

/// Which end of an estimate the text leaves open.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Open {
    Closed,
    /// "At least", "more than", "or more": the bar fades out to the right.
    Above,
    /// "Up to", "less than": the bar fades in from zero.
    Below,
}

/// A scale from zero to `max`, marked every `step`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(super) struct Scale {
    pub(super) max: f64,
    pub(super) step: f64,
}

impl Scale {
    /// The smallest round scale from zero that holds every bar, with room
    /// past an open upper end for its fade to show, and three to six ticks.
    pub(super) fn fitting<'b>(bars: impl IntoIterator<Item = &'b Bar>) -> Scale {
        let top = bars
            .into_iter()
            .map(|b| match b.open {
                Open::Above => b.high * 1.25,
                _ => b.high,
            })
            .fold(0.0, f64::max);
        let top = if top > 0.0 { top } else { 1.0 };
        // A round step (1, 2, 2.5 or 5 times a power of ten) that cuts the
        // scale into about four.
        let magnitude = 10f64.powf((top / 4.0).log10().floor());
        let step = [1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|s| top / s <= 5.0)
            .unwrap_or(10.0 * magnitude);
        Scale {
            max: (top / step).ceil() * step,
            step,
        }
    }

    /// Where `v` falls, in percent of the track.
    pub(super) fn percent(&self, v: f64) -> f64 {
        (v / self.max * 100.0).clamp(0.0, 100.0)
    }

    /// The ticks, from zero to `max`.
    pub(super) fn ticks(&self) -> Vec<f64> {
        let n = (self.max / self.step).round() as usize;
        // Rounded, so that 3 × 0.2 reads 0.6, not 0.6000000000000001.
        (0..=n)
            .map(|i| (i as f64 * self.step * 1e9).round() / 1e9)
            .collect()
    }
}

/// Where a bar's marks fall on its track, in percent of the track's width.
#[derive(PartialEq, Debug)]
pub(super) struct Placed {
    /// The pale bar from zero to the low end (none for an open lower end).
    pub(super) base: f64,
    /// The estimate itself: a range, or a point when `width` is 0.
    pub(super) left: f64,
    pub(super) width: f64,
}

pub(super) fn place(bar: &Bar, scale: &Scale) -> Placed {
    let (low, high) = (scale.percent(bar.low), scale.percent(bar.high));
    Placed {
        base: if bar.open == Open::Below { 0.0 } else { low },
        left: low,
        width: high - low,
    }
}

/// The chart: a row per bar (label and value, then the track), and an axis
/// of ticks under the tracks. `unit` names the axis.
pub(super) fn chart(bars: &[Bar], scale: &Scale, unit: &str) -> String {
    let mut out = format!(
        r#"<div class="chart" aria-hidden="true" data-unit="{unit}" data-max="{max}" style="--ticks:{ticks}">"#,
        unit = html(unit),
        max = scale.max,
        ticks = scale.ticks().len() - 1,
    );
    for b in bars {
        let p = place(b, scale);
        let open = match b.open {
            Open::Closed => String::new(),
            Open::Above => format!(
                r#"<span class="chart-open above" style="left:{:.2}%"></span>"#,
                p.left + p.width
            ),
            Open::Below => format!(
                r#"<span class="chart-open below" style="width:{:.2}%"></span>"#,
                p.left
            ),
        };
        out.push_str(&format!(
            concat!(
                r#"<div class="chart-row"><p class="chart-label">{label} <strong class="chart-value">{value}</strong></p>"#,
                r#"<div class="chart-track"><span class="chart-base" style="width:{base:.2}%"></span>{open}"#,
                r#"<span class="chart-bar" style="left:{left:.2}%;width:{width:.2}%" data-low="{low}" data-high="{high}"></span>"#,
                "</div></div>"
            ),
            label = html(&b.label),
            value = html(&b.value),
            open = open,
            base = p.base,
            left = p.left,
            width = p.width,
            low = b.low,
            high = b.high,
        ));
    }
    out.push_str(r#"<div class="chart-axis"><span class="chart-unit">"#);
    out.push_str(&html(unit));
    out.push_str(r#"</span><div class="chart-ticks">"#);
    for t in scale.ticks() {
        out.push_str(&format!(
            r#"<span style="left:{:.2}%" data-value="{t}">{}</span>"#,
            scale.percent(t),
            crate::render::items::format_number(t)
        ));
    }
    out.push_str("</div></div></div>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(low: f64, high: f64, open: Open) -> Bar {
        Bar {
            label: "A & B, 2024".into(),
            low,
            high,
            value: format!("{low}–{high}"),
            open,
        }
    }

    #[test]
    fn scales_start_at_zero_with_round_ticks_and_hold_every_bar() {
        let s = Scale::fitting(&[bar(10_000.0, 12_000.0, Open::Closed)]);
        assert_eq!((s.max, s.step), (12_500.0, 2_500.0));
        assert_eq!(
            s.ticks(),
            [0.0, 2_500.0, 5_000.0, 7_500.0, 10_000.0, 12_500.0]
        );
        // Room past an open upper end for its fade.
        let s = Scale::fitting(&[bar(1_000.0, 1_000.0, Open::Above)]);
        assert!(s.max >= 1_250.0 && s.ticks()[0] == 0.0, "{s:?}");
        for top in [0.0, 3.0, 4.0, 7.5, 11.0, 99.0, 130.0, 5_937.0, 600_000.0] {
            let s = Scale::fitting(&[bar(0.0, top, Open::Closed)]);
            let n = s.ticks().len();
            assert!(
                s.max >= top && (4..=7).contains(&n),
                "{top}: {s:?}, {n} ticks"
            );
            assert_eq!(*s.ticks().last().unwrap(), s.max);
        }
    }

    #[test]
    fn positions_are_proportional_to_values_on_one_scale() {
        let bars = [
            bar(10_000.0, 12_000.0, Open::Closed),
            bar(11_000.0, 11_000.0, Open::Closed),
            bar(1_000.0, 1_000.0, Open::Above),
            bar(500.0, 500.0, Open::Below),
        ];
        let scale = Scale::fitting(&bars);
        assert_eq!(scale.max, 12_500.0);
        let placed: Vec<Placed> = bars.iter().map(|b| place(b, &scale)).collect();
        for (b, p) in bars.iter().zip(&placed) {
            let at = |v: f64| v / 12_500.0 * 100.0;
            assert!((p.left - at(b.low)).abs() < 1e-9, "{p:?}");
            assert!((p.left + p.width - at(b.high)).abs() < 1e-9, "{p:?}");
        }
        // 11,000 is drawn left of the 12,000 upper end: the issue's example.
        assert!(placed[1].left < placed[0].left + placed[0].width);
        assert_eq!(placed[1].width, 0.0);
        // An open lower end has no pale base from zero; others do.
        assert_eq!(placed[3].base, 0.0);
        assert_eq!(placed[2].base, placed[2].left);
        // Ticks are placed by the same rule as values.
        assert_eq!(scale.percent(6_250.0), 50.0);
    }

    #[test]
    fn every_row_has_the_same_track_and_the_axis_names_its_unit() {
        let bars = [
            bar(10_000.0, 12_000.0, Open::Closed),
            Bar {
                label: "A source with a very long name indeed, claimed 28 April 2025".into(),
                ..bar(1_000.0, 1_000.0, Open::Above)
            },
        ];
        let html = chart(&bars, &Scale::fitting(&bars), "soldiers");
        // The track has no size of its own: its width is the column's,
        // whatever the label's length.
        assert_eq!(html.matches(r#"<div class="chart-track">"#).count(), 2);
        assert_eq!(html.matches("chart-row").count(), 2);
        assert!(html.contains(r#"class="chart-open above" style="left:8.00%""#));
        assert!(html.contains(r#"data-unit="soldiers" data-max="12500""#));
        assert!(html.contains(r#"<span style="left:100.00%" data-value="12500">12,500</span>"#));
        assert!(html.contains("A &amp; B"));
    }
}
