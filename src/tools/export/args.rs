//! `shizhong export` arguments: every option, its value and its error message.

use super::page::{Paper, Size, MAX_PX, MIN_HEIGHT, MIN_WIDTH};
use crate::geometry::viewport::{MAX_ZOOM, MIN_ZOOM};
use crate::i18n::Lang;
use crate::plan::Category;
use crate::scene::layers::LayerSet;
use crate::scene::style::Theme;
use std::path::PathBuf;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
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
}
