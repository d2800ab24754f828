//! The list view's model: every feature (but the key figures), grouped by where it lies —
//! the plan's structure first, then each zone, then items with no place, then context outside
//! the district — and by category within a group. The map's text alternative.

use crate::plan::{Category, Names, Precision};
use crate::scene::layers::Filter;
use crate::scene::world::WorldPlan;

/// Which group a feature is listed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GroupKind {
    /// The district, zones, belt and axis.
    Structure,
    /// A zone, by id.
    Zone(String),
    /// Named by the report with no place (or a place outside every zone but unpublished).
    NoPlace,
    /// Context outside the district (neighbours, stations and landmarks beyond the border).
    Outside,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListSection {
    pub category: Category,
    /// Indices into `plan.features`.
    pub items: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListGroup {
    pub kind: GroupKind,
    /// The zone's names for a zone group (other groups are titled by the UI).
    pub zone_names: Option<Names>,
    pub sections: Vec<ListSection>,
}

impl ListGroup {
    pub fn len(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Group every listed feature the filter shows.
pub fn list_groups(world: &WorldPlan, filter: &Filter) -> Vec<ListGroup> {
    let plan = &world.plan;
    let mut groups: Vec<ListGroup> = vec![ListGroup {
        kind: GroupKind::Structure,
        zone_names: None,
        sections: vec![],
    }];
    for z in plan.of_category(Category::Zone) {
        groups.push(ListGroup {
            kind: GroupKind::Zone(z.id.clone()),
            zone_names: Some(z.names.clone()),
            sections: vec![],
        });
    }
    groups.push(ListGroup {
        kind: GroupKind::NoPlace,
        zone_names: None,
        sections: vec![],
    });
    groups.push(ListGroup {
        kind: GroupKind::Outside,
        zone_names: None,
        sections: vec![],
    });

    for (i, f) in plan.features.iter().enumerate() {
        if f.category == Category::Figure || !filter.layers.contains(f.category) {
            continue;
        }
        let structural = matches!(
            f.category,
            Category::District | Category::Zone | Category::Belt | Category::Axis
        );
        let zone: Option<String> = match world.placed(i) {
            Some(w) => world.zone_of(w).map(str::to_string),
            None => f
                .zone
                .clone()
                .filter(|z| plan.get(z).is_some_and(|x| x.category == Category::Zone)),
        };
        if let Some(only) = &filter.zone {
            let keep = match f.category {
                Category::Zone => &f.id == only,
                Category::District | Category::Belt | Category::Axis => true,
                _ => zone.as_deref() == Some(only.as_str()),
            };
            if !keep {
                continue;
            }
        }
        let kind = if structural {
            GroupKind::Structure
        } else if let Some(z) = zone {
            GroupKind::Zone(z)
        } else if f.precision == Precision::None || world.placed(i).is_none() {
            GroupKind::NoPlace
        } else {
            GroupKind::Outside
        };
        let Some(group) = groups.iter_mut().find(|g| g.kind == kind) else {
            continue;
        };
        match group.sections.iter_mut().find(|s| s.category == f.category) {
            Some(s) => s.items.push(i),
            None => group.sections.push(ListSection {
                category: f.category,
                items: vec![i],
            }),
        }
    }
    for g in &mut groups {
        crate::sort::sort_by_key(&mut g.sections, |s| s.category);
    }
    groups.retain(|g| !g.is_empty());
    groups
}
