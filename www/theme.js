// loan-insurance-check: the theme stylesheet of the static start screen (embed.js), before the WebAssembly arrives.
// The same computation as src/theme.rs `theme()` (WCAG contrast, the brand colour fitted to 4.5:1 keeping its hue,
// the transparent palette over the host's backdrop), so that the start screen has the colours the widget will have:
// tests/e2e/embed-loading.test.mjs compares this stylesheet with the widget's for many colours and modes.
// Only `#rgb`/`#rrggbb` colours are read here (the form the integration page writes); for another form licThemeCss
// returns null and the widget shows its first screen when the WebAssembly has started, as before.
// The palettes are those of www/widget.css (filled in by scripts/version.mjs: one source).

const LIC_PALETTES = { light: {}, dark: {} };

const licHex = (c) => `#${c.map((v) => v.toString(16).padStart(2, '0')).join('')}`;
const licWhite = [255, 255, 255];
const licBlack = [0, 0, 0];

function licLuminance(c) {
  const [r, g, b] = c.map((v) => {
    const x = v / 255;
    return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function licContrast(a, b) {
  const [la, lb] = [licLuminance(a), licLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// `x` brought into `0..n` as src/theme.rs `wrap` does it (by a floor, not a remainder): the same bits, so the same
// colour after rounding.
const licMod = (x, n) => {
  const r = x - n * Math.floor(x / n);
  return r >= n || r < 0 ? 0 : r;
};
const licClamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

function licToHsl([r8, g8, b8]) {
  const [r, g, b] = [r8 / 255, g8 / 255, b8 / 255];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return [0, 0, l];
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === r ? 60 * licMod((g - b) / d, 6) : max === g ? 60 * ((b - r) / d + 2) : 60 * ((r - g) / d + 4);
  return [h, s, l];
}

function licFromHsl(h, s0, l0) {
  const s = licClamp(s0, 0, 1);
  const l = licClamp(l0, 0, 1);
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const hp = licMod(h, 360) / 60;
  const x = c * (1 - Math.abs(licMod(hp, 2) - 1));
  const [r, g, b] = [[c, x, 0], [x, c, 0], [0, c, x], [0, x, c], [x, 0, c]][Math.trunc(hp)] ?? [c, 0, x];
  const m = l - c / 2;
  return [r, g, b].map((v) => licClamp(Math.round((v + m) * 255), 0, 255));
}

const licMix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
const licSame = (a, b) => a.every((v, i) => v === b[i]);
const licPasses = (c, backgrounds, ratio) => backgrounds.every((bg) => licContrast(c, bg) >= ratio);

function licFit(c, backgrounds, ratio) {
  if (licPasses(c, backgrounds, ratio)) return c;
  const reference = backgrounds[0] ?? licWhite;
  const darken = licContrast(reference, licBlack) >= licContrast(reference, licWhite);
  const [h, s, l] = licToHsl(c);
  for (let step = 1; ; step++) {
    const target = darken ? l - 0.01 * step : l + 0.01 * step;
    const candidate = licFromHsl(h, s, target);
    if (licPasses(candidate, backgrounds, ratio) || !(target >= 0 && target <= 1)) return candidate;
  }
}

function licInkOn(background) {
  const dark = [0x11, 0x11, 0x11];
  return licContrast(licWhite, background) >= licContrast(dark, background) ? licWhite : dark;
}

/** `ratio` as `4.57` (floored to the hundredth, as src/theme.rs `ratio_text`). */
const licRatio = (ratio) => (Math.floor(ratio * 100) / 100).toFixed(2);

/**
 * `base` with `brand` fitted to its backgrounds. A brand changed on the way is told to `notes` (when given) as
 * [scheme, text], the text of src/theme.rs `Adjustment` (the widget's console line).
 */
function licWithBrand(base, brand, scheme, notes) {
  if (!brand) return base;
  const bg = base['--lic-bg'];
  const backgrounds = [bg, base['--lic-surface']];
  let used = licFit(brand, backgrounds, 4.5);
  while (licContrast(licInkOn(used), used) < 4.5) {
    const next = licFit(used, backgrounds, licContrast(used, bg) + 0.25);
    if (licSame(next, used)) break;
    used = next;
  }
  if (notes && !licSame(used, brand)) {
    notes.push([scheme, `on the ${scheme} background ${licHex(bg)} it reaches ${licRatio(licContrast(brand, bg))}:1, below the 4.5:1 `
      + `of WCAG AA; the widget uses ${licHex(used)} (${licRatio(licContrast(used, bg))}:1) instead`]);
  }
  return { ...base, '--lic-brand': used, '--lic-on-brand': licInkOn(used) };
}

function licOver(backdrop) {
  const base = licContrast(backdrop, licBlack) >= licContrast(backdrop, licWhite) ? LIC_PALETTES.light : LIC_PALETTES.dark;
  const [textExtreme, otherExtreme] = licLuminance(base['--lic-text']) < 0.5 ? [licBlack, licWhite] : [licWhite, licBlack];
  const towardText = licMix(backdrop, base['--lic-text'], 0.06);
  const surface = licContrast(textExtreme, towardText) >= 4.5 + 0.1 ? towardText : licMix(backdrop, otherExtreme, 0.12);
  const text = (c) => licFit(c, [backdrop, surface], 4.5);
  const palette = {};
  for (const [name, colour] of Object.entries(base)) palette[name] = text(colour);
  return {
    ...palette,
    '--lic-on-brand': licInkOn(text(base['--lic-brand'])),
    '--lic-bg': backdrop,
    '--lic-surface': surface,
    '--lic-border': licFit(base['--lic-border'], [backdrop], 3),
    '--lic-focus': base['--lic-focus'],
  };
}

function licBlock(palette, transparent, scheme) {
  const props = Object.entries(palette)
    .map(([name, c]) => (transparent && name === '--lic-bg' ? '--lic-bg:transparent;' : `${name}:${licHex(c)};`)).join('');
  return `:host{${props}}.lic-root{color-scheme:${scheme}}`;
}

/** `#rgb`, `#rrggbb` (`#rgba`, `#rrggbbaa` when opaque) as [r, g, b]; null when not such a colour. */
function licParseHex(value) {
  const hex = /^#([0-9a-f]+)$/.exec(value.trim().toLowerCase())?.[1] ?? '';
  const short = hex.length === 3 || hex.length === 4;
  if (!short && hex.length !== 6 && hex.length !== 8) return null;
  const parts = short ? [...hex].map((d) => parseInt(d, 16) * 17) : hex.match(/../g).map((p) => parseInt(p, 16));
  return parts.length === 4 && parts[3] < 255 ? null : parts.slice(0, 3);
}

/**
 * The theme stylesheet the widget will adopt for `theme`, `color` and (transparent) `background` (a computed
 * `rgb(...)`), or null when the colour is not in a form read here. The widget itself adopts this stylesheet too
 * (src/embed.rs, `themeCss`: it passes the colours it has read, as hex), with `notes` an array that receives the
 * brand colours adjusted to stay readable ([scheme, text]); tests/theme_js.rs holds it equal to src/theme.rs.
 */
export function licThemeCss(theme, color, background, notes) {
  const value = String(color ?? '').trim();
  // A colour that is not a hex value: rgb(), hsl() or not a colour at all; only the widget can say which.
  if (value && !value.startsWith('#')) return null;
  const brand = value ? licParseHex(value) : null;
  const mode = String(theme ?? '').trim().toLowerCase();
  if (mode === 'light' || mode === 'dark') return licBlock(licWithBrand(LIC_PALETTES[mode], brand, mode, notes), false, mode);
  if (mode === 'transparent') {
    // As the widget reads it: an opaque rgb() (what getComputedStyle gives) or hex; anything else is white.
    const m = /^rgba?\((\d+)[,\s]+(\d+)[,\s]+(\d+)(?:[,\s/]+([\d.]+))?\)$/.exec(String(background ?? '').trim());
    const backdrop = m && (m[4] == null || Number(m[4]) >= 1) ? m.slice(1, 4).map((v) => Math.min(255, Number(v)))
      : licParseHex(String(background ?? '')) ?? licWhite;
    const base = licOver(backdrop);
    return licBlock(licWithBrand(base, brand, 'host', notes), true, licLuminance(base['--lic-text']) < 0.5 ? 'light' : 'dark');
  }
  return `${licBlock(licWithBrand(LIC_PALETTES.light, brand, 'light', notes), false, 'light')}@media (prefers-color-scheme: dark){`
    + `${licBlock(licWithBrand(LIC_PALETTES.dark, brand, 'dark', notes), false, 'dark')}}`;
}
