use super::*;
use concord_core::{Modality, Polarity, SlotKind};
use std::sync::OnceLock;

fn setup() -> &'static (RuleSet, Lexicon) {
    static SETUP: OnceLock<(RuleSet, Lexicon)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let rules = RuleSet::builtin();
        let lex = Lexicon::new(&rules);
        (rules, lex)
    })
}

fn extract(text: &str) -> Extraction {
    let (rules, lex) = setup();
    Extractor::new(rules, lex)
        .extract(&ArticleInput {
            id: "a1".into(),
            path: "t.txt".into(),
            text,
            meta: None,
            fragment: false,
        })
        .unwrap()
}

#[test]
fn spans_slice_the_file_to_the_claim_text() {
    let text = "+++\ntitle = \"T\"\npublished = 2024-04-10\n+++\nSkip to content\n\nBiden said the U.S. and Japan would hold talks.\r\nKishida met Marcos Jr. on Thursday in Washington.\n";
    let x = extract(text);
    assert_eq!(x.claims.len(), 2);
    for c in &x.claims {
        assert_eq!(&text[c.start..c.end], c.text);
    }
    assert_eq!((x.claims[0].line, x.claims[0].column), (7, 1));
    assert_eq!(x.claims[1].line, 8);
    assert_eq!(x.article.title.as_deref(), Some("T"));
    assert_eq!(x.dropped[0].rule, "skip-to-content");
}

#[test]
fn claims_carry_attribution_modality_and_details() {
    let text = "Published story\n\nBiden said the United States, Japan and Australia would create an air defense network for the first time.\n\nThe US and Japan plan to explore the possibility of conducting repairs on fourth generation fighters.\n\nU.S. officials said Biden would not discuss the $14.9 billion deal.\n";
    let x = extract(text);
    let c = &x.claims;
    assert_eq!(
        c.len(),
        3,
        "{:#?}",
        c.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
    assert_eq!(c[0].attribution.as_deref(), Some("Joe Biden"));
    assert_eq!(c[0].modality, Modality::Asserted);
    let names: Vec<&str> = c[0].entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Joe Biden", "United States", "Japan", "Australia"]);
    assert_eq!(c[1].modality, Modality::Hedged);
    assert_eq!(c[1].slots[0].kind, SlotKind::Ordinal);
    assert_eq!(c[2].polarity, Polarity::Negative);
    assert_eq!(c[2].slots[0].kind, SlotKind::Money);
    assert_eq!(x.article.title.as_deref(), Some("Published story"));
}

#[test]
fn a_quotation_over_several_sentences_shares_its_speaker() {
    let text = "“Tokyo no longer watches from the sidelines as North Korea tests missiles. Japanese leaders now recognize the danger of inaction,” Smith said.\n";
    let x = extract(text);
    assert_eq!(x.claims.len(), 2);
    assert!(
        x.claims
            .iter()
            .all(|c| c.attribution.as_deref() == Some("Smith")),
        "{:?}",
        x.claims.iter().map(|c| &c.attribution).collect::<Vec<_>>()
    );
}

#[test]
fn weekdays_resolve_against_publication() {
    let text = "+++\npublished = 2024-04-10\n+++\nOn Thursday, they will meet President Ferdinand Marcos Jr for the first trilateral summit.\n";
    let x = extract(text);
    assert_eq!(
        x.claims[0].slots[0].value,
        concord_core::SlotValue::Text("2024-04-11".into())
    );
}

#[test]
fn fragments_are_not_claims() {
    let x = extract("They defend a free and open state. Peaceful.\n");
    assert_eq!(x.claims.len(), 1);
}

#[test]
fn bad_front_matter_is_an_input_error_with_a_line() {
    let (rules, lex) = setup();
    let e = Extractor::new(rules, lex)
        .extract(&ArticleInput {
            id: "a1".into(),
            path: "bad.md".into(),
            text: "+++\ntitle = \"x\"\npublished = \"yesterday\"\n+++\nText here is fine.\n",
            meta: None,
            fragment: false,
        })
        .unwrap_err();
    assert_eq!(e.path, "bad.md");
    assert_eq!(e.line, Some(3));
}

#[test]
fn long_claims_are_cut_and_reported() {
    let long = format!(
        "The annual report says {} strong growth happened.\n",
        "very ".repeat(600)
    );
    let x = extract(&long);
    assert_eq!(x.claims.len(), 1);
    assert!(x.claims[0].text.len() <= setup().0.thresholds.max_claim_bytes);
    assert_eq!(x.cuts.len(), 1);
    assert_eq!(x.cuts[0].kind, CutKind::Claim);
    assert_eq!(x.cuts[0].length, long.trim_end().len());
    assert_eq!(x.cuts[0].kept, x.claims[0].text.len());
}

#[test]
fn overlong_sentences_are_cut_before_analysis_and_reported() {
    let max = setup().0.thresholds.max_sentence_bytes;
    // A megabyte-sized run of clauses without a full stop, then a normal
    // sentence: the run is cut at the cap, the next sentence is untouched.
    let run = "the leaders said they would meet; ".repeat(2 * max / 30);
    let text = format!(
        "Intro line here.\n\nOfficials said {run}today.\nBiden said the US and Japan agreed.\n"
    );
    let x = extract(&text);
    let cuts: Vec<_> = x
        .cuts
        .iter()
        .filter(|c| c.kind == CutKind::Sentence)
        .collect();
    assert_eq!(cuts.len(), 1, "{:?}", x.cuts);
    assert_eq!((cuts[0].line, cuts[0].column), (3, 1));
    assert_eq!(cuts[0].kept, max);
    assert!(cuts[0].length > max);
    for c in &x.claims {
        assert_eq!(&text[c.start..c.end], c.text);
        assert!(c.sentence_end - c.sentence_start <= max);
    }
    assert!(x.claims.last().unwrap().text.starts_with("Biden said"));
}

#[test]
fn an_ignore_comment_silences_the_next_sentence() {
    let text = "Biden met Kishida in Washington on Wednesday.\n\n<!-- concord-ignore: contradiction-date -->\nThe leaders will meet Marcos on Thursday in Washington.\nThey agreed on seventy new defence projects.\n";
    let x = extract(text);
    assert_eq!(x.ignores.len(), 1);
    let next = text.find("The leaders").unwrap();
    assert_eq!(x.ignores[0].sentence_start, next);
    assert!(x.ignores[0].covers("contradiction-date"));
    assert!(!x.ignores[0].covers("contradiction-number"));
    assert!(x.claims.iter().any(|c| c.sentence_start == next));
}

#[test]
fn a_question_is_no_claim() {
    let x = extract(
        "Is your laptop losing its charge faster than it used to?\n\nThe company will replace batteries in laptops sold between March and June.\n",
    );
    let texts: Vec<&str> = x.claims.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        ["The company will replace batteries in laptops sold between March and June."]
    );
}

#[test]
fn a_hedge_cut_off_from_its_turn_still_concedes() {
    let x = extract(
        "Title\n\nThe albatross may or may not be the oldest wild bird, but she is the oldest known one.\n\nThe albatross may be the oldest wild bird, and she is still laying eggs.\n",
    );
    let c = &x.claims;
    assert!(
        c.len() >= 3,
        "{:#?}",
        c.iter().map(|c| &c.text).collect::<Vec<_>>()
    );
    assert!(c[0].text.ends_with("oldest wild bird"), "{}", c[0].text);
    assert_eq!(c[0].modality, Modality::Asserted);
    let doubt = c
        .iter()
        .find(|c| c.text.starts_with("The albatross may be"))
        .unwrap();
    assert_eq!(doubt.modality, Modality::Hedged, "{}", doubt.text);
}
