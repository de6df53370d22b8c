//! A cache of extracted claims on disk, so that a second run over an
//! unchanged corpus skips extraction.
//!
//! An entry is keyed by a hash of the document's text and metadata, the
//! rule set's fingerprint, [`FORMAT_VERSION`] and a code identity the
//! caller supplies (the CLI passes a hash of its own sources, so a
//! rebuilt concord with different extraction code never reads an old
//! entry). The path is not part of the key: a renamed or moved article
//! still hits; its id and path are set on the way out.
//!
//! Two runs may share a cache folder: an entry is written to a temporary
//! file in the same folder and renamed into place, so a reader sees a
//! whole entry or none. An entry that cannot be read or parsed is a miss
//! (and is overwritten). Deleting the folder is always safe.
//!
//! Besides extractions the cache keeps what whole runs found once their
//! claims were extracted ([`RunResult`]: stories, links, facts, findings).
//! Linking weighs terms by their frequency over every claim of the run,
//! so such a result is keyed by every input (path, text, metadata), the
//! options, the rules and the code: it serves a second run over an
//! unchanged corpus, the common case of a CI job re-run or an editor
//! re-rendering a report in another format. Only the newest
//! [`MAX_RUNS`] run results are kept.

use concord_core::{Claim, Fact, Finding, Link, Meta, StableHash, Story, Token, TokenRole};
use concord_extract::Extraction;
use serde::{Deserialize, Serialize};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bump when the layout of an entry or the meaning of a cached field
/// changes.
pub const FORMAT_VERSION: u32 = 2;

/// Run results kept in a cache folder; older ones are deleted.
pub const MAX_RUNS: usize = 8;

/// What a run found after extraction, for [`Cache::store_run`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// Claims in the run, to refuse an entry that does not fit.
    pub claims: usize,
    pub stories: Vec<Story>,
    pub links: Vec<Link>,
    pub facts: Vec<Fact>,
    pub findings: Vec<Finding>,
}

#[derive(Serialize, Deserialize)]
struct RunEntry {
    version: u32,
    result: RunResult,
}

/// A cache folder for one rule set and one build of concord.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    salt: u128,
    hits: AtomicUsize,
    misses: AtomicUsize,
    temp_counter: AtomicUsize,
}

/// One cached extraction. The claims' matching data (tokens, antecedent,
/// quote, speaker and demonym flags) is not part of the JSON report and so
/// not serialised with the claim; it travels beside it.
#[derive(Serialize, Deserialize)]
struct Entry {
    version: u32,
    extraction: Extraction,
    hidden: Vec<Hidden>,
}

/// A token as a JSON array rather than an object: entries are read on
/// every warm run, and field names would double their size.
type Row = (u32, u32, String, String, TokenRole);

fn row(t: &Token) -> Row {
    (t.start, t.end, t.lower.clone(), t.term.clone(), t.role)
}

fn token((start, end, lower, term, role): Row) -> Token {
    Token {
        start,
        end,
        lower,
        term,
        role,
    }
}

#[derive(Serialize, Deserialize)]
struct Hidden {
    tokens: Vec<Row>,
    antecedent: Vec<Row>,
    quote: Option<(u32, u32)>,
    speaker_is_person: bool,
    demonyms: Vec<bool>,
}

impl Hidden {
    fn of(c: &Claim) -> Hidden {
        Hidden {
            tokens: c.tokens.iter().map(row).collect(),
            antecedent: c.antecedent.iter().map(row).collect(),
            quote: c.quote,
            speaker_is_person: c.speaker_is_person,
            demonyms: c.entities.iter().map(|e| e.demonym).collect(),
        }
    }

    fn restore(self, c: &mut Claim) {
        c.tokens = self.tokens.into_iter().map(token).collect();
        c.antecedent = self.antecedent.into_iter().map(token).collect();
        c.quote = self.quote;
        c.speaker_is_person = self.speaker_is_person;
        for (e, d) in c.entities.iter_mut().zip(self.demonyms) {
            e.demonym = d;
        }
    }
}

impl Cache {
    /// A cache in `dir` (created when first written) for the rule set with
    /// `rules_fingerprint`, and the build identified by `code`.
    pub fn new(dir: impl Into<PathBuf>, rules_fingerprint: u64, code: &str) -> Cache {
        let salt = StableHash::new()
            .u64(u64::from(FORMAT_VERSION))
            .u64(rules_fingerprint)
            .field(code)
            .finish();
        Cache {
            dir: dir.into(),
            salt,
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            temp_counter: AtomicUsize::new(0),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// (hits, misses) so far.
    pub fn stats(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// The key of a document: its text and metadata under this cache's
    /// salt.
    pub fn key(&self, text: &str, meta: Option<&Meta>) -> String {
        let mut h = StableHash::new();
        h.bytes(&self.salt.to_le_bytes()).field(text);
        match meta {
            None => {
                h.field("front matter");
            }
            Some(m) => {
                for f in [&m.title, &m.outlet, &m.url] {
                    h.field(f.as_deref().unwrap_or("\u{0}"));
                }
                h.field(&m.published.map(|d| d.to_string()).unwrap_or_default());
            }
        }
        h.hex()
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    fn run_path(&self, key: &str) -> PathBuf {
        self.dir.join("runs").join(format!("{key}.json"))
    }

    /// The key of a whole run: every document's path and [`Cache::key`],
    /// in order, and the options (`options` is their stable description).
    pub fn run_key<'a>(
        &self,
        docs: impl IntoIterator<Item = (&'a str, String)>,
        options: &str,
    ) -> String {
        let mut h = StableHash::new();
        h.bytes(&self.salt.to_le_bytes())
            .field("run")
            .field(options);
        for (path, key) in docs {
            h.field(path).field(&key);
        }
        h.hex()
    }

    /// The stored result of the run `key`, if it fits a run of `claims`
    /// claims.
    pub fn load_run(&self, key: &str, claims: usize) -> Option<RunResult> {
        let found = std::fs::read(self.run_path(key))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<RunEntry>(&bytes).ok())
            .filter(|e| e.version == FORMAT_VERSION && e.result.claims == claims);
        match found {
            Some(e) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                Some(e.result)
            }
            None => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Stores a run result and deletes all but the newest [`MAX_RUNS`].
    pub fn store_run(&self, key: &str, result: &RunResult) {
        let entry = RunEntry {
            version: FORMAT_VERSION,
            result: result.clone(),
        };
        let Ok(bytes) = serde_json::to_vec(&entry) else {
            return;
        };
        self.write_atomically(&self.run_path(key), key, &bytes);
        self.prune_runs();
    }

    /// Deletes the oldest run results beyond [`MAX_RUNS`]. Another run may
    /// be deleting or writing at the same time: every failure is ignored.
    fn prune_runs(&self) {
        let Ok(dir) = std::fs::read_dir(self.dir.join("runs")) else {
            return;
        };
        let mut runs: Vec<(std::time::SystemTime, PathBuf)> = dir
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".json"))
            .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
            .collect();
        if runs.len() <= MAX_RUNS {
            return;
        }
        runs.sort();
        for (_, path) in &runs[..runs.len() - MAX_RUNS] {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Writes `bytes` to `target` through a temporary file in the same
    /// folder. Failing to write is not an error: the next run computes the
    /// entry again.
    fn write_atomically(&self, target: &Path, key: &str, bytes: &[u8]) {
        let Some(dir) = target.parent() else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        let tmp = dir.join(format!(
            ".{key}.{}.{}.tmp",
            std::process::id(),
            self.temp_counter.fetch_add(1, Ordering::Relaxed)
        ));
        let written = std::fs::File::create(&tmp)
            .and_then(|mut f| f.write_all(bytes))
            .and_then(|()| std::fs::rename(&tmp, target));
        if written.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// The cached extraction for `key`, with its article renamed to `id`
    /// and `path`.
    pub fn load(&self, key: &str, id: &str, path: &str) -> Option<Extraction> {
        let found = std::fs::read(self.path(key))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Entry>(&bytes).ok())
            .filter(|e| e.version == FORMAT_VERSION && e.hidden.len() == e.extraction.claims.len());
        let Some(entry) = found else {
            self.misses.fetch_add(1, Ordering::Relaxed);
            return None;
        };
        self.hits.fetch_add(1, Ordering::Relaxed);
        let mut x = entry.extraction;
        for (c, h) in x.claims.iter_mut().zip(entry.hidden) {
            h.restore(c);
        }
        crate::renumber(&mut x, id);
        x.article.path = path.to_string();
        Some(x)
    }

    /// Stores an extraction. Failing to write is not an error: the next
    /// run extracts again.
    pub fn store(&self, key: &str, x: &Extraction) {
        let entry = Entry {
            version: FORMAT_VERSION,
            hidden: x.claims.iter().map(Hidden::of).collect(),
            extraction: x.clone(),
        };
        let Ok(bytes) = serde_json::to_vec(&entry) else {
            return;
        };
        self.write_atomically(&self.path(key), key, &bytes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Engine};
    use concord_rules::RuleSet;

    fn doc(path: &str, text: &str) -> Document {
        Document {
            path: path.into(),
            text: text.into(),
            meta: None,
            label: None,
            source: None,
        }
    }

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("concord-cache-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    const TEXT: &str = "Biden said the Japanese alliance was never stronger.\n\nKishida, who is Japan's leader, visited Washington on Wednesday.\n";

    #[test]
    fn run_results_fit_their_run_and_only_the_newest_are_kept() {
        let dir = temp("runs");
        let cache = Cache::new(&dir, 1, "code");
        let result = RunResult {
            claims: 3,
            stories: vec![Story {
                id: "s1".into(),
                articles: vec!["a1".into()],
            }],
            links: Vec::new(),
            facts: Vec::new(),
            findings: Vec::new(),
        };
        let key = |n: usize| {
            let k = cache.key(TEXT, None);
            cache.run_key([("a.txt", k)], &format!("options {n}"))
        };
        assert_ne!(key(1), key(2), "options are part of the key");
        cache.store_run(&key(0), &result);
        assert_eq!(cache.load_run(&key(0), 3), Some(result.clone()));
        assert_eq!(cache.load_run(&key(0), 4), None, "a run of other claims");
        assert_eq!(cache.load_run(&key(1), 3), None);
        for n in 1..=MAX_RUNS + 2 {
            cache.store_run(&key(n), &result);
        }
        let kept = std::fs::read_dir(dir.join("runs")).unwrap().count();
        assert_eq!(kept, MAX_RUNS);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_cached_extraction_equals_a_fresh_one() {
        let dir = temp("roundtrip");
        let engine = Engine::new(RuleSet::builtin());
        let fresh = engine.extract(vec![doc("b.txt", TEXT)]).0;
        let cached = Engine::new(RuleSet::builtin()).with_cache(Cache::new(
            &dir,
            engine.rules.fingerprint,
            "test",
        ));
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
    fn keys_change_with_text_meta_rules_and_code() {
        let a = Cache::new("x", 1, "code");
        assert_ne!(a.key("t", None), a.key("u", None));
        assert_ne!(a.key("t", None), a.key("t", Some(&Meta::default())));
        assert_ne!(a.key("t", None), Cache::new("x", 2, "code").key("t", None));
        assert_ne!(a.key("t", None), Cache::new("x", 1, "other").key("t", None));
        assert_eq!(a.key("t", None), Cache::new("y", 1, "code").key("t", None));
    }

    #[test]
    fn a_corrupt_entry_is_a_miss() {
        let dir = temp("corrupt");
        let c = Cache::new(&dir, 1, "code");
        let key = c.key(TEXT, None);
        std::fs::create_dir_all(c.path(&key).parent().unwrap_or(&dir)).ok();
        std::fs::write(c.path(&key), b"{not json").ok();
        assert!(c.load(&key, "a1", "p").is_none());
        assert_eq!(c.stats(), (0, 1));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
