//! The Layers panel's basemap choice: none (the offline map) or one of the providers the
//! deployment configured, saying that tiles come from a third party. A provider without the
//! key it needs is listed, disabled.

use super::page::tr;
use super::ui::Ui;
use crate::i18n::Text;
use leptos::prelude::*;

#[component]
pub fn BasemapChoice(ui: Ui) -> impl IntoView {
    let lang = ui.map.lang;
    let providers = ui.map.basemaps.get_untracked().providers;
    if providers.is_empty() {
        return None;
    }
    let chosen = move || ui.map.basemap.with(|p| p.as_ref().map(|p| p.id.clone()));
    let choose = move |id: Option<String>| {
        // Only the map is drawn afresh (in the new datum): this panel, and focus, stay.
        ui.map.choose_basemap(id.as_deref());
    };
    let rows = providers
        .into_iter()
        .map(|p| {
            let input_id = format!("basemap-{}", p.id);
            let available = p.available();
            let id = p.id.clone();
            let id_checked = p.id.clone();
            let value = p.id.clone();
            let names = p.names.clone();
            view! {
                <li class="layer-row">
                    <input
                        type="radio"
                        name="basemap"
                        id=input_id.clone()
                        value=value
                        disabled=!available
                        aria-describedby="basemap-note"
                        prop:checked=move || chosen().as_deref() == Some(id_checked.as_str())
                        on:change=move |_| choose(Some(id.clone()))
                    />
                    <label for=input_id>
                        <span class="layer-name">{move || names.get(lang.get()).to_string()}</span>
                        {(!available).then(|| view! {
                            <span class="basemap-needs-key">{tr(lang, Text::BasemapNeedsKey)}</span>
                        })}
                    </label>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <fieldset class="basemap-choice" data-group="basemap">
            <legend>{tr(lang, Text::Basemap)}</legend>
            <p class="basemap-third-party" id="basemap-note">{tr(lang, Text::BasemapThirdParty)}</p>
            <ul class="layer-list">
                <li class="layer-row">
                    <input
                        type="radio"
                        name="basemap"
                        id="basemap-none"
                        value="none"
                        aria-describedby="basemap-note"
                        prop:checked=move || chosen().is_none()
                        on:change=move |_| choose(None)
                    />
                    <label for="basemap-none">
                        <span class="layer-name">{tr(lang, Text::BasemapNone)}</span>
                    </label>
                </li>
                {rows}
            </ul>
        </fieldset>
    })
}
