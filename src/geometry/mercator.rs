//! Spherical Web Mercator (EPSG:3857) in "world units": the whole world is a 256 × 256 square
//! at zoom 0, x grows east and y grows south, so a screen pixel at zoom `z` is `2^-z` world
//! units — the convention of slippy-map tiles.
//!
//! ```
//! use shizhong_map::geometry::mercator::{project, unproject};
//! let p = project(116.99, 36.65);
//! let (lon, lat) = unproject(p);
//! assert!((lon - 116.99).abs() < 1e-9 && (lat - 36.65).abs() < 1e-9);
//! assert!(p.x > 128.0 && p.y < 128.0); // east of Greenwich, north of the equator
//! ```

use crate::math::{atan, cos, exp2, ln, sin, sinh};
use geo::Coord;
use std::f64::consts::PI;

/// Side of the world square at zoom 0.
pub const WORLD_SIZE: f64 = 256.0;
/// Web Mercator cannot show the poles; latitudes are clamped to this.
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;
/// Mean Earth radius used by Web Mercator, metres.
pub const EARTH_RADIUS: f64 = 6_378_137.0;

/// Longitude/latitude (degrees, WGS84) → world units.
pub fn project(lon: f64, lat: f64) -> Coord<f64> {
    let lat = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE);
    let x = (lon + 180.0) / 360.0 * WORLD_SIZE;
    let s = sin(lat.to_radians());
    let y = (0.5 - ln((1.0 + s) / (1.0 - s)) / (4.0 * PI)) * WORLD_SIZE;
    Coord { x, y }
}

/// World units → longitude/latitude (degrees).
pub fn unproject(p: Coord<f64>) -> (f64, f64) {
    let lon = p.x / WORLD_SIZE * 360.0 - 180.0;
    let n = PI - 2.0 * PI * p.y / WORLD_SIZE;
    let lat = atan(sinh(n)).to_degrees();
    (lon, lat)
}

/// Ground metres per screen pixel at `zoom` and latitude `lat`.
pub fn metres_per_pixel(lat: f64, zoom: f64) -> f64 {
    2.0 * PI * EARTH_RADIUS * cos(lat.to_radians()) / (WORLD_SIZE * exp2(zoom))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_and_corners() {
        let o = project(0.0, 0.0);
        assert!((o.x - 128.0).abs() < 1e-12 && (o.y - 128.0).abs() < 1e-9);
        let nw = project(-180.0, MAX_LATITUDE);
        assert!(nw.x.abs() < 1e-9 && nw.y.abs() < 1e-6);
        let se = project(180.0, -90.0); // clamped
        assert!((se.x - 256.0).abs() < 1e-9 && (se.y - 256.0).abs() < 1e-6);
    }

    #[test]
    fn round_trips_across_the_globe() {
        for lon in [-179.0, -45.5, 0.0, 116.99, 179.9] {
            for lat in [-80.0, -10.0, 0.0, 36.65, 84.0] {
                let (l, t) = unproject(project(lon, lat));
                assert!(
                    (l - lon).abs() < 1e-9 && (t - lat).abs() < 1e-9,
                    "{lon},{lat}"
                );
            }
        }
    }

    #[test]
    fn scale_at_jinan() {
        // ~7.7 m per pixel at zoom 14 and latitude 36.65.
        let m = metres_per_pixel(36.65, 14.0);
        assert!((m - 7.67).abs() < 0.05, "{m}");
        assert!((metres_per_pixel(36.65, 15.0) * 2.0 - m).abs() < 1e-9);
    }
}
