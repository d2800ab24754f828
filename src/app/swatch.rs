//! Small SVG swatches that show how a category is drawn: the legend, the layer panel and
//! the card use them, so the key always matches the map.

use crate::plan::Category;
use crate::scene::style::{category_paint, marker_style, zone_colour, Theme, HATCHES};
use leptos::prelude::*;

/// A 22 × 22 swatch for a category (a zone id picks the zone's colour and hatch).
pub fn swatch(category: Category, zone_id: Option<&str>, theme: Theme) -> impl IntoView {
    let body = match category {
        Category::Zone => {
            let id = zone_id.unwrap_or("zone.north");
            let tone = crate::scene::style::zone_tone(id);
            let c = zone_colour(id, theme);
            view! {
                <rect x="2" y="4" width="18" height="14" fill=c fill-opacity="0.25" stroke=c stroke-dasharray="3 2" />
                <rect x="2" y="4" width="18" height="14" fill=format!("url(#{})", HATCHES[tone].id) />
            }
            .into_any()
        }
        Category::District | Category::Neighbour | Category::Belt => {
            let p = category_paint(category, true, theme);
            view! {
                <rect x="2" y="5" width="18" height="12" fill=p.fill fill-opacity=p.fill_opacity.max(0.35) stroke=p.stroke stroke-width="1.5" />
            }
            .into_any()
        }
        Category::Axis | Category::Road | Category::RoadProject => {
            let p = category_paint(category, false, theme);
            view! {
                <path
                    d="M2 16L20 6"
                    stroke=p.stroke
                    stroke-width=p.stroke_width.min(4.0)
                    stroke-dasharray=(!p.dash.is_empty()).then_some(p.dash)
                    fill="none"
                    stroke-linecap="round"
                />
            }
            .into_any()
        }
        _ => {
            let m = marker_style(category, theme);
            view! {
                <g transform="translate(11 11) scale(0.85)">
                    <path d=m.symbol.path() fill=m.colour stroke=theme.halo() stroke-width="1.5" />
                </g>
            }
            .into_any()
        }
    };
    view! {
        <svg class="swatch" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
            {body}
        </svg>
    }
}

/// The approximate-position symbol: a hollow, dashed marker.
pub fn approximate_swatch(theme: Theme) -> impl IntoView {
    view! {
        <svg class="swatch" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
            <g transform="translate(11 11) scale(0.85)">
                <path
                    d=crate::scene::style::Symbol::Circle.path()
                    fill=theme.land()
                    stroke=theme.text()
                    stroke-width="2"
                    stroke-dasharray="2.5 2"
                />
            </g>
        </svg>
    }
}

/// The cluster symbol.
pub fn cluster_swatch(theme: Theme) -> impl IntoView {
    view! {
        <svg class="swatch" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
            <circle cx="11" cy="11" r="9" fill=theme.text() />
            <text x="11" y="11" text-anchor="middle" dominant-baseline="central" font-size="10" font-weight="700" fill=theme.halo()>
                "3"
            </text>
        </svg>
    }
}
