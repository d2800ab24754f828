//! `shizhong export`, run as a user would: the SVG holds every visible layer and the legend,
//! PNGs have the size asked for and real content, and Chinese text is drawn with real glyphs,
//! not tofu boxes.

use resvg::tiny_skia::Pixmap;
use resvg::usvg::{self, fontdb};
use shizhong_map::i18n::Lang;
use shizhong_map::plan::Category;
use shizhong_map::render::svg::FONT_FAMILY;
use shizhong_map::scene::world::WorldPlan;
use shizhong_map::state::AppState;
use shizhong_map::tools::export::{Request, Size};
use shizhong_map::tools::{check, export};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shizhong-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Run `shizhong export ARGS` in the repository; (exit code, stdout + stderr).
fn export(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_shizhong"))
        .current_dir(repo())
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn export_ok(args: &[&str]) -> String {
    let (code, text) = export(args);
    assert_eq!(code, 0, "export {args:?}: {text}");
    text
}

fn world() -> WorldPlan {
    WorldPlan::new(check::load_dir(&repo().join("geodata")))
}

/// Every feature id the document names: `data-id` of shapes, markers and labels, and the
/// members of clusters.
fn named_ids(doc: &roxmltree::Document) -> HashSet<String> {
    let mut ids = HashSet::new();
    for n in doc.descendants() {
        if let Some(id) = n.attribute("data-id") {
            ids.insert(id.to_string());
        }
        if let Some(list) = n.attribute("data-ids") {
            ids.extend(list.split(' ').map(str::to_string));
        }
    }
    ids
}

fn legend_text(doc: &roxmltree::Document) -> String {
    doc.descendants()
        .find(|n| n.attribute("class") == Some("legend"))
        .expect("a legend")
        .descendants()
        .filter_map(|n| n.is_text().then(|| n.text()).flatten())
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn svg_holds_every_visible_layer_and_the_legend() {
    let path = tmp("all.svg");
    export_ok(&["-o", path.to_str().unwrap(), "--lang", "zh"]);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("width"), Some("1200"));
    let ids = named_ids(&doc);
    let world = world();
    let mut categories = HashSet::new();
    for w in &world.features {
        let f = world.feature(w);
        assert!(
            ids.contains(&f.id),
            "{} ({}) is not drawn",
            f.id,
            f.category
        );
        categories.insert(f.category);
    }
    // The legend names every category drawn, and the notes.
    let legend = legend_text(&doc);
    for c in categories {
        assert!(
            legend.contains(c.name_zh()),
            "{c:?} not in legend: {legend}"
        );
    }
    assert!(
        legend.contains("图例") && legend.contains("位置示意"),
        "{legend}"
    );
    assert!(legend.contains("示意"), "{legend}");
    for class in ["title", "scale-bar", "north-arrow", "attribution"] {
        assert!(
            doc.descendants()
                .any(|n| n.attribute("class") == Some(class)),
            "no {class}"
        );
    }
}

#[test]
fn hidden_layers_are_left_out() {
    let path = tmp("some.svg");
    export_ok(&[
        "-o",
        path.to_str().unwrap(),
        "--layers",
        "district,zone,renewal",
        "--lang",
        "en",
        "--paper",
        "a4",
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    assert_eq!(doc.root_element().attribute("width"), Some("210mm"));
    let ids = named_ids(&doc);
    let world = world();
    let shown = [Category::District, Category::Zone, Category::Renewal];
    let mut hidden_seen = 0;
    for w in &world.features {
        let f = world.feature(w);
        if shown.contains(&f.category) {
            assert!(ids.contains(&f.id), "{} missing", f.id);
        } else {
            hidden_seen += 1;
            assert!(!ids.contains(&f.id), "{} ({}) is hidden", f.id, f.category);
        }
    }
    assert!(hidden_seen > 10);
    let legend = legend_text(&doc);
    assert!(legend.contains("Urban renewal") && legend.contains("Functional zones"));
    for hidden in [Category::Road, Category::Neighbour, Category::Land] {
        assert!(!legend.contains(hidden.name_en()), "{hidden:?}: {legend}");
    }
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    assert_eq!(&bytes[12..16], b"IHDR");
    let be = |i: usize| u32::from_be_bytes(bytes[i..i + 4].try_into().unwrap());
    (be(16), be(20))
}

fn distinct_colours(p: &Pixmap) -> usize {
    p.pixels()
        .iter()
        .map(|c| (c.red(), c.green(), c.blue()))
        .collect::<HashSet<_>>()
        .len()
}

#[test]
fn png_has_the_size_asked_for_and_content() {
    let a4 = tmp("a4.png");
    export_ok(&["--paper", "a4", "-o", a4.to_str().unwrap()]);
    let bytes = std::fs::read(&a4).unwrap();
    assert_eq!(png_size(&bytes), (2480, 3508));
    let p = Pixmap::decode_png(&bytes).unwrap();
    assert!(distinct_colours(&p) > 500, "{}", distinct_colours(&p));

    let land = tmp("a4-landscape.png");
    export_ok(&["--paper", "a4", "--landscape", "-o", land.to_str().unwrap()]);
    assert_eq!(png_size(&std::fs::read(&land).unwrap()), (3508, 2480));

    let small = tmp("small.png");
    let out = export_ok(&[
        "--width",
        "800",
        "--height",
        "600",
        "--theme",
        "dark",
        "-o",
        small.to_str().unwrap(),
    ]);
    assert!(out.contains("800 × 600"), "{out}");
    let bytes = std::fs::read(&small).unwrap();
    assert_eq!(png_size(&bytes), (800, 600));
    let p = Pixmap::decode_png(&bytes).unwrap();
    assert!(distinct_colours(&p) > 200, "{}", distinct_colours(&p));
    // No single colour covers nearly everything (a blank or one-colour image).
    let mut counts = std::collections::HashMap::new();
    for c in p.pixels() {
        *counts
            .entry((c.red(), c.green(), c.blue()))
            .or_insert(0usize) += 1;
    }
    let top = counts.values().max().copied().unwrap_or(0);
    assert!(
        top < p.pixels().len() * 7 / 10,
        "{top} of {}",
        p.pixels().len()
    );
}

/// A database with one system font that cannot draw Chinese (what a machine without CJK fonts
/// falls back to), with its file.
fn latin_only_font() -> (fontdb::Database, PathBuf) {
    let mut system = fontdb::Database::new();
    system.load_system_fonts();
    let latin = |f: &&fontdb::FaceInfo| {
        export::face_draws(&system, f.id, "Shizhong")
            && !export::face_draws(&system, f.id, "市")
            && matches!(f.source, fontdb::Source::File(_))
    };
    // A regular face if there is one (DejaVu Sans on Debian), else any.
    let face = system
        .faces()
        .filter(latin)
        .find(|f| f.style == fontdb::Style::Normal && f.weight == fontdb::Weight::NORMAL)
        .or_else(|| system.faces().find(latin))
        .expect("a system font without CJK glyphs (e.g. DejaVu Sans)");
    let fontdb::Source::File(path) = &face.source else {
        unreachable!()
    };
    let mut db = fontdb::Database::new();
    db.load_font_file(path).unwrap();
    let family = db.faces().next().unwrap().families[0].0.clone();
    db.set_sans_serif_family(family.clone());
    db.set_serif_family(family);
    (db, path.clone())
}

/// Render without the export's font check, as a careless renderer would.
fn render_unchecked(svg: &str, w: u32, h: u32, db: fontdb::Database) -> Pixmap {
    let opts = usvg::Options {
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &opts).unwrap();
    let mut p = Pixmap::new(w, h).unwrap();
    let size = tree.size();
    let t =
        resvg::tiny_skia::Transform::from_scale(w as f32 / size.width(), h as f32 / size.height());
    resvg::render(&tree, t, &mut p.as_mut());
    p
}

fn glyph_svg(c: char) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" font-family="{}"><rect width="64" height="64" fill="#fff"/><text x="32" y="32" text-anchor="middle" dominant-baseline="central" font-size="48" fill="#000">{c}</text></svg>"##,
        FONT_FAMILY.replace('\'', "&apos;")
    )
}

/// Dark pixels, as a mask.
fn ink(p: &Pixmap) -> Vec<bool> {
    p.pixels()
        .iter()
        .map(|c| (c.red() as u32 + c.green() as u32 + c.blue() as u32) < 384)
        .collect()
}

/// Share of pixels where two masks differ.
fn differ(a: &[bool], b: &[bool]) -> f64 {
    let n = a.iter().zip(b).filter(|(x, y)| x != y).count();
    n as f64 / a.len().max(1) as f64
}

/// Tofu is one box for every missing character: different characters look the same. Real
/// glyphs differ from one another. The check is shown to catch tofu by running it on a font
/// without CJK glyphs too.
#[test]
fn chinese_glyphs_are_real_not_tofu() {
    let chars = ['市', '中', '区', '规', '划'];
    let db = export::font_database(&[], true).unwrap();
    assert!(
        export::missing_chars(&db, "市中区规划地图").is_empty(),
        "no CJK font found; install fonts-wqy-microhei"
    );
    let real: Vec<Vec<bool>> = chars
        .iter()
        .map(|c| ink(&export::render_pixmap(&glyph_svg(*c), 64, 64, Arc::new(db.clone())).unwrap()))
        .collect();
    let (latin, _) = latin_only_font();
    let tofu: Vec<Vec<bool>> = chars
        .iter()
        .map(|c| ink(&render_unchecked(&glyph_svg(*c), 64, 64, latin.clone())))
        .collect();
    for i in 0..chars.len() {
        let inked = real[i].iter().filter(|x| **x).count();
        assert!(inked > 150, "{}: only {inked} dark pixels", chars[i]);
        for j in i + 1..chars.len() {
            let d = differ(&real[i], &real[j]);
            assert!(
                d > 0.08,
                "{} and {} look alike ({d:.3}): tofu?",
                chars[i],
                chars[j]
            );
            // Without a CJK font, the characters all look the same: what the check catches.
            let t = differ(&tofu[i], &tofu[j]);
            assert!(
                t < 0.01,
                "tofu {} and {} differ ({t:.3})",
                chars[i],
                chars[j]
            );
        }
        // And real glyphs are not the missing-glyph box.
        assert!(differ(&real[i], &tofu[i]) > 0.08, "{} is tofu", chars[i]);
    }
    // The export's own check refuses to draw with such a font.
    let e = export::render_pixmap(&glyph_svg('市'), 64, 64, Arc::new(latin)).unwrap_err();
    assert!(e.contains("no CJK font"), "{e}");
}

/// Translation of the map group (`translate(x y)`), where labels' coordinates start.
fn map_offset(doc: &roxmltree::Document) -> (f64, f64) {
    let t = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("map"))
        .and_then(|n| n.attribute("transform"))
        .unwrap();
    let inner = t.trim_start_matches("translate(").trim_end_matches(')');
    let mut it = inner.split(' ').map(|v| v.parse::<f64>().unwrap());
    (it.next().unwrap(), it.next().unwrap())
}

/// Share of the pixels of a region that clearly differ between two images of one size.
fn changed(a: &Pixmap, b: &Pixmap, x0: u32, y0: u32, x1: u32, y1: u32) -> f64 {
    let w = a.width();
    let (pa, pb) = (a.pixels(), b.pixels());
    let mut n = 0;
    let mut total = 0;
    for y in y0..y1 {
        for x in x0..x1 {
            let (p, q) = (pa[(y * w + x) as usize], pb[(y * w + x) as usize]);
            let d = (p.red() as i32 - q.red() as i32).abs()
                + (p.green() as i32 - q.green() as i32).abs()
                + (p.blue() as i32 - q.blue() as i32).abs();
            n += usize::from(d > 60);
            total += 1;
        }
    }
    n as f64 / total.max(1) as f64
}

/// The labels of the exported PNG are drawn with the CJK font: each Chinese label's box
/// has ink (it differs from the map drawn with no text at all) and differs clearly from the
/// same map drawn with tofu.
#[test]
fn png_labels_are_chinese_glyphs() {
    let (svg_path, png_path) = (tmp("labels.svg"), tmp("labels.png"));
    let (w, h) = (1000u32, 760u32);
    let common = ["--width", "1000", "--height", "760", "--lang", "zh"];
    export_ok(&[&common[..], &["-o", svg_path.to_str().unwrap()]].concat());
    export_ok(&[&common[..], &["-o", png_path.to_str().unwrap()]].concat());
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let png = Pixmap::decode_png(&std::fs::read(&png_path).unwrap()).unwrap();
    let (latin, _) = latin_only_font();
    let tofu = render_unchecked(&svg, w, h, latin);
    let no_text = render_unchecked(&svg, w, h, fontdb::Database::new());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let (ox, oy) = map_offset(&doc);
    let mut checked = 0;
    for label in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("label") && n.attribute("transform").is_none())
    {
        let text = label.text().unwrap_or("");
        let cjk = text
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        if cjk < 2 {
            continue;
        }
        let num = |a: &str| label.attribute(a).unwrap().parse::<f64>().unwrap();
        let (cx, cy, px) = (num("x") + ox, num("y") + oy, num("font-size"));
        let half_w = text.chars().count() as f64 * px / 2.0;
        let x0 = (cx - half_w).max(0.0) as u32;
        let x1 = ((cx + half_w) as u32).min(w);
        let y0 = (cy - px * 0.6).max(0.0) as u32;
        let y1 = ((cy + px * 0.6) as u32).min(h);
        let ink = changed(&png, &no_text, x0, y0, x1, y1);
        // Thin strokes at 12 px in a muted colour cover well under a fifth of the box.
        assert!(ink > 0.04, "label {text:?} has no ink ({ink:.3})");
        let d = changed(&png, &tofu, x0, y0, x1, y1);
        assert!(d > 0.04, "label {text:?} looks like tofu ({d:.3})");
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} Chinese labels checked");
}

#[test]
fn png_without_a_cjk_font_fails_clearly() {
    let (_, font) = latin_only_font();
    let out = tmp("tofu.png");
    let (code, text) = export(&[
        "--no-system-fonts",
        "--font",
        font.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("no CJK font"), "{text}");
    assert!(!out.exists(), "no image should be written");
    // An English map still names itself in Chinese beside the title: refused too, rather than
    // drawn with a box.
    let (code, _) = export(&[
        "--no-system-fonts",
        "--font",
        font.to_str().unwrap(),
        "--lang",
        "en",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
}

#[test]
fn bad_options_exit_1_with_a_message() {
    for (args, says) in [
        (vec!["--view", "13/abc/117", "-o", "x.svg"], "--view"),
        (
            vec!["--view", "30/36.6/117", "-o", "x.svg"],
            "--view \"30/36.6/117\": zoom 30 is outside 0–24",
        ),
        (
            vec!["--layers", "castle", "-o", "x.svg"],
            "unknown category \"castle\" (known: all, district,",
        ),
        (vec!["--lang", "fr", "-o", "x.svg"], "--lang \"fr\""),
        (vec!["--theme", "neon", "-o", "x.svg"], "--theme \"neon\""),
        (vec!["--bogus", "-o", "x.svg"], "unknown option \"--bogus\""),
        (vec!["--width", "-5", "-o", "x.svg"], "--width"),
        (
            vec!["--feature", "no.such.thing", "-o", "x.svg"],
            "no feature",
        ),
        (
            vec!["--data", "/nonexistent/dir", "-o", "x.svg"],
            "nothing to draw",
        ),
        (vec!["--paper", "letter", "-o", "x.png"], "--paper"),
        (vec![], "missing -o"),
    ] {
        let (code, text) = export(&args);
        assert_eq!(code, 1, "{args:?}: {text}");
        assert!(text.contains(says), "{args:?}: {text}");
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
    assert!(!repo().join("x.svg").exists() && !repo().join("x.png").exists());
    let (code, text) = export(&["--help"]);
    assert_eq!(code, 0);
    assert!(text.contains("--paper"));
}

#[test]
fn svg_to_standard_output() {
    let out = Command::new(env!("CARGO_BIN_EXE_shizhong"))
        .current_dir(repo())
        .args(["export", "-o", "-", "--feature", "zone.north"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert!(doc
        .descendants()
        .any(|n| n.attribute("class") == Some("highlight")));
    assert!(Path::new(&repo()).join("geodata").is_dir());
}

/// One view string, two paths: the page's (`#map=` read by `AppState`, then limited on the
/// map's size as `app/map.rs` does: `world.limit(v.viewport(w, h))`) and the export's
/// (`--view` read by `parse_args`, then placed in the page's map frame) give the same
/// `Viewport` — for views within reach of the data and beyond it.
#[test]
fn a_link_and_an_export_of_one_view_show_the_same() {
    let world = world();
    let size = Size::Pixels {
        width: 1200,
        height: None,
    };
    let frame = export::page(size, &world, Lang::Zh).unwrap().layout.map;
    let (w, h) = (frame.w, frame.h);
    let cli = |s: &str| export::parse_args(["--view", s, "-o", "x.svg"]);
    for s in [
        "13/36.6/117.0",
        "14.50/36.66200/116.99700",
        " 15 / 36.62 / 116.98 ",
        "12/10/10",
        "3/36.6/117",
        "24/36.6/117",
        "0/-85/-180",
    ] {
        let link = AppState::from_url("", &format!("#map={s}"))
            .view
            .unwrap_or_else(|| panic!("the URL drops {s:?}"));
        let on_page = world.limit(link.viewport(w, h));
        let Ok(Request::Export(opts)) = cli(s) else {
            panic!("export refuses {s:?}: {:?}", cli(s));
        };
        assert_eq!(opts.view, Some(link), "{s}");
        let (exported, _) = export::view(&world, opts.view, w, h);
        assert_eq!(exported, on_page, "{s}");
    }
    // A view neither takes: the link falls back to the home view, the export says why.
    for s in [
        "30/36.6/117",
        "-1/36.6/117",
        "13/abc/117",
        "13/95/117",
        "13/36.6",
    ] {
        assert_eq!(
            AppState::from_url("", &format!("#map={s}")).view,
            None,
            "{s}"
        );
        let e = cli(s).unwrap_err();
        assert!(e.starts_with(&format!("--view {s:?}: ")), "{s}: {e}");
    }
}

/// The binary limits a view as the page does, and says so: a view zoomed in past street level
/// is drawn exactly as the deepest zoom, and one centred far away is drawn at the data's edge.
#[test]
fn export_limits_views_and_says_so() {
    let (deep, deepest) = (tmp("zoom24.svg"), tmp("zoom18.svg"));
    let said = export_ok(&["--view", "24/36.6/117", "-o", deep.to_str().unwrap()]);
    assert!(
        said.contains("export: warning: --view 24.00/36.60000/117.00000: drawn at 18.00/"),
        "{said}"
    );
    let said = export_ok(&["--view", "18/36.6/117", "-o", deepest.to_str().unwrap()]);
    assert!(!said.contains("warning"), "{said}");
    assert_eq!(
        std::fs::read_to_string(&deep).unwrap(),
        std::fs::read_to_string(&deepest).unwrap()
    );
    let far = tmp("far.svg");
    let said = export_ok(&["--view", "12/10/10", "-o", far.to_str().unwrap()]);
    assert!(said.contains("within reach of the map's data"), "{said}");
    let doc = std::fs::read_to_string(&far).unwrap();
    assert!(
        !named_ids(&roxmltree::Document::parse(&doc).unwrap()).is_empty(),
        "the edge of the data is drawn"
    );
}
