// The switching history (issue 11 point 1), as a borrower lives it: a first request to change insurance refused
// without any reason, a second one accepted (late), the old contract ended, a new premium paid since. Driven by role
// and label in French and in English, at 320 px and 1280 px, axe on every screen. The visitor is asked the second
// request's questions and the premium paid since, not whether a refusal with no reason held nor a third request
// after the accepted one; the result shows the refused-switch damages of the first request up to the switch, the
// double premium of the accepted one up to the old contract's end, and the saving on the premium paid now.
// Screenshots under target/screenshots/switching-history-*. Each language is typed once (French at 320 px, English
// at 1280 px), with axe and the questions asked checked on each question screen there; the other width of the same
// language opens the resume link that run's result gave (the same answers) and checks the review and the result.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, checkAxe, screenshot } from './harness.mjs';
import { fillQuestionnaire, cliResult, readResult, writtenMoney, writtenDate } from './person.mjs';
import { flat, typedOnceThenResumed } from './act-helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const AS_OF = '2026-11-27';
// Case sv2_first_refused_without_reason_then_switch_accepted (tests/cases/switching_v2) with the savings facts.
const ANSWERS = {
  version: 1, loan_kind: 'real_estate', offer_issue_date: '2023-01-02', offer_signature_date: '2023-01-20',
  loan_amount: 25000000, first_installment_date: '2023-03-05', loan_months: 240, loan_rate: 3500000,
  repaid_early: false, partial_repayment: false, contract_type: 'group', premium_monthly: 9000,
  premium_basis: 'initial_capital', premium_constant: true,
  switch_requested: true, switch_kind: 'any_time', switch_request_date: '2024-09-02', switch_requested_start: '2024-10-01',
  switch_decision: 'refused', switch_decision_date: '2024-09-09', switch_refusal_reason: 'none_given', switch_new_premium: 3500,
  switch2_requested: true, switch2_kind: 'any_time', switch2_request_date: '2025-01-06', switch2_requested_start: '2025-02-01',
  switch2_decision: 'accepted', switch2_decision_date: '2025-02-10',
  old_contract_ended: true, old_contract_end_date: '2025-02-25', premium_since_switch: 3500,
  quote_premium: 2000, switch_one_off_fees: 0,
};
// Derived by hand in the case file: 5 debits × (90 − 35) €; 24 days × 90 € × 12 / 365; (35 − 20) € × 195 installments.
const REFUSED = 27500;
const DOUBLE = 7101;
const SAVING = 292500;
const SAVING_ON_OLD_PREMIUM = (9000 - 2000) * 195;

// Typed first in each language (French at 320 px, English at 1280 px), then the other width by the resume link.
typedOnceThenResumed(() => env, {
  title: (lang, { width }) => `two switch requests and a later successful switch (${lang}, ${width} px): the right claims`,
  today: AS_OF,
  runs: [['fr', 320], ['en', 1280], ['fr', 1280], ['en', 320]].map(([lang, width]) => [lang, { width, height: 800 }]),
  axeStart: true,
  type: async ({ s: { page }, lang, tag }) => {
    const asked = [];
    const given = await fillQuestionnaire(page, ANSWERS, lang, {
      onQuestion: async (fact) => {
        asked.push(fact);
        await checkAxe(page, `${tag}: question ${fact}`);
        if (['switch_refusal_reason', 'switch2_requested', 'switch2_kind', 'premium_since_switch'].includes(fact)) {
          await screenshot(page, `switching-history-${tag}-${fact}`);
        }
      },
    });
    // The history's questions are asked, each where it can change a result.
    for (const fact of ['switch_refusal_reason', 'switch2_requested', 'switch2_request_date', 'switch2_decision',
      'switch2_decision_date', 'old_contract_end_date', 'premium_since_switch']) {
      assert.ok(asked.includes(fact), `${tag}: ${fact} is asked (${asked.join(', ')})`);
    }
    // A refusal that gave no reason is not valid whatever it said; an accepted request ends the history; the
    // accepted request's premium is the premium paid since, asked once.
    for (const fact of ['switch_refusal_validity', 'refusal_reason_valid', 'switch3_requested', 'switch2_refusal_reason',
      'switch2_new_premium']) {
      assert.ok(!asked.includes(fact), `${tag}: ${fact} is not asked`);
    }
    return given;
  },
  check: checkResult,
});

/** The result screen and its figures against the hand-derived ones. */
async function checkResult({ s: { page }, given, lang, msg, tag }) {
  await screenshot(page, `switching-history-${tag}-result`);

  // The engine on exactly the answers given agrees with the hand-derived figures.
  const result = cliResult(given, AS_OF);
  const claim = (id) => result.claims.find((c) => c.claim === id);
  assert.equal(claim('refused_switch').verdict, 'eligible');
  assert.equal(claim('refused_switch').amount.low, REFUSED);
  assert.equal(claim('double_premium').amount.low, DOUBLE);
  assert.equal(claim('switch_savings').amount.low, SAVING);

  // What the screen says of each claim.
  const shown = await readResult(page, lang);
  for (const [id, cents] of [['refused_switch', REFUSED], ['double_premium', DOUBLE]]) {
    assert.ok(shown[id], `${tag}: ${id} is shown (${Object.keys(shown).join(', ')})`);
    assert.equal(shown[id].badge, msg['verdict.eligible'], `${tag}: ${id} badge`);
    assert.ok(flat(shown[id].text).includes(flat(writtenMoney(cents, lang))), `${tag}: ${id} shows ${writtenMoney(cents, lang)}`);
  }
  assert.ok(flat(shown.refused_switch.text).includes(flat(writtenDate('2029-09-09', lang))), `${tag}: the refusal's last day`);
  assert.ok(flat(shown.double_premium.text).includes(flat(writtenDate('2030-02-10', lang))), `${tag}: the decision's last day`);
  // The saving is on the premium paid since the switch, never on the old one.
  const all = flat(await page.evaluate(() => document.querySelector('loan-insurance-check').shadowRoot.textContent));
  assert.ok(all.includes(flat(writtenMoney(SAVING, lang))), `${tag}: the saving on the premium paid now`);
  assert.ok(!all.includes(flat(writtenMoney(SAVING_ON_OLD_PREMIUM, lang))), `${tag}: no saving on the old premium`);
}
