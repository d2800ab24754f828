//! Native-only data tools behind the `shizhong` command: importing and deriving `geodata/`,
//! checking it, and exporting static maps.

pub mod check;
pub mod derive_plan;
pub mod export;
pub mod geojson_write;
pub mod import_boundaries;
