//! Browser tests (wasm-bindgen-test in headless Chromium): the widget mounted through its public
//! `mount` entry point into a container of its own, driven through the real DOM.
#![cfg(target_arch = "wasm32")]

use loan_insurance_check::embed::mount;
use loan_insurance_check::i18n::french_typography;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let section = document.create_element("section").unwrap();
    document.body().unwrap().append_child(&section).unwrap();
    section
}

fn config(lang: &str) -> JsValue {
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"lang".into(), &lang.into()).unwrap();
    obj.into()
}

/// Lets yew render what the last events scheduled.
async fn settle() {
    yew::scheduler::flush().await;
}

fn find(root: &Element, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap()
}

/// The button whose text is `text`.
fn button(root: &Element, text: &str) -> HtmlElement {
    let all = root.query_selector_all("button").unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.dyn_into::<HtmlElement>().unwrap())
        .find(|b| b.text_content().unwrap_or_default().trim() == text)
        .unwrap_or_else(|| panic!("no button {text:?}"))
}

fn type_into(root: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = find(root, selector).dyn_into().unwrap();
    input.set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

fn heading(root: &Element) -> String {
    find(root, "h2").text_content().unwrap_or_default()
}

fn has(root: &Element, selector: &str) -> bool {
    root.query_selector(selector).unwrap().is_some()
}

#[wasm_bindgen_test]
async fn mounts_asks_what_matters_and_shows_the_result() {
    let root = container();
    let mut handle = mount(root.clone(), config("fr"));
    settle().await;
    assert_eq!(
        heading(&root),
        // French typography: a narrow no-break space before "?".
        "Votre assurance de prêt vous doit-elle de l'argent\u{202f}?"
    );
    button(&root, "Commencer la vérification").click();
    settle().await;
    // The first question is the loan kind; continuing without an answer says so and stays.
    assert!(
        has(&root, "#lic-loan_kind-real_estate"),
        "the loan-kind question is on show"
    );
    button(&root, "Continuer").click();
    settle().await;
    assert_eq!(
        find(&root, "#lic-loan_kind-error")
            .text_content()
            .unwrap_or_default(),
        french_typography("Erreur :Choisissez une réponse.")
    );
    find(&root, "#lic-loan_kind-real_estate").click();
    settle().await;
    button(&root, "Continuer").click();
    settle().await;
    assert!(
        !has(&root, "#lic-loan_kind-real_estate"),
        "moved on to the next question"
    );
    // Answer every further question with its first option or "I don't know" until the review.
    for _ in 0..60 {
        if has(&root, ".lic-summary") {
            break;
        }
        if let Some(radio) = root.query_selector("input[type=radio]").unwrap() {
            radio.dyn_into::<HtmlElement>().unwrap().click();
            settle().await;
            button(&root, "Continuer").click();
        } else {
            button(&root, "Je ne sais pas").click();
        }
        settle().await;
    }
    assert_eq!(heading(&root), "Vérifiez vos réponses");
    button(&root, "Voir le résultat").click();
    settle().await;
    assert_eq!(heading(&root), "Votre résultat");
    assert!(has(&root, ".lic-claim"), "claims are listed");
    handle.unmount();
    settle().await;
    assert_eq!(
        root.child_element_count(),
        0,
        "unmount leaves the container empty"
    );
}

#[wasm_bindgen_test]
async fn a_bad_date_is_explained_and_kept() {
    let root = container();
    let _handle = mount(root.clone(), config("en"));
    settle().await;
    button(&root, "Start the check").click();
    settle().await;
    find(&root, "#lic-loan_kind-consumer").click();
    settle().await;
    button(&root, "Continue").click();
    settle().await;
    // Did you repay the whole loan early? Yes -> the payoff date.
    find(&root, "#lic-repaid_early-yes").click();
    settle().await;
    button(&root, "Continue").click();
    settle().await;
    type_into(&root, "#lic-payoff_date-day", "30");
    type_into(&root, "#lic-payoff_date-month", "2");
    type_into(&root, "#lic-payoff_date-year", "2021");
    settle().await;
    button(&root, "Continue").click();
    settle().await;
    let error = find(&root, "#lic-payoff_date-error")
        .text_content()
        .unwrap_or_default();
    assert!(error.contains("This date does not exist"), "{error}");
    let day: HtmlInputElement = find(&root, "#lic-payoff_date-day").dyn_into().unwrap();
    assert_eq!(day.value(), "30");
    assert_eq!(day.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(day
        .get_attribute("aria-describedby")
        .unwrap_or_default()
        .contains("lic-payoff_date-error"));
}

#[wasm_bindgen_test]
async fn an_unknown_language_falls_back_to_french_with_a_notice() {
    let root = container();
    let _handle = mount(root.clone(), config("xx"));
    settle().await;
    assert_eq!(
        heading(&root),
        // French typography: a narrow no-break space before "?".
        "Votre assurance de prêt vous doit-elle de l'argent\u{202f}?"
    );
    assert!(find(&root, ".lic-notice")
        .text_content()
        .unwrap_or_default()
        .contains("langue non prise en charge"));
}
