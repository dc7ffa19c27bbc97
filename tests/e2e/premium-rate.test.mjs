// A premium known as a yearly rate of the OUTSTANDING capital (issue 11 point 1): the visitor does not know the
// premium in euros, gives its rate, says the contract computes it on the capital still owed, and the result says what
// the command-line engine says on the same answers (each debit after the payoff priced on the capital owed before
// its installment: tests/cases/premium_outstanding `po_after_payoff_declining_schedule`, 124.90 €). A rate typed
// wrong is refused next to the field, in the visitor's language, what was typed kept. FR and EN, axe and screenshots
// at 320 and 1280 px on the rate question and the result; no request once the widget's files
// are loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, screenshot, assertNoRequestsAfter } from './harness.mjs';
import { messages, fillQuestionnaire, cliResult, writtenMoney } from './person.mjs';
import { WIDTHS, widgetOf, flat, shots, begin } from './act-helpers.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const heading = (page) => widgetOf(page).getByRole('heading', { level: 2 });


// 180 000 € over 240 months at 3.20 %, first installment 2019-06-10, insured at 0.36 % a year of the outstanding
// capital; repaid 2025-02-20, still debited 10/03, 10/04, 10/05/2025: 41.83 + 41.63 + 41.44 = 124.90 €.
const DOSSIER = {
  loan_kind: 'real_estate', loan_amount: 18000000, loan_months: 240, loan_rate: 3200000,
  first_installment_date: '2019-06-10', repaid_early: true, payoff_date: '2025-02-20', partial_repayment: false,
  premium_monthly: 'unknown', premium_rate: 360000, premium_basis: 'outstanding_capital', premium_constant: false,
  debits_after_payoff: 3, first_debit_after_payoff: '2025-03-10', payoff_notice_sent: false, demand_sent: false,
};

for (const [lang, typedBad] of [['fr', '0,3x6'], ['en', '0.3x6']]) {
  test(`${lang}: a premium given as a rate of the outstanding capital gives the engine's figure`, async () => {
    const msg = messages(lang);
    const { s, loaded, page, widget: w } = await begin(env, lang, { viewport: WIDTHS[1] });
    const seen = [];
    const given = await fillQuestionnaire(page, DOSSIER, lang, {
      stopAt: 'premium_rate',
      onQuestion: async (fact) => { seen.push(fact); },
    });
    // The rate question: its hint says of which capital, and a rate it cannot read is refused next to the field.
    await heading(page).filter({ hasText: msg['q.premium_rate.label'] }).waitFor();
    const hint = w.locator('#lic-premium_rate-hint');
    assert.equal(flat(await hint.textContent()), flat(msg['q.premium_rate.hint']));
    await shots(page, `premium-rate-question-${lang}`);
    const field = w.getByLabel(msg['q.premium_rate.label'], { exact: true });
    await field.fill(typedBad);
    await w.getByRole('button', { name: msg['nav.continue'], exact: true }).click();
    const error = w.locator('.lic-error');
    await error.waitFor();
    assert.equal(await field.inputValue(), typedBad, 'what was typed stays');
    assert.equal(await field.getAttribute('aria-invalid'), 'true');
    assert.match(await field.getAttribute('aria-describedby'), /lic-premium_rate-error/);
    const said = flat((await error.textContent()).replace(msg['error.prefix'], ''));
    assert.ok(Object.entries(msg).some(([k, v]) => k.startsWith('error.') && flat(v) === said), `an error message of the ${lang} file: ${said}`);
    if (lang === 'fr') await screenshot(page, 'premium-rate-error-fr-1280');
    // The rest as the dossier says (the rate typed right this time).
    const rest = await fillQuestionnaire(page, DOSSIER, lang, { onQuestion: async (fact) => { seen.push(fact); } });
    const answers = { ...given, ...rest };
    assert.equal(answers.premium_rate, 360000);
    assert.equal(answers.premium_basis, 'outstanding_capital', `the basis was asked (${seen.join(', ')})`);
    await w.getByRole('button', { name: msg['nav.see_result'] }).click();
    await heading(page).filter({ hasText: msg['result.title'] }).waitFor();
    // The engine on exactly those answers: eligible, 124.90 €, from the rate of the outstanding capital.
    const claim = cliResult(answers, '2026-11-27').claims.find((c) => c.claim === 'after_payoff');
    assert.equal(claim.verdict, 'eligible');
    assert.equal(claim.amount.low, 12490);
    assert.ok(claim.reasons.includes('premium_from_rate_outstanding'), claim.reasons.join(', '));
    const section = w.locator('section.lic-claim', { hasText: msg['claim.after_payoff.title'] });
    const text = flat(await section.textContent());
    assert.ok(text.includes(flat(msg['verdict.eligible'])), 'eligible badge');
    assert.ok(text.includes(flat(writtenMoney(claim.amount.low, lang))), `${writtenMoney(claim.amount.low, lang)} shown: ${text}`);
    // The reason, behind the claim's "why".
    await section.getByText(msg['result.why_law'], { exact: true }).click();
    assert.ok(flat(await section.textContent()).includes(flat(msg['reason.premium_from_rate_outstanding'])), 'the reason says how the premiums were worked out');
    await shots(page, `premium-rate-result-${lang}`);
    assertNoRequestsAfter(s, loaded, 'premium rate journey');
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
}
