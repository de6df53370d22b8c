use super::*;
use concord_core::*;

fn claim(id: &str, text: &str, line: usize) -> Claim {
    Claim::plain(id, text, 0, line)
}

fn finding(rule: &str, claims: &[&str], detail: &str) -> Finding {
    Finding {
        kind: if rule.starts_with("contradiction") {
            FindingKind::Contradiction
        } else {
            FindingKind::SingleSource
        },
        severity: Severity::Error,
        rule: rule.into(),
        claims: claims.iter().map(|c| c.to_string()).collect(),
        detail: detail.into(),
        message: format!("{rule} {detail}"),
        contradiction: None,
        article: None,
        without: Vec::new(),
        fact: None,
        dispute: None,
    }
}

/// Two articles in `dir`, a contradiction between them and a
/// single-source claim; `c2` is the id of the contradicting claim of a2.
fn report(dir: &str, a2_claim: &str, a2_text: &str) -> Report {
    let article = |id: &str, name: &str| Article {
        id: id.into(),
        path: format!("{dir}/{name}"),
        title: None,
        outlet: None,
        url: None,
        published: None,
        story: None,
    };
    let mut claims = vec![
        claim("a1.c1", "The summit opened on Thursday.", 1),
        claim("a2.c1", "A parade followed.", 1),
        claim(a2_claim, a2_text, 9),
    ];
    claims.sort_by_key(|c| claim_order(&c.id));
    Report {
        schema_version: SCHEMA_VERSION,
        articles: vec![article("a1", "one.md"), article("a2", "two.md")],
        stories: Vec::new(),
        claims,
        links: Vec::new(),
        facts: Vec::new(),
        findings: vec![
            finding(
                "contradiction-date",
                &["a1.c1", a2_claim],
                "\"Thursday\" vs \"Friday\"",
            ),
            finding("single-source", &["a2.c1"], ""),
        ],
        errors: Vec::new(),
        warnings: Vec::new(),
        texts: Vec::new(),
        timings: Vec::new(),
    }
}

#[test]
fn round_trips_through_toml() {
    let b = Baseline::from_report(&report("news", "a2.c2", "The summit opened on Friday."));
    let text = b.to_toml();
    assert!(text.starts_with("# concord baseline"));
    assert!(text.contains("[[finding]]\nrule = \"contradiction-date\"\nfiles = [\"one.md\", \"two.md\"]\nfingerprint = \"v2:"), "{text}");
    assert_eq!(Baseline::parse(&text, "b.toml").unwrap(), b);
    // Deterministic: the same report gives the same bytes.
    let again = Baseline::from_report(&report("news", "a2.c2", "The summit opened on Friday."));
    assert_eq!(again.to_toml(), text);
}

#[test]
fn known_findings_are_dropped_and_new_ones_kept() {
    let b = Baseline::from_report(&report("news", "a2.c2", "The summit opened on Friday."));
    let mut r = report("news", "a2.c2", "The summit opened on Friday.");
    r.findings.push(finding("single-source", &["a1.c1"], ""));
    let applied = b.apply(&mut r, None);
    assert_eq!(applied.known, 2);
    assert!(applied.stale.is_empty());
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].claims, ["a1.c1"]);
}

#[test]
fn fingerprints_survive_whitespace_moves_and_renamed_folders() {
    let b = Baseline::from_report(&report(
        "run1/news",
        "a2.c2",
        "The summit opened on Friday.",
    ));
    // Another folder, the sentence moved to another paragraph (new claim
    // id and line) and re-wrapped with other whitespace and case.
    let mut r = report(
        "/tmp/run2/articles",
        "a2.c7",
        "The  summit\n  opened on friday.",
    );
    let applied = b.apply(&mut r, None);
    assert_eq!(applied.known, 2, "{:?}", r.findings);
    assert!(r.findings.is_empty());
}

#[test]
fn entries_whose_finding_is_gone_are_stale() {
    let b = Baseline::from_report(&report("news", "a2.c2", "The summit opened on Friday."));
    // The contradiction was fixed: a2 now says Thursday.
    let mut r = report("news", "a2.c2", "The summit opened on Thursday.");
    r.findings.retain(|f| f.rule != "contradiction-date");
    let applied = b.apply(&mut r, None);
    assert_eq!(applied.stale.len(), 1);
    assert_eq!(applied.stale[0].rule, "contradiction-date");
    // A run scoped to other files cannot tell.
    let scope: BTreeSet<String> = ["three.md".to_string()].into();
    assert!(b.apply(&mut r.clone(), Some(&scope)).stale.is_empty());
}

#[test]
fn bad_files_name_the_line() {
    let e = Baseline::parse("version = 1\n[[finding]]\nrule = 3\n", "b.toml").unwrap_err();
    assert_eq!((e.path.as_str(), e.line), ("b.toml", 3));
    let e = Baseline::parse("version = 1\nextra = true\n", "b.toml").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("extra"), "{e}");
    let e = Baseline::parse("version = 9\n", "b.toml").unwrap_err();
    assert!(e.message.contains("not supported"));
}
