//! The side panel: beside the map on wide screens, a bottom sheet over it on phones. The
//! sheet has a grab handle (drag it, or press it: it is a button that cycles, and arrow keys
//! move it) that rests at the heights `crate::sheet` decides. Each toolbar panel reopens
//! scrolled where it was left.

use super::focus;
use super::page::tr;
use super::ui::{Panel, Ui};
use crate::i18n::Text;
use crate::sheet::{SheetStop, Stops};
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Below this width the panel is a bottom sheet (the same breakpoint as `public/style.css`).
const PHONE_QUERY: &str = "(max-width: 767px)";
/// A press that moves less than this is a click on the handle, not a drag.
const DRAG_SLOP_PX: f64 = 6.0;

/// The stop a sheet opens at: half the screen, or all of a small embed's — except the tour,
/// which leaves an embed half its map (the article around it tells the story).
pub fn opening_stop(embed: bool, panel: Panel) -> SheetStop {
    if embed && panel != Panel::Story {
        SheetStop::Full
    } else {
        SheetStop::Half
    }
}

fn is_phone() -> bool {
    window()
        .match_media(PHONE_QUERY)
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// The height the sheet may take: the main area's, below the header.
fn space() -> f64 {
    document()
        .query_selector(".main")
        .ok()
        .flatten()
        .map_or(0.0, |m| m.get_bounding_client_rect().height())
}

/// A drag of the handle in progress.
#[derive(Clone, Copy)]
struct Drag {
    pointer: i32,
    start_y: f64,
    start_height: f64,
    moved: bool,
}

#[component]
pub fn SidePanel(ui: Ui, panel: Panel, embed: bool, children: Children) -> impl IntoView {
    let lang = ui.map.lang;
    let phone = RwSignal::new(is_phone());
    let room = RwSignal::new(space());
    let resize = window_event_listener(leptos::ev::resize, move |_| {
        phone.set(is_phone());
        room.set(space());
    });
    on_cleanup(move || resize.remove());
    let stops = move || Stops::for_space(room.get(), embed);
    // During a drag the sheet follows the finger; at rest it sits at its stop.
    let dragged: RwSignal<Option<f64>> = RwSignal::new(None);
    let drag: StoredValue<Option<Drag>> = StoredValue::new(None);
    // A mouse drag ends with a click on the handle: that click must not also cycle the stop.
    let swallow_click = StoredValue::new(false);
    let height = move || {
        if !phone.get() {
            return String::new();
        }
        let h = dragged
            .get()
            .unwrap_or_else(|| stops().height(ui.sheet.get()));
        format!("{}px", crate::number::padded(h, 1))
    };
    let settle_at = move |stop: SheetStop| {
        dragged.set(None);
        ui.sheet.set(stop);
        ui.map.remeasure();
    };

    let body: NodeRef<Div> = NodeRef::new();
    body.on_load(move |el| {
        // Once laid out: focus moves into a panel the user opened (the card focuses its own
        // title), then the panel scrolls back to where it was left.
        request_animation_frame(move || {
            room.set(space());
            if panel.opener().is_some() {
                focus::into_panel();
                el.set_scroll_top(ui.scroll_of(panel));
            }
        });
    });
    let handle_label = move || {
        let now = match ui.sheet.get() {
            SheetStop::Peek => Text::SheetPeek,
            SheetStop::Half => Text::SheetHalf,
            SheetStop::Full => Text::SheetFull,
        };
        let l = lang.get();
        let comma = l.pick("，", ", ");
        format!("{}{comma}{}", Text::SheetHandle.get(l), now.get(l))
    };
    view! {
        <aside
            id="side-panel"
            class="side-panel"
            aria-label=tr(lang, Text::Title)
            data-sheet=move || ui.sheet.get().code()
            style:height=height
        >
            <button
                type="button"
                class="sheet-handle"
                aria-label=handle_label
                on:pointerdown=move |ev: web_sys::PointerEvent| {
                    swallow_click.set_value(false);
                    let start_height = document()
                        .get_element_by_id("side-panel")
                        .map_or(0.0, |a| a.get_bounding_client_rect().height());
                    room.set(space());
                    if let Some(t) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        t.set_pointer_capture(ev.pointer_id()).ok();
                    }
                    drag.set_value(Some(Drag { pointer: ev.pointer_id(), start_y: ev.client_y() as f64, start_height, moved: false }));
                }
                on:pointermove=move |ev: web_sys::PointerEvent| {
                    let Some(mut d) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else { return };
                    let dy = d.start_y - ev.client_y() as f64;
                    if dy.abs() >= DRAG_SLOP_PX {
                        d.moved = true;
                    }
                    if d.moved {
                        dragged.set(Some(stops().clamp(d.start_height + dy)));
                    }
                    drag.set_value(Some(d));
                }
                on:pointerup=move |ev: web_sys::PointerEvent| {
                    let Some(d) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else { return };
                    drag.set_value(None);
                    if d.moved {
                        swallow_click.set_value(true);
                        let h = d.start_height + (d.start_y - ev.client_y() as f64);
                        settle_at(stops().nearest(h));
                    }
                }
                on:pointercancel=move |_| {
                    drag.set_value(None);
                    dragged.set(None);
                }
                on:click=move |ev: web_sys::MouseEvent| {
                    // A click from the keyboard (Enter, Space) has no press count.
                    let by_key = js_sys::Reflect::get(&ev, &"detail".into())
                        .ok()
                        .and_then(|d| d.as_f64())
                        == Some(0.0);
                    if swallow_click.get_value() && !by_key {
                        swallow_click.set_value(false);
                    } else {
                        settle_at(ui.sheet.get_untracked().cycled());
                    }
                }
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if let Some(stop) = ui.sheet.get_untracked().after_key(&ev.key()) {
                        ev.prevent_default();
                        settle_at(stop);
                    }
                }
            ></button>
            <button
                type="button"
                class="panel-close"
                aria-label=tr(lang, Text::Close)
                on:click=move |_| {
                    ui.close();
                    focus::return_from(panel);
                }
            >
                "×"
            </button>
            <div
                class="panel-body"
                node_ref=body
                on:scroll=move |ev| {
                    if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                        ui.remember_scroll(panel, el.scroll_top());
                    }
                }
            >
                {children()}
            </div>
        </aside>
    }
}
