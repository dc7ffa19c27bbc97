// placeholder, replaced below
const CLAIMS = ['profit_sharing', 'after_payoff', 'after_cover_end', 'wrong_basis', 'lender_fees', 'double_premium', 'refused_switch', 'duty_to_advise', 'switch_savings', 'medical_questionnaire'];
const FILES = null;
