//! The words of the act and keep panels (issue 7): every key the code builds at run time exists in French and in
//! English with the placeholders the code fills; the English interface says the letter is in French; the
//! messages about the clock say a letter does not stop it (SPEC §2.5).

use loan_insurance_check::act::dossier::DossierError;
use loan_insurance_check::act::fragment::CodeError;
use loan_insurance_check::act::ics::Step;
use loan_insurance_check::act::letter::LETTER_CLAIMS;
use loan_insurance_check::i18n::{has, t, Locale, Msg};

fn placeholders(text: &str) -> Vec<String> {
    let mut v: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}'))
        .map(|(n, _)| n.to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn every_key_built_at_run_time_exists_with_its_placeholders() {
    let mut keys: Vec<(String, &[&str])> = Vec::new();
    for source in ["link", "device"] {
        for e in CodeError::ALL {
            keys.push((format!("act.{source}_error.{}", e.code()), &[]));
        }
        keys.push((format!("act.restored.{source}"), &["date"]));
    }
    for e in DossierError::ALL {
        keys.push((format!("act.file_error.{}", e.code()), &[]));
    }
    keys.push(("act.file_error.bad_answer".into(), &["question"]));
    keys.push(("act.restored.file".into(), &["date", "made_on"]));
    keys.push((
        "act.restored.versions".into(),
        &["data", "old_data", "old_rules", "rules"],
    ));
    for s in [
        Step::FollowUp,
        Step::Mediator,
        Step::LastDay30,
        Step::LastDay7,
    ] {
        keys.push((format!("act.ics.{}.summary", s.id()), &["claim"]));
    }
    for s in ["follow_up", "mediator"] {
        keys.push((format!("act.ics.{s}.description"), &["last_day", "sent"]));
    }
    keys.push(("act.ics.last.description".into(), &["last_day"]));
    for c in LETTER_CLAIMS {
        keys.push((format!("claim.{}.title", c.id()), &[]));
    }
    keys.push(("act.file.reminders".into(), &["claim"]));
    keys.push(("act.file.letter".into(), &["claim"]));
    keys.push(("act.file.dossier".into(), &["date"]));
    for f in loan_insurance_check::act::letter::PartyField::ALL {
        keys.push((format!("act.party.{}.label", f.id()), &[]));
        keys.push((format!("act.party.{}.hint", f.id()), &[]));
    }
    keys.push(("act.party.recipient_name.unknown".into(), &[]));
    for (key, want) in keys {
        for locale in Locale::ALL {
            assert!(
                has(locale, Msg::named(&key)),
                "{} lacks {key}",
                locale.tag()
            );
            let got = placeholders(t(locale, Msg::named(&key)));
            let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
            if !want.is_empty() || !got.is_empty() {
                // Summaries need not use every placeholder they are given, but may use no other.
                for p in &got {
                    assert!(
                        want.contains(p),
                        "{} {key}: unknown placeholder {{{p}}}",
                        locale.tag()
                    );
                }
            }
        }
    }
}

#[test]
fn the_english_interface_says_the_letter_is_in_french() {
    assert!(t(
        Locale::En,
        loan_insurance_check::msg!("act.letter.in_french")
    )
    .contains("in French"));
    assert!(t(Locale::En, loan_insurance_check::msg!("act.letter.label")).contains("French"));
}

#[test]
fn the_clock_messages_say_a_letter_does_not_stop_it() {
    assert!(
        t(Locale::Fr, loan_insurance_check::msg!("act.clock")).contains("n'arrête pas le délai")
    );
    assert!(
        t(Locale::En, loan_insurance_check::msg!("act.clock")).contains("does not stop the clock")
    );
    assert!(t(
        Locale::Fr,
        loan_insurance_check::msg!("act.ics.last.description")
    )
    .contains("Une lettre n'arrête pas ce délai"));
    assert!(t(
        Locale::En,
        loan_insurance_check::msg!("act.ics.last.description")
    )
    .contains("A letter does not stop this time limit"));
    // Only a court claim or the other side's acknowledgment interrupts it.
    for locale in Locale::ALL {
        for key in ["act.clock", "act.ics.last.description"] {
            let text = t(locale, Msg::named(key)).to_lowercase();
            assert!(text.contains("justice") || text.contains("court"), "{key}");
            assert!(
                text.contains("reconnaissance") || text.contains("acknowledgment"),
                "{key}"
            );
        }
    }
}
