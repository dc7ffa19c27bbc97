// Acting on a result (issue 7), as a person would, on the release build: for each claim type a letter in French
// (also from the English interface, which says so), shown, copied and downloaded with the same text; printed with
// Chromium's PDF printing and read back (the letter alone: nothing of the host page or the rest of the widget),
// rendered to PNG under target/screenshots/; the recap printed with the rules and data versions and as_of; the
// .ics reminders parsed with ical.js, all-day on the right dates whatever the time zone of the browser or of the
// calendar that reads them. axe on every state, the keyboard alone, and no request after the widget loaded.
// Each law case is typed once in this file; its later tests reach the result by the resume link that gave
// (act-helpers.mjs reachResult: the same answers, not typed again).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { start, checkAxe, screenshot, assertNoRequestsAfter, ROOT, SHOTS } from './harness.mjs';
import { cliResult, writtenDate, writtenMoney } from './person.mjs';
import { lawCases, reachResult, download, readPdf, flat, messages } from './act-helpers.mjs';

let env;
const cases = lawCases();
before(async () => { env = await start(); });
after(async () => { await env?.stop(); });

/** The letter of `claim` is shown: returns its article. */
async function openLetter(widget, msg, claim) {
  const block = widget.locator('.lic-act-claim').filter({ has: widget.page().getByRole('heading', { level: 4, name: msg[`claim.${claim}.title`] }) });
  await block.getByRole('button', { name: msg['act.letter.show'] }).click();
  const article = block.locator('article.lic-doc');
  await article.waitFor();
  return { block, article };
}

// (law case, claim, language, what the letter must say besides the amount)
const SCENARIOS = [
  ['example_d_debits_after_payoff', 'after_payoff', 'fr', ['11 × 25,00 € = 275,00 €', 'articles 1302 et 1302-1 du Code civil']],
  ['example_e_lender_fees', 'lender_fees', 'en', ['article L312-9 du Code de la consommation', 'L313-31 et L313-32']],
  ['example_f_double_premium_lemoine', 'double_premium', 'fr', ['35 jours × 70,00 € × 12 / 365 = 80,55 €', 'L113-12-2 du Code des assurances']],
  ['example_g_partial_repayment_confirmed', 'wrong_basis', 'fr', ['59 × 31,14 € = 1\u202f837,26 €', 'notice d\'information']],
  // Debit-based letters list each debit with its date and amount (issue 13 point 2).
  ['refused_switch_lemoine_still_blocked', 'refused_switch', 'en', ['L313-30 du Code de la consommation', 'loi n° 2022-270',
    'Échéances prélevées à l\'ancienne cotisation, et la différence sur chacune :', '10 novembre 2026 : 50,00 €']],
  ['after_cover_end_contract_lowers_premium', 'after_cover_end', 'fr', ['18 × 15,00 € = 270,00 €',
    'Échéances dont je demande le trop-perçu : 10 juin 2025 : 15,00 € 10 juillet 2025 : 15,00 €', '10 novembre 2026 : 15,00 €']],
  // Dates known by their month and year only are written as months, never as a day the visitor did not give.
  ['month_after_payoff_loan_end_from_first_month_letter_says_months', 'after_payoff', 'en', ['première échéance en août 2004',
    'Mon prêt a pris fin avec sa dernière échéance, en juillet 2024.']],
];

for (const [name, claim, lang, wanted] of SCENARIOS) {
  test(`letter ${claim} (${name}, ${lang}): shown, copied and downloaded alike, in French, keyboard and axe`, async () => {
    const scenario = cases[name];
    assert.ok(scenario, name);
    const { s, loaded, given, widget, msg } = await reachResult(env, scenario, lang);
    await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const result = cliResult(given, scenario.as_of);
    const c = result.claims.find((x) => x.claim === claim);
    assert.equal(c.verdict, 'eligible');
    await widget.getByRole('heading', { level: 3, name: msg['act.title'] }).waitFor();
    await checkAxe(s.page, `${name}: act panel`);

    const { block, article } = await openLetter(widget, msg, claim);
    // The toggle says what it controls and keeps the focus (the same element, patched in place).
    const toggle = block.getByRole('button', { name: msg['act.letter.hide'] });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await s.page.evaluate(() => document.querySelector('loan-insurance-check').shadowRoot.activeElement?.getAttribute('aria-controls')), `lic-letter-${claim}`);
    assert.equal(await article.getAttribute('lang'), 'fr', 'the letter is marked as French');
    if (lang === 'en') assert.ok((await block.textContent()).includes(msg['act.letter.in_french']), 'the English interface says the letter is in French');
    const shown = flat(await article.innerText());
    // Always French, whatever the interface language: the amount as French writes it, the French blocks.
    for (const w of [writtenMoney(c.amount.low, 'fr'), writtenDate(scenario.as_of, 'fr'), 'Objet :', 'Madame, Monsieur,',
      'Lettre recommandée avec demande d\'avis de réception', 'dans un délai de trente jours', 'médiateur', 'Pièces jointes (copies) :', ...wanted]) {
      assert.ok(shown.includes(flat(w)), `${name}: the letter lacks "${w}"\n${shown}`);
    }
    assert.ok(!/[{}]/.test(shown), 'every placeholder is filled');
    assert.ok(!/interromp|prescription|suspen/i.test(shown), 'the letter says nothing of stopping the clock');
    // The clock warning, next to the letter, in the visitor's language.
    assert.ok((await block.textContent()).includes(msg['act.clock'].split('{date}')[0]));
    await checkAxe(s.page, `${name}: letter open`);
    await article.screenshot({ path: join(SHOTS, `act-letter-${claim}-${lang}.png`) });

    // Copy: the clipboard gets the letter's text; the .txt download is the same text.
    await block.getByRole('button', { name: msg['act.letter.copy'] }).click();
    await widget.getByRole('status').filter({ hasText: msg['act.copied'] }).waitFor();
    const copied = await s.page.evaluate(() => navigator.clipboard.readText());
    const txt = await download(s.page, block.getByRole('link', { name: msg['act.letter.download'] }));
    assert.equal(txt.name, `lettre-${claim}.txt`);
    assert.ok(txt.url.startsWith('data:text/plain'), 'the download is made in the page, not fetched');
    assert.equal(txt.text, copied);
    assert.equal(flat(copied).replace(/ – /g, ' '), shown, 'the copied text is the letter on screen (its list dashes aside)');

    // The keyboard alone: close and reopen with Enter.
    await toggle.focus();
    await s.page.keyboard.press('Enter');
    await block.getByRole('button', { name: msg['act.letter.show'] }).waitFor();
    assert.equal(await article.count(), 0);
    await s.page.keyboard.press('Enter');
    await block.locator('article.lic-doc').waitFor();

    assertNoRequestsAfter(s, loaded, name);
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
}

/** Prints the page to PDF (A4, the margins a browser gives) and reads it back. */
async function printed(page, name) {
  const bytes = await page.pdf({ format: 'A4', margin: { top: '15mm', bottom: '15mm', left: '15mm', right: '15mm' } });
  writeFileSync(join(ROOT, 'target', `${name}.pdf`), bytes);
  return readPdf(bytes, name);
}

for (const [name, claim, lang] of [['example_d_debits_after_payoff', 'after_payoff', 'fr'], ['example_e_lender_fees', 'lender_fees', 'en']]) {
  test(`print: the ${claim} letter prints alone (${lang}), and the recap prints with versions and as_of`, async () => {
    const scenario = cases[name];
    const { s, loaded, given, widget, msg } = await reachResult(env, scenario, lang);
    const result = cliResult(given, scenario.as_of);
    const { article } = await openLetter(widget, msg, claim);
    const shown = flat(await article.innerText());
    await s.page.emulateMedia({ media: 'print' });
    await screenshot(s.page, `act-print-letter-${claim}-${lang}`);
    // page.pdf() prints with the media emulated: none, as a browser printing does.
    await s.page.emulateMedia({ media: null });
    const pages = await printed(s.page, `act-print-letter-${claim}-${lang}`);
    const text = flat(pages.join(' '));
    assert.ok(pages.length <= 2, `${pages.length} pages`);
    assert.ok(text.includes('Objet :') && text.includes('Signature :'));
    // Everything of the letter, in order, and nothing else: not the host page, not the rest of the widget.
    assert.equal(text.replace(/ /g, ''), shown.replace(/ /g, ''));
    for (const other of ['Association des consommateurs du Val', msg['widget.name'], msg['result.title'], msg['act.letter.print'], msg['privacy.footer']]) {
      assert.ok(!text.includes(other), `the printed letter contains "${other}"`);
    }

    // The recap instead of the letter.
    await widget.getByRole('button', { name: msg['act.letter.hide'] }).click();
    await widget.getByRole('button', { name: msg['act.recap.show'] }).click();
    const recap = widget.locator('article.lic-recap');
    await recap.waitFor();
    await checkAxe(s.page, `${name}: recap open`);
    const rpages = await printed(s.page, `act-print-recap-${lang}`);
    const rtext = flat(rpages.join(' '));
    for (const w of [msg['act.recap.title'], result.rules_version, result.data_version, writtenDate(scenario.as_of, lang), msg[`claim.${claim}.title`], writtenMoney(result.claims.find((x) => x.claim === claim).amount.low, lang)]) {
      assert.ok(rtext.includes(flat(w)), `the recap lacks "${w}"`);
    }
    for (const c of result.claims.filter((x) => x.verdict !== 'not_applicable')) {
      assert.ok(rtext.includes(flat(msg[`claim.${c.claim}.title`])), `the recap lacks ${c.claim}`);
    }
    assert.ok(!rtext.includes('Association des consommateurs du Val') && !rtext.includes('Objet :'));
    await s.page.emulateMedia({ media: 'print' });
    await screenshot(s.page, `act-print-recap-${lang}`);
    await s.page.emulateMedia({ media: null });
    // Closing the view gives the host page its printing back.
    await widget.getByRole('button', { name: msg['act.recap.hide'] }).click();
    await s.page.emulateMedia({ media: 'print' });
    assert.equal(await s.page.evaluate(() => document.adoptedStyleSheets.length), 0);
    assert.ok(await s.page.getByText('Association des consommateurs du Val').isVisible());
    assertNoRequestsAfter(s, loaded, name);
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
}

/** `iso` plus `n` months, the last day of the month where the day does not exist (SPEC §2.4). */
function addMonths(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  const last = new Date(Date.UTC(Math.floor(t / 12), (t % 12) + 1, 0)).getUTCDate();
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
const addDays = (iso, n) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

// The browser's clock is fixed at one instant; what day it is depends on the time zone, and so do as_of and the
// reminders. The calendar file itself has no time zone: all-day events fall on their date everywhere.
for (const [timezoneId, asOf] of [['Europe/Paris', '2026-11-27'], ['Pacific/Kiritimati', '2026-11-28'], ['America/Los_Angeles', '2026-11-27']]) {
  test(`reminders (.ics) parsed with ical.js, browser in ${timezoneId}`, async () => {
    const scenario = cases.example_d_debits_after_payoff;
    const lang = timezoneId === 'Pacific/Kiritimati' ? 'en' : 'fr';
    // 10:00 UTC: already the 28th in Kiritimati (UTC+14), still the 27th in Los Angeles.
    const { s, loaded, given, widget, msg } = await reachResult(env, { ...scenario, as_of: '2026-11-27T10:00:00Z' }, lang, { context: { timezoneId } });
    assert.ok((await widget.locator('section.lic').textContent()).includes(writtenDate(asOf, lang)), `as_of is ${asOf} in ${timezoneId}`);
    const result = cliResult(given, asOf);
    const c = result.claims.find((x) => x.claim === 'after_payoff');
    // The visitor says when they send the letter.
    const sent = addDays(asOf, 4);
    const field = widget.getByLabel(msg['act.sent.label']);
    await field.fill(sent);
    await field.dispatchEvent('change');
    const block = widget.locator('.lic-act-claim').first();
    const ics = await download(s.page, block.getByRole('link', { name: msg['act.reminders'] }));
    assert.equal(ics.name, msg['act.file.reminders'].replace('{claim}', 'after_payoff'));
    assert.ok(ics.url.startsWith('data:text/calendar'));
    writeFileSync(join(ROOT, 'target', `act-reminders-${timezoneId.replace('/', '-')}.ics`), ics.text);

    const cal = new ICAL.Component(ICAL.parse(ics.text));
    assert.equal(cal.getFirstPropertyValue('version'), '2.0');
    assert.ok(cal.getFirstPropertyValue('prodid'));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const want = [
      [addMonths(sent, 1), msg['act.ics.follow_up.summary']],
      [addMonths(sent, 2), msg['act.ics.mediator.summary']],
      [addDays(c.last_day, -30), msg['act.ics.last_30.summary']],
      [addDays(c.last_day, -7), msg['act.ics.last_7.summary']],
    ].filter(([d]) => d >= asOf).sort();
    assert.equal(events.length, want.length);
    const uids = new Set();
    events.forEach((ev, i) => {
      const [date, summary] = want[i];
      assert.equal(ev.startDate.isDate, true, 'an all-day event');
      assert.equal(ev.startDate.toString(), date);
      assert.equal(ev.endDate.toString(), addDays(date, 1), 'one whole day');
      assert.equal(ev.startDate.zone?.tzid ?? 'floating', 'floating', 'no time zone: the same day everywhere');
      assert.equal(ev.summary, summary.replace('{claim}', msg['claim.after_payoff.title']));
      assert.ok(ev.description.includes(writtenDate(c.last_day, lang)), 'the last day to act is in the description');
      uids.add(ev.uid);
    });
    assert.equal(uids.size, events.length);
    // A calendar in another time zone reads the same days.
    const days = (tz) => execFileSync(process.execPath, ['--input-type=module', '-e', `
      import ICAL from 'ical.js'; import { readFileSync } from 'node:fs';
      const cal = new ICAL.Component(ICAL.parse(readFileSync(process.argv[1], 'utf8')));
      console.log(cal.getAllSubcomponents('vevent').map((v) => { const d = new ICAL.Event(v).startDate.toJSDate(); return d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'); }).join(','));`,
    join(ROOT, 'target', `act-reminders-${timezoneId.replace('/', '-')}.ics`)], { cwd: ROOT, env: { ...process.env, TZ: tz } }).toString().trim();
    for (const tz of ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata']) {
      assert.equal(days(tz), want.map(([d]) => d).join(','), `read in ${tz}`);
    }
    assertNoRequestsAfter(s, loaded, timezoneId);
    assert.deepEqual(s.problems, []);
    await s.context.close();
  });
}
