//! What the app offers to download besides pictures: the visible data as GeoJSON, and the
//! projects as a CSV table that opens cleanly in a spreadsheet.

use crate::plan::geojson_write::{feature_collection, OutFeature};
use crate::plan::schema::{cell_text, value_of, PROPERTIES};
use crate::plan::Group;
use crate::scene::layers::Filter;
use crate::scene::world::WorldPlan;

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
        .map(|(_, f)| OutFeature::of(f))
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

/// Columns the CSV adds after the properties: the category's Chinese name, and the
/// longitude and latitude of the point that stands for the feature on the map.
pub const DERIVED_COLUMNS: [&str; 3] = ["category_zh", "lon", "lat"];

/// The projects (everything in the projects group), one row each: every property of
/// [`crate::plan::schema`] as a column, then [`DERIVED_COLUMNS`]. Starts with a byte-order
/// mark so spreadsheet programs read the Chinese as UTF-8.
pub fn projects_csv(world: &WorldPlan) -> String {
    let header: Vec<&str> = PROPERTIES
        .iter()
        .map(|p| p.key)
        .chain(DERIVED_COLUMNS)
        .collect();
    let mut out = format!("\u{feff}{}\r\n", header.join(","));
    for (i, f) in world.plan.features.iter().enumerate() {
        if f.category.group() != Group::Projects {
            continue;
        }
        let (lon, lat) = world
            .placed(i)
            // WGS84 whatever datum the map is drawn in.
            .map(|w| world.lon_lat(w.anchor))
            .map_or((String::new(), String::new()), |(x, y)| {
                (crate::number::padded(x, 6), crate::number::padded(y, 6))
            });
        let cells: Vec<String> = PROPERTIES
            .iter()
            .map(|p| csv_cell(&cell_text(value_of(f, p.key).as_ref())))
            .chain([csv_cell(f.category.name_zh()), lon, lat])
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::load::load_file;
    use crate::plan::Plan;
    use crate::scene::layers::LayerSet;

    /// A district clipped to the map, with its adcode, and one placed project.
    fn world() -> WorldPlan {
        let text = r#"{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"district.x","name_zh":"区","name_en":"District","category":"district","precision":"site","quote":"q","adcode":"370103","clipped_to_map_extent":true,"source_zh":"s","source_en":"s","position_source_zh":"p","position_source_en":"p"},"geometry":{"type":"Polygon","coordinates":[[[116.9,36.5],[117.1,36.5],[117.1,36.7],[116.9,36.5]]]}},
{"type":"Feature","properties":{"id":"project.p","name_zh":"=项目","name_en":"Project, one","category":"land","precision":"site","quote":"q","in_belt":false,"source_zh":"s","source_en":"s","position_source_zh":"p","position_source_en":"p"},"geometry":{"type":"Point","coordinates":[117.05,36.55]}}
]}"#;
        let load = load_file("t.geojson", text.as_bytes());
        assert!(load.problems.is_empty(), "{:?}", load.problems);
        WorldPlan::new(Plan::from_loads([load]))
    }

    #[test]
    fn the_geojson_download_keeps_every_property() {
        let w = world();
        let text = geojson_of(&w, &Filter::from(LayerSet::ALL));
        assert!(
            text.contains(r#""adcode":"370103","clipped_to_map_extent":true"#),
            "{text}"
        );
        // And it loads back as the same features.
        let back = load_file("t.geojson", text.as_bytes());
        assert!(back.problems.is_empty(), "{:?}", back.problems);
        assert_eq!(back.features, w.plan.features);
    }

    #[test]
    fn the_csv_has_a_column_for_every_property() {
        let csv = projects_csv(&world());
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2, "the header and the one project: {csv}");
        let header: Vec<&str> = lines[0].trim_start_matches('\u{feff}').split(',').collect();
        let keys: Vec<&str> = PROPERTIES.iter().map(|p| p.key).collect();
        assert_eq!(header[..keys.len()], keys[..]);
        assert_eq!(header[keys.len()..], DERIVED_COLUMNS);
        let row = lines[1];
        assert!(
            row.starts_with("project.p,'=项目,\"Project, one\",land,site,"),
            "{row}"
        );
        assert!(
            row.ends_with(",产业与供地地块,117.050000,36.550000"),
            "{row}"
        );
    }

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
