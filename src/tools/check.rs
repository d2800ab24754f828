//! `shizhong check`: load `geodata/` exactly as the app does and report every problem.

use crate::plan::dataset::{self, Fetched};
use crate::plan::validate::validate;
use crate::plan::Plan;
use std::path::{Path, PathBuf};

/// The files transport: a file of `dir`, or the OS error (with the path it tried).
fn read(dir: &Path, name: &str) -> Fetched {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| format!("{e} ({})", path.display()))
}

/// Load the manifest and every file it lists from `dir`, exactly as the page does over HTTP
/// ([`dataset::load`]): file-level failures become problems, so the caller always gets a
/// plan.
pub fn load_dir(dir: &Path) -> Plan {
    dataset::load(|name| read(dir, name)).1
}

/// The report's text, if it can be found: the given file, or `../shared/seeds/*.txt` beside
/// the repository (present on the development machine, absent in a plain clone).
pub fn find_source(explicit: Option<&Path>, data_dir: &Path) -> Option<(PathBuf, String)> {
    if let Some(p) = explicit {
        return std::fs::read_to_string(p)
            .ok()
            .map(|t| (p.to_path_buf(), t));
    }
    let repo = data_dir.canonicalize().ok()?.parent()?.to_path_buf();
    let seeds = repo.parent()?.join("shared").join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let path = files.into_iter().next()?;
    std::fs::read_to_string(&path).ok().map(|t| (path, t))
}

/// Load and validate everything; the problems end up in the plan.
pub fn check_dir(dir: &Path, source: Option<&str>) -> Plan {
    let mut plan = load_dir(dir);
    let extra = validate(&plan, source);
    plan.problems.extend(extra);
    plan
}

/// Print the report; returns the process exit code (0 when there is no error).
pub fn report(plan: &Plan, out: &mut impl std::io::Write) -> i32 {
    for p in &plan.problems {
        let _ = writeln!(out, "{p}");
    }
    let errors = plan.problems.iter().filter(|p| p.is_error()).count();
    let warnings = plan.problems.len() - errors;
    let _ = writeln!(
        out,
        "{} features checked: {errors} error(s), {warnings} warning(s)",
        plan.features.len()
    );
    i32::from(errors > 0)
}
