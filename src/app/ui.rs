//! The interface's shared state around the map: which panel is open, and the actions that
//! tie search, list, card and map together.

use super::map_state::MapState;
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
        }
    }
}

#[derive(Clone, Copy)]
pub struct Ui {
    pub map: MapState,
    pub panel: RwSignal<Panel>,
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
        }
    }

    /// Select a feature, open its card and move the map to it.
    pub fn select_and_show(&self, id: &str) {
        self.map.selected.set(Some(id.to_string()));
        self.panel.set(Panel::Card);
        self.map.fly_to.set(Some(id.to_string()));
    }

    /// Open `p`, or close it if it is open.
    pub fn toggle(&self, p: Panel) {
        self.panel
            .update(|cur| *cur = if *cur == p { Panel::None } else { p });
    }

    /// Close whatever is open; closing the card also clears the selection.
    pub fn close(&self) {
        if self.panel.get_untracked() == Panel::Card {
            self.map.selected.set(None);
        }
        self.panel.set(Panel::None);
    }
}
