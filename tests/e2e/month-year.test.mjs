// Dates known by their month and year only (issue 11): the installment date questions say the day may stay empty,
// read the month as typed in the month field (a number or a French or English name) or as "03/2021", "mars 2021",
// "March 2021" typed into one field, refuse a month they cannot read with a message next to the field in the
// visitor's language while keeping what was typed, refuse a month alone where the day is needed, and reach a
// decided result when the month is enough (the same as the command-line engine on the same answers). FR and EN,
// 320 and 1280 px, axe on every screen, no request once the widget's files are loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, assertNoRequestsAfter } from './harness.mjs';
import { messages, fillQuestionnaire, cliResult, writtenMoney } from './person.mjs';
import { WIDTHS, widgetOf, flat, shots, begin } from './act-helpers.mjs';

const fr = messages('fr');
const en = messages('en');
let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const heading = (page) => widgetOf(page).getByRole('heading', { level: 2 });

/** Submits the question on show and returns the error message next to the field. */
async function refused(page, msg) {
  await widgetOf(page).getByRole('button', { name: msg['nav.continue'], exact: true }).click();
  const error = widgetOf(page).locator('.lic-error');
  await error.waitFor();
  return flat((await error.textContent()).replace(msg['error.prefix'], ''));
}

async function fields(page, msg) {
  const w = widgetOf(page);
  return {
    day: w.getByLabel(msg['q.date.day'], { exact: true }),
    month: w.getByLabel(msg['q.date.month'], { exact: true }),
    year: w.getByLabel(msg['q.date.year'], { exact: true }),
  };
}


// A loan that ran to term, its first installment date unknown, its last installment known as "June 2024"; three
// debits of 30 € after it (tests/cases/month_year: month_after_payoff_last_month_day_irrelevant): 90 € whatever the day.
const RAN_TO_TERM = {
  loan_kind: 'real_estate', repaid_early: false, first_installment_date: 'unknown', loan_ended: true,
  debits_after_payoff: 3, first_debit_after_payoff: '2024-07-05', premium_monthly: 3000, payoff_notice_sent: false,
  demand_sent: false,
};

for (const [lang, msg, typedBad, typedGood, shown] of [
  ['fr', fr, 'juinn', 'juin', 'juin 2024'],
  ['en', en, 'Jume', 'June', 'June 2024'],
]) {
  test(`${lang}: a last installment known as "${shown}" is enough for a decided result`, async () => {
    const { s, loaded, page, widget: w } = await begin(env, lang, { viewport: WIDTHS[1] });
    const before = await fillQuestionnaire(page, RAN_TO_TERM, lang, { stopAt: 'last_installment_date' });
    await heading(page).filter({ hasText: msg['q.last_installment_date.label'] }).waitFor();
    // The hint next to the fields says the day may stay empty.
    const hint = w.locator('#lic-last_installment_date-hint');
    assert.ok(flat(await hint.textContent()).includes(flat(msg['q.date.month_only'])), 'the month-only hint');
    await shots(page, `month-year-last-${lang}`);
    // A month name it cannot read: the message says how to write it, next to the month field, and keeps it.
    const f = await fields(page, msg);
    await f.month.fill(typedBad);
    await f.year.fill('2024');
    assert.equal(await refused(page, msg), flat(msg['error.month_not_understood']));
    assert.equal(await f.month.inputValue(), typedBad, 'what was typed stays');
    assert.equal(await f.year.inputValue(), '2024');
    assert.equal(await f.month.getAttribute('aria-invalid'), 'true');
    assert.match(await f.month.getAttribute('aria-describedby'), /lic-last_installment_date-error/);
    await shots(page, `month-year-error-${lang}`);
    // The year missing: at least the month and the year.
    await f.month.fill(typedGood);
    await f.year.fill('');
    assert.equal(await refused(page, msg), flat(msg['error.month_year_incomplete']));
    assert.equal(await f.month.inputValue(), typedGood);
    // The month by its name, the day left empty: accepted.
    await f.year.fill('2024');
    await w.getByRole('button', { name: msg['nav.continue'], exact: true }).click();
    await heading(page).filter({ hasNotText: msg['q.last_installment_date.label'] }).waitFor();
    const given = { ...before, last_installment_date: '2024-06', ...(await fillQuestionnaire(page, RAN_TO_TERM, lang)) };
    // The review says the month as a person would.
    const row = w.locator('.lic-summary-row', { hasText: msg['q.last_installment_date.short'] });
    assert.ok(flat(await row.textContent()).includes(shown), `review row: ${await row.textContent()}`);
    await shots(page, `month-year-review-${lang}`);
    await w.getByRole('button', { name: msg['nav.see_result'] }).click();
    await heading(page).filter({ hasText: msg['result.title'] }).waitFor();
    // Decided without the day: the same as the engine on the same answers, 90 € eligible.
    const result = cliResult(given, '2026-11-27');
    const claim = result.claims.find((c) => c.claim === 'after_payoff');
    assert.equal(claim.verdict, 'eligible');
    assert.equal(claim.amount.low, 9000);
    assert.deepEqual(claim.unknown_needed ?? [], []);
    const section = w.locator('section.lic-claim', { hasText: msg['claim.after_payoff.title'] });
    assert.ok(flat(await section.textContent()).includes(flat(msg['verdict.eligible'])), 'eligible badge');
    assert.ok(flat(await section.textContent()).includes(flat(writtenMoney(9000, lang))), '90 € shown');
    await shots(page, `month-year-result-${lang}`);
    assertNoRequestsAfter(s, loaded, 'month-year journey');
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
}

test('the month and year typed into one field, in French and English ways, are read the same', async () => {
  for (const [lang, msg, typings] of [
    ['fr', fr, [['day', '03/2021'], ['month', 'mars 2021'], ['year', '2021-03']]],
    ['en', en, [['month', 'March 2021'], ['day', '3/2021']]],
  ]) {
    for (const [field, typed] of typings) {
      const { s, loaded, page, widget: w } = await begin(env, lang, { viewport: WIDTHS[0] });
      await fillQuestionnaire(page, { loan_kind: 'real_estate', repaid_early: false }, lang, { stopAt: 'first_installment_date' });
      await heading(page).filter({ hasText: msg['q.first_installment_date.label'] }).waitFor();
      const f = await fields(page, msg);
      await f[field].fill(typed);
      await w.getByRole('button', { name: msg['nav.continue'], exact: true }).click();
      await heading(page).filter({ hasNotText: msg['q.first_installment_date.label'] }).waitFor();
      // Back to it: the month is kept, as month and year, the day empty.
      await w.getByRole('button', { name: msg['nav.back'], exact: true }).click();
      await heading(page).filter({ hasText: msg['q.first_installment_date.label'] }).waitFor();
      const g = await fields(page, msg);
      assert.deepEqual([await g.day.inputValue(), await g.month.inputValue(), await g.year.inputValue()].join('|'),
        field === 'day' ? `${typed}||` : field === 'month' ? `|${typed}|` : `||${typed}`,
        `${lang} ${typed}: the draft keeps what was typed`);
      if (lang === 'en' && field === 'month') await shots(page, 'month-year-first-en');
      assertNoRequestsAfter(s, loaded, `typed ${typed}`);
      assert.deepEqual(s.problems, []);
      await s.context.close();
    }
  }
});

test('where the day is needed a month alone is refused, in the visitor language, with what was typed kept', async () => {
  for (const [lang, msg] of [['fr', fr], ['en', en]]) {
    const { s, page, widget: w } = await begin(env, lang, { viewport: WIDTHS[0] });
    await fillQuestionnaire(page, { loan_kind: 'real_estate', repaid_early: true }, lang, { stopAt: 'payoff_date' });
    const hint = w.locator('#lic-payoff_date-hint');
    assert.ok(!flat(await hint.textContent()).includes(flat(msg['q.date.month_only'])), 'no month-only hint here');
    const f = await fields(page, msg);
    await f.month.fill('3');
    await f.year.fill('2023');
    assert.equal(await refused(page, msg), flat(msg['error.date_incomplete']));
    assert.equal(await f.month.inputValue(), '3');
    assert.equal(await f.day.getAttribute('aria-invalid'), 'true');
    await f.day.fill('03/2023');
    await f.month.fill('');
    await f.year.fill('');
    assert.equal(await refused(page, msg), flat(msg['error.date_incomplete']));
    assert.equal(await f.day.inputValue(), '03/2023');
    await shots(page, `month-year-day-needed-${lang}`);
    assert.deepEqual(s.problems, []);
    await s.context.close();
  }
});
