//! From what a transport fetched to a [`Plan`]: the manifest, then each file it lists. The
//! page (HTTP, `app::fetch`) and the command line (files, `tools::check`) both go through
//! here, so a missing file, a bad manifest or a broken file gives the same problem — file,
//! feature and message — in both; only the transport's reason ("HTTP 404", an OS error)
//! differs.
//!
//! ```
//! use shizhong_map::plan::dataset::{load, Fetched};
//! let (manifest, plan) = load(|name| -> Fetched {
//!     match name {
//!         "manifest.json" => Ok(br#"{"files": ["gone.geojson"]}"#.to_vec()),
//!         _ => Err("HTTP 404".into()),
//!     }
//! });
//! assert_eq!(manifest.unwrap().files, ["gone.geojson"]);
//! assert_eq!(plan.problems[0].to_string(), "error: gone.geojson: could not be loaded: HTTP 404");
//! ```

use super::load::load_file;
use super::manifest::{Manifest, MANIFEST_FILE};
use super::{Plan, Problem};

/// What a transport got for one file: its bytes, or the reason it could not get them.
pub type Fetched = Result<Vec<u8>, String>;

/// The problem for a file the transport could not get.
pub fn unreachable(file: &str, reason: &str) -> Problem {
    Problem::error(file, None, format!("could not be loaded: {reason}"))
}

/// The manifest, or the one problem that stops the load.
pub fn read_manifest(fetched: Fetched) -> Result<Manifest, Problem> {
    let bytes = fetched.map_err(|reason| unreachable(MANIFEST_FILE, &reason))?;
    Manifest::parse(&bytes).map_err(|e| Problem::error(MANIFEST_FILE, None, e))
}

/// A plan with nothing but this problem (the manifest could not be used).
pub fn failed(problem: Problem) -> Plan {
    let mut plan = Plan::default();
    plan.problems.push(problem);
    plan
}

/// The plan from each listed file (name, what the transport got), in manifest order.
pub fn plan_from(files: impl IntoIterator<Item = (String, Fetched)>) -> Plan {
    Plan::from_loads(
        files
            .into_iter()
            .map(|(name, fetched)| match fetched {
                Ok(bytes) => load_file(&name, &bytes),
                Err(reason) => super::load::FileLoad {
                    features: vec![],
                    problems: vec![unreachable(&name, &reason)],
                },
            })
            .collect::<Vec<_>>(),
    )
}

/// Both steps, for a transport that reads files one at a time (`read` gets names relative to
/// `geodata/`). The manifest is returned too when it could be read.
pub fn load(mut read: impl FnMut(&str) -> Fetched) -> (Option<Manifest>, Plan) {
    match read_manifest(read(MANIFEST_FILE)) {
        Err(problem) => (None, failed(problem)),
        Ok(manifest) => {
            let files = manifest.files.iter().map(|name| (name.clone(), read(name)));
            let plan = plan_from(files.collect::<Vec<_>>());
            (Some(manifest), plan)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const GOOD: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"id":"a","name_zh":"甲","name_en":"A","category":"landmark","precision":"none","source_zh":"s","source_en":"s"}}]}"#;

    /// (file, feature, message with the transport's reason as `REASON`) of each problem, and
    /// how many features loaded.
    type Outcome = (Vec<(String, Option<String>, String)>, usize);

    /// Two transports over the same files: one that fails like a web server, one like a disk.
    fn both(files: &[(&str, Option<&str>)]) -> [Outcome; 2] {
        let files: HashMap<&str, Option<&str>> = files.iter().copied().collect();
        let run = |reason: &str| {
            let (_, plan) = load(|name| match files.get(name) {
                Some(Some(text)) => Ok(text.as_bytes().to_vec()),
                _ => Err(reason.to_string()),
            });
            let problems = plan
                .problems
                .iter()
                .map(|p| {
                    (
                        p.file.clone(),
                        p.feature.clone(),
                        p.message.replace(reason, "REASON"),
                    )
                })
                .collect();
            (problems, plan.features.len())
        };
        [
            run("HTTP 404"),
            run("No such file or directory (os error 2)"),
        ]
    }

    #[test]
    fn a_missing_file_is_the_same_problem_over_http_and_disk() {
        let [web, disk] = both(&[
            (
                "manifest.json",
                Some(r#"{"files": ["a.geojson", "gone.geojson"]}"#),
            ),
            ("a.geojson", Some(GOOD)),
        ]);
        assert_eq!(web, disk);
        assert_eq!(
            web.0,
            [(
                "gone.geojson".into(),
                None,
                "could not be loaded: REASON".into()
            )]
        );
        assert_eq!(web.1, 1, "the file that arrived still loads");
    }

    #[test]
    fn a_missing_or_bad_manifest_is_one_problem_against_it() {
        let [web, disk] = both(&[("a.geojson", Some(GOOD))]);
        assert_eq!(web, disk);
        assert_eq!(
            web.0,
            [(
                "manifest.json".into(),
                None,
                "could not be loaded: REASON".into()
            )]
        );
        let [web, disk] = both(&[("manifest.json", Some(r#"{"files": ["../a"]}"#))]);
        assert_eq!(web, disk);
        assert_eq!(
            web.0,
            [(
                "manifest.json".into(),
                None,
                "\"../a\" must be a plain file name ending in .geojson".into()
            )]
        );
        assert_eq!(web.1, 0);
    }

    #[test]
    fn a_broken_file_is_named_with_its_feature() {
        let broken = GOOD.replace(r#""category":"landmark""#, r#""category":"castle""#);
        let [web, disk] = both(&[
            ("manifest.json", Some(r#"{"files": ["b.geojson"]}"#)),
            ("b.geojson", Some(&broken)),
        ]);
        assert_eq!(web, disk);
        assert_eq!(web.0[0].0, "b.geojson");
        assert_eq!(web.0[0].1.as_deref(), Some("a"));
        assert!(
            web.0[0].2.starts_with("unknown category \"castle\""),
            "{:?}",
            web.0
        );
    }
}
