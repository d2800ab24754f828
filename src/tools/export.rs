//! `shizhong export`: a static map, SVG or PNG, drawn from the very scene the browser draws
//! ([`crate::scene::build`] → [`crate::render::svg`]), with a title, legend, scale bar, north
//! arrow and attribution. PNGs are rasterised with resvg; they need a font that can draw
//! Chinese, and the export fails rather than draw empty boxes ("tofu") without one.

use crate::geometry::mercator::project;
use crate::geometry::viewport::{Viewport, MAX_ZOOM, MIN_ZOOM};
use crate::i18n::Lang;
use crate::plan::{Category, Severity};
use crate::render::svg::{
    clustered_categories, to_svg_with_layout, Layout, SvgOptions, FONT_FAMILY,
};
use crate::scene::layers::LayerSet;
use crate::scene::style::Theme;
use crate::scene::world::WorldPlan;
use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const USAGE: &str = "usage: shizhong export -o FILE [options]
  -o FILE                 where to write (`-` for standard output)
  --format svg|png        default: from FILE's extension, else svg
  --width PX              page width in pixels (default 1200); --height PX is optional
  --paper a4|a3           a paper page at 300 dpi instead (portrait; --landscape to turn it)
  --lang zh|en            labels and furniture language (default zh)
  --layers CODES          comma-separated categories to show (default: all), e.g. district,zone,renewal
  --view ZOOM/LAT/LON     centre and zoom, as in the app's links (default: the whole district)
  --theme light|dark      default light
  --feature ID            the selected feature, outlined as in the app
  --data DIR              the data folder (default geodata)
  --font FILE             also use this font file (repeatable)
  --no-system-fonts       use only the --font files";

/// Resolution of paper pages.
pub const PAPER_DPI: f64 = 300.0;
/// CSS pixels per inch: the unit the scene is laid out in.
const CSS_DPI: f64 = 96.0;
/// Largest page side, pixels (an A3 page at 300 dpi is 4961).
pub const MAX_PX: u32 = 10_000;
/// Smallest page sides for `--width`/`--height`.
pub const MIN_WIDTH: u32 = 480;
pub const MIN_HEIGHT: u32 = 360;

/// CJK fonts looked for by path as well as through the system's font folders.
pub const CJK_FONT_FILES: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

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

/// `--view ZOOM/LAT/LON`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewArg {
    pub zoom: f64,
    pub lat: f64,
    pub lon: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub format: Format,
    pub size: Size,
    pub lang: Lang,
    pub layers: LayerSet,
    pub view: Option<ViewArg>,
    pub theme: Theme,
    pub selected: Option<String>,
    pub data: PathBuf,
    /// `-` for standard output.
    pub output: PathBuf,
    pub fonts: Vec<PathBuf>,
    pub system_fonts: bool,
}

fn parse_view(v: &str) -> Result<ViewArg, String> {
    let bad = || format!("--view {v:?}: expected ZOOM/LAT/LON, e.g. 13/36.60/117.00");
    let parts: Vec<&str> = v.split('/').collect();
    let [z, lat, lon] = parts[..] else {
        return Err(bad());
    };
    let num = |s: &str| s.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    let (Some(zoom), Some(lat), Some(lon)) = (num(z), num(lat), num(lon)) else {
        return Err(bad());
    };
    if !(MIN_ZOOM..=MAX_ZOOM).contains(&zoom) {
        return Err(format!(
            "--view {v:?}: zoom {zoom} is outside {MIN_ZOOM}–{MAX_ZOOM}"
        ));
    }
    if !(-85.0..=85.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!(
            "--view {v:?}: latitude must be within ±85 and longitude within ±180"
        ));
    }
    Ok(ViewArg { zoom, lat, lon })
}

fn parse_layers(v: &str) -> Result<LayerSet, String> {
    if v.trim() == "all" {
        return Ok(LayerSet::ALL);
    }
    let mut set = LayerSet::NONE;
    for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let c: Category = part.parse().map_err(|e| format!("--layers: {e}"))?;
        set.set(c, true);
    }
    if set == LayerSet::NONE {
        return Err("--layers: name at least one category (or `all`)".into());
    }
    Ok(set)
}

fn parse_px(name: &str, v: &str, min: u32) -> Result<u32, String> {
    let px: u32 = v
        .trim()
        .parse()
        .map_err(|_| format!("{name} {v:?}: expected a whole number of pixels"))?;
    if !(min..=MAX_PX).contains(&px) {
        return Err(format!("{name} {px}: must be within {min}–{MAX_PX}"));
    }
    Ok(px)
}

/// Parse the arguments after `export`. Every mistake is an error message, never a panic.
pub fn parse_args(args: &[String]) -> Result<ExportOptions, String> {
    let mut format = None;
    let mut width = None;
    let mut height = None;
    let mut paper = None;
    let mut landscape = false;
    let mut lang = Lang::Zh;
    let mut layers = LayerSet::ALL;
    let mut view = None;
    let mut theme = Theme::Light;
    let mut selected = None;
    let mut data = PathBuf::from("geodata");
    let mut output = None;
    let mut fonts = vec![];
    let mut system_fonts = true;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        i += 1;
        // `--name value` or `--name=value`.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg, None),
        };
        let takes_value = matches!(
            name,
            "-o" | "--output"
                | "--format"
                | "--width"
                | "--height"
                | "--paper"
                | "--lang"
                | "--layers"
                | "--view"
                | "--theme"
                | "--feature"
                | "--data"
                | "--font"
        );
        let value = if takes_value {
            match inline {
                Some(v) => v,
                None => {
                    let v = args
                        .get(i)
                        .ok_or_else(|| format!("{name} needs a value"))?
                        .clone();
                    i += 1;
                    v
                }
            }
        } else {
            if inline.is_some() {
                return Err(format!("{name} takes no value"));
            }
            String::new()
        };
        match name {
            "-o" | "--output" => output = Some(PathBuf::from(value)),
            "--format" => {
                format = Some(match value.trim().to_ascii_lowercase().as_str() {
                    "svg" => Format::Svg,
                    "png" => Format::Png,
                    _ => return Err(format!("--format {value:?}: expected svg or png")),
                })
            }
            "--width" => width = Some(parse_px("--width", &value, MIN_WIDTH)?),
            "--height" => height = Some(parse_px("--height", &value, MIN_HEIGHT)?),
            "--paper" => {
                paper = Some(match value.trim().to_ascii_lowercase().as_str() {
                    "a4" => Paper::A4,
                    "a3" => Paper::A3,
                    _ => return Err(format!("--paper {value:?}: expected a4 or a3")),
                })
            }
            "--landscape" => landscape = true,
            "--lang" => {
                lang = Lang::parse(&value)
                    .ok_or_else(|| format!("--lang {value:?}: expected zh or en"))?
            }
            "--layers" => layers = parse_layers(&value)?,
            "--view" => view = Some(parse_view(&value)?),
            "--theme" => {
                theme = Theme::parse(value.trim())
                    .ok_or_else(|| format!("--theme {value:?}: expected light or dark"))?
            }
            "--feature" => {
                if value.trim().is_empty() {
                    return Err("--feature needs a feature id".into());
                }
                selected = Some(value.trim().to_string())
            }
            "--data" => data = PathBuf::from(value),
            "--font" => fonts.push(PathBuf::from(value)),
            "--no-system-fonts" => system_fonts = false,
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    let output = output.ok_or("missing -o FILE (use -o - for standard output)")?;
    let ext = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let from_ext = match ext.as_deref() {
        Some("png") => Some(Format::Png),
        Some("svg") => Some(Format::Svg),
        _ => None,
    };
    let format = match (format, from_ext) {
        (Some(f), Some(e)) if f != e => {
            return Err(format!(
                "--format {} does not match the output file {}",
                if f == Format::Png { "png" } else { "svg" },
                output.display()
            ))
        }
        (Some(f), _) => f,
        (None, Some(e)) => e,
        (None, None) => Format::Svg,
    };
    let size = match (paper, width, height) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err("--paper cannot be combined with --width or --height".into())
        }
        (Some(paper), None, None) => Size::Paper { paper, landscape },
        (None, w, h) => {
            if landscape {
                return Err("--landscape needs --paper".into());
            }
            Size::Pixels {
                width: w.unwrap_or(1200),
                height: h,
            }
        }
    };
    Ok(ExportOptions {
        format,
        size,
        lang,
        layers,
        view,
        theme,
        selected,
        data,
        output,
        fonts,
        system_fonts,
    })
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

/// What an export drew.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub svg: String,
    pub page: Page,
    pub shapes: usize,
    pub markers: usize,
    pub clusters: usize,
    pub labels: usize,
}

/// The SVG document for these options.
pub fn build_svg(world: &WorldPlan, opts: &ExportOptions) -> Result<Drawn, String> {
    if let Some(id) = &opts.selected {
        if world.plan.get(id).is_none() {
            return Err(format!("--feature {id:?}: no feature has this id"));
        }
    }
    let page = page(opts.size, world, opts.lang)?;
    let map = page.layout.map;
    let view = view(world, opts.view, map.w, map.h)?;
    let scene = crate::scene::build(
        world,
        &view,
        opts.layers,
        opts.lang,
        opts.theme,
        opts.selected.as_deref(),
    );
    let svg_opts = SvgOptions {
        furniture: true,
        selected: opts.selected.clone(),
        font_family: FONT_FAMILY.to_string(),
        size_mm: page.size_mm,
        clustered: clustered_categories(&scene, world),
    };
    let svg = to_svg_with_layout(&scene, &svg_opts, &page.layout);
    Ok(Drawn {
        svg,
        shapes: scene.shapes.len(),
        markers: scene.overlay.markers.len(),
        clusters: scene.overlay.clusters.len(),
        labels: scene.overlay.labels.len(),
        page,
    })
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303f | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// The characters of `text` that no face in `db` can draw (spaces and controls aside).
pub fn missing_chars(db: &fontdb::Database, text: &str) -> Vec<char> {
    use skrifa::MetadataProvider;
    let mut need: BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    for face in db.faces() {
        if need.is_empty() {
            break;
        }
        db.with_face_data(face.id, |data, index| {
            if let Ok(font) = skrifa::FontRef::from_index(data, index) {
                let cmap = font.charmap();
                need.retain(|c| cmap.map(*c).is_none());
            }
        });
    }
    need.into_iter().collect()
}

/// Whether face `id` of `db` has a glyph for every character of `text`.
pub fn face_draws(db: &fontdb::Database, id: fontdb::ID, text: &str) -> bool {
    use skrifa::MetadataProvider;
    db.with_face_data(id, |data, index| {
        skrifa::FontRef::from_index(data, index).is_ok_and(|f| {
            let cmap = f.charmap();
            text.chars().all(|c| cmap.map(c).is_some())
        })
    })
    .unwrap_or(false)
}

/// The family of the first face that draws Chinese, if any.
pub fn cjk_family(db: &fontdb::Database) -> Option<String> {
    db.faces()
        .find(|face| face_draws(db, face.id, "市中区规划"))
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
}

fn loaded(db: &fontdb::Database, path: &Path) -> bool {
    db.faces()
        .any(|f| matches!(&f.source, fontdb::Source::File(p) if p == path))
}

/// The fonts for PNG output: the system's (and the known CJK font files) unless
/// `system` is false, plus `extra` files. `sans-serif` is set to a CJK-capable family.
pub fn font_database(extra: &[PathBuf], system: bool) -> Result<fontdb::Database, String> {
    let mut db = fontdb::Database::new();
    if system {
        db.load_system_fonts();
        for p in CJK_FONT_FILES.iter().map(Path::new) {
            if p.is_file() && !loaded(&db, p) {
                let _ = db.load_font_file(p);
            }
        }
    }
    for p in extra {
        db.load_font_file(p)
            .map_err(|e| format!("--font {}: {e}", p.display()))?;
    }
    if let Some(family) = cjk_family(&db) {
        db.set_sans_serif_family(family);
    }
    Ok(db)
}

/// All text the document draws (the contents of its `<text>` elements).
pub fn drawn_text(svg: &str) -> Result<String, String> {
    let doc =
        roxmltree::Document::parse(svg).map_err(|e| format!("the SVG is not well-formed: {e}"))?;
    Ok(doc
        .descendants()
        .filter(|n| n.is_text())
        .filter(|n| {
            n.parent_element()
                .is_some_and(|p| p.tag_name().name() == "text")
        })
        .filter_map(|n| n.text())
        .collect())
}

/// Why a PNG cannot be drawn without tofu, if it cannot.
pub fn check_fonts(db: &fontdb::Database, svg: &str) -> Result<(), String> {
    let missing = missing_chars(db, &drawn_text(svg)?);
    if missing.is_empty() {
        return Ok(());
    }
    let list: String = missing
        .iter()
        .take(12)
        .map(|c| format!(" {c}"))
        .collect::<String>();
    if missing.iter().any(|c| is_cjk(*c)) {
        Err(format!(
            "no CJK font found: no installed font can draw the map's Chinese text (missing:{list}). \
             Install one (Debian: apt-get install fonts-wqy-microhei, which provides {}) \
             or pass --font FILE",
            CJK_FONT_FILES[0]
        ))
    } else {
        Err(format!(
            "no installed font can draw these characters:{list}. Install a font that has them \
             or pass --font FILE"
        ))
    }
}

/// Rasterise an SVG document to exactly `width` × `height` pixels, checking first that every
/// character it draws has a glyph.
pub fn render_pixmap(
    svg: &str,
    width: u32,
    height: u32,
    db: Arc<fontdb::Database>,
) -> Result<tiny_skia::Pixmap, String> {
    check_fonts(&db, svg)?;
    let opts = usvg::Options {
        fontdb: db,
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &opts).map_err(|e| format!("the SVG could not be read: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot make a {width} × {height} image"))?;
    let size = tree.size();
    let t = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, t, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// [`render_pixmap`], encoded as PNG.
pub fn render_png(
    svg: &str,
    width: u32,
    height: u32,
    db: Arc<fontdb::Database>,
) -> Result<Vec<u8>, String> {
    render_pixmap(svg, width, height, db)?
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

/// What `run` did, for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub summary: String,
    pub warnings: Vec<String>,
}

/// Load the data, draw, and write the file.
pub fn run(opts: &ExportOptions) -> Result<Report, String> {
    let plan = super::check::load_dir(&opts.data);
    let mut warnings = vec![];
    let errors = plan
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    if plan.features.iter().all(|f| !f.is_drawn()) {
        let first = plan
            .problems
            .first()
            .map(|p| format!(": {p}"))
            .unwrap_or_default();
        return Err(format!("nothing to draw in {}{first}", opts.data.display()));
    }
    if errors > 0 {
        warnings.push(format!(
            "{errors} error(s) in {}; drawing what loaded (run `shizhong check {}`)",
            opts.data.display(),
            opts.data.display()
        ));
    }
    let world = WorldPlan::new(plan);
    let drawn = build_svg(&world, opts)?;
    let bytes = match opts.format {
        Format::Svg => drawn.svg.clone().into_bytes(),
        Format::Png => {
            let db = font_database(&opts.fonts, opts.system_fonts)?;
            render_png(&drawn.svg, drawn.page.px_w, drawn.page.px_h, Arc::new(db))?
        }
    };
    if opts.output == Path::new("-") {
        use std::io::Write;
        std::io::stdout()
            .write_all(&bytes)
            .map_err(|e| format!("cannot write to standard output: {e}"))?;
    } else {
        std::fs::write(&opts.output, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", opts.output.display()))?;
    }
    let size = match opts.size {
        Size::Paper { paper, landscape } => format!(
            "{}, {} at {PAPER_DPI} dpi",
            if paper == Paper::A4 { "A4" } else { "A3" },
            if landscape { "landscape" } else { "portrait" }
        ),
        Size::Pixels { .. } => "screen page".into(),
    };
    Ok(Report {
        summary: format!(
            "wrote {} ({} × {} px, {size}): {} shapes, {} markers, {} clusters, {} labels",
            if opts.output == Path::new("-") {
                "standard output".into()
            } else {
                opts.output.display().to_string()
            },
            drawn.page.px_w,
            drawn.page.px_h,
            drawn.shapes,
            drawn.markers,
            drawn.clusters,
            drawn.labels
        ),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_options() {
        let o = parse_args(&args(
            "--paper a4 --landscape --lang en --layers zone,renewal --view 13/36.6/117.0 --theme dark --feature zone.north -o x.png",
        ))
        .unwrap();
        assert_eq!(o.format, Format::Png);
        assert_eq!(
            o.size,
            Size::Paper {
                paper: Paper::A4,
                landscape: true
            }
        );
        assert_eq!(o.lang, Lang::En);
        assert!(o.layers.contains(Category::Zone) && !o.layers.contains(Category::Road));
        assert_eq!(o.view.unwrap().zoom, 13.0);
        assert_eq!(o.theme, Theme::Dark);
        let o = parse_args(&args("-o map --width=900")).unwrap();
        assert_eq!(o.format, Format::Svg);
        assert_eq!(
            o.size,
            Size::Pixels {
                width: 900,
                height: None
            }
        );
    }

    #[test]
    fn bad_options_are_errors() {
        for (bad, says) in [
            ("--width 1200", "missing -o"),
            ("-o x.svg --width abc", "--width"),
            ("-o x.svg --width 5", "--width 5"),
            ("-o x.svg --width 99999999999", "--width"),
            ("-o x.svg --paper a5", "--paper"),
            ("-o x.svg --paper a4 --width 800", "cannot be combined"),
            ("-o x.svg --landscape", "--landscape needs --paper"),
            ("-o x.svg --lang fr", "--lang"),
            ("-o x.svg --layers castles", "unknown category"),
            ("-o x.svg --layers ,", "at least one"),
            ("-o x.svg --view 13/36.6", "ZOOM/LAT/LON"),
            ("-o x.svg --view 30/36.6/117", "zoom 30"),
            ("-o x.svg --view 13/NaN/117", "ZOOM/LAT/LON"),
            ("-o x.svg --view 13/95/117", "latitude"),
            ("-o x.svg --theme blue", "--theme"),
            ("-o x.svg --format gif", "--format"),
            ("-o x.svg --format png", "does not match"),
            ("-o x.svg --bogus", "unknown option"),
            ("-o x.svg --view", "needs a value"),
            ("-o x.svg --landscape=1", "takes no value"),
        ] {
            let e = parse_args(&args(bad)).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
    }

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
