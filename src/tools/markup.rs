//! `shizhong markup`: the map's drawables as the page draws them for a screen of a given size
//! — the same canvas (screen plus margin), the same scene, the same presentation — written by
//! the static writer. The pre-rendered first view is made of this, and the browser tests
//! compare it with the page's own SVG.

use crate::geometry::viewport::Viewport;
use crate::render::svg::map_markup;
use crate::scene::canvas::Canvas;
use crate::scene::labels::Aabb;
use crate::scene::layers::Filter;
use crate::scene::style::Theme;
use crate::scene::world::WorldPlan;
use crate::state::{AppState, UrlView};

pub const USAGE: &str =
    "usage: shizhong markup --screen WxH [--state FRAGMENT] [--zone ID] [--data DIR]
  --screen WxH      the page's map size in CSS pixels (fractions allowed)
  --state FRAGMENT  a link's state, e.g. '#map=13/36.62/116.99&lang=en&layers=zone,belt'
                    (as the page reads it; default: the home view)
  --view Z/LAT/LON  the exact settled view (overrides the fragment's map=)
  --zone ID         show only what lies in this zone
  --covered BOXES   screen boxes panels cover, as the page's data-covered shows them
  --data DIR        the data folder (default geodata)";

/// What to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkupOptions {
    pub width: f64,
    pub height: f64,
    pub state: AppState,
    pub view: Option<UrlView>,
    pub zone: Option<String>,
    pub covered: Vec<Aabb>,
    pub data: String,
}

fn parse_size(v: &str) -> Result<(f64, f64), String> {
    let (w, h) = v
        .split_once('x')
        .ok_or_else(|| format!("--screen {v:?}: expected WxH"))?;
    let (w, h): (f64, f64) = (
        w.parse()
            .map_err(|_| format!("--screen {v:?}: bad width"))?,
        h.parse()
            .map_err(|_| format!("--screen {v:?}: bad height"))?,
    );
    if !(w.is_finite()
        && h.is_finite()
        && (1.0..=10_000.0).contains(&w)
        && (1.0..=10_000.0).contains(&h))
    {
        return Err(format!("--screen {v:?}: each side must be 1–10000 px"));
    }
    Ok((w, h))
}

pub fn parse_args(args: &[String]) -> Result<MarkupOptions, String> {
    let mut size = None;
    let mut opts = MarkupOptions {
        width: 0.0,
        height: 0.0,
        state: AppState::default(),
        view: None,
        zone: None,
        covered: vec![],
        data: "geodata".into(),
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value"))
        };
        match a.as_str() {
            "--screen" => size = Some(parse_size(&value()?)?),
            "--state" => opts.state = AppState::from_url("", &value()?),
            "--view" => {
                opts.view = Some(UrlView::parse(&value()?).map_err(|e| format!("--view: {e}"))?)
            }
            "--zone" => opts.zone = Some(value()?),
            "--covered" => {
                opts.covered =
                    Canvas::parse_covered(&value()?).map_err(|e| format!("--covered: {e}"))?
            }
            "--data" => opts.data = value()?,
            other => return Err(format!("unknown option {other:?}\n{USAGE}")),
        }
    }
    let (w, h) = size.ok_or_else(|| format!("--screen is required\n{USAGE}"))?;
    opts.width = w;
    opts.height = h;
    Ok(opts)
}

/// The settled screen view the page would show.
pub fn screen_view(world: &WorldPlan, o: &MarkupOptions) -> Viewport {
    match (o.view, o.state.view) {
        // Exactly this view, as the page settled it (not limited again).
        (Some(v), _) => v.viewport(o.width, o.height),
        (None, Some(v)) => v.limited(world, o.width, o.height),
        (None, None) => world.home_view(o.width, o.height),
    }
}

/// The markup of the page's map for these options.
pub fn markup(world: &WorldPlan, o: &MarkupOptions, theme: Theme) -> String {
    let canvas = Canvas::new(screen_view(world, o)).covered_by(o.covered.clone());
    let filter = Filter {
        layers: o.state.layers,
        zone: o.zone.clone(),
    };
    let scene = crate::scene::build_on(
        world,
        &canvas,
        &filter,
        o.state.lang,
        theme,
        o.state.selected.as_deref(),
    );
    map_markup(&scene)
}

/// The theme a state asks for (the page's automatic theme is light without a system wish).
pub fn theme_of(state: &AppState) -> Theme {
    state.theme.resolve(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn parses_and_rejects() {
        let o = parse_args(&args(
            "--screen 390x700.5 --state #lang=en&feature=zone.west --zone zone.west",
        ))
        .unwrap();
        assert_eq!((o.width, o.height), (390.0, 700.5));
        assert_eq!(o.state.lang, Lang::En);
        assert_eq!(o.state.selected.as_deref(), Some("zone.west"));
        assert_eq!(o.zone.as_deref(), Some("zone.west"));
        for bad in [
            "",
            "--screen 0x10",
            "--screen 10",
            "--screen 10x10 --bogus",
            "--screen 5x5 --view 1/2",
            "--screen 5x5 --covered 1,2,3",
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn home_markup_has_the_page_structure() {
        let world = WorldPlan::new(crate::tools::check::committed_plan());
        let o = parse_args(&args("--screen 1280x737")).unwrap();
        let m = markup(&world, &o, Theme::Light);
        assert!(m.starts_with("<defs>"), "{}", &m[..40]);
        assert!(m.contains(r#"class="layer-shapes""#) && m.contains(r#"class="layer-overlay""#));
        assert!(
            !m.contains("tabindex"),
            "the static markup is not interactive"
        );
    }
}
