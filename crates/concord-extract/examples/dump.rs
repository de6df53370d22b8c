//! Prints the claims of the files given as arguments, one per line, for
//! eyeballing extraction: `cargo run -p concord-extract --example dump -- FILE...`.

use concord_extract::{ArticleInput, Extractor};
use concord_rules::RuleSet;
use concord_text::Lexicon;

fn main() {
    let rules = RuleSet::builtin();
    let lex = Lexicon::new(&rules);
    let ex = Extractor::new(&rules, &lex);
    for (n, path) in std::env::args().skip(1).enumerate() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let input = ArticleInput {
            id: format!("a{}", n + 1),
            path: path.clone(),
            text: &text,
            meta: None,
        };
        match ex.extract(&input) {
            Ok(x) => {
                println!(
                    "# {} title={:?} dropped={:?}",
                    path, x.article.title, x.dropped
                );
                for c in x.claims {
                    let ents: Vec<&str> = c.entities.iter().map(|e| e.name.as_str()).collect();
                    let qs: Vec<String> = c
                        .quantities
                        .iter()
                        .map(|q| format!("{}{:?}{:?}", q.value, q.kind, q.unit))
                        .collect();
                    let ds: Vec<&str> = c.dates.iter().map(|d| d.value.as_str()).collect();
                    println!(
                        "{} {}:{} [{:?} {:?} by={:?}] {}\n      ents={:?} q={:?} d={:?}",
                        c.id,
                        c.line,
                        c.column,
                        c.polarity,
                        c.modality,
                        c.attribution,
                        c.text,
                        ents,
                        qs,
                        ds
                    );
                }
            }
            Err(e) => eprintln!("{e}"),
        }
    }
}
