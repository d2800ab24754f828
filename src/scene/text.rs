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

/// `text` as one line if it is at most `max_width` wide at `font_px`, else as two lines of
/// about equal width, never cutting a word: at a space when the text has any, else between
/// characters (not before closing or after opening punctuation), before a bracket when both
/// lines then fit. Nothing is ever dropped.
///
/// ```
/// use shizhong_map::scene::text::wrap;
/// assert_eq!(wrap("Shizhong District Government", 12.0, 140.0), ["Shizhong District", "Government"]);
/// assert_eq!(wrap("市中区人民政府", 12.0, 140.0), ["市中区人民政府"]);
/// assert_eq!(wrap("英雄山（济南革命烈士陵园）", 12.0, 150.0), ["英雄山", "（济南革命烈士陵园）"]);
/// assert_eq!(wrap("Majiazhuang parcel (development zone)", 12.0, 150.0), ["Majiazhuang parcel", "(development zone)"]);
/// ```
pub fn wrap(text: &str, font_px: f64, max_width: f64) -> Vec<String> {
    if text_width(text, font_px) <= max_width {
        return vec![text.to_string()];
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let spaces: Vec<usize> = chars
        .iter()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| *i)
        .collect();
    let width = |s: &str| text_width(s, font_px);
    let cuts: Vec<(usize, usize)> = if spaces.is_empty() {
        chars
            .windows(2)
            // Between CJK characters only: a Latin word is never split.
            .filter(|w| !w[0].1.is_ascii() || !w[1].1.is_ascii())
            .filter(|w| !"）)」』】，、。：；".contains(w[1].1) && !"（(「『【".contains(w[0].1))
            .map(|w| (w[1].0, w[1].0))
            .collect()
    } else {
        spaces.iter().map(|&i| (i, i + 1)).collect()
    };
    let fits = |&(end, start): &(usize, usize)| {
        width(&text[..end]) <= max_width && width(&text[start..]) <= max_width
    };
    // Before a bracket, when both lines fit: the name, then its explanation.
    let bracket = cuts
        .iter()
        .filter(|&&(_, start)| text[start..].starts_with(['（', '(']))
        .find(|c| fits(c));
    let balanced = |&(end, start): &(usize, usize)| width(&text[..end]).max(width(&text[start..]));
    let best = bracket.or_else(|| {
        cuts.iter()
            .min_by(|a, b| balanced(a).total_cmp(&balanced(b)))
    });
    match best {
        Some(&(end, start)) => vec![text[..end].to_string(), text[start..].to_string()],
        None => vec![text.to_string()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_character_and_balances_lines() {
        for text in [
            "Majiazhuang parcel (development zone)",
            "Yingxiong Mountain (Jinan Revolutionary Martyrs' Cemetery)",
            "二环南路科创带沿线产业园区",
        ] {
            let lines = wrap(text, 12.0, 120.0);
            assert_eq!(lines.len(), 2, "{lines:?}");
            let joined = if text.contains(' ') {
                lines.join(" ")
            } else {
                lines.concat()
            };
            assert_eq!(joined, text);
            assert!(lines.iter().all(|l| !l.is_empty() && !l.ends_with('…')));
            assert!(text_width(&lines[0], 12.0) < text_width(text, 12.0) * 0.75);
        }
        // One long word cannot be cut: it stays whole.
        assert_eq!(
            wrap("Supercalifragilistic", 12.0, 20.0),
            ["Supercalifragilistic"]
        );
    }

    #[test]
    fn cjk_is_wider_than_latin() {
        assert!(text_width("北服务", 12.0) > text_width("abc", 12.0));
        assert!((text_width("北服务", 10.0) - 30.6).abs() < 1e-9);
        assert_eq!(text_width("", 12.0), 0.0);
    }
}
