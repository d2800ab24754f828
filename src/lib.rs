//! 市中规划地图 (Shizhong Plan Map): the pure core.
//!
//! The pipeline runs `geodata/*.geojson` → [`plan`] (typed, validated features) →
//! [`scene`] (what to draw for a viewport, layer set and language) → renderers: the Leptos
//! page (`app`, WASM only) and the static SVG writer in [`render`]. Everything outside `app`
//! compiles and tests natively.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod downloads;
pub mod geometry;
pub mod i18n;
pub mod interaction;
pub mod listing;
pub mod plan;
pub mod render;
pub mod scene;
pub mod search;
pub mod state;
#[cfg(not(target_arch = "wasm32"))]
pub mod tools;
