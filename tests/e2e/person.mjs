// A person filling in the questionnaire: reads each question's heading, answers it by label from a
// scenario's answers (the answers JSON v1), and says "I don't know" to what the scenario does not know.
// It also reads the result the way a person would (headings, badges, amounts) and runs the command-line
// engine on exactly the answers it gave, so the two can be compared field by field.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';
import { messages } from '../../scripts/version.mjs';

export { messages };

const MONTHS = {
  fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** A date as the widget writes it. */
export function writtenDate(iso, lang) {
  const [y, m, d] = iso.split('-').map(Number);
  const day = lang === 'fr' && d === 1 ? '1er' : String(d);
  return `${day} ${MONTHS[lang][m - 1]} ${y}`;
}

/** An amount in cents as the widget writes it. */
export function writtenMoney(cents, lang) {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = String(Math.floor(abs / 100));
  const rest = String(abs % 100).padStart(2, '0');
  const sep = lang === 'fr' ? '\u202F' : ',';
  const grouped = euros.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const sign = negative ? '−' : '';
  return lang === 'fr' ? `${sign}${grouped},${rest}\u00A0€` : `${sign}€${grouped}.${rest}`;
}

/** How a person types a number of cents: "1 234,56" in French, "1234.56" in English (both are accepted). */
function typedMoney(cents, lang) {
  const euros = Math.floor(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return lang === 'fr' ? `${String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${rest}` : `${euros}.${rest}`;
}

function typedPercent(millionths, lang) {
  const whole = Math.floor(millionths / 1e6);
  const frac = String(millionths % 1e6).padStart(6, '0').replace(/0+$/, '');
  return frac ? `${whole}${lang === 'fr' ? ',' : '.'}${frac}` : String(whole);
}

/**
 * Answers every question the widget asks, from `answers` (answers JSON v1), until the review screen.
 * Returns the answers actually given (what the command-line engine must get for the same result).
 * With `stopAt` (a fact id), stops when that question is on show, without answering it.
 * `onQuestion(fact)` runs on each question before it is answered (axe, screenshots).
 */
export async function fillQuestionnaire(page, answers, lang = 'fr', { maxQuestions = 80, stopAt = null, onQuestion = null } = {}) {
  const msg = messages(lang);
  const byLabel = {};
  for (const [key, text] of Object.entries(msg)) {
    const m = key.match(/^q\.([a-z0-9_]+)\.label$/);
    if (m) byLabel[text] = m[1];
  }
  const widget = page.locator('loan-insurance-check').first();
  const given = { version: 1 };
  for (let i = 0; i < maxQuestions; i++) {
    const heading = widget.getByRole('heading', { level: 2 });
    const title = (await heading.textContent()).trim();
    if (title === msg['review.title']) return given;
    const fact = byLabel[title];
    if (!fact) throw new Error(`unknown question "${title}"`);
    if (fact === stopAt) return given;
    if (onQuestion) await onQuestion(fact);
    let value = Object.hasOwn(answers, fact) ? answers[fact] : 'unknown';
    const radios = widget.getByRole('radio');
    if (await radios.count() > 0) {
      // A yes/no question the scenario says nothing about, with no "I don't know": nothing of the kind happened.
      const yesNo = (await widget.getByLabel(msg['answer.no'], { exact: true }).count()) > 0;
      const noUnknown = (await widget.getByLabel(msg['answer.unknown'], { exact: true }).count()) === 0;
      if (value === 'unknown' && yesNo && noUnknown) value = false;
      // Nobody else is insured unless the scenario says so.
      if (value === 'unknown' && fact === 'insured_count' && noUnknown) value = 1;
      let label;
      if (value === 'unknown') label = msg['answer.unknown'];
      else if (value === true) label = msg['answer.yes'];
      else if (value === false) label = msg['answer.no'];
      else label = msg[`q.${fact}.opt.${value}`];
      const option = widget.getByLabel(label ?? '?', { exact: true });
      if (!label || (await option.count()) === 0) {
        throw new Error(`question ${fact}: the scenario answer ${JSON.stringify(value)} is not an option here`);
      }
      await option.check();
    } else if (await widget.getByLabel(msg['q.date.day'], { exact: true }).count() > 0) {
      if (value === 'unknown') {
        await widget.getByRole('button', { name: msg['answer.unknown_button'] }).click();
        given[fact] = value;
        await heading.filter({ hasNotText: title }).waitFor();
        continue;
      }
      const [y, m, d] = value.split('-');
      // "YYYY-MM": a date known by its month and year only; the day stays empty.
      await widget.getByLabel(msg['q.date.day'], { exact: true }).fill(d === undefined ? '' : String(Number(d)));
      await widget.getByLabel(msg['q.date.month'], { exact: true }).fill(String(Number(m)));
      await widget.getByLabel(msg['q.date.year'], { exact: true }).fill(y);
    } else {
      if (value === 'unknown') {
        await widget.getByRole('button', { name: msg['answer.unknown_button'] }).click();
        given[fact] = value;
        await heading.filter({ hasNotText: title }).waitFor();
        continue;
      }
      const field = widget.getByLabel(title, { exact: true });
      const unit = (await widget.locator('.lic-unit-text').count()) ? (await widget.locator('.lic-unit-text').textContent()).trim() : '';
      let typed;
      if (unit === '€') typed = typedMoney(value, lang);
      else if (unit === '%') typed = typedPercent(value, lang);
      else typed = String(value);
      await field.fill(typed);
    }
    given[fact] = value;
    await widget.getByRole('button', { name: msg['nav.continue'], exact: true }).click();
    const moved = heading.filter({ hasNotText: title });
    const error = widget.locator('.lic-error');
    await Promise.race([moved.waitFor(), error.waitFor()]);
    if (await error.count()) throw new Error(`"${title}" refused ${JSON.stringify(value)}: ${await error.textContent()}`);
  }
  throw new Error('the questionnaire did not end');
}

/** The engine's result for `answers` on `asOf`, from the command-line tool. */
export function cliResult(answers, asOf) {
  const bin = process.env.LIC_CLI ?? join(ROOT, 'target', 'debug', 'loan-insurance-check');
  // --include all: every figure (without it the tool leaves out the figures that reveal answers not included).
  const out = execFileSync(bin, ['evaluate', '--as-of', asOf, '--include', 'all', '-'], { input: JSON.stringify(answers) });
  return JSON.parse(out.toString());
}

/** What the result screen says of each claim: { claimId: { badge, text } } for every claim section shown. */
export async function readResult(page, lang = 'fr') {
  const msg = messages(lang);
  const widget = page.locator('loan-insurance-check').first();
  const shown = {};
  const sections = widget.locator('section.lic-claim');
  for (let i = 0; i < await sections.count(); i++) {
    const section = sections.nth(i);
    const title = (await section.getByRole('heading', { level: 4 }).textContent()).trim();
    const id = Object.keys(msg).find((k) => /^claim\.[a-z_]+\.title$/.test(k) && msg[k] === title)?.split('.')[1];
    if (!id) continue;
    shown[id] = { badge: (await section.locator('.lic-badge').first().textContent()).trim(), text: await section.textContent(), order: i };
  }
  return shown;
}

/**
 * A message with its `{name}` placeholders filled and its plural blocks resolved, as `src/i18n/mod.rs` (`tf`) does:
 * `{n, plural, one {# demande} other {# demandes}}`; French "one" is 0 and 1, English "one" is 1.
 */
export function fill(template, args, lang = 'fr') {
  const one = (n) => (lang === 'fr' ? n === 0 || n === 1 : n === 1);
  let out = template.replace(/\{(\w+), plural,((?:\s*=?\w+\s*\{[^{}]*\})+)\s*\}/g, (_, name, options) => {
    const n = Number(args[name]);
    const forms = Object.fromEntries([...options.matchAll(/(=?\w+)\s*\{([^{}]*)\}/g)].map((m) => [m[1], m[2]]));
    const text = forms[`=${n}`] ?? (one(n) ? forms.one : undefined) ?? forms.other ?? '';
    return text.replaceAll('#', String(args[name]));
  });
  for (const [name, value] of Object.entries(args)) out = out.replaceAll(`{${name}}`, value);
  return out;
}
