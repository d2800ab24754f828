//! Presentation: the scene turned into fully decided drawables — element kinds, classes,
//! attributes, geometry in layer or screen units, symbols, text — and the legend's rows.
//!
//! This is the last step before the renderers. They only serialise what it returns: the
//! static writer ([`crate::render`]) as a string, the page (`app::dom`) as DOM nodes. So the
//! page, the downloads, the print and the pre-rendered first view cannot disagree.
//!
//! ```
//! use shizhong_map::present::{self, El};
//! # use shizhong_map::{plan::{load::load_file, Plan}, scene::{self, world::WorldPlan, layers::LayerSet, style::Theme}, i18n::Lang};
//! # let text = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"district","name_zh":"市中区","name_en":"Shizhong","category":"district","precision":"site","source":"s","quote":"q","position_source":"p"},"geometry":{"type":"Polygon","coordinates":[[[116.9,36.5],[117.0,36.5],[117.0,36.6],[116.9,36.5]]]}}]}"#;
//! # let world = WorldPlan::new(Plan::from_loads([load_file("t.geojson", text.as_bytes())]));
//! let view = world.home_view(400.0, 300.0);
//! let scene = scene::build(&world, &view, LayerSet::ALL, Lang::Zh, Theme::Light, None);
//! let els = present::map(&scene, present::Options::default());
//! let tags: Vec<&str> = els.iter().map(|e| e.tag).collect();
//! assert_eq!(tags, ["defs", "rect", "g", "g"]);
//! ```

pub mod element;
pub mod legend;
pub mod map;

pub use element::{fixed, num, El, Val};
pub use map::{map, Options};
