//! `shizhong export`'s command line: every option, its value, and for every mistake an error
//! that names the option.
//!
//! Splitting the words (`--name value`, `--name=value`, `-oFILE`, `--`, paths that are not
//! UTF-8) is [`lexopt`]'s; what each option means is here. Views, layers, languages and themes
//! are read by the parsers the app's links use ([`UrlView::parse`], [`LayerSet::parse_strict`],
//! [`Lang::parse`], [`Theme::parse`]): where a link quietly ignores a bad value, the command
//! line refuses it.

use super::page::{Paper, Size, MAX_PX, MIN_HEIGHT, MIN_WIDTH};
use crate::i18n::Lang;
use crate::plan::load::valid_id;
use crate::plan::Category;
use crate::scene::layers::LayerSet;
use crate::scene::style::Theme;
use crate::state::{UrlView, VIEW_ZOOM};
use std::ffi::OsString;
use std::path::PathBuf;

/// The help text.
pub fn usage() -> String {
    // The layer codes, a few to a line under the option's text.
    let (mut codes, mut line) = (vec![], String::new());
    for code in Category::ALL.iter().map(|c| c.code()) {
        if line.len() + code.len() > 64 {
            codes.push(std::mem::take(&mut line) + ",");
        } else if !line.is_empty() {
            line.push(',');
        }
        line.push_str(code);
    }
    codes.push(line);
    let indent = " ".repeat(26);
    format!(
        "usage: shizhong export -o FILE [options]
       shizhong export --story DIR [options]
  -o, --output FILE       where to write (`-` for standard output)
  --story DIR             write one page per step of the guided story into DIR (the story
                          the data's manifest names; each with its title, quote, legend and
                          attribution; its view and layers are the step's)
  --format svg|png        default: from FILE's extension, else svg
  --width PX              page width in pixels, {MIN_WIDTH}–{MAX_PX} (default 1200)
  --height PX             page height in pixels, {MIN_HEIGHT}–{MAX_PX} (default: fitted to the district)
  --paper a4|a3           a paper page at 300 dpi instead (portrait; --landscape to turn it)
  --landscape             turn the paper page
  --lang zh|en            labels and furniture language (default zh)
  --layers CODES          comma-separated categories to show, as in the app's links
                          (default: all):
{codes}
  --view ZOOM/LAT/LON     centre and zoom as in the app's links, zoom {}–{} (default: the whole
                          district); a view beyond the data is limited as the app limits a link's
  --theme light|dark      default light
  --feature ID            the selected feature, outlined as in the app
  --data DIR              the data folder (default geodata)
  --font FILE             also use this font file (repeatable)
  --no-system-fonts       use only the --font files
  -h, --help              this text",
        VIEW_ZOOM.start(),
        VIEW_ZOOM.end(),
        codes = codes
            .iter()
            .map(|line| format!("{indent}{line}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

impl Format {
    pub fn code(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// The format a file name's extension asks for, if any.
    fn of_file(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "png" => Some(Format::Png),
            "svg" => Some(Format::Svg),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    pub format: Format,
    pub size: Size,
    pub lang: Lang,
    pub layers: LayerSet,
    /// `None`: the district fitted to the map frame, as the page's home view.
    pub view: Option<UrlView>,
    pub theme: Theme,
    pub selected: Option<String>,
    pub data: PathBuf,
    /// `-` for standard output; with `story`, the folder the pages go into.
    pub output: PathBuf,
    /// One page per step of the guided story (`--story DIR`).
    pub story: bool,
    pub fonts: Vec<PathBuf>,
    pub system_fonts: bool,
}

/// What the command line asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// `-h`/`--help`: print [`usage`].
    Help,
    Export(ExportOptions),
}

/// lexopt's errors, said as the rest of the export's are.
fn explain(e: lexopt::Error) -> String {
    use lexopt::Error::*;
    match e {
        MissingValue {
            option: Some(option),
        } => format!("{option} needs a value"),
        UnexpectedOption(option) => format!("unknown option {option:?}"),
        UnexpectedValue { option, .. } => format!("{option} takes no value"),
        UnexpectedArgument(arg) => {
            format!("unexpected argument {arg:?} (the output file goes after -o)")
        }
        other => other.to_string(),
    }
}

/// The value of option `name`, as text.
fn text(parser: &mut lexopt::Parser, name: &str) -> Result<String, String> {
    parser
        .value()
        .map_err(explain)?
        .into_string()
        .map_err(|v| format!("{name} {v:?}: not valid UTF-8"))
}

/// "a or b" from a list of codes.
fn either(codes: &[&str]) -> String {
    codes.join(" or ")
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

fn parse_format(v: &str) -> Result<Format, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "svg" => Ok(Format::Svg),
        "png" => Ok(Format::Png),
        _ => Err(format!("--format {v:?}: expected svg or png")),
    }
}

fn parse_paper(v: &str) -> Result<Paper, String> {
    match v.trim().to_ascii_lowercase().as_str() {
        "a4" => Ok(Paper::A4),
        "a3" => Ok(Paper::A3),
        _ => Err(format!("--paper {v:?}: expected a4 or a3")),
    }
}

fn parse_lang(v: &str) -> Result<Lang, String> {
    Lang::parse(v).ok_or_else(|| {
        let known = either(&[Lang::Zh.code(), Lang::En.code()]);
        format!("--lang {v:?}: expected {known}")
    })
}

fn parse_theme(v: &str) -> Result<Theme, String> {
    Theme::parse(v).ok_or_else(|| {
        let known = either(&[Theme::Light.code(), Theme::Dark.code()]);
        format!("--theme {v:?}: expected {known}")
    })
}

fn parse_feature(v: &str) -> Result<String, String> {
    if valid_id(v) {
        Ok(v.to_string())
    } else {
        Err(format!(
            "--feature {v:?}: not a feature id (1–80 letters, digits, `.`, `_` or `-`)"
        ))
    }
}

/// Parse the arguments after `export`. Every mistake is an error message, never a panic.
pub fn parse_args<I>(args: I) -> Result<Request, String>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    use lexopt::Arg::{Long, Short, Value};
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
    let mut story: Option<PathBuf> = None;
    let mut per_step: Vec<&str> = vec![];
    let mut fonts = vec![];
    let mut system_fonts = true;
    let mut p = lexopt::Parser::from_args(args);
    while let Some(arg) = p.next().map_err(explain)? {
        match arg {
            Short('h') | Long("help") => return Ok(Request::Help),
            Short('o') | Long("output") => {
                output = Some(PathBuf::from(p.value().map_err(explain)?))
            }
            Long("story") => story = Some(PathBuf::from(p.value().map_err(explain)?)),
            Long("format") => format = Some(parse_format(&text(&mut p, "--format")?)?),
            Long("width") => {
                width = Some(parse_px("--width", &text(&mut p, "--width")?, MIN_WIDTH)?)
            }
            Long("height") => {
                height = Some(parse_px(
                    "--height",
                    &text(&mut p, "--height")?,
                    MIN_HEIGHT,
                )?)
            }
            Long("paper") => paper = Some(parse_paper(&text(&mut p, "--paper")?)?),
            Long("landscape") => landscape = true,
            Long("lang") => lang = parse_lang(&text(&mut p, "--lang")?)?,
            Long("layers") => {
                let v = text(&mut p, "--layers")?;
                per_step.push("--layers");
                layers = LayerSet::parse_strict(&v).map_err(|e| format!("--layers {v:?}: {e}"))?
            }
            Long("view") => {
                let v = text(&mut p, "--view")?;
                per_step.push("--view");
                view = Some(UrlView::parse(&v).map_err(|e| format!("--view {v:?}: {e}"))?)
            }
            Long("theme") => theme = parse_theme(&text(&mut p, "--theme")?)?,
            Long("feature") => {
                per_step.push("--feature");
                selected = Some(parse_feature(&text(&mut p, "--feature")?)?)
            }
            Long("data") => data = PathBuf::from(p.value().map_err(explain)?),
            Long("font") => fonts.push(PathBuf::from(p.value().map_err(explain)?)),
            Long("no-system-fonts") => system_fonts = false,
            Value(v) => return Err(explain(lexopt::Error::UnexpectedArgument(v))),
            other => return Err(explain(other.unexpected())),
        }
    }
    let (output, is_story) = match (output, story) {
        (Some(_), Some(_)) => {
            return Err("--story writes one file per step into its folder; leave out -o".into())
        }
        (None, Some(dir)) => {
            if let Some(option) = per_step.first() {
                return Err(format!(
                    "{option} cannot be combined with --story: each step has its own"
                ));
            }
            (dir, true)
        }
        (Some(file), None) => (file, false),
        (None, None) => return Err("missing -o FILE (use -o - for standard output)".into()),
    };
    let ext = if is_story {
        None
    } else {
        Format::of_file(&output)
    };
    let format = match (format, ext) {
        (Some(f), Some(e)) if f != e => {
            return Err(format!(
                "--format {} does not match the output file {}",
                f.code(),
                output.display()
            ))
        }
        (Some(f), _) | (None, Some(f)) => f,
        (None, None) => Format::Svg,
    };
    let size = match (paper, width, height) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            return Err("--paper cannot be combined with --width or --height".into())
        }
        (Some(paper), None, None) => Size::Paper { paper, landscape },
        (None, _, _) if landscape => return Err("--landscape needs --paper".into()),
        (None, w, h) => Size::Pixels {
            width: w.unwrap_or(1200),
            height: h,
        },
    };
    Ok(Request::Export(ExportOptions {
        format,
        size,
        lang,
        layers,
        view,
        theme,
        selected,
        data,
        output,
        story: is_story,
        fonts,
        system_fonts,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    fn export(s: &str) -> ExportOptions {
        match parse_args(args(s)) {
            Ok(Request::Export(o)) => o,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn a_story_export_takes_a_folder_and_no_per_step_option() {
        let o = export("--story out --format png --paper a4 --lang en");
        assert!(o.story);
        assert_eq!((o.output, o.format), (PathBuf::from("out"), Format::Png));
        assert_eq!(
            export("--story out.svg").format,
            Format::Svg,
            "a folder has no extension"
        );
        for (line, want) in [
            ("--story out -o map.svg", "leave out -o"),
            (
                "--story out --view 13/36.6/117",
                "--view cannot be combined with --story",
            ),
            (
                "--story out --layers zone",
                "--layers cannot be combined with --story",
            ),
            (
                "--story out --feature zone.west",
                "--feature cannot be combined",
            ),
            ("--story", "--story needs a value"),
        ] {
            let e = parse_args(args(line)).unwrap_err();
            assert!(e.contains(want), "{line}: {e}");
        }
    }

    #[test]
    fn defaults() {
        let o = export("-o map.svg");
        assert_eq!(
            o,
            ExportOptions {
                format: Format::Svg,
                size: Size::Pixels {
                    width: 1200,
                    height: None
                },
                lang: Lang::Zh,
                layers: LayerSet::ALL,
                view: None,
                theme: Theme::Light,
                selected: None,
                data: PathBuf::from("geodata"),
                output: PathBuf::from("map.svg"),
                story: false,
                fonts: vec![],
                system_fonts: true,
            }
        );
    }

    #[test]
    fn parses_every_option() {
        let o = export(
            "--paper a4 --landscape --lang en --layers zone,renewal --view 13/36.6/117.0 \
             --theme dark --feature zone.north --data elsewhere --font a.ttf --font b.otf \
             --no-system-fonts --format png -o x.png",
        );
        assert_eq!(o.format, Format::Png);
        assert_eq!(
            o.size,
            Size::Paper {
                paper: Paper::A4,
                landscape: true
            }
        );
        assert_eq!(o.lang, Lang::En);
        assert_eq!(o.layers, LayerSet::parse("zone,renewal").unwrap());
        assert_eq!(o.view, Some(UrlView::parse("13/36.6/117").unwrap()));
        assert_eq!(o.theme, Theme::Dark);
        assert_eq!(o.selected.as_deref(), Some("zone.north"));
        assert_eq!(o.data, PathBuf::from("elsewhere"));
        assert_eq!(o.fonts, [PathBuf::from("a.ttf"), PathBuf::from("b.otf")]);
        assert!(!o.system_fonts);
        assert_eq!(o.output, PathBuf::from("x.png"));

        let o = export("-o map --width=900 --height 700 --lang en --lang zh");
        assert_eq!(o.format, Format::Svg, "no extension: svg");
        assert_eq!(o.lang, Lang::Zh, "the last one counts");
        assert_eq!(
            o.size,
            Size::Pixels {
                width: 900,
                height: Some(700)
            }
        );
        let o = export("--paper=A3 --format PNG --output out.PNG");
        assert_eq!(
            (o.format, o.output),
            (Format::Png, PathBuf::from("out.PNG"))
        );
        assert_eq!(
            o.size,
            Size::Paper {
                paper: Paper::A3,
                landscape: false
            }
        );
        // A file name glued to -o, standard output, and --layers all.
        assert_eq!(export("-oout.svg").output, PathBuf::from("out.svg"));
        assert_eq!(export("-o -").output, PathBuf::from("-"));
        assert_eq!(export("-o x.svg --layers all").layers, LayerSet::ALL);
        // The same words as the app's links for languages.
        assert_eq!(export("-o x.svg --lang zh-CN").lang, Lang::Zh);
        // Help, wherever it is.
        assert_eq!(parse_args(args("-o x.svg --help")), Ok(Request::Help));
        assert_eq!(parse_args(args("-h")), Ok(Request::Help));
    }

    #[test]
    fn every_mistake_is_an_error_naming_the_option() {
        for (bad, says) in [
            ("--width 1200", "missing -o"),
            ("", "missing -o"),
            (
                "-o x.svg --width abc",
                "--width \"abc\": expected a whole number",
            ),
            ("-o x.svg --width 5", "--width 5: must be within 480–10000"),
            ("-o x.svg --width 99999999999", "--width \"99999999999\""),
            ("-o x.svg --width -5", "--width \"-5\""),
            (
                "-o x.svg --height 10",
                "--height 10: must be within 360–10000",
            ),
            ("-o x.svg --height 20000", "--height 20000"),
            ("-o x.svg --paper a5", "--paper \"a5\": expected a4 or a3"),
            ("-o x.svg --paper a4 --width 800", "cannot be combined"),
            ("-o x.svg --paper a4 --height 800", "cannot be combined"),
            ("-o x.svg --landscape", "--landscape needs --paper"),
            ("-o x.svg --lang fr", "--lang \"fr\": expected zh or en"),
            (
                "-o x.svg --layers castles",
                "--layers \"castles\": unknown category",
            ),
            ("-o x.svg --layers zone,castles", "(known: all, district,"),
            ("-o x.svg --layers ,", "at least one"),
            (
                "-o x.svg --view 13/36.6",
                "--view \"13/36.6\": expected ZOOM/LAT/LON",
            ),
            (
                "-o x.svg --view 30/36.6/117",
                "--view \"30/36.6/117\": zoom 30 is outside 0–24",
            ),
            ("-o x.svg --view 13/NaN/117", "ZOOM/LAT/LON"),
            ("-o x.svg --view 13/95/117", "latitude"),
            (
                "-o x.svg --theme blue",
                "--theme \"blue\": expected light or dark",
            ),
            ("-o x.svg --theme auto", "--theme \"auto\""),
            (
                "-o x.svg --feature <b>",
                "--feature \"<b>\": not a feature id",
            ),
            (
                "-o x.svg --format gif",
                "--format \"gif\": expected svg or png",
            ),
            (
                "-o x.svg --format png",
                "--format png does not match the output file x.svg",
            ),
            ("-o x.svg --bogus", "unknown option \"--bogus\""),
            ("-o x.svg -x", "unknown option \"-x\""),
            ("-o x.svg map.png", "unexpected argument \"map.png\""),
            ("-o x.svg --view", "--view needs a value"),
            ("-o", "-o needs a value"),
            ("-o x.svg --font", "--font needs a value"),
            ("-o x.svg --landscape=1", "--landscape takes no value"),
            (
                "-o x.svg --no-system-fonts=yes",
                "--no-system-fonts takes no value",
            ),
        ] {
            let e = parse_args(args(bad)).unwrap_err();
            assert!(e.contains(says), "{bad}: {e}");
        }
        // An empty --feature is not a feature id either.
        let e = parse_args(["-o", "x.svg", "--feature", ""]).unwrap_err();
        assert!(e.contains("--feature \"\""), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn paths_need_not_be_utf8_but_values_must_be() {
        use std::os::unix::ffi::OsStringExt;
        let odd = OsString::from_vec(b"map-\xff.svg".to_vec());
        let Ok(Request::Export(o)) = parse_args([OsString::from("-o"), odd.clone()]) else {
            panic!("a non-UTF-8 output path is a path like any other");
        };
        assert_eq!(o.output.as_os_str(), odd);
        let e = parse_args([OsString::from("--lang"), odd]).unwrap_err();
        assert!(e.contains("--lang") && e.contains("not valid UTF-8"), "{e}");
    }

    #[test]
    fn help_lists_every_option_and_the_layer_codes() {
        let help = usage();
        for name in [
            "-o",
            "--output",
            "--format",
            "--width",
            "--height",
            "--paper",
            "--landscape",
            "--lang",
            "--layers",
            "--view",
            "--theme",
            "--feature",
            "--data",
            "--font",
            "--no-system-fonts",
            "--help",
        ] {
            assert!(help.contains(name), "{name} missing from the help");
        }
        for c in Category::ALL {
            assert!(help.contains(c.code()), "{c:?} missing from the help");
        }
        assert!(help.contains("zoom 0–24"), "{help}");
    }
}
