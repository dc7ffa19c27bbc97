//! How the host wants the widget to look, made safe: colours read from the host's configuration, WCAG
//! contrast computed (never trusted), and the stylesheet of CSS custom properties that `embed.rs`
//! adopts into the widget's shadow root.
//!
//! Pure Rust, no web dependency: it builds and is tested natively. [`config`] reads the host's other
//! configuration values (campaign manifest, featured claims) the same way.
//!
//! Contrast follows WCAG 2.2: relative luminance of sRGB colours, ratio `(L1 + 0.05) / (L2 + 0.05)`;
//! text needs 4.5:1 (AA, 1.4.3), borders and other non-text parts 3:1 (1.4.11).
//! The brand colour is used for text (links, secondary buttons) on the background and as the background
//! of primary buttons, so the widget keeps `--lic-brand` at 4.5:1 on its backgrounds and picks
//! `--lic-on-brand` at 4.5:1 on the brand; a colour that fails is darkened (or lightened, on a dark
//! background) keeping its hue until it passes.

pub mod config;

use std::fmt;

/// Contrast of normal text (WCAG 1.4.3, AA).
pub const TEXT_CONTRAST: f64 = 4.5;
/// Contrast of borders, focus rings and other non-text parts (WCAG 1.4.11, AA).
pub const NON_TEXT_CONTRAST: f64 = 3.0;
/// Longest colour value read; anything longer is refused without looking at it.
const MAX_COLOR_LEN: usize = 64;

/// An opaque sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

/// `x` brought into `0..m` (`m` > 0), as `rem_euclid` does, by a floor instead of a float remainder: f64 `%` is
/// a software `fmod` of about 1.2 KB in the WebAssembly; `floor` is one instruction.
fn wrap(x: f64, m: f64) -> f64 {
    let r = x - m * (x / m).floor();
    if r >= m || r < 0.0 {
        0.0
    } else {
        r
    }
}

impl Rgb {
    /// White.
    pub const WHITE: Rgb = Rgb::hex(0xffffff);
    /// Black.
    pub const BLACK: Rgb = Rgb::hex(0x000000);

    /// `#rrggbb`, lower case (by hand, [`crate::i18n::push_hex`]: the first wasm file carries no hexadecimal
    /// formatting).
    pub fn to_hex(&self) -> String {
        let mut out = String::with_capacity(7);
        out.push('#');
        crate::i18n::push_hex(&mut out, &[self.r, self.g, self.b]);
        out
    }

    /// The colour `0xRRGGBB`.
    pub const fn hex(v: u32) -> Rgb {
        Rgb {
            r: (v >> 16) as u8,
            g: (v >> 8) as u8,
            b: v as u8,
        }
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        fn channel(c: u8) -> f64 {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// `self` mixed with `other`: `t` = 0 gives `self`, 1 gives `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
        Rgb {
            r: m(self.r, other.r),
            g: m(self.g, other.g),
            b: m(self.b, other.b),
        }
    }

    fn to_hsl(self) -> (f64, f64, f64) {
        let (r, g, b) = (
            f64::from(self.r) / 255.0,
            f64::from(self.g) / 255.0,
            f64::from(self.b) / 255.0,
        );
        let max = r.max(g).max(b);
        let min = r.min(g).min(b);
        let l = (max + min) / 2.0;
        let d = max - min;
        if d == 0.0 {
            return (0.0, 0.0, l);
        }
        let s = d / (1.0 - (2.0 * l - 1.0).abs());
        let h = if max == r {
            60.0 * wrap((g - b) / d, 6.0)
        } else if max == g {
            60.0 * ((b - r) / d + 2.0)
        } else {
            60.0 * ((r - g) / d + 4.0)
        };
        (h, s, l)
    }

    fn from_hsl(h: f64, s: f64, l: f64) -> Rgb {
        let s = s.clamp(0.0, 1.0);
        let l = l.clamp(0.0, 1.0);
        let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
        let hp = wrap(h, 360.0) / 60.0;
        let x = c * (1.0 - (wrap(hp, 2.0) - 1.0).abs());
        let (r, g, b) = match hp as u32 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let m = l - c / 2.0;
        let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb {
            r: to(r),
            g: to(g),
            b: to(b),
        }
    }
}

/// `#rrggbb`: the only way a colour reaches CSS, so no host text is ever written into a stylesheet.
impl fmt::Display for Rgb {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

crate::engine::codes::coded! {
    /// Why a colour value was refused.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ColorError {
        /// Nothing given.
        Empty = "empty",
        /// Longer than any colour.
        TooLong = "too_long",
        /// Not `#rgb`, `#rrggbb`, `rgb(…)` or `hsl(…)`.
        Syntax = "syntax",
        /// A colour with transparency: its contrast depends on what is behind it.
        Translucent = "translucent",
    }
}

impl ColorError {
    /// What is wrong, in English, for the integrator's console.
    pub fn explain(self) -> &'static str {
        match self {
            ColorError::Empty => "it is empty",
            ColorError::TooLong => "it is too long to be a colour",
            ColorError::Syntax => {
                "it is not a colour the widget reads (#rgb, #rrggbb, rgb() or hsl())"
            }
            ColorError::Translucent => "it is translucent, so its contrast cannot be guaranteed",
        }
    }
}

/// Reads a CSS colour: `#rgb`, `#rrggbb` (and `#rgba`, `#rrggbbaa` when opaque), `rgb()`/`rgba()` and
/// `hsl()`/`hsla()` in comma or space syntax. Named colours are refused: a hex value says the same
/// thing in every browser.
pub fn parse_color(input: &str) -> Result<Rgb, ColorError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ColorError::Empty);
    }
    if s.len() > MAX_COLOR_LEN {
        return Err(ColorError::TooLong);
    }
    let lower = s.to_ascii_lowercase();
    if let Some(hex) = lower.strip_prefix('#') {
        return parse_hex(hex);
    }
    if lower == "transparent" {
        return Err(ColorError::Translucent);
    }
    let (name, rest) = lower.split_once('(').ok_or(ColorError::Syntax)?;
    let args = rest.strip_suffix(')').ok_or(ColorError::Syntax)?;
    let (main, alpha) = split_alpha(args)?;
    let parts: Vec<&str> = main
        .split(|c: char| c == ',' || c.is_ascii_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let parts: [&str; 3] = parts.try_into().map_err(|_| ColorError::Syntax)?;
    if let Some(a) = alpha {
        if parse_alpha(a)? < 1.0 {
            return Err(ColorError::Translucent);
        }
    }
    match name.trim() {
        "rgb" | "rgba" => {
            let channel = |p: &str| -> Result<u8, ColorError> {
                let v = match p.strip_suffix('%') {
                    Some(pct) => number(pct)? * 2.55,
                    None => number(p)?,
                };
                Ok(v.clamp(0.0, 255.0).round() as u8)
            };
            Ok(Rgb {
                r: channel(parts[0])?,
                g: channel(parts[1])?,
                b: channel(parts[2])?,
            })
        }
        "hsl" | "hsla" => {
            let h = number(parts[0].strip_suffix("deg").unwrap_or(parts[0]))?;
            let pct = |p: &str| -> Result<f64, ColorError> {
                let v = number(p.strip_suffix('%').unwrap_or(p))?;
                Ok(v.clamp(0.0, 100.0) / 100.0)
            };
            Ok(Rgb::from_hsl(h, pct(parts[1])?, pct(parts[2])?))
        }
        _ => Err(ColorError::Syntax),
    }
}

fn parse_hex(hex: &str) -> Result<Rgb, ColorError> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ColorError::Syntax);
    }
    let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).map_err(|_| ColorError::Syntax);
    let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| ColorError::Syntax);
    let (rgb, alpha) = match hex.len() {
        3 | 4 => (
            Rgb {
                r: digit(0)? * 17,
                g: digit(1)? * 17,
                b: digit(2)? * 17,
            },
            if hex.len() == 4 { digit(3)? * 17 } else { 255 },
        ),
        6 | 8 => (
            Rgb {
                r: pair(0)?,
                g: pair(2)?,
                b: pair(4)?,
            },
            if hex.len() == 8 { pair(6)? } else { 255 },
        ),
        _ => return Err(ColorError::Syntax),
    };
    if alpha < 255 {
        return Err(ColorError::Translucent);
    }
    Ok(rgb)
}

/// Splits `r g b / a` or `r, g, b, a` into the three components and the alpha, if any.
fn split_alpha(args: &str) -> Result<(&str, Option<&str>), ColorError> {
    if let Some((main, a)) = args.split_once('/') {
        return Ok((main, Some(a.trim())));
    }
    if args.matches(',').count() == 3 {
        let (main, a) = args.rsplit_once(',').ok_or(ColorError::Syntax)?;
        return Ok((main, Some(a.trim())));
    }
    Ok((args, None))
}

fn parse_alpha(a: &str) -> Result<f64, ColorError> {
    match a.strip_suffix('%') {
        Some(pct) => Ok(number(pct)? / 100.0),
        None => number(a),
    }
}

/// A plain decimal number (`12`, `-4`, `33.5`, `.5`): no exponent, no `inf`. Written by hand rather than
/// with `str::parse::<f64>`, which would add about 10 KB of float parsing to the WebAssembly.
fn number(s: &str) -> Result<f64, ColorError> {
    let s = s.trim();
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty())
        || !all_digits(whole)
        || !all_digits(fraction)
        || whole.len() > 6
    {
        return Err(ColorError::Syntax);
    }
    let mut value = 0.0;
    for b in whole.bytes() {
        value = value * 10.0 + f64::from(b - b'0');
    }
    let mut scale = 0.1;
    for b in fraction.bytes().take(6) {
        value += f64::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Ok(if negative { -value } else { value })
}

/// `ratio` as `4.57`, without the float formatting machinery (a lot of WebAssembly for two decimals).
pub fn ratio_text(ratio: f64) -> String {
    let hundredths = (ratio * 100.0).floor().clamp(0.0, 1e6) as u32;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The `data-theme` values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ThemeMode {
    /// Follows the visitor's light or dark preference (the default).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
    /// No background of its own: the host page shows through, and the colours are fitted to it.
    Transparent,
}

impl ThemeMode {
    /// Every value, as written in `data-theme`.
    pub const NAMES: [&'static str; 4] = ["auto", "light", "dark", "transparent"];

    /// The value as written in `data-theme`.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// Reads `auto`, `light`, `dark` or `transparent` (any case, spaces around); `None` otherwise.
    pub fn parse(value: &str) -> Option<ThemeMode> {
        match value.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(ThemeMode::Auto),
            "light" => Some(ThemeMode::Light),
            "dark" => Some(ThemeMode::Dark),
            "transparent" => Some(ThemeMode::Transparent),
            _ => None,
        }
    }
}

/// The colours of one scheme, one per `--lic-*` custom property of `www/widget.css`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Links, secondary buttons, accents; background of primary buttons.
    pub brand: Rgb,
    /// Text on `brand`.
    pub on_brand: Rgb,
    /// Body text.
    pub text: Rgb,
    /// Hints and secondary text.
    pub muted: Rgb,
    /// The widget's background.
    pub bg: Rgb,
    /// Panels on the background (verdicts, language switch).
    pub surface: Rgb,
    /// Field and panel borders.
    pub border: Rgb,
    /// Error messages.
    pub error: Rgb,
    /// Focus ring.
    pub focus: Rgb,
    /// Positive verdicts.
    pub ok: Rgb,
    /// Warnings and notices.
    pub warn: Rgb,
}

/// The light scheme: the values of `:host` in `www/widget.css`.
pub const LIGHT: Palette = Palette {
    brand: Rgb::hex(0x1f4e8c),
    on_brand: Rgb::hex(0xffffff),
    text: Rgb::hex(0x1e1e1e),
    muted: Rgb::hex(0x4a4a4a),
    bg: Rgb::hex(0xffffff),
    surface: Rgb::hex(0xf4f6f9),
    border: Rgb::hex(0x6b6b6b),
    error: Rgb::hex(0xb3261e),
    focus: Rgb::hex(0xffbf47),
    ok: Rgb::hex(0x18753c),
    warn: Rgb::hex(0x8a4b00),
};

/// The dark scheme: the values of the `prefers-color-scheme: dark` block of `www/widget.css`.
pub const DARK: Palette = Palette {
    brand: Rgb::hex(0x8fb8ff),
    on_brand: Rgb::hex(0x0b1a2e),
    text: Rgb::hex(0xf0f0f0),
    muted: Rgb::hex(0xc8c8c8),
    bg: Rgb::hex(0x161a1f),
    surface: Rgb::hex(0x222831),
    border: Rgb::hex(0xa0a0a0),
    error: Rgb::hex(0xff8a80),
    focus: Rgb::hex(0xffbf47),
    ok: Rgb::hex(0x7ed69a),
    warn: Rgb::hex(0xffc266),
};

impl Palette {
    /// `(custom property, colour)` pairs, in the order of `www/widget.css`.
    pub fn properties(&self) -> [(&'static str, Rgb); 11] {
        [
            ("--lic-brand", self.brand),
            ("--lic-on-brand", self.on_brand),
            ("--lic-text", self.text),
            ("--lic-muted", self.muted),
            ("--lic-bg", self.bg),
            ("--lic-surface", self.surface),
            ("--lic-border", self.border),
            ("--lic-error", self.error),
            ("--lic-focus", self.focus),
            ("--lic-ok", self.ok),
            ("--lic-warn", self.warn),
        ]
    }
}

/// Whether `c` reaches `ratio` against every colour of `backgrounds`.
fn passes(c: Rgb, backgrounds: &[Rgb], ratio: f64) -> bool {
    backgrounds.iter().all(|bg| contrast(c, *bg) >= ratio)
}

/// `c`, or the nearest colour of the same hue and saturation that reaches `ratio` against every
/// background: darker on a light background, lighter on a dark one. Ends at black or white, which
/// always reach 4.5:1 against one opaque background.
pub fn fit(c: Rgb, backgrounds: &[Rgb], ratio: f64) -> Rgb {
    if passes(c, backgrounds, ratio) {
        return c;
    }
    let reference = backgrounds.first().copied().unwrap_or(Rgb::WHITE);
    let darken = contrast(reference, Rgb::BLACK) >= contrast(reference, Rgb::WHITE);
    let (h, s, l) = c.to_hsl();
    let mut step = 1;
    loop {
        let target = if darken {
            l - 0.01 * f64::from(step)
        } else {
            l + 0.01 * f64::from(step)
        };
        let candidate = Rgb::from_hsl(h, s, target);
        if passes(candidate, backgrounds, ratio) || !(0.0..=1.0).contains(&target) {
            return candidate;
        }
        step += 1;
    }
}

/// The text colour, white or near-black, that reads best on `background`.
pub fn ink_on(background: Rgb) -> Rgb {
    let dark = Rgb::hex(0x111111);
    if contrast(Rgb::WHITE, background) >= contrast(dark, background) {
        Rgb::WHITE
    } else {
        dark
    }
}

/// A brand colour the widget could not use as given.
#[derive(Clone, Debug, PartialEq)]
pub struct Adjustment {
    /// Which scheme (`light`, `dark`, `host background`).
    pub scheme: &'static str,
    /// The colour it was checked against.
    pub background: Rgb,
    /// The colour given.
    pub given: Rgb,
    /// Its contrast on `background`.
    pub given_ratio: f64,
    /// The colour used instead.
    pub used: Rgb,
    /// Its contrast on `background`.
    pub used_ratio: f64,
}

impl fmt::Display for Adjustment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "on the {} background {} it reaches {}:1, below the 4.5:1 of WCAG AA; the widget uses {} ({}:1) instead",
            self.scheme,
            self.background,
            ratio_text(self.given_ratio),
            self.used,
            ratio_text(self.used_ratio)
        )
    }
}

/// `base` with `brand` fitted to its backgrounds, and the brand's text colour chosen for it.
fn with_brand(
    base: Palette,
    brand: Option<Rgb>,
    scheme: &'static str,
    notes: &mut Vec<Adjustment>,
) -> Palette {
    let Some(given) = brand else {
        return base;
    };
    let backgrounds = [base.bg, base.surface];
    let mut used = fit(given, &backgrounds, TEXT_CONTRAST);
    // White or near-black text on the brand: after `fit` one of them passes, except on a mid-tone
    // background; then keep moving the brand away from the background.
    while contrast(ink_on(used), used) < TEXT_CONTRAST {
        let next = fit(used, &backgrounds, contrast(used, base.bg) + 0.25);
        if next == used {
            break;
        }
        used = next;
    }
    if used != given {
        notes.push(Adjustment {
            scheme,
            background: base.bg,
            given,
            given_ratio: contrast(given, base.bg),
            used,
            used_ratio: contrast(used, base.bg),
        });
    }
    Palette {
        brand: used,
        on_brand: ink_on(used),
        ..base
    }
}

/// The palette for a transparent widget over the host's `backdrop`: the light or dark scheme, whichever
/// suits it, with every colour fitted to the backdrop and to a surface tinted from it.
pub fn over(backdrop: Rgb) -> Palette {
    let base = if contrast(backdrop, Rgb::BLACK) >= contrast(backdrop, Rgb::WHITE) {
        LIGHT
    } else {
        DARK
    };
    // Panels are tinted towards the text colour, unless that would leave no readable text on them
    // (mid-tone backdrops): then away from it.
    let (text_extreme, other_extreme) = if base.text.luminance() < 0.5 {
        (Rgb::BLACK, Rgb::WHITE)
    } else {
        (Rgb::WHITE, Rgb::BLACK)
    };
    let toward_text = backdrop.mix(base.text, 0.06);
    let surface = if contrast(text_extreme, toward_text) >= TEXT_CONTRAST + 0.1 {
        toward_text
    } else {
        backdrop.mix(other_extreme, 0.12)
    };
    let both = [backdrop, surface];
    let text = |c: Rgb| fit(c, &both, TEXT_CONTRAST);
    Palette {
        brand: text(base.brand),
        on_brand: ink_on(text(base.brand)),
        text: text(base.text),
        muted: text(base.muted),
        bg: backdrop,
        surface,
        border: fit(base.border, &[backdrop], NON_TEXT_CONTRAST),
        error: text(base.error),
        focus: base.focus,
        ok: text(base.ok),
        warn: text(base.warn),
    }
}

/// The theme stylesheet and what had to change to keep it readable.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// CSS for a constructable stylesheet adopted after `www/widget.css`: custom properties on `:host`
    /// and the colour scheme of the widget's root (`.lic-root`).
    pub css: String,
    /// Brand colours that did not reach 4.5:1 and were adjusted (for the console).
    pub adjustments: Vec<Adjustment>,
}

fn block(css: &mut String, palette: &Palette, transparent: bool, scheme: &str) {
    css.push_str(":host{");
    for (name, colour) in palette.properties() {
        if transparent && name == "--lic-bg" {
            css.push_str("--lic-bg:transparent;");
        } else {
            css.push_str(&format!("{name}:{colour};"));
        }
    }
    css.push_str("}.lic-root{color-scheme:");
    css.push_str(scheme);
    css.push('}');
}

/// The theme for `mode` with an optional brand colour. `backdrop` is the host's background behind a
/// transparent widget (white when unknown); other modes ignore it.
pub fn theme(mode: ThemeMode, brand: Option<Rgb>, backdrop: Option<Rgb>) -> Theme {
    let mut adjustments = Vec::new();
    let mut css = String::new();
    match mode {
        ThemeMode::Light => {
            block(
                &mut css,
                &with_brand(LIGHT, brand, "light", &mut adjustments),
                false,
                "light",
            );
        }
        ThemeMode::Dark => {
            block(
                &mut css,
                &with_brand(DARK, brand, "dark", &mut adjustments),
                false,
                "dark",
            );
        }
        ThemeMode::Auto => {
            block(
                &mut css,
                &with_brand(LIGHT, brand, "light", &mut adjustments),
                false,
                "light",
            );
            css.push_str("@media (prefers-color-scheme: dark){");
            block(
                &mut css,
                &with_brand(DARK, brand, "dark", &mut adjustments),
                false,
                "dark",
            );
            css.push('}');
        }
        ThemeMode::Transparent => {
            let backdrop = backdrop.unwrap_or(Rgb::WHITE);
            let base = over(backdrop);
            let scheme = if base.text.luminance() < 0.5 {
                "light"
            } else {
                "dark"
            };
            block(
                &mut css,
                &with_brand(base, brand, "host", &mut adjustments),
                true,
                scheme,
            );
        }
    }
    Theme { css, adjustments }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_the_standard_lower_case_hex() {
        for (r, g, b) in [
            (0u8, 0u8, 0u8),
            (255, 255, 255),
            (0x1f, 0x4e, 0x8c),
            (1, 16, 171),
        ] {
            assert_eq!(Rgb { r, g, b }.to_hex(), format!("#{r:02x}{g:02x}{b:02x}"));
        }
    }

    #[test]
    fn wrap_is_rem_euclid() {
        for m in [2.0, 6.0, 360.0] {
            for i in -4000..4000 {
                let x = f64::from(i) * 0.37;
                let (a, b) = (wrap(x, m), x.rem_euclid(m));
                assert!(
                    (a - b).abs() < 1e-9 || (b - m).abs() < 1e-9,
                    "{x} mod {m}: {a} vs {b}"
                );
                assert!((0.0..m).contains(&a), "{x} mod {m}: {a}");
            }
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.01
    }

    #[test]
    fn contrast_matches_the_wcag_reference_values() {
        assert!(close(contrast(Rgb::WHITE, Rgb::BLACK), 21.0));
        assert!(close(contrast(Rgb::WHITE, Rgb::WHITE), 1.0));
        // #767676 on white is the classic other_extreme grey that passes AA (4.54:1).
        assert!(close(contrast(Rgb::hex(0x767676), Rgb::WHITE), 4.54));
        assert!(contrast(Rgb::hex(0x777777), Rgb::WHITE) < 4.5);
        assert!(close(Rgb::hex(0xff0000).luminance(), 0.2126));
    }

    #[test]
    fn reads_the_usual_colour_forms() {
        let blue = Rgb::hex(0x1f4e8c);
        for s in [
            "#1f4e8c",
            "#1F4E8C",
            " #1f4e8c ",
            "#1f4e8cff",
            "rgb(31, 78, 140)",
            "rgb(31 78 140)",
            "RGB(31,78,140)",
            "rgba(31, 78, 140, 1)",
            "rgb(31 78 140 / 100%)",
        ] {
            assert_eq!(parse_color(s), Ok(blue), "{s}");
        }
        assert_eq!(parse_color("#fa0"), Ok(Rgb::hex(0xffaa00)));
        assert_eq!(parse_color("#fa0f"), Ok(Rgb::hex(0xffaa00)));
        assert_eq!(parse_color("rgb(100%, 0%, 0%)"), Ok(Rgb::hex(0xff0000)));
        assert_eq!(parse_color("hsl(120, 100%, 25%)"), Ok(Rgb::hex(0x008000)));
        assert_eq!(parse_color("hsl(240deg 100% 50%)"), Ok(Rgb::hex(0x0000ff)));
        assert_eq!(parse_color("rgb(300, -4, 12)"), Ok(Rgb::hex(0xff000c)));
        assert_eq!(parse_color("rgb(12.4, 12.6, +0.5)"), Ok(Rgb::hex(0x0c0d01)));
        assert_eq!(parse_color("hsl(0, 0%, .5%)"), Ok(Rgb::hex(0x010101)));
        assert_eq!(ratio_text(4.5678), "4.56");
        assert_eq!(ratio_text(21.0), "21.00");
    }

    #[test]
    fn refuses_what_it_cannot_check() {
        use ColorError::*;
        for (s, e) in [
            ("", Empty),
            ("   ", Empty),
            ("red", Syntax),
            ("#12", Syntax),
            ("#12345", Syntax),
            ("#ggg", Syntax),
            ("#ééé", Syntax),
            ("rgb(1,2)", Syntax),
            ("rgb(1,2,3", Syntax),
            ("rgb(a,b,c)", Syntax),
            ("rgb(1e400,2,3)", Syntax),
            ("rgb(1e2,2,3)", Syntax),
            ("rgb(inf,2,3)", Syntax),
            ("rgb(.,2,3)", Syntax),
            ("rgb(-,2,3)", Syntax),
            ("cmyk(1,2,3)", Syntax),
            ("url(javascript:alert(1))", Syntax),
            ("#1f4e8c; background: url(x)", Syntax),
            ("transparent", Translucent),
            ("#1f4e8c80", Translucent),
            ("#0008", Translucent),
            ("rgba(0,0,0,0.5)", Translucent),
            ("rgb(0 0 0 / 50%)", Translucent),
        ] {
            assert_eq!(parse_color(s), Err(e), "{s:?}");
        }
        assert_eq!(parse_color(&"#".repeat(100)), Err(TooLong));
        assert!(!ColorError::Syntax.explain().is_empty());
    }

    #[test]
    fn theme_modes_are_read_leniently() {
        assert_eq!(ThemeMode::parse(" Dark "), Some(ThemeMode::Dark));
        assert_eq!(
            ThemeMode::parse("TRANSPARENT"),
            Some(ThemeMode::Transparent)
        );
        for name in ThemeMode::NAMES {
            assert_eq!(ThemeMode::parse(name).map(ThemeMode::name), Some(name));
        }
        assert_eq!(ThemeMode::parse("neon"), None);
        assert_eq!(ThemeMode::parse(""), None);
    }

    /// Every text colour of a palette reaches 4.5:1 on its background and surface, borders 3:1,
    /// and the brand's text 4.5:1 on the brand.
    fn assert_readable(p: &Palette, label: &str) {
        for (name, c) in [
            ("brand", p.brand),
            ("text", p.text),
            ("muted", p.muted),
            ("error", p.error),
            ("ok", p.ok),
            ("warn", p.warn),
        ] {
            for (bg_name, bg) in [("bg", p.bg), ("surface", p.surface)] {
                let ratio = contrast(c, bg);
                assert!(
                    ratio >= TEXT_CONTRAST,
                    "{label}: {name} {c} on {bg_name} {bg}: {ratio:.2}"
                );
            }
        }
        assert!(
            contrast(p.on_brand, p.brand) >= TEXT_CONTRAST,
            "{label}: on-brand"
        );
        assert!(
            contrast(p.border, p.bg) >= NON_TEXT_CONTRAST,
            "{label}: border"
        );
    }

    #[test]
    fn the_default_palettes_are_readable() {
        assert_readable(&LIGHT, "light");
        assert_readable(&DARK, "dark");
    }

    /// `www/widget.css` holds the same defaults, so the widget looks the same before and after the theme
    /// stylesheet is adopted (and when a browser cannot construct one).
    #[test]
    fn widget_css_defaults_match_the_palettes() {
        let css = include_str!("../www/widget.css");
        let host = css.split(":host {").nth(1).expect(":host block");
        let light = host.split('}').next().unwrap();
        let dark = css
            .split("@media (prefers-color-scheme: dark)")
            .nth(1)
            .expect("dark block")
            .split('}')
            .next()
            .unwrap();
        for (palette, text, label) in [(LIGHT, light, "light"), (DARK, dark, "dark")] {
            for (name, colour) in palette.properties() {
                let want = format!("{name}: {colour};");
                assert!(
                    text.contains(&want),
                    "{label} block of widget.css lacks `{want}`"
                );
            }
        }
    }

    #[test]
    fn a_readable_brand_is_kept_as_given() {
        let t = theme(ThemeMode::Light, Some(Rgb::hex(0x005a9c)), None);
        assert!(t.adjustments.is_empty());
        assert!(t.css.contains("--lic-brand:#005a9c;"));
        assert!(t.css.contains("--lic-on-brand:#ffffff;"));
        assert!(t.css.contains(".lic-root{color-scheme:light}"));
    }

    #[test]
    fn a_pale_brand_is_darkened_on_light_and_kept_on_dark() {
        let gold = Rgb::hex(0xffd700);
        let t = theme(ThemeMode::Auto, Some(gold), None);
        assert_eq!(t.adjustments.len(), 1, "{:?}", t.adjustments);
        let a = &t.adjustments[0];
        assert_eq!(a.scheme, "light");
        assert!(a.given_ratio < 2.0 && a.used_ratio >= TEXT_CONTRAST);
        // Same hue, darker.
        let (h0, _, l0) = gold.to_hsl();
        let (h1, _, l1) = a.used.to_hsl();
        assert!((h0 - h1).abs() < 3.0 && l1 < l0, "{h0} {h1} {l0} {l1}");
        assert!(t.css.contains(&format!("--lic-brand:{};", a.used)));
        // On dark, gold reads well, with dark text on it.
        assert!(t
            .css
            .contains("--lic-brand:#ffd700;--lic-on-brand:#111111;"));
        assert!(t.css.contains("@media (prefers-color-scheme: dark){:host{"));
        assert!(a.to_string().contains("4.5:1"));
    }

    #[test]
    fn a_dark_brand_is_lightened_on_dark() {
        let navy = Rgb::hex(0x000080);
        let t = theme(ThemeMode::Dark, Some(navy), None);
        assert_eq!(t.adjustments.len(), 1);
        assert!(t.adjustments[0].used.luminance() > navy.luminance());
        assert!(!t.css.contains("@media"));
        assert!(t.css.contains(".lic-root{color-scheme:dark}"));
    }

    #[test]
    fn transparent_follows_the_host_background() {
        let t = theme(ThemeMode::Transparent, None, Some(Rgb::hex(0x102030)));
        assert!(t.css.contains("--lic-bg:transparent;"));
        assert!(t.css.contains("color-scheme:dark"));
        let t = theme(ThemeMode::Transparent, None, None);
        assert!(t.css.contains("color-scheme:light"));
        for backdrop in [
            0xffffff, 0xf5ecd7, 0x102030, 0x777777, 0x3366cc, 0xffcc00, 0x000000,
        ] {
            assert_readable(&over(Rgb::hex(backdrop)), &format!("over #{backdrop:06x}"));
        }
    }

    #[test]
    fn the_stylesheet_holds_only_hex_colours_and_known_words() {
        let t = theme(ThemeMode::Auto, Some(Rgb::hex(0x123456)), None);
        let allowed = |c: char| c.is_ascii_alphanumeric() || ":;{}#-.()@ ".contains(c);
        assert!(t.css.chars().all(allowed), "{}", t.css);
    }

    mod properties {
        use super::super::*;
        use super::assert_readable;
        use proptest::prelude::*;

        fn any_rgb() -> impl Strategy<Value = Rgb> {
            any::<u32>().prop_map(|v| Rgb::hex(v & 0xffffff))
        }

        proptest! {
            /// Whatever brand colour a host gives, in every mode, the widget's colours stay readable.
            #[test]
            fn any_brand_stays_readable(brand in any_rgb(), backdrop in any_rgb()) {
                let mut notes = Vec::new();
                assert_readable(&with_brand(LIGHT, Some(brand), "light", &mut notes), "light");
                assert_readable(&with_brand(DARK, Some(brand), "dark", &mut notes), "dark");
                let over = over(backdrop);
                let p = with_brand(over, Some(brand), "host", &mut notes);
                // Against a mid-tone backdrop, black or white is the best possible: at least 4.5:1 on
                // the backdrop itself.
                prop_assert!(contrast(p.brand, backdrop) >= TEXT_CONTRAST);
                prop_assert!(contrast(p.on_brand, p.brand) >= TEXT_CONTRAST);
            }

            /// Whatever text a host writes in `data-color`, parsing never panics, and what reaches CSS is a
            /// hex colour.
            #[test]
            fn parsing_never_panics(s in ".{0,80}") {
                if let Ok(c) = parse_color(&s) {
                    let hex = c.to_string();
                    prop_assert!(hex.len() == 7 && hex.starts_with('#'));
                }
            }

            #[test]
            fn hsl_round_trips(c in any_rgb()) {
                let (h, s, l) = c.to_hsl();
                let back = Rgb::from_hsl(h, s, l);
                prop_assert!((i16::from(back.r) - i16::from(c.r)).abs() <= 1);
                prop_assert!((i16::from(back.g) - i16::from(c.g)).abs() <= 1);
                prop_assert!((i16::from(back.b) - i16::from(c.b)).abs() <= 1);
            }
        }
    }
}
