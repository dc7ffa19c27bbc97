// The loan-insurance-check questionnaire as a SurveyJS model: the 12 questions of the full dossier, one per page,
// in French (shown) and English (shipped, like our widget ships both), with the same validation as the widget:
// required answers, impossible dates (a native date input cannot hold one) and future dates refused, bounded amounts,
// durations and rates, dates in a possible order. For scripts/bench.sh only.
/* global Survey, SurveyUI */
(function () {
  'use strict';
  // A localizable string: English is SurveyJS's default locale, French is the one shown.
  const t = (fr, en) => ({ default: en, fr });
  const money = { decimalSeparator: ',', thousandsSeparator: ' ', precision: 2, suffix: ' €', min: 0 };
  const date = (name, title, description, extra = {}) => ({
    type: 'text', inputType: 'date', name, title, description, isRequired: true,
    minValueExpression: "'1950-01-01'", maxValueExpression: 'today()',
    maxErrorText: t('Cette date est dans le futur : elle doit être passée.', 'This date is in the future: it must be in the past.'),
    ...extra,
  });

  const questionnaire = {
    locale: 'fr',
    questionsOnPageMode: 'questionPerPage',
    showQuestionNumbers: 'off',
    showProgressBar: true,
    progressBarLocation: 'top',
    progressBarType: 'questions',
    checkErrorsMode: 'onNextPage',
    completeText: t('Voir le résultat', 'See the result'),
    completedHtml: t('<h2>Résultat</h2><p>Vos réponses restent dans votre navigateur.</p>',
      '<h2>Result</h2><p>Your answers stay in your browser.</p>'),
    pages: [{
      elements: [
        {
          type: 'radiogroup', name: 'loan_kind', isRequired: true,
          title: t('Quel type de prêt avez-vous ?', 'What kind of loan do you have?'),
          description: t("C'est écrit en haut de votre offre de prêt.", 'It is written at the top of your loan offer.'),
          choices: [
            { value: 'real_estate', text: t('Un prêt immobilier', 'A mortgage (real-estate loan)') },
            { value: 'consumer', text: t('Un crédit à la consommation', 'A consumer credit') },
          ],
        },
        {
          type: 'radiogroup', name: 'offer_date_kind', isRequired: true,
          title: t('Quelle date avez-vous ?', 'Which date do you have?'),
          choices: [
            { value: 'issued', text: t("La date d'émission de l'offre", 'The date the offer was issued') },
            { value: 'signed', text: t("La date à laquelle j'ai signé l'offre", 'The date I signed the offer') },
          ],
        },
        date('offer_date', t('Quelle est la date de votre offre de prêt ?', 'What is the date of your loan offer?'),
          t("La date d'émission est imprimée sur la première page de l'offre.", 'The issue date is printed on the first page of the offer.')),
        {
          type: 'text', name: 'loan_amount', isRequired: true, maskType: 'currency', maskSettings: { ...money, max: 5000000 },
          title: t('Quel est le montant emprunté ?', 'How much did you borrow?'),
          validators: [{ type: 'numeric', minValue: 1000, maxValue: 5000000 }],
        },
        {
          type: 'text', name: 'loan_months', isRequired: true, inputType: 'number', min: 1, max: 480, step: 1,
          title: t('Quelle est la durée du prêt, en mois ?', 'How long is the loan, in months?'),
          validators: [{ type: 'regex', regex: '^[0-9]+$', text: t('Un nombre entier de mois.', 'A whole number of months.') }],
        },
        {
          type: 'text', name: 'loan_rate', isRequired: true, maskType: 'numeric',
          maskSettings: { decimalSeparator: ',', precision: 3, min: 0, max: 25, suffix: ' %' },
          title: t('Quel est le taux nominal du prêt ?', 'What is the nominal rate of the loan?'),
          validators: [{ type: 'numeric', minValue: 0, maxValue: 25 }],
        },
        date('first_installment_date', t('Quelle est la date de la première échéance ?', 'When was the first instalment?'), undefined, {
          maxValueExpression: undefined,
          validators: [{ type: 'expression', expression: '{first_installment_date} >= {offer_date}',
            text: t("La première échéance vient après l'offre.", 'The first instalment comes after the offer.') }],
        }),
        {
          type: 'radiogroup', name: 'contract_type', isRequired: true,
          title: t("Quel contrat d'assurance avez-vous ?", 'Which insurance contract do you have?'),
          choices: [
            { value: 'group', text: t('Le contrat de groupe proposé par la banque', "The bank's group contract") },
            { value: 'delegated', text: t('Une assurance choisie ailleurs (délégation)', 'An insurance chosen elsewhere (delegation)') },
          ],
        },
        {
          type: 'text', name: 'premium_monthly', isRequired: true, maskType: 'currency', maskSettings: { ...money, max: 10000 },
          title: t("Combien payez-vous d'assurance par mois ?", 'How much insurance do you pay a month?'),
          validators: [{ type: 'numeric', minValue: 0, maxValue: 10000 }],
        },
        date('payoff_date', t('Si votre prêt est remboursé, à quelle date ?', 'If your loan is repaid, on which date?'),
          t('Laissez vide si vous remboursez encore.', 'Leave empty if you are still repaying.'), {
            isRequired: false,
            validators: [{ type: 'expression', expression: '{payoff_date} empty or {payoff_date} >= {first_installment_date}',
              text: t('Le remboursement vient après la première échéance.', 'The payoff comes after the first instalment.') }],
          }),
        date('person1_birth_date', t('Quelle est votre date de naissance ?', 'What is your date of birth?'), undefined, {
          validators: [{ type: 'expression', expression: 'age({person1_birth_date}) >= 18',
            text: t('Un emprunteur a au moins 18 ans.', 'A borrower is at least 18.') }],
        }),
        {
          type: 'radiogroup', name: 'person1_smoker', isRequired: true,
          title: t("Fumiez-vous lors de l'adhésion ?", 'Did you smoke when you joined?'),
          choices: [{ value: true, text: t('Oui', 'Yes') }, { value: false, text: t('Non', 'No') }],
        },
      ],
    }],
  };

  // Accessible headings, like the widget's: each question's title is an h2.
  Survey.settings.titleTags.question = 'h2';
  const model = new Survey.Model(questionnaire);
  SurveyUI.renderSurvey(model, document.getElementById('survey'));
})();
