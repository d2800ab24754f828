//! The shortest decimal digits that read back as a given `f64`, without the standard
//! library's float printer (Grisu with a Dragon4 fallback and their tables: ≈ 15 KB of WASM
//! that only a few messages and the GeoJSON download needed).
//!
//! Burger and Dybvig's free-format algorithm ("Printing Floating-Point Numbers Quickly and
//! Accurately", 1996) on exact integers: the value and the halfway points to its neighbours
//! are scaled by powers of two and ten, and digits are produced until the digits so far pin
//! the value down. The boundaries count as the value's own when its mantissa is even (as
//! IEEE round-half-even reads them back), and of two equally short candidates equally near,
//! the even one is chosen: what serde_json writes (and Rust's `{}`, whose digits only differ
//! on those ties).
//!
//! ```
//! use shizhong_map::number::shortest;
//! assert_eq!(shortest(24.01), "24.01");
//! assert_eq!(shortest(30.0), "30");
//! assert_eq!(shortest(-0.000125), "-0.000125");
//! assert_eq!(shortest(0.1 + 0.2), "0.30000000000000004");
//! ```

use std::cmp::Ordering;

/// `v` as Rust's `{}` prints it: the shortest digits that read back as `v`, in plain notation
/// (`30`, `24.01`, `0.000125`), `-0`, `NaN`, `inf`.
pub fn shortest(v: f64) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    let sign = if v.is_sign_negative() { "-" } else { "" };
    if v.is_infinite() {
        return format!("{sign}inf");
    }
    if v == 0.0 {
        return format!("{sign}0");
    }
    let (digits, point) = shortest_digits(v.abs());
    let mut out = String::from(sign);
    let length = digits.len() as i32;
    if point <= 0 {
        out.push_str("0.");
        (0..-point).for_each(|_| out.push('0'));
        out.push_str(&digits);
    } else if point >= length {
        out.push_str(&digits);
        (0..point - length).for_each(|_| out.push('0'));
    } else {
        let (int, frac) = digits.split_at(point as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// For a finite `v > 0`: its shortest digits `d₁d₂…dₙ` (no trailing zero) and `point`, with
/// `v` read back from `0.d₁d₂…dₙ × 10^point`.
///
/// ```
/// use shizhong_map::number::shortest_digits;
/// assert_eq!(shortest_digits(1451.6), ("14516".to_string(), 4));
/// assert_eq!(shortest_digits(1.5e-7), ("15".to_string(), -6));
/// assert_eq!(shortest_digits(f64::MAX), ("17976931348623157".to_string(), 309));
/// ```
pub fn shortest_digits(v: f64) -> (String, i32) {
    let bits = v.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i32;
    let raw_mantissa = bits & ((1 << 52) - 1);
    // v = f × 2^e exactly.
    let (f, e) = if raw_exp == 0 {
        (raw_mantissa, -1074)
    } else {
        (raw_mantissa | 1 << 52, raw_exp - 1075)
    };
    let even = f % 2 == 0;
    // The gap to the next value up is 2^e; down, half that at a power of two (the binade
    // below is finer). r/s is v, m_plus/s and m_minus/s the distances to the halfway points,
    // all doubled so that the halves are integers.
    let lower_is_closer = f == 1 << 52 && raw_exp > 1;
    let mut r = Big::from(f);
    let mut s = Big::from(1);
    let mut m_plus = Big::from(1);
    let mut m_minus = Big::from(1);
    let shift = if lower_is_closer { 2 } else { 1 };
    r.shl(shift);
    m_plus.shl(shift - 1);
    if e >= 0 {
        r.shl(e as u32);
        m_plus.shl(e as u32);
        m_minus.shl(e as u32);
    } else {
        s.shl((-e) as u32);
    }
    s.shl(shift);
    // 10^point must exceed the upper halfway point: start from an estimate that is never
    // too high (log10 of the value's lowest power of two), then step up.
    let bit_length = 64 - f.leading_zeros() as i32;
    let mut point =
        (f64::from(e + bit_length - 1) * std::f64::consts::LOG10_2 - 1e-10).ceil() as i32;
    if point >= 0 {
        s.mul_pow10(point as u32);
    } else {
        for m in [&mut r, &mut m_plus, &mut m_minus] {
            m.mul_pow10((-point) as u32);
        }
    }
    let reaches = |r: &Big, m_plus: &Big, s: &Big| match r.add(m_plus).cmp(s) {
        Ordering::Greater => true,
        Ordering::Equal => even,
        Ordering::Less => false,
    };
    while reaches(&r, &m_plus, &s) {
        s.mul_small(10);
        point += 1;
    }
    let mut out = String::new();
    loop {
        for m in [&mut r, &mut m_plus, &mut m_minus] {
            m.mul_small(10);
        }
        let mut d = 0u8;
        while r.cmp(&s) != Ordering::Less {
            r.sub(&s);
            d += 1;
        }
        let low = match r.cmp(&m_minus) {
            Ordering::Less => true,
            Ordering::Equal => even,
            Ordering::Greater => false,
        };
        let high = reaches(&r, &m_plus, &s);
        let last = match (low, high) {
            (false, false) => {
                out.push(char::from(b'0' + d));
                continue;
            }
            (true, false) => d,
            (false, true) => d + 1,
            (true, true) => {
                let mut twice = r.clone();
                twice.shl(1);
                match twice.cmp(&s) {
                    Ordering::Less => d,
                    Ordering::Greater => d + 1,
                    Ordering::Equal => d + d % 2,
                }
            }
        };
        out.push(char::from(b'0' + last));
        return (out, point);
    }
}

/// A non-negative integer in 32-bit limbs, least significant first, no high zero limbs: just
/// what the digit loop needs. At most ≈ 1 100 bits here (`2^1024 × 10`, `2^1076`).
#[derive(Clone, Debug, PartialEq)]
struct Big(Vec<u32>);

impl From<u64> for Big {
    fn from(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }
}

impl Big {
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn mul_small(&mut self, m: u32) {
        let mut carry = 0u64;
        for limb in &mut self.0 {
            let x = u64::from(*limb) * u64::from(m) + carry;
            *limb = x as u32;
            carry = x >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn mul_pow10(&mut self, mut k: u32) {
        while k > 0 {
            let step = k.min(9);
            self.mul_small(10u32.pow(step));
            k -= step;
        }
    }

    /// Multiply by `2^bits`.
    fn shl(&mut self, bits: u32) {
        if self.0.is_empty() {
            return;
        }
        let (limbs, bits) = ((bits / 32) as usize, bits % 32);
        if bits > 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let x = (*limb << bits) | carry;
                carry = *limb >> (32 - bits);
                *limb = x;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
    }

    fn add(&self, other: &Big) -> Big {
        let (long, short) = if self.0.len() >= other.0.len() {
            (self, other)
        } else {
            (other, self)
        };
        let mut out = Vec::with_capacity(long.0.len() + 1);
        let mut carry = 0u64;
        for (i, &a) in long.0.iter().enumerate() {
            let x = u64::from(a) + u64::from(short.0.get(i).copied().unwrap_or(0)) + carry;
            out.push(x as u32);
            carry = x >> 32;
        }
        if carry > 0 {
            out.push(carry as u32);
        }
        Big(out)
    }

    /// `self -= other`, for `other ≤ self`.
    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let x = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            borrow = i64::from(x < 0);
            *limb = (x + (borrow << 32)) as u32;
        }
        self.trim();
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Deterministic pseudo-random bits (xorshift), as the number tests use.
    fn bits(seed: &mut u64) -> u64 {
        *seed ^= *seed << 13;
        *seed ^= *seed >> 7;
        *seed ^= *seed << 17;
        *seed
    }

    /// `shortest(v)` is `{}`'s text, but where `v` lies exactly halfway between two shortest
    /// candidates: there `{}` takes the upper one, `shortest` the even one.
    fn agrees_with_display(v: f64) {
        let (ours, theirs) = (shortest(v), format!("{v}"));
        if ours == theirs {
            return;
        }
        let (digits, point) = shortest_digits(v.abs());
        let halfway = format!("0.{digits}5e{point}");
        assert!(
            digits.ends_with(['0', '2', '4', '6', '8'])
                && crate::number::exact_f64(&halfway) == Some(v.abs())
                && theirs.parse::<f64>() == Ok(v),
            "{:016x}: {ours} vs {theirs}",
            v.to_bits()
        );
    }

    #[test]
    fn prints_what_display_prints() {
        let mut seed = 0x2545_f491_4f6c_dd1d;
        let mut cases = vec![
            0.0,
            -0.0,
            1.0,
            0.1,
            0.3,
            100.0,
            1e21,
            1e22,
            1e23,
            123456789.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            2.0f64.powi(-1022) * 1.5,
            9007199254740993.0,
            116.987654,
            36.6,
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
        ];
        for _ in 0..20_000 {
            let v = f64::from_bits(bits(&mut seed));
            cases.push(v);
            // Short decimals, as data and links hold them.
            let d =
                (bits(&mut seed) % 10_000_000) as f64 / 10f64.powi((bits(&mut seed) % 9) as i32);
            cases.push(d);
        }
        for v in cases {
            agrees_with_display(v);
        }
    }

    #[test]
    fn powers_of_two_use_the_closer_lower_neighbour() {
        assert_eq!(shortest(2f64.powi(-25)), "0.000000029802322387695312"); // a tie: …53125
        for k in -1074..=1023 {
            agrees_with_display(2f64.powi(k));
        }
    }

    #[test]
    fn a_tie_between_two_shortest_forms_goes_to_the_even_digit() {
        // Exactly halfway between …776.2 and …776.3 (and …776.7 and …776.8).
        assert_eq!(
            shortest_digits(3_479_384_559_955_105.0 / 4.0).0,
            "8698461399887762"
        );
        assert_eq!(
            shortest_digits(3_479_384_559_955_107.0 / 4.0).0,
            "8698461399887768"
        );
    }

    #[test]
    fn big_integers_do_their_arithmetic() {
        let mut a = Big::from(u64::MAX);
        a.shl(40);
        a.mul_small(10);
        let mut b = a.add(&Big::from(7));
        assert_eq!(b.cmp(&a), Ordering::Greater);
        b.sub(&a);
        assert_eq!(b, Big::from(7));
        b.sub(&Big::from(7));
        assert_eq!(b, Big(vec![]));
        let mut z = Big::from(0);
        z.shl(100);
        assert_eq!(z, Big(vec![]));
    }
}
