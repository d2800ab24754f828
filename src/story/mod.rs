//! The guided story (`geodata/story.json`, named by the manifest's `story`): the report told
//! step by step — 一带, 一轴, 四区, then the projects that fill them. Each [`Step`] has its
//! title and text in both languages, the report's sentence it rests on (`quote`), what the
//! map shows (features to fit, or a `ZOOM/LAT/LON` view read by [`UrlView::parse`]), which
//! layers are on and which features it highlights.
//!
//! Reading ([`Story::parse`]) never stops at the first problem: a step with a broken field
//! is reported, naming the file and the step, and skipped; the rest of the story still
//! loads. [`check`] holds the rules that need the plan and the report (unknown feature ids,
//! quotes not in the report). The page and `shizhong check` both go through here.
//!
//! ```
//! use shizhong_map::story::{Show, Story};
//! let (story, problems) = Story::parse("story.json", r#"{"steps": [
//!   {"id": "belt", "title_zh": "一带", "title_en": "The belt",
//!    "text_zh": "二环南路科创带。", "text_en": "The belt.", "quote": "“一带”",
//!    "fit": ["belt.corridor"], "layers": "district,zone,belt", "highlight": ["belt.corridor"]},
//!   {"id": "broken", "title_zh": "坏", "title_en": "Bad", "text_zh": "坏", "text_en": "Bad",
//!    "quote": "q", "view": "13/36.6"}]}"#.as_bytes());
//! let story = story.unwrap();
//! assert_eq!(story.steps.len(), 1);
//! assert_eq!(story.steps[0].show, Show::Fit(vec!["belt.corridor".into()]));
//! assert!(problems[0].to_string().starts_with("error: story.json: step 2 `broken`: `view`"));
//! ```

pub mod check;
pub mod page;

use crate::plan::dataset::{unreachable, Fetched};
use crate::plan::json::{self, kind, Expected, Object, Value};
use crate::plan::load::valid_id;
use crate::plan::{Names, Plan, Problem};
use crate::quote::quoted;
use crate::scene::layers::LayerSet;
use crate::state::UrlView;

/// The most steps a story may have (a guard: each is a history entry and a page of print).
pub const MAX_STEPS: usize = 40;

const STORY: Expected = Expected {
    format: "JSON",
    holding: "an object with a `steps` list",
};

/// What a step shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Show {
    /// Fit these features (ids) into the map.
    Fit(Vec<String>),
    /// This view, as links carry it.
    View(UrlView),
}

/// One step of the tour.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// Stable id (plain, as feature ids are).
    pub id: String,
    pub title: Names,
    pub text: Names,
    /// The report's sentence the step rests on (checked against the report's text).
    pub quote: String,
    pub show: Show,
    /// The layers on during the step (all when the file names none).
    pub layers: LayerSet,
    /// Features the step points at: outlined on the map when they have a place, listed in
    /// the story panel (their card a tap away) whether or not they have one.
    pub highlight: Vec<String>,
}

/// The whole story, steps in order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Story {
    pub steps: Vec<Step>,
}

/// How a step is named in messages: `step 2 `axis`` (1-based, as links count).
pub fn step_label(index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("step {} `{id}`", index + 1),
        None => format!("step {}", index + 1),
    }
}

impl Story {
    /// Read a story file (`file`: its name relative to `geodata/`, for the messages). `None`
    /// when the file as a whole is unusable; the problems say why, and which steps were
    /// skipped.
    pub fn parse(file: &str, bytes: &[u8]) -> (Option<Story>, Vec<Problem>) {
        let mut problems = vec![];
        let fail = |problems: &mut Vec<Problem>, m: String| {
            problems.push(Problem::error(file, None, m));
        };
        let doc = match json::parse(bytes, STORY) {
            Ok(doc) => doc,
            Err(e) => {
                fail(&mut problems, e);
                return (None, problems);
            }
        };
        for d in &doc.duplicates {
            fail(&mut problems, d.message(0, "the story"));
        }
        let steps = match doc.value.get("steps") {
            Some(Value::Array(steps)) => steps,
            Some(other) => {
                let m = format!("`steps` must be a list of steps, found {}", kind(other));
                fail(&mut problems, m);
                return (None, problems);
            }
            None => {
                let m = format!(
                    "the story must be an object with a `steps` list, found {}",
                    match &doc.value {
                        Value::Object(_) => "no `steps`".to_string(),
                        other => kind(other).to_string(),
                    }
                );
                fail(&mut problems, m);
                return (None, problems);
            }
        };
        if steps.len() > MAX_STEPS {
            let m = format!(
                "the story has {} steps; at most {MAX_STEPS} are read",
                steps.len()
            );
            fail(&mut problems, m);
        }
        let mut story = Story::default();
        for (i, value) in steps.iter().take(MAX_STEPS).enumerate() {
            let id = value
                .get("id")
                .and_then(Value::as_str)
                .filter(|id| valid_id(id));
            let label = step_label(i, id);
            let mut errors = vec![];
            let step = read_step(value, &mut errors);
            if id.is_some_and(|id| story.steps.iter().any(|s| s.id == id)) {
                errors.push("its id is used by an earlier step".to_string());
            }
            let skipped = !errors.is_empty();
            for e in errors {
                fail(&mut problems, format!("{label}: {e}"));
            }
            match step {
                Some(step) if !skipped => story.steps.push(step),
                _ => fail(&mut problems, format!("{label}: skipped")),
            }
        }
        if story.steps.is_empty() {
            fail(&mut problems, "the story has no usable step".to_string());
            return (None, problems);
        }
        (Some(story), problems)
    }

    /// The step a link's 1-based `step=` asks for, kept within the story (0 and numbers past
    /// the end give the nearest step); its 0-based index.
    ///
    /// ```
    /// # use shizhong_map::story::Story;
    /// assert_eq!(Story::index_of_step(1, 7), 0);
    /// assert_eq!(Story::index_of_step(99, 7), 6);
    /// assert_eq!(Story::index_of_step(0, 7), 0);
    /// ```
    pub fn index_of_step(step: usize, len: usize) -> usize {
        step.max(1).min(len.max(1)) - 1
    }
}

/// A step's fields, or `None` with the reasons in `errors`.
fn read_step(value: &Value, errors: &mut Vec<String>) -> Option<Step> {
    let Value::Object(o) = value else {
        errors.push(format!("a step must be an object, found {}", kind(value)));
        return None;
    };
    for key in o.keys() {
        if !KEYS.contains(&key) {
            errors.push(format!("unknown key `{key}` (known: {})", KEYS.join(", ")));
        }
    }
    let id = text(o, "id", errors);
    if let Some(id) = &id {
        if !valid_id(id) {
            errors.push(format!(
                "id {id} must be 1–80 characters of a–z, A–Z, 0–9, '-', '_' or '.'",
                id = quoted(id)
            ));
        }
    }
    let names = |base: &str, errors: &mut Vec<String>| {
        let zh = text(o, &format!("{base}_zh"), errors);
        let en = text(o, &format!("{base}_en"), errors);
        Some(Names { zh: zh?, en: en? })
    };
    let title = names("title", errors);
    let step_text = names("text", errors);
    let quote = text(o, "quote", errors);
    let show = match (o.get("fit"), o.get("view")) {
        (Some(_), Some(_)) => {
            errors.push("give either `fit` or `view`, not both".into());
            None
        }
        (Some(fit), None) => {
            let ids = id_list(fit, "fit", errors);
            match ids {
                Some(ids) if ids.is_empty() => {
                    errors.push("`fit` names no feature".into());
                    None
                }
                ids => ids.map(Show::Fit),
            }
        }
        (None, Some(Value::String(v))) => match UrlView::parse(v) {
            Ok(v) => Some(Show::View(v)),
            Err(e) => {
                errors.push(format!("`view` {v}: {e}", v = quoted(v)));
                None
            }
        },
        (None, Some(other)) => {
            errors.push(format!(
                "`view` must be a string ZOOM/LAT/LON, found {}",
                kind(other)
            ));
            None
        }
        (None, None) => {
            errors.push("say what to show: `fit` (feature ids) or `view` (ZOOM/LAT/LON)".into());
            None
        }
    };
    let layers = match o.get("layers") {
        None => Some(LayerSet::ALL),
        Some(Value::String(l)) => LayerSet::parse_strict(l)
            .map_err(|e| errors.push(format!("`layers`: {e}")))
            .ok(),
        Some(other) => {
            errors.push(format!(
                "`layers` must be a string such as \"district,zone,belt\", found {}",
                kind(other)
            ));
            None
        }
    };
    let highlight = match o.get("highlight") {
        None => Some(vec![]),
        Some(h) => id_list(h, "highlight", errors),
    };
    Some(Step {
        id: id?,
        title: title?,
        text: step_text?,
        quote: quote?,
        show: show?,
        layers: layers?,
        highlight: highlight?,
    })
}

/// Every key a step may have.
const KEYS: &[&str] = &[
    "id",
    "title_zh",
    "title_en",
    "text_zh",
    "text_en",
    "quote",
    "fit",
    "view",
    "layers",
    "highlight",
];

/// A required, non-blank string.
fn text(o: &Object, key: &str, errors: &mut Vec<String>) -> Option<String> {
    match o.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::String(_)) => {
            errors.push(format!("`{key}` is empty"));
            None
        }
        None | Some(Value::Null) => {
            errors.push(format!("`{key}` is missing"));
            None
        }
        Some(other) => {
            errors.push(format!("`{key}` must be a string, found {}", kind(other)));
            None
        }
    }
}

/// A list of feature ids (well-formed; whether the plan has them is [`check`]'s rule).
fn id_list(v: &Value, key: &str, errors: &mut Vec<String>) -> Option<Vec<String>> {
    let Value::Array(items) = v else {
        errors.push(format!(
            "`{key}` must be a list of feature ids, found {}",
            kind(v)
        ));
        return None;
    };
    let mut ids = vec![];
    for item in items {
        match item.as_str() {
            Some(id) if valid_id(id) => ids.push(id.to_string()),
            Some(id) => errors.push(format!(
                "`{key}`: {id} is not a feature id",
                id = quoted(id)
            )),
            None => errors.push(format!(
                "`{key}` must be a list of feature ids, found {} in it",
                kind(item)
            )),
        }
    }
    (ids.len() == items.len()).then_some(ids)
}

/// The story file `name` as a transport got it, read and checked against `plan` (its quotes
/// against `report` when given: the page has no report and checks the ids only). The page
/// and `shizhong check` both read it here, so both report the same problems.
pub fn load(
    name: &str,
    fetched: Fetched,
    plan: &Plan,
    report: Option<&str>,
) -> (Option<Story>, Vec<Problem>) {
    let bytes = match fetched {
        Ok(bytes) => bytes,
        Err(reason) => return (None, vec![unreachable(name, &reason)]),
    };
    let (story, mut problems) = Story::parse(name, &bytes);
    if let Some(story) = &story {
        problems.extend(check::check(name, story, plan, report));
    }
    (story, problems)
}

#[cfg(test)]
mod tests;
