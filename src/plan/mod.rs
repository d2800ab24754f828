//! The plan as a typed model: loading `geodata/` files into [`PlanFeature`]s and collecting
//! every [`Problem`] on the way.
//!
//! Loading runs bytes → JSON ([`json`]) → features ([`load`], with typed properties from
//! [`props`] following the one property table in [`schema`], and ring checks in [`rings`]);
//! [`dataset`] does it for the files [`manifest`] lists, the same way for the page and the
//! command line. [`validate`] (with [`tiling`]) holds the rules across features and files;
//! [`geojson_write`] writes features back as `geodata/` keeps them.

pub mod category;
pub mod dataset;
pub mod feature;
pub mod geojson_convert;
pub mod geojson_write;
pub mod json;
pub mod load;
pub mod manifest;
pub mod membership;
pub mod problem;
pub mod props;
pub mod rings;
pub mod schema;
pub mod tiling;
pub mod validate;

pub use category::{Category, Group, Precision};
pub use feature::{Figure, Names, PlanFeature};
pub use problem::{Problem, Severity};

use std::collections::HashMap;

/// Every feature from every file, with the problems found.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub features: Vec<PlanFeature>,
    pub problems: Vec<Problem>,
    index: HashMap<String, usize>,
}

impl Plan {
    /// Merge loaded files. A duplicate id is an error; the first feature with it wins.
    pub fn from_loads(loads: impl IntoIterator<Item = load::FileLoad>) -> Plan {
        let mut plan = Plan::default();
        for load in loads {
            plan.problems.extend(load.problems);
            for f in load.features {
                if let Some(&first) = plan.index.get(&f.id) {
                    let other = &plan.features[first].file;
                    plan.problems.push(Problem::error(
                        &f.file,
                        Some(&f.id),
                        format!("duplicate id: already used in {other}; this copy is skipped"),
                    ));
                    continue;
                }
                plan.index.insert(f.id.clone(), plan.features.len());
                plan.features.push(f);
            }
        }
        plan
    }

    pub fn get(&self, id: &str) -> Option<&PlanFeature> {
        self.index_of(id).map(|i| &self.features[i])
    }

    /// The position of the feature with this id in [`Plan::features`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn of_category(&self, c: Category) -> impl Iterator<Item = &PlanFeature> {
        self.features.iter().filter(move |f| f.category == c)
    }

    /// The district itself (the first `district` feature).
    pub fn district(&self) -> Option<&PlanFeature> {
        self.of_category(Category::District).next()
    }

    /// Files with at least one problem, in first-seen order (for the app's banner).
    pub fn files_with_problems(&self) -> Vec<&str> {
        let mut files: Vec<&str> = vec![];
        for p in &self.problems {
            if !files.contains(&p.file.as_str()) {
                files.push(&p.file);
            }
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, ids: &[&str]) -> load::FileLoad {
        let feats: Vec<String> = ids
            .iter()
            .map(|id| {
                format!(
                    r#"{{"type":"Feature","geometry":null,"properties":{{"id":"{id}","name_zh":"甲","name_en":"A","category":"landmark","precision":"none","source_zh":"s","source_en":"s"}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            feats.join(",")
        );
        load::load_file(name, text.as_bytes())
    }

    #[test]
    fn duplicate_ids_across_files_are_errors() {
        let plan = Plan::from_loads([
            file("a.geojson", &["x", "y"]),
            file("b.geojson", &["y", "z"]),
        ]);
        assert_eq!(plan.features.len(), 3);
        assert_eq!(plan.get("y").unwrap().file, "a.geojson");
        let p = &plan.problems[0];
        assert_eq!(
            (p.file.as_str(), p.feature.as_deref()),
            ("b.geojson", Some("y"))
        );
        assert!(p.message.contains("duplicate id"));
        assert_eq!(plan.files_with_problems(), ["b.geojson"]);
    }
}
