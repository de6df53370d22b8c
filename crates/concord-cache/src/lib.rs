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
//! file in the same folder (created exclusively, under a random name) and
//! renamed into place, so a reader sees a whole entry or none. Deleting
//! the folder is always safe.
//!
//! What is read back is verified, never trusted: an entry starts with a
//! checksum of the rest (under the cache's salt), and an extraction's
//! claims must slice the article to their text, with the line and column
//! of their start, their words inside them, and ids of their article; a
//! run result may only name claims and articles of the run. An entry that
//! cannot be read, is not a regular file (a symbolic link planted in a
//! shared folder is not followed, nor a sub-folder that is one), is larger
//! than its article could make it, or fails a check is a miss, with a
//! warning ([`Cache::take_warnings`]) when it was there but wrong; the
//! next store overwrites it. The checks catch corruption and forgeries
//! that do not fit the article; someone who can write the folder can still
//! forge an entry that fits (a false title, other findings over the same
//! claims): share a cache only between jobs that trust each other.
//!
//! Besides extractions the cache keeps what whole runs found once their
//! claims were extracted ([`RunResult`]: stories, links, facts, findings).
//! Linking weighs terms by their frequency over every claim of the run,
//! so such a result is keyed by every input (path, text, metadata), the
//! options, the rules and the code: it serves a second run over an
//! unchanged corpus, the common case of a CI job re-run or an editor
//! re-rendering a report in another format. Only the newest
//! [`MAX_RUNS`] run results are kept.

use concord_core::{
    Article, Claim, Fact, Finding, Link, Meta, StableHash, Story, Token, TokenRole,
};
use concord_extract::Extraction;
use serde::{Deserialize, Serialize};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Bump when the layout of an entry or the meaning of a cached field
/// changes.
pub const FORMAT_VERSION: u32 = 4;

/// Ending of the temporary files entries are written through.
const TEMP_SUFFIX: &str = ".concord-tmp";

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

/// An entry that says which [`FORMAT_VERSION`] wrote it.
trait Versioned {
    fn version(&self) -> u32;
}

impl Versioned for RunEntry {
    fn version(&self) -> u32 {
        self.version
    }
}

impl Versioned for Entry {
    fn version(&self) -> u32 {
        self.version
    }
}

/// A cache folder for one rule set and one build of concord.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    salt: u128,
    hits: AtomicUsize,
    misses: AtomicUsize,
    /// Entries found but refused, for the caller to report.
    warnings: Mutex<Vec<String>>,
}

/// One cached extraction. The claims' matching data (tokens, antecedent,
/// quote, speaker, demonym and seat flags) is not part of the JSON report and so
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
    /// Per entity: (demonym, seat).
    namings: Vec<(bool, bool)>,
}

impl Hidden {
    fn of(c: &Claim) -> Hidden {
        Hidden {
            tokens: c.tokens.iter().map(row).collect(),
            antecedent: c.antecedent.iter().map(row).collect(),
            quote: c.quote,
            speaker_is_person: c.speaker_is_person,
            namings: c.entities.iter().map(|e| (e.demonym, e.seat)).collect(),
        }
    }

    fn restore(self, c: &mut Claim) {
        c.tokens = self.tokens.into_iter().map(token).collect();
        c.antecedent = self.antecedent.into_iter().map(token).collect();
        c.quote = self.quote;
        c.speaker_is_person = self.speaker_is_person;
        for (e, (demonym, seat)) in c.entities.iter_mut().zip(self.namings) {
            e.demonym = demonym;
            e.seat = seat;
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
            warnings: Mutex::new(Vec::new()),
        }
    }

    /// What was refused since the last call: one message per entry that
    /// was found but failed a check (and was treated as a miss), sorted.
    pub fn take_warnings(&self) -> Vec<String> {
        let mut w = self
            .warnings
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default();
        w.sort();
        w
    }

    fn refuse(&self, path: &Path, why: &str) {
        if let Ok(mut w) = self.warnings.lock() {
            w.push(format!(
                "cache entry {} refused ({why}); computed again",
                path.display()
            ));
        }
    }

    /// The checksum that starts an entry: of its JSON, under the salt.
    fn checksum(&self, json: &[u8]) -> String {
        StableHash::new()
            .bytes(&self.salt.to_le_bytes())
            .bytes(json)
            .hex()
    }

    /// `checksum\njson`.
    fn seal(&self, json: &[u8]) -> Vec<u8> {
        let mut out = self.checksum(json).into_bytes();
        out.push(b'\n');
        out.extend_from_slice(json);
        out
    }

    /// Reads the entry at `path` (at most `limit` bytes) and checks its
    /// checksum: the JSON, or `None` (a miss; a warning when the entry was
    /// there but wrong).
    fn read_entry(&self, path: &Path, limit: u64) -> Option<Vec<u8>> {
        let bytes = match read_no_follow(path, limit) {
            Ok(b) => b,
            Err(Refused::Missing) => return None,
            Err(Refused::Bad(why)) => {
                self.refuse(path, why);
                return None;
            }
        };
        let json = bytes
            .iter()
            .position(|&b| b == b'\n')
            .filter(|&at| bytes[..at] == *self.checksum(&bytes[at + 1..]).as_bytes())
            .map(|at| bytes[at + 1..].to_vec());
        if json.is_none() {
            self.refuse(path, "checksum mismatch");
        }
        json
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

    /// The stored result of the run `key`, if it fits the run: its claims
    /// and articles (see [`verify_run`]).
    pub fn load_run(&self, key: &str, articles: &[Article], claims: &[Claim]) -> Option<RunResult> {
        // Links, facts and findings per claim are bounded by the candidates
        // of each claim; 16 KiB per claim is far above what they take.
        let limit = 16_384 * claims.len() as u64 + (1 << 20);
        self.load_checked(
            &self.run_path(key),
            limit,
            "a run result",
            |e: &RunEntry| verify_run(&e.result, articles, claims),
        )
        .map(|e| e.result)
    }

    /// Reads the entry at `path` (see [`Cache::read_entry`]), parses it as
    /// `T` (`what`, for the warning) of this [`FORMAT_VERSION`] and checks
    /// it; counts a hit or a miss.
    fn load_checked<T: serde::de::DeserializeOwned + Versioned>(
        &self,
        path: &Path,
        limit: u64,
        what: &str,
        check: impl FnOnce(&T) -> Result<(), &'static str>,
    ) -> Option<T> {
        let found = self.read_entry(path, limit).and_then(|json| {
            let parsed = serde_json::from_slice::<T>(&json)
                .ok()
                .filter(|e| e.version() == FORMAT_VERSION);
            let Some(e) = parsed else {
                self.refuse(path, &format!("not {what} of this version"));
                return None;
            };
            match check(&e) {
                Ok(()) => Some(e),
                Err(why) => {
                    self.refuse(path, why);
                    None
                }
            }
        });
        let counter = if found.is_some() {
            &self.hits
        } else {
            &self.misses
        };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    /// Stores a run result and deletes all but the newest [`MAX_RUNS`].
    pub fn store_run(&self, key: &str, result: &RunResult) {
        let entry = RunEntry {
            version: FORMAT_VERSION,
            result: result.clone(),
        };
        let Ok(json) = serde_json::to_vec(&entry) else {
            return;
        };
        self.write_atomically(&self.run_path(key), key, &self.seal(&json));
        self.prune_runs();
    }

    /// Deletes the oldest run results beyond [`MAX_RUNS`], and temporary
    /// files of entries over an hour old (left by a killed run: a run
    /// writing now has just made its own). Another run may be deleting or
    /// writing at the same time: every failure is ignored.
    fn prune_runs(&self) {
        let runs_dir = self.dir.join("runs");
        let Ok(dir) = std::fs::read_dir(&runs_dir) else {
            return;
        };
        let mut runs: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
        for e in dir.filter_map(Result::ok) {
            let name = e.file_name();
            let name = name.to_string_lossy();
            // Never follows a link: `symlink_metadata`.
            let Ok(meta) = std::fs::symlink_metadata(e.path()) else {
                continue;
            };
            let Ok(modified) = meta.modified() else {
                continue;
            };
            if name.ends_with(".json") {
                runs.push((modified, e.path()));
            } else if name.ends_with(TEMP_SUFFIX)
                && meta.file_type().is_file()
                && modified
                    .elapsed()
                    .is_ok_and(|age| age > std::time::Duration::from_secs(3600))
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
        if runs.len() <= MAX_RUNS {
            return;
        }
        runs.sort();
        for (_, path) in &runs[..runs.len() - MAX_RUNS] {
            let _ = std::fs::remove_file(path);
        }
    }

    /// Writes `bytes` to `target` through a temporary file in the same
    /// folder, created exclusively (`O_EXCL`: never through a planted
    /// file or link) under a random name. The folder (a shard or `runs`)
    /// is created inside the cache folder, and refused when it is a
    /// symbolic link: a link planted there would send entries, and their
    /// renames, anywhere the link points. Failing to write is not an
    /// error: the next run computes the entry again.
    fn write_atomically(&self, target: &Path, key: &str, bytes: &[u8]) {
        let Some(dir) = target.parent() else { return };
        if std::fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let _ = std::fs::create_dir(dir);
        match std::fs::symlink_metadata(dir) {
            Ok(m) if m.file_type().is_dir() => {}
            _ => return,
        }
        let Ok(mut tmp) = tempfile::Builder::new()
            .prefix(&format!(".{key}."))
            .suffix(TEMP_SUFFIX)
            .rand_bytes(12)
            .tempfile_in(dir)
        else {
            return;
        };
        // On any error `tmp` is dropped, which removes it.
        if tmp.write_all(bytes).is_ok() {
            let _ = tmp.persist(target);
        }
    }

    /// The cached extraction for `key` of an article whose text is
    /// `text`, with its article renamed to `id` and `path`; `None` unless
    /// it fits `text` (see [`verify_extraction`]).
    pub fn load(&self, key: &str, id: &str, path: &str, text: &str) -> Option<Extraction> {
        // An entry is a few times the size of its article (each claim
        // carries its words); 64 times and a MiB is far above that.
        let limit = 64 * text.len() as u64 + (1 << 20);
        let entry = self.load_checked(&self.path(key), limit, "an extraction", |e: &Entry| {
            verify_extraction(&e.extraction, &e.hidden, text)
        })?;
        let mut x = entry.extraction;
        for (c, h) in x.claims.iter_mut().zip(entry.hidden) {
            h.restore(c);
        }
        x.rename(id);
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
        let Ok(json) = serde_json::to_vec(&entry) else {
            return;
        };
        self.write_atomically(&self.path(key), key, &self.seal(&json));
    }
}

/// Why an entry was not read.
enum Refused {
    /// Not there (or unreadable): a plain miss.
    Missing,
    /// There, but not to be trusted.
    Bad(&'static str),
}

/// Reads the regular file at `path`, at most `limit` bytes, without
/// following a symbolic link (`O_NOFOLLOW`) or blocking on a FIFO
/// (`O_NONBLOCK`).
fn read_no_follow(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path);
    let file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Refused::Missing),
        // ELOOP: the entry is a symbolic link.
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(Refused::Bad("a symbolic link"));
        }
        Err(_) => return Err(Refused::Missing),
    };
    let meta = file.metadata().map_err(|_| Refused::Missing)?;
    if !meta.file_type().is_file() {
        return Err(Refused::Bad("not a regular file"));
    }
    if meta.len() > limit {
        return Err(Refused::Bad("larger than its article could make it"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| Refused::Missing)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::Bad("larger than its article could make it"));
    }
    Ok(bytes)
}

/// Checks that a cached extraction fits the article `text`: every claim
/// of its article, in order (`ID.c1`, `ID.c2`, ...), slicing `text` to its
/// text at the line and column of its start, inside its sentence; its
/// words inside it; one set of matching data per claim; cuts, ignored
/// sentences and mentions inside the text.
fn verify_extraction(x: &Extraction, hidden: &[Hidden], text: &str) -> Result<(), &'static str> {
    if hidden.len() != x.claims.len() {
        return Err("matching data for another number of claims");
    }
    let lines = concord_core::LineIndex::new(text);
    let in_text = |start: usize, end: usize| start <= end && text.get(start..end).is_some();
    for (k, (c, h)) in x.claims.iter().zip(hidden).enumerate() {
        if c.article != x.article.id || c.id != format!("{}.c{}", x.article.id, k + 1) {
            return Err("claim ids that do not follow their article");
        }
        if text.get(c.start..c.end) != Some(c.text.as_str()) {
            return Err("a claim that does not slice the article to its text");
        }
        if !(c.sentence_start <= c.start
            && c.end <= c.sentence_end
            && in_text(c.sentence_start, c.sentence_end))
        {
            return Err("a claim outside its sentence");
        }
        if lines.line_col(text, c.start) != (c.line, c.column) {
            return Err("a claim at another line or column");
        }
        let inside = |(start, end, ..): &Row| {
            start <= end && c.text.get(*start as usize..*end as usize).is_some()
        };
        let quote_ok = h
            .quote
            .is_none_or(|(s, e)| s <= e && c.text.get(s as usize..e as usize).is_some());
        if !h.tokens.iter().all(inside) || !quote_ok || h.namings.len() != c.entities.len() {
            return Err("matching data outside its claim");
        }
    }
    let cuts_ok = x
        .cuts
        .iter()
        .all(|cut| cut.start <= text.len() && cut.kept <= cut.length);
    let ignores_ok = x.ignores.iter().all(|s| s.sentence_start <= text.len());
    if !cuts_ok || !ignores_ok {
        return Err("cuts or suppressions outside the article");
    }
    Ok(())
}

/// Checks that a cached run result fits the run: as many claims; every
/// article in exactly one story; links, facts and findings naming claims
/// (and articles) of the run only; link scores between 0 and 1.
fn verify_run(r: &RunResult, articles: &[Article], claims: &[Claim]) -> Result<(), &'static str> {
    if r.claims != claims.len() {
        return Err("a run of another number of claims");
    }
    let claim_ids: std::collections::HashSet<&str> = claims.iter().map(|c| c.id.as_str()).collect();
    let article_ids: std::collections::HashSet<&str> =
        articles.iter().map(|a| a.id.as_str()).collect();
    let mut in_story = std::collections::HashSet::new();
    for s in &r.stories {
        for a in &s.articles {
            if !article_ids.contains(a.as_str()) || !in_story.insert(a.as_str()) {
                return Err("stories of other articles");
            }
        }
    }
    if in_story.len() != articles.len() {
        return Err("an article in no story");
    }
    let known = |ids: &[String]| ids.iter().all(|id| claim_ids.contains(id.as_str()));
    for l in &r.links {
        if l.a == l.b
            || !known(std::slice::from_ref(&l.a))
            || !known(std::slice::from_ref(&l.b))
            || !(0.0..=1.0).contains(&l.score)
        {
            return Err("a link between claims that are not in the run");
        }
    }
    for f in &r.facts {
        if !known(&f.claims) || !f.articles.iter().all(|a| article_ids.contains(a.as_str())) {
            return Err("a fact of claims that are not in the run");
        }
    }
    for f in &r.findings {
        let articles_ok = f
            .article
            .iter()
            .chain(&f.without)
            .all(|a| article_ids.contains(a.as_str()));
        if f.claims.is_empty() || !known(&f.claims) || !articles_ok {
            return Err("a finding about claims that are not in the run");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_extract::{ArticleInput, Extractor};
    use concord_rules::RuleSet;
    use concord_text::Lexicon;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("concord-cache-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    const TEXT: &str = "Biden said the Japanese alliance was never stronger.\n\nKishida, who is Japan's leader, visited Washington on Wednesday.\n";

    /// The article and claims of [`TEXT`], as a run has them.
    fn run_of_text() -> (Vec<Article>, Vec<Claim>) {
        let x = extraction_of_text();
        (vec![x.article], x.claims)
    }

    /// [`TEXT`] extracted as article "a1" at "b.txt".
    fn extraction_of_text() -> Extraction {
        let rules = RuleSet::builtin();
        let lex = Lexicon::new(&rules);
        let input = ArticleInput {
            id: "a1".into(),
            path: "b.txt".into(),
            text: TEXT,
            meta: None,
            fragment: false,
        };
        Extractor::new(&rules, &lex)
            .extract(&input)
            .expect("TEXT is a readable article")
    }

    fn result_for(claims: &[Claim]) -> RunResult {
        RunResult {
            claims: claims.len(),
            stories: vec![Story {
                id: "s1".into(),
                articles: vec!["a1".into()],
            }],
            links: Vec::new(),
            facts: Vec::new(),
            findings: Vec::new(),
        }
    }

    #[test]
    fn run_results_fit_their_run_and_only_the_newest_are_kept() {
        let dir = temp("runs");
        let cache = Cache::new(&dir, 1, "code");
        let (articles, claims) = run_of_text();
        let result = result_for(&claims);
        let key = |n: usize| {
            let k = cache.key(TEXT, None);
            cache.run_key([("a.txt", k)], &format!("options {n}"))
        };
        assert_ne!(key(1), key(2), "options are part of the key");
        cache.store_run(&key(0), &result);
        assert_eq!(
            cache.load_run(&key(0), &articles, &claims),
            Some(result.clone())
        );
        assert_eq!(
            cache.load_run(&key(0), &articles, &claims[1..]),
            None,
            "a run of other claims"
        );
        assert_eq!(cache.load_run(&key(1), &articles, &claims), None);
        for n in 1..=MAX_RUNS + 2 {
            cache.store_run(&key(n), &result);
        }
        let kept = std::fs::read_dir(dir.join("runs")).unwrap().count();
        assert_eq!(kept, MAX_RUNS);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn cache_run_results_naming_claims_not_in_the_run_are_refused() {
        let dir = temp("forged-run");
        let cache = Cache::new(&dir, 1, "code");
        let (articles, claims) = run_of_text();
        let mut forged = result_for(&claims);
        forged.findings.push(Finding {
            kind: concord_core::FindingKind::Contradiction,
            severity: concord_core::Severity::Error,
            rule: "contradiction-number".into(),
            claims: vec!["a1.c1".into(), "a7.c3".into()],
            detail: String::new(),
            message: "forged".into(),
            contradiction: None,
            article: None,
            without: Vec::new(),
            fact: None,
            dispute: None,
        });
        cache.store_run("k", &forged);
        assert_eq!(cache.load_run("k", &articles, &claims), None);
        let w = cache.take_warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].contains("a finding about claims that are not in the run"),
            "{w:?}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_forged_cache_entry_with_a_valid_checksum_must_still_fit_the_article() {
        let dir = temp("forged");
        let c = Cache::new(&dir, 1, "code");
        let x = extraction_of_text();
        let key = c.key(TEXT, None);
        let forge = |edit: &dyn Fn(&mut Extraction)| {
            let mut x = x.clone();
            edit(&mut x);
            c.store(&key, &x);
            let loaded = c.load(&key, "a1", "b.txt", TEXT);
            (loaded.is_none(), c.take_warnings())
        };
        let (refused, w) =
            forge(&|x| x.claims[0].text = "Biden said the alliance was over.".into());
        assert!(
            refused && w[0].contains("does not slice the article"),
            "{w:?}"
        );
        let (refused, w) = forge(&|x| x.claims[1].start += 1);
        assert!(refused && !w.is_empty(), "{w:?}");
        let (refused, w) = forge(&|x| x.claims[0].line = 3);
        assert!(refused && w[0].contains("another line or column"), "{w:?}");
        let (refused, w) = forge(&|x| x.claims[1].id = "a1.c9".into());
        assert!(refused && w[0].contains("claim ids"), "{w:?}");
        let (refused, w) = forge(&|_| {});
        assert!(!refused && w.is_empty(), "the true entry is read: {w:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn symlinks_planted_in_a_shared_cache_are_not_followed() {
        let dir = temp("planted");
        let elsewhere = temp("planted-target");
        std::fs::create_dir_all(&elsewhere).unwrap();
        std::fs::write(elsewhere.join("victim"), "keep me").unwrap();
        let c = Cache::new(&dir, 1, "code");
        let x = extraction_of_text();
        let key = c.key(TEXT, None);
        // The shard folder is a link to another folder: nothing is written
        // there.
        std::fs::create_dir_all(&dir).unwrap();
        std::os::unix::fs::symlink(&elsewhere, dir.join(&key[..2])).unwrap();
        c.store(&key, &x);
        let mut there: Vec<_> = std::fs::read_dir(&elsewhere)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        there.sort();
        assert_eq!(there, ["victim"]);
        // An entry that is a link (to a file of someone else) is refused.
        std::fs::remove_file(dir.join(&key[..2])).unwrap();
        std::fs::create_dir_all(dir.join(&key[..2])).unwrap();
        std::os::unix::fs::symlink(elsewhere.join("victim"), c.path(&key)).unwrap();
        assert!(c.load(&key, "a1", "b.txt", TEXT).is_none());
        assert!(c.take_warnings()[0].contains("a symbolic link"));
        // Storing replaces the link, never writes through it.
        c.store(&key, &x);
        assert_eq!(
            std::fs::read_to_string(elsewhere.join("victim")).unwrap(),
            "keep me"
        );
        assert!(c.load(&key, "a1", "b.txt", TEXT).is_some());
        // No temporary file is left.
        let left: Vec<_> = std::fs::read_dir(dir.join(&key[..2]))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, [format!("{key}.json")]);
        let _ = std::fs::remove_dir_all(&dir);
        let _ = std::fs::remove_dir_all(&elsewhere);
    }

    #[test]
    fn stale_cache_temp_files_are_removed() {
        let dir = temp("stale-temp");
        let c = Cache::new(&dir, 1, "code");
        let (_, claims) = run_of_text();
        std::fs::create_dir_all(dir.join("runs")).unwrap();
        let stale = dir.join("runs").join(".k.AAAAAAAAAAAA.concord-tmp");
        std::fs::write(&stale, "half").unwrap();
        let f = std::fs::File::options().write(true).open(&stale).unwrap();
        f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(7200))
            .unwrap();
        c.store_run("k", &result_for(&claims));
        assert!(!stale.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_changed_digit_in_a_cache_entry_is_a_miss_with_a_warning() {
        let dir = temp("digit");
        let c = Cache::new(&dir, 1, "code");
        let x = extraction_of_text();
        let key = c.key(TEXT, None);
        c.store(&key, &x);
        let path = c.path(&key);
        // One digit of the first claim's end, as the attack did.
        let bytes = std::fs::read(&path).unwrap();
        let at = bytes.windows(6).position(|w| w == b"\"end\":").unwrap() + 6;
        let mut changed = bytes.clone();
        changed[at] = if changed[at] == b'9' {
            b'8'
        } else {
            changed[at] + 1
        };
        std::fs::write(&path, &changed).unwrap();
        assert!(c.load(&key, "a1", "b.txt", TEXT).is_none());
        assert_eq!(c.stats(), (0, 1), "the changed entry is a miss");
        let w = c.take_warnings();
        assert!(w.len() == 1 && w[0].contains("checksum mismatch"), "{w:?}");
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
        assert!(c.load(&key, "a1", "p", TEXT).is_none());
        assert_eq!(c.stats(), (0, 1));
        assert_eq!(c.take_warnings().len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
