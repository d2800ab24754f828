//! The `shizhong check` command, run as a user would.

use std::path::{Path, PathBuf};
use std::process::Command;

fn shizhong() -> Command {
    Command::new(env!("CARGO_BIN_EXE_shizhong"))
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A copy of the repo's geodata/ in a fresh temporary folder.
fn copy_geodata(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shizhong-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(repo().join("geodata")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    dir
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
    std::fs::remove_dir_all(dir).ok();
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
    std::fs::remove_dir_all(dir).ok();
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
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn unknown_command_prints_usage() {
    let out = shizhong().arg("frobnicate").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("usage"));
}
