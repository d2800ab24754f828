//! The exported page: paper sizes and pixels, the layout chosen for them, and the map's view.

use super::args::ViewArg;
use crate::geometry::mercator::project;
use crate::geometry::viewport::Viewport;
use crate::i18n::Lang;
use crate::render::svg::Layout;
use crate::scene::world::WorldPlan;

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

/// The view for the map frame: `--view`, or the district fitted as the app's home view.
pub fn view(world: &WorldPlan, arg: Option<ViewArg>, w: f64, h: f64) -> Result<Viewport, String> {
    match arg {
        None => Ok(world.home_view(w, h)),
        Some(v) => {
            let c = project(v.lon, v.lat);
            let e = world.extent;
            let inside =
                (e.min().x..=e.max().x).contains(&c.x) && (e.min().y..=e.max().y).contains(&c.y);
            if !inside {
                let (lon0, lat0) = crate::geometry::mercator::unproject(e.min());
                let (lon1, lat1) = crate::geometry::mercator::unproject(e.max());
                return Err(format!(
                    "--view: the centre {:.5},{:.5} (lat,lon) is outside the map's data \
                     (lat {:.3}–{:.3}, lon {:.3}–{:.3})",
                    v.lat,
                    v.lon,
                    lat1.min(lat0),
                    lat1.max(lat0),
                    lon0.min(lon1),
                    lon0.max(lon1)
                ));
            }
            Ok(Viewport::new(c, v.zoom, w, h))
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn paper_sizes_at_300_dpi() {
        let world = WorldPlan::new(crate::tools::check::load_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata"),
        ));
        let a4 = Size::Paper {
            paper: Paper::A4,
            landscape: false,
        };
        let p = page(a4, &world, Lang::Zh).unwrap();
        assert_eq!((p.px_w, p.px_h), (2480, 3508));
        let a3 = Size::Paper {
            paper: Paper::A3,
            landscape: true,
        };
        let p = page(a3, &world, Lang::En).unwrap();
        assert_eq!((p.px_w, p.px_h), (4961, 3508));
        let p = page(
            Size::Pixels {
                width: 1200,
                height: None,
            },
            &world,
            Lang::Zh,
        )
        .unwrap();
        assert_eq!(p.px_w, 1200);
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
        // A view outside the data.
        let far = ViewArg {
            zoom: 12.0,
            lat: 10.0,
            lon: 10.0,
        };
        assert!(view(&world, Some(far), 500.0, 500.0)
            .unwrap_err()
            .contains("outside"));
    }
}
