// A result that waits for an answer says which (issue 11 point 3, issue 13 point 1), as a person would see it in
// headless Chromium, in French and in English: the headline follows the evaluation ("we need one answer to decide:
// <the question>"), each answer the undecided claims wait for (the engine's `missing` and `unknown_needed`) is named
// by its question and is a button to that question (focus on it, "I don't know" still chosen), with where to find it;
// answering it brings the visitor back to the result, now decided. The statutory interest after the last published
// half-year names that half-year's rate, never "today". axe on every screen, no request after the widget loaded.
// Screenshots at 320 and 1280 px under target/screenshots/result-needed-*.
// Each law case is typed once in this file; its later tests reach the result by the resume link that gave
// (act-helpers.mjs reachResult: the same answers, not typed again).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, checkAxe, screenshot, assertNoRequestsAfter, SHOTS } from './harness.mjs';
import { cliResult, fill, writtenMoney, writtenDate } from './person.mjs';
import { lawCases, reachResult, flat } from './act-helpers.mjs';

let env;
const cases = lawCases();
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const GOOD_TO_KNOW = ['switch_savings', 'medical_questionnaire'];

/** The answers the undecided claims wait for, as the result's first block lists them: [fact, answered "unknown"]. */
function waiting(result) {
  const out = [];
  for (const c of result.claims) {
    if (GOOD_TO_KNOW.includes(c.claim) || c.verdict !== 'needs_info') continue;
    for (const [f, unknown] of [...c.missing.map((f) => [f, false]), ...c.unknown_needed.map((f) => [f, true])]) {
      if (!out.some(([g]) => g === f)) out.push([f, unknown]);
    }
  }
  return out;
}

/** A rate (millionths of a percent) as src/ui/text.rs writes it. */
function writtenPercent(millionths, lang) {
  const whole = Math.trunc(millionths / 1e6);
  const frac = String(Math.abs(millionths % 1e6)).padStart(6, '0').replace(/0+$/, '');
  const number = frac ? `${whole}${lang === 'fr' ? ',' : '.'}${frac}` : String(whole);
  return lang === 'fr' ? `${number}\u00a0%` : `${number}%`;
}

/** The focused element inside the widget. */
const focused = (page) => page.evaluate(() => {
  const el = document.querySelector('loan-insurance-check').shadowRoot.activeElement;
  return el ? { tag: el.tagName.toLowerCase(), text: el.textContent.trim() } : null;
});

for (const lang of ['fr', 'en']) {
  for (const width of [320, 1280]) {
    test(`needs_info names the answer it waits for and links to it (${lang}, ${width} px)`, async () => {
      const scenario = cases.lender_fees_payee_unknown;
      assert.ok(scenario);
      const { s, loaded, given, widget, msg } = await reachResult(env, scenario, lang, { context: { viewport: { width, height: 800 } } });
      const { page } = s;
      const result = cliResult(given, scenario.as_of);
      const fees = result.claims.find((c) => c.claim === 'lender_fees');
      assert.equal(fees.verdict, 'needs_info');
      assert.deepEqual(fees.unknown_needed, ['lender_fees_payee']);
      const want = waiting(result);
      assert.ok(want.length >= 1);
      const label = (f) => msg[`q.${f}.label`];

      // The headline says how many answers decide, and names the one when there is one.
      const answer = widget.locator('.lic-answer');
      const lead = flat(await answer.locator('.lic-lead').textContent());
      const headline = want.length === 1
        ? fill(msg['result.lead.needed_one'], { question: label(want[0][0]) }, lang)
        : fill(msg['result.lead.needed'], { n: String(want.length) }, lang);
      assert.equal(lead, flat(headline));
      // Each answer awaited (three at most in the first block, the others counted) is a button named by its
      // question, saying "I don't know" was answered.
      for (const [f, unknown] of want.slice(0, 3)) {
        const item = answer.locator('li.lic-needed').filter({ has: page.getByRole('button', { name: label(f), exact: true }) });
        assert.equal(await item.count(), 1, `${f} is named in the first block`);
        const text = flat(await item.textContent());
        assert.equal(text.includes(flat(msg['result.needed.unknown'])), unknown, `${f}: says "I don't know" was answered`);
      }
      if (want.length > 3) assert.ok(flat(await answer.textContent()).includes(flat(fill(msg['result.lead.needed_more'], { n: String(want.length - 3) }, lang))));
      // The documents the engine gives to find it.
      for (const d of fees.documents) assert.ok(flat(await answer.textContent()).includes(flat(msg[`doc.${d}`])), d);
      // The claim's card names it too, with where to find it.
      const card = widget.locator('section.lic-claim').filter({ has: page.getByRole('heading', { level: 4, name: msg['claim.lender_fees.title'] }) });
      const cardNeeded = flat(await card.textContent());
      assert.ok(cardNeeded.includes(flat(fill(msg['result.needed'], { n: '1' }, lang))));
      assert.ok(cardNeeded.includes(flat(msg['q.lender_fees_payee.hint'])), 'where to find it');
      assert.ok(cardNeeded.includes(flat(msg['result.needed.unknown'])));
      await card.getByRole('button', { name: label('lender_fees_payee'), exact: true }).waitFor();
      await checkAxe(page, `needs_info result (${lang}, ${width})`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `result-needed-${lang}-${width}`);
      // The first block as it first shows (the full page is too long to read at a glance).
      await widget.locator('.lic-answer').screenshot({ path: join(SHOTS, `result-needed-${lang}-${width}-answer.png`) });

      // One Tab from the heading to the first answer awaited; Enter takes the visitor to that question.
      assert.equal((await focused(page))?.text, msg['result.title']);
      await page.keyboard.press('Tab');
      assert.equal(flat((await focused(page))?.text ?? ''), flat(label(want[0][0])), 'one Tab to the first answer awaited');
      const first = want.findIndex(([f]) => f === 'lender_fees_payee');
      await answer.getByRole('button', { name: label('lender_fees_payee'), exact: true }).focus();
      assert.ok(first >= 0);
      await page.keyboard.press('Enter');
      const question = widget.getByRole('heading', { level: 2, name: label('lender_fees_payee'), exact: true });
      await question.waitFor();
      assert.equal(flat((await focused(page))?.text ?? ''), flat(label('lender_fees_payee')), 'the focus is on the question');
      assert.ok(await widget.getByLabel(msg['answer.unknown'], { exact: true }).isChecked(), '"I don\'t know" is still the answer');
      await checkAxe(page, `question from the result (${lang}, ${width})`);
      await widget.getByLabel(msg['q.lender_fees_payee.opt.lender'], { exact: true }).check();
      await widget.getByRole('button', { name: msg['nav.continue'], exact: true }).click();
      // Now that the fees went to the lender, their amount matters: the widget asks it, then comes back.
      const amountLabel = label('lender_fees_amount');
      const next = widget.getByRole('heading', { level: 2 });
      await next.filter({ hasNotText: label('lender_fees_payee') }).waitFor();
      if (flat(await next.textContent()) === flat(amountLabel)) {
        await widget.getByLabel(amountLabel, { exact: true }).fill(lang === 'fr' ? '150,00' : '150.00');
        await widget.getByRole('button', { name: msg['nav.continue'], exact: true }).click();
      }
      // Back on the result, decided: the fees are money to claim.
      await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
      const after_ = cliResult({ ...given, lender_fees_payee: 'lender', lender_fees_amount: 15000 }, scenario.as_of);
      assert.equal(after_.claims.find((c) => c.claim === 'lender_fees').verdict, 'eligible');
      const cardText = flat(await card.textContent());
      assert.ok(cardText.includes(flat(msg['verdict.eligible'])), cardText);
      assert.ok(cardText.includes(flat(writtenMoney(15000, lang))), cardText);
      assert.equal(await card.getByRole('button', { name: label('lender_fees_payee'), exact: true }).count(), 0);
      await checkAxe(page, `decided result (${lang}, ${width})`);
      assertNoRequestsAfter(s, loaded, `needs_info ${lang}`);
      assert.deepEqual(s.problems, []);
      await s.context.close();
    });
  }
}

// The interest of a refund after the last published half-year (2026 S1 in the data): the rate is that half-year's,
// and the screen and the letter say so.
for (const lang of ['fr', 'en']) {
  test(`provisional interest names the half-year of its rate, the last published (${lang})`, async () => {
    const scenario = cases.example_d_debits_after_payoff;
    const { s, given, widget, msg } = await reachResult(env, scenario, lang);
    const result = cliResult(given, scenario.as_of);
    const i = result.claims.find((c) => c.claim === 'after_payoff').amount.interest;
    assert.ok(i.rate_period && i.rate_period.to < i.to, 'the case is after the last published half-year');
    const year = i.rate_period.from.slice(0, 4);
    const half = Number(i.rate_period.from.slice(5, 7)) <= 6 ? '1' : '2';
    const period = fill(msg[`amount.period.${half}`], { year }, lang);
    const card = widget.locator('section.lic-claim').filter({ has: s.page.getByRole('heading', { level: 4, name: msg['claim.after_payoff.title'] }) });
    const text = flat(await card.textContent());
    const key = i.amount != null ? 'amount.interest.last_published' : i.start === 'each_payment' ? 'amount.interest_rate.last_published' : 'amount.interest_from_demand.last_published';
    const line = fill(msg[key], {
      period,
      rate: writtenPercent(i.rate, lang),
      amount: i.amount != null ? writtenMoney(i.amount, lang) : '',
      date: writtenDate(i.to, lang),
    }, lang);
    assert.ok(text.includes(flat(line)), `${line} in ${text}`);
    assert.ok(!text.includes(flat(lang === 'fr' ? "aujourd'hui" : 'today')), text);
    assert.ok(!text.includes(flat(lang === 'fr' ? 'taux actuel' : 'current rate')), text);
    if (i.provisional && i.amount != null) assert.ok(text.includes(flat(msg['amount.interest_provisional'])));
    await checkAxe(s.page, `provisional interest (${lang})`);
    // The letter's interest paragraph names the same half-year.
    await widget.getByRole('button', { name: msg['result.lead.letter'] }).click();
    const letter = flat(await widget.locator('article.lic-doc').innerText());
    if (i.provisional && i.amount != null) {
      const halfFr = half === '1' ? 'premier' : 'second';
      assert.ok(letter.includes(flat(`il applique le taux légal du ${halfFr} semestre ${year}, le dernier publié`)), letter);
      assert.ok(!letter.includes('semestre en cours'), letter);
    }
    await s.context.close();
  });
}
