//! `shizhong`: the command-line tool for the plan map's data.
//!
//! ```text
//! shizhong check [DATA_DIR]                          validate geodata/ (exit 1 on any error)
//! shizhong import-boundaries CNMAPS_DIR [OUT_FILE]   rebuild geodata/boundaries.geojson
//! ```

use shizhong_map::tools::{check, import_boundaries};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  shizhong check [DATA_DIR]                          validate geodata/ (exit 1 on any error)
  shizhong import-boundaries CNMAPS_DIR [OUT_FILE]   rebuild geodata/boundaries.geojson";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize, default: &str| PathBuf::from(args.get(i).map_or(default, String::as_str));
    let code = match args.first().map(String::as_str) {
        Some("check") => {
            let plan = check::load_dir(&arg(1, "geodata"));
            check::report(&plan, &mut std::io::stdout())
        }
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

fn import(dir: &Path, out: &Path) -> Result<(), String> {
    let text = import_boundaries::build(|code| {
        let path = dir.join(format!("{code}.geojson"));
        std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))
    })?;
    std::fs::write(out, text).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}
