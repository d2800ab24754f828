//! Estimating the size of a label before the browser lays it out, for collision avoidance.
//! The estimate errs on the wide side so that labels judged apart are apart on screen.

/// Width of `text` in pixels at `font_px`, an upper bound for common CJK/Latin sans fonts.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let ems: f64 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.3,
            'i' | 'l' | 'j' | '.' | ',' | '\'' | '!' | '|' | ':' | ';' => 0.34,
            'm' | 'w' | 'M' | 'W' => 0.95,
            'A'..='Z' => 0.74,
            'a'..='z' | '0'..='9' => 0.6,
            '(' | ')' | '-' | '·' => 0.42,
            c if c.is_ascii() => 0.62,
            // CJK, full-width punctuation and anything else: a full em.
            _ => 1.02,
        })
        .sum();
    ems * font_px
}

/// Height of one line of text at `font_px`.
pub fn line_height(font_px: f64) -> f64 {
    font_px * 1.3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_is_wider_than_latin() {
        assert!(text_width("北服务", 12.0) > text_width("abc", 12.0));
        assert!((text_width("北服务", 10.0) - 30.6).abs() < 1e-9);
        assert_eq!(text_width("", 12.0), 0.0);
    }
}
