//! Where the parts of a printed or shared map go: the title block, the map, the legend column
//! and the attribution, and how text is wrapped to fit them.

use crate::i18n::{Lang, Text};
use crate::scene::text::text_width;

/// Space around and between the page's parts, CSS pixels.
pub const MARGIN: f64 = 16.0;
/// The title block above the map.
pub const TITLE_H: f64 = 58.0;
/// The legend column right of the map.
pub const LEGEND_W: f64 = 224.0;
pub const LEGEND_PAD: f64 = 12.0;
pub const ATTRIBUTION_PX: f64 = 11.0;
pub const ATTRIBUTION_LINE: f64 = 15.0;
/// The smallest map a page may hold, CSS pixels per side.
pub const MIN_MAP_PX: f64 = 200.0;
/// A story page's quote under the map: its font size and line height, CSS pixels.
pub const QUOTE_PX: f64 = 14.0;
pub const QUOTE_LINE: f64 = 21.0;

/// What a page of the guided story prints instead of the plan's title: the step's title,
/// a line saying which step of which map it is, and the report's words, wrapped to the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub title: String,
    pub subtitle: String,
    pub quote: Vec<String>,
}

/// A rectangle on the page, CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// Where the parts of the page go. The map's size is the scene's view size.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub map: Frame,
    /// The legend column (`None` without furniture).
    pub legend: Option<Frame>,
    /// The attribution, wrapped to the page width.
    pub attribution: Vec<String>,
    /// A story step's heading and quote (`None`: the plan's title, no quote).
    pub heading: Option<Heading>,
}

fn attribution_lines(page_w: f64, lang: Lang) -> Vec<String> {
    credited_lines(page_w, Text::Attribution.get(lang))
}

fn credited_lines(page_w: f64, text: &str) -> Vec<String> {
    wrap(text, ATTRIBUTION_PX, page_w - 2.0 * MARGIN)
}

fn footer_h(lines: usize) -> f64 {
    10.0 + lines as f64 * ATTRIBUTION_LINE + 10.0
}

impl Layout {
    /// The map alone.
    pub fn bare(map_w: f64, map_h: f64) -> Layout {
        Layout {
            width: map_w,
            height: map_h,
            map: Frame {
                x: 0.0,
                y: 0.0,
                w: map_w,
                h: map_h,
            },
            legend: None,
            attribution: vec![],
            heading: None,
        }
    }

    /// The page around a map of this size, with furniture.
    pub fn around_map(map_w: f64, map_h: f64, lang: Lang) -> Layout {
        let width = MARGIN + map_w + MARGIN + LEGEND_W + MARGIN;
        let attribution = attribution_lines(width, lang);
        let height = MARGIN + TITLE_H + map_h + footer_h(attribution.len());
        Layout {
            width,
            height,
            map: Frame {
                x: MARGIN,
                y: MARGIN + TITLE_H,
                w: map_w,
                h: map_h,
            },
            legend: Some(Frame {
                x: MARGIN + map_w + MARGIN,
                y: MARGIN + TITLE_H,
                w: LEGEND_W,
                h: map_h,
            }),
            attribution,
            heading: None,
        }
    }

    /// This page as a story step's: `title` and `subtitle` in the title block, and `quote`
    /// (labelled `label`) wrapped under the map, which gives up the height it takes. `None`
    /// when the map would then be smaller than [`MIN_MAP_PX`].
    ///
    /// ```
    /// use shizhong_map::{i18n::Lang, render::layout::Layout};
    /// let page = Layout::for_page(1200.0, 800.0, Lang::Zh).unwrap();
    /// let step = page.clone().with_heading("一带".into(), "1 / 7".into(), "报告原文：", "“一带”").unwrap();
    /// assert_eq!(step.heading.as_ref().unwrap().quote, ["报告原文：“一带”"]);
    /// assert!(step.map.h < page.map.h && step.map.y == page.map.y);
    /// ```
    pub fn with_heading(
        mut self,
        title: String,
        subtitle: String,
        label: &str,
        quote: &str,
    ) -> Option<Layout> {
        let quote = wrap(
            &format!("{label}{quote}"),
            QUOTE_PX,
            self.width - 2.0 * MARGIN,
        );
        let taken = 8.0 + quote.len() as f64 * QUOTE_LINE;
        self.map.h -= taken;
        if let Some(legend) = &mut self.legend {
            legend.h -= taken;
        }
        if self.map.h < MIN_MAP_PX {
            return None;
        }
        self.heading = Some(Heading {
            title,
            subtitle,
            quote,
        });
        Some(self)
    }

    /// This page with `credit` (a basemap's) after the attribution: the page grows by the
    /// lines it adds, the map keeps its size.
    pub fn with_credit(mut self, credit: &str, lang: Lang) -> Layout {
        let before = self.attribution.len();
        let text = format!("{} · {credit}", Text::Attribution.get(lang));
        self.attribution = credited_lines(self.width, &text);
        self.height += footer_h(self.attribution.len()) - footer_h(before);
        self
    }

    /// The layout of a page of this size, with furniture; `None` when the map would be smaller
    /// than [`MIN_MAP_PX`] on a side.
    pub fn for_page(width: f64, height: f64, lang: Lang) -> Option<Layout> {
        if !(width.is_finite() && height.is_finite()) {
            return None;
        }
        let map_w = width - 3.0 * MARGIN - LEGEND_W;
        let lines = attribution_lines(width, lang).len();
        let map_h = height - MARGIN - TITLE_H - footer_h(lines);
        if map_w < MIN_MAP_PX || map_h < MIN_MAP_PX {
            return None;
        }
        let mut layout = Layout::around_map(map_w, map_h, lang);
        // Exactly the size asked for, whatever the rounding.
        layout.width = width;
        layout.height = height;
        Some(layout)
    }

    /// The map height that gives the map `aspect` (height / width) on a page `width` wide,
    /// kept within half and twice the map's width.
    pub fn page_height_for(width: f64, aspect: f64, lang: Lang) -> f64 {
        let map_w = (width - 3.0 * MARGIN - LEGEND_W).max(MIN_MAP_PX);
        let aspect = if aspect.is_finite() { aspect } else { 1.0 };
        let map_h = (map_w * aspect.clamp(0.5, 2.0)).max(MIN_MAP_PX);
        Layout::around_map(map_w, map_h, lang).height
    }
}

/// Greedy line breaking by [`text_width`]: Latin text breaks at spaces, CJK between any two
/// characters. A single word wider than `max_w` gets a line of its own.
pub fn wrap(text: &str, font_px: f64, max_w: f64) -> Vec<String> {
    // Units: a run of spaces plus the word after it, or one non-ASCII character.
    let mut units: Vec<String> = vec![];
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii() && c != ' ' {
            cur.push(c);
        } else if c == ' ' {
            if !cur.trim().is_empty() {
                units.push(std::mem::take(&mut cur));
            }
            cur.push(c);
        } else {
            if !cur.is_empty() {
                units.push(std::mem::take(&mut cur));
            }
            units.push(c.to_string());
        }
    }
    if !cur.is_empty() {
        units.push(cur);
    }
    let mut lines = vec![];
    let mut line = String::new();
    for u in units {
        let candidate = format!("{line}{u}");
        if !line.trim().is_empty() && text_width(candidate.trim_end(), font_px) > max_w {
            lines.push(line.trim_end().to_string());
            line = u.trim_start().to_string();
        } else {
            line = candidate;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim().to_string());
    }
    lines
}

/// Font size that fits `text` into `max_w`, at most `px`.
pub fn fitting_px(text: &str, px: f64, max_w: f64) -> f64 {
    let w = text_width(text, px);
    if w > max_w && w > 0.0 {
        (px * max_w / w).max(6.0)
    } else {
        px
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_layout_round_trips() {
        for lang in [Lang::Zh, Lang::En] {
            let l = Layout::for_page(793.6, 1122.56, lang).unwrap();
            let again = Layout::around_map(l.map.w, l.map.h, lang);
            assert!((again.width - 793.6).abs() < 1e-6 && (again.height - 1122.56).abs() < 1e-6);
            assert!(!l.attribution.is_empty(), "{:?}", l.attribution);
            let h = Layout::page_height_for(1200.0, 1.8, lang);
            let l = Layout::for_page(1200.0, h, lang).unwrap();
            assert!((l.map.h / l.map.w - 1.8).abs() < 1e-6);
        }
        assert!(Layout::for_page(300.0, 300.0, Lang::Zh).is_none());
        assert!(Layout::for_page(f64::NAN, 300.0, Lang::Zh).is_none());
    }

    #[test]
    fn wrapping() {
        assert_eq!(wrap("aa bb cc", 10.0, 40.0), vec!["aa bb", "cc"]);
        let zh = wrap("分区边界与科创带宽度为示意", 10.0, 52.0);
        assert!(zh.len() > 1 && zh.concat() == "分区边界与科创带宽度为示意");
        assert_eq!(wrap("", 10.0, 50.0), Vec::<String>::new());
    }
}
