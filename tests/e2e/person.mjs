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
    // What the question is made of (its radios' labels, its date fields, its unit), read in one round trip; every
    // answer is then given by label, as a person does.
    const shape = await questionShape(widget, msg['q.date.day']);
    if (shape.radios.length > 0) {
      // A yes/no question the scenario says nothing about, with no "I don't know": nothing of the kind happened.
      const yesNo = shape.radios.includes(norm(msg['answer.no']));
      const noUnknown = !shape.radios.includes(norm(msg['answer.unknown']));
      if (value === 'unknown' && yesNo && noUnknown) value = false;
      // Nobody else is insured unless the scenario says so.
      if (value === 'unknown' && fact === 'insured_count' && noUnknown) value = 1;
      let label;
      if (value === 'unknown') label = msg['answer.unknown'];
      else if (value === true) label = msg['answer.yes'];
      else if (value === false) label = msg['answer.no'];
      else label = msg[`q.${fact}.opt.${value}`];
      if (!label || !shape.radios.includes(norm(label))) {
        throw new Error(`question ${fact}: the scenario answer ${JSON.stringify(value)} is not an option here`);
      }
      await widget.getByLabel(label, { exact: true }).check();
    } else if (shape.date) {
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
      let typed;
      if (shape.unit === '€') typed = typedMoney(value, lang);
      else if (shape.unit === '%') typed = typedPercent(value, lang);
      else typed = String(value);
      await field.fill(typed);
    }
    given[fact] = value;
    await widget.getByRole('button', { name: msg['nav.continue'], exact: true }).click();
    const moved = heading.filter({ hasNotText: title });
    const error = widget.locator('.lic-error');
    const refused = await Promise.race([moved.waitFor().then(() => false), error.waitFor().then(() => true)]);
    if (refused) throw new Error(`"${title}" refused ${JSON.stringify(value)}: ${await error.textContent()}`);
  }
  throw new Error('the questionnaire did not end');
}

/** White space folded, as an accessible name is. */
const norm = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * The question on show, read in one round trip: the labels of its radios (folded), whether it has the date's day
 * field (labelled `dayLabel`), and its unit (€, %, or none).
 */
function questionShape(widget, dayLabel) {
  return widget.evaluate((host, day) => {
    const root = host.shadowRoot ?? host;
    const fold = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
    const name = (input) => fold(input.getAttribute('aria-labelledby')
      ? input.getAttribute('aria-labelledby').split(/\s+/).map((id) => root.getElementById(id)?.textContent).join(' ')
      : input.getAttribute('aria-label') ?? [...(input.labels ?? [])].map((l) => l.textContent).join(' '));
    const inputs = [...root.querySelectorAll('input, select, textarea')];
    return {
      radios: inputs.filter((i) => i.type === 'radio').map(name),
      date: inputs.some((i) => i.type !== 'radio' && name(i) === fold(day)),
      unit: fold(root.querySelector('.lic-unit-text')?.textContent),
    };
  }, dayLabel);
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
