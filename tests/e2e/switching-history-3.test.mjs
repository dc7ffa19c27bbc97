// The switching history with three requests (issue 11 point 1), as a borrower lives it: two requests to change
// insurance refused for a guarantee that really was missing, then a third refused although the new contract meets
// the lender's published list of guarantees. Driven by role and label in French and in English, axe on every
// screen, screenshots of the third request's questions at 320 px and 1280 px (target/screenshots/switching-history-3-*).
// The visitor is asked the third request's questions (each where it can change a result), and the result shows the
// refused-switch damages of the third request, the one refused without a valid reason.
// Each language is typed once (French at 320 px, English at 1280 px: the questions asked, axe on each switching
// question screen); the other width of the same language opens the resume link that run's result gave (the same
// answers) and checks the review and the result.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, checkAxe, screenshot } from './harness.mjs';
import { fillQuestionnaire, cliResult, readResult, writtenMoney, writtenDate } from './person.mjs';
import { flat, shots, typedOnceThenResumed } from './act-helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const AS_OF = '2026-11-27';
// Case sh3_two_valid_refusals_third_meets_published_list_still_blocked (tests/cases/switch_history_3).
const ANSWERS = {
  version: 1, loan_kind: 'real_estate', offer_issue_date: '2023-01-02', offer_signature_date: '2023-01-20',
  first_installment_date: '2023-03-05', loan_months: 240, repaid_early: false, premium_monthly: 9000,
  switch_requested: true, switch_kind: 'any_time', switch_request_date: '2024-02-05', switch_requested_start: '2024-03-01',
  switch_decision: 'refused', switch_decision_date: '2024-02-12', switch_refusal_reason: 'guarantee_missing',
  switch_refusal_validity: 'valid', switch_new_premium: 4000,
  switch2_requested: true, switch2_kind: 'any_time', switch2_request_date: '2024-06-03', switch2_requested_start: '2024-07-01',
  switch2_decision: 'refused', switch2_decision_date: '2024-06-10', switch2_refusal_reason: 'guarantee_missing',
  switch2_refusal_validity: 'valid', switch2_new_premium: 4000,
  switch3_requested: true, switch3_kind: 'any_time', switch3_request_date: '2025-09-01', switch3_requested_start: '2025-10-01',
  switch3_decision: 'refused', switch3_decision_date: '2025-09-08', switch3_refusal_reason: 'guarantee_missing',
  switch3_refusal_validity: 'meets_published_list', switch3_new_premium: 4000,
  old_contract_ended: false,
};
// Derived by hand in the case file: (90 − 40) € × 14 debits (5 October 2025 to 5 November 2026); last day 8 September 2030.
const DAMAGES = 70000;
const LAST_DAY = '2030-09-08';
const THIRD = ['switch3_requested', 'switch3_request_date', 'switch3_decision', 'switch3_decision_date',
  'switch3_refusal_reason', 'switch3_refusal_validity', 'switch3_new_premium'];

typedOnceThenResumed(() => env, {
  title: (lang, { width }) => `three switch requests, the third wrongly refused (${lang}, ${width} px): its damages`,
  today: AS_OF,
  runs: [['fr', 320], ['en', 1280], ['fr', 1280], ['en', 320]].map(([lang, width]) => [lang, { width, height: 800 }]),
  type: async ({ s: { page }, lang, tag }) => {
    const asked = [];
    const given = await fillQuestionnaire(page, ANSWERS, lang, {
      onQuestion: async (fact) => {
        asked.push(fact);
        // axe on each switching question; screenshots of two of the third request's (shots: axe and screenshot).
        if (['switch3_requested', 'switch3_refusal_validity'].includes(fact)) await shots(page, `switching-history-3-${lang}-${fact}`, [page.viewportSize()]);
        else if (fact.startsWith('switch')) await checkAxe(page, `${tag}: question ${fact}`);
      },
    });
    // The third request is asked after the second was refused, each of its questions where it can change a result.
    for (const fact of THIRD) assert.ok(asked.includes(fact), `${tag}: ${fact} is asked (${asked.join(', ')})`);
    assert.ok(asked.indexOf('switch2_decision') < asked.indexOf('switch3_requested'), `${tag}: request 2 before request 3`);
    return given;
  },
  // The review names the third request's answers by their short words.
  review: async ({ s: { page }, msg, tag }) => {
    const review = flat(await page.evaluate(() => document.querySelector('loan-insurance-check').shadowRoot.textContent));
    assert.ok(review.includes(flat(msg['q.switch3_requested.short'])), `${tag}: the review shows the third request`);
  },
  check: checkResult,
});

/** The result screen and its figures, from the third request. */
async function checkResult({ s: { page }, given, lang, msg, tag }) {
  if (lang === 'fr') await screenshot(page, `switching-history-3-${tag}-result`);

  // The engine on exactly the answers given agrees with the hand-derived figures, from the third request.
  const result = cliResult(given, AS_OF);
  const claim = result.claims.find((c) => c.claim === 'refused_switch');
  assert.equal(claim.verdict, 'eligible');
  assert.equal(claim.amount.low, DAMAGES);
  assert.equal(claim.details.find((d) => d.id === 'switch_request_used')?.value?.count, 3);

  const shown = await readResult(page, lang);
  assert.ok(shown.refused_switch, `${tag}: refused_switch is shown (${Object.keys(shown).join(', ')})`);
  assert.equal(shown.refused_switch.badge, msg['verdict.eligible'], `${tag}: badge`);
  assert.ok(flat(shown.refused_switch.text).includes(flat(writtenMoney(DAMAGES, lang))), `${tag}: shows ${writtenMoney(DAMAGES, lang)}`);
  assert.ok(flat(shown.refused_switch.text).includes(flat(writtenDate(LAST_DAY, lang))), `${tag}: the third refusal's last day`);
}
