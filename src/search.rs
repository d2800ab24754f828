//! Type-ahead search over features: their names in Chinese, English and pinyin (full or
//! initials, when the data carries `name_pinyin`), then — ranked below every name match —
//! their category's names, the kind words readers type (学校 for 小学 and 中学), and their
//! descriptions.
//!
//! ```
//! use shizhong_map::search::{SearchIndex, Entry};
//! let index = SearchIndex::new(vec![
//!     Entry::new("a", "中山公园征收改造", "Zhongshan Park renewal", Some("zhong shan gong yuan zheng shou gai zao")),
//!     Entry::new("b", "兴隆片区", "Xinglong area", Some("xing long pian qu")),
//!     Entry::new("c", "励新实验中学", "Lixin Experimental Middle School", None)
//!         .with_category("公共服务", "Public services"),
//! ]);
//! assert_eq!(index.search("中山", 5)[0], "a");
//! assert_eq!(index.search("xinglong", 5)[0], "b");
//! assert_eq!(index.search("zsgy", 5)[0], "a");
//! assert_eq!(index.search("park", 5)[0], "a");
//! assert_eq!(index.search("公共服务", 5), ["c"]);
//! assert_eq!(index.search("学校", 5), ["c"]);
//! ```

use crate::plan::{Category, Plan};

/// Kind words a reader types that no name, category or description need contain: each with
/// the words that mark a feature of that kind (a 中学 is a 学校). Only what the data needs.
const KIND_WORDS: &[(&[&str], &[&str])] = &[
    (
        &["学校", "school", "schools"],
        &["学校", "小学", "中学", "幼儿园", "school", "kindergarten"],
    ),
    (
        &["医院", "hospital", "hospitals"],
        &["医院", "诊所", "hospital", "clinic"],
    ),
];

/// How well an entry matches, best first. A name match of any kind always ranks above a
/// match on anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    NameExact,
    NamePrefix,
    NameContains,
    PinyinPrefix,
    PinyinContains,
    PinyinInitials,
    CategoryPrefix,
    CategoryContains,
    Kind,
    Description,
}

/// One searchable feature.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    zh: String,
    en: String,
    /// Pinyin syllables joined without spaces, and their initials.
    pinyin: String,
    initials: String,
    /// The category's names, normalised (empty: none given).
    category: [String; 2],
    description: [String; 2],
}

impl Entry {
    pub fn new(id: &str, zh: &str, en: &str, pinyin: Option<&str>) -> Entry {
        let syllables: Vec<String> = pinyin
            .unwrap_or_default()
            .split_whitespace()
            .map(|s| s.chars().map(fold).collect::<String>())
            .collect();
        Entry {
            id: id.to_string(),
            zh: normalise(zh),
            en: normalise(en),
            pinyin: syllables.concat(),
            initials: syllables.iter().filter_map(|s| s.chars().next()).collect(),
            category: Default::default(),
            description: Default::default(),
        }
    }

    /// The names of the entry's category (公共服务 / Public services).
    pub fn with_category(mut self, zh: &str, en: &str) -> Entry {
        self.category = [normalise(zh), normalise(en)];
        self
    }

    /// The entry's description, in both languages.
    pub fn with_description(mut self, zh: &str, en: &str) -> Entry {
        self.description = [normalise(zh), normalise(en)];
        self
    }

    fn name_rank(&self, q: &str) -> Option<Rank> {
        let names = [&self.zh, &self.en];
        Some(if names.iter().any(|n| *n == q) {
            Rank::NameExact
        } else if names.iter().any(|n| n.starts_with(q)) {
            Rank::NamePrefix
        } else if names.iter().any(|n| n.contains(q)) {
            Rank::NameContains
        } else if !self.pinyin.is_empty() && self.pinyin.starts_with(q) {
            Rank::PinyinPrefix
        } else if q.len() >= 2 && self.pinyin.contains(q) {
            Rank::PinyinContains
        } else if q.len() >= 2 && self.initials.starts_with(q) {
            Rank::PinyinInitials
        } else {
            return None;
        })
    }

    /// Matches on what the feature is rather than what it is called. Only for queries long
    /// enough to mean something (two CJK characters, three Latin letters).
    fn kind_rank(&self, q: &str) -> Option<Rank> {
        let long_enough = q.chars().count() >= if q.is_ascii() { 3 } else { 2 };
        if !long_enough {
            return None;
        }
        let [cat_zh, cat_en] = &self.category;
        let [desc_zh, desc_en] = &self.description;
        let contains = |fields: &[&String], word: &str| fields.iter().any(|f| f.contains(word));
        if [cat_zh, cat_en]
            .iter()
            .any(|c| !c.is_empty() && c.starts_with(q))
        {
            return Some(Rank::CategoryPrefix);
        }
        if contains(&[cat_zh, cat_en], q) {
            return Some(Rank::CategoryContains);
        }
        let text = [&self.zh, &self.en, desc_zh, desc_en];
        let is_of_kind = KIND_WORDS
            .iter()
            .filter(|(words, _)| words.contains(&q))
            .any(|(_, marks)| marks.iter().any(|m| contains(&text, m)));
        if is_of_kind {
            return Some(Rank::Kind);
        }
        contains(&[desc_zh, desc_en], q).then_some(Rank::Description)
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
        .map(fold)
        .collect()
}

/// Lower case for matching: ASCII and full-width Latin letters (a phone's Chinese keyboard
/// can type either) fold to a–z, full-width digits to 0–9; everything else stays as it is.
/// Every English name and pinyin in the plan is ASCII; `char::to_lowercase` would bring
/// Unicode's case tables (≈ 12 KB of WASM) for letters no name has.
fn fold(c: char) -> char {
    let from = |first: char, to: u8| char::from(to + (u32::from(c) - u32::from(first)) as u8);
    match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'Ａ'..='Ｚ' => from('Ａ', b'a'),
        'ａ'..='ｚ' => from('ａ', b'a'),
        '０'..='９' => from('０', b'0'),
        _ => c,
    }
}

#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
}

impl SearchIndex {
    pub fn new(entries: Vec<Entry>) -> SearchIndex {
        SearchIndex { entries }
    }

    /// Every feature of `plan` a reader can look for (key figures are not places: they have
    /// a panel of their own), with names, pinyin, category and description.
    pub fn for_plan(plan: &Plan) -> SearchIndex {
        SearchIndex::new(
            plan.features
                .iter()
                .filter(|f| f.category != Category::Figure)
                .map(|f| {
                    let e = Entry::new(&f.id, &f.names.zh, &f.names.en, f.pinyin.as_deref())
                        .with_category(f.category.name_zh(), f.category.name_en());
                    match &f.description {
                        Some(d) => e.with_description(&d.zh, &d.en),
                        None => e,
                    }
                })
                .collect(),
        )
    }

    /// Ids of the best matches for `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&str> {
        let q = normalise(query);
        if q.is_empty() {
            return vec![];
        }
        let mut hits: Vec<(Rank, usize, usize)> = self
            .entries
            .iter()
            .enumerate()
            .filter_map(|(i, e)| {
                let rank = e.name_rank(&q).or_else(|| e.kind_rank(&q))?;
                Some((rank, e.zh.chars().count(), i))
            })
            .collect();
        crate::sort::sort_by(&mut hits, Ord::cmp);
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
            )
            .with_category("城市更新", "Urban renewal"),
            Entry::new(
                "road",
                "英雄山路",
                "Yingxiongshan Road",
                Some("ying xiong shan lu"),
            )
            .with_category("主要道路", "Main roads"),
            Entry::new(
                "hill",
                "英雄山",
                "Yingxiong Mountain",
                Some("ying xiong shan"),
            )
            .with_category("地标", "Landmarks"),
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
            Entry::new(
                "school",
                "励新实验中学",
                "Lixin Experimental Middle School",
                None,
            )
            .with_category("公共服务", "Public services")
            .with_description("加快建设的中学。", "A middle school under construction."),
            Entry::new(
                "kinder",
                "新建续建小学、幼儿园4处",
                "4 primary schools",
                None,
            )
            .with_category("公共服务", "Public services"),
            Entry::new(
                "hospital",
                "领秀城社区医院",
                "Lingxiucheng Community Hospital",
                None,
            )
            .with_category("公共服务", "Public services")
            .with_description("社区医院项目，满足就近就医需求。", "Care close to home."),
            // A name that is a category's name: it must come before that category's members.
            Entry::new("named", "公共服务中心", "Public service centre", None)
                .with_category("城市更新", "Urban renewal"),
            Entry::new("station", "玉符河站", "Yufuhe Station", None)
                .with_category("地铁站", "Metro stations")
                .with_description("地铁1号线。", "On Metro Line 1."),
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
        // A Chinese keyboard's full-width letters.
        assert_eq!(i.search("ＺＳｇｙ", 5), ["park"]);
        assert_eq!(i.search("yxsl", 5), ["road"]);
        assert_eq!(i.search("xl", 5), ["xinglong"], "two initials find 兴隆");
        assert_eq!(i.search("xlpq", 5), ["xinglong"]);
        assert!(
            i.search("z", 5).len() <= 1,
            "one letter only matches prefixes"
        );
    }

    #[test]
    fn categories_kinds_and_descriptions_find_features() {
        let i = index();
        // A category's name, in either language, finds its members.
        assert_eq!(i.search("地铁站", 9), ["station"]);
        assert_eq!(
            i.search("metro", 9),
            ["station"],
            "prefix of Metro stations"
        );
        assert_eq!(i.search("地铁", 9), ["station"]);
        // Kind words: a 中学 or a 幼儿园 is a 学校.
        assert_eq!(i.search("学校", 9), ["school", "kinder"]);
        assert_eq!(i.search("医院", 9), ["hospital"]);
        // A description finds its feature.
        assert_eq!(i.search("就近就医", 9), ["hospital"]);
        assert_eq!(i.search("under construction", 9), ["school"]);
        // Too short to mean a kind: a single character, two Latin letters.
        assert!(i.search("需", 9).is_empty());
        assert!(i.search("ca", 9).is_empty(), "{:?}", i.search("ca", 9));
    }

    #[test]
    fn a_name_match_always_comes_before_a_category_match() {
        let i = index();
        // 公共服务中心 is named so; the three public services are only of that category.
        let hits = i.search("公共服务", 9);
        assert_eq!(hits[0], "named", "{hits:?}");
        assert_eq!(hits.len(), 4, "{hits:?}");
        // "school" is in two names (English) and nowhere else matters.
        assert_eq!(i.search("school", 9), ["school", "kinder"]);
        // "park" names the park; none of the rest has it.
        assert_eq!(i.search("park", 9), ["park"]);
        // Every name-matching hit ranks above every other, for any query.
        for q in [
            "公共", "public", "service", "站", "station", "中学", "renewal",
        ] {
            let hits = i.search(q, 99);
            let names: Vec<bool> = hits
                .iter()
                .map(|id| {
                    let e = i.entries.iter().find(|e| e.id == *id).unwrap();
                    e.name_rank(&normalise(q)).is_some()
                })
                .collect();
            assert!(names.windows(2).all(|w| w[0] >= w[1]), "{q}: {hits:?}");
        }
    }

    #[test]
    fn the_real_data_answers_kind_searches() {
        let plan = crate::tools::check::committed_plan();
        let i = SearchIndex::for_plan(&plan);
        let has = |q: &str, id: &str| {
            let hits = i.search(q, 8);
            assert!(hits.contains(&id), "{q} should find {id}: {hits:?}");
        };
        for q in ["学校", "school"] {
            has(q, "project.lixin-experimental-school");
            has(q, "project.schools-and-kindergartens");
        }
        has("医院", "project.lingxiucheng-community-hospital");
        has("hospital", "project.lingxiucheng-community-hospital");
        has("公园", "project.renewal-zhongshan-park");
        has("park", "project.renewal-zhongshan-park");
        for q in ["地铁", "地铁站", "metro"] {
            for id in ["metro.yufuhe", "metro.wangfuzhuang", "metro.zhaoying"] {
                has(q, id);
            }
        }
        has("公共服务", "project.lixin-experimental-school");
        // Key figures are not places.
        assert!(!i
            .search("学位", 8)
            .iter()
            .any(|id| id.starts_with("figure.")));
    }

    #[test]
    fn empty_and_unmatched() {
        let i = index();
        assert!(i.search("   ", 5).is_empty());
        assert!(i.search("不存在", 5).is_empty());
        assert_eq!(i.search("a", 2).len(), 2);
    }
}
