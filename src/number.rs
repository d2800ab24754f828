//! Numbers as text, without the standard library's float printer (≈ 10 KB of WASM and its
//! tables): fixed decimals through integer formatting. Every number the page or an export
//! writes goes through here, so the browser and the static writer print them alike.
//!
//! ```
//! use shizhong_map::number::{fixed, padded};
//! assert_eq!(fixed(12.50, 3), "12.5");
//! assert_eq!(padded(12.5, 2), "12.50");
//! assert_eq!(fixed(f64::NAN, 3), "0");
//! ```

/// A number for an attribute: at most three decimals, no trailing zeros, never NaN or
/// infinite (those become 0 so a bad value can never break a document).
pub fn num(v: f64) -> String {
    fixed(v, 3)
}

/// `v` with at most `decimals` decimals (≤ 12), trailing zeros dropped; 0 for NaN, infinite or
/// out-of-range values.
pub fn fixed(v: f64, decimals: u32) -> String {
    decimal(v, decimals, true)
}

/// `v` with exactly `decimals` decimals (≤ 12): `{:.N}` without the float printer.
pub fn padded(v: f64, decimals: u32) -> String {
    decimal(v, decimals, false)
}

fn decimal(v: f64, decimals: u32, trim: bool) -> String {
    let scale = 10f64.powi(decimals.min(12) as i32);
    let t = (v * scale).round();
    if !t.is_finite() || t.abs() >= 9.0e18 || t == 0.0 {
        return if trim || decimals == 0 {
            "0".into()
        } else {
            format!("0.{}", "0".repeat(decimals as usize))
        };
    }
    let t = t as i64;
    let unit = scale as i64;
    let (sign, t) = if t < 0 { ("-", -t) } else { ("", t) };
    let (whole, frac) = (t / unit, t % unit);
    let digits = if decimals == 0 {
        String::new()
    } else {
        format!("{frac:0width$}", width = decimals as usize)
    };
    let digits = if trim {
        digits.trim_end_matches('0')
    } else {
        &digits
    };
    if digits.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{digits}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(num(1.0 / 3.0), "0.333");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(-0.0001), "0");
        assert_eq!(num(-12.5), "-12.5");
        assert_eq!(num(0.1 + 0.2), "0.3");
        assert_eq!(num(1234.5678), "1234.568");
        assert_eq!(num(f64::NAN), "0");
        assert_eq!(num(f64::INFINITY), "0");
        assert_eq!(num(-0.0005), "-0.001");
        assert_eq!(fixed(0.075_534_2, 7), "0.0755342");
        assert_eq!(fixed(0.812_345_678_91, 10), "0.8123456789");
        assert_eq!(fixed(1e300, 3), "0");
    }

    #[test]
    fn padded_keeps_zeros_like_the_float_printer() {
        for (v, d) in [
            (12.0, 2),
            (36.662, 5),
            (-0.5, 1),
            (116.99999999, 3),
            (0.0, 3),
            (7.25, 0),
        ] {
            assert_eq!(padded(v, d), format!("{v:.d$}", d = d as usize), "{v} {d}");
        }
    }
}
