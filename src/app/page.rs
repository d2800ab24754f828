//! Small helpers every part of the page uses: reactive interface strings, performance
//! marks and media queries. A leaf module, so the page's components never import from their parent.

use crate::i18n::{Lang, Text};
use leptos::prelude::*;

/// A reactive interface string. One function (so one closure type) for every string in the
/// page: each `tr(lang, Text::X)` written out would be a type of its own, and
/// the view code Leptos generates for it would be repeated dozens of times in the WASM.
pub fn tr(
    lang: RwSignal<Lang>,
    text: Text,
) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    move || text.get(lang.get())
}

/// A `performance.mark`, so load phases show in traces and benchmarks.
pub fn mark(name: &str) {
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        perf.mark(name).ok();
    }
}

/// Whether the system matches a media query, e.g. `(prefers-reduced-motion: reduce)`.
pub fn media_matches(query: &str) -> bool {
    window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
