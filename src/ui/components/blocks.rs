//! Paragraphs and buttons of the late screens (result, act, keep, send), one function each: `html!` writes every
//! element out in full where it stands, so the forty-odd paragraphs and twenty buttons of those screens were as
//! many copies of the same element code in the second wasm file; as calls they are one each.

use yew::prelude::*;

use crate::i18n::{t, Locale, Msg};

/// A paragraph.
pub fn paragraph(text: impl Into<Html>) -> Html {
    html! { <p>{ text.into() }</p> }
}

/// A paragraph of one message.
pub fn para(locale: Locale, m: Msg) -> Html {
    paragraph(t(locale, m))
}

/// A hint (`lic-hint`): what a field or a button leads to.
pub fn hint(text: impl Into<Html>) -> Html {
    html! { <p class="lic-hint">{ text.into() }</p> }
}

/// A note (`lic-note`): the clock or a caveat under a claim.
pub fn note(text: impl Into<Html>) -> Html {
    html! { <p class="lic-note">{ text.into() }</p> }
}

/// A button (`type="button"`, class `lic-button`, with `lic-primary` when `primary`) doing `onclick`.
/// Two literal class lists, not a `class` variable: a computed class goes through yew's `Classes` (an IndexSet).
pub fn button(primary: bool, onclick: Callback<MouseEvent>, text: impl Into<Html>) -> Html {
    let text = text.into();
    if primary {
        html! { <button type="button" class="lic-button lic-primary" {onclick}>{ text }</button> }
    } else {
        html! { <button type="button" class="lic-button" {onclick}>{ text }</button> }
    }
}

/// An element `tag` with the class list `class` (none when empty) and `role` (none when empty) around `child`.
/// What `html!` writes inline at each element (the tag, its attributes, its child list), written once: the
/// late screens' many small elements of one class are calls to this. The class goes in as a plain attribute,
/// as a literal `class="…"` does (no `Classes`).
#[inline(never)]
pub fn el_role(tag: &'static str, class: &'static str, role: &'static str, child: Html) -> Html {
    use yew::virtual_dom::{AttrValue, AttributeOrProperty, Attributes, VTag};
    let some = |v: &'static str| (!v.is_empty()).then_some(AttributeOrProperty::Static(v));
    VTag::__new_other(
        AttrValue::Static(tag),
        NodeRef::default(),
        None,
        Attributes::Dynamic {
            keys: &["class", "role"],
            values: Box::new([some(class), some(role)]),
        },
        yew::virtual_dom::listeners::Listeners::None,
        child,
    )
    .into()
}

/// An element `tag` of class `class` (none when empty) around `child` ([`el_role`] without a role).
pub fn el(tag: &'static str, class: &'static str, child: Html) -> Html {
    el_role(tag, class, "", child)
}

/// A small heading inside a card or panel (`lic-small-heading`).
pub fn small_heading(text: impl Into<Html>) -> Html {
    el("p", "lic-small-heading", text.into())
}

/// A row of buttons (`lic-actions`).
pub fn actions(child: Html) -> Html {
    el("div", "lic-actions", child)
}

/// A list item.
pub fn item(child: impl Into<Html>) -> Html {
    el("li", "", child.into())
}

/// A row of a description list: `<div><dt>term</dt><dd>value</dd></div>`.
#[inline(never)]
pub fn pair(term: Html, value: Html) -> Html {
    html! { <div><dt>{ term }</dt><dd>{ value }</dd></div> }
}

/// A table's head row: one column header (`scope="col"`) per text.
#[inline(never)]
pub fn head_row(locale: Locale, columns: &[Msg]) -> Html {
    html! {
        <thead><tr>
            { for columns.iter().map(|m| html! { <th scope="col">{ t(locale, *m) }</th> }) }
        </tr></thead>
    }
}

/// A table's body row: the row header (`scope="row"`), then one cell per value.
#[inline(never)]
pub fn body_row(header: Html, cells: Vec<String>) -> Html {
    html! {
        <tr>
            <th scope="row">{ header }</th>
            { for cells.into_iter().map(|c| html! { <td>{ c }</td> }) }
        </tr>
    }
}

/// The law texts behind a result (`lic-refs`), each a link to its official page, in French.
#[inline(never)]
pub fn law_links(refs: &[crate::engine::params::LegalRef]) -> Html {
    html! {
        <ul class="lic-list lic-refs">
            { for refs.iter().map(|r| html! {
                <li><a href={r.href()} target="_blank" rel="noopener noreferrer" lang="fr">{ r.title() }</a></li>
            }) }
        </ul>
    }
}
