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

/// The version of the stored form; an index of another is refused.
pub const INDEX_FORMAT: u32 = 1;

/// The index as it is stored.
#[derive(Serialize, Deserialize)]
struct Stored {
    concord_story_index: u32,
    stamp: String,
    documents: Vec<Document>,
    grouping: Vec<KeyedArticle>,
    findings: BTreeMap<String, Vec<String>>,
}

/// The stories of a feed and their stored findings; see the module
/// documentation.
#[derive(Debug, Clone)]
pub struct StoryIndex {
    /// What the stored findings were computed with (the build, the rules,
    /// the caller's settings): with another stamp, every story is checked
    /// again.
    stamp: String,
    documents: BTreeMap<String, Document>,
    grouping: KeyedStories,
    findings: BTreeMap<String, Vec<String>>,
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
            documents: BTreeMap::new(),
            grouping: KeyedStories::new(th),
            findings: BTreeMap::new(),
            stale: false,
        }
    }

    /// An index read back from `bytes`, checked. One made with another
    /// stamp loads, and the next update checks every story again.
    pub fn parse(bytes: &[u8], th: &Thresholds, stamp: &str) -> Result<StoryIndex, String> {
        let stored: Stored = serde_json::from_slice(bytes).map_err(|e| {
            format!(
                "line {} column {}: not a concord story index: {e}",
                e.line(),
                e.column()
            )
        })?;
        if stored.concord_story_index != INDEX_FORMAT {
            return Err(format!(
                "a story index of format {}, this concord reads format {INDEX_FORMAT}: delete it to rebuild it from the feed",
                stored.concord_story_index
            ));
        }
        let mut documents = BTreeMap::new();
        for d in stored.documents {
            let path = d.path.clone();
            if documents.insert(path.clone(), d).is_some() {
                return Err(format!("article {path} is stored twice"));
            }
        }
        let grouping = KeyedStories::from_stored(th, stored.grouping)?;
        if grouping.len() != documents.len()
            || documents.keys().any(|p| !grouping.contains(p))
        {
            return Err("its articles and its grouping disagree".into());
        }
        let stories = grouping.stories();
        if let Some(s) = stored.findings.keys().find(|s| !stories.contains_key(*s)) {
            return Err(format!("findings stored for {s}, which is no story"));
        }
        Ok(StoryIndex {
            stale: stored.stamp != stamp,
            stamp: stamp.to_string(),
            documents,
            grouping,
            findings: stored.findings,
        })
    }

    /// The stored form.
    pub fn to_bytes(&self) -> Vec<u8> {
        let stored = Stored {
            concord_story_index: INDEX_FORMAT,
            stamp: self.stamp.clone(),
            documents: self.documents.values().cloned().collect(),
            grouping: self.grouping.stored(),
            findings: self.findings.clone(),
        };
        let mut out = serde_json::to_vec(&stored).expect("plain data serializes");
        out.push(b'\n');
        out
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
    pub fn findings(&self) -> &BTreeMap<String, Vec<String>> {
        &self.findings
    }

    /// Stores `lines` for `story` (nothing when empty).
    pub fn set_findings(&mut self, story: &str, lines: Vec<String>) {
        if lines.is_empty() {
            self.findings.remove(story);
        } else {
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
    /// the index's own).
    pub fn update_index(
        &self,
        index: &mut StoryIndex,
        mut docs: Vec<Document>,
        errors: Vec<InputError>,
        options: Options,
    ) -> IndexUpdate {
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
        docs.retain(|d| {
            let same = index
                .documents
                .get(&d.path)
                .is_some_and(|old| old.text == d.text && old.meta == d.meta);
            unchanged += usize::from(same);
            !same
        });
        let (extractions, mut errors) = {
            let (x, mut e) = self.extract(docs.clone());
            e.extend(errors);
            (x, e)
        };
        errors.sort();
        errors.dedup();
        let extracted: BTreeSet<&str> = extractions.iter().map(|x| x.article.path.as_str()).collect();
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
                index.documents.insert(d.path.clone(), d);
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
        let to_check: Vec<Document> = checked
            .iter()
            .flat_map(|s| stories.get(s).into_iter().flatten().map(move |p| (s, p)))
            .filter_map(|(s, p)| {
                let mut d = index.documents.get(p)?.clone();
                d.story = Some(s.clone());
                Some(d)
            })
            .collect();
        let options = Options {
            focus: None,
            single_story: false,
            term_weights: TermWeights::Story,
            ..options
        };
        let mut report = self.check(to_check, errors, options);
        report.warnings.splice(0..0, warnings);
        IndexUpdate {
            report,
            checked,
            dropped: change.dropped,
            added: n_added,
            replaced: replaced.len(),
            unchanged,
            rescanned: change.rescanned,
            was_stale,
        }
    }
}
