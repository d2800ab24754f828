//! The interface's shared state around the map: which panel is open, and the actions that
//! tie search, list, card and map together.

use super::map_state::MapState;
use crate::sheet::SheetStop;
use leptos::prelude::*;

/// The side panel (a bottom sheet on phones) shows one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    None,
    Card,
    Layers,
    List,
    Figures,
    Share,
    /// The guided tour (the step is [`Ui::story`]).
    Story,
}

impl Panel {
    /// The panel's name in the page (`data-panel`).
    pub fn code(self) -> &'static str {
        match self {
            Panel::None => "none",
            Panel::Card => "card",
            Panel::Layers => "layers",
            Panel::List => "list",
            Panel::Figures => "figures",
            Panel::Share => "share",
            Panel::Story => "story",
        }
    }

    /// The toolbar button that opens this panel (the card has none: it opens from the map,
    /// the list or search).
    pub fn opener(self) -> Option<&'static str> {
        match self {
            Panel::Layers => Some("button.open-layers"),
            Panel::List => Some("button.open-list"),
            Panel::Figures => Some("button.open-figures"),
            Panel::Share => Some("button.open-share"),
            Panel::Story => Some("button.open-story"),
            Panel::None | Panel::Card => None,
        }
    }
}

#[derive(Clone, Copy)]
pub struct Ui {
    pub map: MapState,
    pub panel: RwSignal<Panel>,
    /// Where the phone's bottom sheet rests.
    pub sheet: RwSignal<SheetStop>,
    /// How far each toolbar panel was scrolled when it last closed, so it reopens there.
    pub scrolled: StoredValue<Vec<(Panel, i32)>>,
    /// The guided tour is on, at this step (1-based, as links count; kept within the
    /// story). It stays on while the card of one of its features is open.
    pub story: RwSignal<Option<usize>>,
}

impl Ui {
    pub fn new(map: MapState) -> Ui {
        let panel = if map.selected.get_untracked().is_some() {
            Panel::Card
        } else {
            Panel::None
        };
        Ui {
            map,
            panel: RwSignal::new(panel),
            sheet: RwSignal::new(SheetStop::Half),
            scrolled: StoredValue::new(vec![]),
            story: RwSignal::new(None),
        }
    }

    /// Open the tour at `step` (1-based).
    pub fn open_story(&self, step: usize) {
        self.story.set(Some(step.max(1)));
        self.panel.set(Panel::Story);
    }

    /// Remember how far `p` is scrolled.
    pub fn remember_scroll(&self, p: Panel, top: i32) {
        if p.opener().is_some() {
            self.scrolled.update_value(|s| {
                s.retain(|(q, _)| *q != p);
                s.push((p, top));
            });
        }
    }

    /// How far `p` was scrolled when it closed (0 if never).
    pub fn scroll_of(&self, p: Panel) -> i32 {
        self.scrolled
            .with_value(|s| s.iter().find(|(q, _)| *q == p).map_or(0, |x| x.1))
    }

    /// Select a feature, open its card and move the map to it.
    pub fn select_and_show(&self, id: &str) {
        self.map.selected.set(Some(id.to_string()));
        self.panel.set(Panel::Card);
        self.map.fly_to.set(Some(id.to_string()));
    }

    /// Open `p`, or close it if it is open. Another panel ends the tour.
    pub fn toggle(&self, p: Panel) {
        if p == Panel::Story && self.panel.get_untracked() != Panel::Story {
            self.open_story(self.story.get_untracked().unwrap_or(1));
            return;
        }
        self.story.set(None);
        self.panel
            .update(|cur| *cur = if *cur == p { Panel::None } else { p });
    }

    /// Close whatever is open; closing the card also clears the selection (and goes back to
    /// the tour, when the card was opened from it); closing the tour ends it.
    pub fn close(&self) {
        let open = self.panel.get_untracked();
        if open == Panel::Card {
            self.map.selected.set(None);
            if self.story.get_untracked().is_some() {
                self.panel.set(Panel::Story);
                return;
            }
        }
        self.story.set(None);
        self.panel.set(Panel::None);
    }
}
