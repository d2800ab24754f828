//! The `shizhong check` command, run as a user would.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shizhong() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shizhong"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target);
        } else {
            std::fs::copy(&path, target).unwrap();
        }
    }
}

/// A copy of the repo's whole geodata/ (sources included) as `geodata/` in a fresh temporary
/// folder, with nothing beside it: nothing outside the copy can make the check pass.
fn copy_geodata(name: &str) -> PathBuf {
    let root = std::env::temp_dir().join(format!("shizhong-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("geodata");
    copy_tree(&repo().join("geodata"), &dir);
    dir
}

/// Remove the temporary folder `copy_geodata` made.
fn remove(dir: PathBuf) {
    std::fs::remove_dir_all(dir.parent().unwrap()).ok();
}

fn run_check(dir: &Path) -> (i32, String) {
    let out = shizhong().arg("check").arg(dir).output().unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn check_passes_on_the_repo_data() {
    let (code, text) = run_check(&repo().join("geodata"));
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("0 error(s)"), "{text}");
}

#[test]
fn check_fails_clearly_on_a_broken_file() {
    let dir = copy_geodata("broken");
    let path = dir.join("boundaries.geojson");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, &text[..text.len() / 2]).unwrap(); // truncated mid-way
    let (code, out) = run_check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: boundaries.geojson: not valid GeoJSON"),
        "{out}"
    );
    remove(dir);
}

#[test]
fn check_names_the_feature_with_a_bad_property() {
    let dir = copy_geodata("badprop");
    let path = dir.join("boundaries.geojson");
    let text = std::fs::read_to_string(&path).unwrap().replacen(
        r#""category":"neighbour""#,
        r#""category":"nieghbour""#,
        1,
    );
    std::fs::write(&path, text).unwrap();
    let (code, out) = run_check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "boundaries.geojson: feature neighbour.370102: unknown category \"nieghbour\""
        ),
        "{out}"
    );
    remove(dir);
}

#[test]
fn check_reports_a_missing_file_from_the_manifest() {
    let dir = copy_geodata("missing");
    std::fs::remove_file(dir.join("boundaries.geojson")).unwrap();
    let (code, out) = run_check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: boundaries.geojson: could not be loaded: No such file or directory"),
        "{out}"
    );
    remove(dir);
}

#[test]
fn a_copy_with_nothing_beside_it_checks_every_quote() {
    let dir = copy_geodata("alone");
    assert_eq!(
        std::fs::read_dir(dir.parent().unwrap()).unwrap().count(),
        1,
        "only geodata/ in the folder"
    );
    let (code, out) = run_check(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 error(s), 0 warning(s)"), "{out}");
    assert!(
        out.contains("quotes checked against ")
            && out.contains("geodata/sources/2026-02-05-shizhong-work-report.txt"),
        "{out}"
    );

    // An invented quote fails, naming the file and the feature.
    let path = dir.join("projects.geojson");
    let text = std::fs::read_to_string(&path).unwrap();
    let invented = text.replacen(
        "强力推动玉湖冷链项目落地建设",
        "强力推动玉湖冷链项目提前建成",
        1,
    );
    assert_ne!(invented, text);
    std::fs::write(&path, invented).unwrap();
    let (code, out) = run_check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "error: projects.geojson: feature project.yuhu-cold-chain: quote not found in the report"
        ),
        "{out}"
    );
    remove(dir);
}

#[test]
fn a_missing_report_is_an_error_naming_it() {
    let dir = copy_geodata("noreport");
    std::fs::remove_file(dir.join("sources/2026-02-05-shizhong-work-report.txt")).unwrap();
    let (code, out) = run_check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "error: sources/2026-02-05-shizhong-work-report.txt: the report's text could not be \
             loaded: No such file or directory"
        ),
        "{out}"
    );
    assert!(out.contains("the quotes cannot be checked"), "{out}");
    assert!(
        out.contains("1 error(s)"),
        "one clear error, not one per quote: {out}"
    );

    // A manifest that names no report is an error too, against the manifest.
    let manifest = dir.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let (files, _) = text.split_once(", \"report\"").unwrap();
    std::fs::write(&manifest, format!("{files}}}")).unwrap();
    let (code, out) = run_check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: manifest.json: names no `report`: the quotes cannot be checked"),
        "{out}"
    );
    remove(dir);
}

#[test]
fn a_missing_manifest_is_an_error_naming_it() {
    let dir = copy_geodata("nomanifest");
    std::fs::remove_file(dir.join("manifest.json")).unwrap();
    let (code, out) = run_check(&dir);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: manifest.json: could not be loaded: No such file or directory"),
        "{out}"
    );
    remove(dir);
}

#[test]
fn unknown_command_prints_usage() {
    let out = shizhong().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}
