//! Legend swatches as drawables: the small picture left of each row of the key, in the page's
//! legend, layer panel, list and card, and in every export.

use super::element::{num, El};
use crate::scene::legend::Swatch;
use crate::scene::style::{
    category_paint, marker_style, zone_colour, zone_tone, Paint, Symbol, Theme, HATCHES,
};

/// Swatch box size, pixels.
pub const SWATCH_W: f64 = 28.0;
pub const SWATCH_H: f64 = 20.0;

fn symbol(symbol: Symbol, fill: &'static str, stroke: &'static str, width: &'static str) -> El {
    El::new("path")
        .class("symbol")
        .attr(
            "transform",
            format!(
                "translate({} {}) scale(0.85)",
                num(SWATCH_W / 2.0),
                num(SWATCH_H / 2.0)
            ),
        )
        .attr("d", symbol.path())
        .attr("fill", fill)
        .attr("stroke", stroke)
        .attr("stroke-width", width)
}

fn area(p: Paint) -> El {
    El::new("rect")
        .attr("x", "2")
        .attr("y", "3")
        .num("width", SWATCH_W - 4.0)
        .num("height", SWATCH_H - 6.0)
        .attr("fill", p.fill)
        .num("fill-opacity", (p.fill_opacity as f64).max(0.35))
        .attr("stroke", p.stroke)
        .num("stroke-width", (p.stroke_width as f64).min(2.0))
}

fn line(p: Paint) -> El {
    El::new("path")
        .attr(
            "d",
            format!("M3 {}H{}", num(SWATCH_H / 2.0), num(SWATCH_W - 3.0)),
        )
        .attr("fill", "none")
        .attr("stroke", p.stroke)
        .num("stroke-width", (p.stroke_width as f64).min(4.0))
        .attr_opt("stroke-dasharray", (!p.dash.is_empty()).then_some(p.dash))
        .attr("stroke-linecap", "butt")
}

/// The swatch's elements, in a [`SWATCH_W`] × [`SWATCH_H`] box. Hatches refer to the page's
/// (or document's) hatch patterns by `hatch_prefix` + the hatch id.
pub fn swatch(s: &Swatch, theme: Theme, hatch_prefix: &str) -> Vec<El> {
    match s {
        Swatch::Marker(c) => {
            let m = marker_style(*c, theme);
            vec![symbol(m.symbol, m.colour, theme.halo(), "1.5")]
        }
        Swatch::Approximate => vec![symbol(Symbol::Circle, theme.land(), theme.text(), "2")
            .attr("stroke-dasharray", "2.5 2")],
        Swatch::Zone(id) => {
            let c = zone_colour(id, theme);
            let frame = |e: El| {
                e.attr("x", "2")
                    .attr("y", "3")
                    .num("width", SWATCH_W - 4.0)
                    .num("height", SWATCH_H - 6.0)
            };
            vec![
                frame(El::new("rect"))
                    .attr("fill", c)
                    .attr("fill-opacity", "0.25")
                    .attr("stroke", c)
                    .attr("stroke-dasharray", "3 2"),
                frame(El::new("rect")).attr(
                    "fill",
                    format!("url(#{hatch_prefix}{})", HATCHES[zone_tone(id)].id),
                ),
            ]
        }
        Swatch::Shape {
            category,
            area: a,
            line: l,
        } => {
            let mut out = vec![];
            if *a {
                out.push(area(category_paint(*category, true, theme)));
            }
            if *l {
                out.push(line(category_paint(*category, false, theme)));
            }
            out
        }
        Swatch::Cluster => vec![
            El::new("circle")
                .num("cx", SWATCH_W / 2.0)
                .num("cy", SWATCH_H / 2.0)
                .attr("r", "9")
                .attr("fill", theme.text())
                .attr("stroke", theme.halo())
                .attr("stroke-width", "1.5"),
            El::new("text")
                .num("x", SWATCH_W / 2.0)
                .num("y", SWATCH_H / 2.0)
                .attr("text-anchor", "middle")
                .attr("dominant-baseline", "central")
                .attr("font-size", "10")
                .attr("font-weight", "700")
                .attr("fill", theme.halo())
                .text("3"),
        ],
        Swatch::None => vec![],
    }
}
