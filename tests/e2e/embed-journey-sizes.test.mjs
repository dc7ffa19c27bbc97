// What a full journey really loads, read from the browser: a visitor goes from the start screen to a letter in headless
// Chromium, in French, in English (the page configured in English from the start) and switching language midway; the
// request log of each journey must name exactly the files scripts/sizes.mjs counts for it (JOURNEY), each once, and
// nothing else besides the host page; and their brotli sum, as sizes.mjs counts it, stays under the journey ceiling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITE, start, open, widgetReady, assertNoRequestsAfter } from './harness.mjs';
import { fillQuestionnaire } from './person.mjs';
import { lawCases, widgetOf, messages } from './act-helpers.mjs';
import { BUDGETS, CEILINGS, JOURNEY, modes } from '../../scripts/sizes.mjs';

const FILES = JSON.parse(readFileSync(join(SITE, 'www', 'files.json'), 'utf8')).files;
const m = modes(SITE);
const scenario = lawCases().example_d_debits_after_payoff;
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** The demo page with its widget in `lang` (data-lang), as an association would configure it. */
async function openIn(lang) {
  const s = await open({ browser: env.browser, base: 'about:' }, 'blank', { today: scenario.as_of });
  await s.page.route(`${env.base}/`, async (route) => {
    const page = await route.fetch();
    const html = (await page.text()).replace('data-lang="fr"', `data-lang="${lang}"`);
    assert.ok(html.includes(`data-lang="${lang}"`));
    await route.fulfill({ response: page, body: html });
  });
  await s.page.goto(`${env.base}/`);
  return s;
}

/**
 * From the start screen to the result and the letter of its claim, in `lang`; `switchTo` is clicked (the language
 * switch) once the first questions are answered. Returns the requests of the page, as paths.
 */
async function fullJourney(lang, switchTo = null) {
  const s = await openIn(lang);
  const loaded = await widgetReady(s);
  const widget = widgetOf(s.page);
  let msg = messages(lang);
  await widget.getByRole('button', { name: msg['start.begin'] }).click();
  let given = {};
  if (switchTo) {
    given = await fillQuestionnaire(s.page, scenario.answers, lang, { stopAt: 'repaid_early' });
    await widget.getByRole('button', { name: switchTo === 'en' ? 'English' : 'Français' }).click();
    msg = messages(switchTo);
    lang = switchTo;
  }
  // Answers already given are kept across the switch: the questionnaire goes on from there.
  Object.assign(given, await fillQuestionnaire(s.page, scenario.answers, lang));
  await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
  await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  const block = widget.locator('.lic-act-claim').filter({ has: s.page.getByRole('heading', { level: 4, name: msg['claim.after_payoff.title'] }) });
  await block.getByRole('button', { name: msg['act.letter.show'] }).click();
  await block.locator('article.lic-doc').waitFor();
  assertNoRequestsAfter(s, loaded, `a full journey in ${lang}`);
  const paths = s.requests.filter((u) => u.startsWith(env.base)).map((u) => new URL(u).pathname);
  await s.context.close();
  return paths;
}

/** The request log's paths, as www/files.json roles: the host page's own files (the page, its stylesheet) aside. */
function roles(paths) {
  const host = ['/', '/www/host-demo.css', '/www/embed.js'];
  const byPath = Object.fromEntries(Object.entries(FILES).map(([role, f]) => [`/${f.path}`, role]));
  const unknown = paths.filter((p) => !host.includes(p) && !byPath[p]);
  assert.deepEqual(unknown, [], 'requests for files that are neither the host page\'s nor the widget\'s');
  const own = paths.filter((p) => byPath[p]).map((p) => byPath[p]);
  assert.deepEqual(own, [...new Set(own)], 'each of the widget\'s files requested once');
  return own.sort();
}

/** The demo page loads the unversioned alias www/embed.js (same bytes as the versioned bundle, embed-sizes): its role. */
const asEmbed = (paths) => paths.map((p) => (p === '/www/embed.js' ? `/${FILES.embed.path}` : p));

for (const lang of Object.keys(JOURNEY)) {
  test(`A full journey in ${lang.toUpperCase()} loads exactly the files sizes.mjs counts for it, under the journey ceiling`, async () => {
    const loaded = roles(asEmbed(await fullJourney(lang)));
    const counted = [...JOURNEY[lang].needed, ...JOURNEY[lang].prefetched].sort();
    assert.deepEqual(loaded, counted, `the browser's request log against scripts/sizes.mjs JOURNEY.${lang}`);
    const j = m.journeys[lang];
    assert.deepEqual(j.files.sort(), counted.map((r) => FILES[r].path).sort());
    console.log(`journey ${lang}: ${kb(j.brotli)} brotli (read in ${lang}: ${kb(j.needed.brotli)}; budget ${kb(BUDGETS.journey)}, ceiling ${kb(CEILINGS.journey)})`);
    assert.ok(j.brotli <= CEILINGS.journey, `journey ${lang}: ${kb(j.brotli)} over the ceiling ${kb(CEILINGS.journey)} (${j.files.join(', ')})`);
  });
}

test('Switching language mid-journey loads both languages\' words and nothing more, each file once', async () => {
  const loaded = roles(asEmbed(await fullJourney('fr', 'en')));
  const counted = m.switching.files.map((f) => Object.keys(FILES).find((r) => FILES[r].path === f)).sort();
  assert.deepEqual(loaded, counted);
  console.log(`switching mid-journey: ${kb(m.switching.brotli)} brotli`);
  assert.ok(m.switching.brotli <= CEILINGS.journey, `switching: ${kb(m.switching.brotli)} over the ceiling ${kb(CEILINGS.journey)}`);
});
