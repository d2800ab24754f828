//! The phone's bottom sheet (the side panel below 768 px): the heights it rests at and how a
//! drag or a key press moves it between them. Pure, so the page only applies the numbers.
//!
//! ```
//! use shizhong_map::sheet::{SheetStop, Stops};
//! let stops = Stops::for_space(600.0, false);
//! assert_eq!(stops.height(SheetStop::Half), 300.0);
//! // A drag ends at the nearest resting height.
//! assert_eq!(stops.nearest(520.0), SheetStop::Full);
//! // The handle, as a button, cycles peek → half → full → peek.
//! assert_eq!(SheetStop::Full.cycled(), SheetStop::Peek);
//! ```

/// Where the sheet rests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetStop {
    /// Only the handle and the panel's title show; the map has the rest.
    Peek,
    /// Half the space below the header.
    Half,
    /// All the space but a strip of map above it.
    Full,
}

/// The peek height: the 44 px handle and one line of title.
pub const PEEK_PX: f64 = 96.0;
/// How much map stays above a full sheet, so the page still reads as a map (and the strip
/// can be tapped). An embed is small: there the sheet may take it all.
pub const MAP_STRIP_PX: f64 = 56.0;

impl SheetStop {
    /// The name used in the page (`data-sheet`).
    pub fn code(self) -> &'static str {
        match self {
            SheetStop::Peek => "peek",
            SheetStop::Half => "half",
            SheetStop::Full => "full",
        }
    }

    /// One stop taller (ArrowUp); full stays full.
    pub fn taller(self) -> SheetStop {
        match self {
            SheetStop::Peek => SheetStop::Half,
            _ => SheetStop::Full,
        }
    }

    /// One stop shorter (ArrowDown); peek stays peek.
    pub fn shorter(self) -> SheetStop {
        match self {
            SheetStop::Full => SheetStop::Half,
            _ => SheetStop::Peek,
        }
    }

    /// The next stop when the handle is pressed as a button.
    pub fn cycled(self) -> SheetStop {
        match self {
            SheetStop::Peek => SheetStop::Half,
            SheetStop::Half => SheetStop::Full,
            SheetStop::Full => SheetStop::Peek,
        }
    }

    /// The stop a key moves to, if the key moves the sheet.
    pub fn after_key(self, key: &str) -> Option<SheetStop> {
        match key {
            "ArrowUp" => Some(self.taller()),
            "ArrowDown" => Some(self.shorter()),
            "Home" => Some(SheetStop::Full),
            "End" => Some(SheetStop::Peek),
            _ => None,
        }
    }
}

/// The sheet's three resting heights for the space it may take (the height below the
/// header), in CSS pixels, never decreasing from peek to full.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stops {
    pub peek: f64,
    pub half: f64,
    pub full: f64,
}

impl Stops {
    /// The stops in `space` pixels; an embed's full sheet takes the whole space.
    pub fn for_space(space: f64, embed: bool) -> Stops {
        let space = if space.is_finite() {
            space.max(0.0)
        } else {
            0.0
        };
        let peek = PEEK_PX.min(space);
        let half = (space * 0.5).max(peek);
        let strip = if embed { 0.0 } else { MAP_STRIP_PX };
        let full = (space - strip).max(half);
        Stops { peek, half, full }
    }

    pub fn height(&self, stop: SheetStop) -> f64 {
        match stop {
            SheetStop::Peek => self.peek,
            SheetStop::Half => self.half,
            SheetStop::Full => self.full,
        }
    }

    /// A dragged height kept between peek and full.
    pub fn clamp(&self, h: f64) -> f64 {
        if h.is_nan() {
            return self.half;
        }
        crate::number::clamp(h, self.peek, self.full)
    }

    /// The stop nearest a dragged height (ties go to the taller one).
    pub fn nearest(&self, h: f64) -> SheetStop {
        let h = self.clamp(h);
        [SheetStop::Full, SheetStop::Half, SheetStop::Peek]
            .into_iter()
            .min_by(|a, b| {
                (self.height(*a) - h)
                    .abs()
                    .total_cmp(&(self.height(*b) - h).abs())
            })
            .unwrap_or(SheetStop::Half)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_leave_a_strip_of_map_except_in_embeds() {
        let s = Stops::for_space(700.0, false);
        assert_eq!((s.peek, s.half, s.full), (96.0, 350.0, 644.0));
        assert_eq!(Stops::for_space(430.0, true).full, 430.0);
    }

    #[test]
    fn tiny_or_broken_spaces_keep_the_stops_in_order() {
        for space in [0.0, 50.0, 120.0, -3.0, f64::NAN, f64::INFINITY] {
            let s = Stops::for_space(space, false);
            assert!(s.peek <= s.half && s.half <= s.full, "{space}: {s:?}");
            assert!(s.peek >= 0.0);
        }
    }

    #[test]
    fn a_drag_snaps_to_the_nearest_stop() {
        let s = Stops::for_space(600.0, false);
        assert_eq!(s.nearest(0.0), SheetStop::Peek);
        assert_eq!(s.nearest(190.0), SheetStop::Peek);
        assert_eq!(s.nearest(250.0), SheetStop::Half);
        assert_eq!(s.nearest(430.0), SheetStop::Full);
        assert_eq!(s.nearest(2000.0), SheetStop::Full);
        assert_eq!(s.nearest(f64::NAN), SheetStop::Half);
    }

    #[test]
    fn keys_move_one_stop_and_stop_at_the_ends() {
        use SheetStop::*;
        assert_eq!(Peek.after_key("ArrowUp"), Some(Half));
        assert_eq!(Full.after_key("ArrowUp"), Some(Full));
        assert_eq!(Half.after_key("ArrowDown"), Some(Peek));
        assert_eq!(Peek.after_key("ArrowDown"), Some(Peek));
        assert_eq!(Half.after_key("Home"), Some(Full));
        assert_eq!(Half.after_key("End"), Some(Peek));
        assert_eq!(Half.after_key("a"), None);
        assert_eq!(
            [Peek.cycled(), Half.cycled(), Full.cycled()],
            [Half, Full, Peek]
        );
    }
}
