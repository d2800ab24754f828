//! Fonts for PNG output: the font database, CJK coverage and glyph checks, and rasterising.
//! A PNG needs a font that can draw Chinese; without one the export fails rather than draw
//! empty boxes ("tofu").

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// CJK fonts looked for by path as well as through the system's font folders.
pub const CJK_FONT_FILES: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
];

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303f | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0xff00..=0xffef)
}

/// The characters of `text` that no face in `db` can draw (spaces and controls aside).
pub fn missing_chars(db: &fontdb::Database, text: &str) -> Vec<char> {
    use skrifa::MetadataProvider;
    let mut need: BTreeSet<char> = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    for face in db.faces() {
        if need.is_empty() {
            break;
        }
        db.with_face_data(face.id, |data, index| {
            if let Ok(font) = skrifa::FontRef::from_index(data, index) {
                let cmap = font.charmap();
                need.retain(|c| cmap.map(*c).is_none());
            }
        });
    }
    need.into_iter().collect()
}

/// Whether face `id` of `db` has a glyph for every character of `text`.
pub fn face_draws(db: &fontdb::Database, id: fontdb::ID, text: &str) -> bool {
    use skrifa::MetadataProvider;
    db.with_face_data(id, |data, index| {
        skrifa::FontRef::from_index(data, index).is_ok_and(|f| {
            let cmap = f.charmap();
            text.chars().all(|c| cmap.map(c).is_some())
        })
    })
    .unwrap_or(false)
}

/// The family of the first face that draws Chinese, if any.
pub fn cjk_family(db: &fontdb::Database) -> Option<String> {
    db.faces()
        .find(|face| face_draws(db, face.id, "市中区规划"))
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
}

fn loaded(db: &fontdb::Database, path: &Path) -> bool {
    db.faces()
        .any(|f| matches!(&f.source, fontdb::Source::File(p) if p == path))
}

/// The fonts for PNG output: the system's (and the known CJK font files) unless
/// `system` is false, plus `extra` files. `sans-serif` is set to a CJK-capable family.
pub fn font_database(extra: &[PathBuf], system: bool) -> Result<fontdb::Database, String> {
    let mut db = fontdb::Database::new();
    if system {
        db.load_system_fonts();
        for p in CJK_FONT_FILES.iter().map(Path::new) {
            if p.is_file() && !loaded(&db, p) {
                let _ = db.load_font_file(p);
            }
        }
    }
    for p in extra {
        db.load_font_file(p)
            .map_err(|e| format!("--font {}: {e}", p.display()))?;
    }
    if let Some(family) = cjk_family(&db) {
        db.set_sans_serif_family(family);
    }
    Ok(db)
}

/// All text the document draws: the contents of its `<text>` elements, runs (`<tspan>`) and
/// all — not titles or descriptions, which are never drawn.
pub fn drawn_text(svg: &str) -> Result<String, String> {
    let doc =
        roxmltree::Document::parse(svg).map_err(|e| format!("the SVG is not well-formed: {e}"))?;
    Ok(doc
        .descendants()
        .filter(|n| n.is_text())
        .filter(|n| {
            n.ancestors()
                .any(|a| a.is_element() && a.tag_name().name() == "text")
        })
        .filter_map(|n| n.text())
        .collect())
}

/// Why a PNG cannot be drawn without tofu, if it cannot.
pub fn check_fonts(db: &fontdb::Database, svg: &str) -> Result<(), String> {
    let missing = missing_chars(db, &drawn_text(svg)?);
    if missing.is_empty() {
        return Ok(());
    }
    let list: String = missing
        .iter()
        .take(12)
        .map(|c| format!(" {c}"))
        .collect::<String>();
    if missing.iter().any(|c| is_cjk(*c)) {
        Err(format!(
            "no CJK font found: no installed font can draw the map's Chinese text (missing:{list}). \
             Install one (Debian: apt-get install fonts-wqy-microhei, which provides {}) \
             or pass --font FILE",
            CJK_FONT_FILES[0]
        ))
    } else {
        Err(format!(
            "no installed font can draw these characters:{list}. Install a font that has them \
             or pass --font FILE"
        ))
    }
}

/// Rasterise an SVG document to exactly `width` × `height` pixels, checking first that every
/// character it draws has a glyph.
pub fn render_pixmap(
    svg: &str,
    width: u32,
    height: u32,
    db: Arc<fontdb::Database>,
) -> Result<tiny_skia::Pixmap, String> {
    check_fonts(&db, svg)?;
    let opts = usvg::Options {
        fontdb: db,
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg, &opts).map_err(|e| format!("the SVG could not be read: {e}"))?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("cannot make a {width} × {height} image"))?;
    let size = tree.size();
    let t = tiny_skia::Transform::from_scale(
        width as f32 / size.width(),
        height as f32 / size.height(),
    );
    resvg::render(&tree, t, &mut pixmap.as_mut());
    Ok(pixmap)
}

/// [`render_pixmap`], encoded as PNG.
pub fn render_png(
    svg: &str,
    width: u32,
    height: u32,
    db: Arc<fontdb::Database>,
) -> Result<Vec<u8>, String> {
    render_pixmap(svg, width, height, db)?
        .encode_png()
        .map_err(|e| format!("cannot encode the PNG: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r#"<svg xmlns="http://www.w3.org/2000/svg"><title>标题 never drawn</title>
        <text x="1">市中<tspan>区</tspan></text><g><text>A b</text></g></svg>"#;

    #[test]
    fn drawn_text_is_every_text_run_and_nothing_else() {
        assert_eq!(drawn_text(SVG).unwrap(), "市中区A b");
        assert!(drawn_text("<svg").unwrap_err().contains("not well-formed"));
    }

    #[test]
    fn cjk_ranges() {
        for c in ['市', '〇', '。', '，', '㐀'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['A', 'é', '·', '–'] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    /// With no fonts at all, everything is missing: the check names the characters and says
    /// how to get a CJK font (or, for Latin text only, a font that has them).
    #[test]
    fn the_font_check_says_what_is_missing_and_what_to_do() {
        let empty = fontdb::Database::new();
        assert_eq!(missing_chars(&empty, "市 A\n"), ['A', '市']);
        let e = check_fonts(&empty, SVG).unwrap_err();
        assert!(e.starts_with("no CJK font found"), "{e}");
        assert!(
            e.contains("missing: A b 中 区 市") && e.contains("fonts-wqy-microhei"),
            "{e}"
        );
        let latin = r#"<svg xmlns="http://www.w3.org/2000/svg"><text>Map</text></svg>"#;
        let e = check_fonts(&empty, latin).unwrap_err();
        assert!(
            e.starts_with("no installed font can draw these characters: M a p"),
            "{e}"
        );
        assert_eq!(cjk_family(&empty), None);
        assert!(render_png(latin, 10, 10, Arc::new(empty)).is_err());
        let e = font_database(&[PathBuf::from("/no/such/font.ttf")], false).unwrap_err();
        assert!(e.starts_with("--font /no/such/font.ttf"), "{e}");
    }
}
