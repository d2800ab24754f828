//! The legend's rules: which rows the key shows and what each row's swatch stands for. One
//! rule for the page's legend, the layer panel, the card and every export, so the key always
//! matches the map (the swatches are drawn by `present::legend`).
//!
//! A row appears for each category that has something visible under the filter (layers and
//! zone), each zone on a row of its own (its full name with the short one the map shows),
//! then the approximate-position symbol if an approximate marker is visible, the cluster badge
//! if the map shows clusters, and the schematic note if zones or the belt are shown.

use super::layers::Filter;
use super::style::has_marker;
use super::world::WorldPlan;
use crate::i18n::{Lang, Text};
use crate::plan::{Category, PlanFeature, Precision};

/// What a row shows left of its text.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    /// A category's marker symbol.
    Marker(Category),
    /// One zone's colour and hatch.
    Zone(String),
    /// A category's area, line, or both (the belt: corridor and centreline).
    Shape {
        category: Category,
        area: bool,
        line: bool,
    },
    /// The hollow dashed marker of an approximate position.
    Approximate,
    Cluster,
    /// Nothing (headings and notes).
    None,
}

/// What kind of row it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A swatch and what it stands for.
    Row,
    /// A title over the rows that follow (the zones, under 功能分区).
    Heading,
    /// A note in quieter text.
    Note,
}

/// One row of the key.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub kind: Kind,
    pub swatch: Swatch,
    pub text: String,
    /// `legend-entry legend-cat-zone`, `legend-entry legend-approximate`, `legend-note schematic`, …
    pub class: String,
}

/// How a zone is named in the key: the full name with the short one the map shows.
pub fn zone_title(z: &PlanFeature, lang: Lang) -> String {
    let (full, short) = (z.name(lang), z.label(lang));
    if full == short {
        full.to_string()
    } else {
        match lang {
            Lang::Zh => format!("{full}（{short}）"),
            Lang::En => format!("{full} ({short})"),
        }
    }
}

/// The rows of the key for what `filter` shows. `has_clusters`: the map shows cluster badges.
pub fn entries(world: &WorldPlan, filter: &Filter, lang: Lang, has_clusters: bool) -> Vec<Entry> {
    let visible: Vec<&PlanFeature> = world
        .features
        .iter()
        .filter(|w| world.visible(w, filter))
        .map(|w| world.feature(w))
        .collect();
    let mut out = vec![];
    for &c in Category::ALL {
        let of_c: Vec<&&PlanFeature> = visible.iter().filter(|f| f.category == c).collect();
        if of_c.is_empty() {
            continue;
        }
        let class = format!("legend-entry legend-cat-{}", c.code());
        if c == Category::Zone {
            out.push(Entry {
                kind: Kind::Heading,
                swatch: Swatch::None,
                text: c.name(lang).to_string(),
                class: "legend-heading legend-cat-zone".into(),
            });
            for z in of_c {
                out.push(Entry {
                    kind: Kind::Row,
                    swatch: Swatch::Zone(z.id.clone()),
                    text: zone_title(z, lang),
                    class: class.clone(),
                });
            }
            continue;
        }
        let swatch = if has_marker(c) {
            Swatch::Marker(c)
        } else {
            let areal = |f: &&&PlanFeature| {
                matches!(
                    f.geometry,
                    Some(geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_))
                )
            };
            Swatch::Shape {
                category: c,
                area: of_c.iter().any(areal),
                line: !of_c.iter().all(areal),
            }
        };
        out.push(Entry {
            kind: Kind::Row,
            swatch,
            text: c.name(lang).to_string(),
            class,
        });
    }
    let approximate_marker = visible
        .iter()
        .any(|f| f.precision == Precision::Approximate && has_marker(f.category));
    if approximate_marker {
        out.push(Entry {
            kind: Kind::Row,
            swatch: Swatch::Approximate,
            text: Text::ApproximatePosition.get(lang).to_string(),
            class: "legend-entry legend-approximate".into(),
        });
    }
    if has_clusters {
        out.push(Entry {
            kind: Kind::Row,
            swatch: Swatch::Cluster,
            text: Text::ClusterOfPlaces.get(lang).to_string(),
            class: "legend-entry legend-cluster".into(),
        });
    }
    if visible
        .iter()
        .any(|f| matches!(f.category, Category::Zone | Category::Belt))
    {
        out.push(Entry {
            kind: Kind::Note,
            swatch: Swatch::None,
            text: Text::SchematicNote.get(lang).to_string(),
            class: "legend-note schematic".into(),
        });
    }
    out
}

/// The swatch of a category outside the legend (layer panel, list, card): a zone id picks the
/// zone's own colour and hatch.
pub fn category_swatch(c: Category, zone_id: Option<&str>) -> Swatch {
    match (c, zone_id) {
        (Category::Zone, Some(id)) => Swatch::Zone(id.to_string()),
        (Category::Zone, None) => Swatch::Zone("zone.north".into()),
        _ if has_marker(c) => Swatch::Marker(c),
        (Category::Belt, _) => Swatch::Shape {
            category: c,
            area: true,
            line: true,
        },
        (Category::District | Category::Neighbour, _) => Swatch::Shape {
            category: c,
            area: true,
            line: false,
        },
        _ => Swatch::Shape {
            category: c,
            area: false,
            line: true,
        },
    }
}
