//! `geodata/manifest.json`: the list of data files the app fetches at start, and the report's
//! text the quotes are checked against. A newsroom adds a layer by adding a file here,
//! without recompiling.
//!
//! ```
//! use shizhong_map::plan::manifest::Manifest;
//! let m = Manifest::parse(br#"{"files": ["boundaries.geojson", "zones.geojson"],
//!                              "report": "sources/report.txt"}"#).unwrap();
//! assert_eq!(m.files, ["boundaries.geojson", "zones.geojson"]);
//! assert_eq!(m.report.as_deref(), Some("sources/report.txt"));
//! assert_eq!(m.story, None);
//! let m = Manifest::parse(br#"{"files": [], "story": "story.json"}"#).unwrap();
//! assert_eq!(m.story.as_deref(), Some("story.json"));
//! assert!(Manifest::parse(br#"{"files": [], "story": "../story.json"}"#).is_err());
//! assert!(Manifest::parse(br#"{"files": ["../etc/passwd"]}"#).is_err());
//! assert!(Manifest::parse(br#"{"files": [], "report": "../report.txt"}"#).is_err());
//! let m = Manifest::parse(br#"{"files": [], "basemaps": "basemaps.json"}"#).unwrap();
//! assert_eq!(m.basemaps.as_deref(), Some("basemaps.json"));
//! assert!(Manifest::parse(br#"{"files": [], "basemaps": "../x.json"}"#).is_err());
//! ```

use super::json::{self, kind, Expected, Object, Value};
use crate::quote::quoted;

pub const MANIFEST_FILE: &str = "manifest.json";

const MANIFEST: Expected = Expected {
    format: "JSON",
    holding: "an object with the list of data files",
};

#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// GeoJSON files relative to `geodata/`, in load order: it decides which copy of a
    /// duplicate id wins and the order of features within a category (what is drawn on top
    /// of what is decided by category, in `scene`).
    pub files: Vec<String>,
    /// The report's text, relative to `geodata/`: `shizhong check` verifies every quote
    /// against it. The page does not read it.
    pub report: Option<String>,
    /// The guided story (`story.json`, see [`crate::story`]), when there is one.
    pub story: Option<String>,
    /// The basemap providers file (`basemaps.json`, see [`crate::basemap`]), relative to
    /// `geodata/`: without one the map offers no tiles.
    pub basemaps: Option<String>,
}

impl Manifest {
    /// Read the manifest; the error says what is wrong in words for the person editing it.
    pub fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        let doc = json::parse(bytes, MANIFEST)?;
        if let Some(d) = doc.duplicates.first() {
            return Err(d.message(0, "the manifest"));
        }
        let Value::Object(top) = &doc.value else {
            return Err(format!(
                "the manifest must be an object with a `files` list, found {}",
                kind(&doc.value)
            ));
        };
        let files = match top.get("files") {
            Some(Value::Array(files)) => files,
            None => return Err("the manifest has no `files` list".into()),
            Some(other) => {
                return Err(format!(
                    "`files` must be a list of file names, found {}",
                    kind(other)
                ))
            }
        };
        let mut names: Vec<String> = vec![];
        for f in files {
            let Value::String(name) = f else {
                return Err(format!(
                    "`files` must be a list of file names, found {} in it",
                    kind(f)
                ));
            };
            if !safe_file_name(name) {
                return Err(format!(
                    "{name} must be a plain file name ending in .geojson",
                    name = quoted(name)
                ));
            }
            if names.contains(name) {
                return Err(format!("{name} is listed twice", name = quoted(name)));
            }
            names.push(name.clone());
        }
        let report = match top.get("report") {
            None | Some(Value::Null) => None,
            Some(Value::String(r)) if safe_report_path(r) => Some(r.clone()),
            Some(Value::String(r)) => {
                return Err(format!(
                    "`report` {r} must be a path inside geodata/ ending in .txt \
                     (letters, digits, '-', '_', '.', and '/' between folders)",
                    r = quoted(r)
                ))
            }
            Some(other) => {
                return Err(format!(
                    "`report` must be a file name, found {}",
                    kind(other)
                ))
            }
        };
        let story = json_file(top, "story")?;
        let basemaps = json_file(top, "basemaps")?;
        Ok(Manifest {
            files: names,
            report,
            story,
            basemaps,
        })
    }
}

/// The optional file `key` names beside the manifest: a plain file name ending in `.json`.
fn json_file(top: &Object, key: &str) -> Result<Option<String>, String> {
    match top.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.ends_with(".json") && plain(s) => Ok(Some(s.clone())),
        Some(Value::String(s)) => Err(format!(
            "`{key}` {s} must be a plain file name ending in .json",
            s = quoted(s)
        )),
        Some(other) => Err(format!(
            "`{key}` must be a file name, found {}",
            kind(other)
        )),
    }
}

/// A plain name: letters, digits, `-`, `_`, `.`, not starting with a dot.
fn plain(segment: &str) -> bool {
    !segment.is_empty()
        && segment.len() <= 100
        && !segment.starts_with('.')
        && segment
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A name with no directories, so the manifest can only point inside `geodata/`.
pub fn safe_file_name(name: &str) -> bool {
    name.ends_with(".geojson") && plain(name)
}

/// A relative path below `geodata/` (no `..`, no absolute path) to a `.txt` file.
pub fn safe_report_path(path: &str) -> bool {
    path.ends_with(".txt") && path.len() <= 200 && path.split('/').all(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mistakes_are_named() {
        let cases: [(&[u8], &str); 11] = [
            (
                b"{\"files\": [], \"basemaps\": \"tiles.geojson\"}",
                "`basemaps` \"tiles.geojson\" must be a plain file name ending in .json",
            ),
            (
                b"",
                "file is empty; it must hold an object with the list of data files",
            ),
            (
                b"{\"files\": [",
                "not valid JSON: the file ends inside an array at line 1 column 12",
            ),
            (
                b"[]",
                "must be an object with a `files` list, found an array",
            ),
            (b"{}", "the manifest has no `files` list"),
            (
                b"{\"files\": \"a.geojson\"}",
                "`files` must be a list of file names, found a string",
            ),
            (b"{\"files\": [1]}", "found a number in it"),
            (
                b"{\"files\": [\"a.json\"]}",
                "\"a.json\" must be a plain file name ending in .geojson",
            ),
            (
                b"{\"files\": [\"a.geojson\", \"a.geojson\"]}",
                "\"a.geojson\" is listed twice",
            ),
            (
                b"{\"files\": [], \"files\": []}",
                "key `files` appears twice in the manifest",
            ),
            (
                b"{\"files\": [], \"report\": 7}",
                "`report` must be a file name, found a number",
            ),
        ];
        for (bytes, want) in cases {
            let e = Manifest::parse(bytes).unwrap_err();
            assert!(e.contains(want), "{want}: {e}");
        }
    }

    #[test]
    fn report_paths_stay_inside_geodata() {
        assert!(safe_report_path("sources/2026-02-05-report.txt"));
        assert!(safe_report_path("report.txt"));
        for bad in [
            "../report.txt",
            "/etc/report.txt",
            "sources//report.txt",
            "sources/.hidden.txt",
            "sources/report.md",
            "sources\\report.txt",
            "",
        ] {
            assert!(!safe_report_path(bad), "{bad}");
        }
    }
}
