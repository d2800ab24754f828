//! `shizhong check`: load `geodata/` exactly as the app does, run every rule (every quote
//! against the report's text the manifest names) and report every problem.

use crate::plan::dataset::{self, Fetched};
use crate::plan::manifest::{Manifest, MANIFEST_FILE};
use crate::plan::validate::validate;
use crate::plan::{Plan, Problem};
use std::path::Path;

/// The files transport: a file of `dir`, or the OS error (with the path it tried).
fn read(dir: &Path, name: &str) -> Fetched {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| format!("{e} ({})", path.display()))
}

/// The repository's own `geodata/`, loaded as the CLI loads it: for tests that need the real data.
#[cfg(test)]
pub(crate) fn committed_plan() -> Plan {
    load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata"))
}

/// Load the manifest and every file it lists from `dir`, exactly as the page does over HTTP
/// ([`dataset::load`]): file-level failures become problems, so the caller always gets a
/// plan.
pub fn load_dir(dir: &Path) -> Plan {
    load_dir_listed(dir).1
}

/// [`load_dir`], with the manifest too when it could be read (what the page will fetch).
pub fn load_dir_listed(dir: &Path) -> (Option<Manifest>, Plan) {
    dataset::load(|name| read(dir, name))
}

/// The report's text named by the manifest, or the error that says why the quotes cannot be
/// checked (naming the file).
pub fn read_report(dir: &Path, manifest: &Manifest) -> Result<String, Problem> {
    let Some(name) = &manifest.report else {
        return Err(Problem::error(
            MANIFEST_FILE,
            None,
            "names no `report`: the quotes cannot be checked without the report's text \
             (see geodata/sources/README.md)",
        ));
    };
    let bytes = read(dir, name).map_err(|reason| {
        Problem::error(
            name,
            None,
            format!(
                "the report's text could not be loaded: {reason}; the quotes cannot be checked"
            ),
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Problem::error(
            name,
            None,
            "the report's text is not valid UTF-8; the quotes cannot be checked",
        )
    })?;
    if text.trim().is_empty() {
        return Err(Problem::error(
            name,
            None,
            "the report's text is empty; the quotes cannot be checked",
        ));
    }
    Ok(text)
}

/// What `check_dir` did.
pub struct Checked {
    /// Everything loaded, with every problem found.
    pub plan: Plan,
    /// The report the quotes were checked against (relative to the data folder), when it
    /// could be read.
    pub report: Option<String>,
}

/// Load and validate everything, every quote checked against the report the manifest names.
pub fn check_dir(dir: &Path) -> Checked {
    let (manifest, mut plan) = dataset::load(|name| read(dir, name));
    let Some(manifest) = manifest else {
        // The manifest's own problem says why nothing could be checked.
        return Checked { plan, report: None };
    };
    // The basemap providers (when the manifest names a file): a bad one is an error here too.
    let (_, basemap_problems) = crate::basemap::Basemaps::load(&manifest, |name| read(dir, name));
    plan.problems.extend(basemap_problems);
    let text = read_report(dir, &manifest);
    let extra = validate(&plan, text.as_deref().map_err(Clone::clone));
    plan.problems.extend(extra);
    if let Some(name) = &manifest.story {
        let (_, problems) = crate::story::load(name, read(dir, name), &plan, text.as_deref().ok());
        plan.problems.extend(problems);
    }
    Checked {
        plan,
        report: manifest.report.filter(|_| text.is_ok()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_basemap_provider_is_an_error_naming_file_and_provider() {
        let dir =
            std::env::temp_dir().join(format!("shizhong-check-basemaps-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("manifest.json"),
            r#"{"files": [], "basemaps": "basemaps.json"}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("basemaps.json"),
            r#"{"providers": [{"id": "x", "name_zh": "甲", "name_en": "X", "datum": "wgs84",
                "max_zoom": 18, "tiles": ["https://x.example/{z}/{x}"],
                "attribution_zh": "© 甲", "attribution_en": "© X"}]}"#,
        )
        .unwrap();
        let checked = check_dir(&dir);
        std::fs::remove_dir_all(&dir).ok();
        let said: Vec<String> = checked
            .plan
            .problems
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert!(
            said.iter().any(
                |p| p.starts_with("error: basemaps.json: provider x: template")
                    && p.contains("lacks {y}")
            ),
            "{said:?}"
        );
    }
}
