//! A small hand-built report for the renderers' tests: two outlets, a
//! contradiction, an unsupported detail, a single-source claim, and
//! article text that tries to break out of every format (`<script>`,
//! Markdown table bars, workflow-command separators).

use concord_core::*;

fn claim(id: &str, text: &str, body: &str, line: usize) -> Claim {
    let start = body.find(text).expect("claim text is in the body");
    Claim::plain(id, text, start, line)
}

pub const A1: &str =
    "The summit opened on Thursday in Tokyo.\n\nLeaders signed 70 agreements | all binding.\n";
pub const A2: &str = "The summit opened on Friday in Tokyo.\n\n<script>alert('x')</script> Leaders signed 70 agreements, worth $5bn.\n\nA parade followed, officials said.\n";

pub fn report() -> Report {
    let c = |id: &str, text: &str, line: usize| {
        let body = if id.starts_with("a1") { A1 } else { A2 };
        claim(id, text, body, line)
    };
    let claims = vec![
        c("a1.c1", "The summit opened on Thursday in Tokyo.", 1),
        c("a1.c2", "Leaders signed 70 agreements | all binding.", 3),
        c("a2.c1", "The summit opened on Friday in Tokyo.", 1),
        c(
            "a2.c2",
            "<script>alert('x')</script> Leaders signed 70 agreements, worth $5bn.",
            3,
        ),
        c("a2.c3", "A parade followed, officials said.", 5),
    ];
    let article = |id: &str, path: &str, outlet: Option<&str>| Article {
        id: id.into(),
        path: path.into(),
        title: None,
        outlet: outlet.map(str::to_string),
        url: None,
        published: None,
        story: None,
    };
    Report {
        schema_version: SCHEMA_VERSION,
        articles: vec![
            article("a1", "news/one.md", Some("The Daily <b>Bugle</b>")),
            article("a2", "news/two,b:c.txt", None),
        ],
        stories: vec![Story {
            id: "s1".into(),
            articles: vec!["a1".into(), "a2".into()],
        }],
        claims,
        links: vec![
            Link {
                a: "a1.c1".into(),
                b: "a2.c1".into(),
                relation: Relation::Contradicts,
                direction: None,
                score: 0.8,
                reasons: vec!["date: \"Thursday\" vs \"Friday\"".into()],
                contradiction: Some(ContradictionKind::Date),
            },
            Link {
                a: "a1.c2".into(),
                b: "a2.c2".into(),
                relation: Relation::Elaborates,
                direction: Some(Direction::BMore),
                score: 0.7,
                reasons: vec!["b adds: $5bn".into()],
                contradiction: None,
            },
        ],
        facts: vec![
            Fact {
                id: "f1".into(),
                claims: vec!["a1.c1".into(), "a2.c1".into()],
                articles: vec!["a1".into(), "a2".into()],
                slots: Vec::new(),
            },
            Fact {
                id: "f2".into(),
                claims: vec!["a1.c2".into(), "a2.c2".into()],
                articles: vec!["a1".into(), "a2".into()],
                slots: Vec::new(),
            },
        ],
        findings: vec![
            Finding {
                kind: FindingKind::Contradiction,
                severity: Severity::Error,
                rule: "contradiction-date".into(),
                claims: vec!["a1.c1".into(), "a2.c1".into()],
                detail: "\"Thursday\" vs \"Friday\"".into(),
                message: "different dates for the same event: \"Thursday\" vs \"Friday\"".into(),
                contradiction: Some(ContradictionKind::Date),
                article: None,
                without: Vec::new(),
                fact: None,
                dispute: None,
            },
            Finding {
                kind: FindingKind::UnsupportedDetail,
                severity: Severity::Warning,
                rule: "unsupported-detail".into(),
                claims: vec!["a2.c2".into(), "a1.c2".into()],
                detail: "$5bn".into(),
                message: "figure \"$5bn\" is given only by a2; a1 reports the same fact without it"
                    .into(),
                contradiction: None,
                article: Some("a2".into()),
                without: vec!["a1".into()],
                fact: Some("f2".into()),
                dispute: None,
            },
            Finding {
                kind: FindingKind::SingleSource,
                severity: Severity::Note,
                rule: "single-source".into(),
                claims: vec!["a2.c3".into()],
                detail: String::new(),
                message: "only one article states this".into(),
                contradiction: None,
                article: Some("a2".into()),
                without: Vec::new(),
                fact: None,
                dispute: None,
            },
        ],
        errors: Vec::new(),
        warnings: Vec::new(),
        texts: vec![A1.into(), A2.into()],
        timings: Vec::new(),
    }
}

/// Renders with `r` into a string.
pub fn render(r: &dyn crate::Render, report: &Report) -> String {
    let mut out = Vec::new();
    r.render(report, &mut out).expect("renders");
    String::from_utf8(out).expect("UTF-8")
}

/// The rule descriptions a CLI would pass.
pub fn rules() -> Vec<crate::RuleInfo> {
    [
        (
            "contradiction-date",
            "Linked claims give different dates for the same event.",
            Severity::Error,
        ),
        (
            "unsupported-detail",
            "One outlet adds a detail.",
            Severity::Warning,
        ),
        (
            "single-source",
            "Only one article states the claim.",
            Severity::Note,
        ),
    ]
    .into_iter()
    .map(|(id, d, s)| crate::RuleInfo {
        example: None,
        id: id.into(),
        description: d.into(),
        severity: s,
    })
    .collect()
}
