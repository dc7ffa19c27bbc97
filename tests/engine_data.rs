//! How fresh the legal data is (issue 11 point 8): every parameter file has a `checked_on` column, and the result
//! document carries the latest of those days.

use loan_insurance_check::engine::{evaluate, params, result_document, Answers, Date};

#[test]
fn every_parameter_row_says_when_it_was_checked_and_the_result_carries_the_latest() {
    let mut latest: Option<Date> = None;
    let mut files = 0;
    for entry in std::fs::read_dir("src/engine/params").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "csv") {
            continue;
        }
        files += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        let head = lines.next().unwrap();
        assert!(
            head.ends_with(",checked_on"),
            "{}: no checked_on column",
            path.display()
        );
        for l in lines {
            let c = l.rsplit(',').next().unwrap();
            let d = Date::parse_iso(c)
                .unwrap_or_else(|| panic!("{}: bad checked_on in {l}", path.display()));
            latest = Some(latest.map_or(d, |x| x.max(d)));
        }
    }
    assert!(files >= 6);
    assert_eq!(latest, Some(params::DATA_CHECKED_ON));
    let as_of = Date::new(2026, 11, 27).unwrap();
    let a = Answers::default();
    let doc: serde_json::Value =
        serde_json::from_str(&result_document(&evaluate(&a, as_of), &a, &[])).unwrap();
    assert_eq!(doc["data_checked_on"], params::DATA_CHECKED_ON.to_string());
}
