//! Rules across features and files, beyond what loading one feature can see: valid geometry,
//! quotes found in the report, zones tiling the district ([`super::tiling`]), projects, belt
//! and axis inside it, and declared zone/belt membership matching the geometry.

use super::membership::{in_belt, metres_to, zone_of};
use super::tiling::{check_zones, district_area};
use super::{Category, Group, Plan, PlanFeature, Precision, Problem};
use crate::quote::quoted;
use geo::{Geometry, Validation};

pub use super::tiling::{tiling, Tiling, TILING_TOLERANCE};

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
            (!source.contains(&normalise(q))).then(|| {
                err(
                    f,
                    format!("quote not found in the report: {q}", q = quoted(q)),
                )
            })
        })
        .collect()
}

fn check_inside_district(plan: &Plan) -> Vec<Problem> {
    let Some(district) = district_area(plan) else {
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
                format!(
                    "lies outside the district (up to {} m beyond its boundary)",
                    crate::number::padded(worst, 0)
                ),
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
                        format!(
                            "`zone` names {zone}, which is not a zone",
                            zone = quoted(zone)
                        ),
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
                    "declares zone {} but its geometry lies in {}",
                    quoted(f.zone.as_deref().unwrap_or("none")),
                    quoted(computed.unwrap_or("none"))
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
