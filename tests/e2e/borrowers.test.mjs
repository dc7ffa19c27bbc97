// Five borrowers, each on a phone (390 px) and a desktop (1280 px), in French and in English, from the start
// screen to the letter (issue 13, "Done when"): a repaid loan debited after payoff; a running loan whose owner
// wonders about switching; a loan that ended long ago whose owner asks about profit sharing; a visitor who
// answers "I don't know" wherever it is offered; a co-borrowed loan with two insured people. Driven by role and
// label, axe on every distinct screen, no request after the widget loaded. Each case and language is typed once,
// on the phone (390 px): axe checks each question screen the first time this file meets it in that language
// (journeys.test.mjs checks every question screen in both languages); the desktop run (1280 px) of the same case
// and language opens the resume link the phone run's result gave (the answers typed, exactly) and goes on from the
// review, with axe on the review, result, letter and "also checked" screens at its own width. The first viewport of the result must hold the
// answer: the amount, the last day to act and the one next step where there is one; the next step is one Tab
// from the result's heading, and Enter on it lands in the letter's first field. What the visitor types there
// fills in the letter, stays on the device, and goes to no request. Screenshots of the result and the letter at
// 320, 390 and 1280 px under target/screenshots/borrower-*.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, checkAxe, screenshot } from './harness.mjs';
import { fillQuestionnaire, cliResult, readResult, writtenDate, writtenMoney, fill } from './person.mjs';
import { lawCases, stored, flat, typedOnceThenResumed } from './act-helpers.mjs';

let env;
const cases = lawCases();
/** Question screens already checked by axe, per language (`${lang}:${fact}`). */
const seen = new Set();
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

const GOOD_TO_KNOW = ['switch_savings', 'medical_questionnaire'];

/** What leads the result, computed from the command-line result the way SPEC and issue 13 word it. */
function expectedLead(result) {
  const claims = result.claims.filter((c) => !GOOD_TO_KNOW.includes(c.claim));
  const total = claims.filter((c) => c.verdict === 'eligible' && c.amount && c.amount.kind !== 'saving')
    .reduce((s, c) => s + c.amount.low, 0);
  const sw = result.claims.find((c) => c.claim === 'switch_savings');
  const saving = sw?.verdict === 'eligible' && sw.amount?.low > 0 ? sw.amount.low : 0;
  const actionable = claims.filter((c) => ['eligible', 'needs_info'].includes(c.verdict));
  const days = actionable.map((c) => c.last_day).filter(Boolean).sort();
  const exempt = result.claims.find((c) => c.claim === 'medical_questionnaire')?.verdict === 'eligible';
  const kind = saving > total ? 'saving' : total > 0 ? 'claim' : exempt ? 'exemption' : actionable.length ? 'needs_info' : 'nothing';
  // The answers the undecided claims wait for (not answered yet, then "I don't know" that decides), each once.
  const waiting = [];
  for (const c of actionable.filter((c) => c.verdict === 'needs_info')) {
    for (const f of [...c.missing, ...c.unknown_needed]) if (!waiting.includes(f)) waiting.push(f);
  }
  return { kind, total, saving, lastDay: days[0] ?? null, waiting };
}

// (situation, law case, answers added, the lead it must get)
const BORROWERS = [
  ['repaid loan debited after payoff', 'example_d_debits_after_payoff', {}, 'claim'],
  ['running loan, asks about switching', 'example_a_refused_switch_and_savings', {}, 'saving'],
  // The person answers "I don't know" to what the case leaves out: the lead then follows what is missing.
  ['loan ended long ago, asks about profit sharing', 'example_h_profit_sharing', {}, null],
  // Only the kind of loan (which has no "I don't know") is known.
  ['"I don\'t know" wherever offered', 'questionnaire_empty_asks_loan_kind', { loan_kind: 'real_estate' }, 'needs_info'],
  ['co-borrowed loan, two insured people', 'example_b_couple_50_50', {}, 'saving'],
];
const VIEWPORTS = [{ width: 390, height: 844 }, { width: 1280, height: 800 }];

/** Whether the element is wholly inside the viewport as it is now (no scrolling). */
async function inFirstViewport(page, locator) {
  const box = await locator.boundingBox();
  const vp = page.viewportSize();
  return !!box && box.y >= 0 && box.y + box.height <= vp.height && box.x >= 0 && box.x + box.width <= vp.width + 1;
}

/** The name of the element that has the focus inside the widget. */
const focused = (page) => page.evaluate(() => {
  const el = document.querySelector('loan-insurance-check').shadowRoot.activeElement;
  return el ? { tag: el.tagName.toLowerCase(), id: el.id, text: el.textContent.trim() } : null;
});

for (const [situation, name, extra, lead] of BORROWERS) {
  const scenario = cases[name];
  typedOnceThenResumed(() => env, {
    title: (lang, { width }) => `${situation} (${lang}, ${width} px): the answer first, one Tab to the next step, a letter ready to send`,
    name,
    today: scenario?.as_of,
    runs: ['fr', 'en'].flatMap((lang) => VIEWPORTS.map((viewport) => [lang, viewport])),
    axeStart: true,
    type: async ({ s, lang, tag }) => {
      assert.ok(scenario, `no law case ${name}`);
      let questions = 0;
      const given = await fillQuestionnaire(s.page, { ...scenario.answers, ...extra }, lang, {
        onQuestion: async (fact) => {
          questions++;
          if (seen.has(`${lang}:${fact}`)) return;
          seen.add(`${lang}:${fact}`);
          await checkAxe(s.page, `${tag}: question ${fact}`);
        },
      });
      assert.ok(questions > 0);
      return given;
    },
    check: async ({ s, widget, msg, lang, tag, viewport, given }) => {
      const { page } = s;
      await screenshot(page, `borrower-${tag}-result`);
      const result = cliResult(given, scenario.as_of);
      const want = expectedLead(result);
      if (lead) assert.equal(want.kind, lead, `${tag}: the case leads with ${lead}`);
      const answer = widget.locator('.lic-answer');
      const answerText = flat(await answer.textContent());
      // The first viewport holds the amount, the last day and the action.
      const leadLine = answer.locator('.lic-lead');
      assert.ok(await inFirstViewport(page, leadLine), `${tag}: the headline is in the first viewport`);
      let action = null;
      if (want.kind === 'claim') {
        assert.ok(answerText.includes(flat(msg['result.lead.claim'].replace('{amount}', writtenMoney(want.total, lang)))), `${tag}: ${answerText}`);
        action = answer.getByRole('button', { name: msg['result.lead.letter'] });
      } else if (want.kind === 'saving') {
        assert.ok(answerText.includes(flat(msg['result.lead.saving'].replace('{amount}', writtenMoney(want.saving, lang)))), `${tag}: ${answerText}`);
        action = answer.getByRole('button', { name: msg['result.lead.switch'] });
      } else if (want.kind === 'needs_info') {
        // The headline follows the evaluation: how many answers decide, the one named when there is one.
        const headline = want.waiting.length === 0 ? msg['result.lead.needs_info']
          : want.waiting.length === 1 ? fill(msg['result.lead.needed_one'], { question: msg[`q.${want.waiting[0]}.label`] }, lang)
            : fill(msg['result.lead.needed'], { n: String(want.waiting.length) }, lang);
        assert.ok(answerText.includes(flat(headline)), `${tag}: ${answerText}`);
        for (const f of want.waiting) {
          assert.equal(await answer.getByRole('button', { name: msg[`q.${f}.label`], exact: true }).count(), 1, `${tag}: ${f} is named`);
        }
        const first = answer.getByRole('button').first();
        if (await first.count()) action = first;
      } else if (want.kind === 'nothing') {
        assert.ok(answerText.includes(flat(msg['result.summary_none'])), `${tag}: ${answerText}`);
      }
      if (want.lastDay && ['claim', 'needs_info'].includes(want.kind)) {
        const day = answer.locator('.lic-answer-day');
        assert.ok(flat(await day.textContent()).includes(flat(writtenDate(want.lastDay, lang))), `${tag}: the earliest last day`);
        assert.ok(await inFirstViewport(page, day), `${tag}: the last day is in the first viewport`);
      }
      if (action) assert.ok(await inFirstViewport(page, action), `${tag}: the next step is in the first viewport`);

      if (action) {
        // One Tab from the heading (which has the focus) to the next step.
        assert.equal((await focused(page))?.text, msg['result.title'], `${tag}: the heading has the focus`);
        await page.keyboard.press('Tab');
        assert.equal(flat((await focused(page))?.text ?? ''), flat(await action.textContent()), `${tag}: one Tab to the next step`);
      }
      // Profit sharing, asked about, is answered near the top.
      if (name === 'example_h_profit_sharing') {
        const asked = widget.getByRole('heading', { level: 3, name: msg['result.asked'] });
        assert.ok(await inFirstViewport(page, asked), `${tag}: the question asked is answered in the first viewport`);
      }
      // The claims shown are those that concern this loan; the others are listed under "what we also checked".
      const shown = await readResult(page, lang);
      if (name === 'example_h_profit_sharing') assert.equal(shown.profit_sharing?.badge, msg['verdict.not_eligible']);
      for (const c of result.claims) {
        if (c.verdict === 'not_applicable') assert.equal(shown[c.claim], undefined, `${tag}: ${c.claim} is not a card`);
      }
      const na = result.claims.filter((c) => c.verdict === 'not_applicable');
      if (na.length) {
        const checked = widget.locator('details.lic-checked');
        await checked.locator('summary').click();
        for (const c of na) assert.ok((await checked.textContent()).includes(msg[`claim.${c.claim}.title`]), `${tag}: ${c.claim} in "also checked"`);
        await checkAxe(page, `${tag}: also checked, open`);
        await checked.locator('summary').click();
      }
      // Two insured people: the exemption is told per person.
      if (name === 'example_b_couple_50_50') {
        const med = shown.medical_questionnaire;
        for (const n of ['1', '2']) assert.ok(med.text.includes(msg['claim.person'].split('{n}')[0] + n), `${tag}: person ${n}`);
      }
      // "I don't know": every question that offers it got it, and the claims name what is missing.
      if (name === 'questionnaire_empty_asks_loan_kind') {
        assert.ok(Object.values(given).filter((v) => v === 'unknown').length >= 1, `${tag}: answered "I don't know"`);
      }

      if (action) {
        if (want.kind === 'claim' || want.kind === 'saving') {
          await action.focus();
          await page.keyboard.press('Enter');
          const nameField = widget.getByLabel(msg['act.party.sender_name.label'], { exact: true });
          await nameField.waitFor();
          assert.equal((await focused(page))?.id, 'lic-party-sender_name', `${tag}: Enter lands in the letter's first field`);
          const article = widget.locator('article.lic-doc');
          const before_ = flat(await article.innerText());
          assert.ok(before_.includes('Objet :'), `${tag}: the letter is on show`);
          await page.keyboard.type('Camille Martin');
          await widget.getByLabel(msg['act.party.sender_address.label'], { exact: true }).fill('12 rue des Lilas\n69003 Lyon');
          await widget.getByLabel(msg['act.party.place.label'], { exact: true }).fill('Lyon');
          await widget.getByLabel(msg['act.party.recipient_name.label'], { exact: true }).fill('Banque Exemple');
          await widget.getByLabel(msg['act.party.loan_number.label'], { exact: true }).fill('PR-778');
          await widget.getByLabel(msg['act.party.contract_number.label'], { exact: true }).fill('ADH-5501');
          const letter = flat(await article.innerText());
          for (const w of ['Camille Martin', '12 rue des Lilas', '69003 Lyon', 'À Lyon, le', 'Banque Exemple', 'Prêt n° PR-778', 'ADH-5501']) {
            assert.ok(letter.includes(w), `${tag}: the letter updates as the visitor types (${w})`);
          }
          if (want.kind === 'saving') assert.ok(letter.includes('Demande de substitution'), `${tag}: the switch request`);
          if (name === 'example_d_debits_after_payoff') {
            assert.ok(letter.includes(flat(`5 avril 2023 : ${writtenMoney(2500, 'fr')}`)), `${tag}: each debit listed`);
          }
          // The print hint sits outside the letter, which holds no instruction to the visitor.
          assert.ok(flat(await widget.locator('.lic-act').textContent()).includes(flat(msg['act.print.pdf'])));
          assert.ok(!letter.includes(flat(msg['act.print.pdf'])));
          await checkAxe(page, `${tag}: letter with the visitor's details`);
          await screenshot(page, `borrower-${tag}-letter`);
          // What was typed stays on the device: nothing stored without opting in, no request.
          const st = await stored(s);
          assert.deepEqual([st.local, st.session, st.cookies], [[], [], []], `${tag}: nothing stored without opting in`);
          if (viewport.width === 390) {
            await page.setViewportSize({ width: 320, height: 700 });
            await screenshot(page, `borrower-${name}-${lang}-320-letter`);
            await widget.getByRole('button', { name: msg['act.letter.hide'] }).first().click();
            await page.evaluate(() => window.scrollTo(0, 0));
            await screenshot(page, `borrower-${name}-${lang}-320-result`);
            await checkAxe(page, `${tag}: 320 px`);
          }
        }
      }
      if (viewport.width === 390 && page.viewportSize().width !== 320) {
        await page.setViewportSize({ width: 320, height: 700 });
        await screenshot(page, `borrower-${name}-${lang}-320-result`);
        await checkAxe(page, `${tag}: 320 px`);
      }
    },
  });
}
