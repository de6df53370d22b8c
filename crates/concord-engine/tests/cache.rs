//! The engine reads and writes extractions through a cache
//! (`concord-cache`): what comes back equals a fresh extraction, renamed
//! to its place in the new run.

use concord_cache::Cache;
use concord_engine::Engine;
use concord_extract::Extraction;
use concord_input::Document;
use concord_rules::RuleSet;
use std::path::{Path, PathBuf};

fn doc(path: &str, text: &str) -> Document {
    Document {
        path: path.into(),
        text: text.into(),
        meta: None,
        label: None,
        story: None,
        source: None,
    }
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "concord-engine-cache-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    d
}

const TEXT: &str = "Biden said the Japanese alliance was never stronger.\n\nKishida, who is Japan's leader, visited Washington on Wednesday.\n";

/// [`TEXT`] extracted without a cache, and an engine caching in `dir`.
fn fresh_and_cached(dir: &Path) -> (Vec<Extraction>, Engine) {
    let engine = Engine::new(RuleSet::builtin());
    let fresh = engine.extract(vec![doc("b.txt", TEXT)]).0;
    let cache = Cache::new(dir, engine.rules.fingerprint, "test");
    (fresh, Engine::new(RuleSet::builtin()).with_cache(cache))
}

#[test]
fn a_cached_extraction_equals_a_fresh_one() {
    let dir = temp("roundtrip");
    let (fresh, cached) = fresh_and_cached(&dir);
    let first = cached.extract(vec![doc("b.txt", TEXT)]).0;
    assert_eq!(cached.cache().map(Cache::stats), Some((0, 1)));
    // Renamed and renumbered on the way out.
    let second = cached
        .extract(vec![
            doc("a.txt", "Other words entirely, said nobody.\n"),
            doc("z/b.txt", TEXT),
        ])
        .0;
    assert_eq!(cached.cache().map(Cache::stats), Some((1, 2)));
    let x = &second[1];
    assert_eq!(
        (x.article.id.as_str(), x.article.path.as_str()),
        ("a2", "z/b.txt")
    );
    for (a, b) in fresh[0].claims.iter().zip(&x.claims) {
        assert_eq!(b.id, a.id.replace("a1.", "a2."));
        assert_eq!(b.article, "a2");
        assert_eq!(
            (&a.text, &a.tokens, &a.antecedent, a.quote),
            (&b.text, &b.tokens, &b.antecedent, b.quote)
        );
        assert_eq!(a.speaker_is_person, b.speaker_is_person);
        assert_eq!(a.entities, b.entities);
    }
    assert_eq!(first[0].claims.len(), fresh[0].claims.len());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_corrupt_cache_entry_is_extracted_again() {
    let dir = temp("corrupt");
    let (fresh, cached) = fresh_and_cached(&dir);
    cached.extract(vec![doc("b.txt", TEXT)]);
    // Every entry (there is one) loses its last byte.
    let mut entries = 0;
    for shard in std::fs::read_dir(&dir).unwrap() {
        let shard = shard.unwrap().path();
        for entry in std::fs::read_dir(&shard).unwrap() {
            let entry = entry.unwrap().path();
            let mut bytes = std::fs::read(&entry).unwrap();
            bytes.pop();
            std::fs::write(&entry, bytes).unwrap();
            entries += 1;
        }
    }
    assert_eq!(entries, 1);
    let again = cached.extract(vec![doc("b.txt", TEXT)]).0;
    let c = cached.cache().unwrap();
    assert_eq!(c.stats(), (0, 2), "the changed entry is a miss");
    let texts = |x: &[Extraction]| -> Vec<(usize, usize, String)> {
        x[0].claims
            .iter()
            .map(|c| (c.start, c.end, c.text.clone()))
            .collect()
    };
    assert_eq!(texts(&again), texts(&fresh));
    assert_eq!(c.take_warnings().len(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
