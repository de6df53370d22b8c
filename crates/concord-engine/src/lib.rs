//! The pipeline, end to end: documents → claims → stories → links → graph
//! → facts and findings, as one [`Report`].
//!
//! Library code: no printing, no exit codes, no environment. Extraction and
//! matching run in parallel (rayon); every parallel stage collects and then
//! sorts, so the report is byte-identical whatever the thread count and the
//! order in which inputs were given.
//!
//! The engine reads no files: `concord-input` turns paths into
//! [`Document`]s, and every entry point here takes those.

pub mod examples;
pub mod index;
pub mod progress;

use concord_cache::{Cache, RunResult};
use concord_core::{
    Article, Claim, InputError, InputWarning, Link, Report, SCHEMA_VERSION, Story, TokenRole,
};
use concord_extract::{ArticleInput, CutKind, Extractor};
use concord_input::Document;
use concord_match::{Comparison, Matcher, Prepared, Vocabulary};
use concord_rules::RuleSet;
use concord_text::Lexicon;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// What [`Engine::extract`] gives for one article.
pub use concord_extract::Extraction;
pub use progress::{Progress, Stage};

/// How to run.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Compare every pair of claims instead of using the inverted index
    /// (for measuring what blocking loses).
    pub exhaustive: bool,
    /// Link claims across all articles, ignoring story grouping.
    pub single_story: bool,
    /// Incremental check: the paths of the new articles. Only stories
    /// holding one are linked, and only findings that involve one are
    /// reported; the other articles are the corpus they are checked
    /// against (they still group stories and weigh terms).
    pub focus: Option<BTreeSet<String>>,
    /// Which claims weigh the terms of a comparison (IDF).
    pub term_weights: TermWeights,
}

/// Which claims the IDF of a comparison's terms is counted over, besides
/// the background corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TermWeights {
    /// Every claim of the run.
    #[default]
    Run,
    /// The claims of the comparison's story: a story's findings then do
    /// not depend on which other stories the run holds, so a run sharded
    /// by story (or a story checked again when its articles change) gives
    /// the same findings as one run over everything.
    Story,
}

/// The rule set, the lexicon built from it, and an optional cache of
/// extracted claims.
#[derive(Debug)]
pub struct Engine {
    pub rules: RuleSet,
    pub lex: Lexicon,
    progress: progress::Observer,
    cache: Option<Cache>,
}

impl Engine {
    pub fn new(rules: RuleSet) -> Engine {
        let lex = Lexicon::new(&rules);
        Engine {
            rules,
            lex,
            progress: progress::Observer::default(),
            cache: None,
        }
    }

    /// Reports the progress of long stages to `progress` (the CLI draws a
    /// bar on a terminal).
    pub fn with_progress(mut self, progress: std::sync::Arc<dyn Progress>) -> Engine {
        self.progress = progress::Observer(Some(progress));
        self
    }

    /// Reads and writes extracted claims through `cache`.
    pub fn with_cache(mut self, cache: Cache) -> Engine {
        self.cache = Some(cache);
        self
    }

    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    pub fn matcher(&self) -> Matcher<'_> {
        Matcher::new(&self.rules, &self.lex)
    }

    /// Extracts the claims of documents, in parallel. Articles are numbered
    /// `a1`, `a2`, ... in path order; documents whose metadata cannot be read
    /// become errors and take no number.
    pub fn extract(&self, mut docs: Vec<Document>) -> (Vec<Extraction>, Vec<InputError>) {
        // Two documents under one path are two articles: renamed, not
        // merged (concord-input already gives every document its own).
        concord_input::unique_paths(&mut docs);
        docs.sort_by(|x, y| x.path.cmp(&y.path));
        let keys = self.cache_keys(&docs);
        self.extract_keyed(&docs, keys.as_deref())
    }

    /// The story keys of an extracted article: locality-sensitive keys
    /// that articles of one story share (`concord stories`, see
    /// [`concord_graph::stories::keys`]). They depend on the article and
    /// the rules only.
    pub fn story_keys(&self, x: &Extraction) -> concord_graph::stories::StoryKeys {
        let claims: Vec<&Claim> = x.claims.iter().collect();
        concord_graph::stories::keys(
            &claims,
            self.rules.background.as_ref(),
            &self.rules.thresholds,
        )
    }

    /// The cache key of each document, when there is a cache.
    fn cache_keys(&self, docs: &[Document]) -> Option<Vec<String>> {
        self.cache.as_ref().map(|c| {
            docs.par_iter()
                .map(|d| c.key(&d.text, d.meta.as_ref()))
                .collect()
        })
    }

    /// [`Engine::extract`] of documents sorted by path without duplicate
    /// paths, with their cache keys (see [`Engine::cache_keys`]).
    fn extract_keyed(
        &self,
        docs: &[Document],
        keys: Option<&[String]>,
    ) -> (Vec<Extraction>, Vec<InputError>) {
        let extractor = Extractor::new(&self.rules, &self.lex);
        self.progress.start(Stage::Extract, docs.len() as u64);
        let results: Vec<Result<Extraction, InputError>> = docs
            .par_iter()
            .enumerate()
            .map(|(k, d)| {
                let _advance = self.progress.step_on_drop();
                let id = format!("a{}", k + 1);
                let key = keys.map(|ks| &ks[k]);
                if let (Some(c), Some(key)) = (&self.cache, key)
                    && let Some(mut x) = c.load(key, &id, &d.path, &d.text)
                {
                    if let Some(map) = &d.source {
                        map.remap(&d.text, &mut x.claims);
                    }
                    x.article.story.clone_from(&d.story);
                    return Ok(x);
                }
                let input = ArticleInput {
                    id,
                    path: d.path.clone(),
                    text: &d.text,
                    meta: d.meta.clone(),
                    fragment: false,
                };
                // A bug on one odd article must not lose the others: it
                // becomes an error naming the article.
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    extractor.extract(&input)
                }))
                .unwrap_or_else(|panic| {
                    Err(InputError {
                        path: d.path.clone(),
                        line: None,
                        message: format!(
                            "internal error while extracting claims: {}; please report it",
                            panic_message(&panic)
                        ),
                    })
                });
                if let (Some(c), Some(key), Ok(x)) = (&self.cache, key, &result) {
                    c.store(key, x);
                }
                result.map(|mut x| {
                    if let Some(map) = &d.source {
                        map.remap(&d.text, &mut x.claims);
                    }
                    x.article.story.clone_from(&d.story);
                    x
                })
            })
            .collect();
        let mut ok = Vec::new();
        let mut errors = Vec::new();
        for r in results {
            match r {
                Ok(x) => ok.push(x),
                Err(e) => errors.push(e),
            }
        }
        // Renumber so that ids have no gaps where a document failed.
        for (k, x) in ok.iter_mut().enumerate() {
            let id = format!("a{}", k + 1);
            if x.article.id != id {
                x.rename(&id);
            }
        }
        (ok, errors)
    }

    /// Reads and segments documents without extracting claims: the
    /// baseline that the whole pipeline's speed is compared with. Returns
    /// the number of articles read and of sentences found.
    pub fn segment(&self, docs: &[Document]) -> (usize, usize, Vec<InputError>) {
        let extractor = Extractor::new(&self.rules, &self.lex);
        let results: Vec<Result<usize, InputError>> = docs
            .par_iter()
            .map(|d| {
                let input = ArticleInput {
                    id: String::new(),
                    path: d.path.clone(),
                    text: &d.text,
                    meta: d.meta.clone(),
                    fragment: false,
                };
                extractor.segment(&input)
            })
            .collect();
        let mut errors = Vec::new();
        let (mut articles, mut sentences) = (0, 0);
        for r in results {
            match r {
                Ok(n) => {
                    articles += 1;
                    sentences += n;
                }
                Err(e) => errors.push(e),
            }
        }
        errors.sort();
        (articles, sentences, errors)
    }

    /// What the extraction of these articles left out, in article order:
    /// articles without a single claim (only page furniture or headings),
    /// and what the length caps cut, one warning per article and kind of
    /// cut (a megabyte of clauses would otherwise print thousands of lines).
    pub fn extraction_warnings(&self, extractions: &[Extraction]) -> Vec<InputWarning> {
        let t = &self.rules.thresholds;
        let mut out = Vec::new();
        for x in extractions {
            if x.claims.is_empty() {
                let why = match x.dropped.len() {
                    0 => String::new(),
                    1 => " (1 line dropped as page furniture)".into(),
                    n => format!(" ({n} lines dropped as page furniture)"),
                };
                out.push(InputWarning {
                    path: x.article.path.clone(),
                    line: None,
                    column: None,
                    message: format!("no claims to check{why}"),
                });
            }
            for (kind, what, key, max) in [
                (
                    CutKind::Sentence,
                    "sentence",
                    "max_sentence_bytes",
                    t.max_sentence_bytes,
                ),
                (
                    CutKind::Claim,
                    "claim",
                    "max_claim_bytes",
                    t.max_claim_bytes,
                ),
            ] {
                let mut cuts = x.cuts.iter().filter(|c| c.kind == kind);
                let Some(first) = cuts.next() else { continue };
                let more = cuts.count();
                let rest = if kind == CutKind::Sentence {
                    "; the rest of it was not checked"
                } else {
                    ""
                };
                let also = match more {
                    0 => String::new(),
                    1 => format!(" (and 1 more {what})"),
                    n => format!(" (and {n} more {what}s)"),
                };
                out.push(InputWarning {
                    path: x.article.path.clone(),
                    line: Some(first.line),
                    column: Some(first.column),
                    message: format!(
                        "{what} of {} bytes cut to its first {} ({key} = {max}){rest}{also}",
                        first.length, first.kept
                    ),
                });
            }
        }
        out
    }

    /// The claims of one sentence or headline (a side of `concord pairs`,
    /// a detector example), with claim ids `{id}.c1`, ...
    pub fn extract_fragment(&self, id: &str, text: &str) -> Vec<Claim> {
        let input = ArticleInput {
            id: id.to_string(),
            path: id.to_string(),
            text,
            meta: None,
            fragment: true,
        };
        let extractor = Extractor::new(&self.rules, &self.lex);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| extractor.extract(&input)))
            .ok()
            .and_then(Result::ok)
            .map(|x| x.claims)
            .unwrap_or_default()
    }

    /// Document frequencies of the normalised terms of `docs` (an article
    /// is a document), for `concord build-idf`.
    pub fn count_terms(
        &self,
        docs: Vec<Document>,
        source: Option<String>,
    ) -> concord_rules::Background {
        let (extractions, _) = self.extract(docs);
        let mut df: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
        for x in &extractions {
            let mut terms: Vec<&str> = x
                .claims
                .iter()
                .flat_map(|c| c.match_tokens())
                .filter(|t| {
                    matches!(
                        t.role,
                        TokenRole::Content | TokenRole::Entity | TokenRole::Number
                    )
                })
                .map(|t| t.term.as_str())
                .collect();
            terms.sort_unstable();
            terms.dedup();
            for t in terms {
                *df.entry(t.to_string()).or_default() += 1;
            }
        }
        concord_rules::Background {
            documents: extractions.len() as u32,
            source,
            df,
        }
    }

    /// Runs the whole pipeline. Articles with the same text as an earlier
    /// one (by path) are checked once: see [`drop_duplicates`].
    pub fn check(
        &self,
        mut docs: Vec<Document>,
        mut errors: Vec<InputError>,
        options: Options,
    ) -> Report {
        let mut clock = Clock::new();
        // Two documents under one path are two articles: renamed with a
        // warning, never merged (concord-input already gives every
        // document its own path).
        let mut warnings = concord_input::unique_paths(&mut docs);
        let (docs, copies) = drop_duplicates(docs);
        warnings.extend(copies);
        let mut texts: std::collections::BTreeMap<String, String> = docs
            .iter()
            .map(|d| (d.path.clone(), d.text.clone()))
            .collect();
        // Everything after extraction depends on every input (terms are
        // weighed over the whole run), so a stored result is keyed by all
        // of them.
        let keys = self.cache_keys(&docs);
        let run_key = self.cache.as_ref().zip(keys.as_ref()).map(|(c, keys)| {
            // A given story changes the grouping: it is part of the key.
            let inputs = docs.iter().zip(keys.iter()).map(|(d, k)| match &d.story {
                Some(story) => (d.path.as_str(), format!("{k} story {story:?}")),
                None => (d.path.as_str(), k.clone()),
            });
            c.run_key(inputs, &format!("{options:?}"))
        });
        let (extractions, extract_errors) = self.extract_keyed(&docs, keys.as_deref());
        clock.lap("extract");
        errors.extend(extract_errors);
        errors.sort();
        errors.dedup();
        warnings.extend(self.extraction_warnings(&extractions));
        let mut articles: Vec<Article> = Vec::new();
        let mut claims: Vec<Claim> = Vec::new();
        let mut article_of: Vec<usize> = Vec::new();
        let mut ignores: Vec<(String, concord_extract::Suppression)> = Vec::new();
        for (k, x) in extractions.into_iter().enumerate() {
            ignores.extend(x.ignores.into_iter().map(|s| (x.article.id.clone(), s)));
            articles.push(x.article);
            article_of.extend(std::iter::repeat_n(k, x.claims.len()));
            claims.extend(x.claims);
        }
        let cached = run_key
            .as_ref()
            .zip(self.cache.as_ref())
            .and_then(|(key, cache)| cache.load_run(key, &articles, &claims));
        let result = match cached {
            Some(result) => {
                clock.lap("cached");
                result
            }
            None => {
                let result = self.reconcile(
                    &articles,
                    &claims,
                    &article_of,
                    &ignores,
                    &options,
                    None,
                    &mut clock,
                );
                if let (Some(key), Some(cache)) = (&run_key, &self.cache) {
                    cache.store_run(key, &result);
                }
                result
            }
        };
        self.progress.finish();
        let texts = articles
            .iter()
            .map(|a| texts.remove(&a.path).unwrap_or_default())
            .collect();
        Report {
            schema_version: SCHEMA_VERSION,
            articles,
            stories: result.stories,
            claims,
            links: result.links,
            facts: result.facts,
            findings: result.findings,
            errors,
            warnings,
            texts,
            timings: clock.laps,
        }
    }
    /// Groups stories, links claims, builds facts and derives findings:
    /// everything after extraction. Terms are weighed over `claims` and the
    /// background corpus, or by `vocab` when given (rule examples weigh
    /// over all example sentences).
    #[allow(clippy::too_many_arguments)]
    fn reconcile(
        &self,
        articles: &[Article],
        claims: &[Claim],
        article_of: &[usize],
        ignores: &[(String, concord_extract::Suppression)],
        options: &Options,
        vocab: Option<&Vocabulary>,
        clock: &mut Clock,
    ) -> RunResult {
        // One pass, not one scan of all claims per article: ten thousand
        // articles would make that quadratic.
        let mut by_article: Vec<Vec<&Claim>> = vec![Vec::new(); articles.len()];
        for (c, &a) in claims.iter().zip(article_of) {
            by_article[a].push(c);
        }
        self.progress.start(Stage::Stories, 0);
        let story_of = if options.single_story {
            vec![0; articles.len()]
        } else {
            let given: Vec<Option<&str>> = articles.iter().map(|a| a.story.as_deref()).collect();
            concord_graph::stories::group_given(
                &by_article,
                &given,
                self.rules.background.as_ref(),
                &self.rules.thresholds,
            )
        };
        clock.lap("stories");
        let background = self.rules.background.as_ref();
        // The vocabulary each claim is weighed by: one for the run, or one
        // per story.
        let (vocabs, vocab_of): (Vec<Vocabulary>, Vec<usize>) = match (vocab, options.term_weights)
        {
            (Some(_), _) => (Vec::new(), Vec::new()),
            (None, TermWeights::Run) => (vec![Vocabulary::build(claims, background)], Vec::new()),
            (None, TermWeights::Story) => {
                let stories = story_of.iter().copied().max().map_or(0, |m| m + 1);
                let mut members: Vec<Vec<&Claim>> = vec![Vec::new(); stories];
                for (c, &a) in claims.iter().zip(article_of) {
                    members[story_of[a]].push(c);
                }
                let vocabs = members
                    .par_iter()
                    .map(|m| Vocabulary::build(m.iter().copied(), background))
                    .collect();
                (vocabs, story_of.clone())
            }
        };
        let vocab_for = |a: usize| -> &Vocabulary {
            match vocab {
                Some(v) => v,
                None => &vocabs[vocab_of.get(a).copied().unwrap_or(0)],
            }
        };
        let prepared: Vec<Prepared<'_>> = claims
            .par_iter()
            .zip(article_of.par_iter())
            .map(|(c, &a)| Prepared::new(c, a, vocab_for(a), &self.rules.thresholds))
            .collect();
        // An incremental check links only the stories of new articles:
        // no finding elsewhere could involve one.
        let focused: Vec<bool> = articles
            .iter()
            .map(|a| options.focus.as_ref().is_none_or(|f| f.contains(&a.path)))
            .collect();
        let mut active = vec![false; story_of.iter().copied().max().map_or(0, |m| m + 1)];
        for (k, &s) in story_of.iter().enumerate() {
            active[s] |= focused[k];
        }
        let matcher = self.matcher();
        // The claims of each story, in claim order; an incremental check
        // links only the stories of its new articles.
        let mut groups: Vec<Vec<usize>> = vec![Vec::new(); active.len()];
        for (i, &a) in article_of.iter().enumerate() {
            if active[story_of[a]] {
                groups[story_of[a]].push(i);
            }
        }
        let candidates = matcher.candidates(&prepared, &groups, options.exhaustive);
        self.progress.start(Stage::Link, candidates.len() as u64);
        let pairs = matcher.compare_candidates(&prepared, &candidates, &|| self.progress.step());
        drop(candidates);
        clock.lap("link");
        self.progress.start(Stage::Findings, 0);
        let links: Vec<Link> = pairs
            .iter()
            .map(|p| to_link(claims, p.a, p.b, &p.comparison))
            .collect();
        let graph = concord_graph::ClaimGraph::new(claims.len(), pairs);
        let groups = graph.fact_groups(article_of, self.rules.thresholds.fact_linkage);
        let facts = concord_graph::facts(&groups, claims);
        clock.lap("facts");
        let compare =
            |i: usize, j: usize| -> Comparison { matcher.compare(&prepared[i], &prepared[j]) };
        // Names are made distinct within a story, where two articles of one
        // outlet would read alike; one outlet across stories keeps its name.
        let mut by_story: Vec<Vec<&Article>> = vec![Vec::new(); active.len()];
        for (a, &story) in articles.iter().zip(&story_of) {
            by_story[story].push(a);
        }
        let mut outlets = std::collections::BTreeMap::new();
        for members in &by_story {
            outlets.extend(concord_core::outlet_names(members));
        }
        let sources = concord_graph::findings::Sources {
            graph: &graph,
            groups: &groups,
            facts: &facts,
            claims,
            outlets: &outlets,
        };
        let mut findings =
            concord_graph::findings::derive(&sources, &self.rules, &self.lex, &compare);
        suppress(&mut findings, claims, ignores);
        if options.focus.is_some() {
            findings.retain(|f| {
                f.claims.iter().any(|id| {
                    let a = concord_core::claim_order(id).0 as usize;
                    a >= 1 && focused.get(a - 1).copied().unwrap_or(false)
                })
            });
        }
        drop(prepared);
        clock.lap("findings");
        RunResult {
            claims: claims.len(),
            stories: story_list(articles, &story_of),
            links,
            facts,
            findings,
        }
    }
}

/// Wall time of each pipeline stage, for `--timings`.
struct Clock {
    last: std::time::Instant,
    laps: Vec<(String, f64)>,
}

impl Clock {
    fn new() -> Clock {
        Clock {
            last: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &str) {
        let now = std::time::Instant::now();
        self.laps
            .push((stage.to_string(), (now - self.last).as_secs_f64()));
        self.last = now;
    }
}

/// Drops the findings that a `<!-- concord-ignore: RULE -->` comment
/// silences: those of RULE with a claim in the sentence after the comment.
fn suppress(
    findings: &mut Vec<concord_core::Finding>,
    claims: &[Claim],
    ignores: &[(String, concord_extract::Suppression)],
) {
    if ignores.is_empty() {
        return;
    }
    let by_id: std::collections::HashMap<&str, &Claim> =
        claims.iter().map(|c| (c.id.as_str(), c)).collect();
    findings.retain(|f| {
        !f.claims
            .iter()
            .filter_map(|id| by_id.get(id.as_str()))
            .any(|c| {
                ignores.iter().any(|(article, s)| {
                    *article == c.article
                        && s.sentence_start == c.sentence_start
                        && s.covers(&f.rule)
                })
            })
    });
}

/// Drops documents whose text is byte for byte the text of another one,
/// keeping the first by path, with a warning naming the one kept.
///
/// Identical copies add nothing to check and cost a lot: ten thousand
/// copies of one article would be ten thousand stories of single-source
/// claims (every term is in every article, so no term is distinctive
/// enough to link them), and their claims would crowd the candidate index.
/// Texts are compared whole (a hash map keyed by the text), so the cost is
/// linear in the input. Copies given different stories (JSON Lines
/// `story`) are both kept: each story is checked as if alone, so that a
/// run sharded by story gives the findings of one run.
pub fn drop_duplicates(mut docs: Vec<Document>) -> (Vec<Document>, Vec<InputWarning>) {
    docs.sort_by(|x, y| x.path.cmp(&y.path));
    let mut first: std::collections::HashMap<(Option<&str>, &str), &str> =
        std::collections::HashMap::new();
    let mut keep = vec![true; docs.len()];
    let mut warnings = Vec::new();
    for (k, d) in docs.iter().enumerate() {
        if d.text.trim().is_empty() {
            continue;
        }
        match first.entry((d.story.as_deref(), d.text.as_str())) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(d.path.as_str());
            }
            std::collections::hash_map::Entry::Occupied(o) if *o.get() != d.path => {
                keep[k] = false;
                warnings.push(InputWarning {
                    path: d.path.clone(),
                    line: None,
                    column: None,
                    message: format!("same text as {}, which is checked in its place", o.get()),
                });
            }
            std::collections::hash_map::Entry::Occupied(_) => {}
        }
    }
    let mut keep = keep.into_iter();
    docs.retain(|_| keep.next().unwrap_or(true));
    (docs, warnings)
}

/// The message of a caught panic.
pub fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

fn to_link(claims: &[Claim], a: usize, b: usize, c: &Comparison) -> Link {
    Link {
        a: claims[a].id.clone(),
        b: claims[b].id.clone(),
        relation: c.relation,
        direction: c.direction,
        score: c.score,
        reasons: c.reasons.clone(),
        contradiction: c
            .contradiction
            .as_ref()
            .filter(|_| c.relation == concord_core::Relation::Contradicts)
            .map(|d| d.kind),
    }
}

fn story_list(articles: &[Article], story_of: &[usize]) -> Vec<Story> {
    let count = story_of.iter().copied().max().map_or(0, |m| m + 1);
    let mut stories: Vec<Story> = (0..count)
        .map(|s| Story {
            id: format!("s{}", s + 1),
            articles: Vec::new(),
        })
        .collect();
    for (a, &s) in articles.iter().zip(story_of) {
        stories[s].articles.push(a.id.clone());
    }
    stories
}
