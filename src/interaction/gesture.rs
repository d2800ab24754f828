//! The gesture state machine: every input the map gets, and what the page should do about it.
//!
//! The rules, beyond the pointers' own (see [`super::pointers`]):
//! - **Static** mode answers nothing, and swallows clicks.
//! - **Buttons**: a mouse presses with its main button only (the others open menus or
//!   scroll); a finger or a pen always presses.
//! - **Tap and click**: a press that moved the map suppresses the click that ends it (no
//!   selection at the end of a drag). Two finger or pen taps less than [`DOUBLE_TAP_MS`]
//!   apart and [`DOUBLE_TAP_PX`] from each other zoom in one level about the second, animated;
//!   the browser's own `dblclick` that may follow is ignored for [`DBLCLICK_AFTER_TAP_MS`].
//!   A mouse double-click arrives as `dblclick` (shift: zoom out).
//! - **Wheel**: zooms about the cursor ([`super::wheel`]) and settles [`WHEEL_SETTLE_MS`]
//!   after the last event.
//! - **Cooperative** mode: one finger belongs to the page (it scrolls it; a hint says to use
//!   two), and so does a plain wheel (a hint says to hold ctrl/⌘); two fingers, ctrl/⌘ +
//!   wheel, the mouse, the buttons and the keys move the map.
//! - **Animation**: one at a time. A new press, wheel zoom or key pan stops it where it is;
//!   zooming while one runs starts from its target, so quick presses of `+` add up.
//! - **Hints** show for [`HINT_MS`]; the same hint is not shown again while it is up.

use super::animation::{self, Animation, Frame};
use super::keys::{self, KeyAction, KeyInput};
use super::pointers::{Move, Pointers};
use super::wheel::{self, WheelInput, WHEEL_SETTLE_MS};
use super::{finite, Mode, PointerInput, PointerKind};
use crate::geometry::planar;
use crate::geometry::viewport::Viewport;
use crate::i18n::Text;
use geo::{coord, Coord, Rect};

/// Two taps closer than this in time (ms) …
pub const DOUBLE_TAP_MS: f64 = 300.0;
/// … and in space (pixels) are a double tap.
pub const DOUBLE_TAP_PX: f64 = 30.0;
/// After a double tap, a `dblclick` within this long (ms) is the browser's echo of it.
pub const DBLCLICK_AFTER_TAP_MS: f64 = 500.0;
/// How long a gesture hint stays up (ms).
pub const HINT_MS: u64 = 1800;

/// What the page should do after an input. `Default` is "nothing".
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Show this view now (the map's limits already applied).
    pub view: Option<Viewport>,
    /// Then settle: rebuild markers, labels and detail for the view shown.
    pub settle: bool,
    /// (Re)arm the settle timer: settle this many ms from now unless re-armed before.
    pub settle_after_ms: Option<u64>,
    /// An animation started: run frames for it with [`Gestures::animation_frame`].
    pub animation: Option<u32>,
    /// Capture this pointer, so the gesture goes on outside the map's element.
    pub capture_pointer: bool,
    /// Keep the browser from doing its own thing (scrolling, zooming the page).
    pub prevent_default: bool,
    /// Show this hint for [`HINT_MS`].
    pub hint: Option<Text>,
}

/// The gesture state of one map.
pub struct Gestures {
    mode: Mode,
    /// The map's limits, applied to every view computed here.
    limit: Box<dyn Fn(Viewport) -> Viewport>,
    pointers: Pointers,
    suppress_click: bool,
    /// The last tap: when and where, for double taps.
    last_tap: Option<(f64, Coord<f64>)>,
    ignore_dblclick_until: f64,
    animation: Option<Animation>,
    animations_started: u32,
    /// The hint on screen and until when.
    hint: Option<(Text, f64)>,
    /// The reader asked for less motion (`prefers-reduced-motion`): moves jump.
    reduced_motion: bool,
}

impl Gestures {
    /// The machine for a map in `mode`, whose views are kept in reach by `limit`.
    pub fn new(mode: Mode, limit: impl Fn(Viewport) -> Viewport + 'static) -> Gestures {
        Gestures {
            mode,
            limit: Box::new(limit),
            pointers: Pointers::default(),
            suppress_click: false,
            last_tap: None,
            ignore_dblclick_until: f64::NEG_INFINITY,
            animation: None,
            animations_started: 0,
            hint: None,
            reduced_motion: false,
        }
    }

    /// Whether animated moves jump instead (the reader prefers reduced motion).
    pub fn set_reduced_motion(&mut self, on: bool) {
        self.reduced_motion = on;
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Whether a click now must not select anything: it ends a press that moved the map, or
    /// the map is a picture.
    pub fn suppress_click(&self) -> bool {
        self.mode == Mode::Static || self.suppress_click
    }

    /// Whether a `touchmove` with `touches` fingers is the map's, even where the page could
    /// scroll (cooperative mode: two fingers move the map).
    pub fn claims_touch_move(&self, touches: u32) -> bool {
        self.mode == Mode::Cooperative && touches >= 2
    }

    pub fn pointer_down(&mut self, p: PointerInput, button: i16, live: Viewport) -> Outcome {
        if self.mode == Mode::Static
            || (p.kind == PointerKind::Mouse && button != 0)
            || !finite(p.at)
        {
            return Outcome::default();
        }
        let interrupted = self.stop_animation();
        let pinch = self.pointers.down(p.id, p.at, live);
        if self.pointers.count() == 1 {
            self.suppress_click = false;
        }
        Outcome {
            capture_pointer: pinch,
            // Markers and labels catch up with where an interrupted animation stopped.
            settle: interrupted,
            ..Outcome::default()
        }
    }

    pub fn pointer_move(&mut self, p: PointerInput, live: Viewport) -> Outcome {
        if self.mode == Mode::Static || !finite(p.at) {
            return Outcome::default();
        }
        let page_owns_one_finger = self.mode == Mode::Cooperative && p.kind == PointerKind::Touch;
        match self.pointers.moved(p.id, p.at, page_owns_one_finger) {
            Move::Nothing => Outcome::default(),
            Move::LeftToPage => {
                self.suppress_click = true;
                Outcome {
                    hint: self.show_hint(Text::HintTwoFingers, p.time_ms),
                    ..Outcome::default()
                }
            }
            Move::View { view, first } => {
                self.suppress_click = true;
                Outcome {
                    // The screen may have been resized since the press began.
                    view: Some(self.limited(view.resized(live.width, live.height))),
                    capture_pointer: first,
                    prevent_default: true,
                    ..Outcome::default()
                }
            }
        }
    }

    pub fn pointer_up(&mut self, p: PointerInput, live: Viewport) -> Outcome {
        if self.mode == Mode::Static {
            return Outcome::default();
        }
        // Even at a position that is not a number: the pointer must not stay behind.
        let Some(ended) = self.pointers.up(p.id, live) else {
            return Outcome::default();
        };
        let mut out = Outcome {
            settle: ended.moved,
            ..Outcome::default()
        };
        if !ended.tap {
            // Two taps with a drag between them are not a double tap.
            self.last_tap = None;
            return out;
        }
        if p.kind == PointerKind::Mouse || !finite(p.at) {
            return out;
        }
        match self.last_tap {
            Some((t, at))
                if (0.0..DOUBLE_TAP_MS).contains(&(p.time_ms - t))
                    && planar::hypot(at.x - p.at.x, at.y - p.at.y) < DOUBLE_TAP_PX =>
            {
                self.last_tap = None;
                self.ignore_dblclick_until = p.time_ms + DBLCLICK_AFTER_TAP_MS;
                out.animation = self
                    .zoom_by_animated(1.0, Some(p.at), live, p.time_ms)
                    .animation;
            }
            _ => self.last_tap = Some((p.time_ms, p.at)),
        }
        out
    }

    /// The browser took the pointer away (it scrolls the page, …): settle if the press had
    /// moved the map.
    pub fn pointer_cancel(&mut self, id: i32) -> Outcome {
        Outcome {
            settle: self.mode != Mode::Static && self.pointers.cancel(id),
            ..Outcome::default()
        }
    }

    pub fn wheel(&mut self, w: WheelInput, live: Viewport) -> Outcome {
        match self.mode {
            Mode::Static => return Outcome::default(),
            // The page scrolls; only a deliberate ctrl/⌘ + wheel zooms the map.
            Mode::Cooperative if !(w.ctrl || w.meta) => {
                return Outcome {
                    hint: self.show_hint(Text::HintCtrlScroll, w.time_ms),
                    ..Outcome::default()
                };
            }
            _ => {}
        }
        // The wheel over the map is the map's, even when it zooms nothing (no page scroll).
        let mut out = Outcome {
            prevent_default: true,
            ..Outcome::default()
        };
        let Some(dz) = wheel::zoom_levels(w.delta_y, w.delta_mode, w.ctrl) else {
            return out;
        };
        if !finite(w.at) {
            return out;
        }
        self.stop_animation();
        out.view = Some(self.limited(live.zoom_about(w.at, live.zoom + dz)));
        out.settle_after_ms = Some(WHEEL_SETTLE_MS);
        out
    }

    /// A `dblclick` at `at`: zoom in one level about it (out with shift), animated.
    pub fn double_click(
        &mut self,
        at: Coord<f64>,
        shift: bool,
        time_ms: f64,
        live: Viewport,
    ) -> Outcome {
        if self.mode == Mode::Static || time_ms < self.ignore_dblclick_until || !finite(at) {
            return Outcome::default();
        }
        let dz = if shift { -1.0 } else { 1.0 };
        Outcome {
            prevent_default: true,
            ..self.zoom_by_animated(dz, Some(at), live, time_ms)
        }
    }

    /// What a key does to the focused map (see [`super::keys`]); `None`: let it through.
    pub fn key_action(&self, k: KeyInput, has_selection: bool) -> Option<KeyAction> {
        if self.mode == Mode::Static {
            return None;
        }
        keys::action(k, has_selection)
    }

    /// Move the content by (`dx`, `dy`) pixels at once (keyboard), and settle.
    pub fn pan_by(&mut self, dx: f64, dy: f64, live: Viewport) -> Outcome {
        self.stop_animation();
        Outcome {
            view: Some(self.limited(live.pan_by(dx, dy))),
            settle: true,
            ..Outcome::default()
        }
    }

    /// Zoom by `dz` levels about `anchor` (default: the centre), animated. While an
    /// animation runs, from where it is going.
    pub fn zoom_by_animated(
        &mut self,
        dz: f64,
        anchor: Option<Coord<f64>>,
        live: Viewport,
        now_ms: f64,
    ) -> Outcome {
        let base = self.animation.map_or(live, |a| a.to);
        let anchor = anchor
            .filter(|a| finite(*a))
            .unwrap_or(coord! { x: base.width / 2.0, y: base.height / 2.0 });
        let target = self.limited(base.zoom_about(anchor, base.zoom + dz));
        self.animate_to(target, live, now_ms)
    }

    /// Show `bounds` (world units) with some padding, at least `min_zoom_gain` deeper,
    /// animated (a cluster's members).
    pub fn fly_to_bounds(
        &mut self,
        bounds: Rect<f64>,
        min_zoom_gain: f64,
        live: Viewport,
        now_ms: f64,
    ) -> Outcome {
        let target = self.limited(animation::bounds_view(live, bounds, min_zoom_gain));
        self.animate_to(target, live, now_ms)
    }

    /// Show a feature with `bounds` in the top `visible_height` pixels of the map (a bottom
    /// sheet covers the rest; `None`: none does), animated.
    pub fn fly_to_feature(
        &mut self,
        bounds: Rect<f64>,
        visible_height: Option<f64>,
        live: Viewport,
        now_ms: f64,
    ) -> Outcome {
        let target = self.limited(animation::feature_view(live, bounds, visible_height));
        self.animate_to(target, live, now_ms)
    }

    /// Move from `live` to `target` (as given: no limits applied), animated — or, under
    /// reduced motion, at once (shown and settled). Replaces any running animation.
    pub fn animate_to(&mut self, target: Viewport, live: Viewport, now_ms: f64) -> Outcome {
        if self.reduced_motion {
            return self.jump_to(target);
        }
        self.animations_started = self.animations_started.wrapping_add(1);
        let id = self.animations_started;
        self.animation = Some(Animation {
            id,
            from: live,
            to: target,
            start_ms: now_ms,
        });
        Outcome {
            animation: Some(id),
            ..Outcome::default()
        }
    }

    /// Show `target` (as given) at once, and settle there; stops any running animation.
    pub fn jump_to(&mut self, target: Viewport) -> Outcome {
        self.stop_animation();
        Outcome {
            view: Some(target),
            settle: true,
            ..Outcome::default()
        }
    }

    /// The next frame of animation `id` at `now_ms`, for the screen showing `live`; `None`
    /// when that animation was stopped or replaced (stop asking). After the frame that is
    /// `done`, settle.
    pub fn animation_frame(&mut self, id: u32, now_ms: f64, live: Viewport) -> Option<Frame> {
        let a = self.animation.filter(|a| a.id == id)?;
        let frame = a.frame(now_ms, live.width, live.height);
        if frame.done {
            self.animation = None;
        }
        Some(frame)
    }

    /// Whether an animation is moving the map (one asked for may not have drawn a frame yet).
    pub fn is_animating(&self) -> bool {
        self.animation.is_some()
    }

    /// Stop the running animation where it is; whether one was running.
    fn stop_animation(&mut self) -> bool {
        self.animation.take().is_some()
    }

    fn limited(&self, v: Viewport) -> Viewport {
        (self.limit)(v)
    }

    /// `Some(text)` to show, unless it is up already.
    fn show_hint(&mut self, text: Text, now_ms: f64) -> Option<Text> {
        match self.hint {
            Some((shown, until)) if shown == text && now_ms < until => None,
            _ => {
                self.hint = Some((text, now_ms + HINT_MS as f64));
                Some(text)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interaction::keys::KEY_PAN_PX;
    use crate::interaction::PointerKind::{Mouse, Pen, Touch};

    /// The page, as the adapter runs it: a live and a settled view, the settle timer, the
    /// hints shown, the pointers captured.
    struct Page {
        g: Gestures,
        live: Viewport,
        settled: Viewport,
        settle_timer: Option<u64>,
        hints: Vec<Text>,
        captured: usize,
        animation: Option<u32>,
    }

    fn start_view() -> Viewport {
        Viewport::new(coord! { x: 0.41, y: 0.32 }, 12.0, 800.0, 600.0)
    }

    fn pt(x: f64, y: f64) -> Coord<f64> {
        coord! { x: x, y: y }
    }

    fn close(a: Coord<f64>, b: Coord<f64>) -> bool {
        (a.x - b.x).abs() < 1e-6 && (a.y - b.y).abs() < 1e-6
    }

    impl Page {
        fn new(mode: Mode) -> Page {
            Page::limited(mode, |v| v)
        }

        fn limited(mode: Mode, limit: impl Fn(Viewport) -> Viewport + 'static) -> Page {
            Page {
                g: Gestures::new(mode, limit),
                live: start_view(),
                settled: start_view(),
                settle_timer: None,
                hints: Vec::new(),
                captured: 0,
                animation: None,
            }
        }

        fn apply(&mut self, out: Outcome) -> Outcome {
            if let Some(v) = out.view {
                self.live = v;
            }
            if out.settle {
                self.settled = self.live;
            }
            if out.settle_after_ms.is_some() {
                self.settle_timer = out.settle_after_ms;
            }
            self.hints.extend(out.hint);
            self.captured += usize::from(out.capture_pointer);
            if out.animation.is_some() {
                self.animation = out.animation;
            }
            out
        }

        /// Call the machine with the live view and apply what it says.
        fn act(&mut self, f: impl FnOnce(&mut Gestures, Viewport) -> Outcome) -> Outcome {
            let out = f(&mut self.g, self.live);
            self.apply(out)
        }

        fn input(id: i32, kind: PointerKind, x: f64, y: f64, t: f64) -> PointerInput {
            PointerInput {
                id,
                kind,
                at: pt(x, y),
                time_ms: t,
            }
        }

        fn down(&mut self, id: i32, kind: PointerKind, x: f64, y: f64, t: f64) -> Outcome {
            let out = self
                .g
                .pointer_down(Page::input(id, kind, x, y, t), 0, self.live);
            self.apply(out)
        }

        fn mv(&mut self, id: i32, kind: PointerKind, x: f64, y: f64, t: f64) -> Outcome {
            let out = self
                .g
                .pointer_move(Page::input(id, kind, x, y, t), self.live);
            self.apply(out)
        }

        fn up(&mut self, id: i32, kind: PointerKind, x: f64, y: f64, t: f64) -> Outcome {
            let out = self.g.pointer_up(Page::input(id, kind, x, y, t), self.live);
            self.apply(out)
        }

        fn tap(&mut self, kind: PointerKind, x: f64, y: f64, t: f64) -> Outcome {
            self.down(1, kind, x, y, t);
            self.up(1, kind, x, y, t + 50.0)
        }

        fn wheel(&mut self, x: f64, y: f64, delta_y: f64, delta_mode: u32, ctrl: bool) -> Outcome {
            let w = WheelInput {
                at: pt(x, y),
                delta_y,
                delta_mode,
                ctrl,
                meta: false,
                time_ms: 0.0,
            };
            let out = self.g.wheel(w, self.live);
            self.apply(out)
        }

        /// Run the current animation to its end, 16 ms a frame; the views it showed.
        fn run_animation(&mut self, from_ms: f64) -> Vec<Viewport> {
            let id = self.animation.expect("an animation runs");
            let mut shown = Vec::new();
            let mut now = from_ms;
            while let Some(frame) = self.g.animation_frame(id, now, self.live) {
                self.live = frame.view;
                shown.push(frame.view);
                if frame.done {
                    self.settled = self.live;
                    break;
                }
                now += 16.0;
                assert!(shown.len() < 100, "the animation ends");
            }
            shown
        }
    }

    #[test]
    fn a_drag_moves_the_view_by_exactly_the_pointer_delta() {
        let mut page = Page::new(Mode::Full);
        let before = page.live;
        let grabbed = before.screen_to_world(pt(100.0, 100.0));
        page.down(1, Mouse, 100.0, 100.0, 0.0);
        for (i, (x, y)) in [(103.0, 100.0), (130.0, 80.0), (161.5, 70.25)]
            .into_iter()
            .enumerate()
        {
            page.mv(1, Mouse, x, y, 16.0 * i as f64);
        }
        assert_eq!(page.live, before.pan_by(61.5, -29.75));
        assert!(close(page.live.world_to_screen(grabbed), pt(161.5, 70.25)));
        assert_eq!(page.live.zoom, before.zoom);
        assert_eq!(page.captured, 1, "captured once, when the drag began");
        assert_eq!(page.settled, before, "markers wait for the end");
        let up = page.up(1, Mouse, 161.5, 70.25, 100.0);
        assert!(up.settle);
        assert_eq!(page.settled, page.live);
        assert!(
            page.g.suppress_click(),
            "the click that ends a drag selects nothing"
        );
    }

    #[test]
    fn the_moves_of_a_drag_ask_the_browser_to_keep_out() {
        let mut page = Page::new(Mode::Full);
        page.down(1, Touch, 100.0, 100.0, 0.0);
        assert!(!page.mv(1, Touch, 101.0, 100.0, 10.0).prevent_default);
        assert!(page.mv(1, Touch, 150.0, 100.0, 20.0).prevent_default);
    }

    #[test]
    fn a_3px_wobble_is_still_a_tap() {
        let mut page = Page::new(Mode::Full);
        let before = page.live;
        page.down(1, Touch, 200.0, 200.0, 0.0);
        for (x, y) in [(203.0, 200.0), (200.0, 197.0), (202.0, 202.0)] {
            assert_eq!(page.mv(1, Touch, x, y, 10.0), Outcome::default());
        }
        assert_eq!(page.up(1, Touch, 202.0, 202.0, 60.0), Outcome::default());
        assert_eq!((page.live, page.settled), (before, before));
        assert!(!page.g.suppress_click(), "a tap selects");
        assert_eq!(page.captured, 0);
    }

    #[test]
    fn the_next_press_forgets_that_the_last_one_was_a_drag() {
        let mut page = Page::new(Mode::Full);
        page.down(1, Mouse, 100.0, 100.0, 0.0);
        page.mv(1, Mouse, 200.0, 100.0, 10.0);
        page.up(1, Mouse, 200.0, 100.0, 20.0);
        assert!(page.g.suppress_click());
        page.down(1, Mouse, 300.0, 300.0, 1000.0);
        assert!(!page.g.suppress_click());
        page.up(1, Mouse, 300.0, 300.0, 1050.0);
        assert!(!page.g.suppress_click(), "a click selects");
    }

    #[test]
    fn only_the_main_mouse_button_presses() {
        for button in [1, 2, 3, 4, -1] {
            let mut page = Page::new(Mode::Full);
            let before = page.live;
            let p = Page::input(1, Mouse, 100.0, 100.0, 0.0);
            assert_eq!(page.g.pointer_down(p, button, before), Outcome::default());
            assert_eq!(page.mv(1, Mouse, 300.0, 300.0, 10.0), Outcome::default());
            assert_eq!(page.live, before, "button {button}");
        }
        // A finger or a pen presses whatever `button` says.
        for kind in [Touch, Pen] {
            let mut page = Page::new(Mode::Full);
            let p = Page::input(1, kind, 100.0, 100.0, 0.0);
            page.g.pointer_down(p, 2, page.live);
            assert!(
                page.mv(1, kind, 300.0, 300.0, 10.0).view.is_some(),
                "{kind:?}"
            );
        }
    }

    #[test]
    fn a_pinch_keeps_the_world_points_under_both_fingers() {
        let mut page = Page::new(Mode::Full);
        let before = page.live;
        let (a, b) = (pt(300.0, 300.0), pt(400.0, 320.0));
        let (wa, wb) = (before.screen_to_world(a), before.screen_to_world(b));
        assert!(!page.down(1, Touch, a.x, a.y, 0.0).capture_pointer);
        assert!(
            page.down(2, Touch, b.x, b.y, 5.0).capture_pointer,
            "a pinch is the map's"
        );
        // Spread to 1.5 × the distance about a midpoint that moves too: no rotation, so a
        // zoom and a pan can keep both points.
        let (a1, b1) = (pt(235.0, 255.0), pt(385.0, 285.0));
        page.mv(1, Touch, a1.x, a1.y, 20.0);
        let out = page.mv(2, Touch, b1.x, b1.y, 21.0);
        assert!(out.prevent_default);
        let v = page.live;
        assert!(
            (v.zoom - (before.zoom + crate::math::log2(1.5))).abs() < 1e-9,
            "{}",
            v.zoom
        );
        assert!(
            close(v.world_to_screen(wa), a1),
            "{:?}",
            v.world_to_screen(wa)
        );
        assert!(
            close(v.world_to_screen(wb), b1),
            "{:?}",
            v.world_to_screen(wb)
        );
        // Two fingers are never a tap.
        page.up(1, Touch, a1.x, a1.y, 40.0);
        assert!(page.up(2, Touch, b1.x, b1.y, 41.0).settle);
        assert!(page.animation.is_none());
    }

    #[test]
    fn lifting_one_finger_of_a_pinch_carries_on_as_a_drag_without_a_jump() {
        let mut page = Page::new(Mode::Full);
        page.down(1, Touch, 300.0, 300.0, 0.0);
        page.down(2, Touch, 400.0, 300.0, 0.0);
        page.mv(1, Touch, 250.0, 300.0, 16.0);
        page.mv(2, Touch, 450.0, 310.0, 16.0);
        let pinched = page.live;
        assert!(pinched.zoom > start_view().zoom);
        let lift = page.up(2, Touch, 450.0, 310.0, 30.0);
        assert!(!lift.settle, "the press goes on");
        assert_eq!(page.live, pinched);
        // The finger that stays: a move to where it already is changes nothing …
        page.mv(1, Touch, 250.0, 300.0, 40.0);
        assert_eq!(page.live, pinched, "no jump");
        // … and a move pans by exactly its delta, from the pinched view, at once (no
        // threshold: the press is a gesture already).
        let grabbed = pinched.screen_to_world(pt(250.0, 300.0));
        page.mv(1, Touch, 252.0, 301.0, 50.0);
        assert_eq!(page.live, pinched.pan_by(2.0, 1.0));
        page.mv(1, Touch, 190.0, 340.0, 60.0);
        assert_eq!(page.live, pinched.pan_by(-60.0, 40.0));
        assert!(close(page.live.world_to_screen(grabbed), pt(190.0, 340.0)));
        assert!(page.up(1, Touch, 190.0, 340.0, 70.0).settle);
        assert_eq!(page.settled, page.live);
    }

    #[test]
    fn a_double_tap_zooms_in_one_level_about_the_tap() {
        let mut page = Page::new(Mode::Full);
        let before = page.live;
        let here = pt(620.0, 150.0);
        let under = before.screen_to_world(here);
        assert_eq!(page.tap(Touch, here.x, here.y, 0.0).animation, None);
        let second = page.tap(Touch, here.x + 10.0, here.y - 8.0, 200.0);
        assert!(second.animation.is_some(), "double tap");
        let frames = page.run_animation(250.0);
        assert!(frames.len() > 3, "animated, not a jump: {}", frames.len());
        assert!((page.live.zoom - (before.zoom + 1.0)).abs() < 1e-12);
        let second_tap = pt(here.x + 10.0, here.y - 8.0);
        let under_second = before.screen_to_world(second_tap);
        assert!(close(page.live.world_to_screen(under_second), second_tap));
        assert!(
            !close(page.live.world_to_screen(under), here),
            "about the second tap"
        );
        assert_eq!(page.settled, page.live, "settled at the end");
        // A third tap right after starts a new pair, it does not zoom again.
        assert_eq!(page.tap(Touch, here.x, here.y, 400.0).animation, None);
    }

    #[test]
    fn taps_too_slow_or_too_far_apart_are_two_taps() {
        for (dt, dx) in [(300.0, 0.0), (450.0, 0.0), (100.0, 30.0), (100.0, 80.0)] {
            let mut page = Page::new(Mode::Full);
            page.tap(Touch, 100.0, 100.0, 0.0);
            let second = page.tap(Touch, 100.0 + dx, 100.0, dt);
            assert_eq!(second.animation, None, "{dt} ms, {dx} px");
        }
        // Just inside both windows.
        let mut page = Page::new(Mode::Full);
        page.tap(Pen, 100.0, 100.0, 0.0);
        assert!(page.tap(Pen, 129.0, 100.0, 249.0).animation.is_some());
    }

    #[test]
    fn a_drag_between_two_taps_breaks_the_pair() {
        let mut page = Page::new(Mode::Full);
        page.tap(Touch, 100.0, 100.0, 0.0);
        page.down(1, Touch, 100.0, 100.0, 60.0);
        page.mv(1, Touch, 140.0, 100.0, 80.0);
        page.up(1, Touch, 140.0, 100.0, 100.0);
        assert_eq!(page.tap(Touch, 100.0, 100.0, 150.0).animation, None);
    }

    #[test]
    fn mouse_clicks_are_not_taps_the_dblclick_event_zooms() {
        let mut page = Page::new(Mode::Full);
        page.tap(Mouse, 100.0, 100.0, 0.0);
        assert_eq!(page.tap(Mouse, 100.0, 100.0, 100.0).animation, None);
        let before = page.live;
        let out = page.g.double_click(pt(100.0, 100.0), false, 160.0, before);
        assert!(out.prevent_default && out.animation.is_some());
        page.apply(out);
        page.run_animation(170.0);
        assert_eq!(page.live.zoom, before.zoom + 1.0);
        // Shift + double-click zooms out.
        let before = page.live;
        let out = page.g.double_click(pt(100.0, 100.0), true, 1000.0, before);
        page.apply(out);
        page.run_animation(1000.0);
        assert_eq!(page.live.zoom, before.zoom - 1.0);
    }

    #[test]
    fn the_dblclick_that_follows_a_double_tap_is_ignored() {
        let mut page = Page::new(Mode::Full);
        page.tap(Touch, 100.0, 100.0, 0.0);
        page.tap(Touch, 100.0, 100.0, 150.0);
        let live = page.live;
        // The tap ended at 200 ms: the browser's dblclick comes a moment later.
        assert_eq!(
            page.g.double_click(pt(100.0, 100.0), false, 230.0, live),
            Outcome::default()
        );
        assert!(page
            .g
            .double_click(pt(100.0, 100.0), false, 700.0, live)
            .animation
            .is_some());
    }

    #[test]
    fn a_pointercancel_mid_drag_settles_and_leaves_no_pointer_behind() {
        let mut page = Page::new(Mode::Full);
        page.down(1, Touch, 100.0, 100.0, 0.0);
        page.mv(1, Touch, 150.0, 120.0, 16.0);
        let dragged = page.live;
        let out = page.g.pointer_cancel(1);
        assert!(page.apply(out).settle);
        assert_eq!(page.settled, dragged);
        // No pointer behind: the next finger starts a one-finger press, not a pinch …
        assert!(!page.down(2, Touch, 400.0, 400.0, 500.0).capture_pointer);
        page.mv(2, Touch, 420.0, 400.0, 516.0);
        assert_eq!(page.live, dragged.pan_by(20.0, 0.0), "a drag, not a pinch");
        // … and a late move of the cancelled pointer moves nothing.
        assert_eq!(page.mv(1, Touch, 0.0, 0.0, 520.0), Outcome::default());
    }

    #[test]
    fn a_cancel_that_moved_nothing_settles_nothing() {
        let mut page = Page::new(Mode::Full);
        assert_eq!(
            page.g.pointer_cancel(9),
            Outcome::default(),
            "unknown pointer"
        );
        page.down(1, Touch, 100.0, 100.0, 0.0);
        assert_eq!(
            page.g.pointer_cancel(1),
            Outcome::default(),
            "a tap, cancelled"
        );
        assert_eq!(page.up(1, Touch, 100.0, 100.0, 50.0), Outcome::default());
        // A cancelled tap is not the first of a double tap.
        assert_eq!(page.tap(Touch, 100.0, 100.0, 100.0).animation, None);
    }

    #[test]
    fn cooperative_one_finger_is_the_page_s_with_a_hint() {
        let mut page = Page::new(Mode::Cooperative);
        let before = page.live;
        page.down(1, Touch, 100.0, 100.0, 0.0);
        let out = page.mv(1, Touch, 100.0, 160.0, 16.0);
        assert_eq!(out.hint, Some(Text::HintTwoFingers));
        assert_eq!(out.view, None);
        assert!(!out.prevent_default, "the page scrolls");
        assert!(!out.capture_pointer);
        // Further moves: still no view, and the hint is not shown twice while it is up.
        assert_eq!(page.mv(1, Touch, 100.0, 220.0, 32.0), Outcome::default());
        assert_eq!(page.live, before);
        assert!(page.g.suppress_click(), "a scroll selects nothing");
        assert_eq!(page.up(1, Touch, 100.0, 220.0, 50.0), Outcome::default());
        // A scroll is not a tap: a quick tap after it does not zoom.
        assert_eq!(page.tap(Touch, 100.0, 220.0, 120.0).animation, None);
        // Once the hint is down, the next one-finger scroll shows it again.
        page.down(1, Touch, 100.0, 100.0, 2000.0);
        let again = page.mv(1, Touch, 100.0, 160.0, 2016.0);
        assert_eq!(again.hint, Some(Text::HintTwoFingers));
        assert_eq!(page.hints, [Text::HintTwoFingers, Text::HintTwoFingers]);
    }

    #[test]
    fn cooperative_two_fingers_mouse_and_pen_move_the_map() {
        let mut page = Page::new(Mode::Cooperative);
        page.down(1, Touch, 100.0, 100.0, 0.0);
        page.down(2, Touch, 200.0, 100.0, 0.0);
        page.mv(1, Touch, 80.0, 100.0, 16.0);
        let out = page.mv(2, Touch, 220.0, 100.0, 16.0);
        assert!(out.view.is_some() && out.prevent_default && out.hint.is_none());
        assert!(page.g.claims_touch_move(2));
        assert!(!page.g.claims_touch_move(1));
        for kind in [Mouse, Pen] {
            let mut page = Page::new(Mode::Cooperative);
            page.down(1, kind, 100.0, 100.0, 0.0);
            let out = page.mv(1, kind, 150.0, 100.0, 16.0);
            assert_eq!(out.view, Some(start_view().pan_by(50.0, 0.0)), "{kind:?}");
        }
        assert!(
            !Page::new(Mode::Full).g.claims_touch_move(2),
            "touch-action does it"
        );
    }

    #[test]
    fn cooperative_wheel_needs_ctrl_or_command() {
        let mut page = Page::new(Mode::Cooperative);
        let before = page.live;
        let plain = page.wheel(400.0, 300.0, -100.0, 0, false);
        assert_eq!(
            plain,
            Outcome {
                hint: Some(Text::HintCtrlScroll),
                ..Outcome::default()
            },
            "the page scrolls, the hint shows"
        );
        assert_eq!(page.live, before);
        let ctrl = page.wheel(400.0, 300.0, -100.0, 0, true);
        assert!(ctrl.view.is_some() && ctrl.prevent_default);
        let w = WheelInput {
            at: pt(400.0, 300.0),
            delta_y: -100.0,
            delta_mode: 0,
            ctrl: false,
            meta: true,
            time_ms: 0.0,
        };
        let live = page.live;
        let meta = page.g.wheel(w, live);
        assert!((meta.view.unwrap().zoom - (live.zoom + 1.0 / 3.0)).abs() < 1e-12);
    }

    #[test]
    fn static_mode_ignores_everything() {
        let mut page = Page::new(Mode::Static);
        let before = page.live;
        for kind in [Mouse, Touch, Pen] {
            assert_eq!(page.down(1, kind, 100.0, 100.0, 0.0), Outcome::default());
            assert_eq!(page.down(2, kind, 200.0, 100.0, 0.0), Outcome::default());
            assert_eq!(page.mv(1, kind, 300.0, 300.0, 10.0), Outcome::default());
            assert_eq!(page.up(1, kind, 300.0, 300.0, 20.0), Outcome::default());
            assert_eq!(page.tap(kind, 300.0, 300.0, 40.0), Outcome::default());
            assert_eq!(page.g.pointer_cancel(2), Outcome::default());
        }
        for ctrl in [false, true] {
            assert_eq!(page.wheel(1.0, 1.0, -100.0, 0, ctrl), Outcome::default());
        }
        let dbl = page.g.double_click(pt(5.0, 5.0), false, 1000.0, before);
        assert_eq!(dbl, Outcome::default());
        for key in ["ArrowLeft", "+", "0", "Escape"] {
            let k = KeyInput {
                key,
                ..KeyInput::default()
            };
            assert_eq!(page.g.key_action(k, true), None, "{key}");
        }
        assert!(page.g.suppress_click(), "clicks select nothing");
        assert!(!page.g.claims_touch_move(2));
        assert_eq!((page.live, page.settled), (before, before));
        assert!(page.hints.is_empty());
    }

    #[test]
    fn the_wheel_zooms_about_the_cursor_in_every_delta_mode() {
        // (deltaY, deltaMode, ctrl) → zoom levels.
        for (dy, mode, ctrl, dz) in [
            (-100.0, 0, false, 1.0 / 3.0),
            (-3.0, 1, false, 0.4),
            (1.0, 1, false, -40.0 / 300.0),
            (-0.25, 2, false, 200.0 / 300.0),
            (1.0, 2, false, -1.0),
            (-10.0, 0, true, 0.1),
        ] {
            let mut page = Page::new(Mode::Full);
            let before = page.live;
            let cursor = pt(130.0, 470.0);
            let under = before.screen_to_world(cursor);
            let out = page.wheel(cursor.x, cursor.y, dy, mode, ctrl);
            assert!(out.prevent_default);
            assert_eq!(
                out.settle_after_ms,
                Some(WHEEL_SETTLE_MS),
                "settles a moment later"
            );
            assert!(!out.settle);
            let v = out.view.expect("zoomed");
            assert!(
                (v.zoom - before.zoom - dz).abs() < 1e-12,
                "{dy} mode {mode}: {}",
                v.zoom
            );
            assert!(close(v.world_to_screen(under), cursor));
        }
    }

    #[test]
    fn nan_and_infinite_inputs_are_ignored_without_panic() {
        let mut page = Page::new(Mode::Full);
        let running = page.act(|g, live| g.zoom_by_animated(1.0, None, live, 0.0));
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            for mode in [0, 1, 2] {
                let out = page.wheel(100.0, 100.0, bad, mode, false);
                assert_eq!(out.view, None, "{bad} mode {mode}");
                assert_eq!(out.settle_after_ms, None);
            }
            assert_eq!(page.wheel(bad, 100.0, -50.0, 0, false).view, None);
            assert_eq!(page.down(1, Touch, bad, 100.0, 0.0), Outcome::default());
            let dbl = page.g.double_click(pt(0.0, bad), false, 1e6, page.live);
            assert_eq!(dbl, Outcome::default());
        }
        // Nothing of that stopped the animation.
        let id = running.animation.unwrap();
        assert!(page.g.animation_frame(id, 10.0, page.live).is_some());
        // A pointer that lifts at no position still lifts.
        page.down(1, Touch, 100.0, 100.0, 0.0);
        page.up(1, Touch, f64::NAN, f64::NAN, 10.0);
        assert!(
            !page.down(2, Touch, 300.0, 300.0, 20.0).capture_pointer,
            "no ghost"
        );
        // A zoom with a NaN anchor zooms about the centre.
        let live = page.live;
        page.g
            .pointer_up(Page::input(2, Touch, 300.0, 300.0, 30.0), live);
        let out = page
            .g
            .zoom_by_animated(1.0, Some(pt(f64::NAN, 0.0)), live, 40.0);
        page.apply(out);
        let end = page.run_animation(40.0).pop().unwrap();
        assert!(close(end.center, live.center) && end.zoom == live.zoom + 1.0);
    }

    #[test]
    fn zoom_presses_during_an_animation_add_up() {
        let mut page = Page::new(Mode::Full);
        let before = page.live;
        let first = page.act(|g, live| g.zoom_by_animated(1.0, None, live, 0.0));
        page.g
            .animation_frame(first.animation.unwrap(), 50.0, page.live);
        let second = page.act(|g, live| g.zoom_by_animated(1.0, None, live, 60.0));
        assert_ne!(first.animation, second.animation);
        assert_eq!(
            page.g
                .animation_frame(first.animation.unwrap(), 70.0, page.live),
            None,
            "the first animation is replaced"
        );
        page.run_animation(70.0);
        assert_eq!(page.live.zoom, before.zoom + 2.0);
        assert!(close(page.live.center, before.center));
    }

    #[test]
    fn a_new_press_stops_an_animation_where_it_is_and_settles_there() {
        let mut page = Page::new(Mode::Full);
        let out = page.act(|g, live| g.zoom_by_animated(1.0, None, live, 0.0));
        let id = out.animation.unwrap();
        let f = page.g.animation_frame(id, 100.0, page.live).unwrap();
        page.live = f.view;
        let down = page.down(1, Touch, 10.0, 10.0, 110.0);
        assert!(down.settle);
        assert_eq!(page.settled, f.view);
        assert_eq!(
            page.g.animation_frame(id, 120.0, page.live),
            None,
            "stopped"
        );
        // With nothing running, a press settles nothing.
        page.up(1, Touch, 10.0, 10.0, 130.0);
        assert!(!page.down(1, Touch, 10.0, 10.0, 1000.0).settle);
    }

    #[test]
    fn the_wheel_and_key_pans_stop_an_animation() {
        let mut page = Page::new(Mode::Full);
        let far = start_view().pan_by(200.0, 0.0);
        let id = page.act(|g, live| g.animate_to(far, live, 0.0)).animation;
        page.wheel(10.0, 10.0, -50.0, 0, false);
        assert_eq!(page.g.animation_frame(id.unwrap(), 20.0, page.live), None);
        let far = start_view().pan_by(200.0, 0.0);
        let id = page.act(|g, live| g.animate_to(far, live, 0.0)).animation;
        let out = page.g.pan_by(KEY_PAN_PX, 0.0, page.live);
        assert!(out.settle);
        assert_eq!(out.view, Some(page.live.pan_by(100.0, 0.0)));
        assert_eq!(page.g.animation_frame(id.unwrap(), 20.0, page.live), None);
    }

    #[test]
    fn the_map_s_limits_apply_to_every_computed_view() {
        // A limit that keeps the zoom at most 12.5 and the centre x at most 0.41.
        let limit = |v: Viewport| {
            let c = coord! { x: v.center.x.min(0.41), y: v.center.y };
            Viewport::new(c, v.zoom.min(12.5), v.width, v.height)
        };
        let mut page = Page::limited(Mode::Full, limit);
        let wheel = page.wheel(400.0, 300.0, -300.0, 0, false);
        assert_eq!(wheel.view.unwrap().zoom, 12.5);
        // Dragging the map left moves the centre right, past the limit.
        page.down(1, Mouse, 400.0, 300.0, 0.0);
        let drag = page.mv(1, Mouse, 300.0, 300.0, 10.0);
        assert_eq!(drag.view.unwrap().center.x, 0.41);
        page.up(1, Mouse, 300.0, 300.0, 20.0);
        page.act(|g, live| g.zoom_by_animated(1.0, None, live, 100.0));
        assert_eq!(page.run_animation(100.0).pop().unwrap().zoom, 12.5);
        let key = page.g.pan_by(-KEY_PAN_PX, 0.0, page.live);
        assert_eq!(key.view.unwrap().center.x, 0.41);
        let here = coord! { x: 0.42, y: 0.32 };
        let fly = page
            .g
            .fly_to_feature(Rect::new(here, here), None, page.live, 200.0);
        page.apply(fly);
        let end = page.run_animation(200.0).pop().unwrap();
        assert_eq!((end.zoom, end.center.x), (12.5, 0.41));
    }

    #[test]
    fn a_resize_during_a_drag_keeps_the_new_size() {
        let mut page = Page::new(Mode::Full);
        page.down(1, Touch, 100.0, 100.0, 0.0);
        page.live = page.live.resized(600.0, 800.0);
        let v = page.mv(1, Touch, 150.0, 100.0, 10.0).view.unwrap();
        assert_eq!((v.width, v.height), (600.0, 800.0));
    }

    #[test]
    fn flying_to_a_feature_or_a_cluster_is_animated_and_settles_on_the_target() {
        let mut page = Page::new(Mode::Full);
        let here = coord! { x: 0.415, y: 0.317 };
        let out = page
            .g
            .fly_to_feature(Rect::new(here, here), Some(250.0), page.live, 0.0);
        page.apply(out);
        let frames = page.run_animation(0.0);
        let end = *frames.last().unwrap();
        assert_eq!(
            end,
            animation::feature_view(start_view(), Rect::new(here, here), Some(250.0))
        );
        assert!(close(end.world_to_screen(here), pt(400.0, 125.0)));
        assert_eq!(page.settled, end);
        let cluster = Rect::new(coord! { x: 0.414, y: 0.317 }, coord! { x: 0.416, y: 0.319 });
        let live = page.live;
        page.act(|g, live| g.fly_to_bounds(cluster, 1.0, live, 1000.0));
        let end = page.run_animation(1000.0).pop().unwrap();
        assert_eq!(end, animation::bounds_view(live, cluster, 1.0));
    }

    #[test]
    fn under_reduced_motion_every_animated_move_jumps_and_settles() {
        let mut page = Page::new(Mode::Full);
        // An animation already running is replaced by the jump, not left to finish.
        let running = page.act(|g, live| g.zoom_by_animated(1.0, None, live, 0.0));
        let id = running.animation.unwrap();
        page.g.set_reduced_motion(true);
        let here = coord! { x: 0.415, y: 0.317 };
        let want = animation::feature_view(start_view(), Rect::new(here, here), None);
        let out = page.act(|g, live| g.fly_to_feature(Rect::new(here, here), None, live, 10.0));
        assert_eq!(out.animation, None, "no animation runs");
        assert!(out.settle);
        assert_eq!((page.live, page.settled), (want, want));
        assert_eq!(page.g.animation_frame(id, 20.0, page.live), None);
        let out = page.act(|g, live| g.zoom_by_animated(1.0, None, live, 30.0));
        assert_eq!(out.animation, None);
        assert_eq!(page.settled.zoom, want.zoom + 1.0);
        // Asked again for motion, moves animate again.
        page.g.set_reduced_motion(false);
        let out = page.act(|g, live| g.zoom_by_animated(-1.0, None, live, 40.0));
        assert!(out.animation.is_some() && !out.settle);
    }
}
