//! The fixed set of feature categories, and the layer group each belongs to.
//!
//! ```
//! use shizhong_map::plan::category::{Category, Group};
//! let c: Category = "renewal".parse().unwrap();
//! assert_eq!(c.group(), Group::Projects);
//! assert_eq!(c.name_zh(), "城市更新");
//! assert!("castle".parse::<Category>().is_err());
//! ```

use crate::quote::quoted;
use std::{fmt, str::FromStr};

/// Layer groups, as the layer panel shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// The district and its neighbours.
    Boundaries,
    /// 一带一轴四区: zones, belt, axis.
    Plan,
    /// Named projects, parcels, roads and facilities.
    Projects,
    /// Roads, landmarks and metro stations, for orientation.
    Context,
    /// Key figures (no geometry).
    Figures,
}

impl Group {
    /// A short name for the group (`plan`, `projects`, …), e.g. for the page's markup.
    pub fn code(self) -> &'static str {
        match self {
            Group::Boundaries => "boundaries",
            Group::Plan => "plan",
            Group::Projects => "projects",
            Group::Context => "context",
            Group::Figures => "figures",
        }
    }
}

macro_rules! categories {
    ($($variant:ident = $code:literal, $group:ident, $zh:literal, $en:literal;)*) => {
        /// What a feature is. Unknown values are a validation error.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Category { $($variant),* }

        impl Category {
            pub const ALL: &'static [Category] = &[$(Category::$variant),*];

            /// The code used in the GeoJSON `category` property.
            pub fn code(self) -> &'static str {
                match self { $(Category::$variant => $code),* }
            }
            pub fn group(self) -> Group {
                match self { $(Category::$variant => Group::$group),* }
            }
            pub fn name_zh(self) -> &'static str {
                match self { $(Category::$variant => $zh),* }
            }
            pub fn name_en(self) -> &'static str {
                match self { $(Category::$variant => $en),* }
            }
        }

        impl FromStr for Category {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s {
                    $($code => Ok(Category::$variant),)*
                    other => Err(format!(
                        "unknown category {other} (known: {})",
                        [$($code),*].join(", "), other = quoted(other))),
                }
            }
        }
    };
}

categories! {
    District = "district", Boundaries, "市中区", "Shizhong District";
    Neighbour = "neighbour", Boundaries, "相邻区县", "Neighbouring districts";
    Zone = "zone", Plan, "功能分区", "Functional zones";
    Belt = "belt", Plan, "科创带", "Sci-tech belt";
    Axis = "axis", Plan, "功能品质提升轴", "Renewal axis";
    Industry = "industry", Projects, "产业园区", "Industrial parks";
    Innovation = "innovation", Projects, "科创载体", "Innovation hubs";
    Services = "services", Projects, "现代服务业", "Modern services";
    Land = "land", Projects, "产业与供地地块", "Land parcels";
    Renewal = "renewal", Projects, "城市更新", "Urban renewal";
    RoadProject = "road_project", Projects, "道路建设", "Road projects";
    PublicService = "public_service", Projects, "公共服务", "Public services";
    Infrastructure = "infrastructure", Projects, "未来基础设施", "Future infrastructure";
    Road = "road", Context, "主要道路", "Main roads";
    Landmark = "landmark", Context, "地标", "Landmarks";
    MetroStation = "metro_station", Context, "地铁站", "Metro stations";
    Figure = "figure", Figures, "关键数据", "Key figures";
}

impl Category {
    /// Whether features of this category must quote the report. Context features (roads,
    /// landmarks, neighbours) come from other sources and name them in `source` instead.
    pub fn needs_quote(self) -> bool {
        !matches!(
            self,
            Category::Neighbour | Category::Road | Category::Landmark | Category::MetroStation
        )
    }

    /// The name in a language.
    pub fn name(self, lang: crate::i18n::Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// How well a feature's position is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Precision {
    /// Known to a few hundred metres.
    Site,
    /// The area is known; the drawn position is schematic.
    Approximate,
    /// No place: listed, never drawn as a pin.
    None,
}

impl Precision {
    pub fn code(self) -> &'static str {
        match self {
            Precision::Site => "site",
            Precision::Approximate => "approximate",
            Precision::None => "none",
        }
    }
}

impl FromStr for Precision {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "site" => Ok(Precision::Site),
            "approximate" => Ok(Precision::Approximate),
            "none" => Ok(Precision::None),
            other => Err(format!(
                "unknown precision {other} (known: site, approximate, none)",
                other = quoted(other)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in Category::ALL {
            assert_eq!(c.code().parse::<Category>(), Ok(*c));
            assert!(seen.insert(c.code()));
            assert!(!c.name_zh().is_empty() && !c.name_en().is_empty());
        }
    }

    #[test]
    fn precision_parse() {
        assert_eq!("approximate".parse(), Ok(Precision::Approximate));
        assert!("exact".parse::<Precision>().unwrap_err().contains("exact"));
    }
}
