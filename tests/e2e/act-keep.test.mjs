// Keep and resume without a server (issue 7), on the release build: nothing stored and no cookie unless the
// visitor opts in; the dossier file exported then imported in a fresh browser gives the same result; importing
// over answers already given asks first (cancel changes nothing); every corrupted dossier of tests/fixtures and
// every damaged resume link gets its message, never a crash, and changes nothing; the resume link carries the
// answers in the fragment, which no request ever contains, and leaves the address bar once read; "remember on
// this device" restores after a reload, and "forget everything" empties the storage. axe on each state; no
// request after the widget loaded.
// Each law case is typed once in this file (the resume link's own test types its case); the later tests reach the
// result by the resume link that gave (act-helpers.mjs reachResult).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, open, widgetReady, checkAxe, screenshot, assertNoRequestsAfter, ROOT, widgetFilesRequested } from './harness.mjs';
import { cliResult, readResult, writtenDate, fill } from './person.mjs';
import { lawCases, toResult, reachResult, download, stored, messages, widgetOf } from './act-helpers.mjs';

let env;
const cases = lawCases();
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'dossiers');
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const PREFIX = 'loan-insurance-check:';
const ours = (keys) => keys.filter((k) => k.startsWith(PREFIX));

/** The message a visitor reads for a dossier fixture's expected outcome (tests/fixtures/dossiers/expected.json). */
function fileMessage(msg, expected) {
  if (!expected.startsWith('bad_answers:')) return msg[`act.file_error.${expected}`];
  const field = expected.split(':')[1];
  const short = msg[`q.${field}.short`];
  return short ? msg['act.file_error.bad_answer'].replace('{question}', short) : msg['act.file_error.bad_answers'];
}

test('nothing is stored without opting in; a dossier exported then imported in a fresh browser gives the same result', async () => {
  const scenario = cases.example_d_debits_after_payoff;
  const { s, loaded, given, widget, msg } = await reachResult(env, scenario, 'fr');
  let st = await stored(s);
  assert.deepEqual([st.local, st.session, st.cookies], [[], [], []], 'no storage and no cookie before opting in');
  const before_ = await readResult(s.page, 'fr');
  const file = await download(s.page, widget.getByRole('link', { name: msg['act.export'] }));
  assert.equal(file.name, `dossier-assurance-pret-${scenario.as_of}.json`);
  assert.ok(file.url.startsWith('data:application/json'));
  const dossier = JSON.parse(file.text);
  assert.equal(dossier.kind, 'loan-insurance-check-dossier');
  assert.equal(dossier.version, 1);
  assert.deepEqual(dossier.answers, given, 'the answers JSON v1, every answer given');
  const cli = cliResult(given, scenario.as_of);
  for (const k of ['version', 'rules_version', 'data_version', 'as_of', 'claims', 'missing', 'switching']) {
    assert.deepEqual(dossier.result[k], cli[k], `result.${k} is the command-line tool's`);
  }
  const path = join(ROOT, 'target', 'act-dossier-example-d.json');
  writeFileSync(path, file.text);
  st = await stored(s);
  assert.deepEqual([st.local, st.session, st.cookies], [[], [], []], 'still nothing stored after exporting');
  assertNoRequestsAfter(s, loaded, 'export');
  await s.context.close();

  // A fresh browser: open the file from the start screen.
  const t = await open(env, '/', { today: scenario.as_of });
  const tLoaded = await widgetReady(t);
  const w = widgetOf(t.page);
  await checkAxe(t.page, 'start screen with the resume field');
  await w.getByLabel(msg['act.import.label']).setInputFiles(path);
  await w.getByRole('heading', { level: 2, name: msg['review.title'] }).waitFor();
  const note = msg['act.restored.file'].replace('{made_on}', writtenDate(scenario.as_of, 'fr')).replace('{date}', writtenDate(scenario.as_of, 'fr'));
  await w.getByRole('status').filter({ hasText: note }).waitFor();
  await checkAxe(t.page, 'review after opening a dossier');
  await screenshot(t.page, 'act-keep-opened-dossier-fr');
  await w.getByRole('button', { name: msg['nav.see_result'] }).click();
  await w.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  const after_ = await readResult(t.page, 'fr');
  assert.deepEqual(Object.keys(after_).sort(), Object.keys(before_).sort());
  for (const id of Object.keys(before_)) assert.equal(after_[id].text, before_[id].text, `${id} reads the same`);
  st = await stored(t);
  assert.deepEqual([st.local, st.session, st.cookies], [[], [], []], 'importing stores nothing');
  assertNoRequestsAfter(t, tLoaded, 'import');
  assert.deepEqual([...s.problems, ...t.problems], []);
  await t.context.close();
});

test('importing over answers already given asks first: cancel keeps them, replace replaces them', async () => {
  const { s, loaded, widget, msg } = await reachResult(env, cases.example_e_lender_fees, 'en');
  const before_ = await readResult(s.page, 'en');
  const input = widget.getByLabel(msg['act.import.label']);
  await input.setInputFiles(join(FIXTURES, 'valid-example-d.json'));
  const ask = fill(msg['act.import.confirm'], { date: writtenDate('2026-11-27', 'en'), n: '8' }, 'en');
  const question = widget.getByText(ask);
  await question.waitFor();
  assert.equal(await s.page.evaluate(() => document.querySelector('loan-insurance-check').shadowRoot.activeElement?.id), 'lic-import-confirm', 'the question takes the focus');
  await checkAxe(s.page, 'import confirmation');
  await screenshot(s.page, 'act-keep-confirm-en');
  await widget.getByRole('button', { name: msg['act.import.cancel'] }).click();
  await widget.getByRole('status').filter({ hasText: msg['act.import.cancelled'] }).waitFor();
  assert.deepEqual(await readResult(s.page, 'en'), before_, 'nothing changed');

  await input.setInputFiles(join(FIXTURES, 'valid-example-d.json'));
  await widget.getByRole('button', { name: msg['act.import.replace'] }).click();
  await widget.getByRole('heading', { level: 2, name: msg['review.title'] }).waitFor();
  await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
  await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  const now = await readResult(s.page, 'en');
  assert.equal(now.after_payoff.badge, msg['verdict.eligible']);
  assert.notEqual(now.lender_fees?.badge, msg['verdict.eligible'], 'the answers are those of the file');
  // The same file again: nothing to replace.
  await widget.getByLabel(msg['act.import.label']).setInputFiles(join(FIXTURES, 'valid-example-d.json'));
  await widget.getByRole('status').filter({ hasText: msg['act.import.same'] }).waitFor();
  assertNoRequestsAfter(s, loaded, 'import over answers');
  assert.deepEqual(s.problems, []);
  await s.context.close();
});

test('every corrupted dossier file gets its message in the visitor\'s language, and nothing changes', async () => {
  const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8'));
  for (const lang of ['fr', 'en']) {
    const { s, loaded, widget, msg } = await reachResult(env, cases.example_e_lender_fees, lang);
    const before_ = await readResult(s.page, lang);
    let n = 0;
    for (const [name, outcome] of Object.entries(expected)) {
      if (outcome === null) continue;
      await widget.getByLabel(msg['act.import.label']).setInputFiles(join(FIXTURES, name));
      const message = fileMessage(msg, outcome);
      assert.ok(message, `${name}: no message for ${outcome}`);
      await widget.locator('.lic-act-status.lic-error').filter({ hasText: message }).waitFor({ timeout: 5000 })
        .catch(async () => assert.fail(`${name}: expected "${message}", shown "${await widget.locator('.lic-act-status').textContent()}"`));
      assert.equal(await widget.getByRole('button', { name: msg['act.import.replace'] }).count(), 0, `${name}: nothing to confirm`);
      n++;
    }
    assert.ok(n >= 30);
    await checkAxe(s.page, `file error (${lang})`);
    assert.deepEqual(await readResult(s.page, lang), before_, 'nothing changed');
    assertNoRequestsAfter(s, loaded, `corrupted files (${lang})`);
    assert.deepEqual(s.problems, [], 'no crash, no console error');
    await s.context.close();
  }
  // On the start screen too.
  const msg = messages('fr');
  const t = await open(env, '/');
  await widgetReady(t);
  const w = widgetOf(t.page);
  await w.getByLabel(msg['act.import.label']).setInputFiles(join(FIXTURES, 'newer-version.json'));
  await w.getByRole('status').filter({ hasText: msg['act.file_error.newer'] }).waitFor();
  await w.getByRole('button', { name: msg['start.begin'] }).waitFor();
  await checkAxe(t.page, 'start screen with a file error');
  await screenshot(t.page, 'act-keep-file-error-start-fr');
  assert.deepEqual(t.problems, []);
  await t.context.close();
});

test('the resume link carries the answers in the fragment, which no request contains, and gives the same result', async () => {
  const scenario = cases.refused_switch_lemoine_still_blocked;
  // The link itself is this test's subject: typed here.
  const { s, loaded, widget, msg } = await toResult(env, scenario, 'en');
  const before_ = await readResult(s.page, 'en');
  const link = await widget.getByLabel(msg['act.link.label']).inputValue();
  const url = new URL(link);
  assert.equal(url.origin + url.pathname, env.base + '/');
  assert.match(url.hash, /^#lic=[A-Za-z0-9_-]{10,200}$/);
  await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await widget.getByRole('button', { name: msg['act.link.copy'] }).click();
  assert.equal(await s.page.evaluate(() => navigator.clipboard.readText()), link);
  assertNoRequestsAfter(s, loaded, 'link');
  await s.context.close();

  const t = await open(env, `/${url.hash}`, { today: scenario.as_of });
  const w = widgetOf(t.page);
  await w.getByRole('heading', { level: 2, name: messages('fr')['review.title'] }).waitFor();
  await w.getByRole('button', { name: 'English' }).click();
  await w.getByRole('heading', { level: 2, name: msg['review.title'] }).waitFor();
  await w.getByRole('status').filter({ hasText: msg['act.restored.link'].replace('{date}', writtenDate(scenario.as_of, 'en')) }).waitFor();
  assert.ok(!t.page.url().includes('lic='), 'the code leaves the address bar once read');
  for (const r of t.requests) assert.ok(!r.includes('lic=') && !r.includes(url.hash.slice(5)), `a request carries the answers: ${r}`);
  await w.getByRole('button', { name: msg['nav.see_result'] }).click();
  await w.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  const after_ = await readResult(t.page, 'en');
  for (const id of Object.keys(before_)) assert.equal(after_[id].text, before_[id].text, `${id} reads the same`);
  const st = await stored(t);
  assert.deepEqual([st.local, st.cookies], [[], []], 'a link stores nothing');
  assert.deepEqual(t.problems, []);
  await t.context.close();
});

test('every damaged resume link gets its message, and the check starts as usual', async () => {
  const lines = readFileSync(join(FIXTURES, 'fragments.tsv'), 'utf8').split('\n').filter((l) => l && !l.startsWith('#'));
  // One page for every link, each opened by a full load (through about:blank: a link differing only in its fragment
  // would not load the page again), and each checked in French then, after the switch, in English: the message the
  // link gets is the widget's state, said in the visitor's language. Nothing stored between two links (checked).
  const t = await open(env, null);
  const w = widgetOf(t.page);
  for (const line of lines) {
    const [expected, code, why] = line.split('\t');
    t.requests.length = 0;
    t.problems.length = 0;
    await t.page.goto('about:blank');
    await t.page.goto(`${env.base}/#lic=${code}`);
    // The first screen: the start, or the review of the answers the link brought back.
    await w.getByRole('heading', { level: 2 }).waitFor();
    const loaded = await widgetFilesRequested(t);
    for (const lang of ['fr', 'en']) {
      const msg = messages(lang);
      if (lang === 'en') await w.getByRole('button', { name: 'English' }).click();
      // A link whose answers are empty is refused as empty: there is nothing to resume.
      if (expected === 'ok' && why.startsWith('no answer')) {
        await w.getByRole('status').filter({ hasText: msg['act.link_error.empty'] }).waitFor();
      } else if (expected === 'ok') {
        await w.getByRole('heading', { level: 2, name: msg['review.title'] }).waitFor();
      } else {
        await w.getByRole('status').filter({ hasText: msg[`act.link_error.${expected}`] }).waitFor({ timeout: 5000 })
          .catch(() => assert.fail(`${why} (${code}, ${lang}): no "${msg[`act.link_error.${expected}`]}"`));
        await w.getByRole('button', { name: msg['start.begin'] }).waitFor();
        if (why === 'cut in the middle') {
          await checkAxe(t.page, `damaged link (${lang})`);
          await screenshot(t.page, `act-keep-damaged-link-${lang}`);
        }
      }
    }
    assertNoRequestsAfter(t, loaded, why);
    assert.deepEqual(t.problems, [], `${why}: no crash, no console error`);
    const st = await stored(t);
    assert.deepEqual([st.local, st.session, st.cookies], [[], [], []], `${why}: a link stores nothing`);
  }
  await t.context.close();
});

test('remember on this device: restored after a reload; "forget everything" empties the storage', async () => {
  const scenario = cases.example_d_debits_after_payoff;
  const { s, loaded, widget, msg } = await reachResult(env, scenario, 'fr');
  const before_ = await readResult(s.page, 'fr');
  await widget.getByLabel(msg['act.remember.label']).check();
  await widget.getByRole('status').filter({ hasText: msg['act.remember.on'] }).waitFor();
  assert.ok(await widget.getByLabel(msg['act.remember.label']).isChecked());
  let st = await stored(s);
  assert.deepEqual(ours(st.local), [`${PREFIX}answers`]);
  assert.deepEqual(st.local, ours(st.local), 'only keys of ours');
  assert.deepEqual(st.cookies, []);
  const code = await s.page.evaluate((k) => localStorage.getItem(k), `${PREFIX}answers`);
  assert.match(code, /^[A-Za-z0-9_-]+$/);
  assertNoRequestsAfter(s, loaded, 'remember');

  // Back on this device (a reload): the answers are there, and so is the screen the visitor left.
  await s.page.reload();
  const w = widgetOf(s.page);
  await w.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  await w.getByRole('status').filter({ hasText: msg['act.restored.resumed'].replace('{date}', writtenDate(scenario.as_of, 'fr')) }).waitFor();
  await checkAxe(s.page, 'restored from this device');
  await screenshot(s.page, 'act-keep-restored-device-fr');
  const after_ = await readResult(s.page, 'fr');
  for (const id of Object.keys(before_)) assert.equal(after_[id].text, before_[id].text, `${id} reads the same`);
  assert.ok(await w.getByLabel(msg['act.remember.label']).isChecked(), 'the box says it is remembered');

  // Forget everything, from the act panel (the note of the restore above offers it too).
  await w.locator('.lic-act').getByRole('button', { name: msg['act.forget'] }).click();
  await w.getByRole('status').filter({ hasText: msg['act.forgotten'] }).waitFor();
  st = await stored(s);
  assert.deepEqual([st.local, st.session, st.cookies], [[], [], []], 'storage empty after "forget everything"');
  assert.ok(!(await w.getByLabel(msg['act.remember.label']).isChecked()));
  await s.page.reload();
  await widgetReady(s);
  assert.equal(await widgetOf(s.page).getByRole('heading', { level: 2, name: msg['result.title'] }).count(), 0, 'nothing comes back');
  // and the widget says so, rather than silently starting again.
  await widgetOf(s.page).getByRole('status').filter({ hasText: msg['act.not_kept'] }).waitFor();

  // Remember again, then forget from the message shown after a reload; unticking forgets too.
  const again = await reachResult(env, scenario, 'fr');
  await again.widget.getByLabel(msg['act.remember.label']).check();
  await again.s.page.reload();
  const w2 = widgetOf(again.s.page);
  await w2.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  await w2.getByRole('button', { name: msg['act.forget'] }).first().click();
  await w2.getByRole('status').filter({ hasText: msg['act.forgotten'] }).waitFor();
  assert.deepEqual((await stored(again.s)).local, []);
  await w2.getByLabel(msg['act.remember.label']).check();
  assert.deepEqual((await stored(again.s)).local, [`${PREFIX}answers`]);
  await w2.getByLabel(msg['act.remember.label']).uncheck();
  await w2.getByRole('status').filter({ hasText: msg['act.remember.off'] }).waitFor();
  assert.deepEqual((await stored(again.s)).local, []);
  assert.deepEqual([...s.problems, ...again.s.problems], []);
  await s.context.close();
  await again.s.context.close();
});

test('a link and this device with different answers: the visitor chooses, nothing is overwritten before', async () => {
  const msg = messages('fr');
  // This device remembers example D.
  const d = await reachResult(env, cases.example_d_debits_after_payoff, 'fr');
  await d.widget.getByLabel(msg['act.remember.label']).check();
  const remembered = await d.s.page.evaluate((k) => localStorage.getItem(k), `${PREFIX}answers`);
  // A link with example E's answers, opened in the same browser.
  const e = await reachResult(env, cases.example_e_lender_fees, 'fr');
  const link = new URL(await e.widget.getByLabel(msg['act.link.label']).inputValue());
  await e.s.context.close();
  const page = await d.s.context.newPage();
  await page.goto(env.base + '/' + link.hash);
  const w = widgetOf(page);
  await w.getByRole('status').filter({ hasText: msg['act.choice.text'] }).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `${PREFIX}answers`), remembered, 'nothing overwritten while choosing');
  await checkAxe(page, 'choice between the link and this device');
  await screenshot(page, 'act-keep-choice-fr');
  await w.getByRole('button', { name: msg['act.choice.link'] }).click();
  await w.getByRole('heading', { level: 2, name: msg['review.title'] }).waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `${PREFIX}answers`), link.hash.slice('#lic='.length), 'the chosen answers are remembered');
  await d.s.context.close();
});

test('a damaged memory on this device gets a message and can be forgotten', async () => {
  const msg = messages('fr');
  const t = await open(env, '/');
  await t.context.addInitScript((k) => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem(k, 'not-a-code!'); sessionStorage.setItem('seeded', '1'); } }, `${PREFIX}answers`);
  await t.page.reload();
  const loaded = await widgetReady(t);
  const w = widgetOf(t.page);
  await w.getByRole('status').filter({ hasText: msg['act.device_error.damaged'] }).waitFor();
  await checkAxe(t.page, 'damaged device memory');
  await w.getByRole('button', { name: msg['act.forget'] }).click();
  await w.getByRole('status').filter({ hasText: msg['act.forgotten'] }).waitFor();
  assert.deepEqual(ours(await t.page.evaluate(() => Object.keys(localStorage))), []);
  assertNoRequestsAfter(t, loaded, 'damaged memory');
  assert.deepEqual(t.problems, []);
  await t.context.close();
});
