//! Native-only data tools behind the `shizhong` command: importing and deriving `geodata/`,
//! checking it, and exporting static maps.

pub mod check;
pub mod derive_plan;
pub mod export;
pub mod first_view;
pub mod import_boundaries;
pub mod markup;

/// GeoJSON writing lives with the plan (the app's downloads use it too).
pub use crate::plan::geojson_write;
