//! Turning pointer, wheel and key events into views: drag to pan (mouse, touch, pen), pinch,
//! wheel and trackpad zoom about the cursor, double-click / double-tap zoom, keyboard.
//! The live view follows every event; the settled view (markers, labels, detail) catches up
//! when the gesture ends.

use super::map_state::{MapMode, MapState};
use crate::geometry::viewport::Viewport;
use crate::i18n::Text;
use crate::scene::world::WorldPlan;
use geo::{coord, Coord, Rect};
use leptos::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// A press that moves less than this is a click or tap, not a drag.
const DRAG_THRESHOLD_PX: f64 = 4.0;
/// Two taps closer in time and space than these are a double tap.
const DOUBLE_TAP_MS: f64 = 300.0;
const DOUBLE_TAP_PX: f64 = 30.0;
/// Wheel zooming settles this long after the last wheel event.
const WHEEL_SETTLE_MS: u64 = 160;
/// How long a gesture hint stays up.
const HINT_MS: u64 = 1800;
/// Keyboard pan step, pixels.
pub const KEY_PAN_PX: f64 = 100.0;
/// The deepest zoom used to show one feature.
const FEATURE_ZOOM: f64 = 15.0;
/// Length of animated zooms (buttons, double-click, clusters).
const ANIMATION_MS: f64 = 220.0;

#[derive(Default)]
struct Inner {
    /// Active pointers and their positions on the map.
    pointers: Vec<(i32, Coord<f64>)>,
    /// The view and pointer positions when the current drag or pinch began.
    start_view: Option<Viewport>,
    start_points: Vec<Coord<f64>>,
    moved: bool,
    suppress_click: bool,
    /// The map's position on the page, measured when a gesture begins.
    origin: Coord<f64>,
    last_tap: Option<(f64, Coord<f64>)>,
    ignore_dblclick_until: f64,
    wheel_timer: Option<TimeoutHandle>,
    /// Bumped to cancel a running animation.
    animation: u32,
    /// Where a running animation is heading, so repeated zoom presses add up.
    animation_target: Option<Viewport>,
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

/// Height of the map not covered by a bottom sheet (phones), if one covers it.
fn visible_map_height() -> Option<f64> {
    let doc = web_sys::window()?.document()?;
    let map = doc.query_selector(".map").ok()??.get_bounding_client_rect();
    let panel = doc
        .query_selector(".side-panel")
        .ok()??
        .get_bounding_client_rect();
    let overlaps =
        panel.top() > map.top() && panel.top() < map.bottom() && panel.left() <= map.left() + 1.0;
    overlaps.then(|| panel.top() - map.top())
}

/// Top-left of the map's frame (the `.map` box around the moving canvas) on the page.
fn element_origin(ev: &web_sys::Event) -> Coord<f64> {
    ev.current_target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest(".map").ok().flatten())
        .map(|el| {
            let r = el.get_bounding_client_rect();
            coord! { x: r.left(), y: r.top() }
        })
        .unwrap_or(coord! { x: 0.0, y: 0.0 })
}

impl Gesture {
    pub fn new(world: Arc<WorldPlan>, state: MapState) -> Gesture {
        Gesture {
            state,
            world: StoredValue::new(world),
            inner: StoredValue::new_local(Inner::default()),
        }
    }

    fn limited(&self, v: Viewport) -> Viewport {
        self.world.with_value(|w| w.limit(v))
    }

    /// The gesture ended: rebuild markers, labels and detail for where it ended.
    pub fn settle(&self) {
        self.state.settled.set(self.state.live.get_untracked());
    }

    /// A click that ends a drag must not select what is under the pointer.
    pub fn suppress_click(&self) -> bool {
        self.state.mode == MapMode::Static || self.inner.with_value(|i| i.suppress_click)
    }

    fn point(&self, ev: &web_sys::MouseEvent) -> Coord<f64> {
        let o = self.inner.with_value(|i| i.origin);
        coord! { x: ev.client_x() as f64 - o.x, y: ev.client_y() as f64 - o.y }
    }

    fn stop_animation(&self) {
        self.inner.update_value(|i| {
            i.animation = i.animation.wrapping_add(1);
            i.animation_target = None;
        });
    }

    /// The view to build on: where a running animation is going, else the live view.
    fn base_view(&self) -> Viewport {
        self.inner
            .with_value(|i| i.animation_target)
            .unwrap_or_else(|| self.state.live.get_untracked())
    }

    /// Show a short hint about how to move the map, for a moment.
    fn hint(&self, text: Text) {
        let hint = self.state.hint;
        if hint.get_untracked() == Some(text) {
            return;
        }
        hint.set(Some(text));
        set_timeout(move || hint.set(None), Duration::from_millis(HINT_MS));
    }

    pub fn pointer_down(&self, ev: web_sys::PointerEvent) {
        if self.state.mode == MapMode::Static || (ev.pointer_type() == "mouse" && ev.button() != 0)
        {
            return;
        }
        self.stop_animation();
        let origin = element_origin(&ev);
        let live = self.state.live.get_untracked();
        let mut capture_all = false;
        self.inner.update_value(|i| {
            i.origin = origin;
            let p =
                coord! { x: ev.client_x() as f64 - origin.x, y: ev.client_y() as f64 - origin.y };
            i.pointers.retain(|(id, _)| *id != ev.pointer_id());
            i.pointers.push((ev.pointer_id(), p));
            i.start_view = Some(live);
            i.start_points = i.pointers.iter().map(|(_, p)| *p).collect();
            if i.pointers.len() == 1 {
                i.moved = false;
                i.suppress_click = false;
            } else {
                // A second finger: a pinch, never a tap.
                i.moved = true;
                capture_all = true;
            }
        });
        if capture_all {
            self.capture(&ev);
        }
    }

    fn capture(&self, ev: &web_sys::PointerEvent) {
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            el.set_pointer_capture(ev.pointer_id()).ok();
        }
    }

    pub fn pointer_move(&self, ev: web_sys::PointerEvent) {
        let p = self.point(&ev);
        let mut start_drag = false;
        let mut one_finger = false;
        let cooperative = self.state.mode == MapMode::Cooperative && ev.pointer_type() == "touch";
        let next = self.inner.try_update_value(|i| {
            let slot = i
                .pointers
                .iter_mut()
                .find(|(id, _)| *id == ev.pointer_id())?;
            slot.1 = p;
            let start = i.start_view?;
            match (i.pointers.as_slice(), i.start_points.as_slice()) {
                ([(_, now)], [from]) => {
                    if !i.moved && (now.x - from.x).hypot(now.y - from.y) <= DRAG_THRESHOLD_PX {
                        return None;
                    }
                    if cooperative {
                        // One finger scrolls the page, not the map.
                        one_finger = true;
                        i.suppress_click = true;
                        return None;
                    }
                    if !i.moved {
                        i.moved = true;
                        i.suppress_click = true;
                        start_drag = true;
                    }
                    Some(start.pan_by(now.x - from.x, now.y - from.y))
                }
                ([(_, a), (_, b)], [a0, b0]) => Some(start.pinched((*a0, *b0), (*a, *b))),
                _ => None,
            }
        });
        if one_finger {
            self.hint(Text::HintTwoFingers);
        }
        if start_drag {
            self.capture(&ev);
        }
        if let Some(Some(v)) = next {
            ev.prevent_default();
            self.state.live.set(self.limited(v));
        }
    }

    pub fn pointer_up(&self, ev: web_sys::PointerEvent) {
        let p = self.point(&ev);
        let live = self.state.live.get_untracked();
        let now = now_ms();
        let mut double_tap = false;
        let mut ended_move = false;
        self.inner.update_value(|i| {
            let before = i.pointers.len();
            i.pointers.retain(|(id, _)| *id != ev.pointer_id());
            if i.pointers.len() == before {
                return;
            }
            // Lifting one finger of a pinch: carry on dragging with the other.
            i.start_view = Some(live);
            i.start_points = i.pointers.iter().map(|(_, p)| *p).collect();
            if !i.pointers.is_empty() {
                return;
            }
            ended_move = i.moved;
            if !i.moved && ev.pointer_type() != "mouse" {
                match i.last_tap {
                    Some((t, at))
                        if now - t < DOUBLE_TAP_MS
                            && (at.x - p.x).hypot(at.y - p.y) < DOUBLE_TAP_PX =>
                    {
                        double_tap = true;
                        i.last_tap = None;
                        i.ignore_dblclick_until = now + 500.0;
                    }
                    _ => i.last_tap = Some((now, p)),
                }
            }
        });
        if ended_move {
            self.settle();
        }
        if double_tap {
            self.zoom_by_animated(1.0, Some(p));
        }
    }

    pub fn pointer_cancel(&self, ev: web_sys::PointerEvent) {
        self.inner.update_value(|i| {
            i.pointers.retain(|(id, _)| *id != ev.pointer_id());
            i.start_view = None;
        });
        self.settle();
    }

    pub fn wheel(&self, ev: web_sys::WheelEvent) {
        match self.state.mode {
            MapMode::Static => return,
            // The page scrolls; only a deliberate ctrl/⌘ + wheel zooms the map.
            MapMode::Cooperative if !(ev.ctrl_key() || ev.meta_key()) => {
                self.hint(Text::HintCtrlScroll);
                return;
            }
            _ => {}
        }
        ev.prevent_default();
        self.stop_animation();
        let origin = element_origin(&ev);
        self.inner.update_value(|i| i.origin = origin);
        let p = self.point(&ev);
        let unit = match ev.delta_mode() {
            1 => 40.0,  // lines
            2 => 800.0, // pages
            _ => 1.0,
        };
        // Trackpad pinches arrive as ctrl+wheel with small deltas: make them count more.
        let per_level = if ev.ctrl_key() { 100.0 } else { 300.0 };
        let dz = (-ev.delta_y() * unit / per_level).clamp(-1.0, 1.0);
        if !dz.is_finite() || dz == 0.0 {
            return;
        }
        let live = self.state.live.get_untracked();
        self.state
            .live
            .set(self.limited(live.zoom_about(p, live.zoom + dz)));
        let this = *self;
        let timer = set_timeout_with_handle(
            move || this.settle(),
            Duration::from_millis(WHEEL_SETTLE_MS),
        )
        .ok();
        self.inner.update_value(|i| {
            if let Some(old) = i.wheel_timer.take() {
                old.clear();
            }
            i.wheel_timer = timer;
        });
    }

    pub fn double_click(&self, ev: web_sys::MouseEvent) {
        if self.state.mode == MapMode::Static
            || now_ms() < self.inner.with_value(|i| i.ignore_dblclick_until)
        {
            return;
        }
        ev.prevent_default();
        let origin = element_origin(&ev);
        self.inner.update_value(|i| i.origin = origin);
        let p = self.point(&ev);
        self.zoom_by_animated(if ev.shift_key() { -1.0 } else { 1.0 }, Some(p));
    }

    /// Zoom by `dz` levels about `anchor` (default: the centre), animated.
    pub fn zoom_by_animated(&self, dz: f64, anchor: Option<Coord<f64>>) {
        let live = self.base_view();
        let a = anchor.unwrap_or(coord! { x: live.width / 2.0, y: live.height / 2.0 });
        self.animate_to(self.limited(live.zoom_about(a, live.zoom + dz)));
    }

    /// Show `bounds` (world units) with some padding, animated.
    pub fn fly_to_bounds(&self, bounds: Rect<f64>, min_zoom_gain: f64) {
        let live = self.state.live.get_untracked();
        let fit = Viewport::fit(bounds, live.width, live.height, 60.0);
        let zoom = fit.zoom.max(live.zoom + min_zoom_gain);
        self.animate_to(self.limited(Viewport::new(
            bounds.center(),
            zoom,
            live.width,
            live.height,
        )));
    }

    /// Move to a feature: fit its extent (points at street level), animated. Features without a
    /// place leave the map where it is.
    pub fn fly_to_feature(&self, id: &str) {
        let Some(bounds) = self.world.with_value(|w| w.find(id).map(|f| f.bounds)) else {
            return;
        };
        let live = self.state.live.get_untracked();
        // On phones the card is a sheet over the lower map: aim at the part still in view.
        // (Not `clamp`: it panics when a tiny map is under 80 px tall.)
        let visible_h = visible_map_height()
            .unwrap_or(live.height)
            .min(live.height)
            .max(live.height.min(80.0));
        let fit = Viewport::fit(bounds, live.width, visible_h, 60.0);
        let zoom = fit.zoom.min(FEATURE_ZOOM);
        let target = live.placing(
            bounds.center(),
            coord! { x: live.width / 2.0, y: visible_h / 2.0 },
            zoom,
        );
        self.animate_to(self.limited(target));
    }

    /// Return to the home view, animated.
    pub fn home(&self) {
        let live = self.state.live.get_untracked();
        let home = self
            .world
            .with_value(|w| w.home_view(live.width, live.height));
        self.animate_to(home);
    }

    /// Move to `target` over [`ANIMATION_MS`], then settle. Any new gesture cancels it.
    pub fn animate_to(&self, target: Viewport) {
        self.stop_animation();
        self.inner
            .update_value(|i| i.animation_target = Some(target));
        let generation = self.inner.with_value(|i| i.animation);
        let from = self.state.live.get_untracked();
        let start = now_ms();
        let this = *self;
        fn frame(this: Gesture, generation: u32, from: Viewport, target: Viewport, start: f64) {
            if this.inner.with_value(|i| i.animation) != generation {
                return;
            }
            let t = ((now_ms() - start) / ANIMATION_MS).clamp(0.0, 1.0);
            let e = 1.0 - (1.0 - t).powi(3); // ease-out
            let v = if t >= 1.0 {
                target
            } else {
                // Interpolate the zoom linearly and the centre so the zoom feels steady.
                let center = coord! {
                    x: from.center.x + (target.center.x - from.center.x) * e,
                    y: from.center.y + (target.center.y - from.center.y) * e,
                };
                Viewport::new(
                    center,
                    from.zoom + (target.zoom - from.zoom) * e,
                    target.width,
                    target.height,
                )
            };
            this.state.live.set(v);
            if t >= 1.0 {
                this.inner.update_value(|i| i.animation_target = None);
                this.settle();
            } else {
                request_animation_frame(move || frame(this, generation, from, target, start));
            }
        }
        request_animation_frame(move || frame(this, generation, from, target, start));
    }

    /// Keyboard control of the focused map. Returns whether the key was used.
    pub fn key(&self, ev: &web_sys::KeyboardEvent) -> bool {
        if self.state.mode == MapMode::Static || ev.alt_key() || ev.ctrl_key() || ev.meta_key() {
            return false;
        }
        let step = if ev.shift_key() {
            KEY_PAN_PX * 3.0
        } else {
            KEY_PAN_PX
        };
        let live = self.state.live.get_untracked();
        let pan = |dx: f64, dy: f64| {
            self.stop_animation();
            self.state.jump(self.limited(live.pan_by(dx, dy)));
        };
        match ev.key().as_str() {
            "ArrowLeft" => pan(step, 0.0),
            "ArrowRight" => pan(-step, 0.0),
            "ArrowUp" => pan(0.0, step),
            "ArrowDown" => pan(0.0, -step),
            "+" | "=" => self.zoom_by_animated(1.0, None),
            "-" | "_" => self.zoom_by_animated(-1.0, None),
            "0" | "Home" => self.home(),
            "Escape" => {
                if self.state.selected.get_untracked().is_none() {
                    return false;
                }
                self.state.selected.set(None);
            }
            _ => return false,
        }
        true
    }
}
