//! What a feature's info card says, decided here and only rendered by the page
//! (`app::card`): its names in both languages, category, where it lies in words (zone, belt,
//! axis, computed from geometry), the report's words and their citation, how well its
//! position is known and from what source, its figure, and its neighbours in the same layer.

use crate::i18n::{Lang, Text};
use crate::plan::membership::{axis_segment_of, in_belt, zone_of};
use crate::plan::{Category, PlanFeature, Precision};
use crate::scene::world::WorldPlan;

/// A feature's figure as the card shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct CardFigure {
    /// As it should be read (`1451.6亿元`).
    pub value: String,
    /// "2026 target" or "2025 result".
    pub kind: Text,
}

/// The position's quality: how well it is known and on what it rests.
#[derive(Clone, Debug, PartialEq)]
pub struct CardPosition {
    pub precision: Precision,
    pub text: Text,
    /// The public source of the position, if the data names one.
    pub source: Option<String>,
}

/// Everything one card shows, in one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub title: String,
    /// The name in the other language (marked with that language in the page).
    pub other_name: String,
    pub category: Category,
    /// The zone whose colour the category swatch takes (zones only).
    pub zone_swatch: Option<String>,
    /// Drawn schematically (the report gives no outline).
    pub schematic: bool,
    pub figure: Option<CardFigure>,
    pub description: Option<String>,
    /// Where it lies, in words: zone, belt, axis segment, or "district-wide".
    pub belongs_to: Vec<String>,
    /// The report's sentence (always Chinese) and the citation under it.
    pub quote: Option<String>,
    pub citation: Text,
    pub position: CardPosition,
    /// Where the record comes from.
    pub source: String,
    pub link: Option<String>,
    /// The neighbours in the same category, wrapping; none when it is alone.
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// The card of feature `id`, if there is one.
pub fn card(world: &WorldPlan, id: &str, lang: Lang) -> Option<Card> {
    let f = world.plan.get(id)?;
    let (previous, next) = siblings(world, f);
    Some(Card {
        id: f.id.clone(),
        title: f.name(lang).to_string(),
        other_name: f.name(lang.other()).to_string(),
        category: f.category,
        zone_swatch: (f.category == Category::Zone).then(|| f.id.clone()),
        schematic: f.schematic,
        figure: f.figure.as_ref().map(|fig| CardFigure {
            value: fig.display.get(lang).to_string(),
            kind: if fig.is_target {
                Text::Target2026
            } else {
                Text::Result2025
            },
        }),
        description: f.description.as_ref().map(|d| d.get(lang).to_string()),
        belongs_to: whereabouts(world, f, lang),
        quote: f.quote.clone(),
        citation: Text::Citation,
        position: CardPosition {
            precision: f.precision,
            text: precision_text(f.precision),
            source: f.position_source.as_ref().map(|p| p.get(lang).to_string()),
        },
        source: f.source.get(lang).to_string(),
        link: f.link.clone(),
        previous,
        next,
    })
}

/// Where the feature lies, in words.
fn whereabouts(world: &WorldPlan, f: &PlanFeature, lang: Lang) -> Vec<String> {
    let plan = &world.plan;
    let mut out = vec![];
    let zone = if f.geometry.is_some() {
        zone_of(plan, f)
    } else {
        f.zone.as_deref().and_then(|z| plan.get(z))
    };
    if let Some(z) = zone.filter(|z| z.id != f.id) {
        out.push(z.name(lang).to_string());
    }
    if f.category != Category::Belt && in_belt(plan, f) {
        out.push(Text::InBelt.get(lang).to_string());
    }
    if f.category != Category::Axis {
        if let Some(a) = axis_segment_of(plan, f) {
            out.push(format!("{}（{}）", Text::OnAxis.get(lang), a.name(lang)));
        }
    }
    if out.is_empty() && f.geometry.is_none() && f.category != Category::Figure {
        out.push(Text::DistrictWide.get(lang).to_string());
    }
    out
}

fn precision_text(p: Precision) -> Text {
    match p {
        Precision::Site => Text::PrecisionSite,
        Precision::Approximate => Text::PrecisionApproximate,
        Precision::None => Text::PrecisionNone,
    }
}

/// The neighbours of `f` in its category (wrapping), for previous / next.
fn siblings(world: &WorldPlan, f: &PlanFeature) -> (Option<String>, Option<String>) {
    let same: Vec<&PlanFeature> = world.plan.of_category(f.category).collect();
    let n = same.len();
    if n < 2 {
        return (None, None);
    }
    let i = same.iter().position(|x| x.id == f.id).unwrap_or(0);
    (
        Some(same[(i + n - 1) % n].id.clone()),
        Some(same[(i + 1) % n].id.clone()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> WorldPlan {
        WorldPlan::new(crate::tools::check::committed_plan())
    }

    #[test]
    fn a_project_card_has_both_names_the_quote_and_its_place() {
        let w = world();
        let zh = card(&w, "project.renewal-zhongshan-park", Lang::Zh).unwrap();
        assert_eq!(zh.title, "中山公园征收改造");
        assert_eq!(zh.other_name, "Zhongshan Park acquisition and renewal");
        assert!(zh.quote.as_deref().unwrap().contains("中山公园征收改造"));
        assert_eq!(zh.position.precision, Precision::Approximate);
        assert_eq!(zh.position.text, Text::PrecisionApproximate);
        assert!(
            !zh.belongs_to.is_empty(),
            "it lies somewhere: {:?}",
            zh.belongs_to
        );
        assert!(zh.figure.is_none());
        let en = card(&w, "project.renewal-zhongshan-park", Lang::En).unwrap();
        assert_eq!(en.title, zh.other_name);
        assert_eq!(en.belongs_to.len(), zh.belongs_to.len());
    }

    #[test]
    fn a_figure_card_shows_its_value_and_no_place() {
        let w = world();
        let c = card(&w, "figure.gdp-2025", Lang::Zh).unwrap();
        let fig = c.figure.unwrap();
        assert!(fig.value.contains("1451.6"), "{}", fig.value);
        assert_eq!(fig.kind, Text::Result2025);
        assert!(c.belongs_to.is_empty(), "{:?}", c.belongs_to);
    }

    #[test]
    fn an_item_without_a_place_is_district_wide() {
        let w = world();
        let c = card(&w, "project.sky-road", Lang::En).unwrap();
        assert_eq!(
            c.belongs_to,
            vec![Text::DistrictWide.get(Lang::En).to_string()]
        );
        assert_eq!(c.position.precision, Precision::None);
    }

    #[test]
    fn previous_and_next_walk_the_layer_and_wrap() {
        let w = world();
        let parcels: Vec<String> = w
            .plan
            .of_category(Category::Land)
            .map(|f| f.id.clone())
            .collect();
        assert!(parcels.len() >= 2);
        let first = card(&w, &parcels[0], Lang::Zh).unwrap();
        assert_eq!(first.next.as_deref(), Some(parcels[1].as_str()));
        assert_eq!(
            first.previous.as_deref(),
            parcels.last().map(String::as_str)
        );
        let last = card(&w, parcels.last().unwrap(), Lang::Zh).unwrap();
        assert_eq!(last.next.as_deref(), Some(parcels[0].as_str()));
        // A category of one has no neighbours.
        let district = card(&w, "district.shizhong", Lang::Zh).unwrap();
        assert_eq!((district.previous, district.next), (None, None));
    }

    #[test]
    fn an_unknown_id_has_no_card() {
        assert!(card(&world(), "project.nowhere", Lang::Zh).is_none());
    }
}
