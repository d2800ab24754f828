//! `shizhong export --story DIR`: one page per step of the guided story the data's manifest
//! names, for the printed article — each with the step's title, which step it is, the
//! report's words under the map, the legend and the attribution; its view, layers and
//! highlights are the step's, drawn from the scene the page draws for that step.

use super::{font_database, page, render_png, ExportOptions, Format, Report};
use crate::geometry::viewport::Viewport;
use crate::i18n::Text;
use crate::interaction::animation::{FEATURE_ZOOM, FIT_PADDING_PX};
use crate::plan::manifest::{Manifest, MANIFEST_FILE};
use crate::render::svg::{to_svg_with_layout, SvgOptions, FONT_FAMILY};
use crate::scene::world::WorldPlan;
use crate::story::check::fit_bounds;
use crate::story::page::counter;
use crate::story::{Show, Story};
use std::path::PathBuf;
use std::sync::Arc;

/// One step's page.
#[derive(Clone, Debug, PartialEq)]
pub struct StepPage {
    pub svg: String,
    pub px_w: u32,
    pub px_h: u32,
    /// The quote as printed, line by line (with its label).
    pub quote_lines: Vec<String>,
}

/// The view a step shows on a map frame of `w` × `h`: its view kept within reach of the
/// data, or its features fitted as the page fits them (no deeper than a feature is shown).
pub fn step_view(world: &WorldPlan, story: &Story, index: usize, w: f64, h: f64) -> Viewport {
    let step = &story.steps[index];
    match &step.show {
        Show::View(v) => v.limited(world, w, h),
        Show::Fit(_) => match fit_bounds(step, world) {
            Some(b) => {
                let fit = Viewport::fit(b, w, h, FIT_PADDING_PX);
                world.limit(Viewport::new(b.center(), fit.zoom.min(FEATURE_ZOOM), w, h))
            }
            None => world.home_view(w, h),
        },
    }
}

/// The page for step `index` (0-based).
pub fn step_page(
    world: &WorldPlan,
    story: &Story,
    index: usize,
    opts: &ExportOptions,
) -> Result<StepPage, String> {
    let step = &story.steps[index];
    let lang = opts.lang;
    let mut page = page(opts.size, world, lang)?;
    let (count, _) = counter(index, story.steps.len(), lang);
    let subtitle = format!(
        "{count} · {} · {}",
        Text::StoryHeading.get(lang),
        Text::Title.get(lang)
    );
    let label = format!("{}{}", Text::FromTheReport.get(lang), lang.pick("：", ": "));
    page.layout = page
        .layout
        .with_heading(
            step.title.get(lang).to_string(),
            subtitle,
            &label,
            &step.quote,
        )
        .ok_or_else(|| {
            format!(
                "step {} `{}`: the page is too small for the map and the quote",
                index + 1,
                step.id
            )
        })?;
    let map = page.layout.map;
    let view = step_view(world, story, index, map.w, map.h);
    let mut scene = crate::scene::build(world, &view, step.layers, lang, opts.theme, None);
    scene.highlighted = step.highlight.clone();
    let svg_opts = SvgOptions {
        furniture: true,
        font_family: FONT_FAMILY.to_string(),
        size_mm: page.size_mm,
        underlay: None,
    };
    let quote_lines = page
        .layout
        .heading
        .as_ref()
        .map(|h| h.quote.clone())
        .unwrap_or_default();
    Ok(StepPage {
        svg: to_svg_with_layout(&scene, &svg_opts, &page.layout),
        px_w: page.px_w,
        px_h: page.px_h,
        quote_lines,
    })
}

/// The story the manifest of the data folder names, read and checked against the plan
/// (problems that leave it usable come back as warnings).
fn read_story(opts: &ExportOptions, world: &WorldPlan) -> Result<(Story, Vec<String>), String> {
    let dir = &opts.data;
    let manifest = std::fs::read(dir.join(MANIFEST_FILE))
        .map_err(|e| format!("{}: {e}", dir.join(MANIFEST_FILE).display()))
        .and_then(|b| Manifest::parse(&b).map_err(|e| format!("{MANIFEST_FILE}: {e}")))?;
    let name = manifest.story.ok_or_else(|| {
        format!(
            "{}: the manifest names no `story` to export",
            dir.join(MANIFEST_FILE).display()
        )
    })?;
    let fetched = std::fs::read(dir.join(&name)).map_err(|e| e.to_string());
    let (story, problems) = crate::story::load(&name, fetched, &world.plan, None);
    let problems: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    match story {
        Some(story) => Ok((story, problems)),
        None => Err(problems.join("\n")),
    }
}

/// Write every step's page into `opts.output` (created if need be): `01-belt.svg`, ….
pub fn run(opts: &ExportOptions) -> Result<Report, String> {
    let world = WorldPlan::new(super::super::check::load_dir(&opts.data));
    let (story, mut warnings) = read_story(opts, &world)?;
    std::fs::create_dir_all(&opts.output)
        .map_err(|e| format!("cannot create {}: {e}", opts.output.display()))?;
    let fonts = match opts.format {
        Format::Png => Some(Arc::new(font_database(&opts.fonts, opts.system_fonts)?)),
        Format::Svg => None,
    };
    let mut written: Vec<PathBuf> = vec![];
    for index in 0..story.steps.len() {
        let page = step_page(&world, &story, index, opts)?;
        let name = format!(
            "{:02}-{}.{}",
            index + 1,
            story.steps[index].id,
            opts.format.code()
        );
        let path = opts.output.join(name);
        let bytes = match &fonts {
            Some(db) => render_png(&page.svg, page.px_w, page.px_h, db.clone())?,
            None => page.svg.into_bytes(),
        };
        std::fs::write(&path, bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    if warnings.len() > 5 {
        warnings.truncate(5);
        warnings.push("… (run `shizhong check` for every problem)".into());
    }
    Ok(Report {
        summary: format!(
            "wrote {} pages of the story into {}",
            written.len(),
            opts.output.display()
        ),
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::plan::validate::normalise;
    use crate::tools::export::{parse_args, Request};

    fn options(line: &str) -> ExportOptions {
        match parse_args(line.split_whitespace()) {
            Ok(Request::Export(o)) => o,
            other => panic!("{other:?}"),
        }
    }

    /// The texts of a document's `<text>` elements whose group has `class`.
    fn texts_in(svg: &str, class: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.attribute("class") == Some(class))
            .flat_map(|g| g.descendants().filter(|n| n.has_tag_name("text")))
            .map(|t| t.text().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn one_legible_page_per_step_with_its_title_quote_legend_and_attribution() {
        let geodata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
        let out =
            std::env::temp_dir().join(format!("shizhong-story-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out);
        for lang in [Lang::Zh, Lang::En] {
            let line = format!(
                "--story {} --data {} --paper a4 --landscape --lang {}",
                out.display(),
                geodata.display(),
                lang.code()
            );
            let opts = options(&line);
            let report = run(&opts).unwrap();
            assert!(report.warnings.is_empty(), "{:?}", report.warnings);
            let world = WorldPlan::new(crate::tools::check::load_dir(&geodata));
            let (story, _) = read_story(&opts, &world).unwrap();
            let mut names: Vec<String> = std::fs::read_dir(&out)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            let want: Vec<String> = story
                .steps
                .iter()
                .enumerate()
                .map(|(i, s)| format!("{:02}-{}.svg", i + 1, s.id))
                .collect();
            assert_eq!(names, want);
            assert!(report
                .summary
                .contains(&format!("wrote {} pages", want.len())));
            for (i, step) in story.steps.iter().enumerate() {
                let svg = std::fs::read_to_string(out.join(&want[i])).unwrap();
                assert!(svg.contains("width=\"297mm\""), "A4 landscape");
                let title = texts_in(&svg, "title");
                assert_eq!(title[0], step.title.get(lang), "{}", step.id);
                assert!(title[1].starts_with(&format!("{} / {}", i + 1, story.steps.len())));
                // The quote, whole, under the map (wrapped into lines).
                let quote = texts_in(&svg, "quote").concat();
                assert!(
                    normalise(&quote).ends_with(&normalise(&step.quote)),
                    "{}: {quote}",
                    step.id
                );
                assert!(quote.starts_with(Text::FromTheReport.get(lang)));
                assert!(
                    !texts_in(&svg, "legend").is_empty(),
                    "{}: a legend",
                    step.id
                );
                let attribution = texts_in(&svg, "attribution").concat();
                assert_eq!(
                    normalise(&attribution),
                    normalise(Text::Attribution.get(lang))
                );
                // The step's own layers: a hidden layer's feature is not drawn.
                let zone_shown = svg.contains("data-id=\"zone.north\"");
                assert_eq!(
                    zone_shown,
                    step.layers.contains(crate::plan::Category::Zone),
                    "{}",
                    step.id
                );
            }
            std::fs::remove_dir_all(&out).unwrap();
        }
    }

    #[test]
    fn the_quote_never_runs_off_the_page() {
        let geodata = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata");
        let world = WorldPlan::new(crate::tools::check::load_dir(&geodata));
        let opts = options(&format!(
            "--story x --data {} --width 600 --height 700",
            geodata.display()
        ));
        let (story, _) = read_story(&opts, &world).unwrap();
        for i in 0..story.steps.len() {
            let page = step_page(&world, &story, i, &opts).unwrap();
            for line in &page.quote_lines {
                let w = crate::scene::text::text_width(line, crate::render::layout::QUOTE_PX);
                assert!(
                    w <= 600.0 - 2.0 * crate::render::layout::MARGIN + 1e-6,
                    "{line}: {w}"
                );
            }
        }
    }
}
