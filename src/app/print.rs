//! Printing: while the page is printed the map is drawn for the paper's box (see
//! `crate::print`), showing what the screen showed; afterwards the screen's view comes back.

use super::map_state::MapState;
use crate::geometry::viewport::Viewport;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

fn print_query() -> Option<web_sys::MediaQueryList> {
    window().match_media("print").ok().flatten()
}

fn printing_now() -> bool {
    print_query().is_some_and(|m| m.matches())
}

/// Follow the page into print and back: `beforeprint`/`afterprint`, and the print media
/// query (browsers differ in which they send; either is enough, both are harmless).
pub fn follow_printing(state: MapState) {
    // The last view seen on screen. The map frame takes the paper's size as soon as print
    // styles apply, possibly before any print event: what it showed just before counts.
    let on_screen: StoredValue<Option<Viewport>> = StoredValue::new(None);
    let saved: StoredValue<Option<Viewport>> = StoredValue::new(None);
    Effect::new(move |_| {
        let v = state.settled.get();
        if state.ready.get() && !printing_now() && saved.get_value().is_none() {
            on_screen.set_value(Some(v));
        }
    });
    let enter = move || {
        if saved.get_value().is_some() {
            return;
        }
        let Some(screen) = on_screen.get_value() else {
            return;
        };
        saved.set_value(Some(screen));
        state.jump(crate::print::paper_view(&screen));
        state.remeasure();
    };
    let leave = move || {
        if let Some(v) = saved.get_value() {
            saved.set_value(None);
            state.jump(v);
            state.remeasure();
        }
    };
    let before = window_event_listener(leptos::ev::beforeprint, move |_| enter());
    let after = window_event_listener(leptos::ev::afterprint, move |_| leave());
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    if let Some(mq) = print_query() {
        let change =
            Closure::<dyn Fn()>::new(move || if printing_now() { enter() } else { leave() });
        mq.add_event_listener_with_callback("change", change.as_ref().unchecked_ref())
            .ok();
        // The listener lives as long as the page.
        change.forget();
    }
}
