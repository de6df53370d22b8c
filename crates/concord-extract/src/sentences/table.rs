//! The real-news boundary table (`fixtures/segmentation/boundaries.toml`)
//! and its scorer, for the tests of [`super::split`].
//!
//! The scorer takes any splitter as a function from a case's text to the
//! byte spans of its units, so that candidate segmenters are measured the
//! same way as ours. A boundary is the end of a unit that more text
//! follows: splitting off a trailing dash run counts as a boundary found,
//! keeping it counts as one missed.

use serde::Deserialize;

const TABLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../fixtures/segmentation/boundaries.toml"
));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    case: Vec<Case>,
}

/// One hand-labelled passage: its text and the units it is made of.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub source: String,
    pub text: String,
    pub sentences: Vec<String>,
    pub note: String,
}

impl Case {
    /// The expected units as byte spans of `text`, found in order.
    fn expected(&self) -> Vec<(usize, usize)> {
        let mut from = 0;
        self.sentences
            .iter()
            .map(|s| {
                let start = from
                    + self.text[from..]
                        .find(s.as_str())
                        .unwrap_or_else(|| panic!("{}: {s:?} is not in its text", self.source));
                from = start + s.len();
                (start, from)
            })
            .collect()
    }
}

pub fn cases() -> Vec<Case> {
    let table: Table = toml::from_str(TABLE).expect("boundaries.toml parses");
    table.case
}

/// Boundary precision and recall, exact units, and the cases that failed.
#[derive(Debug, Default)]
pub struct Score {
    pub found: usize,
    pub expected: usize,
    pub correct: usize,
    pub exact_units: usize,
    pub units: usize,
    pub exact_cases: usize,
    pub cases: usize,
    /// (source, note, expected units, units found) of every case not
    /// split exactly.
    pub failures: Vec<(String, String, Vec<String>, Vec<String>)>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.found)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.expected)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Expected units found with exactly their span.
    pub fn unit_accuracy(&self) -> f64 {
        ratio(self.exact_units, self.units)
    }

    pub fn summary(&self) -> String {
        format!(
            "boundaries P {:.3} R {:.3} F1 {:.3} ({} expected, {} found, {} right); \
             units exact {}/{} ({:.3}); cases exact {}/{}",
            self.precision(),
            self.recall(),
            self.f1(),
            self.expected,
            self.found,
            self.correct,
            self.exact_units,
            self.units,
            self.unit_accuracy(),
            self.exact_cases,
            self.cases,
        )
    }

    pub fn report(&self) -> String {
        let mut out = self.summary();
        for (source, note, want, got) in &self.failures {
            out.push_str(&format!(
                "\n--- {source} ({note})\n  want {want:#?}\n  got  {got:#?}"
            ));
        }
        out
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The ends of the units that more text follows.
fn boundaries(text: &str, units: &[(usize, usize)]) -> Vec<usize> {
    let last = text.trim_end().len();
    units
        .iter()
        .map(|&(_, end)| end)
        .filter(|&end| end < last)
        .collect()
}

/// Scores `units` (a text to its units' byte spans, in order) on every case.
pub fn score(cases: &[Case], units: impl Fn(&str) -> Vec<(usize, usize)>) -> Score {
    let mut s = Score::default();
    for case in cases {
        let want = case.expected();
        let got = units(&case.text);
        let want_b = boundaries(&case.text, &want);
        let got_b = boundaries(&case.text, &got);
        s.expected += want_b.len();
        s.found += got_b.len();
        s.correct += got_b.iter().filter(|b| want_b.contains(b)).count();
        s.units += want.len();
        s.exact_units += want.iter().filter(|u| got.contains(u)).count();
        s.cases += 1;
        if want == got {
            s.exact_cases += 1;
        } else {
            let show = |v: &[(usize, usize)]| {
                v.iter()
                    .map(|&(a, b)| case.text[a..b].to_string())
                    .collect::<Vec<_>>()
            };
            s.failures.push((
                case.source.clone(),
                case.note.clone(),
                show(&want),
                show(&got),
            ));
        }
    }
    s
}
