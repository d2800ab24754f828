//! The pointers that are down, and what their movement does to the view.
//!
//! A *press* begins when the first pointer goes down and ends when the last one is up (or
//! cancelled). Every move is measured from where the pointers were when the current phase of
//! the press began, against the view at that moment — never as a sum of small steps, so
//! nothing drifts:
//! - one pointer that moved no more than [`DRAG_THRESHOLD_PX`] is still a tap;
//! - beyond it, a drag: the map point under the pointer stays under it;
//! - a second pointer starts a pinch (never a tap): the map points under the two fingers
//!   stay under them, as far as a zoom and a pan can keep them ([`Viewport::pinched`]);
//! - lifting one finger of a pinch restarts the phase from the view shown now and the
//!   finger that stays, so it carries on as a drag without a jump;
//! - a third pointer is ignored until one of the others lifts.
//!
//! Mode rules (static, cooperative) live in [`super::gesture`]; this module only knows that
//! one finger may belong to the page.

use crate::geometry::planar;
use crate::geometry::viewport::Viewport;
use geo::Coord;

/// A press that moves less than this (pixels) is a click or tap, not a drag.
pub const DRAG_THRESHOLD_PX: f64 = 4.0;

/// What a pointer's move means.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Move {
    /// Nothing to do: an unknown pointer, a wobble within the threshold, a third finger, or
    /// a press whose phase was cancelled.
    Nothing,
    /// One finger moved past the threshold where one finger belongs to the page: the page
    /// scrolls, the map stays.
    LeftToPage,
    /// Show this view (before the map's limits). `first` is the move that turned the press
    /// into a drag: capture the pointer so the drag survives leaving the map.
    View { view: Viewport, first: bool },
}

/// How a press ended, when its last pointer is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ended {
    /// The press moved the map (or pinched): settle.
    pub moved: bool,
    /// The press never went past the threshold with one pointer: a tap (or a click).
    pub tap: bool,
}

/// The pointers of the current press.
#[derive(Clone, Debug, Default)]
pub struct Pointers {
    /// Pointers down, with their latest positions, in the order they went down.
    down: Vec<(i32, Coord<f64>)>,
    /// The view when the current phase began; `None` after a cancel, until the next press.
    start_view: Option<Viewport>,
    /// Where the pointers were when the current phase began (same order as `down`).
    start_points: Vec<Coord<f64>>,
    moved: bool,
    tap: bool,
}

impl Pointers {
    /// How many pointers are down.
    pub fn count(&self) -> usize {
        self.down.len()
    }

    /// A pointer went down with the screen showing `live`. Returns whether this makes a
    /// pinch (more than one pointer): capture the pointer then, a pinch is the map's.
    pub fn down(&mut self, id: i32, at: Coord<f64>, live: Viewport) -> bool {
        self.down.retain(|(other, _)| *other != id);
        self.down.push((id, at));
        self.restart(live);
        if self.down.len() == 1 {
            self.moved = false;
            self.tap = true;
            false
        } else {
            // A second finger: a pinch, never a tap.
            self.moved = true;
            self.tap = false;
            true
        }
    }

    /// A pointer moved to `at`. `page_owns_one_finger`: a single pointer past the threshold
    /// scrolls the page instead of the map (cooperative touch).
    pub fn moved(&mut self, id: i32, at: Coord<f64>, page_owns_one_finger: bool) -> Move {
        let Some(slot) = self.down.iter_mut().find(|(other, _)| *other == id) else {
            return Move::Nothing;
        };
        slot.1 = at;
        let Some(start) = self.start_view else {
            return Move::Nothing;
        };
        match (self.down.as_slice(), self.start_points.as_slice()) {
            ([(_, now)], [from]) => {
                let (dx, dy) = (now.x - from.x, now.y - from.y);
                if self.tap && planar::hypot(dx, dy) <= DRAG_THRESHOLD_PX {
                    return Move::Nothing;
                }
                self.tap = false;
                if page_owns_one_finger {
                    return Move::LeftToPage;
                }
                let first = !self.moved;
                self.moved = true;
                Move::View {
                    view: start.pan_by(dx, dy),
                    first,
                }
            }
            ([(_, a), (_, b)], [a0, b0]) => Move::View {
                view: start.pinched((*a0, *b0), (*a, *b)),
                first: false,
            },
            _ => Move::Nothing,
        }
    }

    /// A pointer went up with the screen showing `live`. `Some` when it was the last one.
    pub fn up(&mut self, id: i32, live: Viewport) -> Option<Ended> {
        let before = self.down.len();
        self.down.retain(|(other, _)| *other != id);
        if self.down.len() == before {
            return None;
        }
        // Fingers that stay carry on from what the screen shows now.
        self.restart(live);
        self.down.is_empty().then_some(Ended {
            moved: self.moved,
            tap: self.tap,
        })
    }

    /// The browser took a pointer away (it scrolls the page, a palm was rejected, …). The
    /// press can no longer be trusted: the pointers that stay move nothing until it ends.
    /// Returns whether the pointer was down in a press that had moved the map.
    pub fn cancel(&mut self, id: i32) -> bool {
        let before = self.down.len();
        self.down.retain(|(other, _)| *other != id);
        if self.down.len() == before {
            return false;
        }
        self.start_view = None;
        self.tap = false;
        self.moved
    }

    fn restart(&mut self, live: Viewport) {
        self.start_view = Some(live);
        self.start_points = self.down.iter().map(|(_, p)| *p).collect();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::coord;

    fn view() -> Viewport {
        Viewport::new(coord! { x: 0.41, y: 0.32 }, 12.0, 800.0, 600.0)
    }

    fn p(x: f64, y: f64) -> Coord<f64> {
        coord! { x: x, y: y }
    }

    #[test]
    fn the_threshold_is_inclusive_and_measured_from_the_press() {
        let mut ps = Pointers::default();
        ps.down(1, p(100.0, 100.0), view());
        // Exactly 4 px away: still a tap.
        assert_eq!(ps.moved(1, p(104.0, 100.0), false), Move::Nothing);
        assert_eq!(ps.moved(1, p(102.0, 103.0), false), Move::Nothing);
        // Back and forth within the circle never accumulates.
        assert_eq!(ps.moved(1, p(97.0, 98.0), false), Move::Nothing);
        assert_eq!(
            ps.up(1, view()),
            Some(Ended {
                moved: false,
                tap: true
            })
        );
        // Just past it: a drag.
        ps.down(1, p(100.0, 100.0), view());
        assert!(matches!(
            ps.moved(1, p(104.01, 100.0), false),
            Move::View { .. }
        ));
    }

    #[test]
    fn only_the_first_view_of_a_drag_asks_for_capture() {
        let mut ps = Pointers::default();
        ps.down(1, p(100.0, 100.0), view());
        let firsts: Vec<bool> = [p(110.0, 100.0), p(120.0, 100.0), p(130.0, 100.0)]
            .into_iter()
            .map(|at| match ps.moved(1, at, false) {
                Move::View { first, .. } => first,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(firsts, [true, false, false]);
    }

    #[test]
    fn an_unknown_pointer_moves_nothing() {
        let mut ps = Pointers::default();
        ps.down(1, p(100.0, 100.0), view());
        assert_eq!(ps.moved(2, p(300.0, 300.0), false), Move::Nothing);
        assert_eq!(ps.up(2, view()), None, "not down, so not an end");
        assert_eq!(ps.count(), 1);
    }

    #[test]
    fn a_third_finger_is_ignored_until_one_lifts() {
        let mut ps = Pointers::default();
        ps.down(1, p(100.0, 100.0), view());
        ps.down(2, p(200.0, 100.0), view());
        ps.down(3, p(300.0, 100.0), view());
        assert_eq!(ps.moved(3, p(350.0, 150.0), false), Move::Nothing);
        assert_eq!(ps.up(3, view()), None, "two fingers stay");
        assert!(matches!(
            ps.moved(1, p(90.0, 100.0), false),
            Move::View { .. }
        ));
    }

    #[test]
    fn the_same_pointer_going_down_twice_is_one_pointer() {
        // A lost pointerup (released outside the page) must not leave a ghost finger.
        let mut ps = Pointers::default();
        ps.down(1, p(100.0, 100.0), view());
        ps.down(1, p(400.0, 300.0), view());
        assert_eq!(ps.count(), 1);
        match ps.moved(1, p(410.0, 300.0), false) {
            Move::View { view: v, first } => {
                assert!(first, "a fresh one-finger press, not a pinch");
                assert!((v.world_to_screen(view().center).x - 410.0).abs() < 1e-9);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn after_a_cancel_remaining_fingers_move_nothing() {
        let mut ps = Pointers::default();
        ps.down(1, p(100.0, 100.0), view());
        ps.down(2, p(200.0, 100.0), view());
        assert!(ps.cancel(2), "a pinch had moved the map");
        assert!(!ps.cancel(2), "gone already");
        assert_eq!(ps.moved(1, p(150.0, 150.0), false), Move::Nothing);
        assert_eq!(
            ps.up(1, view()),
            Some(Ended {
                moved: true,
                tap: false
            })
        );
    }
}
