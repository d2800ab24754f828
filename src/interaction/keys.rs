//! The keyboard of the focused map: which key does what.
//!
//! Arrows pan by [`KEY_PAN_PX`] (three times that with shift), `+`/`=` zoom in, `-`/`_`
//! zoom out, `0`/Home return to the home view, Escape clears the selection — only if there is
//! one, so an unused Escape still reaches the page (closing a dialog, leaving full screen).
//! A key with alt, ctrl or ⌘ is the browser's or the system's (ctrl + `+` zooms the page,
//! alt + arrow goes back): it passes through.

/// Keyboard pan step, pixels.
pub const KEY_PAN_PX: f64 = 100.0;
/// How many steps shift + arrow pans.
pub const SHIFT_FACTOR: f64 = 3.0;

/// One key press: the DOM's `key` and the modifiers held.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyInput<'a> {
    pub key: &'a str,
    pub shift: bool,
    pub alt: bool,
    pub ctrl: bool,
    pub meta: bool,
}

/// What a key asks the map to do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeyAction {
    /// Move the map content by (`dx`, `dy`) screen pixels, at once.
    Pan { dx: f64, dy: f64 },
    /// Zoom by this many levels about the centre, animated.
    Zoom(f64),
    /// Back to the home view, animated.
    Home,
    /// Close the card.
    ClearSelection,
}

/// The action for a key, or `None` when the map does not use it (let it through).
///
/// ```
/// use shizhong_map::interaction::keys::{action, KeyAction, KeyInput};
/// let key = |key| KeyInput { key, ..KeyInput::default() };
/// // The arrow points where the view goes: the content moves the other way.
/// assert_eq!(action(key("ArrowRight"), false), Some(KeyAction::Pan { dx: -100.0, dy: 0.0 }));
/// assert_eq!(action(key("Escape"), false), None);
/// assert_eq!(action(KeyInput { ctrl: true, ..key("+") }, false), None);
/// ```
pub fn action(k: KeyInput, has_selection: bool) -> Option<KeyAction> {
    if k.alt || k.ctrl || k.meta {
        return None;
    }
    let step = if k.shift {
        KEY_PAN_PX * SHIFT_FACTOR
    } else {
        KEY_PAN_PX
    };
    let pan = |dx, dy| Some(KeyAction::Pan { dx, dy });
    match k.key {
        "ArrowLeft" => pan(step, 0.0),
        "ArrowRight" => pan(-step, 0.0),
        "ArrowUp" => pan(0.0, step),
        "ArrowDown" => pan(0.0, -step),
        "+" | "=" => Some(KeyAction::Zoom(1.0)),
        "-" | "_" => Some(KeyAction::Zoom(-1.0)),
        "0" | "Home" => Some(KeyAction::Home),
        "Escape" if has_selection => Some(KeyAction::ClearSelection),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str) -> KeyInput<'_> {
        KeyInput {
            key,
            ..KeyInput::default()
        }
    }

    #[test]
    fn arrows_pan_by_a_step_and_shift_by_three() {
        let expect = [
            ("ArrowLeft", (100.0, 0.0)),
            ("ArrowRight", (-100.0, 0.0)),
            ("ArrowUp", (0.0, 100.0)),
            ("ArrowDown", (0.0, -100.0)),
        ];
        for (name, (dx, dy)) in expect {
            assert_eq!(action(key(name), false), Some(KeyAction::Pan { dx, dy }));
            let shifted = KeyInput {
                shift: true,
                ..key(name)
            };
            assert_eq!(
                action(shifted, true),
                Some(KeyAction::Pan {
                    dx: dx * 3.0,
                    dy: dy * 3.0
                }),
                "shift + {name}"
            );
        }
    }

    #[test]
    fn zoom_and_home_keys() {
        for (name, want) in [
            ("+", KeyAction::Zoom(1.0)),
            ("=", KeyAction::Zoom(1.0)),
            ("-", KeyAction::Zoom(-1.0)),
            ("_", KeyAction::Zoom(-1.0)),
            ("0", KeyAction::Home),
            ("Home", KeyAction::Home),
        ] {
            assert_eq!(action(key(name), false), Some(want), "{name}");
        }
    }

    #[test]
    fn escape_only_when_something_is_selected() {
        assert_eq!(action(key("Escape"), true), Some(KeyAction::ClearSelection));
        assert_eq!(action(key("Escape"), false), None);
    }

    #[test]
    fn modifiers_pass_the_key_through() {
        for name in ["ArrowLeft", "+", "-", "0", "Home", "Escape"] {
            for k in [
                KeyInput {
                    alt: true,
                    ..key(name)
                },
                KeyInput {
                    ctrl: true,
                    ..key(name)
                },
                KeyInput {
                    meta: true,
                    ..key(name)
                },
            ] {
                assert_eq!(action(k, true), None, "{k:?}");
            }
        }
    }

    #[test]
    fn other_keys_are_not_the_map_s() {
        for name in ["a", "Enter", " ", "Tab", "PageDown", "1", "End", ""] {
            assert_eq!(action(key(name), true), None, "{name:?}");
        }
    }
}
