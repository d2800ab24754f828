//! What the app offers to download besides pictures: the visible data as GeoJSON, and the
//! projects as a CSV table that opens cleanly in a spreadsheet.

use crate::plan::geojson_write::{feature_collection, OutFeature};
use crate::plan::membership::in_belt;
use crate::plan::{Group, PlanFeature};
use crate::scene::layers::Filter;
use crate::scene::world::WorldPlan;
use serde_json::Value;

/// A feature's properties as the data files write them.
pub fn properties(f: &PlanFeature) -> Vec<(String, Value)> {
    let mut p: Vec<(String, Value)> = vec![
        ("id".into(), f.id.clone().into()),
        ("name_zh".into(), f.names.zh.clone().into()),
        ("name_en".into(), f.names.en.clone().into()),
    ];
    let mut opt = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            p.push((k.into(), v));
        }
    };
    opt("name_pinyin", f.pinyin.clone().map(Value::from));
    opt("short_zh", f.short.as_ref().map(|n| n.zh.clone().into()));
    opt("short_en", f.short.as_ref().map(|n| n.en.clone().into()));
    opt("category", Some(f.category.code().into()));
    opt("precision", Some(f.precision.code().into()));
    opt("schematic", f.schematic.then_some(true.into()));
    opt("quote", f.quote.clone().map(Value::from));
    opt(
        "description_zh",
        f.description.as_ref().map(|n| n.zh.clone().into()),
    );
    opt(
        "description_en",
        f.description.as_ref().map(|n| n.en.clone().into()),
    );
    opt("zone", f.zone.clone().map(Value::from));
    opt("in_belt", f.in_belt.map(Value::from));
    opt("uncertainty_m", f.uncertainty_m.map(Value::from));
    opt("segment", f.segment.clone().map(Value::from));
    opt("value", f.figure.as_ref().map(|x| x.value.into()));
    opt(
        "display_zh",
        f.figure.as_ref().map(|x| x.display.zh.clone().into()),
    );
    opt(
        "display_en",
        f.figure.as_ref().map(|x| x.display.en.clone().into()),
    );
    opt("target", f.figure.as_ref().map(|x| x.is_target.into()));
    opt("link", f.link.clone().map(Value::from));
    opt("source", Some(f.source.clone().into()));
    opt(
        "position_source",
        f.position_source.clone().map(Value::from),
    );
    p
}

/// Every feature of the visible layers (placed or not), as one FeatureCollection.
pub fn geojson_of(world: &WorldPlan, filter: &Filter) -> String {
    let out: Vec<OutFeature> = world
        .plan
        .features
        .iter()
        .enumerate()
        .filter(|(i, f)| match world.placed(*i) {
            Some(w) => world.visible(w, filter),
            None => filter.layers.contains(f.category) && filter.zone.is_none(),
        })
        .map(|(_, f)| OutFeature {
            properties: properties(f),
            geometry: f.geometry.clone(),
        })
        .collect();
    feature_collection(&out)
}

/// A CSV cell: quoted when needed, and defused when a spreadsheet would read it as a formula.
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The projects (everything in the projects group) with where they lie, one row each. Starts
/// with a byte-order mark so spreadsheet programs read the Chinese as UTF-8.
pub fn projects_csv(world: &WorldPlan) -> String {
    let mut out = String::from("\u{feff}id,name_zh,name_en,category,category_zh,precision,zone,in_belt,lon,lat,quote,source,position_source\r\n");
    for (i, f) in world.plan.features.iter().enumerate() {
        if f.category.group() != Group::Projects {
            continue;
        }
        let w = world.placed(i);
        let zone = match w {
            Some(w) => world.zone_of(w).map(str::to_string),
            None => f.zone.clone(),
        };
        let (lon, lat) = w
            .map(|w| crate::geometry::mercator::unproject(w.anchor))
            .map_or((String::new(), String::new()), |(x, y)| {
                (format!("{x:.6}"), format!("{y:.6}"))
            });
        let cells = [
            csv_cell(&f.id),
            csv_cell(&f.names.zh),
            csv_cell(&f.names.en),
            f.category.code().to_string(),
            csv_cell(f.category.name_zh()),
            f.precision.code().to_string(),
            csv_cell(&zone.unwrap_or_default()),
            in_belt(&world.plan, f).to_string(),
            lon,
            lat,
            csv_cell(f.quote.as_deref().unwrap_or("")),
            csv_cell(&f.source),
            csv_cell(f.position_source.as_deref().unwrap_or("")),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }
}
