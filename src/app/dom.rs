//! The page's serialiser: drawables ([`El`]) as SVG DOM nodes. Text from data goes in as
//! text nodes and attribute values, never as markup. A new rendering patches the previous one
//! in place — only changed attributes are written — and children that carry a feature id keep
//! their node (and so their keyboard focus) when the list around them changes.

use crate::present::El;
use std::collections::HashMap;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// A new DOM element for `el` and everything below it.
pub fn create(doc: &Document, el: &El) -> Option<Element> {
    let node = doc.create_element_ns(Some(SVG_NS), el.tag).ok()?;
    for (name, value) in &el.attrs {
        node.set_attribute(name, value.as_str()).ok();
    }
    if let Some(t) = &el.text {
        node.set_text_content(Some(t));
    }
    for c in &el.children {
        if let Some(child) = create(doc, c) {
            node.append_child(&child).ok();
        }
    }
    Some(node)
}

/// Turn `node`, drawn from `old`, into `new` (same tag).
fn patch_node(doc: &Document, node: &Element, old: &El, new: &El) {
    for (name, value) in &new.attrs {
        if old.get(name) != Some(value.as_str()) {
            node.set_attribute(name, value.as_str()).ok();
        }
    }
    for (name, _) in &old.attrs {
        if new.get(name).is_none() {
            node.remove_attribute(name).ok();
        }
    }
    if new.text.is_some() {
        if old.text != new.text || !old.children.is_empty() {
            node.set_text_content(new.text.as_deref());
        }
    } else {
        if old.text.is_some() {
            node.set_text_content(None);
        }
        patch(
            doc,
            node,
            if old.text.is_some() {
                &[]
            } else {
                &old.children
            },
            &new.children,
        );
    }
}

/// The identity of a child across renderings: the feature (or cluster members) it draws.
fn key(el: &El) -> Option<&str> {
    el.get("data-id").or_else(|| el.get("data-ids"))
}

/// Make `parent`'s element children, which were drawn from `old`, show `new`.
pub fn patch(doc: &Document, parent: &Element, old: &[El], new: &[El]) {
    let nodes: Vec<Element> = {
        let list = parent.children();
        (0..list.length()).filter_map(|i| list.item(i)).collect()
    };
    if nodes.len() != old.len() {
        // Someone else changed the DOM: start afresh.
        parent.set_text_content(None);
        return patch(doc, parent, &[], new);
    }
    let keyed =
        !old.is_empty() && !new.is_empty() && old.iter().chain(new).all(|e| key(e).is_some());
    if keyed {
        patch_keyed(doc, parent, &nodes, old, new);
        return;
    }
    for (i, n) in new.iter().enumerate() {
        match (nodes.get(i), old.get(i)) {
            (Some(node), Some(o)) if o.tag == n.tag => patch_node(doc, node, o, n),
            (Some(node), _) => {
                if let Some(fresh) = create(doc, n) {
                    parent.replace_child(&fresh, node).ok();
                }
            }
            (None, _) => {
                if let Some(fresh) = create(doc, n) {
                    parent.append_child(&fresh).ok();
                }
            }
        }
    }
    for node in nodes.iter().skip(new.len()) {
        node.remove();
    }
}

/// [`patch`] for children that all carry a key: matching keys keep their node.
fn patch_keyed(doc: &Document, parent: &Element, nodes: &[Element], old: &[El], new: &[El]) {
    let mut by_key: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, o) in old.iter().enumerate() {
        if let Some(k) = key(o) {
            by_key.entry((o.tag, k)).or_insert(i);
        }
    }
    let mut used = vec![false; old.len()];
    let mut placed: Vec<Element> = Vec::with_capacity(new.len());
    for n in new {
        let reuse = key(n)
            .and_then(|k| by_key.remove(&(n.tag, k)))
            .filter(|i| !used[*i]);
        let node = match reuse {
            Some(i) => {
                used[i] = true;
                patch_node(doc, &nodes[i], &old[i], n);
                Some(nodes[i].clone())
            }
            None => create(doc, n),
        };
        placed.extend(node);
    }
    for (i, node) in nodes.iter().enumerate() {
        if !used[i] {
            node.remove();
        }
    }
    // Put the nodes in order, moving only those out of place (a focused node that stays in
    // place keeps its focus).
    let mut cursor = parent.first_element_child();
    for node in &placed {
        if cursor.as_ref() != Some(node) {
            parent
                .insert_before(node, cursor.as_ref().map(|c| c.unchecked_ref()))
                .ok();
        } else {
            cursor = cursor.and_then(|c| c.next_element_sibling());
        }
    }
}
