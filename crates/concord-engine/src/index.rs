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
//! The index is bytes in and bytes out (JSON); the caller reads and writes
//! the file. Everything read back is checked: a document and a grouping
//! entry for every article, findings only for stories that exist.

use crate::{Engine, Options, TermWeights};
use concord_core::{InputError, InputWarning, Report};
use concord_graph::keyed::{KeyedArticle, KeyedStories};
use concord_input::Document;
use concord_rules::Thresholds;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, Write};
use std::ops::Range;

/// The version of the stored form; an index of another is refused.
pub const INDEX_FORMAT: u32 = 1;

/// The first line of a stored index.
const MAGIC: &str = "concord-story-index";

/// The header line after the first: what the findings were made with.
#[derive(Serialize, Deserialize)]
struct Header {
    stamp: String,
}

/// One line of JSON.
fn json<T: Serialize>(v: &T) -> String {
    serde_json::to_string(v).expect("plain data serializes")
}

/// A document as stored: its JSON line, parsed when its story is checked
/// again (most of a feed's articles are never read back).
#[derive(Debug, Clone)]
enum StoredDocument {
    /// Where its line is in the file read.
    Line(Range<usize>),
    Parsed(Document),
}

/// A finding line as stored: where it is in the file read, or given by
/// the caller in this run.
#[derive(Debug, Clone)]
enum StoredLine {
    Span(Range<usize>),
    Owned(String),
}

/// The stories of a feed and their stored findings; see the module
/// documentation.
#[derive(Debug, Clone)]
pub struct StoryIndex {
    /// What the stored findings were computed with (the build, the rules,
    /// the caller's settings): with another stamp, every story is checked
    /// again.
    stamp: String,
    /// The file the index was read from: stored lines point into it.
    source: String,
    documents: BTreeMap<String, StoredDocument>,
    grouping: KeyedStories,
    findings: BTreeMap<String, Vec<StoredLine>>,
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

impl StoryIndex {
    /// An empty index.
    pub fn new(th: &Thresholds, stamp: &str) -> StoryIndex {
        StoryIndex {
            stamp: stamp.to_string(),
            source: String::new(),
            documents: BTreeMap::new(),
            grouping: KeyedStories::new(th),
            findings: BTreeMap::new(),
            stale: false,
        }
    }

    /// An index read back from `bytes`, checked. One made with another
    /// stamp loads, and the next update checks every story again. The
    /// stored form is lines: the magic line with the format version, a
    /// header, then per article (sorted by name) an `A` line (its
    /// grouping entry) and a `D` line (its document), then per story with
    /// findings an `S` line (its name and count) and the finding lines as
    /// the caller gave them, so that loading and writing an index copies
    /// most of it without parsing.
    pub fn parse(bytes: Vec<u8>, th: &Thresholds, stamp: &str) -> Result<StoryIndex, String> {
        let source = String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
        let mut lines = source
            .split_inclusive('\n')
            .scan(0, |offset, l| {
                let start = *offset;
                *offset += l.len();
                let l = l.strip_suffix('\n').unwrap_or(l);
                Some((start, l))
            })
            .enumerate()
            .map(|(n, (start, l))| (n + 1, start..start + l.len(), l));
        let at = |n: usize, m: &dyn std::fmt::Display| format!("line {n}: {m}");
        let json = |n: usize, e: serde_json::Error| at(n, &format!("column {}: {e}", e.column()));
        match lines.next() {
            Some((_, _, l))
                if l.strip_prefix(MAGIC)
                    .is_some_and(|v| v.trim() == INDEX_FORMAT.to_string()) => {}
            Some((_, _, l)) if l.starts_with(MAGIC) => {
                return Err(format!(
                    "line 1: a story index of another format ({l}), this concord reads format {INDEX_FORMAT}: delete it to rebuild it from the feed"
                ));
            }
            _ => return Err("line 1: not a concord story index".into()),
        }
        let header: Header = match lines.next() {
            Some((n, _, l)) => serde_json::from_str(l).map_err(|e| json(n, e))?,
            None => return Err("line 2: the header is missing".into()),
        };
        let mut grouping = Vec::new();
        let mut documents = BTreeMap::new();
        let mut findings: BTreeMap<String, Vec<StoredLine>> = BTreeMap::new();
        while let Some((n, _, l)) = lines.next() {
            if let Some(entry) = l.strip_prefix("A ") {
                let a: KeyedArticle = serde_json::from_str(entry).map_err(|e| json(n, e))?;
                let Some((m, span, d)) = lines.next() else {
                    return Err(at(n + 1, &format!("the document of {} is missing", a.name)));
                };
                // The document's path comes first in its line: checked
                // here, the rest when it is parsed.
                let expected = format!(
                    "D {{\"path\":{},",
                    serde_json::to_string(&a.name).expect("a string serializes")
                );
                if !d.starts_with(&expected) {
                    return Err(at(m, &format!("not the document of {}", a.name)));
                }
                let line = StoredDocument::Line(span.start + 2..span.end);
                if documents.insert(a.name.clone(), line).is_some() {
                    return Err(at(n, &format!("article {} is stored twice", a.name)));
                }
                grouping.push(a);
            } else if let Some(head) = l.strip_prefix("S ") {
                let (story, count): (String, usize) =
                    serde_json::from_str(head).map_err(|e| json(n, e))?;
                let mut list = Vec::with_capacity(count.min(1 << 16));
                for _ in 0..count {
                    match lines.next() {
                        Some((_, span, _)) => list.push(StoredLine::Span(span)),
                        None => {
                            return Err(at(
                                n,
                                &format!("{story}: {count} findings announced, fewer stored"),
                            ));
                        }
                    }
                }
                findings.insert(story, list);
            } else {
                return Err(at(n, &"neither an article (A) nor a story (S)"));
            }
        }
        let grouping = KeyedStories::from_stored(th, grouping)?;
        let stories = grouping.stories();
        if let Some(s) = findings.keys().find(|s| !stories.contains_key(*s)) {
            return Err(format!("findings stored for {s}, which is no story"));
        }
        Ok(StoryIndex {
            stale: header.stamp != stamp,
            stamp: stamp.to_string(),
            source,
            documents,
            grouping,
            findings,
        })
    }

    /// Writes the stored form (see [`StoryIndex::parse`]).
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        let header = Header {
            stamp: self.stamp.clone(),
        };
        writeln!(out, "{MAGIC} {INDEX_FORMAT}")?;
        writeln!(out, "{}", json(&header))?;
        let mut result = Ok(());
        self.grouping.for_each_stored(|a| {
            if result.is_err() {
                return;
            }
            result = (|| {
                writeln!(out, "A {}", json(&a))?;
                match &self.documents[&a.name] {
                    StoredDocument::Line(span) => writeln!(out, "D {}", &self.source[span.clone()]),
                    StoredDocument::Parsed(d) => writeln!(out, "D {}", json(d)),
                }
            })();
        });
        result?;
        for (story, lines) in &self.findings {
            writeln!(out, "S {}", json(&(story, lines.len())))?;
            for l in lines {
                writeln!(out, "{}", self.line(l))?;
            }
        }
        Ok(())
    }

    /// The stored form, in memory.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        self.write_to(&mut out).expect("writing to memory succeeds");
        out
    }

    fn line<'a>(&'a self, l: &'a StoredLine) -> &'a str {
        match l {
            StoredLine::Span(span) => &self.source[span.clone()],
            StoredLine::Owned(s) => s,
        }
    }

    /// A stored document, parsed.
    fn document(&mut self, path: &str) -> Result<Document, String> {
        let stored = self
            .documents
            .get_mut(path)
            .ok_or_else(|| format!("no document stored for {path}"))?;
        if let StoredDocument::Line(span) = stored {
            let d: Document = serde_json::from_str(&self.source[span.clone()])
                .map_err(|e| format!("the document of {path}: column {}: {e}", e.column()))?;
            *stored = StoredDocument::Parsed(d);
        }
        match stored {
            StoredDocument::Parsed(d) => Ok(d.clone()),
            StoredDocument::Line(_) => unreachable!("parsed above"),
        }
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

    /// What is stored for each story that has something, by story name.
    pub fn findings(&self) -> BTreeMap<&str, Vec<&str>> {
        self.findings
            .iter()
            .map(|(s, lines)| (s.as_str(), lines.iter().map(|l| self.line(l)).collect()))
            .collect()
    }

    /// Stores `lines` for `story` (nothing when empty).
    pub fn set_findings(&mut self, story: &str, lines: Vec<String>) {
        if lines.is_empty() {
            self.findings.remove(story);
        } else {
            let lines = lines.into_iter().map(StoredLine::Owned).collect();
            self.findings.insert(story.to_string(), lines);
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
    /// the index's own). An error is a stored document that does not read
    /// back: the index is damaged.
    pub fn update_index(
        &self,
        index: &mut StoryIndex,
        mut docs: Vec<Document>,
        errors: Vec<InputError>,
        options: Options,
    ) -> Result<IndexUpdate, String> {
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
                let old = index.document(&d.path)?;
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
                    .insert(d.path.clone(), StoredDocument::Parsed(d));
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
                let mut d = index.document(p)?;
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
