//! `shizhong export`: a static map, SVG or PNG, drawn from the very scene the browser draws
//! ([`crate::scene::build`] → [`crate::render::svg`]), with a title, legend, scale bar, north
//! arrow and attribution. PNGs are rasterised with resvg; they need a font that can draw
//! Chinese, and the export fails rather than draw empty boxes ("tofu") without one.
//!
//! - [`args`]: the command line (the view, layers, language and theme read by the parsers the
//!   app's links use);
//! - [`page`](mod@page): paper sizes and pixels, the layout and the view;
//! - [`fonts`]: the font database, CJK coverage, glyph checks and PNG rendering;
//! - [`story`](mod@story): `--story DIR`, one page per step of the guided story.

pub mod args;
pub mod fonts;
pub mod page;
pub mod story;

pub use args::{parse_args, usage, ExportOptions, Format, Request};
pub use fonts::{
    check_fonts, cjk_family, drawn_text, face_draws, font_database, missing_chars, render_pixmap,
    render_png, CJK_FONT_FILES,
};
pub use page::{page, view, Page, Paper, Size, MAX_PX, MIN_HEIGHT, MIN_WIDTH, PAPER_DPI};

use crate::plan::Severity;
use crate::render::svg::{to_svg_with_layout, SvgOptions, FONT_FAMILY};
use crate::scene::world::WorldPlan;
use std::path::Path;
use std::sync::Arc;

/// What an export drew.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn {
    pub svg: String,
    pub page: Page,
    pub shapes: usize,
    pub markers: usize,
    pub clusters: usize,
    pub labels: usize,
    /// What limiting `--view` changed, if anything.
    pub view_note: Option<String>,
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
    let (view, view_note) = view(world, opts.view, map.w, map.h);
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
        font_family: FONT_FAMILY.to_string(),
        size_mm: page.size_mm,
        underlay: None,
    };
    let svg = to_svg_with_layout(&scene, &svg_opts, &page.layout);
    Ok(Drawn {
        svg,
        shapes: scene.shapes.len(),
        markers: scene.overlay.markers.len(),
        clusters: scene.overlay.clusters.len(),
        labels: scene.overlay.labels.len(),
        view_note,
        page,
    })
}

/// What `run` did, for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub summary: String,
    pub warnings: Vec<String>,
}

/// Load the data, draw, and write the file (or, with `--story`, one file per step).
pub fn run(opts: &ExportOptions) -> Result<Report, String> {
    if opts.story {
        return story::run(opts);
    }
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
    warnings.extend(drawn.view_note.clone());
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
