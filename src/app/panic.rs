//! A panic in WASM would leave a dead page. Whatever stops the app, the page is replaced with a
//! friendly message in both languages.
//!
//! The release build traps at once on a panic (`-Cpanic=immediate-abort`, scripts/dev.sh): no
//! hook runs there, and the trap reaches the page as a `WebAssembly.RuntimeError`, from an event
//! handler (`error`) or a future (`unhandledrejection`). Builds that keep the panic runtime
//! (`trunk serve`, debug builds) run the hook first, which logs the panic's message.

use crate::i18n::{Lang, Text};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("shizhong-map panicked: {info}").into());
        show_message();
    }));
    let Some(window) = web_sys::window() else {
        return;
    };
    // Lives as long as the page: the listener is never removed.
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let event: &JsValue = event.as_ref();
        let error = ["error", "reason"]
            .iter()
            .filter_map(|key| js_sys::Reflect::get(event, &JsValue::from_str(key)).ok())
            .find(|value| value.is_instance_of::<js_sys::WebAssembly::RuntimeError>());
        if let Some(error) = error {
            web_sys::console::error_2(&"shizhong-map stopped:".into(), &error);
            show_message();
        }
    });
    for kind in ["error", "unhandledrejection"] {
        window
            .add_event_listener_with_callback(kind, on_error.as_ref().unchecked_ref())
            .ok();
    }
    on_error.forget();
}

/// Replaces the page with the bilingual "stopped" message (text only, never parsed as HTML).
fn show_message() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Some(body), Ok(p)) = (doc.body(), doc.create_element("p")) else {
        return;
    };
    let msg = format!(
        "{} {}",
        Text::Panic.get(Lang::Zh),
        Text::Panic.get(Lang::En)
    );
    p.set_class_name("panic-message");
    p.set_attribute("role", "alert").ok();
    p.set_text_content(Some(&msg));
    body.set_text_content(None);
    body.append_child(&p).ok();
}
