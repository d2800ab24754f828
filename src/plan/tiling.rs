//! Whether the zones tile the district: every part of it in exactly one zone, no zone beyond
//! it. A zones file that no longer does — a zone missing, a gap, an overlap — is reported
//! against that file (and the zone at fault, where there is one) with the size of the fault
//! in km² and as a share of the district, so a planner editing the borders knows what to fix
//! and by how much. The zones themselves stay loaded, so references to them stay valid.

use super::membership::{M_PER_DEG_LAT, M_PER_DEG_LON};
use super::{Category, Plan, PlanFeature, Problem};
use crate::geometry::planar::inner_point;
use geo::{Area, BooleanOps, Geometry, MultiPolygon};

/// Zones may miss, overlap or spill over the district by at most this share of its area.
pub const TILING_TOLERANCE: f64 = 0.005;

/// How the zones cover the district, as shares of its area.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tiling {
    /// District area not covered by any zone.
    pub gap: f64,
    /// Area covered by more than one zone.
    pub overlap: f64,
    /// Zone area outside the district.
    pub outside: f64,
    /// Sum of the zones' areas.
    pub zone_sum: f64,
}

pub(super) fn areal(g: &Geometry<f64>) -> Option<MultiPolygon<f64>> {
    match g {
        Geometry::Polygon(p) => Some(MultiPolygon::new(vec![p.clone()])),
        Geometry::MultiPolygon(mp) => Some(mp.clone()),
        _ => None,
    }
}

/// The district's area, if it has one.
pub(super) fn district_area(plan: &Plan) -> Option<MultiPolygon<f64>> {
    areal(plan.district()?.geometry.as_ref()?)
}

/// The zones that have an area, with it.
fn zone_areas(plan: &Plan) -> Vec<(&PlanFeature, MultiPolygon<f64>)> {
    plan.of_category(Category::Zone)
        .filter_map(|z| Some((z, areal(z.geometry.as_ref()?)?)))
        .collect()
}

/// Square kilometres of an area in lon/lat near Jinan.
pub fn km2(area: &MultiPolygon<f64>) -> f64 {
    area.unsigned_area() * M_PER_DEG_LON * M_PER_DEG_LAT / 1e6
}

/// Measure how the zones tile the district (areas compared as ratios).
pub fn tiling(plan: &Plan) -> Option<Tiling> {
    let district = district_area(plan)?;
    let zones = zone_areas(plan);
    let total = district.unsigned_area();
    if zones.is_empty() || total <= 0.0 {
        return None;
    }
    let mut union = MultiPolygon::new(vec![]);
    let mut overlap = 0.0;
    for (_, z) in &zones {
        overlap += union.intersection(z).unsigned_area();
        union = union.union(z);
    }
    Some(Tiling {
        gap: district.difference(&union).unsigned_area() / total,
        overlap: overlap / total,
        outside: union.difference(&district).unsigned_area() / total,
        zone_sum: zones.iter().map(|(_, z)| z.unsigned_area()).sum::<f64>() / total,
    })
}

/// "2.51 km² (0.90% of the district; the limit is 0.5%)".
fn size(area: &MultiPolygon<f64>, district_km2: f64) -> String {
    let k = km2(area);
    format!(
        "{k:.2} km² ({:.2}% of the district; the limit is {:.1}%)",
        100.0 * k / district_km2,
        TILING_TOLERANCE * 100.0
    )
}

/// Where the largest piece of an area lies, as "lon, lat".
fn whereabouts(area: &MultiPolygon<f64>) -> String {
    area.0
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
        .and_then(inner_point)
        .map_or_else(String::new, |c| {
            format!("; the largest piece is around {:.3}, {:.3}", c.x, c.y)
        })
}

/// Every tiling problem, each against the zones' file and, where one zone is at fault, that
/// zone.
pub fn check_zones(plan: &Plan) -> Vec<Problem> {
    let zones: Vec<&PlanFeature> = plan.of_category(Category::Zone).collect();
    let Some(first) = zones.first() else {
        return vec![];
    };
    let file = first.file.as_str();
    let mut out = vec![];
    for z in &zones {
        if z.geometry.as_ref().and_then(areal).is_none() {
            out.push(Problem::error(
                &z.file,
                Some(&z.id),
                "a zone must be a Polygon or MultiPolygon",
            ));
        }
    }
    let district = match district_area(plan) {
        Some(d) if d.unsigned_area() > 0.0 => d,
        _ => {
            out.push(Problem::error(
                file,
                None,
                "zones cannot be checked: no district area",
            ));
            return out;
        }
    };
    let district_km2 = km2(&district);
    let share = |a: &MultiPolygon<f64>| a.unsigned_area() / district.unsigned_area();
    let areas = zone_areas(plan);

    let mut union = MultiPolygon::new(vec![]);
    let mut overlap_total = 0.0;
    let mut overlap_named = false;
    for (i, (z, area)) in areas.iter().enumerate() {
        for (earlier, other) in &areas[..i] {
            let both = area.intersection(other);
            overlap_total += share(&both);
            if share(&both) > TILING_TOLERANCE {
                overlap_named = true;
                out.push(Problem::error(
                    &z.file,
                    Some(&z.id),
                    format!(
                        "zones do not tile the district: it and {} overlap by {}{}",
                        earlier.id,
                        size(&both, district_km2),
                        whereabouts(&both)
                    ),
                ));
            }
        }
        let beyond = area.difference(&district);
        if share(&beyond) > TILING_TOLERANCE {
            out.push(Problem::error(
                &z.file,
                Some(&z.id),
                format!(
                    "zones do not tile the district: it reaches {} beyond the district{}",
                    size(&beyond, district_km2),
                    whereabouts(&beyond)
                ),
            ));
        }
        union = union.union(area);
    }
    if !overlap_named && overlap_total > TILING_TOLERANCE {
        out.push(Problem::error(
            file,
            None,
            format!(
                "zones do not tile the district: small overlaps between zones add up to {:.2}% \
                 of the district (the limit is {:.1}%)",
                overlap_total * 100.0,
                TILING_TOLERANCE * 100.0
            ),
        ));
    }
    let gap = district.difference(&union);
    if share(&gap) > TILING_TOLERANCE {
        out.push(Problem::error(
            file,
            None,
            format!(
                "zones do not tile the district: a gap of {} lies in no zone (is a zone \
                 missing?){}",
                size(&gap, district_km2),
                whereabouts(&gap)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_file;

    /// A 0.1° × 0.1° district (≈ 99 km²) and zones given as (id, rings of [x0, y0, x1, y1]).
    fn plan(zones: &[(&str, &[[f64; 4]])]) -> Plan {
        let square = |[x0, y0, x1, y1]: [f64; 4]| {
            format!("[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]")
        };
        let feature = |id: &str, cat: &str, polys: Vec<String>| {
            format!(
                r#"{{"type":"Feature","properties":{{"id":"{id}","name_zh":"区","name_en":"Z","category":"{cat}","precision":"approximate","quote":"q","source_zh":"s","source_en":"s","position_source_zh":"p","position_source_en":"p"}},"geometry":{{"type":"MultiPolygon","coordinates":[{}]}}}}"#,
                polys.join(",")
            )
        };
        let district = feature(
            "district",
            "district",
            vec![square([117.0, 36.5, 117.1, 36.6])],
        );
        let zones: Vec<String> = zones
            .iter()
            .map(|(id, rects)| feature(id, "zone", rects.iter().map(|r| square(*r)).collect()))
            .collect();
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{district},{}]}}"#,
            zones.join(",")
        );
        let load = load_file("zones.geojson", text.as_bytes());
        assert!(load.problems.is_empty(), "{:?}", load.problems);
        Plan::from_loads([load])
    }

    fn messages(plan: &Plan) -> Vec<String> {
        check_zones(plan).iter().map(|p| p.to_string()).collect()
    }

    const WEST: [f64; 4] = [117.0, 36.5, 117.05, 36.6];
    const EAST: [f64; 4] = [117.05, 36.5, 117.1, 36.6];

    #[test]
    fn zones_that_tile_pass() {
        assert!(messages(&plan(&[("zone.w", &[WEST]), ("zone.e", &[EAST])])).is_empty());
    }

    #[test]
    fn a_missing_zone_is_a_gap_with_its_size_and_place() {
        let m = messages(&plan(&[("zone.w", &[WEST])]));
        assert_eq!(m.len(), 1, "{m:?}");
        // Half the district: 0.05° × 0.1° ≈ 4.47 km × 11.1 km.
        assert!(
            m[0].starts_with(
                "error: zones.geojson: zones do not tile the district: a gap of 49.59 km² \
                 (50.00% of the district; the limit is 0.5%) lies in no zone"
            ),
            "{m:?}"
        );
        assert!(m[0].contains("around 117.075, 36.5"), "{m:?}");
    }

    #[test]
    fn an_overlap_names_both_zones_and_its_size() {
        let wider = [117.0, 36.5, 117.06, 36.6];
        let m = messages(&plan(&[("zone.w", &[wider]), ("zone.e", &[EAST])]));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with(
                "error: zones.geojson: feature zone.e: zones do not tile the district: it \
                 and zone.w overlap by 9.92 km² (10.00% of the district"
            ),
            "{m:?}"
        );
    }

    #[test]
    fn a_zone_beyond_the_district_is_named() {
        let beyond = [117.05, 36.5, 117.12, 36.6];
        let m = messages(&plan(&[("zone.w", &[WEST]), ("zone.e", &[beyond])]));
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].contains("feature zone.e: zones do not tile the district: it reaches 19.84 km²"),
            "{m:?}"
        );
    }

    #[test]
    fn slivers_within_the_tolerance_pass() {
        // A 0.0002° strip (0.4% of the district) missing between the two zones.
        let west = [117.0, 36.5, 117.0499, 36.6];
        let east = [117.0501, 36.5, 117.1, 36.6];
        assert!(messages(&plan(&[("zone.w", &[west]), ("zone.e", &[east])])).is_empty());
    }

    #[test]
    fn measures() {
        let p = plan(&[("zone.w", &[WEST])]);
        let t = tiling(&p).unwrap();
        assert!((t.gap - 0.5).abs() < 1e-9 && t.overlap == 0.0 && t.outside == 0.0);
        assert!((km2(&district_area(&p).unwrap()) - 99.19).abs() < 0.01);
    }
}
