//! How the map answers people: pointers (mouse, touch, pen), the wheel, the keyboard and
//! animated moves — every rule, as pure logic that runs and is tested natively.
//!
//! ## The model
//! The page keeps two views (see `app::map_state`): the *live* view the screen shows now,
//! which follows every event, and the *settled* view that markers, labels and the level of
//! detail were built for, which catches up when a gesture ends ("settling").
//!
//! [`Gestures`] is the state machine between events and views. Each input carries its time
//! in milliseconds and its position in map pixels (from the top-left of the map's frame);
//! each method also receives the live view, and returns an [`Outcome`]: plain values saying
//! what the page should do — show a view, settle, arm the settle timer, run an animation,
//! capture the pointer, show a hint, prevent the browser's default. The page's adapter
//! (`app::gestures`, WASM only) translates web events into these inputs and applies the
//! outcome, and decides nothing itself.
//!
//! - [`gesture`]: the machine and the rules around presses — the three [`Mode`]s, tap and
//!   double tap, wheel, hints, the running animation.
//! - [`pointers`]: the pointers that are down — drag threshold, drag → pan, two fingers →
//!   pinch, one finger of a pinch lifted → drag.
//! - [`wheel`]: wheel and trackpad deltas → zoom levels.
//! - [`keys`]: the keyboard's map of keys to actions.
//! - [`animation`]: easing between two views, and the views that show a feature or a box.
//!
//! The map's limits (`WorldPlan::limit`) are passed to [`Gestures::new`] as a function and
//! applied to every view the machine produces, so what it returns can be shown as it is.
//!
//! ```
//! use shizhong_map::geometry::viewport::Viewport;
//! use shizhong_map::interaction::{Gestures, Mode, PointerInput, PointerKind};
//! use geo::coord;
//! let mut g = Gestures::new(Mode::Full, |v| v);
//! let live = Viewport::new(coord! { x: 0.4, y: 0.3 }, 12.0, 800.0, 600.0);
//! let at = |x, y, t| PointerInput { id: 1, kind: PointerKind::Mouse, at: coord! { x: x, y: y }, time_ms: t };
//! g.pointer_down(at(100.0, 100.0, 0.0), 0, live);
//! let moved = g.pointer_move(at(150.0, 90.0, 16.0), live);
//! // The map follows the pointer: the world point under it stays under it.
//! let view = moved.view.unwrap();
//! let under = live.screen_to_world(coord! { x: 100.0, y: 100.0 });
//! let now = view.world_to_screen(under);
//! assert!((now.x - 150.0).abs() < 1e-9 && (now.y - 90.0).abs() < 1e-9);
//! // Lifting the pointer ends the drag: settle, and the click that follows selects nothing.
//! assert!(g.pointer_up(at(150.0, 90.0, 32.0), view).settle);
//! assert!(g.suppress_click());
//! ```

pub mod animation;
pub mod gesture;
pub mod keys;
pub mod pointers;
pub mod wheel;

pub use gesture::{Gestures, Outcome};
pub use keys::{KeyAction, KeyInput};
pub use wheel::WheelInput;

use geo::Coord;

/// How the map answers gestures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A page of its own: every gesture moves the map.
    Full,
    /// Embedded in an article: the page's scrolling wins. Ctrl/⌘ + wheel zooms, one finger
    /// scrolls the page, two fingers move the map.
    Cooperative,
    /// A picture: no interaction at all.
    Static,
}

/// What kind of device a pointer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    Mouse,
    Touch,
    Pen,
}

impl PointerKind {
    /// From the DOM's `pointerType`. An unknown type (some browsers report `""`) is treated
    /// as a pen: it presses and taps like a finger, but a page never scrolls under it.
    pub fn from_dom(pointer_type: &str) -> PointerKind {
        match pointer_type {
            "mouse" => PointerKind::Mouse,
            "touch" => PointerKind::Touch,
            _ => PointerKind::Pen,
        }
    }
}

/// One pointer event: which pointer, what it is, where it is on the map (pixels from the
/// map's top-left) and when (ms, one clock for every input).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PointerInput {
    pub id: i32,
    pub kind: PointerKind,
    pub at: Coord<f64>,
    pub time_ms: f64,
}

/// Inputs from a page can be anything; a position that is not a number is no position.
fn finite(p: Coord<f64>) -> bool {
    p.x.is_finite() && p.y.is_finite()
}
