//! The furniture of a printed or shared map, as drawables: the title block, the frame round the
//! map, a metric scale bar, a north arrow and the attribution.

use super::layout::{
    fitting_px, Layout, ATTRIBUTION_LINE, ATTRIBUTION_PX, MARGIN, QUOTE_LINE, QUOTE_PX,
};
use crate::i18n::{Lang, Text};
use crate::present::{num, El};
use crate::scene::scale_bar::ScaleBar;
use crate::scene::style::Theme;
use crate::scene::text::text_width;

/// The title in both languages (the interface's first, shrunk together on a narrow page) and
/// the subtitle; on a story page, the step's title and which step it is.
pub fn title(layout: &Layout, theme: Theme, lang: Lang) -> El {
    let avail = layout.width - 2.0 * MARGIN;
    if let Some(h) = &layout.heading {
        let line = |class: &'static str, y: f64, px: f64, fill: &'static str, t: &str| {
            El::new("text")
                .class(class)
                .num("x", MARGIN)
                .num("y", y)
                .num("font-size", fitting_px(t, px, avail))
                .attr("fill", fill)
                .text(t)
        };
        return El::new("g")
            .class("title")
            .child(
                line("map-title", MARGIN + 24.0, 22.0, theme.text(), &h.title)
                    .attr("font-weight", "700"),
            )
            .child(line(
                "map-subtitle",
                MARGIN + 46.0,
                13.0,
                theme.muted_text(),
                &h.subtitle,
            ));
    }
    let title = Text::Title.get(lang);
    let second = Text::Title.get(lang.other());
    let scale = (avail / (text_width(title, 22.0) + 12.0 + text_width(second, 14.0))).min(1.0);
    let (big, small) = (22.0 * scale, 14.0 * scale);
    let subtitle = Text::Subtitle.get(lang);
    let text = |class: &'static str, x: f64, y: f64, px: f64, fill: &'static str, t: &str| {
        El::new("text")
            .class(class)
            .num("x", x)
            .num("y", y)
            .num("font-size", px)
            .attr("fill", fill)
            .text(t)
    };
    El::new("g")
        .class("title")
        .child(
            text("map-title", MARGIN, MARGIN + 24.0, big, theme.text(), title)
                .attr("font-weight", "700"),
        )
        .child(text(
            "map-title-other",
            MARGIN + text_width(title, big) + 12.0 * scale,
            MARGIN + 24.0,
            small,
            theme.muted_text(),
            second,
        ))
        .child(text(
            "map-subtitle",
            MARGIN,
            MARGIN + 46.0,
            fitting_px(subtitle, 13.0, avail),
            theme.muted_text(),
            subtitle,
        ))
}

/// A thin frame round the map.
pub fn map_frame(layout: &Layout, theme: Theme) -> El {
    let m = layout.map;
    El::new("rect")
        .class("map-frame")
        .num("x", m.x)
        .num("y", m.y)
        .num("width", m.w)
        .num("height", m.h)
        .attr("fill", "none")
        .attr("stroke", theme.muted_text())
        .attr("stroke-width", "1")
}

/// The scale bar, in the map's lower left corner.
pub fn scale_bar(bar: &ScaleBar, layout: &Layout, theme: Theme) -> El {
    let w = if bar.width_px.is_finite() {
        bar.width_px.max(0.0)
    } else {
        0.0
    };
    let label_w = text_width(&bar.label, 12.0);
    let (x, y) = (
        layout.map.x + 12.0,
        layout.map.y + layout.map.h - 12.0 - 16.0,
    );
    El::new("g")
        .class("scale-bar")
        .attr("transform", format!("translate({} {})", num(x), num(y)))
        .num("data-metres", bar.metres)
        .child(
            El::new("rect")
                .attr("x", "-6")
                .attr("y", "-4")
                .num("width", w + label_w + 20.0)
                .attr("height", "24")
                .attr("rx", "3")
                .attr("fill", theme.halo())
                .attr("fill-opacity", "0.85"),
        )
        .child(
            El::new("path")
                .attr("d", format!("M0 4V10H{}V4", num(w)))
                .attr("fill", "none")
                .attr("stroke", theme.text())
                .attr("stroke-width", "2"),
        )
        .child(
            El::new("text")
                .num("x", w + 8.0)
                .attr("y", "8")
                .attr("dominant-baseline", "central")
                .attr("font-size", "12")
                .attr("fill", theme.text())
                .text(bar.label.clone()),
        )
}

/// The north arrow, in the map's upper right corner (Web Mercator: north is straight up).
pub fn north_arrow(layout: &Layout, theme: Theme, lang: Lang) -> El {
    let (x, y) = (layout.map.x + layout.map.w - 30.0, layout.map.y + 12.0);
    El::new("g")
        .class("north-arrow")
        .attr("transform", format!("translate({} {})", num(x), num(y)))
        .child(
            El::new("rect")
                .attr("x", "-18")
                .attr("y", "0")
                .attr("width", "36")
                .attr("height", "50")
                .attr("rx", "4")
                .attr("fill", theme.halo())
                .attr("fill-opacity", "0.85"),
        )
        .child(
            El::new("path")
                .attr("d", "M0 5L9 27L0 22Z")
                .attr("fill", theme.text()),
        )
        .child(
            El::new("path")
                .attr("d", "M0 5L-9 27L0 22Z")
                .attr("fill", "none")
                .attr("stroke", theme.text())
                .attr("stroke-width", "1.2")
                .attr("stroke-linejoin", "round"),
        )
        .child(
            El::new("text")
                .attr("x", "0")
                .attr("y", "38")
                .attr("text-anchor", "middle")
                .attr("dominant-baseline", "central")
                .attr("font-size", "13")
                .attr("font-weight", "700")
                .attr("fill", theme.text())
                .text(Text::NorthArrow.get(lang)),
        )
}

/// A story page's quote, under the map (nothing on other pages).
pub fn quote(layout: &Layout, theme: Theme) -> Option<El> {
    let h = layout.heading.as_ref()?;
    let top = layout.map.y + layout.map.h + 8.0;
    Some(
        El::new("g")
            .class("quote")
            .attr("xml:lang", "zh-CN")
            .children(h.quote.iter().enumerate().map(|(i, l)| {
                El::new("text")
                    .num("x", MARGIN)
                    .num("y", top + (i as f64 + 0.75) * QUOTE_LINE)
                    .num("font-size", QUOTE_PX)
                    .attr("fill", theme.text())
                    .text(l.clone())
            })),
    )
}

/// The attribution lines at the foot of the page.
pub fn attribution(layout: &Layout, theme: Theme) -> El {
    let n = layout.attribution.len() as f64;
    let top = layout.height - 10.0 - n * ATTRIBUTION_LINE;
    El::new("g")
        .class("attribution")
        .children(layout.attribution.iter().enumerate().map(|(i, l)| {
            El::new("text")
                .num("x", MARGIN)
                .num("y", top + (i as f64 + 0.75) * ATTRIBUTION_LINE)
                .num("font-size", ATTRIBUTION_PX)
                .attr("fill", theme.muted_text())
                .text(l.clone())
        }))
}
