// Re-entering the page outside the browser's page cache (issue 13 point 4): a reload, and a return by Back after
// leaving the page, with the page kept out of the cache (an `unload` handler does that; the test checks the page
// really was loaded again). With "remember on this device" ticked, the answers and the screen the visitor left (the
// history entry's step marker) come back, and the browser's Back then goes through the screens behind it. Without
// it, nothing is stored and the widget says plainly that the answers were not kept and the check starts again.
// FR and EN, axe on every state; screenshots at 320 and 1280 px under target/screenshots/result-reload-*.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, open, checkAxe, screenshot, widgetReady, SHOTS } from './harness.mjs';
import { writtenDate, messages, fillQuestionnaire } from './person.mjs';
import { lawCases, widgetOf, stored, flat } from './act-helpers.mjs';

let env;
const cases = lawCases();
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/**
 * The demo page in `lang` (its element's data-lang: the host's language, which a reload keeps), answered as in the
 * law case up to the result.
 */
async function toResult(scenario, lang, viewport) {
  const s = await open(env, '/', { today: scenario.as_of, viewport });
  await s.page.route(`${env.base}/`, async (route) => {
    const response = await route.fetch();
    route.fulfill({ response, body: (await response.text()).replace('data-lang="fr"', `data-lang="${lang}"`) });
  });
  await s.page.reload();
  await widgetReady(s);
  const msg = messages(lang);
  const widget = widgetOf(s.page);
  await widget.getByRole('button', { name: msg['start.begin'] }).click();
  await fillQuestionnaire(s.page, scenario.answers, lang);
  await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
  await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
  return { s, widget, msg };
}

/** Leaves the page for another document and comes back by Back, without the page cache; true if reloaded. */
async function leaveAndComeBack(page) {
  await page.evaluate(() => { window.licStillHere = true; window.addEventListener('unload', () => {}); });
  await page.goto('about:blank');
  await page.goBack();
  return page.evaluate(() => window.licStillHere !== true);
}

/** The widget's marker in the current history entry. */
const marker = (page) => page.evaluate(() => history.state?.lic0 ?? null);

for (const lang of ['fr', 'en']) {
  for (const width of [320, 1280]) {
    test(`remembered: a reload and a return by Back bring back the answers and the screen (${lang}, ${width} px)`, async () => {
      const scenario = cases.example_d_debits_after_payoff;
      const { s, widget, msg } = await toResult(scenario, lang, { width, height: 800 });
      const { page } = s;
      const before_ = flat(await widget.locator('.lic-answer').textContent());
      await widget.getByLabel(msg['act.remember.label']).check();
      await widget.getByRole('status').filter({ hasText: msg['act.remember.on'] }).waitFor();
      const left = await marker(page);
      assert.match(left, /^\d+:result$/, 'the entry holds a step marker, never an answer');
      const depth = Number(left.split(':')[0]);
      const resumed = flat(msg['act.restored.resumed'].replace('{date}', writtenDate(scenario.as_of, lang)));
      for (const how of ['reload', 'back']) {
        if (how === 'reload') await page.reload();
        else assert.ok(await leaveAndComeBack(page), 'the page was loaded again, not taken from the page cache');
        const w = widgetOf(page);
        await w.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
        const note = w.getByRole('status').filter({ hasText: msg['act.restored.resumed'].split('{')[0].trim().slice(0, 30) });
        await note.waitFor();
        assert.ok(flat(await note.textContent()).includes(resumed), `${how}: says the answers are back, on the screen left`);
        assert.equal(flat(await w.locator('.lic-answer').textContent()), before_, `${how}: the same answer`);
        assert.equal(await marker(page), left, `${how}: the entry's marker is the screen's again`);
        assert.ok(await w.getByLabel(msg['act.remember.label']).isChecked());
        // Like a first load, the page keeps the focus (the note is announced in its live region).
        assert.equal(await page.evaluate(() => document.querySelector('loan-insurance-check').shadowRoot.activeElement), null, `${how}: focus not taken`);
        await checkAxe(page, `${how}: resumed (${lang}, ${width})`);
        await page.evaluate(() => window.scrollTo(0, 0));
        await screenshot(page, `result-reload-${how}-${lang}-${width}`);
        await page.screenshot({ path: join(SHOTS, `result-reload-${how}-${lang}-${width}-top.png`) });
      }
      // The browser's Back goes through the screens behind it: the review, then the questions; Forward again.
      await page.goBack();
      await widgetOf(page).getByRole('heading', { level: 2, name: msg['review.title'] }).waitFor();
      assert.equal(await marker(page), `${depth - 1}:review`);
      await page.goBack();
      await widgetOf(page).getByRole('heading', { level: 2 }).filter({ hasNotText: msg['review.title'] }).waitFor();
      assert.match(await marker(page), new RegExp(`^${depth - 2}:question:`));
      await page.goForward();
      await page.goForward();
      await widgetOf(page).getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
      assert.deepEqual(s.problems, []);
      await s.context.close();
    });
  }

  test(`not remembered: a reload says the answers were not kept, and stores nothing (${lang})`, async () => {
    const scenario = cases.example_d_debits_after_payoff;
    const msg = messages(lang);
    let s;
    let page;
    for (const how of ['reload', 'back']) {
      await s?.context.close();
      ({ s } = await toResult(scenario, lang, { width: 1280, height: 800 }));
      page = s.page;
      if (how === 'reload') await page.reload();
      else assert.ok(await leaveAndComeBack(page), 'the page was loaded again');
      await widgetReady(s);
      const w = widgetOf(page);
      const note = w.getByRole('status').filter({ hasText: msg['act.not_kept'].slice(0, 30) });
      await note.waitFor();
      assert.ok(flat(await note.textContent()).includes(flat(msg['act.not_kept'])), 'says plainly the answers were not kept');
      assert.equal(await w.getByRole('heading', { level: 2, name: msg['result.title'] }).count(), 0);
      await checkAxe(page, `${how}: not kept (${lang})`);
      await screenshot(page, `result-reload-not-kept-${how}-${lang}`);
      const st = await stored(s);
      assert.deepEqual([st.local, st.session, st.cookies], [[], [], []], 'nothing stored without opting in');
      assert.equal(await marker(page), '0:start', 'the entry now says where the widget is: the start');
    }
    // Starting again works, and the browser's Back comes back to the start.
    const w = widgetOf(page);
    await w.getByRole('button', { name: msg['start.begin'] }).click();
    await w.getByRole('heading', { level: 2 }).filter({ hasNotText: msg['result.title'] }).waitFor();
    assert.match(await marker(page), /^1:question:/);
    await page.goBack();
    await w.getByRole('button', { name: msg['start.begin'] }).waitFor();
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
}
