//! Geometry: datums, projection, the viewport, and level-of-detail simplification.
//! Pure functions, tested natively.

pub mod datum;
pub mod mercator;
pub mod planar;
pub mod simplify;
pub mod viewport;
