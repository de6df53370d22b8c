//! A persistent story index (`concord check --index FILE`): the articles
//! of a feed so far, grouped into stories by their story keys
//! ([`concord_graph::keyed`]), and what the caller stored for each story
//! (the CLI: its findings as JSON Lines).
//!
//! A new batch is assigned to the stories it joins or starts new ones,
//! and only the stories it changed are checked again, each on its own
//! (`TermWeights::Story`, the story given to the check), so that the
//! index holds the findings one run over all the articles would give.
//!
//! Stored, an index is two parts, so that an update reads and writes
//! little more than the grouping:
//! - the table, rewritten by every update: lines of the magic word and
//!   format version, a header, the terms (`T`), then per article (sorted
//!   by name) an `A` line (its grouping entry, terms by number) and a `D`
//!   line (where its document is in the log), then per story with
//!   findings an `S` line (its name, where its findings are, how many);
//! - the log ([`Log`]), append-only: documents and blocks of finding
//!   lines, read back only for the stories checked again (or all findings
//!   when asked). What a replaced article or story leaves behind is
//!   garbage until [`StoryIndex::compact`] copies the live records to a
//!   new log.
//!
//! The engine reads and writes no file: the caller gives the table's bytes
//! and a [`Log`]. Everything read back is checked: a document for every
//! article, findings only for stories that exist, every place inside the
//! log.

use crate::{Engine, Options, TermWeights};
use concord_core::{InputError, InputWarning, Report};
use concord_graph::keyed::{CompactArticle, KeyedStories};
use concord_input::Document;
use concord_rules::Thresholds;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};

/// The version of the stored form; an index of another is refused.
pub const INDEX_FORMAT: u32 = 2;

/// The first word of a stored table.
const MAGIC: &str = "concord-story-index";

/// Where a record is in the log: (offset, length) in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span(pub u64, pub u64);

impl Span {
    fn end(self) -> u64 {
        self.0.saturating_add(self.1)
    }
}

/// The append-only part of an index: records read back by their [`Span`].
pub trait Log {
    fn read(&self, span: Span) -> io::Result<Vec<u8>>;
    fn append(&mut self, bytes: &[u8]) -> io::Result<Span>;
}

/// A log in memory (tests, and a caller that holds the whole index).
#[derive(Debug, Clone, Default)]
pub struct MemoryLog(pub Vec<u8>);

impl Log for MemoryLog {
    fn read(&self, span: Span) -> io::Result<Vec<u8>> {
        let (start, end) = (span.0 as usize, span.end() as usize);
        self.0
            .get(start..end)
            .map(<[u8]>::to_vec)
            .ok_or_else(|| io::Error::new(io::ErrorKind::UnexpectedEof, "past the end of the log"))
    }

    fn append(&mut self, bytes: &[u8]) -> io::Result<Span> {
        let span = Span(self.0.len() as u64, bytes.len() as u64);
        self.0.extend_from_slice(bytes);
        Ok(span)
    }
}

/// The header line of a table.
#[derive(Serialize, Deserialize)]
struct Header {
    /// What the stored findings were computed with.
    stamp: String,
    /// Which log the table's spans point into (a compaction starts the
    /// next).
    log: u64,
    /// The bytes of the log the table knows: anything after them is the
    /// tail of an update that did not finish, and is cut.
    log_bytes: u64,
}

/// A document: in the log (parsed when its story is checked again, as
/// most of a feed's articles never are), or read in this run.
#[derive(Debug, Clone)]
enum StoredDocument {
    InLog(Span),
    New(Box<Document>),
}

/// A story's finding lines: in the log, or given in this run.
#[derive(Debug, Clone)]
enum StoredFindings {
    InLog(Span, usize),
    New(Vec<String>),
}

/// The stories of a feed and their stored findings; see the module
/// documentation.
#[derive(Debug, Clone)]
pub struct StoryIndex {
    /// What the stored findings were computed with (the build, the rules,
    /// the caller's settings): with another stamp, every story is checked
    /// again.
    stamp: String,
    log: u64,
    log_bytes: u64,
    documents: BTreeMap<String, StoredDocument>,
    grouping: KeyedStories,
    findings: BTreeMap<String, StoredFindings>,
    /// Whether the stored findings are of another stamp.
    stale: bool,
}

/// What [`Engine::update_index`] did.
#[derive(Debug)]
pub struct IndexUpdate {
    /// The check of the stories the batch changed (with the batch's input
    /// errors): the caller stores its findings with
    /// [`StoryIndex::set_findings`].
    pub report: Report,
    /// The stories checked, by name: the report's articles are theirs.
    pub checked: BTreeSet<String>,
    /// Stories that no longer exist as they were (their findings are
    /// gone from the index).
    pub dropped: Vec<String>,
    pub added: usize,
    pub replaced: usize,
    /// Articles of the batch already in the index with the same text.
    pub unchanged: usize,
    /// Articles whose best candidates were computed again from scratch.
    pub rescanned: usize,
    /// Whether every story was checked because the index was made with
    /// another stamp.
    pub was_stale: bool,
}

fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serializes")
}

fn damaged(what: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

impl StoryIndex {
    /// An empty index.
    pub fn new(th: &Thresholds, stamp: &str) -> StoryIndex {
        StoryIndex {
            stamp: stamp.to_string(),
            log: 0,
            log_bytes: 0,
            documents: BTreeMap::new(),
            grouping: KeyedStories::new(th),
            findings: BTreeMap::new(),
            stale: false,
        }
    }

    /// An index read back from its table, checked. One made with another
    /// stamp loads, and the next update checks every story again.
    pub fn parse(table: &[u8], th: &Thresholds, stamp: &str) -> Result<StoryIndex, String> {
        let text = std::str::from_utf8(table).map_err(|e| format!("not UTF-8: {e}"))?;
        let mut lines = text.lines().enumerate().map(|(n, l)| (n + 1, l));
        let at = |n: usize, m: &dyn std::fmt::Display| format!("line {n}: {m}");
        let json = |n: usize, e: serde_json::Error| at(n, &format!("column {}: {e}", e.column()));
        match lines.next() {
            Some((_, l))
                if l.strip_prefix(MAGIC)
                    .is_some_and(|v| v.trim() == INDEX_FORMAT.to_string()) => {}
            Some((_, l)) if l.starts_with(MAGIC) => {
                return Err(format!(
                    "line 1: a story index of another format ({l}), this concord reads format {INDEX_FORMAT}: delete it to rebuild it from the feed"
                ));
            }
            _ => return Err("line 1: not a concord story index".into()),
        }
        let header: Header = match lines.next() {
            Some((n, l)) => serde_json::from_str(l).map_err(|e| json(n, e))?,
            None => return Err("line 2: the header is missing".into()),
        };
        let inside = |n: usize, span: Span| {
            if span.end() <= header.log_bytes {
                Ok(span)
            } else {
                Err(at(
                    n,
                    &format!("points past the {} bytes of its log", header.log_bytes),
                ))
            }
        };
        let terms: Vec<String> = match lines.next() {
            Some((n, l)) => match l.strip_prefix("T ") {
                Some(t) => serde_json::from_str(t).map_err(|e| json(n, e))?,
                None => return Err(at(n, &"not the terms (T)")),
            },
            None => return Err("line 3: the terms are missing".into()),
        };
        let mut grouping = Vec::new();
        let mut documents = BTreeMap::new();
        let mut findings = BTreeMap::new();
        while let Some((n, l)) = lines.next() {
            if let Some(entry) = l.strip_prefix("A ") {
                let a: CompactArticle = serde_json::from_str(entry).map_err(|e| json(n, e))?;
                let span = match lines.next() {
                    Some((m, d)) => match d.strip_prefix("D ") {
                        Some(d) => inside(m, serde_json::from_str(d).map_err(|e| json(m, e))?)?,
                        None => return Err(at(m, &format!("not the document of {}", a.0))),
                    },
                    None => {
                        return Err(at(n + 1, &format!("the document of {} is missing", a.0)));
                    }
                };
                if documents
                    .insert(a.0.clone(), StoredDocument::InLog(span))
                    .is_some()
                {
                    return Err(at(n, &format!("article {} is stored twice", a.0)));
                }
                grouping.push(a);
            } else if let Some(entry) = l.strip_prefix("S ") {
                let (story, span, count): (String, Span, usize) =
                    serde_json::from_str(entry).map_err(|e| json(n, e))?;
                let span = inside(n, span)?;
                findings.insert(story, StoredFindings::InLog(span, count));
            } else {
                return Err(at(n, &"neither an article (A) nor a story (S)"));
            }
        }
        let grouping = KeyedStories::from_compact(th, terms, grouping)?;
        let stories = grouping.stories();
        if let Some(s) = findings.keys().find(|s| !stories.contains_key(*s)) {
            return Err(format!("findings stored for {s}, which is no story"));
        }
        Ok(StoryIndex {
            stale: header.stamp != stamp,
            stamp: stamp.to_string(),
            log: header.log,
            log_bytes: header.log_bytes,
            documents,
            grouping,
            findings,
        })
    }

    /// Which log the index's records are in (0 for a new index; each
    /// compaction moves them to the next).
    pub fn log_number(&self) -> u64 {
        self.log
    }

    /// The bytes of its log the index knows; a longer log has the tail of
    /// an update that did not finish.
    pub fn log_bytes(&self) -> u64 {
        self.log_bytes
    }

    /// Bytes of the log no article or story points to any more.
    pub fn garbage(&self) -> u64 {
        self.log_bytes.saturating_sub(self.live_bytes())
    }

    fn live_bytes(&self) -> u64 {
        let docs = self.documents.values().map(|d| match d {
            StoredDocument::InLog(span) => span.1,
            StoredDocument::New(_) => 0,
        });
        let findings = self.findings.values().map(|f| match f {
            StoredFindings::InLog(span, _) => span.1,
            StoredFindings::New(_) => 0,
        });
        docs.chain(findings).sum()
    }

    /// Appends what this run added to `log` (documents in name order,
    /// then findings in story order). The caller makes the log durable,
    /// then replaces the table with [`StoryIndex::write_table`].
    pub fn append_new(&mut self, log: &mut dyn Log) -> io::Result<()> {
        for stored in self.documents.values_mut() {
            if let StoredDocument::New(d) = stored {
                let mut line = json(d).into_bytes();
                line.push(b'\n');
                *stored = StoredDocument::InLog(log.append(&line)?);
            }
        }
        for stored in self.findings.values_mut() {
            if let StoredFindings::New(lines) = stored {
                let mut block = Vec::new();
                for l in lines.iter() {
                    block.extend_from_slice(l.as_bytes());
                    block.push(b'\n');
                }
                *stored = StoredFindings::InLog(log.append(&block)?, lines.len());
            }
        }
        let end = self
            .documents
            .values()
            .filter_map(|d| match d {
                StoredDocument::InLog(span) => Some(span.end()),
                StoredDocument::New(_) => None,
            })
            .chain(self.findings.values().filter_map(|f| match f {
                StoredFindings::InLog(span, _) => Some(span.end()),
                StoredFindings::New(_) => None,
            }))
            .max()
            .unwrap_or(0);
        self.log_bytes = self.log_bytes.max(end);
        Ok(())
    }

    /// Writes the table; everything must be in the log
    /// ([`StoryIndex::append_new`]).
    pub fn write_table(&self, out: &mut dyn Write) -> io::Result<()> {
        let header = Header {
            stamp: self.stamp.clone(),
            log: self.log,
            log_bytes: self.log_bytes,
        };
        writeln!(out, "{MAGIC} {INDEX_FORMAT}")?;
        writeln!(out, "{}", json(&header))?;
        writeln!(out, "T {}", json(&self.grouping.terms()))?;
        let mut result = Ok(());
        self.grouping.for_each_compact(|a| {
            if result.is_ok() {
                result = match &self.documents[&a.0] {
                    StoredDocument::InLog(span) => {
                        writeln!(out, "A {}\nD {}", json(&a), json(span))
                    }
                    StoredDocument::New(_) => Err(damaged(format!("{} is not saved", a.0))),
                };
            }
        });
        result?;
        for (story, stored) in &self.findings {
            match stored {
                StoredFindings::InLog(span, count) => {
                    writeln!(out, "S {}", json(&(story, span, count)))?;
                }
                StoredFindings::New(_) => return Err(damaged(format!("{story} is not saved"))),
            }
        }
        Ok(())
    }

    /// Moves the live records from `old` to `new`, the next log (see
    /// [`StoryIndex::log_number`]), documents in name order, then
    /// findings in story order; the table is then to be written again.
    pub fn compact(&mut self, old: &dyn Log, new: &mut dyn Log) -> io::Result<()> {
        for stored in self.documents.values_mut() {
            if let StoredDocument::InLog(span) = stored {
                *span = new.append(&old.read(*span)?)?;
            }
        }
        for stored in self.findings.values_mut() {
            if let StoredFindings::InLog(span, _) = stored {
                *span = new.append(&old.read(*span)?)?;
            }
        }
        self.log += 1;
        self.log_bytes = 0;
        self.append_new(new)
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Every story with its articles (sorted), by name.
    pub fn stories(&self) -> BTreeMap<String, Vec<String>> {
        self.grouping.stories()
    }

    /// The finding lines of each story in `stories` (all when `None`)
    /// that has some, by story name.
    pub fn findings(
        &self,
        log: &dyn Log,
        stories: Option<&BTreeSet<String>>,
    ) -> io::Result<BTreeMap<String, Vec<String>>> {
        let mut out = BTreeMap::new();
        for (story, stored) in &self.findings {
            if stories.is_some_and(|s| !s.contains(story)) {
                continue;
            }
            let lines = match stored {
                StoredFindings::New(lines) => lines.clone(),
                StoredFindings::InLog(span, count) => {
                    let block = String::from_utf8(log.read(*span)?)
                        .map_err(|_| damaged(format!("the findings of {story} are not UTF-8")))?;
                    let lines: Vec<String> = block.lines().map(str::to_string).collect();
                    if lines.len() != *count {
                        return Err(damaged(format!(
                            "{count} findings stored for {story}, {} found",
                            lines.len()
                        )));
                    }
                    lines
                }
            };
            out.insert(story.clone(), lines);
        }
        Ok(out)
    }

    /// Stores `lines` for `story` (nothing when empty).
    pub fn set_findings(&mut self, story: &str, lines: Vec<String>) {
        if lines.is_empty() {
            self.findings.remove(story);
        } else {
            self.findings
                .insert(story.to_string(), StoredFindings::New(lines));
        }
    }

    /// A stored document.
    fn document(&self, log: &dyn Log, path: &str) -> io::Result<Document> {
        match self.documents.get(path) {
            None => Err(damaged(format!("no document stored for {path}"))),
            Some(StoredDocument::New(d)) => Ok((**d).clone()),
            Some(StoredDocument::InLog(span)) => {
                let line = log.read(*span)?;
                let d: Document = serde_json::from_slice(&line).map_err(|e| {
                    damaged(format!("the document of {path} does not read back: {e}"))
                })?;
                if d.path != path {
                    return Err(damaged(format!(
                        "the document stored for {path} is {}",
                        d.path
                    )));
                }
                Ok(d)
            }
        }
    }
}

impl Engine {
    /// Adds a batch of documents to `index` (a document under a path the
    /// index holds replaces it; one with the same text changes nothing),
    /// regroups what that changes and checks the stories it changed. Each
    /// story is checked with its own term weights and its name as its
    /// given story, so its findings do not depend on the other stories.
    /// `options` says how to check (its `term_weights` and `focus` are
    /// the index's own). Documents of the stories checked again are read
    /// from `log`; an error is one that does not read back.
    pub fn update_index(
        &self,
        index: &mut StoryIndex,
        log: &dyn Log,
        mut docs: Vec<Document>,
        errors: Vec<InputError>,
        options: Options,
    ) -> io::Result<IndexUpdate> {
        let mut warnings = concord_input::unique_paths(&mut docs);
        let given = docs.iter().filter(|d| d.story.is_some()).count();
        if let Some(first) = docs.iter().find(|d| d.story.is_some()) {
            warnings.push(InputWarning {
                path: first.path.clone(),
                line: None,
                column: None,
                message: format!(
                    "the story index groups stories itself: the `story` of {given} record(s) is not used"
                ),
            });
        }
        let mut unchanged = 0;
        let mut kept = Vec::with_capacity(docs.len());
        for d in docs {
            let same = if index.documents.contains_key(&d.path) {
                let old = index.document(log, &d.path)?;
                old.text == d.text && old.meta == d.meta
            } else {
                false
            };
            unchanged += usize::from(same);
            if !same {
                kept.push(d);
            }
        }
        let docs = kept;
        let (extractions, mut errors) = {
            let (x, mut e) = self.extract(docs.clone());
            e.extend(errors);
            (x, e)
        };
        errors.sort();
        errors.dedup();
        let extracted: BTreeSet<&str> = extractions
            .iter()
            .map(|x| x.article.path.as_str())
            .collect();
        let added: Vec<(String, concord_graph::stories::StoryKeys)> = extractions
            .iter()
            .map(|x| (x.article.path.clone(), self.story_keys(x)))
            .collect();
        let replaced: Vec<String> = added
            .iter()
            .filter(|(p, _)| index.documents.contains_key(p))
            .map(|(p, _)| p.clone())
            .collect();
        let n_added = added.len() - replaced.len();
        for d in docs {
            if extracted.contains(d.path.as_str()) {
                index
                    .documents
                    .insert(d.path.clone(), StoredDocument::New(Box::new(d)));
            }
        }
        let change = index.grouping.update(&[], added);
        let was_stale = index.stale;
        let mut checked: BTreeSet<String> = change.regrouped.keys().cloned().collect();
        for p in &replaced {
            if let Some(s) = index.grouping.story_of(p) {
                checked.insert(s.to_string());
            }
        }
        if index.stale {
            index.findings.clear();
            checked.extend(index.grouping.stories().into_keys());
            index.stale = false;
        }
        for s in change.dropped.iter().chain(&checked) {
            index.findings.remove(s);
        }
        let stories = index.grouping.stories();
        let mut to_check: Vec<Document> = Vec::new();
        for s in &checked {
            for p in stories.get(s).into_iter().flatten() {
                let mut d = index.document(log, p)?;
                d.story = Some(s.clone());
                to_check.push(d);
            }
        }
        let options = Options {
            focus: None,
            single_story: false,
            term_weights: TermWeights::Story,
            ..options
        };
        let mut report = self.check(to_check, errors, options);
        report.warnings.splice(0..0, warnings);
        Ok(IndexUpdate {
            report,
            checked,
            dropped: change.dropped,
            added: n_added,
            replaced: replaced.len(),
            unchanged,
            rescanned: change.rescanned,
            was_stale,
        })
    }
}
