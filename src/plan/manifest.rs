//! `geodata/manifest.json`: the list of data files the app fetches at start. A newsroom adds a
//! layer by adding a file here, without recompiling.
//!
//! ```
//! use shizhong_map::plan::manifest::Manifest;
//! let m = Manifest::parse(br#"{"files": ["boundaries.geojson", "zones.geojson"]}"#).unwrap();
//! assert_eq!(m.files, ["boundaries.geojson", "zones.geojson"]);
//! assert!(Manifest::parse(br#"{"files": ["../etc/passwd"]}"#).is_err());
//! ```

use serde::Deserialize;

pub const MANIFEST_FILE: &str = "manifest.json";

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Manifest {
    /// GeoJSON files relative to `geodata/`, in drawing order.
    pub files: Vec<String>,
}

impl Manifest {
    pub fn parse(bytes: &[u8]) -> Result<Manifest, String> {
        let m: Manifest = serde_json::from_slice(bytes)
            .map_err(|e| format!("{MANIFEST_FILE}: not a valid manifest: {e}"))?;
        for f in &m.files {
            if !safe_file_name(f) {
                return Err(format!(
                    "{MANIFEST_FILE}: {f:?} must be a plain file name ending in .geojson"
                ));
            }
        }
        Ok(m)
    }
}

/// A name with no directories, so the manifest can only point inside `geodata/`.
pub fn safe_file_name(name: &str) -> bool {
    name.ends_with(".geojson")
        && name.len() <= 100
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && !name.starts_with('.')
}
