//! What the story panel (and a printed step) shows for one step, in one language: decided
//! here, so the page only lays it out.
//!
//! ```
//! use shizhong_map::i18n::Lang;
//! use shizhong_map::story::page::counter;
//! assert_eq!(counter(1, 7, Lang::Zh), ("2 / 7".to_string(), "第2步，共7步".to_string()));
//! assert_eq!(counter(1, 7, Lang::En).1, "Step 2 of 7");
//! ```

use super::{Step, Story};
use crate::i18n::{Lang, Text};
use crate::plan::Category;
use crate::scene::world::WorldPlan;

/// A feature the step points at, as the panel lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct Highlight {
    pub id: String,
    pub name: String,
    /// Beside the name: a figure's value, or that the feature has no place on the map.
    pub note: Option<String>,
    /// Whether the feature is drawn (its card also moves the map to it).
    pub placed: bool,
}

/// One step, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct StepPage {
    /// 0-based.
    pub index: usize,
    pub title: String,
    pub text: String,
    /// The report's words, always in Chinese (the report's language).
    pub quote: String,
    /// `2 / 7`.
    pub count: String,
    /// The same for a screen reader: `第2步，共7步` / `Step 2 of 7`.
    pub count_label: String,
    pub highlights: Vec<Highlight>,
    pub previous: Option<usize>,
    pub next: Option<usize>,
}

/// `("2 / 7", "Step 2 of 7")` for the 0-based step `index` of `len`.
pub fn counter(index: usize, len: usize, lang: Lang) -> (String, String) {
    let n = index + 1;
    let label = match lang {
        Lang::Zh => format!("第{n}步，共{len}步"),
        Lang::En => format!("Step {n} of {len}"),
    };
    (format!("{n} / {len}"), label)
}

/// The step at `index` (kept within the story) as the panel shows it. Highlighted ids the
/// plan lacks are left out (`shizhong check` reports them).
pub fn step_page(story: &Story, index: usize, world: &WorldPlan, lang: Lang) -> Option<StepPage> {
    let len = story.steps.len();
    let index = index.min(len.checked_sub(1)?);
    let step: &Step = &story.steps[index];
    let highlights = step
        .highlight
        .iter()
        .filter_map(|id| {
            let f = world.plan.get(id)?;
            let placed = f.is_drawn();
            let note = match &f.figure {
                Some(fig) if f.category == Category::Figure => {
                    Some(fig.display.get(lang).to_string())
                }
                _ if !placed => Some(Text::StoryNoPlace.get(lang).to_string()),
                _ => None,
            };
            Some(Highlight {
                id: id.clone(),
                name: f.name(lang).to_string(),
                note,
                placed,
            })
        })
        .collect();
    let (count, count_label) = counter(index, len, lang);
    Some(StepPage {
        index,
        title: step.title.get(lang).to_string(),
        text: step.text.get(lang).to_string(),
        quote: step.quote.clone(),
        count,
        count_label,
        highlights,
        previous: index.checked_sub(1),
        next: (index + 1 < len).then_some(index + 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tools::check::committed_plan;

    #[test]
    fn a_step_page_in_both_languages() {
        let world = WorldPlan::new(committed_plan());
        let bytes =
            std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/geodata/story.json")).unwrap();
        let story = Story::parse("story.json", &bytes).0.unwrap();
        let len = story.steps.len();
        let services = story.steps.iter().position(|s| s.id == "services").unwrap();
        let zh = step_page(&story, services, &world, Lang::Zh).unwrap();
        let en = step_page(&story, services, &world, Lang::En).unwrap();
        assert_eq!(zh.count, format!("{} / {len}", services + 1));
        assert_eq!(en.count_label, format!("Step {} of {len}", services + 1));
        assert_eq!(zh.quote, en.quote, "the report's words in its own language");
        assert!(zh.title.contains("公共服务") && en.title.contains("Public services"));
        let school = zh
            .highlights
            .iter()
            .find(|h| h.id == "project.lixin-experimental-school")
            .unwrap();
        assert_eq!(
            (school.name.as_str(), school.note.as_deref(), school.placed),
            ("励新实验中学", Some("无具体位置"), false)
        );
        let hospital = en
            .highlights
            .iter()
            .find(|h| h.id == "project.lingxiucheng-community-hospital")
            .unwrap();
        assert!(hospital.placed && hospital.note.is_none());
        // The figures step shows the numbers themselves.
        let figures = step_page(&story, len - 1, &world, Lang::Zh).unwrap();
        let gdp = figures
            .highlights
            .iter()
            .find(|h| h.id == "figure.gdp-2025")
            .unwrap();
        assert_eq!(gdp.note.as_deref(), Some("1451.6亿元"));
        // The ends, and a step past the end.
        let first = step_page(&story, 0, &world, Lang::En).unwrap();
        assert_eq!((first.previous, first.next), (None, Some(1)));
        let last = step_page(&story, 99, &world, Lang::En).unwrap();
        assert_eq!(
            (last.index, last.previous, last.next),
            (len - 1, Some(len - 2), None)
        );
        assert!(step_page(&Story::default(), 0, &world, Lang::En).is_none());
    }
}
