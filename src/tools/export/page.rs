//! The exported page: paper sizes and pixels, the layout chosen for them, and the map's view.

use crate::geometry::mercator::project;
use crate::geometry::viewport::Viewport;
use crate::i18n::Lang;
use crate::render::svg::Layout;
use crate::scene::world::WorldPlan;
use crate::state::UrlView;

/// Resolution of paper pages.
pub const PAPER_DPI: f64 = 300.0;
/// CSS pixels per inch: the unit the scene is laid out in.
const CSS_DPI: f64 = 96.0;
/// Largest page side, pixels (an A3 page at 300 dpi is 4961).
pub const MAX_PX: u32 = 10_000;
/// Smallest page sides for `--width`/`--height`.
pub const MIN_WIDTH: u32 = 480;
pub const MIN_HEIGHT: u32 = 360;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4,
    A3,
}

impl Paper {
    /// Portrait size, millimetres.
    pub fn mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Size {
    /// A screen-sized page: pixels are CSS pixels. No height: fitted to the district.
    Pixels { width: u32, height: Option<u32> },
    /// A paper page at [`PAPER_DPI`].
    Paper { paper: Paper, landscape: bool },
}

/// The page: its size in the scene's CSS pixels, in output pixels, and on paper.
#[derive(Clone, Debug, PartialEq)]
pub struct Page {
    pub px_w: u32,
    pub px_h: u32,
    pub size_mm: Option<(f64, f64)>,
    pub layout: Layout,
}

/// Lay out the page for `size`.
pub fn page(size: Size, world: &WorldPlan, lang: Lang) -> Result<Page, String> {
    let too_small = |w: f64, h: f64| {
        format!(
            "a {w:.0} × {h:.0} px page is too small for the map, its legend and title; \
             make it larger"
        )
    };
    match size {
        Size::Pixels { width, height } => {
            let w = width as f64;
            let h = match height {
                Some(h) => h as f64,
                None => {
                    let aspect = world.home.height() / world.home.width().max(1e-12);
                    Layout::page_height_for(w, aspect, lang).round()
                }
            };
            if h > MAX_PX as f64 {
                return Err(format!(
                    "the fitted page would be {h:.0} px tall (more than {MAX_PX}); pass --height"
                ));
            }
            let layout = Layout::for_page(w, h, lang).ok_or_else(|| too_small(w, h))?;
            Ok(Page {
                px_w: width,
                px_h: h as u32,
                size_mm: None,
                layout,
            })
        }
        Size::Paper { paper, landscape } => {
            let (mut mw, mut mh) = paper.mm();
            if landscape {
                std::mem::swap(&mut mw, &mut mh);
            }
            let px = |mm: f64| (mm / 25.4 * PAPER_DPI).round();
            let (px_w, px_h) = (px(mw), px(mh));
            let ratio = PAPER_DPI / CSS_DPI;
            let (w, h) = (px_w / ratio, px_h / ratio);
            let layout = Layout::for_page(w, h, lang).ok_or_else(|| too_small(w, h))?;
            Ok(Page {
                px_w: px_w as u32,
                px_h: px_h as u32,
                size_mm: Some((mw, mh)),
                layout,
            })
        }
    }
}

/// The view for a map frame of `w` × `h`: the district fitted, as the page's home view, or
/// `--view` kept within reach of the data exactly as the page keeps a link's view
/// ([`UrlView::limited`]), so a link and an export of one view show the same thing. The note
/// says what the limit changed, if anything.
pub fn view(world: &WorldPlan, arg: Option<UrlView>, w: f64, h: f64) -> (Viewport, Option<String>) {
    let Some(asked) = arg else {
        return (world.home_view(w, h), None);
    };
    let shown = asked.limited(world, w, h);
    let moved = shown.zoom != asked.zoom || shown.center != project(asked.lon, asked.lat);
    let note = moved.then(|| {
        format!(
            "--view {asked}: drawn at {} instead, as the app shows this view \
             (views stay within reach of the map's data)",
            UrlView::of(&shown)
        )
    });
    (shown, note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::viewport::MAX_ZOOM;
    use crate::scene::canvas::ZOOM_OUT_MARGIN;
    use std::path::Path;

    fn world() -> WorldPlan {
        WorldPlan::new(crate::tools::check::load_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata"),
        ))
    }

    #[test]
    fn paper_sizes_at_300_dpi() {
        let world = world();
        let a4 = Size::Paper {
            paper: Paper::A4,
            landscape: false,
        };
        let p = page(a4, &world, Lang::Zh).unwrap();
        assert_eq!((p.px_w, p.px_h), (2480, 3508));
        assert_eq!(p.size_mm, Some((210.0, 297.0)));
        let a3 = Size::Paper {
            paper: Paper::A3,
            landscape: true,
        };
        let p = page(a3, &world, Lang::En).unwrap();
        assert_eq!((p.px_w, p.px_h), (4961, 3508));
        assert_eq!(p.size_mm, Some((420.0, 297.0)));
        let p = page(
            Size::Pixels {
                width: 1200,
                height: None,
            },
            &world,
            Lang::Zh,
        )
        .unwrap();
        assert_eq!((p.px_w, p.size_mm), (1200, None));
        // The map frame takes the district's shape (to the pixel).
        let aspect = world.home.height() / world.home.width();
        let frame = p.layout.map;
        assert!(
            (frame.h - frame.w * aspect.clamp(0.5, 2.0)).abs() <= 1.0,
            "{frame:?}"
        );
        // Too small for the furniture: an error, not a panic.
        let small = Size::Pixels {
            width: 480,
            height: Some(300),
        };
        assert!(page(small, &world, Lang::Zh)
            .unwrap_err()
            .contains("too small"));
    }

    #[test]
    fn views_are_limited_as_the_page_limits_links() {
        let world = world();
        let (w, h) = (900.0, 700.0);
        let home = world.home_view(w, h);
        assert_eq!(view(&world, None, w, h), (home, None));
        let at = |s: &str| view(&world, Some(UrlView::parse(s).unwrap()), w, h);
        // Within reach: drawn as asked, no note.
        let asked = UrlView::parse("13/36.6/117.0").unwrap();
        assert_eq!(at("13/36.6/117.0"), (asked.viewport(w, h), None));
        // Centred far from the data: moved to its edge, as a link would be.
        let (far, note) = at("12/10/10");
        assert_eq!(
            far,
            world.limit(UrlView::parse("12/10/10").unwrap().viewport(w, h))
        );
        let (e0, e1) = (world.extent.min(), world.extent.max());
        assert!((e0.x..=e1.x).contains(&far.center.x) && (e0.y..=e1.y).contains(&far.center.y));
        let note = note.expect("a note when the view was moved");
        assert!(
            note.starts_with("--view 12.00/10.00000/10.00000: drawn at 12.00/"),
            "{note}"
        );
        // Zoomed out past the district, or in past street level: the zoom is limited.
        let (out, note) = at("3/36.6/117");
        assert!(
            (out.zoom - (home.zoom - ZOOM_OUT_MARGIN)).abs() < 1e-9,
            "{out:?}"
        );
        assert!(note.is_some());
        let (deep, note) = at("24/36.6/117");
        assert_eq!(deep.zoom, MAX_ZOOM);
        assert!(note.unwrap().contains("drawn at 18.00/36.60000/117.00000"));
    }
}
