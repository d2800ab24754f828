//! A panic in WASM would leave a dead page. The hook logs it and replaces the page with a
//! friendly message in both languages.

use crate::i18n::{Lang, Text};

pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("shizhong-map panicked: {info}").into());
        let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(body) = doc.body() {
            // Text content only: the message never goes through HTML parsing.
            let msg = format!(
                "{} {}",
                Text::Panic.get(Lang::Zh),
                Text::Panic.get(Lang::En)
            );
            if let Ok(p) = doc.create_element("p") {
                p.set_class_name("panic-message");
                p.set_attribute("role", "alert").ok();
                p.set_text_content(Some(&msg));
                body.set_text_content(None);
                body.append_child(&p).ok();
            }
        }
    }));
}
