//! `shizhong derive-plan`: the schematic plan areas, derived from the real district boundary.
//!
//! The report publishes no borders for the four zones and no width for the belt, so both are
//! drawn schematically — and marked so in the data (`schematic: true`):
//! - the zones split the district along straight cut lines placed by the general positions of
//!   the sub-districts (街道); together they tile the district;
//! - the belt is a corridor of fixed width around 二环南路, clipped to the district.

use super::geojson_write::{feature_collection, OutFeature};
use crate::plan::membership::{M_PER_DEG_LAT, M_PER_DEG_LON};
use geo::orient::Direction;
use geo::{
    coord, Area, BooleanOps, Buffer, LineString, MapCoords, MultiPolygon, Orient, Polygon, Rect,
};

/// West zone: west of ≈ 二环西路 / 凤凰山立交 (陡沟, 党家, 经开区) …
pub const WEST_CUT_LON: f64 = 116.928;
/// … and north of the mountains that belong to the south zone.
pub const WEST_SOUTH_LAT: f64 = 36.56;
/// North zone: the old city and commercial port, north of this latitude (between the old
/// city's southern 街道 — 六里山, 舜玉路, 王官庄 — and 二环南路).
pub const NORTH_CUT_LAT: f64 = 36.625;
/// Central zone: the 二环南路 corridor (七贤, 十六里河, 白马山) down to this latitude …
pub const SOUTH_CUT_LAT: f64 = 36.585;
/// … and east to just past 兴隆; beyond lie the southern mountains.
pub const EAST_CUT_LON: f64 = 117.05;

/// 二环南路, west to east: approximate positions of its interchanges (general knowledge, low
/// confidence except near 兴隆).
pub const SECOND_RING_SOUTH: [(f64, f64); 9] = [
    (116.925, 36.607),
    (116.940, 36.603),
    (116.962, 36.600),
    (116.972, 36.601),
    (116.988, 36.594),
    (116.997, 36.598),
    (117.024, 36.603),
    (117.039, 36.599),
    (117.07, 36.61),
];
/// Half-width of the schematic belt corridor, metres.
pub const BELT_HALF_WIDTH_M: f64 = 800.0;

const ZONE_QUOTE: &str = "“四区”，即按照“北服务、中科创、南生态、西智造”的布局思路，打造北部现代服务核心区、中部科技创新引领区、南部山水泉源生态区、西部都市工业活力区";
const ZONE_POSITION: (&str, &str) = (
    "示意：报告未公布分区边界。沿直线切分真实区界（东经116.928°≈二环西路；北纬36.625°在老城与二环南路之间；\
北纬36.585°在二环南路以南；东经117.05°在兴隆以东；北纬36.56°在西区以南），切线按各街道的大致位置（公开常识）\
划定；由 `shizhong derive-plan` 生成。",
    "Schematic: the report publishes no zone borders. A partition of the real district boundary \
along straight cut lines (lon 116.928 ≈ 二环西路; lat 36.625 between the old city and 二环南路; \
lat 36.585 south of 二环南路; lon 117.05 east of 兴隆; lat 36.56 south of the western zone), \
placed by the general positions of the sub-districts (街道); made by `shizhong derive-plan`.",
);
/// The primary source, as every feature from the report names it.
pub const REPORT: (&str, &str) = (
    "济南市市中区2026年政府工作报告（2026年2月4日），据2026年2月5日报纸A08版报道",
    "Shizhong District 2026 Government Work Report (4 Feb 2026), as reported on page A08, 5 Feb 2026",
);

fn rect(x0: f64, y0: f64, x1: f64, y1: f64) -> MultiPolygon<f64> {
    MultiPolygon::new(vec![Rect::new(
        coord! { x: x0, y: y0 },
        coord! { x: x1, y: y1 },
    )
    .to_polygon()])
}

/// A zone's names and schematic area.
pub struct Zone {
    pub id: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub short_zh: &'static str,
    pub short_en: &'static str,
    pub pinyin: &'static str,
    pub area: MultiPolygon<f64>,
}

/// The four zones, cut from the district.
pub fn zones(district: &MultiPolygon<f64>) -> Vec<Zone> {
    let west = district.intersection(&rect(110.0, WEST_SOUTH_LAT, WEST_CUT_LON, 40.0));
    let north = district.intersection(&rect(WEST_CUT_LON, NORTH_CUT_LAT, 120.0, 40.0));
    let centre = district.intersection(&rect(
        WEST_CUT_LON,
        SOUTH_CUT_LAT,
        EAST_CUT_LON,
        NORTH_CUT_LAT,
    ));
    // The south is the rest of the plane, so the four regions tile it with shared edges at
    // identical coordinates (subtracting from the district instead leaves slivers).
    let south_region = Polygon::new(
        LineString::from(vec![
            (110.0, 30.0),
            (120.0, 30.0),
            (120.0, NORTH_CUT_LAT),
            (EAST_CUT_LON, NORTH_CUT_LAT),
            (EAST_CUT_LON, SOUTH_CUT_LAT),
            (WEST_CUT_LON, SOUTH_CUT_LAT),
            (WEST_CUT_LON, WEST_SOUTH_LAT),
            (110.0, WEST_SOUTH_LAT),
            (110.0, 30.0),
        ]),
        vec![],
    );
    let south = district.intersection(&south_region);
    let o = |m: MultiPolygon<f64>| without_slivers(m).orient(Direction::Default);
    vec![
        Zone {
            id: "zone.north",
            name_zh: "北部现代服务核心区",
            name_en: "Northern Modern Services Core Zone",
            short_zh: "北服务",
            short_en: "North · services",
            pinyin: "bei bu xian dai fu wu he xin qu",
            area: o(north),
        },
        Zone {
            id: "zone.centre",
            name_zh: "中部科技创新引领区",
            name_en: "Central Sci-Tech Innovation Zone",
            short_zh: "中科创",
            short_en: "Centre · sci-tech",
            pinyin: "zhong bu ke ji chuang xin yin ling qu",
            area: o(centre),
        },
        Zone {
            id: "zone.south",
            name_zh: "南部山水泉源生态区",
            name_en: "Southern Mountain, Water and Spring Ecological Zone",
            short_zh: "南生态",
            short_en: "South · ecology",
            pinyin: "nan bu shan shui quan yuan sheng tai qu",
            area: o(south),
        },
        Zone {
            id: "zone.west",
            name_zh: "西部都市工业活力区",
            name_en: "Western Urban Industry Zone",
            short_zh: "西智造",
            short_en: "West · smart industry",
            pinyin: "xi bu du shi gong ye huo li qu",
            area: o(west),
        },
    ]
}

/// Drop the hair-thin pieces that polygon clipping leaves along shared edges (< 1 m²).
fn without_slivers(m: MultiPolygon<f64>) -> MultiPolygon<f64> {
    let min_area = 1.0 / (M_PER_DEG_LAT * M_PER_DEG_LON);
    MultiPolygon::new(
        m.0.into_iter()
            .filter(|p| p.unsigned_area() > min_area)
            .collect(),
    )
}

fn to_metres(l: &LineString<f64>) -> LineString<f64> {
    l.map_coords(|c| coord! { x: c.x * M_PER_DEG_LON, y: c.y * M_PER_DEG_LAT })
}

fn from_metres(m: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    m.map_coords(|c| coord! { x: c.x / M_PER_DEG_LON, y: c.y / M_PER_DEG_LAT })
}

/// 二环南路 as a line (WGS84).
pub fn belt_centreline() -> LineString<f64> {
    SECOND_RING_SOUTH
        .iter()
        .map(|&(x, y)| coord! { x: x, y: y })
        .collect()
}

/// The belt corridor: the centreline buffered by [`BELT_HALF_WIDTH_M`], clipped to the district.
pub fn belt_corridor(district: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let buffered = from_metres(&to_metres(&belt_centreline()).buffer(BELT_HALF_WIDTH_M));
    buffered.intersection(district).orient(Direction::Default)
}

/// The text of `zones.geojson`.
pub fn zones_file(district: &MultiPolygon<f64>) -> String {
    let features: Vec<OutFeature> = zones(district)
        .into_iter()
        .map(|z| {
            OutFeature::new(Some(z.area.into()))
                .with("id", z.id)
                .with("name_zh", z.name_zh)
                .with("name_en", z.name_en)
                .with("name_pinyin", z.pinyin)
                .with("short_zh", z.short_zh)
                .with("short_en", z.short_en)
                .with("category", "zone")
                .with("precision", "approximate")
                .with("schematic", true)
                .with("quote", ZONE_QUOTE)
                .with_both("source", REPORT.0, REPORT.1)
                .with_both("position_source", ZONE_POSITION.0, ZONE_POSITION.1)
        })
        .collect();
    feature_collection(&features)
}

/// The text of `belt.geojson`: the corridor and its centreline.
pub fn belt_file(district: &MultiPolygon<f64>) -> String {
    let corridor = OutFeature::new(Some(belt_corridor(district).into()))
        .with("id", "belt.corridor")
        .with("name_zh", "二环南路科创带")
        .with("name_en", "South Second Ring Road Sci-Tech Belt")
        .with("name_pinyin", "er huan nan lu ke chuang dai")
        .with("short_zh", "科创带")
        .with("short_en", "Sci-tech belt")
        .with("category", "belt")
        .with("precision", "approximate")
        .with("schematic", true)
        .with("zone", "zone.centre")
        .with("quote", "“一带”，即以产业创新为核的二环路科创带")
        .with("description_zh", "以产业创新为核的科创带。带宽为示意：沿二环南路两侧各约800米，并裁剪至区界内。")
        .with("description_en", "The sci-tech belt, centred on industrial innovation. Its width is schematic: about 800 m either side of 二环南路, clipped to the district.")
        .with_both("source", REPORT.0, REPORT.1)
        .with_both(
            "position_source",
            format!("示意：二环南路大致走向（公开常识，除兴隆附近外可信度低）两侧各外扩 {BELT_HALF_WIDTH_M} 米，并裁剪至区界内；由 `shizhong derive-plan` 生成。"),
            format!("Schematic: 二环南路's approximate course (general knowledge, low confidence except near 兴隆) widened by {BELT_HALF_WIDTH_M} m either side and clipped to the district by `shizhong derive-plan`."),
        );
    let centreline = OutFeature::new(Some(belt_centreline().into()))
        .with("id", "belt.centreline")
        .with("name_zh", "二环南路（科创带中线）")
        .with("name_en", "South Second Ring Road (belt centreline)")
        .with("name_pinyin", "er huan nan lu")
        .with("category", "belt")
        .with("precision", "approximate")
        .with(
            "quote",
            "市中区发挥二环南路科创带辐射作用，一体推进居住、产业、交通、配套优化升级",
        )
        .with_both("source", REPORT.0, REPORT.1)
        .with_both(
            "position_source",
            "公开常识：沿途立交自西向东的大致位置（凤凰山立交至兴隆以东）。除兴隆附近外可信度低。",
            "General knowledge: the approximate positions of its interchanges, west to east (凤凰山立交 to east of 兴隆). Low confidence except near 兴隆.",
        );
    feature_collection(&[corridor, centreline])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn square_district() -> MultiPolygon<f64> {
        rect(116.80, 36.48, 117.16, 36.67)
    }

    #[test]
    fn zones_tile_the_district() {
        let d = square_district();
        let zones = zones(&d);
        let sum: f64 = zones.iter().map(|z| z.area.unsigned_area()).sum();
        let ratio = sum / d.unsigned_area();
        assert!((ratio - 1.0).abs() < 1e-6, "{ratio}");
        assert!(zones.iter().all(|z| z.area.unsigned_area() > 0.0));
    }

    #[test]
    fn belt_is_clipped_and_wide_enough() {
        let d = square_district();
        let belt = belt_corridor(&d);
        let outside = geo::BooleanOps::difference(&belt, &d).unsigned_area();
        assert!(outside < 1e-12);
        // ≈ 14 km long × 1.6 km wide ≈ 22 km², in square degrees at this latitude.
        let km2 = belt.unsigned_area() * M_PER_DEG_LAT * M_PER_DEG_LON / 1e6;
        assert!((15.0..30.0).contains(&km2), "{km2}");
    }
}
