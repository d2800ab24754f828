//! The repository's `geodata/` against every rule, and the validator catching each kind of
//! problem on deliberately broken copies of it.

use shizhong_map::plan::load::{load_file, FileLoad};
use shizhong_map::plan::manifest::Manifest;
use shizhong_map::plan::membership::{in_belt, zone_of};
use shizhong_map::plan::validate::{check_quotes, tiling, validate, TILING_TOLERANCE};
use shizhong_map::plan::{Category, Group, Plan, Precision};
use std::path::PathBuf;

fn geodata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("geodata")
}

/// The data files as (name, text), in manifest order.
fn files() -> Vec<(String, String)> {
    let manifest =
        Manifest::parse(&std::fs::read(geodata().join("manifest.json")).unwrap()).unwrap();
    manifest
        .files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(geodata().join(&f)).unwrap();
            (f, text)
        })
        .collect()
}

fn plan_of(files: &[(String, String)]) -> Plan {
    Plan::from_loads(
        files
            .iter()
            .map(|(name, text)| load_file(name, text.as_bytes()))
            .collect::<Vec<FileLoad>>(),
    )
}

/// The report's text, as the manifest names it (committed in `geodata/sources/`).
fn report_text() -> String {
    let manifest =
        Manifest::parse(&std::fs::read(geodata().join("manifest.json")).unwrap()).unwrap();
    shizhong_map::tools::check::read_report(&geodata(), &manifest).unwrap()
}

/// All problems (load + validate, quotes against the report) of the data with `edit` applied
/// to file `name`.
fn problems_after(name: &str, edit: impl Fn(&str) -> String) -> Vec<String> {
    let mut fs = files();
    let entry = fs
        .iter_mut()
        .find(|(n, _)| n == name)
        .expect("file in manifest");
    let edited = edit(&entry.1);
    assert_ne!(edited, entry.1, "the edit must change {name}");
    entry.1 = edited;
    let mut plan = plan_of(&fs);
    let extra = validate(&plan, Ok(&report_text()));
    plan.problems.extend(extra);
    plan.problems.iter().map(|p| p.to_string()).collect()
}

fn assert_reported(problems: &[String], want: &[&str]) {
    assert!(
        problems.iter().any(|p| want.iter().all(|w| p.contains(w))),
        "expected a problem containing {want:?}; got:\n{}",
        problems.join("\n")
    );
}

#[test]
fn repo_data_passes_every_rule() {
    let plan = plan_of(&files());
    let mut problems: Vec<String> = plan.problems.iter().map(|p| p.to_string()).collect();
    problems.extend(
        validate(&plan, Ok(&report_text()))
            .iter()
            .map(|p| p.to_string()),
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_required_item_of_the_report_is_in_the_data() {
    let plan = plan_of(&files());
    let names: Vec<&str> = plan.features.iter().map(|f| f.names.zh.as_str()).collect();
    let required = [
        "未来云谷",
        "望岳智谷",
        "山东哈工现代产业园",
        "电力战新产业园",
        "电力设备新园区",
        "低空场景应用先行区",
        "未来产业加速园",
        "玉湖冷链",
        "文化创意产业集聚区",
        "经济开发区",
        "郑庄",
        "马家庄",
        "重汽西",
        "白马山",
        "领秀城南",
        "复兴村",
        "兴隆片区",
        "经四小纬二",
        "上新街二期",
        "乾成街",
        "中山公园",
        "物流大道",
        "簸箕山路",
        "励新实验中学",
        "大健康产业园",
        "领秀城社区医院",
        "空中天路",
        "分布式储能",
        "保障性租赁住房",
        "幼儿园",
        "北部现代服务核心区",
        "中部科技创新引领区",
        "南部山水泉源生态区",
        "西部都市工业活力区",
        "二环南路科创带",
        "大纬二路",
        "英雄山路",
        "望岳路",
        "二环西路",
        "经十路",
        "刘长山路",
        "英雄山",
        "千佛山",
        "趵突泉",
        "济南站",
        "玉符河站",
    ];
    for item in required {
        assert!(names.iter().any(|n| n.contains(item)), "{item} is missing");
    }
    let figures: Vec<f64> = plan
        .of_category(Category::Figure)
        .filter_map(|f| f.figure.as_ref().map(|x| x.value))
        .collect();
    for value in [
        1451.6, 160.0, 380.0, 150.0, 320.0, 1000.0, 17500.0, 1450.0, 1350.0,
    ] {
        assert!(figures.contains(&value), "figure {value} is missing");
    }
}

#[test]
fn zones_partition_the_district() {
    let plan = plan_of(&files());
    assert_eq!(plan.of_category(Category::Zone).count(), 4);
    let t = tiling(&plan).expect("district and zones present");
    assert!(
        (t.zone_sum - 1.0).abs() <= TILING_TOLERANCE,
        "zone areas sum to {:.4} of the district",
        t.zone_sum
    );
    assert!(
        t.gap <= TILING_TOLERANCE && t.overlap <= TILING_TOLERANCE && t.outside <= TILING_TOLERANCE,
        "{t:?}"
    );
    assert!(
        plan.of_category(Category::Zone).all(|z| z.schematic),
        "zone borders are unpublished: schematic"
    );
}

#[test]
fn membership_computed_from_geometry_matches_the_data() {
    let plan = plan_of(&files());
    let mut checked = 0;
    for f in plan
        .features
        .iter()
        .filter(|f| f.category.group() == Group::Projects && f.geometry.is_some())
    {
        let zone = zone_of(&plan, f).map(|z| z.id.as_str());
        assert_eq!(zone, f.zone.as_deref(), "{}: zone", f.id);
        assert_eq!(
            in_belt(&plan, f),
            f.in_belt.unwrap_or(false),
            "{}: belt",
            f.id
        );
        checked += 1;
    }
    assert!(checked >= 14, "only {checked} placed projects");
    // Spot checks a reader can verify on the map.
    assert_eq!(
        zone_of(&plan, plan.get("project.parcel-zhengzhuang").unwrap())
            .unwrap()
            .id,
        "zone.west"
    );
    assert!(in_belt(&plan, plan.get("project.parcel-xinglong").unwrap()));
    assert!(!in_belt(
        &plan,
        plan.get("project.renewal-zhongshan-park").unwrap()
    ));
}

#[test]
fn every_quote_is_found_in_the_report() {
    let plan = plan_of(&files());
    let quoted = plan.features.iter().filter(|f| f.quote.is_some()).count();
    assert!(quoted >= 60, "{quoted} quotes");
    for f in plan.features.iter().filter(|f| f.category.needs_quote()) {
        assert!(f.quote.is_some(), "{} has no quote", f.id);
    }
    let problems = check_quotes(&plan, &report_text());
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn quote_check_ignores_line_breaks_and_catches_misquotes() {
    let plan = plan_of(&files());
    // A "report" made of every quote with line breaks and spaces sprinkled in.
    let source: String = plan
        .features
        .iter()
        .filter_map(|f| f.quote.as_ref())
        .flat_map(|q| q.chars().flat_map(|c| [c, '\n']).chain(" 。".chars()))
        .collect();
    assert!(check_quotes(&plan, &source).is_empty());
    let broken = source.replace("1\n4\n5\n1\n.\n6", "1\n4\n5\n2\n.\n6");
    let problems = check_quotes(&plan, &broken);
    assert!(
        problems
            .iter()
            .any(|p| p.feature.as_deref() == Some("figure.gdp-2025")),
        "{problems:?}"
    );
}

#[test]
fn precision_is_honest() {
    let plan = plan_of(&files());
    for f in &plan.features {
        match f.precision {
            Precision::None => assert!(f.geometry.is_none(), "{}", f.id),
            _ => assert!(
                f.position_source.is_some(),
                "{} must say where its position came from",
                f.id
            ),
        }
    }
    // Items with no published site are never claimed as sites.
    for id in [
        "project.weilai-yungu",
        "project.wangyue-zhigu",
        "project.hagong-park",
        "project.parcel-fuxing-village",
        "project.renewal-qianchengjie",
        "project.road-bojishan-lu",
        "project.parcel-majiazhuang",
    ] {
        assert_ne!(plan.get(id).unwrap().precision, Precision::Site, "{id}");
    }
}

// ---- the validator catches each kind of problem -------------------------------------------

#[test]
fn catches_invalid_json() {
    let p = problems_after("zones.geojson", |t| t.replacen("{", "{{", 2));
    assert_reported(&p, &["error: zones.geojson:", "not valid GeoJSON"]);
}

#[test]
fn catches_out_of_range_coordinates() {
    let p = problems_after("projects.geojson", |t| {
        t.replace("[116.8644,36.6146]", "[216.8644,36.6146]")
    });
    assert_reported(
        &p,
        &[
            "projects.geojson: feature project.parcel-zhengzhuang",
            "outside WGS84",
        ],
    );
}

#[test]
fn catches_wrong_ring_winding() {
    let p = problems_after("boundaries.geojson", |t| {
        // Reverse the first ring of the district by reversing its coordinate list text.
        let start = t.find("\"coordinates\":[[[[").unwrap() + "\"coordinates\":[[[".len();
        let end = start + t[start..].find("]]").unwrap() + 1;
        let ring: Vec<&str> = t[start + 1..end - 1].split("],[").collect();
        let reversed: Vec<&str> = ring.iter().rev().copied().collect();
        format!("{}[{}]{}", &t[..start], reversed.join("],["), &t[end..])
    });
    assert_reported(
        &p,
        &["boundaries.geojson: feature district.shizhong", "clockwise"],
    );
}

#[test]
fn catches_missing_properties() {
    let p = problems_after("projects.geojson", |t| {
        t.replace(r#""name_en":"Baimashan parcel","#, "")
    });
    assert_reported(
        &p,
        &["feature project.parcel-baimashan", "`name_en` is missing"],
    );
}

#[test]
fn catches_duplicate_ids() {
    let p = problems_after("context.geojson", |t| {
        t.replace(
            r#""id":"landmark.baotu-spring""#,
            r#""id":"project.parcel-xinglong""#,
        )
    });
    assert_reported(&p, &["feature project.parcel-xinglong", "duplicate id"]);
}

#[test]
fn catches_unknown_categories_and_properties() {
    let p = problems_after("projects.geojson", |t| {
        t.replace(r#""category":"renewal""#, r#""category":"renovation""#)
            .replace(r#""precision":"site""#, r#""precison":"site""#)
    });
    assert_reported(
        &p,
        &[
            "projects.geojson: feature project.renewal-",
            "unknown category \"renovation\"",
        ],
    );
    assert_reported(
        &p,
        &[
            "warning: projects.geojson: feature project.parcel-zhengzhuang",
            "unknown property `precison`",
        ],
    );
}

#[test]
fn catches_misquotes() {
    let p = problems_after("projects.geojson", |t| {
        t.replace(
            "强力推动玉湖冷链项目落地建设",
            "强力推动玉湖冷链项目开工建设",
        )
    });
    assert_reported(&p, &["feature project.yuhu-cold-chain", "quote not found"]);
}

#[test]
fn catches_zones_that_do_not_tile() {
    // Drop the southern zone: a large gap.
    let p = problems_after("zones.geojson", |t| {
        t.lines()
            .filter(|l| !l.contains("\"zone.south\""))
            .collect::<Vec<_>>()
            .join("\n")
            .replace("},\n]}", "}\n]}")
    });
    assert_reported(
        &p,
        &[
            "error: zones.geojson: zones do not tile the district: a gap of ",
            " km² (",
            "% of the district; the limit is 0.5%) lies in no zone (is a zone missing?)",
        ],
    );
    // Give the centre the north's shape too: an overlap.
    let p = problems_after("zones.geojson", |t| {
        let lines: Vec<&str> = t.lines().collect();
        let north_geom = &lines[1][lines[1].find("\"geometry\"").unwrap()..];
        let centre = lines[2];
        let centre_new = format!(
            "{}{}",
            &centre[..centre.find("\"geometry\"").unwrap()],
            north_geom
        );
        t.replace(centre, &centre_new)
    });
    assert_reported(
        &p,
        &[
            "error: zones.geojson: feature zone.centre: zones do not tile the district: it \
             and zone.north overlap by ",
            " km² (",
        ],
    );
}

/// The data with one zone removed from zones.geojson.
fn without_zone(t: &str, id: &str) -> String {
    t.lines()
        .filter(|l| !l.contains(&format!("\"id\":\"{id}\"")))
        .collect::<Vec<_>>()
        .join("\n")
        .replace("},\n]}", "}\n]}")
}

#[test]
fn references_to_the_remaining_zones_stay_valid() {
    // Remove the western zone: one gap against the zones' file, one error for each feature
    // that names the removed zone, and nothing about anything else.
    let p = problems_after("zones.geojson", |t| without_zone(t, "zone.west"));
    let naming_west: Vec<String> = plan_of(&files())
        .features
        .iter()
        .filter(|f| f.zone.as_deref() == Some("zone.west"))
        .map(|f| f.id.clone())
        .collect();
    assert!(naming_west.len() >= 3, "{naming_west:?}");
    let mut expected = vec![];
    for id in &naming_west {
        expected.push(format!(
            "error: projects.geojson: feature {id}: `zone` names \"zone.west\", which is not a zone"
        ));
    }
    let (gaps, others): (Vec<&String>, Vec<&String>) = p.iter().partition(|l| {
        l.starts_with("error: zones.geojson: zones do not tile the district: a gap of ")
    });
    assert_eq!(gaps.len(), 1, "{p:#?}");
    assert!(gaps[0].contains(" km² ("), "{}", gaps[0]);
    let mut others: Vec<String> = others.into_iter().cloned().collect();
    others.sort();
    expected.sort();
    assert_eq!(others, expected, "no other problem");
    // Features naming the remaining zones (north among them) still validate.
    assert!(!p
        .iter()
        .any(|l| l.contains("zone.north") || l.contains("zone.centre")));
}

#[test]
fn catches_projects_belt_and_axis_outside_the_district() {
    let p = problems_after("projects.geojson", |t| {
        t.replace("[116.8644,36.6146]", "[116.7,36.6146]")
    });
    assert_reported(
        &p,
        &["feature project.parcel-zhengzhuang", "outside the district"],
    );
    let p = problems_after("belt.geojson", |t| {
        t.replace("[117.07,36.61]", "[117.2,36.7]")
    });
    assert_reported(
        &p,
        &[
            "belt.geojson: feature belt.centreline",
            "outside the district",
        ],
    );
    let p = problems_after("axis.geojson", |t| {
        t.replace("[116.999,36.6668]", "[116.999,36.70]")
    });
    assert_reported(
        &p,
        &[
            "axis.geojson: feature axis.dawei-er-lu",
            "outside the district",
        ],
    );
}

#[test]
fn catches_declared_membership_that_geometry_contradicts() {
    let p = problems_after("projects.geojson", |t| {
        t.replacen(r#""zone":"zone.west""#, r#""zone":"zone.north""#, 1)
    });
    assert_reported(
        &p,
        &["declares zone \"zone.north\" but its geometry lies in \"zone.west\""],
    );
    let p = problems_after("projects.geojson", |t| {
        t.replace(
            r#""in_belt":true,"uncertainty_m":800"#,
            r#""uncertainty_m":800"#,
        )
    });
    assert_reported(
        &p,
        &[
            "feature project.lingxiucheng-community-hospital",
            "declares in_belt = false but its geometry is inside the belt",
        ],
    );
    let p = problems_after("projects.geojson", |t| {
        t.replacen(r#""zone":"zone.west""#, r#""zone":"zone.east""#, 1)
    });
    assert_reported(&p, &["`zone` names \"zone.east\", which is not a zone"]);
}

#[test]
fn catches_self_intersecting_polygons() {
    let bowtie = r#"{"type":"Polygon","coordinates":[[[116.95,36.60],[116.97,36.62],[116.97,36.60],[116.95,36.62],[116.95,36.60]]]}"#;
    let p = problems_after("projects.geojson", |t| {
        t.replace(
            r#"{"type":"Point","coordinates":[116.9369,36.6193]}"#,
            bowtie,
        )
    });
    assert_reported(
        &p,
        &["feature project.parcel-baimashan", "self-intersection"],
    );
}

#[test]
fn derived_files_match_their_generator() {
    use shizhong_map::tools::derive_plan::{belt_file, zones_file};
    let fs = files();
    let boundaries = &fs
        .iter()
        .find(|(n, _)| n == "boundaries.geojson")
        .unwrap()
        .1;
    let load = load_file("boundaries.geojson", boundaries.as_bytes());
    let district = match &load.features[0].geometry {
        Some(geo::Geometry::MultiPolygon(mp)) => mp.clone(),
        other => panic!("district is {other:?}"),
    };
    for (name, text) in [
        ("zones.geojson", zones_file(&district)),
        ("belt.geojson", belt_file(&district)),
    ] {
        let committed = std::fs::read_to_string(geodata().join(name)).unwrap();
        assert!(
            committed == text,
            "{name} is stale: run `cargo run --bin shizhong -- derive-plan geodata`"
        );
    }
}

#[test]
fn the_list_holds_every_feature_but_figures_in_the_right_group() {
    use shizhong_map::listing::{list_groups, GroupKind};
    use shizhong_map::scene::layers::{Filter, LayerSet};
    use shizhong_map::scene::world::WorldPlan;
    let world = WorldPlan::new(plan_of(&files()));
    let groups = list_groups(&world, &Filter::from(LayerSet::ALL));
    let listed: usize = groups.iter().map(|g| g.len()).sum();
    let expected = world
        .plan
        .features
        .iter()
        .filter(|f| f.category != Category::Figure)
        .count();
    assert_eq!(listed, expected);
    let group_of = |id: &str| {
        let i = world.plan.features.iter().position(|f| f.id == id).unwrap();
        groups
            .iter()
            .find(|g| g.sections.iter().any(|s| s.items.contains(&i)))
            .unwrap()
            .kind
            .clone()
    };
    assert_eq!(group_of("zone.north"), GroupKind::Structure);
    assert_eq!(
        group_of("project.parcel-zhengzhuang"),
        GroupKind::Zone("zone.west".into())
    );
    assert_eq!(group_of("project.sky-road"), GroupKind::NoPlace);
    assert_eq!(group_of("landmark.jinan-station"), GroupKind::Outside);
    // A zone filter keeps that zone's items and the structure only.
    let west = list_groups(
        &world,
        &Filter {
            layers: LayerSet::ALL,
            zone: Some("zone.west".into()),
        },
    );
    let kinds: Vec<&GroupKind> = west.iter().map(|g| &g.kind).collect();
    assert!(
        kinds.contains(&&GroupKind::Zone("zone.west".into())),
        "the western zone's own group is listed: {kinds:?}"
    );
    assert!(
        kinds.iter().all(
            |k| matches!(k, GroupKind::Structure) || **k == GroupKind::Zone("zone.west".into())
        ),
        "{kinds:?}"
    );
    let west_items: usize = west
        .iter()
        .filter(|g| g.kind == GroupKind::Zone("zone.west".into()))
        .map(|g| g.len())
        .sum();
    assert!(west_items >= 3, "{west_items} items in the western zone");
}

#[test]
fn index_html_preloads_exactly_the_manifest() {
    let html =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("index.html"))
            .unwrap();
    let preloaded: Vec<&str> = html
        .split("<link rel=\"preload\" href=\"geodata/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    let mut expected: Vec<String> = vec!["manifest.json".into()];
    expected.extend(files().into_iter().map(|(name, _)| name));
    // The basemap providers too (the page reads them with the plan).
    let manifest = shizhong_map::plan::manifest::Manifest::parse(
        &std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("geodata/manifest.json"))
            .unwrap(),
    )
    .unwrap();
    expected.extend(manifest.basemaps);
    assert_eq!(
        preloaded, expected,
        "index.html's preload links must follow geodata/manifest.json"
    );
}

#[test]
fn writing_the_data_back_loses_nothing() {
    use shizhong_map::plan::geojson_write::{feature_collection, OutFeature};
    for (name, text) in files() {
        let load = load_file(&name, text.as_bytes());
        assert!(!load.features.is_empty(), "{name}");
        let out: Vec<OutFeature> = load.features.iter().map(OutFeature::of).collect();
        let back = load_file(&name, feature_collection(&out).as_bytes());
        let problems: Vec<String> = back.problems.iter().map(|p| p.to_string()).collect();
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert!(back.features == load.features, "{name} changed on the way");
    }
}

/// The `geodata/README.md` properties table: (keys of a row, type, required).
fn readme_properties() -> Vec<(Vec<String>, String, String)> {
    let readme = std::fs::read_to_string(geodata().join("README.md")).unwrap();
    let section = readme
        .split("\n## Properties")
        .nth(1)
        .expect("a Properties section")
        .split("\n## ")
        .next()
        .unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|row| {
            let cells: Vec<&str> = row
                .split(" | ")
                .map(|c| c.trim_matches('|').trim())
                .collect();
            let keys = cells[0]
                .split(", ")
                .map(|k| k.trim_matches('`').to_string())
                .collect();
            (keys, cells[1].to_string(), cells[2].to_string())
        })
        .collect()
}

#[test]
fn the_readme_documents_exactly_the_schema() {
    use shizhong_map::plan::schema::{property, Kind, Need, PROPERTIES};
    let rows = readme_properties();
    let mut documented: Vec<&str> = vec![];
    for (keys, kind, need) in &rows {
        for key in keys {
            let p = property(key).unwrap_or_else(|| panic!("README documents unknown `{key}`"));
            let want_kind = match p.kind {
                Kind::Text => "text",
                Kind::Bool => "true/false",
                Kind::Number => "number",
            };
            let want_need = match p.need {
                Need::Always => "always",
                Need::WithGeometry => "with a geometry",
                Need::Quoted => "quoting categories",
                Need::Optional => "no",
            };
            assert_eq!(
                (kind.as_str(), need.as_str()),
                (want_kind, want_need),
                "`{key}`"
            );
            documented.push(key);
        }
    }
    let schema: Vec<&str> = PROPERTIES.iter().map(|p| p.key).collect();
    let mut sorted = documented.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), documented.len(), "a key documented twice");
    assert_eq!(
        documented, schema,
        "README's table must list the schema's keys in its order"
    );
}

/// Every file under `dir`, recursively.
fn files_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = vec![];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn the_internal_notebook_is_named_nowhere_users_can_see() {
    // The project's research notes are not public: data, pages and the code that makes every
    // output name the public sources instead.
    let notebook = concat!("geography", ".md");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut scanned = 0;
    let mut found = vec![];
    for dir in ["geodata", "src", "public"] {
        for path in files_under(&root.join(dir)) {
            let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
            scanned += 1;
            if text.contains(notebook) {
                found.push(path.display().to_string());
            }
        }
    }
    let index = std::fs::read_to_string(root.join("index.html")).unwrap();
    if index.contains(notebook) {
        found.push("index.html".into());
    }
    assert!(scanned > 50, "only {scanned} files scanned");
    assert!(found.is_empty(), "{notebook} is named in {found:?}");
}

#[test]
fn positions_name_their_source_and_confidence_in_both_languages() {
    let plan = plan_of(&files());
    let mut checked = 0;
    for f in plan.features.iter().filter(|f| f.geometry.is_some()) {
        let p = f.position_source.as_ref().expect("checked by the loader");
        assert!(
            ["可信度", "示意", "位置不明"]
                .iter()
                .any(|w| p.zh.contains(w)),
            "{}: {:?} says nothing about confidence",
            f.id,
            p.zh
        );
        assert!(
            [
                "confidence",
                "Schematic",
                "schematic",
                "Position unknown",
                "Approximate"
            ]
            .iter()
            .any(|w| p.en.contains(w)),
            "{}: {:?} says nothing about confidence",
            f.id,
            p.en
        );
        // The Chinese text is Chinese, not the English one copied.
        assert_ne!(p.zh, p.en, "{}", f.id);
        assert_ne!(f.source.zh, f.source.en, "{}: source", f.id);
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} placed features");
}
