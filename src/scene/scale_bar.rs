//! A metric scale bar: the longest "round" distance (1, 2 or 5 × 10ⁿ m) that fits.

use crate::geometry::viewport::Viewport;
use crate::math;
use crate::number::fixed;

#[derive(Clone, Debug, PartialEq)]
pub struct ScaleBar {
    /// Width on screen, pixels.
    pub width_px: f64,
    pub metres: f64,
    /// e.g. "500 m", "2 km".
    pub label: String,
}

/// The scale bar for `view`, at most `max_px` wide.
pub fn scale_bar(view: &Viewport, max_px: f64) -> ScaleBar {
    let mpp = view.metres_per_pixel();
    let max_m = (mpp * max_px).max(1e-9);
    let pow = math::exp10(math::log10(max_m).floor());
    let metres = [5.0, 2.0, 1.0]
        .iter()
        .map(|m| m * pow)
        .find(|m| *m <= max_m)
        .unwrap_or(pow);
    let label = if metres >= 1000.0 {
        format!("{} km", fixed(metres / 1000.0, 3))
    } else {
        format!("{} m", fixed(metres, 3))
    };
    ScaleBar {
        width_px: metres / mpp,
        metres,
        label,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::mercator::project;

    #[test]
    fn round_lengths_that_fit() {
        for zoom in [9.0, 11.3, 12.0, 14.7, 18.0] {
            let v = Viewport::new(project(117.0, 36.6), zoom, 800.0, 600.0);
            let bar = scale_bar(&v, 120.0);
            assert!(
                bar.width_px <= 120.0 + 1e-9 && bar.width_px >= 120.0 / 5.0 - 1e-9,
                "{bar:?}"
            );
            let lead = bar.metres / math::exp10(math::log10(bar.metres).floor());
            assert!(
                [1.0, 2.0, 5.0].iter().any(|x| (x - lead).abs() < 1e-9),
                "{bar:?}"
            );
            // The bar's length matches the ground distance it claims.
            assert!((bar.width_px * v.metres_per_pixel() - bar.metres).abs() < 1e-6);
        }
    }

    #[test]
    fn labels() {
        // ≈ 7.7 m per pixel: 120 px ≈ 920 m.
        let v = Viewport::new(project(117.0, 36.6), 14.0, 800.0, 600.0);
        let bar = scale_bar(&v, 120.0);
        assert_eq!(bar.label, "500 m");
        let v = Viewport::new(project(117.0, 36.6), 9.0, 800.0, 600.0);
        assert!(scale_bar(&v, 120.0).label.ends_with("km"));
    }
}
