//! Type-ahead search over feature names: Chinese, English, and pinyin (full or initials)
//! when the data carries `name_pinyin`.
//!
//! ```
//! use shizhong_map::search::{SearchIndex, Entry};
//! let index = SearchIndex::new(vec![
//!     Entry::new("a", "中山公园征收改造", "Zhongshan Park renewal", Some("zhong shan gong yuan zheng shou gai zao")),
//!     Entry::new("b", "兴隆片区", "Xinglong area", Some("xing long pian qu")),
//! ]);
//! assert_eq!(index.search("中山", 5)[0], "a");
//! assert_eq!(index.search("xinglong", 5)[0], "b");
//! assert_eq!(index.search("zsgy", 5)[0], "a");
//! assert_eq!(index.search("park", 5)[0], "a");
//! ```

/// One searchable feature.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    zh: String,
    en: String,
    /// Pinyin syllables joined without spaces, and their initials.
    pinyin: String,
    initials: String,
}

impl Entry {
    pub fn new(id: &str, zh: &str, en: &str, pinyin: Option<&str>) -> Entry {
        let syllables: Vec<String> = pinyin
            .unwrap_or_default()
            .split_whitespace()
            .map(|s| s.to_lowercase())
            .collect();
        Entry {
            id: id.to_string(),
            zh: normalise(zh),
            en: normalise(en),
            pinyin: syllables.concat(),
            initials: syllables.iter().filter_map(|s| s.chars().next()).collect(),
        }
    }
}

/// Lower case, without spaces and common punctuation, so "Zhongshan  park" finds
/// "Zhongshan Park" and 中山 finds “中山”.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '“' | '”' | '"' | '（' | '）' | '(' | ')' | '·' | '-' | '—' | '、' | ','
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn new(entries: Vec<Entry>) -> SearchIndex {
        SearchIndex { entries }
    }

    /// Ids of the best matches for `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&str> {
        let q = normalise(query);
        if q.is_empty() {
            return vec![];
        }
        let mut hits: Vec<(u8, usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let rank = if e.zh == q || e.en == q {
                    0
                } else if e.zh.starts_with(&q) || e.en.starts_with(&q) {
                    1
                } else if e.zh.contains(&q) || e.en.contains(&q) {
                    2
                } else if !e.pinyin.is_empty() && e.pinyin.starts_with(&q) {
                    3
                } else if q.len() >= 2 && e.pinyin.contains(&q) {
                    4
                } else if q.len() >= 2 && e.initials.starts_with(&q) {
                    5
                } else {
                    return None;
                };
                Some((rank, e.zh.chars().count(), i))
            })
            .collect();
        hits.sort();
        hits.into_iter()
            .take(limit)
            .map(|(_, _, i)| self.entries[i].id.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        SearchIndex::new(vec![
            Entry::new(
                "park",
                "中山公园征收改造",
                "Zhongshan Park acquisition and renewal",
                Some("zhong shan gong yuan"),
            ),
            Entry::new(
                "road",
                "英雄山路",
                "Yingxiongshan Road",
                Some("ying xiong shan lu"),
            ),
            Entry::new(
                "hill",
                "英雄山",
                "Yingxiong Mountain",
                Some("ying xiong shan"),
            ),
            Entry::new(
                "xinglong",
                "兴隆片区",
                "Xinglong area",
                Some("xing long pian qu"),
            ),
            Entry::new(
                "nopy",
                "玉湖冷链",
                "Yuhu Cold-Chain Logistics Project",
                None,
            ),
        ])
    }

    #[test]
    fn exact_before_prefix_before_substring() {
        let i = index();
        assert_eq!(i.search("英雄山", 5), ["hill", "road"]);
        assert_eq!(i.search("公园", 5), ["park"]);
        assert_eq!(i.search("cold chain", 5), ["nopy"]);
    }

    #[test]
    fn pinyin_full_and_initials() {
        let i = index();
        assert_eq!(i.search("yingxiong", 5), ["hill", "road"]);
        assert_eq!(i.search("ZSGY", 5), ["park"]);
        assert_eq!(i.search("yxsl", 5), ["road"]);
        assert_eq!(i.search("xl", 5), ["xinglong"], "two initials find 兴隆");
        assert_eq!(i.search("xlpq", 5), ["xinglong"]);
        assert!(
            i.search("z", 5).len() <= 1,
            "one letter only matches prefixes"
        );
    }

    #[test]
    fn empty_and_unmatched() {
        let i = index();
        assert!(i.search("   ", 5).is_empty());
        assert!(i.search("不存在", 5).is_empty());
        assert_eq!(i.search("a", 2).len(), 2);
    }
}
