//! Rules across features and files, beyond what loading one feature can see: valid geometry,
//! quotes found in the report, zones tiling the district, projects/belt/axis inside it, and
//! declared zone/belt membership matching the geometry.

use super::membership::{in_belt, metres_to, zone_of};
use super::{Category, Group, Plan, PlanFeature, Precision, Problem};
use geo::{Area, BooleanOps, Geometry, MultiPolygon, Validation};

/// Zones may miss or overlap the district by at most this share of its area.
pub const TILING_TOLERANCE: f64 = 0.005;
/// Lines may stray this far outside the district (their positions are approximate).
pub const OUTSIDE_TOLERANCE_M: f64 = 150.0;

/// Run every cross-feature rule. `report` is the report's text, or the problem that stopped
/// it from being read: that problem is then part of the result, so quotes are never left
/// unchecked without an error saying so.
pub fn validate(plan: &Plan, report: Result<&str, Problem>) -> Vec<Problem> {
    let mut out = vec![];
    for f in &plan.features {
        geometry_validity(f, &mut out);
    }
    match report {
        Ok(text) => out.extend(check_quotes(plan, text)),
        Err(problem) => out.push(problem),
    }
    out.extend(check_zones(plan));
    out.extend(check_inside_district(plan));
    out.extend(check_membership(plan));
    out
}

fn err(f: &PlanFeature, message: impl Into<String>) -> Problem {
    Problem::error(&f.file, Some(&f.id), message)
}

fn geometry_validity(f: &PlanFeature, out: &mut Vec<Problem>) {
    if let Some(g) = &f.geometry {
        for e in g.validation_errors().into_iter().take(3) {
            out.push(err(f, format!("invalid geometry: {e}")));
        }
    }
}

/// Whitespace-free text: the report was set in columns, so line breaks and spaces fall
/// anywhere (even inside numbers: "1451 . 6").
pub fn normalise(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every quote must appear in the report, verbatim once whitespace is ignored.
pub fn check_quotes(plan: &Plan, source_text: &str) -> Vec<Problem> {
    let source = normalise(source_text);
    plan.features
        .iter()
        .filter_map(|f| {
            let q = f.quote.as_ref()?;
            (!source.contains(&normalise(q)))
                .then(|| err(f, format!("quote not found in the report: {q:?}")))
        })
        .collect()
}

fn areal(g: &Geometry<f64>) -> Option<MultiPolygon<f64>> {
    match g {
        Geometry::Polygon(p) => Some(MultiPolygon::new(vec![p.clone()])),
        Geometry::MultiPolygon(mp) => Some(mp.clone()),
        _ => None,
    }
}

fn district_area(plan: &Plan) -> Option<(&PlanFeature, MultiPolygon<f64>)> {
    let d = plan.district()?;
    Some((d, areal(d.geometry.as_ref()?)?))
}

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

/// Measure how the zones tile the district (areas in square degrees, compared as ratios).
pub fn tiling(plan: &Plan) -> Option<Tiling> {
    let (_, district) = district_area(plan)?;
    let zones: Vec<MultiPolygon<f64>> = plan
        .of_category(Category::Zone)
        .filter_map(|z| areal(z.geometry.as_ref()?))
        .collect();
    let total = district.unsigned_area();
    if zones.is_empty() || total <= 0.0 {
        return None;
    }
    let mut union = MultiPolygon::new(vec![]);
    let mut overlap = 0.0;
    for z in &zones {
        overlap += union.intersection(z).unsigned_area();
        union = union.union(z);
    }
    Some(Tiling {
        gap: district.difference(&union).unsigned_area() / total,
        overlap: overlap / total,
        outside: union.difference(&district).unsigned_area() / total,
        zone_sum: zones.iter().map(|z| z.unsigned_area()).sum::<f64>() / total,
    })
}

fn check_zones(plan: &Plan) -> Vec<Problem> {
    let zones: Vec<&PlanFeature> = plan.of_category(Category::Zone).collect();
    let Some(first) = zones.first() else {
        return vec![];
    };
    let mut out = vec![];
    for z in &zones {
        if z.geometry.as_ref().and_then(areal).is_none() {
            out.push(err(z, "a zone must be a Polygon or MultiPolygon"));
        }
    }
    match tiling(plan) {
        None => out.push(err(first, "zones cannot be checked: no district area")),
        Some(t) => {
            for (what, share) in [
                ("gap", t.gap),
                ("overlap", t.overlap),
                ("outside", t.outside),
            ] {
                if share > TILING_TOLERANCE {
                    out.push(err(
                        first,
                        format!(
                            "zones do not tile the district: {what} of {:.2}% of its area (limit {:.1}%)",
                            share * 100.0,
                            TILING_TOLERANCE * 100.0
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn check_inside_district(plan: &Plan) -> Vec<Problem> {
    let Some((_, district)) = district_area(plan) else {
        return vec![];
    };
    let district: Geometry<f64> = district.into();
    let mut out = vec![];
    for f in &plan.features {
        let Some(g) = &f.geometry else { continue };
        let must = matches!(f.category, Category::Belt | Category::Axis)
            || f.category.group() == Group::Projects;
        if !must {
            continue;
        }
        let worst = match g {
            Geometry::Point(p) => metres_to(*p, &district),
            other => geo::CoordsIter::coords_iter(other)
                .map(|c| metres_to(geo::Point(c), &district))
                .fold(0.0, f64::max),
        };
        let limit = if f.category.group() == Group::Projects && f.precision == Precision::Site {
            0.0
        } else {
            OUTSIDE_TOLERANCE_M
        };
        if worst > limit {
            out.push(err(
                f,
                format!("lies outside the district (up to {worst:.0} m beyond its boundary)"),
            ));
        }
    }
    out
}

fn check_membership(plan: &Plan) -> Vec<Problem> {
    let mut out = vec![];
    for f in &plan.features {
        if let Some(zone) = &f.zone {
            match plan.get(zone) {
                Some(z) if z.category == Category::Zone => {}
                _ => {
                    out.push(err(
                        f,
                        format!("`zone` names {zone:?}, which is not a zone"),
                    ));
                    continue;
                }
            }
        }
        if f.geometry.is_none() || !matches!(f.category.group(), Group::Projects) {
            continue;
        }
        let computed = zone_of(plan, f).map(|z| z.id.as_str());
        if f.zone.as_deref() != computed {
            out.push(err(
                f,
                format!(
                    "declares zone {:?} but its geometry lies in {:?}",
                    f.zone.as_deref().unwrap_or("none"),
                    computed.unwrap_or("none")
                ),
            ));
        }
        let belt = in_belt(plan, f);
        if f.in_belt.unwrap_or(false) != belt {
            out.push(err(
                f,
                format!(
                    "declares in_belt = {} but its geometry is {} the belt",
                    f.in_belt.unwrap_or(false),
                    if belt { "inside" } else { "outside" }
                ),
            ));
        }
    }
    out
}
