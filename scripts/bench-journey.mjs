// The scripted journey of scripts/bench.mjs through our widget, from its first screen to the result screen:
// a typical mortgage dossier, answering "no" where the questionnaire offers to dig further.
// The questionnaire is still growing: when it changes, update STEPS (and RESULT) below, nothing else.
// A screen no row matches is answered automatically ("Non" if offered, else the first real choice, else a
// plausible value from the words of the heading), so a new question does not break the bench; if the journey
// still cannot finish, the bench reports "journey n/a" with the screen it was stuck on.

/** The result screen's heading. */
export const RESULT = /^(Votre résultat|Pouvez-vous changer d'assurance aujourd'hui)/;

/**
 * [heading of the screen, answer]; the first matching row wins. An answer is the label of a radio to choose,
 * or the text to type, or [day, month, year], or the position of a radio (0 = first),
 * or { click: 'button name' } (no "Continuer" after it).
 */
export const STEPS = [
  [/vous doit-elle de l'argent/, { click: 'Commencer la vérification' }],
  [/type de prêt/, 'Un prêt immobilier'],
  [/Quelle date avez-vous/, "La date d'émission de l'offre"],
  [/date de votre offre/, ['15', '3', '2024']],
  [/remboursé la totalité/, 'Non'],
  [/combien de mois/, '240'],
  [/Combien avez-vous emprunté/, '200 000'],
  [/taux/, '3,5'],
  [/première mensualité/, ['5', '5', '2024']],
  [/remboursé une partie/, 'Non'],
  [/cotisation mensuelle d'assurance payez-vous/, '45'],
  [/base votre cotisation/, 0], // a number: the radio at that position (here the first)
  [/garanties a-t-elle pris fin/, 'Non'],
  [/participation aux bénéfices/, 'Non'],
  [/payé des frais/, 'Non'],
  [/demandé à votre banque/, 'Non'],
  [/assureur a-t-il refusé/, 'Non'],
  [/cotisation mensuelle d'un devis/, '30'],
  [/frais ponctuels/, '0'],
  [/Combien de personnes sont assurées/, 'Une personne'],
  [/date de naissance/, ['2', '4', '1984']],
  [/fum/i, 'Non'],
  [/Vérifiez vos réponses/, { click: 'Voir le résultat' }],
];

/** Buttons that submit a question screen. */
const NEXT = /^(Continuer|Voir le résultat|Valider|Suivant)$/;
const MAX_SCREENS = 80;

/**
 * Drives `page` from the widget's current screen to the result screen. `probe.current()` returns the text of the
 * widget's current h2; `probe.changed(from, timeout)` resolves when another heading is on show.
 * Returns { ok: true, screens, auto: [headings answered automatically] } or { ok: false, reason }.
 */
export async function journey(page, probe, { timeout = 10000 } = {}) {
  const widget = page.locator('loan-insurance-check').first();
  const auto = [];
  for (let screens = 0; ; screens++) {
    const text = await probe.current();
    if (text && RESULT.test(text)) return { ok: true, screens, auto };
    if (screens >= MAX_SCREENS) return { ok: false, reason: `more than ${MAX_SCREENS} screens` };
    if (!text) return { ok: false, reason: 'no heading on show' };
    const step = STEPS.find(([re]) => re.test(text));
    try {
      if (!step) auto.push(text);
      await answer(widget, step ? step[1] : undefined, text);
      await probe.changed(text, timeout);
    } catch (e) {
      // A refused value or a screen we cannot answer: "Je ne sais pas" once, before giving up.
      const unknown = widget.getByRole('button', { name: 'Je ne sais pas', exact: true });
      if ((await probe.current()) === text && (await unknown.count()) > 0) {
        try { await unknown.first().click({ timeout: 2000 }); await probe.changed(text, timeout); auto.push(`${text} (je ne sais pas)`); continue; } catch { /* below */ }
      }
      const error = await widget.locator('.lic-error, [role=alert]').allTextContents().catch(() => []);
      return { ok: false, reason: `stuck on «${text}»${error.length ? ` (${error.join(' ').trim().slice(0, 120)})` : ''}: ${String(e?.message ?? e).split('\n')[0].slice(0, 160)}` };
    }
  }
}

/** Answers the screen on show (every locator pierces the widget's shadow root), then submits it. */
async function answer(widget, value, heading) {
  const quick = { timeout: 3000 };
  if (value === undefined) value = await guess(widget, heading);
  if (value && value.click) return widget.getByRole('button', { name: value.click, exact: true }).first().click(quick);
  if (Array.isArray(value)) {
    const [day, month, year] = value;
    await widget.getByLabel('Jour', { exact: true }).first().fill(day, quick);
    await widget.getByLabel('Mois', { exact: true }).first().fill(month, quick);
    await widget.getByLabel('Année', { exact: true }).first().fill(year, quick);
  } else if (typeof value === 'number') {
    await widget.locator('input[type=radio]').nth(value).check(quick);
  } else {
    const radio = widget.getByRole('radio', { name: value, exact: true });
    if (await radio.count()) await radio.first().check(quick);
    else await widget.locator('input[type=text], input[type=number], input:not([type])').first().fill(value, quick);
  }
  await widget.getByRole('button', { name: NEXT }).first().click(quick);
}

/** A plausible answer for a screen no STEPS row knows: "no" if offered, else the first real choice, else a value. */
async function guess(widget, heading) {
  const radios = widget.locator('input[type=radio]');
  if (await radios.count()) {
    const values = await radios.evaluateAll((els) => els.map((e) => e.value));
    return values.includes('no') ? values.indexOf('no') : Math.max(0, values.findIndex((v) => v !== 'unknown'));
  }
  if (await widget.getByLabel('Jour', { exact: true }).count()) {
    return /naissance/i.test(heading) ? ['2', '4', '1984'] : /offre/i.test(heading) ? ['15', '3', '2024'] : ['10', '1', '2025'];
  }
  return /emprunté|capital/i.test(heading) ? '200 000' : /taux|%/i.test(heading) ? '3,5' : /mois|durée/i.test(heading) ? '240'
    : /€|montant|cotisation|frais|payé/i.test(heading) ? '45' : '1';
}
