//! Chinese GCJ-02 ("Mars") datum ↔ WGS84.
//!
//! AMap (高德) and most Chinese web maps publish GCJ-02 coordinates, which sit a few hundred
//! metres off WGS84. RFC 7946 GeoJSON is WGS84, so everything imported from such sources goes
//! through [`gcj02_to_wgs84`] before it lands in `geodata/`.
//!
//! The forward transform is the public "eviltransform" polynomial on the Krasovsky 1940
//! ellipsoid; the inverse has no closed form and is found by fixed-point iteration to well
//! under a millimetre. Within about 1 km of the edges of the coarse "China" box the transform
//! is discontinuous (outside it, GCJ-02 is WGS84), so round trips there can be off by the
//! offset itself (≤ ≈ 750 m); nowhere near Jinan.
//!
//! ```
//! use shizhong_map::geometry::datum::{gcj02_to_wgs84, wgs84_to_gcj02};
//! // Around Jinan GCJ-02 is ~0.0056° east of WGS84.
//! let (lon, lat) = wgs84_to_gcj02(116.9916, 36.6511);
//! assert!((lon - 116.9916 - 0.0056).abs() < 0.0005);
//! let (back_lon, back_lat) = gcj02_to_wgs84(lon, lat);
//! assert!((back_lon - 116.9916).abs() < 1e-8 && (back_lat - 36.6511).abs() < 1e-8);
//! ```

use crate::math::{cos, sin};
use std::f64::consts::PI;

/// Semi-major axis of the Krasovsky 1940 ellipsoid, metres.
const A: f64 = 6_378_245.0;
/// First eccentricity squared of the Krasovsky 1940 ellipsoid.
const EE: f64 = 0.006_693_421_622_965_943;

/// Whether the obfuscation applies: GCJ-02 is only defined for mainland China (a coarse box,
/// as in the reference implementations). Outside it, GCJ-02 equals WGS84.
pub fn in_china(lon: f64, lat: f64) -> bool {
    (72.004..=137.8347).contains(&lon) && (0.8293..=55.8271).contains(&lat)
}

fn transform_lat(x: f64, y: f64) -> f64 {
    let mut ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * x.abs().sqrt();
    ret += (20.0 * sin(6.0 * x * PI) + 20.0 * sin(2.0 * x * PI)) * 2.0 / 3.0;
    ret += (20.0 * sin(y * PI) + 40.0 * sin(y / 3.0 * PI)) * 2.0 / 3.0;
    ret += (160.0 * sin(y / 12.0 * PI) + 320.0 * sin(y * PI / 30.0)) * 2.0 / 3.0;
    ret
}

fn transform_lon(x: f64, y: f64) -> f64 {
    let mut ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * x.abs().sqrt();
    ret += (20.0 * sin(6.0 * x * PI) + 20.0 * sin(2.0 * x * PI)) * 2.0 / 3.0;
    ret += (20.0 * sin(x * PI) + 40.0 * sin(x / 3.0 * PI)) * 2.0 / 3.0;
    ret += (150.0 * sin(x / 12.0 * PI) + 300.0 * sin(x / 30.0 * PI)) * 2.0 / 3.0;
    ret
}

/// The GCJ-02 offset (Δlon, Δlat) in degrees at a WGS84 position.
fn offset(lon: f64, lat: f64) -> (f64, f64) {
    let d_lat = transform_lat(lon - 105.0, lat - 35.0);
    let d_lon = transform_lon(lon - 105.0, lat - 35.0);
    let rad_lat = lat / 180.0 * PI;
    let magic = 1.0 - EE * sin(rad_lat) * sin(rad_lat);
    let sqrt_magic = magic.sqrt();
    let d_lat = (d_lat * 180.0) / ((A * (1.0 - EE)) / (magic * sqrt_magic) * PI);
    let d_lon = (d_lon * 180.0) / (A / sqrt_magic * cos(rad_lat) * PI);
    (d_lon, d_lat)
}

/// WGS84 → GCJ-02 (longitude, latitude in degrees).
pub fn wgs84_to_gcj02(lon: f64, lat: f64) -> (f64, f64) {
    if !lon.is_finite() || !lat.is_finite() || !in_china(lon, lat) {
        return (lon, lat);
    }
    let (d_lon, d_lat) = offset(lon, lat);
    (lon + d_lon, lat + d_lat)
}

/// GCJ-02 → WGS84 (longitude, latitude in degrees), exact to < 1 mm by iteration.
pub fn gcj02_to_wgs84(lon: f64, lat: f64) -> (f64, f64) {
    if !lon.is_finite() || !lat.is_finite() || !in_china(lon, lat) {
        return (lon, lat);
    }
    // Start from the one-step approximation, then correct by the residual until it vanishes.
    let (mut w_lon, mut w_lat) = (lon, lat);
    for _ in 0..30 {
        let (g_lon, g_lat) = wgs84_to_gcj02(w_lon, w_lat);
        let (e_lon, e_lat) = (g_lon - lon, g_lat - lat);
        w_lon -= e_lon;
        w_lat -= e_lat;
        if e_lon.abs() < 1e-10 && e_lat.abs() < 1e-10 {
            break;
        }
    }
    (w_lon, w_lat)
}

/// The datum a map's coordinates are in: how tiles of a basemap provider place the world,
/// and so how our WGS84 data must be drawn to lie on them.
///
/// ```
/// use shizhong_map::geometry::datum::Datum;
/// assert_eq!(Datum::parse("gcj02"), Some(Datum::Gcj02));
/// let (lon, lat) = Datum::Gcj02.from_wgs84(116.99, 36.65);
/// assert!(lon > 116.995);
/// let back = Datum::Gcj02.to_wgs84(lon, lat);
/// assert!((back.0 - 116.99).abs() < 1e-8 && (back.1 - 36.65).abs() < 1e-8);
/// // CGCS2000 (天地图) is within centimetres of WGS84 for web maps: nothing moves.
/// assert_eq!(Datum::Cgcs2000.from_wgs84(116.99, 36.65), (116.99, 36.65));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Datum {
    /// WGS84: `geodata/`, OpenStreetMap.
    #[default]
    Wgs84,
    /// GCJ-02: AMap (高德) and most Chinese web maps.
    Gcj02,
    /// CGCS2000: 天地图; treated as WGS84 (they differ by centimetres).
    Cgcs2000,
}

impl Datum {
    /// The names a configuration file uses.
    pub const CODES: [&'static str; 3] = ["wgs84", "gcj02", "cgcs2000"];

    pub fn parse(s: &str) -> Option<Datum> {
        match s {
            "wgs84" => Some(Datum::Wgs84),
            "gcj02" => Some(Datum::Gcj02),
            "cgcs2000" => Some(Datum::Cgcs2000),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Datum::Wgs84 => "wgs84",
            Datum::Gcj02 => "gcj02",
            Datum::Cgcs2000 => "cgcs2000",
        }
    }

    /// Whether drawing in this datum moves anything away from WGS84.
    pub fn shifts(self) -> bool {
        self == Datum::Gcj02
    }

    /// A WGS84 position in this datum.
    pub fn from_wgs84(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Datum::Gcj02 => wgs84_to_gcj02(lon, lat),
            Datum::Wgs84 | Datum::Cgcs2000 => (lon, lat),
        }
    }

    /// A position in this datum, in WGS84.
    pub fn to_wgs84(self, lon: f64, lat: f64) -> (f64, f64) {
        match self {
            Datum::Gcj02 => gcj02_to_wgs84(lon, lat),
            Datum::Wgs84 | Datum::Cgcs2000 => (lon, lat),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::math::asin;

    /// Great-circle distance in metres, for asserting closeness.
    fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
        let (la1, la2) = (a.1.to_radians(), b.1.to_radians());
        let d_la = la2 - la1;
        let d_lo = (b.0 - a.0).to_radians();
        let h = sin(d_la / 2.0).powi(2) + cos(la1) * cos(la2) * sin(d_lo / 2.0).powi(2);
        2.0 * 6_371_008.8 * asin(h.sqrt())
    }

    /// The published test vectors, as (lat, lng) pairs. The project's research notes label
    /// them "GCJ-02 → WGS84", but they are the other way round: the first of each pair is
    /// WGS84 and the second GCJ-02 (GCJ-02 lies east of WGS84 in China, and these are the
    /// vectors of the reference "eviltransform" tests, whose columns are wgs, gcj).
    const VECTORS: [((f64, f64), (f64, f64)); 3] = [
        (
            (31.1774276, 121.5272106),
            (31.17530398364597, 121.531541859215),
        ),
        (
            (22.543847, 113.912316),
            (22.540796131694766, 113.9171764808363),
        ),
        (
            (39.911954, 116.377817),
            (39.91334545536069, 116.38404722455657),
        ),
    ];

    #[test]
    fn wgs_to_gcj_matches_published_vectors() {
        for ((w_lat, w_lon), (g_lat, g_lon)) in VECTORS {
            let err = metres(wgs84_to_gcj02(w_lon, w_lat), (g_lon, g_lat));
            assert!(err < 0.01, "{w_lat},{w_lon}: off by {err} m");
        }
    }

    #[test]
    fn gcj_to_wgs_inverts_published_vectors() {
        for ((w_lat, w_lon), (g_lat, g_lon)) in VECTORS {
            let err = metres(gcj02_to_wgs84(g_lon, g_lat), (w_lon, w_lat));
            assert!(err < 0.5, "{g_lat},{g_lon}: off by {err} m");
        }
    }

    #[test]
    fn round_trip_is_sub_millimetre_around_jinan() {
        for i in 0..20 {
            for j in 0..20 {
                let p = (116.8 + 0.015 * i as f64, 36.5 + 0.01 * j as f64);
                let g = wgs84_to_gcj02(p.0, p.1);
                assert!(metres(gcj02_to_wgs84(g.0, g.1), p) < 0.001);
            }
        }
    }

    #[test]
    fn offset_near_jinan_matches_notes() {
        let (lon, lat) = wgs84_to_gcj02(116.99, 36.65);
        assert!(
            (lon - 116.99 - 0.0056).abs() < 0.0005,
            "Δlon {}",
            lon - 116.99
        );
        assert!(
            (lat - 36.65 - 0.0002).abs() < 0.0005,
            "Δlat {}",
            lat - 36.65
        );
    }

    #[test]
    fn outside_china_and_non_finite_are_unchanged() {
        assert_eq!(gcj02_to_wgs84(2.35, 48.85), (2.35, 48.85));
        let (lon, lat) = gcj02_to_wgs84(f64::NAN, 36.0);
        assert!(lon.is_nan() && lat == 36.0);
    }

    #[test]
    fn datum_codes_round_trip_and_only_gcj_shifts() {
        for code in Datum::CODES {
            assert_eq!(Datum::parse(code).unwrap().code(), code);
        }
        assert_eq!(Datum::parse("GCJ02"), None);
        assert!(Datum::Gcj02.shifts() && !Datum::Wgs84.shifts() && !Datum::Cgcs2000.shifts());
        let p = (117.0, 36.6);
        assert_eq!(Datum::Gcj02.from_wgs84(p.0, p.1), wgs84_to_gcj02(p.0, p.1));
        assert_eq!(Datum::Wgs84.to_wgs84(p.0, p.1), p);
    }
}
