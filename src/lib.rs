//! 市中规划地图 (Shizhong Plan Map): the pure core.
//!
//! The pipeline runs `geodata/*.geojson` → [`plan`] (typed, validated features) →
//! [`scene`] (what to draw for a viewport, layer set and language) → [`present`] (the scene
//! as fully decided drawables and the legend) → renderers, which only serialise those: the
//! Leptos page (`app`, WASM only) and the static SVG writer in [`render`]. [`interaction`]
//! holds the gesture and keyboard rules the page applies; [`basemap`] the optional tile
//! providers under the map and where their tiles go. Everything outside `app` compiles and
//! tests natively.

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod basemap;
pub mod card;
pub mod downloads;
pub mod geometry;
pub mod i18n;
pub mod interaction;
pub mod listing;
pub mod math;
pub mod number;
pub mod plan;
pub mod present;
pub mod print;
pub mod quote;
pub mod render;
pub mod scene;
pub mod search;
pub mod sheet;
pub mod sort;
pub mod state;
pub mod story;
#[cfg(not(target_arch = "wasm32"))]
pub mod tools;
