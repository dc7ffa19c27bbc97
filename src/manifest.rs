//! The campaign manifest v1 (README "Forwarding to a campaign site", `www/schema/manifest.v1.schema.json`):
//! what a campaign site publishes so the visitor can choose to send it their result. Pure and natively
//! tested: no web, no clock. The widget reads the JSON with the browser's own parser and hands the tree
//! here as a `serde_json::Value` (no JSON parser in the wasm); [`validate`] either returns a [`Campaign`]
//! whose every value is safe to show and use, or the list of problems for the integrator's console.
//!
//! Also here: the contact fields' checks (the same way as the questionnaire: a stable code per problem,
//! what was typed kept by the caller). The payload sent is [`crate::payload`].

use serde_json::{Map, Value};

use crate::engine::{ClaimId, FactId};

/// The manifest format version this widget reads.
pub const MANIFEST_VERSION: u64 = 1;
/// The payload format version (`payload_version`).
pub const PAYLOAD_VERSION: u64 = 1;
/// Longest text accepted in a manifest value (names, purpose...).
const MAX_TEXT: usize = 500;
/// Longest manifest document accepted, fetched or inline (the embed module already refuses longer inline values).
pub const MAX_MANIFEST_BYTES: usize = 64 * 1024;
/// Default and limits of the time the widget waits for the campaign's answer.
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 20;
const TIMEOUT_RANGE: std::ops::RangeInclusive<u64> = 1..=120;

crate::engine::codes::coded! {
    /// How the result reaches the campaign; `id()` is the manifest's word for it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum Delivery as id {
        /// `json`: a POST with fetch to the endpoint (CORS); the campaign's answer is read.
        Json = "json",
        /// `form`: a form POST that opens the campaign site in a new tab (for sites without CORS).
        Form = "form",
        /// `post_message`: to the parent page, pinned to the manifest's origin (iframe mode).
        PostMessage = "post_message",
        /// `event`: a DOM `CustomEvent` (`lic:payload`) on the widget's element (in-page mode, same origin).
        Event = "event",
    }
}

impl Delivery {
    fn parse(s: &str) -> Option<Delivery> {
        Delivery::ALL.iter().copied().find(|d| d.id() == s)
    }

    /// Whether the result goes over the network to `endpoint` (else it stays in the browser, handed to the page).
    pub fn uses_endpoint(self) -> bool {
        matches!(self, Delivery::Json | Delivery::Form)
    }
}

/// A contact detail a campaign may ask for: entered by the visitor on the consent screen only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Contact {
    /// `name`: first and last name.
    Name,
    /// `email`.
    Email,
    /// `phone`.
    Phone,
    /// `postal_address`.
    PostalAddress,
    /// `lender`: the lender's name, free text (for the campaign's counts; never used by the rules).
    Lender,
    /// `insurer`: the insurer's name, free text (likewise).
    Insurer,
}

impl Contact {
    /// Every contact field, in the order of the form.
    pub const ALL: [Contact; 6] = [
        Contact::Name,
        Contact::Email,
        Contact::Phone,
        Contact::PostalAddress,
        Contact::Lender,
        Contact::Insurer,
    ];

    /// The manifest's and the payload's word for it.
    pub const fn id(self) -> &'static str {
        match self {
            Contact::Name => "name",
            Contact::Email => "email",
            Contact::Phone => "phone",
            Contact::PostalAddress => "postal_address",
            Contact::Lender => "lender",
            Contact::Insurer => "insurer",
        }
    }

    /// Longest value accepted.
    pub fn max_len(self) -> usize {
        match self {
            Contact::Name | Contact::Lender | Contact::Insurer => 200,
            Contact::Email => 254,
            Contact::Phone => 30,
            Contact::PostalAddress => 500,
        }
    }
}

/// A field a campaign asks for: one of the questionnaire's answers, or a contact detail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// An answer of the questionnaire (its fact id).
    Answer(FactId),
    /// A contact detail.
    Contact(Contact),
}

impl Field {
    /// Reads a field name of the manifest: a fact id of the answers format, or a contact id.
    pub fn parse(s: &str) -> Option<Field> {
        Contact::ALL
            .into_iter()
            .find(|c| c.id() == s)
            .map(Field::Contact)
            .or_else(|| FactId::from_id(s).map(Field::Answer))
    }

    /// The field's id, as in the manifest.
    pub fn id(self) -> &'static str {
        match self {
            Field::Answer(f) => f.id(),
            Field::Contact(c) => c.id(),
        }
    }
}

/// A validated manifest. Texts are plain text (the widget shows them as text, never as markup), trimmed,
/// without control characters; addresses are checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Campaign {
    /// The campaign's name.
    pub name: String,
    /// Its origin, `https://host[:port]` (or `http://localhost...` for testing), lower case.
    pub origin: String,
    /// Where the result goes (`json`, `form`): an address on `origin`. `None` for `post_message` and `event`.
    pub endpoint: Option<String>,
    /// How it goes.
    pub delivery: Delivery,
    /// The claims it gathers (empty: all).
    pub claims: Vec<ClaimId>,
    /// The fields it needs.
    pub required: Vec<Field>,
    /// The fields it accepts if the visitor agrees.
    pub optional: Vec<Field>,
    /// What the data is for.
    pub purpose: String,
    /// Who controls the data.
    pub controller: String,
    /// How to reach the controller (an email address or an address).
    pub controller_contact: String,
    /// How long the data is kept, in months.
    pub retention_months: u32,
    /// The share of what is recovered that the campaign keeps, in hundredths of a percent.
    pub fee_hundredths: u32,
    /// A fixed fee, in cents.
    pub fee_fixed_cents: u64,
    /// The privacy policy (an `https://` address).
    pub privacy_policy: String,
    /// How long to wait for the campaign's answer (`json`).
    pub timeout_seconds: u32,
}

impl Campaign {
    /// The contact fields asked for, required first, each with whether it is required.
    pub fn contacts(&self) -> Vec<(Contact, bool)> {
        self.fields(|f| match f {
            Field::Contact(c) => Some(*c),
            _ => None,
        })
    }

    /// The answers asked for, required first, each with whether it is required.
    pub fn answers(&self) -> Vec<(FactId, bool)> {
        self.fields(|f| match f {
            Field::Answer(a) => Some(*a),
            _ => None,
        })
    }

    /// The fields `pick` keeps, required first, each with whether it is required.
    fn fields<T>(&self, pick: impl Fn(&Field) -> Option<T>) -> Vec<(T, bool)> {
        [(&self.required, true), (&self.optional, false)]
            .into_iter()
            .flat_map(|(list, required)| list.iter().filter_map(&pick).map(move |x| (x, required)))
            .collect()
    }

    /// Whether the claim is one the campaign gathers.
    pub fn gathers(&self, claim: ClaimId) -> bool {
        self.claims.is_empty() || self.claims.contains(&claim)
    }
}

crate::engine::codes::coded! {
    /// What is wrong with a manifest, as a stable code ([`ManifestCode::explain`] says it in English).
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ManifestCode {
        /// The manifest must be a JSON object.
        NotObject = "not_object",
        /// The manifest is larger than 64 KB.
        TooLarge = "too_large",
        /// Is required.
        Missing = "missing",
        /// Is not a manifest v1 key (refused rather than ignored: the widget cannot keep a promise it does not understand).
        Unknown = "unknown",
        /// Has the wrong type.
        Type = "type",
        /// Must be 1.
        Version = "version",
        /// Must not be empty.
        Empty = "empty",
        /// Is too long.
        TooLong = "too_long",
        /// Contains control characters.
        Control = "control",
        /// Must be an origin such as https://campaign.example.org (https, no path; http only on localhost).
        Origin = "origin",
        /// Must be an https:// address (http:// only on localhost).
        NotHttps = "not_https",
        /// Is not a well-formed address.
        BadUrl = "bad_url",
        /// Must be an address on the manifest's origin.
        OtherOrigin = "other_origin",
        /// Must be one of json, form, post_message, event.
        Delivery = "delivery",
        /// Is not used by this delivery method.
        NotNeeded = "not_needed",
        /// Is not a claim id of the widget.
        Claim = "claim",
        /// Is not a field the widget can send (an answer id or name, email, phone, postal_address, lender, insurer).
        Field = "field",
        /// Appears twice.
        Twice = "twice",
        /// Is out of range.
        Range = "range",
        /// The manifest must be served from the origin it declares.
        ManifestOrigin = "manifest_origin",
        /// The event delivery needs the page to be on the manifest's origin.
        PageOrigin = "page_origin",
        /// The post_message delivery needs the widget to be in an iframe (iframe mode).
        NotFramed = "not_framed",
        /// The post_message delivery needs the host page (the frame's parent, as the loader pinned it) to be on the manifest's origin: a message to another origin would be dropped by the browser.
        ParentOrigin = "parent_origin",
        /// Is not valid.
        Invalid = "invalid",
    }
}

impl ManifestCode {
    /// What is wrong, in English, for the integrator's console (after the path, where there is one).
    pub fn explain(self) -> &'static str {
        match self {
            ManifestCode::NotObject => "the manifest must be a JSON object",
            ManifestCode::TooLarge => "the manifest is larger than 64 KB",
            ManifestCode::Missing => "is required",
            ManifestCode::Unknown => "is not a manifest v1 key (refused rather than ignored: the widget cannot keep a promise it does not understand)",
            ManifestCode::Type => "has the wrong type",
            ManifestCode::Version => "must be 1",
            ManifestCode::Empty => "must not be empty",
            ManifestCode::TooLong => "is too long",
            ManifestCode::Control => "contains control characters",
            ManifestCode::Origin => "must be an origin such as https://campaign.example.org (https, no path; http only on localhost)",
            ManifestCode::NotHttps => "must be an https:// address (http:// only on localhost)",
            ManifestCode::BadUrl => "is not a well-formed address",
            ManifestCode::OtherOrigin => "must be an address on the manifest's origin",
            ManifestCode::Delivery => "must be one of json, form, post_message, event",
            ManifestCode::NotNeeded => "is not used by this delivery method",
            ManifestCode::Claim => "is not a claim id of the widget",
            ManifestCode::Field => "is not a field the widget can send (an answer id or name, email, phone, postal_address, lender, insurer)",
            ManifestCode::Twice => "appears twice",
            ManifestCode::Range => "is out of range",
            ManifestCode::ManifestOrigin => "the manifest must be served from the origin it declares",
            ManifestCode::PageOrigin => "the event delivery needs the page to be on the manifest's origin",
            ManifestCode::NotFramed => "the post_message delivery needs the widget to be in an iframe (iframe mode)",
            ManifestCode::ParentOrigin => "the post_message delivery needs the host page (the frame's parent, as the loader pinned it) to be on the manifest's origin: a message to another origin would be dropped by the browser",
            ManifestCode::Invalid => "is not valid",
        }
    }

    /// The code of a refused address (`not_https`, or `bad_url` for every other fault).
    pub fn of_url(e: crate::url::UrlError) -> ManifestCode {
        match e {
            crate::url::UrlError::NotHttps => ManifestCode::NotHttps,
            _ => ManifestCode::BadUrl,
        }
    }
}

/// One thing wrong with a manifest: where (`path`, such as `endpoint` or `fields.required[2]`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestProblem {
    /// Where, in the manifest.
    pub path: String,
    /// What.
    pub what: ManifestCode,
}

impl ManifestProblem {
    /// The problem `what` at `path` (shortened for messages).
    pub fn new(path: impl Into<String>, what: ManifestCode) -> ManifestProblem {
        ManifestProblem {
            path: shorten(&path.into()),
            what,
        }
    }

    /// The stable code of what is wrong.
    pub fn code(&self) -> &'static str {
        self.what.code()
    }

    /// What is wrong, in English, for the integrator's console.
    pub fn explain(&self) -> String {
        let what = self.what.explain();
        if self.path.is_empty() {
            what.to_string()
        } else {
            format!("\"{}\" {what}", self.path)
        }
    }
}

/// A value of the manifest shortened for messages: at most 60 characters, no control or format characters.
pub fn shorten(s: &str) -> String {
    crate::host_config::shorten(s)
}

const KEYS: [&str; 14] = [
    "manifest_version",
    "name",
    "origin",
    "endpoint",
    "delivery",
    "claims",
    "fields",
    "purpose",
    "controller",
    "retention_months",
    "fee",
    "privacy_policy",
    "timeout_seconds",
    "$schema",
];

/// Checks a whole manifest. `served_from` is the origin of the address it was fetched from (`None` inline).
pub fn validate(doc: &Value, served_from: Option<&str>) -> Result<Campaign, Vec<ManifestProblem>> {
    let mut p = Vec::new();
    let Some(m) = doc.as_object() else {
        return Err(vec![ManifestProblem::new("", ManifestCode::NotObject)]);
    };
    for key in m.keys() {
        if !KEYS.contains(&key.as_str()) {
            p.push(ManifestProblem::new(key.as_str(), ManifestCode::Unknown));
        }
    }
    match m.get("manifest_version") {
        None => p.push(ManifestProblem::new(
            "manifest_version",
            ManifestCode::Missing,
        )),
        Some(v) if v.as_u64() != Some(MANIFEST_VERSION) => p.push(ManifestProblem::new(
            "manifest_version",
            ManifestCode::Version,
        )),
        _ => {}
    }
    let name = text(m, "name", &mut p);
    let purpose = text(m, "purpose", &mut p);
    let origin = match m.get("origin") {
        None => {
            p.push(ManifestProblem::new("origin", ManifestCode::Missing));
            None
        }
        Some(v) => match v.as_str().and_then(parse_origin) {
            Some(o) => Some(o),
            None => {
                p.push(ManifestProblem::new("origin", ManifestCode::Origin));
                None
            }
        },
    };
    let delivery = match m.get("delivery") {
        None => {
            p.push(ManifestProblem::new("delivery", ManifestCode::Missing));
            None
        }
        Some(v) => {
            let d = v.as_str().and_then(Delivery::parse);
            if d.is_none() {
                p.push(ManifestProblem::new("delivery", ManifestCode::Delivery));
            }
            d
        }
    };
    let endpoint = match (m.get("endpoint"), delivery) {
        (None, Some(d)) if d.uses_endpoint() => {
            p.push(ManifestProblem::new("endpoint", ManifestCode::Missing));
            None
        }
        (None, _) => None,
        (Some(_), Some(d)) if !d.uses_endpoint() => {
            p.push(ManifestProblem::new("endpoint", ManifestCode::NotNeeded));
            None
        }
        (Some(v), _) => match v.as_str() {
            None => {
                p.push(ManifestProblem::new("endpoint", ManifestCode::Type));
                None
            }
            Some(s) => match crate::url::Url::parse(s) {
                Err(e) => {
                    p.push(ManifestProblem::new("endpoint", ManifestCode::of_url(e)));
                    None
                }
                Ok(u) if origin.as_deref().is_some_and(|origin| !u.is_on(origin)) => {
                    p.push(ManifestProblem::new("endpoint", ManifestCode::OtherOrigin));
                    None
                }
                // The normalised address: what is fetched is what was checked.
                Ok(u) => Some(u.href()),
            },
        },
    };
    // A fetched manifest must be served from the origin it declares: compared through the same parser, and
    // an origin that cannot be read is a refusal, never a skipped check.
    if let Some(served) = served_from {
        let served = parse_origin(served);
        if served.is_none() || served != origin {
            p.push(ManifestProblem::new("origin", ManifestCode::ManifestOrigin));
        }
    }

    let mut claims = Vec::new();
    if let Some(v) = m.get("claims") {
        match v.as_array() {
            None => p.push(ManifestProblem::new("claims", ManifestCode::Type)),
            Some(list) => {
                for (i, c) in list.iter().enumerate() {
                    match c
                        .as_str()
                        .and_then(|s| ClaimId::ALL.iter().find(|c| c.id() == s))
                    {
                        Some(c) if claims.contains(c) => p.push(ManifestProblem::new(
                            format!("claims[{i}]"),
                            ManifestCode::Twice,
                        )),
                        Some(c) => claims.push(*c),
                        None => p.push(ManifestProblem::new(
                            format!("claims[{i}]"),
                            ManifestCode::Claim,
                        )),
                    }
                }
            }
        }
    }

    let (mut required, mut optional) = (Vec::new(), Vec::new());
    match m.get("fields").map(|v| v.as_object()) {
        None => p.push(ManifestProblem::new("fields", ManifestCode::Missing)),
        Some(None) => p.push(ManifestProblem::new("fields", ManifestCode::Type)),
        Some(Some(fields)) => {
            for key in fields.keys() {
                if key != "required" && key != "optional" {
                    p.push(ManifestProblem::new(
                        format!("fields.{key}"),
                        ManifestCode::Unknown,
                    ));
                }
            }
            for (key, out) in [("required", &mut required), ("optional", &mut optional)] {
                let Some(v) = fields.get(key) else { continue };
                let Some(list) = v.as_array() else {
                    p.push(ManifestProblem::new(
                        format!("fields.{key}"),
                        ManifestCode::Type,
                    ));
                    continue;
                };
                for (i, f) in list.iter().enumerate() {
                    match f.as_str().and_then(Field::parse) {
                        Some(f) => out.push(f),
                        None => p.push(ManifestProblem::new(
                            format!("fields.{key}[{i}]"),
                            ManifestCode::Field,
                        )),
                    }
                }
            }
            let all: Vec<Field> = required.iter().chain(optional.iter()).copied().collect();
            for (i, f) in all.iter().enumerate() {
                if all[..i].contains(f) {
                    p.push(ManifestProblem::new(
                        format!("fields: {}", f.id()),
                        ManifestCode::Twice,
                    ));
                }
            }
        }
    }

    let (mut controller, mut controller_contact) = (None, None);
    match m.get("controller").map(|v| v.as_object()) {
        None => p.push(ManifestProblem::new("controller", ManifestCode::Missing)),
        Some(None) => p.push(ManifestProblem::new("controller", ManifestCode::Type)),
        Some(Some(c)) => {
            for key in c.keys() {
                if key != "name" && key != "contact" {
                    p.push(ManifestProblem::new(
                        format!("controller.{key}"),
                        ManifestCode::Unknown,
                    ));
                }
            }
            controller = text_at(c, "name", "controller.name", &mut p);
            controller_contact = text_at(c, "contact", "controller.contact", &mut p);
        }
    }

    let retention_months = int(m, "retention_months", 1..=240, &mut p);
    let (mut fee_hundredths, mut fee_fixed_cents) = (None, None);
    match m.get("fee").map(|v| v.as_object()) {
        None => p.push(ManifestProblem::new("fee", ManifestCode::Missing)),
        Some(None) => p.push(ManifestProblem::new("fee", ManifestCode::Type)),
        Some(Some(f)) => {
            for key in f.keys() {
                if key != "percent" && key != "fixed_cents" {
                    p.push(ManifestProblem::new(
                        format!("fee.{key}"),
                        ManifestCode::Unknown,
                    ));
                }
            }
            fee_hundredths = match f.get("percent").map(|v| v.as_f64()) {
                None => Some(0),
                Some(Some(x)) if (0.0..=100.0).contains(&x) => Some((x * 100.0).round() as u32),
                Some(Some(_)) => {
                    p.push(ManifestProblem::new("fee.percent", ManifestCode::Range));
                    None
                }
                Some(None) => {
                    p.push(ManifestProblem::new("fee.percent", ManifestCode::Type));
                    None
                }
            };
            fee_fixed_cents = match f.get("fixed_cents") {
                None => Some(0),
                Some(v) => match v.as_u64() {
                    Some(c) if c <= 100_000_000 => Some(c),
                    _ => {
                        p.push(ManifestProblem::new("fee.fixed_cents", ManifestCode::Range));
                        None
                    }
                },
            };
        }
    }
    let privacy_policy = match m.get("privacy_policy") {
        None => {
            p.push(ManifestProblem::new(
                "privacy_policy",
                ManifestCode::Missing,
            ));
            None
        }
        Some(v) => match v.as_str().map(crate::url::Url::parse) {
            None => {
                p.push(ManifestProblem::new("privacy_policy", ManifestCode::Type));
                None
            }
            Some(Err(e)) => {
                p.push(ManifestProblem::new(
                    "privacy_policy",
                    ManifestCode::of_url(e),
                ));
                None
            }
            Some(Ok(u)) => Some(u.href()),
        },
    };
    let timeout_seconds = if m.contains_key("timeout_seconds") {
        int(m, "timeout_seconds", TIMEOUT_RANGE, &mut p)
    } else {
        Some(DEFAULT_TIMEOUT_SECONDS)
    };

    match (
        p.is_empty(),
        name,
        origin,
        delivery,
        purpose,
        controller,
        controller_contact,
        retention_months,
        fee_hundredths,
        fee_fixed_cents,
        privacy_policy,
        timeout_seconds,
    ) {
        (
            true,
            Some(name),
            Some(origin),
            Some(delivery),
            Some(purpose),
            Some(controller),
            Some(controller_contact),
            Some(retention_months),
            Some(fee_hundredths),
            Some(fee_fixed_cents),
            Some(privacy_policy),
            Some(timeout_seconds),
        ) => Ok(Campaign {
            name,
            origin,
            endpoint,
            delivery,
            claims,
            required,
            optional,
            purpose,
            controller,
            controller_contact,
            retention_months,
            fee_hundredths,
            fee_fixed_cents,
            privacy_policy,
            timeout_seconds,
        }),
        _ => {
            if p.is_empty() {
                p.push(ManifestProblem::new("", ManifestCode::Invalid));
            }
            Err(p)
        }
    }
}

/// The manifest problem code of an address the URL parser refused.
fn text(m: &Map<String, Value>, key: &str, p: &mut Vec<ManifestProblem>) -> Option<String> {
    text_at(m, key, key, p)
}

fn text_at(
    m: &Map<String, Value>,
    key: &str,
    path: &str,
    p: &mut Vec<ManifestProblem>,
) -> Option<String> {
    let code = match m.get(key) {
        None => ManifestCode::Missing,
        // Format characters (U+202E...) are dropped: a name cannot reorder what the consent screen shows.
        Some(v) => match v.as_str().map(crate::host_config::host_text).as_deref() {
            None => ManifestCode::Type,
            Some("") => ManifestCode::Empty,
            Some(s) if s.chars().count() > MAX_TEXT => ManifestCode::TooLong,
            Some(s) if s.chars().any(|c| c.is_control()) => ManifestCode::Control,
            Some(s) => return Some(s.to_string()),
        },
    };
    p.push(ManifestProblem::new(path, code));
    None
}

fn int(
    m: &Map<String, Value>,
    key: &str,
    range: std::ops::RangeInclusive<u64>,
    p: &mut Vec<ManifestProblem>,
) -> Option<u32> {
    match m.get(key).map(|v| v.as_u64()) {
        None => p.push(ManifestProblem::new(key, ManifestCode::Missing)),
        Some(None) => p.push(ManifestProblem::new(key, ManifestCode::Type)),
        Some(Some(n)) if !range.contains(&n) => {
            p.push(ManifestProblem::new(key, ManifestCode::Range))
        }
        Some(Some(n)) => return Some(n as u32),
    }
    None
}

/// The origin of an absolute `https://` (or loopback `http://`) address, by the one URL parser
/// ([`crate::url`]); `Err` is the problem code (`not_https`, `bad_url`...).
pub fn url_origin(s: &str) -> Result<String, ManifestCode> {
    crate::url::Url::parse(s)
        .map(|u| u.origin())
        .map_err(ManifestCode::of_url)
}

/// Reads an origin: `https://host[:port]`, nothing after (a trailing `/` is tolerated).
pub fn parse_origin(s: &str) -> Option<String> {
    crate::url::parse_origin(s).ok()
}

crate::engine::codes::coded! {
    /// What is wrong with a contact detail the visitor typed; `code()` is the message key `send.error.<code>`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ContactProblem {
        /// Required and left empty.
        Empty = "empty",
        /// Longer than the field allows.
        TooLong = "too_long",
        /// Not an email address.
        Email = "email",
        /// Not a phone number.
        Phone = "phone",
        /// Too short to be an address (a street and a town at least).
        Address = "address",
        /// Contains control characters other than line breaks.
        Control = "control",
    }
}

/// Checks a contact detail as typed: `Ok(None)` when an optional field is left empty, `Ok(Some(value))`
/// with the value to send (trimmed; a phone without its spaces, dots and dashes).
pub fn check_contact(
    field: Contact,
    typed: &str,
    required: bool,
) -> Result<Option<String>, ContactProblem> {
    let v = typed.trim();
    if v.is_empty() {
        return if required {
            Err(ContactProblem::Empty)
        } else {
            Ok(None)
        };
    }
    if v.chars().count() > field.max_len() {
        return Err(ContactProblem::TooLong);
    }
    let multiline = field == Contact::PostalAddress;
    if v.chars()
        .any(|c| c.is_control() && !(multiline && (c == '\n' || c == '\r')))
    {
        return Err(ContactProblem::Control);
    }
    match field {
        Contact::Name | Contact::Lender | Contact::Insurer => Ok(Some(v.to_string())),
        Contact::Email => {
            let ok = v.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && !v.chars().any(char::is_whitespace)
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains("..")
            });
            if ok {
                Ok(Some(v.to_string()))
            } else {
                Err(ContactProblem::Email)
            }
        }
        Contact::Phone => {
            let compact: String = v
                .chars()
                .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')' | '\u{a0}'))
                .collect();
            let digits = compact.strip_prefix('+').unwrap_or(&compact);
            if (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()) {
                Ok(Some(compact))
            } else {
                Err(ContactProblem::Phone)
            }
        }
        Contact::PostalAddress => {
            let words = v.split_whitespace().count();
            if v.chars().count() >= 10 && words >= 3 {
                Ok(Some(v.to_string()))
            } else {
                Err(ContactProblem::Address)
            }
        }
    }
}

/// Whether `key` looks like an idempotency key the widget makes (32 lower-case hex digits).
pub fn is_idempotency_key(key: &str) -> bool {
    key.len() == 32
        && key
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}
