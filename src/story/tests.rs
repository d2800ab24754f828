use super::check::{check, fit_bounds};
use super::*;
use crate::scene::world::WorldPlan;
use crate::tools::check::{check_dir, committed_plan};
use std::path::{Path, PathBuf};

fn geodata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("geodata")
}

fn committed_story() -> Story {
    let bytes = std::fs::read(geodata().join("story.json")).unwrap();
    let (story, problems) = Story::parse("story.json", &bytes);
    assert!(problems.is_empty(), "{problems:?}");
    story.unwrap()
}

fn report() -> String {
    let dir = geodata();
    let manifest =
        crate::plan::manifest::Manifest::parse(&std::fs::read(dir.join("manifest.json")).unwrap())
            .unwrap();
    crate::tools::check::read_report(&dir, &manifest).unwrap()
}

/// One step with every field, as JSON text with `extra` members added (or replacing).
fn step(extra: &str) -> String {
    let mut base: Vec<(String, String)> = [
        ("id", r#""belt""#),
        ("title_zh", r#""一带""#),
        ("title_en", r#""The belt""#),
        ("text_zh", r#""科创带""#),
        ("text_en", r#""The belt""#),
        ("quote", r#""“一带”，即以产业创新为核的二环路科创带""#),
        ("fit", r#"["belt.corridor"]"#),
        ("layers", r#""district,belt""#),
        ("highlight", r#"["belt.corridor"]"#),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for pair in extra.split(";;").filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap();
        base.retain(|(key, _)| key != k);
        if v != "DROP" {
            base.push((k.to_string(), v.to_string()));
        }
    }
    let members: Vec<String> = base.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect();
    format!("{{{}}}", members.join(", "))
}

fn story_of(steps: &[String]) -> String {
    format!(r#"{{"steps": [{}]}}"#, steps.join(","))
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn the_committed_story_validates_clean() {
    let story = committed_story();
    assert!(
        (6..=8).contains(&story.steps.len()),
        "{}",
        story.steps.len()
    );
    let plan = committed_plan();
    let problems = check("story.json", &story, &plan, Some(&report()));
    assert!(problems.is_empty(), "{:#?}", messages(&problems));
    // It tells the plan in the report's order: belt, axis, zones, then the projects.
    let ids: Vec<&str> = story.steps.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(&ids[..3], ["belt", "axis", "zones"]);
    // Every step shows a place on the map.
    let world = WorldPlan::new(plan);
    for s in &story.steps {
        assert!(
            matches!(s.show, Show::View(_)) || fit_bounds(s, &world).is_some(),
            "{}",
            s.id
        );
    }
    // The public-services step lists services the report gives no site for.
    let services = story.steps.iter().find(|s| s.id == "services").unwrap();
    let unplaced = services
        .highlight
        .iter()
        .filter(|id| !world.plan.get(id).unwrap().is_drawn())
        .count();
    assert!(unplaced >= 3, "{unplaced}");
}

#[test]
fn shizhong_check_reads_the_story_the_manifest_names() {
    let checked = check_dir(&geodata());
    let story_problems: Vec<String> = messages(&checked.plan.problems)
        .into_iter()
        .filter(|m| m.contains("story.json"))
        .collect();
    assert_eq!(story_problems, Vec::<String>::new());
}

/// A copy of geodata/ whose story.json is `story`.
fn data_with_story(tag: &str, story: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shizhong-story-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    for entry in std::fs::read_dir(geodata()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), dir.join(entry.file_name())).unwrap();
        }
    }
    for entry in std::fs::read_dir(geodata().join("sources")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("sources").join(entry.file_name())).unwrap();
    }
    std::fs::write(dir.join("story.json"), story).unwrap();
    dir
}

#[test]
fn a_bad_feature_id_or_an_invented_quote_fails_the_check_naming_file_and_step() {
    let text = story_of(&[
        step(""),
        step(r#"id="axis";;fit=["axis.nowhere"];;layers="all""#),
        step(r#"id="quote";;quote="市中区将建设月球基地""#),
    ]);
    let dir = data_with_story("bad", &text);
    let checked = check_dir(&dir);
    let m = messages(&checked.plan.problems);
    let errors: Vec<&String> = m.iter().filter(|m| m.contains("story.json")).collect();
    assert_eq!(
        errors,
        [
            "error: story.json: step 2 `axis`: `fit` names \"axis.nowhere\", which is not a feature of the plan",
            "error: story.json: step 3 `quote`: quote not found in the report: \"市中区将建设月球基地\"",
        ],
        "{m:#?}"
    );
    assert_eq!(crate::tools::check::report(&checked.plan, &mut vec![]), 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_story_file_that_cannot_be_read_is_named() {
    let plan = Plan::default();
    let (story, problems) = load("story.json", Err("HTTP 404".into()), &plan, None);
    assert!(story.is_none());
    assert_eq!(
        messages(&problems),
        ["error: story.json: could not be loaded: HTTP 404"]
    );
    for (text, want) in [
        ("", "story.json: file is empty"),
        (
            "[]",
            "story.json: the story must be an object with a `steps` list, found an array",
        ),
        ("{}", "found no `steps`"),
        (
            r#"{"steps": {}}"#,
            "`steps` must be a list of steps, found an object",
        ),
        (r#"{"steps": []}"#, "the story has no usable step"),
        (
            r#"{"steps": [1]}"#,
            "step 1: a step must be an object, found a number",
        ),
    ] {
        let (story, problems) = Story::parse("story.json", text.as_bytes());
        assert!(story.is_none(), "{text}");
        let m = messages(&problems).join("\n");
        assert!(m.contains(want), "{text}: {m}");
    }
}

#[test]
fn each_broken_field_is_named_and_only_its_step_is_skipped() {
    for (extra, want) in [
        ("view=\"13/36.6\"", "give either `fit` or `view`, not both"),
        (
            "fit=DROP;;view=\"13/36.6\"",
            "`view` \"13/36.6\": expected ZOOM/LAT/LON",
        ),
        ("fit=DROP;;view=\"30/36.6/117\"", "zoom 30 is outside 0–24"),
        (
            "fit=DROP;;view=13",
            "`view` must be a string ZOOM/LAT/LON, found a number",
        ),
        ("fit=DROP", "say what to show"),
        ("fit=[]", "`fit` names no feature"),
        ("fit=[\"<b>\"]", "`fit`: \"<b>\" is not a feature id"),
        (
            "highlight=\"belt\"",
            "`highlight` must be a list of feature ids, found a string",
        ),
        (
            "layers=\"zone,castle\"",
            "`layers`: unknown category \"castle\"",
        ),
        ("layers=[\"zone\"]", "`layers` must be a string"),
        ("title_en=DROP", "`title_en` is missing"),
        ("text_zh=\" \"", "`text_zh` is empty"),
        ("quote=7", "`quote` must be a string, found a number"),
        ("id=\"has space\"", "id \"has space\" must be"),
        ("colour=\"red\"", "unknown key `colour`"),
    ] {
        let text = story_of(&[step(r#"id="first""#), step(extra)]);
        let (story, problems) = Story::parse("story.json", text.as_bytes());
        let m = messages(&problems).join("\n");
        assert!(m.contains("error: story.json: step 2"), "{extra}: {m}");
        assert!(m.contains(want), "{extra}: {m}");
        assert!(m.contains("skipped"), "{extra}: {m}");
        let story = story.unwrap();
        assert_eq!(story.steps.len(), 1, "{extra}: the good step still loads");
        assert_eq!(story.steps[0].id, "first");
    }
    // Two steps with one id: the second is the one skipped.
    let (story, problems) = Story::parse("s.json", story_of(&[step(""), step("")]).as_bytes());
    assert_eq!(story.unwrap().steps.len(), 1);
    assert!(messages(&problems)[0].contains("step 2 `belt`: its id is used by an earlier step"));
}

#[test]
fn a_step_reads_into_the_model() {
    let text = story_of(&[step(
        r#"fit=DROP;;view="13.5/36.62/116.99";;layers=DROP;;highlight=DROP"#,
    )]);
    let (story, problems) = Story::parse("story.json", text.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    let s = &story.unwrap().steps[0];
    assert_eq!(
        s.show,
        Show::View(UrlView::parse("13.5/36.62/116.99").unwrap())
    );
    assert_eq!(s.layers, LayerSet::ALL, "no `layers`: all of them");
    assert!(s.highlight.is_empty());
    assert_eq!(s.title.en, "The belt");
    assert_eq!(s.quote, "“一带”，即以产业创新为核的二环路科创带");
}

#[test]
fn the_checks_against_the_plan() {
    let plan = committed_plan();
    let text = story_of(&[
        step(r#"fit=["project.parcel-fuxing-village"];;layers="all""#),
        step(r#"id="b";;fit=["zone.west"];;layers="district";;highlight=DROP"#),
        step(r#"id="c";;highlight=["project.weilai-yungu", "figure.gdp-2025", "nope"]"#),
    ]);
    let (story, problems) = Story::parse("story.json", text.as_bytes());
    assert!(problems.is_empty(), "{problems:?}");
    let m = messages(&check("story.json", &story.unwrap(), &plan, None));
    assert_eq!(
        m,
        [
            "error: story.json: step 1 `belt`: `fit` names \"project.parcel-fuxing-village\", which has no place on the map (list it in `highlight` instead)",
            "error: story.json: step 2 `b`: `fit` names \"zone.west\", but its layer `zone` is not in the step's `layers`",
            "error: story.json: step 3 `c`: `highlight` names \"project.weilai-yungu\", but its layer `innovation` is not in the step's `layers`",
            "error: story.json: step 3 `c`: `highlight` names \"nope\", which is not a feature of the plan",
        ]
    );
}

#[test]
fn steps_beyond_the_story_are_kept_within_it() {
    assert_eq!(Story::index_of_step(3, 7), 2);
    assert_eq!(Story::index_of_step(8, 7), 6);
    assert_eq!(
        Story::index_of_step(1, 0),
        0,
        "an empty story never underflows"
    );
}
