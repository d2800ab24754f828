//! One typed, validated feature of the plan: every property of [`super::schema`] has a
//! field here, so writing a feature back loses nothing.

use super::category::{Category, Precision};
use crate::i18n::Lang;
use geo::Geometry;

/// A name in both languages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Names {
    pub zh: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// A number the report states, for the key figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// The number, for sorting and charts.
    pub value: f64,
    /// As it should be read, with unit and qualifier (`突破160亿元`, `over ¥16 billion`).
    pub display: Names,
    /// `true` for a target for 2026, `false` for a result already achieved.
    pub is_target: bool,
}

/// A feature of the plan. Geometry is WGS84 longitude/latitude.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFeature {
    /// Stable identifier, unique across all files (used in links).
    pub id: String,
    /// The file it came from, relative to `geodata/`.
    pub file: String,
    pub names: Names,
    /// The Chinese name in pinyin, syllables separated by spaces (for search).
    pub pinyin: Option<String>,
    /// A short name for map labels (e.g. 北服务), when the full one is long.
    pub short: Option<Names>,
    pub category: Category,
    pub precision: Precision,
    /// The drawn shape is illustrative (zone borders, belt width), not a surveyed line.
    pub schematic: bool,
    /// The exact sentence(s) of the report this feature comes from.
    pub quote: Option<String>,
    /// Where the feature's data came from (document, dataset, licence), in both languages.
    pub source: Names,
    /// The public source of its position and how well it is known, in both languages
    /// (required when it has a geometry).
    pub position_source: Option<Names>,
    pub geometry: Option<Geometry<f64>>,
    /// A short explanation in both languages (optional).
    pub description: Option<Names>,
    /// The zone the data says it lies in (checked against geometry by the validator).
    pub zone: Option<String>,
    /// Whether the data says it lies in the 二环南路 belt.
    pub in_belt: Option<bool>,
    /// For an approximate point: the radius of the area it stands for, metres.
    pub uncertainty_m: Option<f64>,
    /// For axis features: which segment (e.g. 大纬二路).
    pub segment: Option<String>,
    pub figure: Option<Figure>,
    /// An http(s) link for more information.
    pub link: Option<String>,
    /// Boundaries: the administrative code (e.g. `370103`).
    pub adcode: Option<String>,
    /// Boundaries: the shape was clipped to the map's extent (it goes on beyond it).
    pub clipped_to_map_extent: bool,
}

impl PlanFeature {
    pub fn name(&self, lang: Lang) -> &str {
        self.names.get(lang)
    }

    /// The label for the map: the short name when there is one.
    pub fn label(&self, lang: Lang) -> &str {
        self.short.as_ref().unwrap_or(&self.names).get(lang)
    }

    /// Whether the feature is drawn on the map (it has a place and a geometry).
    pub fn is_drawn(&self) -> bool {
        self.precision != Precision::None && self.geometry.is_some()
    }
}
