//! Fetching `geodata/` at run time: the manifest, then every file it lists, in parallel.
//! What arrived (or why not) goes to [`crate::plan::dataset`], the same code the command
//! line uses, so every failure becomes the same problem naming the file; nothing here
//! panics.

use crate::basemap::Basemaps;
use crate::plan::dataset::{failed, plan_from, read_manifest, Fetched};
use crate::plan::manifest::MANIFEST_FILE;
use crate::plan::Plan;
use futures::future::join_all;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// A file that has not fully arrived after this long is given up on (a stalled server must
/// not leave the map loading for ever).
const FETCH_TIMEOUT: Duration = Duration::from_secs(10);

/// GET `url` and return its body, or a short reason.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let controller = web_sys::AbortController::new().map_err(|_| "no AbortController")?;
    let init = web_sys::RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let timer = {
        let controller = controller.clone();
        leptos::prelude::set_timeout_with_handle(move || controller.abort(), FETCH_TIMEOUT).ok()
    };
    let result = read_body(&window, url, &init).await;
    if let Some(t) = timer {
        t.clear();
    }
    result.map_err(|e| {
        if controller.signal().aborted() {
            format!("no answer within {} s", FETCH_TIMEOUT.as_secs())
        } else {
            e
        }
    })
}

async fn read_body(
    window: &web_sys::Window,
    url: &str,
    init: &web_sys::RequestInit,
) -> Result<Vec<u8>, String> {
    let response = JsFuture::from(window.fetch_with_str_and_init(url, init))
        .await
        .map_err(|_| "network error".to_string())?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response")?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let buffer = response.array_buffer().map_err(|_| "unreadable body")?;
    let buffer = JsFuture::from(buffer)
        .await
        .map_err(|_| "the download broke off".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Load the whole plan from `base` (a URL ending in `/`), with what else the manifest names,
/// fetched alongside the data files: the basemap providers (a providers file that fails adds
/// its problem to the plan's, the banner names it; the map works without tiles) and the story
/// (its name and what was fetched for it).
pub async fn load_plan(base: &str) -> (Plan, Basemaps, Option<(String, Fetched)>) {
    let manifest = match read_manifest(fetch_bytes(&format!("{base}{MANIFEST_FILE}")).await) {
        Ok(m) => m,
        Err(problem) => return (failed(problem), Basemaps::default(), None),
    };
    let basemaps = async {
        match &manifest.basemaps {
            Some(name) => Basemaps::from_fetched(name, fetch_bytes(&format!("{base}{name}")).await),
            None => (Basemaps::default(), vec![]),
        }
    };
    let story = async {
        match &manifest.story {
            Some(name) => Some((name.clone(), fetch_bytes(&format!("{base}{name}")).await)),
            None => None,
        }
    };
    let files = join_all(manifest.files.iter().map(|name| async move {
        let fetched = fetch_bytes(&format!("{base}{name}")).await;
        (name.clone(), fetched)
    }));
    let (files, (basemaps, problems), story) = futures::future::join3(files, basemaps, story).await;
    let mut plan = plan_from(files);
    plan.problems.extend(problems);
    (plan, basemaps, story)
}
