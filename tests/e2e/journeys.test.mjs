// Whole journeys typed through the interface as a person would, one per scenario, covering every claim.
// Each result screen is compared field by field with the command-line engine's result for exactly the
// answers given (verdict, amounts, interest, last day, urgency, reasons, documents), checked by axe,
// and photographed under target/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, checkAxe, screenshot, assertNoRequestsAfter } from './harness.mjs';
import { messages, fillQuestionnaire, cliResult, readResult, writtenDate, writtenMoney } from './person.mjs';
import { lawCases, begin } from './act-helpers.mjs';

// Scenario name (a law case), the claim it is about, the language the person uses, and any answer added to the case.
const SCENARIOS = [
  ['after_payoff_interest_from_demand', 'after_payoff', 'fr'],
  ['after_payoff_consumer_credit', 'after_payoff', 'en'],
  ['after_cover_end_contract_lowers_premium', 'after_cover_end', 'fr'],
  ['wrong_basis_partly_time_barred', 'wrong_basis', 'fr'],
  ['lender_fees_on_ban_start', 'lender_fees', 'en'],
  ['double_premium_requested_start_later', 'double_premium', 'fr'],
  ['refused_switch_lemoine_still_blocked', 'refused_switch', 'fr'],
  ['refused_switch_hamon_day_after', 'refused_switch', 'en'],
  ['duty_to_advise_range', 'duty_to_advise', 'fr'],
  // The visitor also says what kind of loan it is (the case itself leaves it out).
  ['profit_sharing_asked_without_details', 'profit_sharing', 'fr', { loan_kind: 'real_estate' }],
  ['medical_couple_50_50_new_loan', 'medical_questionnaire', 'fr'],
  ['savings_with_quote_and_fees', 'switch_savings', 'en'],
];

let env;
const cases = lawCases();
/** Questions already checked by axe and photographed, per language: each is checked once per run. */
const seen = new Set();
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** The interface shows what the engine says of every claim, field by field. */
function compare(shown, result, msg, lang, label) {
  const compact = (verdict) => verdict === 'not_eligible' || verdict === 'time_barred';
  for (const claim of result.claims) {
    const ui = shown[claim.claim];
    if (claim.verdict === 'not_applicable') {
      assert.equal(ui, undefined, `${label}: ${claim.claim} is not applicable and must not be shown`);
      continue;
    }
    assert.ok(ui, `${label}: ${claim.claim} (${claim.verdict}) is not shown`);
    const badge = msg[`claim.${claim.claim}.verdict.${claim.verdict}`] ?? msg[`verdict.${claim.verdict}`];
    assert.equal(ui.badge, badge, `${label}: verdict of ${claim.claim}`);
    for (const reason of claim.reasons) {
      assert.ok(ui.text.includes(msg[`reason.${reason}`]), `${label}: ${claim.claim} lacks reason ${reason}`);
    }
    if (compact(claim.verdict)) continue;
    if (claim.amount) {
      for (const figure of [claim.amount.low, claim.amount.high]) {
        assert.ok(ui.text.includes(writtenMoney(figure, lang)), `${label}: ${claim.claim} lacks ${writtenMoney(figure, lang)}`);
      }
      const interest = claim.amount.interest;
      if (interest?.amount != null) {
        assert.ok(ui.text.includes(writtenMoney(interest.amount, lang)), `${label}: ${claim.claim} lacks its interest`);
      }
      if (claim.amount.monthly_accrual != null) {
        assert.ok(ui.text.includes(writtenMoney(claim.amount.monthly_accrual, lang)), `${label}: ${claim.claim} lacks its monthly figure`);
      }
    }
    if (claim.last_day) {
      assert.ok(ui.text.includes(writtenDate(claim.last_day, lang)), `${label}: ${claim.claim} lacks its last day`);
    }
    assert.equal(ui.text.includes(msg['claim.urgent']), claim.urgent, `${label}: urgency of ${claim.claim}`);
    for (const doc of claim.documents) {
      assert.ok(ui.text.includes(msg[`doc.${doc}`]), `${label}: ${claim.claim} lacks document ${doc}`);
    }
  }
}

after(() => {
  // Every question the journeys met was checked in both languages.
  const facts = new Set([...seen].map((k) => k.split(':')[1]));
  console.log(`axe checked ${seen.size} question screens (${facts.size} questions) in French and English`);
});

for (const [name, claim, lang, extra = {}] of SCENARIOS) {
  test(`journey ${name} (${lang}): the result screen says what the engine says`, async () => {
    const scenario = cases[name];
    assert.ok(scenario, `no law case named ${name}`);
    const msg = messages(lang);
    // The browser's clock is set to the case's day: the widget's as_of comes from it.
    const { s, loaded, page, widget } = await begin(env, lang, { today: scenario.as_of });
    const given = await fillQuestionnaire(page, { ...scenario.answers, ...extra }, lang, {
      onQuestion: async (fact) => {
        if (seen.has(`${lang}:${fact}`)) return;
        seen.add(`${lang}:${fact}`);
        await checkAxe(page, `question ${fact} (${lang})`);
        await screenshot(page, `question-${fact}-${lang}`);
      },
    });
    await checkAxe(page, `${name}: review`);
    await widget.getByRole('button', { name: msg['nav.see_result'] }).click();
    await widget.getByRole('heading', { level: 2, name: msg['result.title'] }).waitFor();
    await checkAxe(page, `${name}: result`);
    await screenshot(page, `journey-${name}-${lang}`);

    const result = cliResult(given, scenario.as_of);
    const shown = await readResult(page, lang);
    compare(shown, result, msg, lang, name);
    // The claim this journey is about reached the verdict its law case expects.
    const expected = scenario.expect?.claims?.[claim]?.verdict;
    const got = result.claims.find((c) => c.claim === claim)?.verdict;
    assert.equal(got, expected, `${name}: ${claim} verdict after the journey`);
    // Actionable claims come first, urgent ones at the very top.
    const order = Object.entries(shown).sort((a, b) => a[1].order - b[1].order).map(([id]) => result.claims.find((c) => c.claim === id));
    const rank = (c) => (['eligible', 'needs_info'].includes(c.verdict) ? 0 : 1);
    // A question the visitor asked (profit sharing) is answered at the top, before the list (issue 13).
    const aside = ['switch_savings', 'medical_questionnaire', ...(given.asked_profit_sharing === true ? ['profit_sharing'] : [])];
    if (aside.includes('profit_sharing') && shown.profit_sharing) {
      assert.equal(shown.profit_sharing.order, 0, `${name}: the question asked is answered first`);
    }
    for (let i = 1; i < order.length; i++) {
      const [prev, cur] = [order[i - 1], order[i]];
      if (aside.includes(cur.claim) || aside.includes(prev.claim)) continue;
      assert.ok(rank(prev) <= rank(cur) && !(cur.urgent && !prev.urgent && rank(prev) === rank(cur)), `${name}: ${prev.claim} before ${cur.claim}`);
    }
    assertNoRequestsAfter(s, loaded, name);
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
}
