//! The release widget adopts the theme stylesheet that `www/theme.js` (`licThemeCss`, bundled in the embed module)
//! computes, the same as the static start screen; `src/theme.rs` is the reference, with its unit and property tests.
//! This runs `www/theme.js` in node, with the palettes of `www/widget.css` filled in as `scripts/version.mjs` does,
//! for every theme mode and many brand colours and backdrops, and asserts that its stylesheet and its adjusted-colour
//! notes are exactly those of `theme::theme` (`src/embed.rs` `theme_sheet` passes the colours it read as hex).

use std::io::Write;
use std::process::{Command, Stdio};

use loan_insurance_check::theme::{theme, Rgb, ThemeMode};

/// Runs `licThemeCss` on each `[mode, colour, background]` case: `[css, notes]` each.
fn run_js(cases: &serde_json::Value) -> Vec<(String, Vec<(String, String)>)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/www/theme.js")).expect("www/theme.js");
    // scripts/version.mjs `palettes()`: the `--lic-*` colours of the first `:host` block and of the dark block.
    let driver = r#"
import { readFileSync } from 'node:fs';
const css = readFileSync(process.argv[1], 'utf8');
const read = (block) => Object.fromEntries([...block.matchAll(/(--lic-[a-z-]+):\s*#([0-9a-f]{6})/g)]
  .map(([, name, hex]) => [name, hex.match(/../g).map((p) => parseInt(p, 16))]));
const palettes = {
  light: read(/:host\s*\{([^}]*)\}/.exec(css)[1]),
  dark: read(/prefers-color-scheme:\s*dark\)\s*\{\s*:host\s*\{([^}]*)\}/.exec(css)[1]),
};
const source = readFileSync(process.argv[2], 'utf8')
  .replace('const LIC_PALETTES = { light: {}, dark: {} };', `const LIC_PALETTES = ${JSON.stringify(palettes)};`);
if (!source.includes('"--lic-brand"')) throw new Error('the palettes line of www/theme.js was not found');
const { licThemeCss } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);
const cases = JSON.parse(readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(([mode, colour, background]) => {
  const notes = [];
  return [licThemeCss(mode, colour, background, notes), notes];
})));
"#;
    let mut child = Command::new("node")
        .args(["--input-type=module", "-e", driver])
        .arg(format!("{root}/www/widget.css"))
        .arg(format!("{root}/www/theme.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("node (the embed module's theme runs in JavaScript)");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(cases.to_string().as_bytes())
        .expect("write the cases");
    let out = child.wait_with_output().expect("node");
    assert!(out.status.success(), "node failed");
    assert!(source.contains("export function licThemeCss"));
    serde_json::from_slice(&out.stdout).expect("node's answer")
}

#[test]
fn the_shipped_theme_is_the_reference_theme() {
    // Fixed colours that exercise every branch (pale, dark, mid-tone, grey, pure), then pseudo-random ones.
    let mut colours: Vec<Option<Rgb>> = vec![None];
    for v in [
        0xffffff, 0x000000, 0x777777, 0x808080, 0xffd700, 0x000080, 0x005a9c, 0xc8102e, 0x00ff00,
        0x1f4e8c, 0xabcdef, 0x7a1f5c, 0xff0000, 0x0000ff, 0xf5e6c8,
    ] {
        colours.push(Some(Rgb::hex(v)));
    }
    let mut seed: u32 = 0x1234_5678;
    for _ in 0..120 {
        seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        colours.push(Some(Rgb::hex(seed >> 8)));
    }
    let backdrops: Vec<Option<Rgb>> = [
        None,
        Some(0xffffff),
        Some(0x1b1b1b),
        Some(0x777777),
        Some(0xf5e6c8),
        Some(0x3366cc),
    ]
    .into_iter()
    .map(|b| b.map(Rgb::hex))
    .collect();
    let hex = |c: Option<Rgb>| c.map(|c| c.to_string()).unwrap_or_default();
    let mut cases = Vec::new();
    for mode in [
        ThemeMode::Auto,
        ThemeMode::Light,
        ThemeMode::Dark,
        ThemeMode::Transparent,
    ] {
        for (i, brand) in colours.iter().enumerate() {
            // Every backdrop for the fixed colours, one each for the others (transparent only reads it).
            let backdrops: Vec<Option<Rgb>> = if mode != ThemeMode::Transparent {
                vec![None]
            } else if i < 16 {
                backdrops.clone()
            } else {
                vec![backdrops[i % backdrops.len()]]
            };
            for backdrop in backdrops {
                cases.push((mode, *brand, backdrop));
            }
        }
    }
    let input = serde_json::Value::Array(
        cases
            .iter()
            .map(|(m, b, d)| serde_json::json!([m.name(), hex(*b), hex(*d)]))
            .collect(),
    );
    let got = run_js(&input);
    assert_eq!(got.len(), cases.len());
    let mut adjusted = 0;
    for ((mode, brand, backdrop), (css, notes)) in cases.iter().zip(got) {
        let want = theme(*mode, *brand, *backdrop);
        let label = format!("{} {} {}", mode.name(), hex(*brand), hex(*backdrop));
        assert_eq!(css, want.css, "{label}");
        let want_notes: Vec<(String, String)> = want
            .adjustments
            .iter()
            .map(|a| (a.scheme.to_string(), a.to_string()))
            .collect();
        assert_eq!(notes, want_notes, "{label}");
        adjusted += notes.len();
    }
    // The notes were really compared, not only empty lists.
    assert!(adjusted > 50, "{adjusted} adjusted colours");
}
