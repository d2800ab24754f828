//! The map's gestures in the page: web events in, views out. Every rule — what a press, a
//! wheel, a key or a double tap does, in which mode — lives in [`crate::interaction`] and is
//! tested natively. This adapter only turns events into its inputs (positions in map pixels,
//! times from `performance.now()`) and applies the [`Outcome`]: the live view, settling, the
//! settle and hint timers, animation frames, pointer capture, hints, `preventDefault`.

use super::map_state::MapState;
use crate::geometry::viewport::Viewport;
use crate::i18n::Text;
use crate::interaction::animation::sheet_visible_height;
use crate::interaction::gesture::HINT_MS;
use crate::interaction::{
    Gestures, KeyAction, KeyInput, Outcome, PointerInput, PointerKind, WheelInput,
};
use crate::scene::world::WorldPlan;
use geo::{coord, Coord, Rect};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

struct Inner {
    machine: Gestures,
    /// The map's position on the page, measured when a press, wheel or double-click begins.
    origin: Coord<f64>,
    wheel_timer: Option<TimeoutHandle>,
    hint_timer: Option<TimeoutHandle>,
}

/// The gesture handler for one map. `Copy`, so event closures need no cloning.
#[derive(Clone, Copy)]
pub struct Gesture {
    state: MapState,
    world: StoredValue<Arc<WorldPlan>>,
    inner: StoredValue<Inner, LocalStorage>,
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn page_box(el: &web_sys::Element) -> Rect<f64> {
    let r = el.get_bounding_client_rect();
    Rect::new(
        coord! { x: r.left(), y: r.top() },
        coord! { x: r.right(), y: r.bottom() },
    )
}

/// Height of the map not covered by a bottom sheet (phones), if one covers it.
fn visible_map_height() -> Option<f64> {
    let doc = web_sys::window()?.document()?;
    let map = page_box(&doc.query_selector(".map").ok()??);
    let panel = page_box(&doc.query_selector(".side-panel").ok()??);
    sheet_visible_height(map, panel)
}

/// Top-left of the map's frame (the `.map` box around the moving canvas) on the page.
fn element_origin(ev: &web_sys::Event) -> Coord<f64> {
    ev.current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".map").ok().flatten())
        .map_or(coord! { x: 0.0, y: 0.0 }, |el| page_box(&el).min())
}

/// Whether the reader asked the system for less motion: then moves jump.
fn prefers_reduced_motion() -> bool {
    super::page::media_matches("(prefers-reduced-motion: reduce)")
}

impl Gesture {
    pub fn new(world: Arc<WorldPlan>, state: MapState) -> Gesture {
        let limits = world.clone();
        // Within reach of the data, and no deeper than the basemap (or the offline map) goes.
        let mut machine = Gestures::new(state.mode, move |v| {
            let max = state
                .basemap
                .with_untracked(|p| crate::basemap::max_view_zoom(p.as_ref()));
            let live = state.live.get_untracked();
            crate::basemap::capped_from(&live, limits.limit(v), max)
        });
        machine.set_reduced_motion(prefers_reduced_motion());
        Gesture {
            state,
            world: StoredValue::new(world),
            inner: StoredValue::new_local(Inner {
                machine,
                origin: coord! { x: 0.0, y: 0.0 },
                wheel_timer: None,
                hint_timer: None,
            }),
        }
    }

    /// The gesture ended: rebuild markers, labels and detail for where it ended.
    pub fn settle(&self) {
        self.state.settled.set(self.state.live.get_untracked());
    }

    /// Whether an animation is moving the map, or is about to.
    pub fn is_animating(&self) -> bool {
        self.inner.with_value(|i| i.machine.is_animating())
    }

    /// A click that ends a drag must not select what is under the pointer.
    pub fn suppress_click(&self) -> bool {
        self.inner.with_value(|i| i.machine.suppress_click())
    }

    /// Ask the machine, with the live view, and apply its answer.
    fn run(
        &self,
        ev: Option<&web_sys::Event>,
        ask: impl FnOnce(&mut Gestures, Viewport) -> Outcome,
    ) {
        let live = self.state.live.get_untracked();
        let out = self
            .inner
            .try_update_value(|i| ask(&mut i.machine, live))
            .unwrap_or_default();
        self.apply(out, ev);
    }

    fn apply(&self, out: Outcome, ev: Option<&web_sys::Event>) {
        if let Some(ev) = ev {
            if out.prevent_default {
                ev.prevent_default();
            }
            if out.capture_pointer {
                capture(ev);
            }
        }
        if let Some(v) = out.view {
            self.state.live.set(v);
        }
        if out.settle {
            self.settle();
        }
        if let Some(ms) = out.settle_after_ms {
            let this = *self;
            let timer =
                set_timeout_with_handle(move || this.settle(), Duration::from_millis(ms)).ok();
            self.replace_timer(timer, |i| &mut i.wheel_timer);
        }
        if let Some(text) = out.hint {
            self.show_hint(text);
        }
        if let Some(id) = out.animation {
            self.next_frame(id);
        }
    }

    fn replace_timer(
        &self,
        timer: Option<TimeoutHandle>,
        slot: impl FnOnce(&mut Inner) -> &mut Option<TimeoutHandle>,
    ) {
        self.inner.update_value(|i| {
            if let Some(old) = std::mem::replace(slot(i), timer) {
                old.clear();
            }
        });
    }

    /// Show a short hint about how to move the map, for [`HINT_MS`].
    fn show_hint(&self, text: Text) {
        let hint = self.state.hint;
        hint.set(Some(text));
        let timer =
            set_timeout_with_handle(move || hint.set(None), Duration::from_millis(HINT_MS)).ok();
        self.replace_timer(timer, |i| &mut i.hint_timer);
    }

    fn measure_origin(&self, ev: &web_sys::Event) {
        let origin = element_origin(ev);
        self.inner.update_value(|i| i.origin = origin);
    }

    /// A position on the page → map pixels.
    fn on_map(&self, client_x: i32, client_y: i32) -> Coord<f64> {
        let o = self.inner.with_value(|i| i.origin);
        coord! { x: client_x as f64 - o.x, y: client_y as f64 - o.y }
    }

    fn pointer(&self, ev: &web_sys::PointerEvent) -> PointerInput {
        PointerInput {
            id: ev.pointer_id(),
            kind: PointerKind::from_dom(&ev.pointer_type()),
            at: self.on_map(ev.client_x(), ev.client_y()),
            time_ms: now_ms(),
        }
    }

    pub fn pointer_down(&self, ev: web_sys::PointerEvent) {
        self.measure_origin(&ev);
        let (p, button) = (self.pointer(&ev), ev.button());
        self.run(Some(&ev), |g, live| g.pointer_down(p, button, live));
    }

    pub fn pointer_move(&self, ev: web_sys::PointerEvent) {
        let p = self.pointer(&ev);
        self.run(Some(&ev), |g, live| g.pointer_move(p, live));
    }

    pub fn pointer_up(&self, ev: web_sys::PointerEvent) {
        let p = self.pointer(&ev);
        self.run(Some(&ev), |g, live| g.pointer_up(p, live));
    }

    pub fn pointer_cancel(&self, ev: web_sys::PointerEvent) {
        let id = ev.pointer_id();
        self.run(Some(&ev), |g, _| g.pointer_cancel(id));
    }

    /// A `touchmove`: keep the page from scrolling when the fingers are the map's.
    pub fn touch_move(&self, ev: web_sys::TouchEvent) {
        let touches = ev.touches().length();
        if self
            .inner
            .with_value(|i| i.machine.claims_touch_move(touches))
        {
            ev.prevent_default();
        }
    }

    pub fn wheel(&self, ev: web_sys::WheelEvent) {
        self.measure_origin(&ev);
        let w = WheelInput {
            at: self.on_map(ev.client_x(), ev.client_y()),
            delta_y: ev.delta_y(),
            delta_mode: ev.delta_mode(),
            ctrl: ev.ctrl_key(),
            meta: ev.meta_key(),
            time_ms: now_ms(),
        };
        self.run(Some(&ev), |g, live| g.wheel(w, live));
    }

    pub fn double_click(&self, ev: web_sys::MouseEvent) {
        self.measure_origin(&ev);
        let at = self.on_map(ev.client_x(), ev.client_y());
        let (shift, now) = (ev.shift_key(), now_ms());
        self.run(Some(&ev), |g, live| g.double_click(at, shift, now, live));
    }

    /// Zoom by `dz` levels about `anchor` (default: the centre), animated.
    pub fn zoom_by_animated(&self, dz: f64, anchor: Option<Coord<f64>>) {
        let now = now_ms();
        self.run(None, |g, live| g.zoom_by_animated(dz, anchor, live, now));
    }

    /// Show `bounds` (world units) with some padding, animated.
    pub fn fly_to_bounds(&self, bounds: Rect<f64>, min_zoom_gain: f64) {
        let now = now_ms();
        self.run(None, |g, live| {
            g.fly_to_bounds(bounds, min_zoom_gain, live, now)
        });
    }

    /// Move to a feature: fit its extent (points at street level), animated. Features without a
    /// place leave the map where it is.
    pub fn fly_to_feature(&self, id: &str) {
        let Some(bounds) = self.world.with_value(|w| w.find(id).map(|f| f.bounds)) else {
            return;
        };
        let (visible, now) = (visible_map_height(), now_ms());
        self.run(None, |g, live| g.fly_to_feature(bounds, visible, live, now));
    }

    /// Go where a story step asks: a box fitted as a feature is, or a view kept within the
    /// map's limits; animated, or at once.
    pub fn go(&self, request: super::map_state::GoalRequest) {
        use super::map_state::Goal;
        let live = self.state.live.get_untracked();
        let target = match request.goal {
            Goal::Bounds(bounds) => {
                // The goal is in WGS84 world units; the map may be drawn in another datum.
                let bounds = self.world.with_value(|w| {
                    let to_drawn = |c| {
                        let (lon, lat) = crate::geometry::mercator::unproject(c);
                        w.project(lon, lat)
                    };
                    geo::Rect::new(to_drawn(bounds.min()), to_drawn(bounds.max()))
                });
                // Clear of an open legend, and above a phone's sheet.
                let mut clear = self.state.covered.with_untracked(|c| {
                    crate::scene::canvas::clear_area(live.width, live.height, c)
                });
                if let Some(h) = visible_map_height() {
                    clear.y1 = clear.y1.min(h);
                }
                crate::interaction::animation::view_clear_of(live, bounds, clear)
            }
            Goal::View(v) => self
                .world
                .with_value(|w| v.viewport_in(w, live.width, live.height)),
        };
        let target = self.world.with_value(|w| w.limit(target));
        if request.at_once {
            self.run(None, |g, _| g.jump_to(target));
        } else {
            self.animate_to(target);
        }
    }

    /// Return to the home view, animated.
    pub fn home(&self) {
        let live = self.state.live.get_untracked();
        let home = self.state.covered.with_untracked(|c| {
            self.world
                .with_value(|w| w.home_view_clear_of(live.width, live.height, c))
        });
        self.animate_to(home);
    }

    /// Move to `target` over the animation's length, then settle. Any new gesture cancels it.
    pub fn animate_to(&self, target: Viewport) {
        let now = now_ms();
        self.run(None, |g, live| g.animate_to(target, live, now));
    }

    fn next_frame(&self, id: u32) {
        let this = *self;
        request_animation_frame(move || this.frame(id));
    }

    fn frame(&self, id: u32) {
        let (live, now) = (self.state.live.get_untracked(), now_ms());
        let Some(Some(frame)) = self
            .inner
            .try_update_value(|i| i.machine.animation_frame(id, now, live))
        else {
            return; // stopped or replaced
        };
        self.state.live.set(frame.view);
        if frame.done {
            self.settle();
        } else {
            self.next_frame(id);
        }
    }

    /// Keyboard control of the focused map. Returns whether the key was used.
    pub fn key(&self, ev: &web_sys::KeyboardEvent) -> bool {
        let key = ev.key();
        let input = KeyInput {
            key: &key,
            shift: ev.shift_key(),
            alt: ev.alt_key(),
            ctrl: ev.ctrl_key(),
            meta: ev.meta_key(),
        };
        let has_selection = self.state.selected.with_untracked(Option::is_some);
        let Some(action) = self
            .inner
            .with_value(|i| i.machine.key_action(input, has_selection))
        else {
            return false;
        };
        match action {
            KeyAction::Pan { dx, dy } => self.run(None, |g, live| g.pan_by(dx, dy, live)),
            KeyAction::Zoom(dz) => self.zoom_by_animated(dz, None),
            KeyAction::Home => self.home(),
            KeyAction::ClearSelection => self.state.selected.set(None),
        }
        true
    }
}

/// Capture the event's pointer on the element listening, so the gesture survives leaving it.
fn capture(ev: &web_sys::Event) {
    let Some(pe) = ev.dyn_ref::<web_sys::PointerEvent>() else {
        return;
    };
    if let Some(el) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    {
        el.set_pointer_capture(pe.pointer_id()).ok();
    }
}
