//! Elementary functions (sine, logarithm, power…) for everything the page computes.
//!
//! In the WASM build they are the browser's own `Math` functions, so no software
//! implementation of them is compiled in (Rust's `f64::sin` and friends bring libm's: ≈ 15 KB
//! of WASM code, with the large-argument reduction of the trigonometric functions). Natively
//! they are the standard library's. Both are accurate to about an ulp, far below what a map
//! can show; `clippy.toml` keeps the `f64` methods out of the rest of the crate.
//!
//! ```
//! use shizhong_map::math;
//! assert!((math::sin(std::f64::consts::FRAC_PI_2) - 1.0).abs() < 1e-15);
//! assert_eq!(math::exp2(10.0), 1024.0);
//! assert_eq!(math::log2(1024.0), 10.0);
//! ```
#![allow(clippy::disallowed_methods)] // the one place that may call them

#[cfg(target_arch = "wasm32")]
use js_sys::Math as imp;

/// The standard library's functions under the browser's names, for the native build.
#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn asin(x: f64) -> f64 {
        x.asin()
    }
    pub fn atan(x: f64) -> f64 {
        x.atan()
    }
    pub fn atan2(y: f64, x: f64) -> f64 {
        y.atan2(x)
    }
    pub fn sinh(x: f64) -> f64 {
        x.sinh()
    }
    pub fn log(x: f64) -> f64 {
        x.ln()
    }
    pub fn log2(x: f64) -> f64 {
        x.log2()
    }
    pub fn log10(x: f64) -> f64 {
        x.log10()
    }
    pub fn pow(x: f64, y: f64) -> f64 {
        x.powf(y)
    }
}

/// Sine of `x` radians.
pub fn sin(x: f64) -> f64 {
    imp::sin(x)
}

/// Cosine of `x` radians.
pub fn cos(x: f64) -> f64 {
    imp::cos(x)
}

/// Arcsine, radians.
pub fn asin(x: f64) -> f64 {
    imp::asin(x)
}

/// Arctangent, radians.
pub fn atan(x: f64) -> f64 {
    imp::atan(x)
}

/// The angle of the point (`x`, `y`) from the positive x axis, radians in (−π, π].
pub fn atan2(y: f64, x: f64) -> f64 {
    imp::atan2(y, x)
}

/// Hyperbolic sine.
pub fn sinh(x: f64) -> f64 {
    imp::sinh(x)
}

/// Natural logarithm.
pub fn ln(x: f64) -> f64 {
    imp::log(x)
}

/// Base-2 logarithm.
pub fn log2(x: f64) -> f64 {
    imp::log2(x)
}

/// Base-10 logarithm.
pub fn log10(x: f64) -> f64 {
    imp::log10(x)
}

/// `x` to the power `y`.
pub fn powf(x: f64, y: f64) -> f64 {
    imp::pow(x, y)
}

/// 2 to the power `x` (zoom levels to scales).
pub fn exp2(x: f64) -> f64 {
    imp::pow(2.0, x)
}

/// 10 to the power `x`.
pub fn exp10(x: f64) -> f64 {
    imp::pow(10.0, x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_the_standard_library() {
        for i in -200..=200 {
            let x = i as f64 * 0.037;
            assert_eq!(sin(x), x.sin());
            assert_eq!(cos(x), x.cos());
            assert_eq!(atan(x), x.atan());
            assert_eq!(atan2(x, 0.5), x.atan2(0.5));
            assert_eq!(sinh(x), x.sinh());
            assert_eq!(exp2(x), 2f64.powf(x));
            if x > 0.0 {
                assert_eq!(ln(x), x.ln());
                assert_eq!(log2(x), x.log2());
                assert_eq!(log10(x), x.log10());
            }
        }
        assert_eq!(asin(0.5), 0.5f64.asin());
        assert_eq!(exp10(3.0), 1000.0);
        assert_eq!(powf(0.5, 2.4), 0.5f64.powf(2.4));
    }
}
