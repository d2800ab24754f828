//! Numbers as text and text as numbers, without the standard library's float printer and
//! parser (≈ 10 KB and ≈ 10–15 KB of WASM with their tables of powers).
//!
//! **Printing** ([`num`], [`fixed`], [`padded`]): fixed decimals through integer formatting;
//! [`shortest`]: the shortest digits that read back as the same `f64` (what `{}` prints), for
//! messages and the JSON writer. Every number the page or an export writes goes through here,
//! so the browser and the static writer print them alike; nothing in the WASM formats an `f64`
//! with `format!` (that would bring the float printer back).
//!
//! ```
//! use shizhong_map::number::{fixed, padded};
//! assert_eq!(fixed(12.50, 3), "12.5");
//! assert_eq!(padded(12.5, 2), "12.50");
//! assert_eq!(fixed(f64::NAN, 3), "0");
//! ```
//!
//! **Parsing** ([`parse_decimal`], [`exact_f64`]): the page reads every coordinate of
//! `geodata/` through here (the JSON reader's numbers), and link views too.
//!
//! [`parse_decimal`] accepts what `str::parse::<f64>` accepts for a finite decimal —
//! `[+-]? digits [. digits] [(e|E) [+-] digits]`, where the digits before or after the point
//! may be missing but not both — and nothing else: no `inf`, no `NaN`, no spaces. A number too
//! large for an `f64` is `None` (it is not a finite number); one too small to tell from zero is
//! (signed) zero, as `str::parse` gives.
//!
//! Accuracy:
//! - **Correctly rounded** (the same `f64` as `str::parse`) when the number is `m × 10^e`
//!   with `m` its significant digits as an integer — at most 19 of them, leading and trailing
//!   zeros not counted — and `|e| ≤ 27` (`116.987654` is `116987654 × 10^-6`). Then
//!   `m × 10^e` is `m × 5^e` (exact in 128 bits) times `2^e`, or `m·2^s / 5^|e|` with the
//!   remainder kept as a sticky bit, rounded once to 53 bits. Every coordinate, count and
//!   measure in `geodata/` is far inside this range.
//! - **Otherwise at most 1 ulp off**, and nearly always exact: digits past the 19th are dropped
//!   (they change the value by less than 10⁻¹⁸ of it) and exponents beyond ±27 are applied
//!   27 at a time on a 64-bit mantissa, each step truncating by less than 2⁻⁶³ of the value.
//!   The error stays far below an ulp (2⁻⁵² of the value), so only a number lying that close to
//!   halfway between two `f64`s can round the other way (about 1 in 700 random 20–40 digit
//!   numbers with large exponents does). The tests check both bounds against `str::parse` on
//!   random and edge inputs.
//!
//! ```
//! use shizhong_map::number::parse_decimal;
//! assert_eq!(parse_decimal("116.98"), Some(116.98));
//! assert_eq!(parse_decimal("-0"), Some(-0.0));
//! assert_eq!(parse_decimal("5e-324"), Some(5e-324));
//! assert_eq!(parse_decimal("1e999"), None); // not a finite number
//! assert_eq!(parse_decimal("NaN"), None);
//! ```

mod shortest;
pub use shortest::{shortest, shortest_digits};

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

/// `v` limited to `lo..=hi`, for any inputs: NaN gives `lo`, and `lo > hi` gives `hi`.
/// `f64::clamp` panics when `lo > hi` (or either is NaN), and its message brings the whole
/// float printer into the WASM; bounds computed from a screen or data must never panic.
///
/// ```
/// use shizhong_map::number::clamp;
/// assert_eq!(clamp(5.0, 0.0, 1.0), 1.0);
/// assert_eq!(clamp(f64::NAN, 0.0, 1.0), 0.0);
/// assert_eq!(clamp(0.5, 2.0, 1.0), 1.0); // empty range: no panic
/// ```
pub fn clamp(v: f64, lo: f64, hi: f64) -> f64 {
    v.max(lo).min(hi)
}

/// Significant digits kept: `10^19 < 2^64`.
const MAX_DIGITS: u32 = 19;
/// The largest power of five that fits in 63 bits: exponents up to this are applied in one
/// exact step.
const MAX_STEP: i64 = 27;

/// `5^k` for `k ≤ 27`, as a table: `u128::pow` is a loop of software multiplications in the
/// WASM, and coordinates call this thousands of times.
const POW5: [u64; 28] = {
    let mut t = [1u64; 28];
    let mut k = 1;
    while k < 28 {
        t[k] = t[k - 1] * 5;
        k += 1;
    }
    t
};

fn pow5(k: i64) -> u128 {
    u128::from(POW5[k as usize])
}

/// `10^k` for `k ≤ 22`: each one an exact `f64`.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Clinger's fast path for `m × 10^e`: when `m` and `10^|e|` are both exact `f64`s, one IEEE
/// multiplication or division rounds correctly. Almost every coordinate takes it, without
/// the 128-bit arithmetic of [`scale`] (slow software routines in the WASM). With whether the
/// result is exact: `m × 10^e` when the odd part of `m × 5^e` fits in 53 bits, `m / 10^k`
/// when `5^k` divides `m`.
fn fast_path(m: u64, e: i64) -> Option<(f64, bool)> {
    if m >= 1 << 53 || !(-22..=22).contains(&e) {
        return None;
    }
    let k = e.unsigned_abs() as usize;
    Some(if e >= 0 {
        let odd = u128::from(m >> m.trailing_zeros()) * pow5(k as i64);
        (m as f64 * POW10[k], odd < 1 << 53)
    } else {
        (m as f64 / POW10[k], m % POW5[k] == 0)
    })
}

/// The value of a finite decimal number, or `None` when `text` is not one (or overflows).
pub fn parse_decimal(text: &str) -> Option<f64> {
    read(text).map(|(v, _)| v)
}

/// The `f64` that `text` is exactly equal to, or `None` when it is not exactly one (or not a
/// number). Exact within the correctly rounded range above (where ties between two `f64`s can
/// occur); beyond it a text may be called inexact that is exact.
///
/// ```
/// use shizhong_map::number::exact_f64;
/// assert_eq!(exact_f64("0.25"), Some(0.25));
/// assert_eq!(exact_f64("0.1"), None); // 0.1 is between two f64s
/// ```
pub fn exact_f64(text: &str) -> Option<f64> {
    read(text).and_then(|(v, exact)| exact.then_some(v))
}

/// Reads an optional `+` or `-` at `b[*i]`; whether it was `-`.
fn sign(b: &[u8], i: &mut usize) -> bool {
    match b.get(*i) {
        Some(&c @ (b'-' | b'+')) => {
            *i += 1;
            c == b'-'
        }
        _ => false,
    }
}

/// The value, and whether it is exactly that `f64`.
fn read(text: &str) -> Option<(f64, bool)> {
    let b = text.as_bytes();
    let mut i = 0;
    let negative = sign(b, &mut i);
    // The value is `mantissa × 10^exp10`, `sticky` when non-zero digits were dropped.
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut exp10: i64 = 0;
    let mut sticky = false;
    let mut any_digit = false;
    let mut after_point = false;
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => {
                any_digit = true;
                let d = u64::from(c - b'0');
                if digits < MAX_DIGITS {
                    // Leading zeros are not significant digits.
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa * 10 + d;
                        digits += 1;
                    }
                    exp10 -= i64::from(after_point);
                } else {
                    sticky |= d != 0;
                    exp10 += i64::from(!after_point);
                }
            }
            b'.' if !after_point => after_point = true,
            _ => break,
        }
        i += 1;
    }
    if !any_digit {
        return None;
    }
    if let Some(b'e' | b'E') = b.get(i) {
        i += 1;
        let minus = sign(b, &mut i);
        let start = i;
        let mut e: i64 = 0;
        while let Some(&c @ b'0'..=b'9') = b.get(i) {
            // Far beyond any f64 either way; the cap keeps the sum from overflowing.
            e = (e * 10 + i64::from(c - b'0')).min(1_000_000_000);
            i += 1;
        }
        if i == start {
            return None;
        }
        exp10 += if minus { -e } else { e };
    }
    if i != b.len() {
        return None;
    }
    let sign = if negative { -1.0 } else { 1.0 };
    if mantissa == 0 {
        return Some((sign * 0.0, true));
    }
    // A negative exponent takes trailing zeros: `12000e-30` is `12e-27`, in the exact range.
    // (A positive one is better left as it is: `7000e27` is exact, `7e30` need not be.)
    while exp10 < 0 && mantissa % 10 == 0 {
        mantissa /= 10;
        exp10 += 1;
        digits -= 1;
    }
    // The value lies in [10^(magnitude-1), 10^magnitude).
    let magnitude = exp10 + i64::from(digits);
    if magnitude > 309 {
        return None; // ≥ 10^309 > f64::MAX
    }
    if magnitude < -324 {
        return Some((sign * 0.0, false)); // < 10^-325, below half the smallest subnormal
    }
    if !sticky {
        if let Some((v, exact)) = fast_path(mantissa, exp10) {
            return Some((sign * v, exact));
        }
    }
    let (n, exp2, sticky) = scale(mantissa, exp10, sticky);
    round_to_f64(n, exp2, sticky).map(|(v, exact)| (sign * v, exact))
}

/// `m × 10^e` as `n × 2^exp2`; `sticky` when the true value is a little more than that.
fn scale(m: u64, mut e: i64, mut sticky: bool) -> (u128, i64, bool) {
    let mut n = u128::from(m);
    let mut exp2 = 0;
    loop {
        let step = e.clamp(-MAX_STEP, MAX_STEP);
        if step >= 0 {
            // n < 2^64 and 5^27 < 2^63: the product is exact.
            n *= pow5(step);
        } else {
            // Put n's top bit at bit 127 so the quotient keeps at least 64 bits.
            let s = n.leading_zeros();
            let wide = n << s;
            let p = pow5(-step);
            sticky |= wide % p != 0;
            n = wide / p;
            exp2 -= i64::from(s);
        }
        exp2 += step;
        e -= step;
        if e == 0 {
            return (n, exp2, sticky);
        }
        // Another step: cut n to its top 64 bits (the cut bits go into `sticky`).
        let cut = 64u32.saturating_sub(n.leading_zeros());
        sticky |= n & ((1u128 << cut) - 1) != 0;
        n >>= cut;
        exp2 += i64::from(cut);
    }
}

/// `n × 2^exp2` (`n > 0`, a little more when `sticky`) rounded to the nearest `f64`, ties to
/// even, and whether that is exact; `None` when it is beyond `f64::MAX`.
fn round_to_f64(n: u128, exp2: i64, sticky: bool) -> Option<(f64, bool)> {
    let bits = 128 - i64::from(n.leading_zeros());
    let top = exp2 + bits - 1; // the value is in [2^top, 2^(top+1))
    if top > 1023 {
        return None;
    }
    // The weight of the last bit kept: 53 bits for a normal number, fewer for a subnormal.
    let lsb = (top - 52).max(-1074);
    let drop = lsb - exp2;
    let mut exact = !sticky;
    let mut m = if drop <= 0 {
        n << (-drop) // fewer than 54 bits: exact
    } else {
        let (kept, half, below) = match drop {
            129.. => (0, false, true),
            128 => (0, n >> 127 == 1, n << 1 != 0),
            d => (
                n >> d,
                (n >> (d - 1)) & 1 == 1,
                n & ((1u128 << (d - 1)) - 1) != 0,
            ),
        };
        exact &= !half && !below;
        kept + u128::from(half && (below || sticky || kept & 1 == 1))
    } as u64;
    let mut lsb = lsb;
    if m == 1 << 53 {
        m >>= 1;
        lsb += 1;
    }
    // For a normal number the implicit bit (2^52 of m) adds one to the exponent field; a
    // subnormal has lsb = -1074 and an exponent field of 0.
    let bits = (((lsb + 1074) as u64) << 52) + m;
    (bits >> 52 < 0x7ff).then(|| (f64::from_bits(bits), exact))
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

    /// A small deterministic generator (xorshift64*): the same inputs on every run.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// How far apart two finite values of the same sign are, in ulps.
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{a} vs {b}");
        a.to_bits().abs_diff(b.to_bits())
    }

    /// What `str::parse` says, as `parse_decimal` should say it.
    fn reference(text: &str) -> Option<f64> {
        text.parse::<f64>().ok().filter(|v| v.is_finite())
    }

    fn digits(rng: &mut Rng, n: u64) -> String {
        (0..n)
            .map(|_| char::from(b'0' + rng.below(10) as u8))
            .collect()
    }

    #[test]
    fn edge_values_are_exact() {
        let cases = [
            "0",
            "-0",
            "0.0",
            "-0.0e5",
            "1",
            "-1",
            "1e22",
            "1e23",
            "9007199254740993",
            "9007199254740992",
            "18446744073709551615",
            "5e-324",
            "2.4703282292062328e-324",
            "2.4703282292062327e-324",
            "4.9406564584124654e-324",
            "2.2250738585072011e-308",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "0.1",
            "0.3",
            "116.987654",
            "36.612345",
            "-122.4194155",
            "1451.6",
            "3.141592653589793",
            "123456789012345678",
            "1234567890123456789",
            "0.000001",
            "1e-22",
            "1e-27",
            "1e27",
            "+1.5",
            ".5",
            "5.",
            "1.e3",
            "00012.5000",
            "1E+2",
            "1e-0",
            "0.00000000000000000000000000000000000000000000001",
            "100000000000000000000000000000000000000000000000000",
        ];
        for text in cases {
            let want = reference(text).unwrap();
            let got = parse_decimal(text).unwrap_or_else(|| panic!("{text}: None"));
            assert_eq!(got.to_bits(), want.to_bits(), "{text}: {got:e} vs {want:e}");
        }
    }

    #[test]
    fn exact_f64_tells_exact_decimals_from_rounded_ones() {
        for (text, want) in [
            ("0", Some(0.0)),
            ("0.25", Some(0.25)),
            ("-0.5", Some(-0.5)),
            ("869846139988776.25", Some(3_479_384_559_955_105.0 / 4.0)),
            ("9007199254740992", Some(9007199254740992.0)),
            ("1e22", Some(1e22)),
            ("1e23", None),
            ("0.1", None),
            ("9007199254740993", None),
            ("5e-324", None),
            ("1e-400", None),
            ("1e999", None),
            ("x", None),
        ] {
            assert_eq!(exact_f64(text), want, "{text}");
        }
        // Dyadic fractions written out in full are exact; one more digit makes them not.
        let mut rng = Rng(0x5eed_0005);
        for _ in 0..20_000 {
            let j = rng.below(10) as i32;
            let v = rng.below(1 << 30) as f64 / 2f64.powi(j);
            let text = format!("{v:.9}");
            assert_eq!(exact_f64(&text), Some(v), "{text}");
            assert_eq!(exact_f64(&format!("{text}1")), None, "{text}1");
        }
    }

    #[test]
    fn what_is_not_a_finite_decimal_is_refused() {
        for text in [
            "",
            "-",
            "+",
            ".",
            "-.",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1e-",
            "1.2.3",
            "1e2e3",
            "--1",
            "+-1",
            " 1",
            "1 ",
            "1,5",
            "0x10",
            "inf",
            "-inf",
            "infinity",
            "NaN",
            "nan",
            "1_000",
            "1e999",
            "-1e999",
            "1.8e308",
            "1e309",
            "1e1000000000000000000000",
        ] {
            assert_eq!(parse_decimal(text), None, "{text:?}");
        }
        // Too small to tell from zero: zero, with its sign.
        assert_eq!(parse_decimal("1e-400").map(f64::to_bits), Some(0));
        assert_eq!(
            parse_decimal("-1e-99999999999999").map(f64::to_bits),
            Some((-0.0f64).to_bits())
        );
        assert_eq!(parse_decimal("2.4e-324"), Some(0.0));
    }

    #[test]
    fn agrees_with_str_parse_on_the_grammar() {
        // Short strings over the characters numbers are made of: parse_decimal says Some
        // exactly when str::parse gives a finite number, and then the same one.
        let alphabet = b"0123456789.eE+-x";
        let mut rng = Rng(0x5eed_0001);
        for _ in 0..100_000 {
            let len = rng.below(9);
            let text: String = (0..len)
                .map(|_| char::from(alphabet[rng.below(alphabet.len() as u64) as usize]))
                .collect();
            let (got, want) = (parse_decimal(&text), reference(&text));
            assert_eq!(
                got.is_some(),
                want.is_some(),
                "{text:?}: {got:?} vs {want:?}"
            );
            if let (Some(g), Some(w)) = (got, want) {
                assert_eq!(g.to_bits(), w.to_bits(), "{text:?}");
            }
        }
    }

    #[test]
    fn the_fast_path_agrees_with_the_exact_one() {
        // Value and exactness, against the 128-bit path it short-cuts.
        let mut rng = Rng(0x5eed_0003);
        for _ in 0..200_000 {
            let m = match rng.below(3) {
                0 => rng.below(1 << 53),
                1 => rng.below(1000) * POW5[rng.below(23) as usize],
                _ => rng.below(100_000_000),
            }
            .clamp(1, (1 << 53) - 1);
            let e = rng.below(45) as i64 - 22;
            let (n, exp2, sticky) = scale(m, e, false);
            let slow = round_to_f64(n, exp2, sticky).unwrap();
            let fast = fast_path(m, e).unwrap();
            assert_eq!(
                (fast.0.to_bits(), fast.1),
                (slow.0.to_bits(), slow.1),
                "{m}e{e}"
            );
        }
        assert_eq!(fast_path(1 << 53, 0), None);
        assert_eq!(fast_path(1, 23), None);
    }

    #[test]
    fn exact_range_is_correctly_rounded() {
        // Up to 19 significant digits, exponent within ±27 once the point is behind them:
        // every result must be the same f64 as str::parse gives.
        let mut rng = Rng(0x5eed_0002);
        for _ in 0..200_000 {
            let n = 1 + rng.below(19);
            let mut m = digits(&mut rng, n);
            if m.starts_with('0') {
                m.replace_range(..1, "7");
            }
            let e = rng.below(55) as i64 - 27;
            let text = match rng.below(3) {
                0 => format!("{m}e{e}"),
                // The same number with a decimal point inside the digits.
                _ => {
                    let at = rng.below(n + 1) as usize;
                    let shift = (n as i64) - at as i64;
                    format!("{}.{}e{}", &m[..at], &m[at..], e + shift)
                }
            };
            let want = reference(&text).unwrap();
            let got = parse_decimal(&text).unwrap();
            assert_eq!(got.to_bits(), want.to_bits(), "{text}");
        }
    }

    #[test]
    fn coordinates_round_trip() {
        // What the data holds: up to 6 decimals of longitude and latitude, and what Rust's
        // shortest formatting writes for any f64 (17 digits at most, any exponent).
        let mut rng = Rng(0x5eed_0003);
        for _ in 0..100_000 {
            let v = (rng.below(360_000_001) as f64 - 180_000_000.0) / 1e6;
            let text = format!("{v:.6}");
            assert_eq!(parse_decimal(&text), reference(&text), "{text}");
            let any = f64::from_bits(rng.next());
            if any.is_finite() {
                for text in [format!("{any:e}"), format!("{any}")] {
                    let got = parse_decimal(&text).unwrap();
                    assert!(ulps(got, any) <= 1, "{text}: {got:e}");
                }
            }
        }
    }

    #[test]
    fn beyond_the_exact_range_at_most_one_ulp_off() {
        let mut rng = Rng(0x5eed_0004);
        let (mut total, mut off) = (0, 0);
        for _ in 0..100_000 {
            // Long mantissas, large and tiny exponents, subnormals and the edges of overflow.
            let n = 1 + rng.below(40);
            let m = format!("{}{}", 1 + rng.below(9), digits(&mut rng, n - 1));
            let e = rng.below(700) as i64 - 360;
            let text = format!("{}.{}e{e}", &m[..1], &m[1..]);
            let (got, want) = (parse_decimal(&text), reference(&text));
            match (got, want) {
                (Some(g), Some(w)) => {
                    let d = ulps(g, w);
                    assert!(d <= 1, "{text}: {g:e} vs {w:e}, {d} ulps");
                    total += 1;
                    off += usize::from(d > 0);
                }
                (None, None) => {}
                // At the very edge of overflow a 1-ulp error may cross f64::MAX.
                (g, w) => assert!(
                    g.or(w).is_some_and(|v| ulps(v.abs(), f64::MAX) <= 1),
                    "{text}: {g:?} vs {w:?}"
                ),
            }
        }
        println!("{off} of {total} beyond the exact range were 1 ulp off");
        assert!(total > 80_000, "{total}");
        assert!(off * 100 < total, "{off} of {total} were 1 ulp off");
    }
}
