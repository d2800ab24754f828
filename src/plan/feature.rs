//! One typed, validated feature of the plan.

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

/// A number the report states, with its unit, for key figures and project targets.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub unit: Names,
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
    pub category: Category,
    pub precision: Precision,
    /// The exact sentence(s) of the report this feature comes from.
    pub quote: Option<String>,
    /// Where the feature's data came from (document, dataset, licence).
    pub source: String,
    /// How its position was determined, and how well.
    pub position_source: Option<String>,
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
}

impl PlanFeature {
    pub fn name(&self, lang: Lang) -> &str {
        self.names.get(lang)
    }

    /// Whether the feature is drawn on the map (it has a place and a geometry).
    pub fn is_drawn(&self) -> bool {
        self.precision != Precision::None && self.geometry.is_some()
    }
}
