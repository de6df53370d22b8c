//! Property: the report does not depend on the order of the inputs or on
//! the number of threads, and every claim span lies inside its article and
//! slices to the claim text. Articles are random sentences over a small
//! vocabulary (names, numbers, dates, reporting verbs, negations) so that
//! claims link, contradict and repeat; metadata, a byte-order mark and CRLF
//! or lone CR line endings are random too.
#![allow(clippy::unwrap_used)]

use concord_engine::{Engine, Options};
use concord_input::Document;
use concord_rules::RuleSet;
use proptest::prelude::*;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(RuleSet::builtin()))
}

const WORDS: &[&str] = &[
    "Japan",
    "the United States",
    "Biden",
    "Kishida",
    "officials",
    "said",
    "agreed",
    "would",
    "not",
    "expand",
    "defense",
    "cooperation",
    "exercises",
    "missile",
    "three",
    "four",
    "2025",
    "on Thursday",
    "on Friday",
    "per cent",
    "$14.9 billion",
    "talks",
    "trade",
    "in Tokyo",
    "summit",
    "U.S.",
    "and",
    "that",
    "allies",
    "“historic”",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 3..12),
        prop::sample::select(&[".", ".", "!", "?", ";", ","][..]),
    )
        .prop_map(|(words, end)| {
            let mut s = words.join(" ");
            if let Some(first) = s.get_mut(0..1) {
                first.make_ascii_uppercase();
            }
            s.push_str(end);
            s
        })
}

#[derive(Debug, Clone)]
struct Article {
    paragraphs: Vec<Vec<String>>,
    title: Option<String>,
    published: Option<(u8, u8)>,
    bom: bool,
    newline: &'static str,
}

fn article() -> impl Strategy<Value = Article> {
    (
        prop::collection::vec(prop::collection::vec(sentence(), 1..4), 1..5),
        prop::option::of(sentence()),
        prop::option::of((1u8..=12, 1u8..=28)),
        any::<bool>(),
        prop::sample::select(&["\n", "\n", "\r\n", "\r"][..]),
    )
        .prop_map(|(paragraphs, title, published, bom, newline)| Article {
            paragraphs,
            title,
            published,
            bom,
            newline,
        })
}

impl Article {
    fn text(&self) -> String {
        let nl = self.newline;
        let mut t = String::new();
        if self.bom {
            t.push('\u{feff}');
        }
        if self.title.is_some() || self.published.is_some() {
            t.push_str(&format!("+++{nl}"));
            if let Some(title) = &self.title {
                t.push_str(&format!("title = {title:?}{nl}"));
            }
            if let Some((m, d)) = self.published {
                t.push_str(&format!("published = 2024-{m:02}-{d:02}{nl}"));
            }
            t.push_str(&format!("+++{nl}"));
        }
        let paragraphs: Vec<String> = self.paragraphs.iter().map(|p| p.join(" ")).collect();
        t.push_str(&paragraphs.join(&format!("{nl}{nl}")));
        t.push_str(nl);
        t
    }
}

fn documents(articles: &[Article]) -> Vec<Document> {
    articles
        .iter()
        .enumerate()
        .map(|(k, a)| Document {
            path: format!("a{k}.txt"),
            text: a.text(),
            meta: None,
            label: None,
            story: None,
            source: None,
        })
        .collect()
}

/// The JSON report of `docs` on a pool of `threads` threads.
fn report(docs: Vec<Document>, threads: usize) -> (String, concord_core::Report) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let r = pool.install(|| engine().check(docs, Vec::new(), Options::default()));
    (serde_json::to_string_pretty(&r).unwrap(), r)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn reports_do_not_depend_on_order_or_threads(
        articles in prop::collection::vec(article(), 1..6),
        shuffle in any::<prop::sample::Index>(),
    ) {
        let docs = documents(&articles);
        let (base, report_1) = report(docs.clone(), 1);

        let mut reversed = docs.clone();
        reversed.reverse();
        let mut rotated = docs.clone();
        rotated.rotate_left(shuffle.index(docs.len()));
        for (order, threads) in [(&docs, 8), (&reversed, 2), (&rotated, 8), (&reversed, 1)] {
            let (json, _) = report(order.clone(), threads);
            prop_assert_eq!(&base, &json, "{} threads", threads);
        }

        // Every span lies inside its article and slices to the claim text.
        let texts: std::collections::HashMap<&str, &str> =
            docs.iter().map(|d| (d.path.as_str(), d.text.as_str())).collect();
        for c in &report_1.claims {
            let article = report_1.article(&c.article).unwrap();
            let text = texts[article.path.as_str()];
            prop_assert!(c.sentence_start <= c.start && c.start <= c.end);
            prop_assert!(c.end <= c.sentence_end && c.sentence_end <= text.len());
            prop_assert_eq!(text.get(c.start..c.end), Some(c.text.as_str()));
        }
    }
}
