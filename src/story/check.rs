//! The story's rules that need the plan and the report: every id a step fits or highlights
//! is a feature of the plan (one it fits must have a place, and be on in the step's layers),
//! and every quote is in the report's text, verbatim once whitespace is ignored — the same
//! rule as the features' quotes ([`crate::plan::validate::normalise`]).
//!
//! ```
//! use shizhong_map::plan::Plan;
//! use shizhong_map::story::{check::check, Story};
//! let (story, _) = Story::parse("story.json", r#"{"steps": [{"id": "a", "title_zh": "甲",
//!   "title_en": "A", "text_zh": "甲", "text_en": "A", "quote": "不在报告里",
//!   "view": "12/36.6/117", "highlight": ["zone.nowhere"]}]}"#.as_bytes());
//! let problems = check("story.json", &story.unwrap(), &Plan::default(), Some("报告全文"));
//! let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
//! assert_eq!(text, [
//!     "error: story.json: step 1 `a`: `highlight` names \"zone.nowhere\", which is not a feature of the plan",
//!     "error: story.json: step 1 `a`: quote not found in the report: \"不在报告里\"",
//! ]);
//! ```

use super::{step_label, Show, Step, Story};
use crate::plan::validate::normalise;
use crate::plan::{Plan, Problem};
use crate::quote::quoted;
use crate::scene::world::{union, WorldPlan};
use geo::Rect;

/// Every problem of `story` (read from `file`) against `plan`, and against the report's
/// text when there is one (the page has none: it checks the ids only).
pub fn check(file: &str, story: &Story, plan: &Plan, report: Option<&str>) -> Vec<Problem> {
    let source = report.map(normalise);
    let mut out = vec![];
    for (i, step) in story.steps.iter().enumerate() {
        let mut say = |m: String| {
            out.push(Problem::error(
                file,
                None,
                format!("{}: {m}", step_label(i, Some(&step.id))),
            ))
        };
        if let Show::Fit(ids) = &step.show {
            for id in ids {
                match plan.get(id) {
                    None => say(format!(
                        "`fit` names {id}, which is not a feature of the plan",
                        id = quoted(id)
                    )),
                    Some(f) if !f.is_drawn() => say(format!(
                        "`fit` names {id}, which has no place on the map (list it in \
                         `highlight` instead)",
                        id = quoted(id)
                    )),
                    Some(f) if !step.layers.contains(f.category) => say(format!(
                        "`fit` names {id}, but its layer `{}` is not in the step's `layers`",
                        f.category.code(),
                        id = quoted(id)
                    )),
                    Some(_) => {}
                }
            }
        }
        for id in &step.highlight {
            match plan.get(id) {
                None => say(format!(
                    "`highlight` names {id}, which is not a feature of the plan",
                    id = quoted(id)
                )),
                Some(f) if f.is_drawn() && !step.layers.contains(f.category) => say(format!(
                    "`highlight` names {id}, but its layer `{}` is not in the step's `layers`",
                    f.category.code(),
                    id = quoted(id)
                )),
                Some(_) => {}
            }
        }
        if let Some(source) = &source {
            if !source.contains(&normalise(&step.quote)) {
                say(format!(
                    "quote not found in the report: {}",
                    quoted(&step.quote)
                ));
            }
        }
    }
    out
}

/// The box (world units) a step fits: its `fit` features that have a place. `None` for a
/// step with a view, or when none of them has one.
pub fn fit_bounds(step: &Step, world: &WorldPlan) -> Option<Rect<f64>> {
    let Show::Fit(ids) = &step.show else {
        return None;
    };
    ids.iter()
        .filter_map(|id| world.find(id).map(|w| w.bounds))
        .reduce(union)
}
