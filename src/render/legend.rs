//! The legend column of a printed or shared map: the scene's key, one row per entry, text
//! wrapped to the column and the whole shrunk to fit beside the map if it is taller.

use super::layout::{wrap, Frame, LEGEND_PAD};
use crate::i18n::{Lang, Text};
use crate::present::legend::{swatch, SWATCH_H, SWATCH_W};
use crate::present::{num, El};
use crate::scene::legend::{Entry, Kind, Swatch};
use crate::scene::style::Theme;

/// Hatch patterns drawn in page pixels for the legend's swatches have ids with this prefix.
pub const HATCH_PREFIX: &str = "legend-";
const LINE: f64 = 15.0;

/// The legend panel in `frame`.
pub fn legend(entries: &[Entry], frame: Frame, theme: Theme, lang: Lang) -> El {
    let (x0, y0) = (frame.x, frame.y);
    let text_x = x0 + LEGEND_PAD + SWATCH_W + 10.0;
    let text_w = frame.w - (text_x - x0) - LEGEND_PAD;
    let mut rows = vec![];
    let mut y = y0 + LEGEND_PAD + 18.0 + 8.0;
    for e in entries {
        let full_w = frame.w - 2.0 * LEGEND_PAD;
        let (lines, x, px, fill) = match e.kind {
            Kind::Note => (
                wrap(&e.text, 11.0, full_w),
                x0 + LEGEND_PAD,
                11.0,
                theme.muted_text(),
            ),
            Kind::Heading => (
                wrap(&e.text, 12.0, full_w),
                x0 + LEGEND_PAD,
                12.0,
                theme.text(),
            ),
            Kind::Row => (wrap(&e.text, 12.0, text_w), text_x, 12.0, theme.text()),
        };
        // Headings and notes take only the room their text needs.
        let min_h = if e.swatch == Swatch::None {
            0.0
        } else {
            SWATCH_H + 4.0
        };
        let row_h = (lines.len() as f64 * LINE + 7.0).max(min_h);
        let cy = y + row_h / 2.0;
        let n = lines.len() as f64;
        let mut row = El::new("g").class(e.class.clone());
        if e.swatch != Swatch::None {
            row.children.push(
                El::new("g")
                    .attr(
                        "transform",
                        format!(
                            "translate({} {})",
                            num(x0 + LEGEND_PAD),
                            num(cy - SWATCH_H / 2.0)
                        ),
                    )
                    .children(swatch(&e.swatch, theme, HATCH_PREFIX)),
            );
        }
        row.children.extend(lines.iter().enumerate().map(|(i, l)| {
            El::new("text")
                .num("x", x)
                .num("y", cy + (i as f64 - (n - 1.0) / 2.0) * LINE)
                .attr("dominant-baseline", "central")
                .num("font-size", px)
                .attr("fill", fill)
                .attr_opt("font-weight", (e.kind == Kind::Heading).then_some("700"))
                .text(l.clone())
        }));
        rows.push(row);
        y += row_h;
    }
    let panel_h = y - y0 + LEGEND_PAD;
    // A legend taller than the map is shrunk to fit beside it.
    let s = if panel_h > frame.h && panel_h > 0.0 {
        frame.h / panel_h
    } else {
        1.0
    };
    let transform = (s < 1.0).then(|| {
        format!(
            "translate({} {}) scale({}) translate({} {})",
            num(x0),
            num(y0),
            crate::present::fixed(s, 6),
            num(-x0),
            num(-y0)
        )
    });
    El::new("g")
        .class("legend")
        .attr_opt("transform", transform)
        .child(
            El::new("rect")
                .class("legend-panel")
                .num("x", x0)
                .num("y", y0)
                .num("width", frame.w)
                .num("height", panel_h)
                .attr("rx", "4")
                .attr("fill", theme.land())
                .attr("stroke", theme.muted_text())
                .attr("stroke-width", "1"),
        )
        .child(
            El::new("text")
                .class("legend-title")
                .num("x", x0 + LEGEND_PAD)
                .num("y", y0 + LEGEND_PAD + 14.0)
                .attr("font-size", "14")
                .attr("font-weight", "700")
                .attr("fill", theme.text())
                .text(Text::Legend.get(lang)),
        )
        .children(rows)
}
