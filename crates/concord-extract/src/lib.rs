//! Claim extraction: from an article's text to its claims.
//!
//! Steps, each in its own module:
//! 1. [`front_matter`]: metadata between `+++` lines;
//! 2. [`layout`]: drop page furniture by the boilerplate rules, find
//!    headings and paragraphs;
//! 3. [`sentences`]: sentence segmentation;
//! 4. [`clauses`]: split sentences that carry several facts;
//! 5. per claim: [`attribution`] (who said it), [`stance`] (polarity and
//!    modality), entities (from `concord-text`), [`slots`] (the typed
//!    values: figures, money, dates, clock times, ages, durations).
//!
//! Every claim keeps its byte span in the input as read from disk, so that
//! reports can point at the exact sentence.

pub mod attribution;
pub mod clauses;
pub mod front_matter;
pub mod layout;
pub mod sentences;
pub mod slots;
pub mod stance;

pub use layout::Span;

use concord_core::{Article, Claim, Entity, InputError, LineIndex, Meta, TokenRole};
use concord_rules::RuleSet;
use concord_text::{Lexicon, words};

/// One article to extract claims from.
#[derive(Debug, Clone)]
pub struct ArticleInput<'a> {
    /// Article id (`a1`); claim ids are built from it.
    pub id: String,
    /// Path shown in reports.
    pub path: String,
    /// The whole file (or the `text` of a JSON Lines record).
    pub text: &'a str,
    /// Metadata given outside the text (JSON Lines); `None` reads front
    /// matter from the text.
    pub meta: Option<Meta>,
    /// The text is a sentence or a headline (one side of `concord pairs`),
    /// not an article: no front matter, no headings, and any clause with a
    /// word is a claim.
    pub fragment: bool,
}

/// A line dropped as page furniture.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DroppedLine {
    pub line: usize,
    pub rule: String,
}

/// What a cap cut.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum CutKind {
    /// A sentence longer than `max_sentence_bytes`: the rest of it is not
    /// read.
    Sentence,
    /// A claim longer than `max_claim_bytes`: the claim stops there.
    Claim,
}

/// Text left out to bound the work on one article, for the report.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Cut {
    pub kind: CutKind,
    /// Byte offset, 1-based line and column of the sentence or claim.
    pub start: usize,
    pub line: usize,
    pub column: usize,
    /// Its length in bytes before the cut, and what was kept.
    pub length: usize,
    pub kept: usize,
}

/// The claims of one article and what was left out.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Extraction {
    pub article: Article,
    pub claims: Vec<Claim>,
    pub dropped: Vec<DroppedLine>,
    /// Sentences and claims cut by the length caps, in text order.
    pub cuts: Vec<Cut>,
    /// Sentences a `<!-- concord-ignore: RULE -->` comment silences.
    pub ignores: Vec<Suppression>,
}

impl Extraction {
    /// Gives the article the id `id` and its claims ids under it
    /// ("a3.c2" becomes "a1.c2"): a run numbers its articles after sorting
    /// and dropping unreadable ones, and a cached extraction comes back
    /// under the id of the run that stored it.
    pub fn rename(&mut self, id: &str) {
        let old = std::mem::replace(&mut self.article.id, id.to_string());
        for c in &mut self.claims {
            c.article = id.to_string();
            if let Some(rest) = c.id.strip_prefix(&old) {
                c.id = format!("{id}{rest}");
            }
        }
    }
}

/// Findings of `rules` on the sentence starting at `sentence_start` are
/// not reported (`all` or `*` silences every rule).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    pub sentence_start: usize,
    pub rules: Vec<String>,
}

impl Suppression {
    /// Does this suppression silence `rule`?
    pub fn covers(&self, rule: &str) -> bool {
        self.rules
            .iter()
            .any(|r| r == rule || r == "all" || r == "*")
    }
}

/// Extracts claims with one rule set.
#[derive(Debug, Clone, Copy)]
pub struct Extractor<'a> {
    rules: &'a RuleSet,
    lex: &'a Lexicon,
}

impl<'a> Extractor<'a> {
    pub fn new(rules: &'a RuleSet, lex: &'a Lexicon) -> Extractor<'a> {
        Extractor { rules, lex }
    }

    /// Reads the metadata and splits the body into sentences, without
    /// extracting claims: the baseline pass that `concord check --stage
    /// segment` times. Returns the number of sentences.
    pub fn segment(&self, input: &ArticleInput<'_>) -> Result<usize, InputError> {
        let (_, layout) = self.read_layout(input)?;
        Ok(layout
            .paragraphs
            .iter()
            .map(|para| sentences::split(input.text, *para, self.lex).len())
            .sum())
    }

    /// The article's metadata (front matter or given) and its layout:
    /// paragraphs to read, headings, furniture dropped.
    fn read_layout(&self, input: &ArticleInput<'_>) -> Result<(Meta, layout::Layout), InputError> {
        let text = input.text;
        let (meta, body_start) = match &input.meta {
            _ if input.fragment => (input.meta.clone().unwrap_or_default(), 0),
            Some(m) => (m.clone(), usize::from(text.starts_with('\u{feff}')) * 3),
            None => front_matter::parse(text).map_err(|e| InputError {
                path: input.path.clone(),
                line: Some(e.line),
                message: e.message,
            })?,
        };
        let layout = if input.fragment {
            layout::fragment(text)
        } else {
            layout::layout(text, body_start, self.rules)
        };
        Ok((meta, layout))
    }

    /// Extracts the claims of one article. Fails only when the metadata is
    /// unreadable; odd text yields fewer claims, never an error.
    pub fn extract(&self, input: &ArticleInput<'_>) -> Result<Extraction, InputError> {
        let text = input.text;
        let (meta, layout) = self.read_layout(input)?;
        let lines = LineIndex::new(text);
        let title = meta.title.clone().or_else(|| {
            layout.headings.first().map(|h| {
                text[h.start..h.end]
                    .trim_start_matches('#')
                    .trim()
                    .to_string()
            })
        });
        let article = Article {
            id: input.id.clone(),
            path: input.path.clone(),
            title,
            outlet: meta.outlet.clone(),
            url: meta.url.clone(),
            published: meta.published,
            story: None,
        };
        let mut out = Extraction {
            article,
            claims: Vec::new(),
            dropped: layout
                .dropped
                .iter()
                .map(|(span, rule)| DroppedLine {
                    line: lines.line_col(text, span.start).0,
                    rule: rule.clone(),
                })
                .collect(),
            cuts: Vec::new(),
            ignores: Vec::new(),
        };
        let max_sentence = self.rules.thresholds.max_sentence_bytes;
        // The slot vocabulary, compiled once per rule set, looked up once per
        // article.
        let vocab = slots::Vocab::of(self.rules);
        let mut pending = layout.ignores.iter().peekable();
        let mut last_person: Option<String> = None;
        for para in &layout.paragraphs {
            // Sentences inside one quotation share its speaker: the claims of
            // the open group wait for the sentence that names them.
            let mut group_start = out.claims.len();
            for sentence in sentences::split(text, *para, self.lex) {
                // A concord-ignore comment silences the next sentence.
                while let Some(ig) = pending.next_if(|ig| ig.end <= sentence.span.start) {
                    out.ignores.push(Suppression {
                        sentence_start: sentence.span.start,
                        rules: ig.rules.clone(),
                    });
                }
                if !sentence.continues_quote {
                    group_start = out.claims.len();
                }
                // Everything below works per sentence; the cap bounds it.
                let mut span = sentence.span;
                if span.end - span.start > max_sentence {
                    let end = text.floor_char_boundary(span.start + max_sentence);
                    out.cuts
                        .push(cut(CutKind::Sentence, text, &lines, span, end));
                    span.end = end;
                }
                let speaker = self.sentence_claims(
                    text,
                    &lines,
                    span,
                    &meta,
                    last_person.as_deref(),
                    input,
                    &vocab,
                    &mut out,
                );
                if let Some(s) = &speaker {
                    if s.person {
                        last_person = Some(s.name.clone());
                    }
                    if sentence.continues_quote {
                        for c in &mut out.claims[group_start..] {
                            c.attribution.get_or_insert_with(|| s.name.clone());
                        }
                    }
                }
                if !sentence.leaves_quote_open {
                    group_start = out.claims.len();
                }
            }
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn sentence_claims(
        &self,
        text: &str,
        lines: &LineIndex,
        span: Span,
        meta: &Meta,
        last_person: Option<&str>,
        input: &ArticleInput<'_>,
        vocab: &slots::Vocab,
        out: &mut Extraction,
    ) -> Option<attribution::Speaker> {
        let max = self.rules.thresholds.max_claim_bytes;
        let sentence = &text[span.start..span.end];
        let sentence_ws = words(sentence);
        let analysis = self.lex.analyze_words(sentence, &sentence_ws);
        let speaker = attribution::speaker(
            sentence,
            &analysis.tokens,
            &analysis.entities,
            self.lex,
            last_person,
        );
        let sentence_words = stance::cue_words(&analysis.tokens, sentence);
        // Token index of the first reporting verb or source phrase: "would"
        // after it is reported "will".
        let reported_at = (0..sentence_words.len()).find(|&i| {
            self.lex
                .cues
                .reporting_verbs
                .match_at(&sentence_words, i)
                .is_some()
                || self
                    .lex
                    .cues
                    .source_phrases
                    .match_at(&sentence_words, i)
                    .is_some()
        });
        // A question asserts nothing ("Is your phone losing its charge
        // faster?"): it is no claim, though its speaker still counts for
        // the sentences after it.
        if !input.fragment && sentence.trim_end().ends_with('?') {
            return speaker;
        }
        // A pair's side is compared whole: splitting it would let one
        // clause stand for a sentence that says more.
        let clauses = if input.fragment {
            vec![span]
        } else {
            clauses::split(text, span, self.lex)
        };
        for clause in clauses {
            let (rel_start, rel_end) = (clause.start - span.start, clause.end - span.start);
            // Tokens are in text order and do not overlap: the clause's are a
            // slice, found without scanning the whole sentence per clause.
            let first = analysis
                .tokens
                .partition_point(|t| (t.start as usize) < rel_start);
            let last = analysis
                .tokens
                .partition_point(|t| (t.end as usize) <= rel_end);
            let mut tokens: Vec<_> = analysis.tokens[first..last.max(first)].to_vec();
            let substantive = tokens
                .iter()
                .filter(|t| {
                    matches!(
                        t.role,
                        TokenRole::Content | TokenRole::Entity | TokenRole::Number
                    )
                })
                .count();
            // A claim states something: a value, a name with a word about
            // it, or `min_claim_words` content words. "He was 35." and "Two
            // died." are claims; "Peaceful." states nothing checkable.
            let min_words = if input.fragment {
                1
            } else {
                self.rules.thresholds.min_claim_words
            };
            let anchored = tokens
                .iter()
                .any(|t| matches!(t.role, TokenRole::Entity | TokenRole::Number));
            let short = substantive < min_words;
            if substantive == 0 || (short && !anchored && substantive < 2) {
                continue;
            }
            // Cap the claim length; cut at a character boundary.
            let mut end = clause.end;
            if end - clause.start > max {
                end = text.floor_char_boundary(clause.start + max);
                out.cuts.push(cut(CutKind::Claim, text, lines, clause, end));
            }
            let claim_text = &text[clause.start..end];
            tokens.retain(|t| t.end as usize <= end - span.start);
            for t in &mut tokens {
                t.start -= rel_start as u32;
                t.end -= rel_start as u32;
            }
            let mut entities: Vec<Entity> = Vec::new();
            for e in &analysis.entities {
                if e.start < rel_start || e.end > end - span.start {
                    continue;
                }
                match entities.iter_mut().find(|x| x.name == e.name) {
                    // A name also written out counts as a name.
                    Some(x) => {
                        x.demonym &= e.demonym;
                        x.seat &= e.seat;
                    }
                    None => entities.push(Entity {
                        name: e.name.clone(),
                        text: sentence[e.start..e.end].to_string(),
                        kind: e.kind.clone(),
                        demonym: e.demonym,
                        seat: e.seat,
                    }),
                }
            }
            let words_lc = stance::cue_words(&tokens, claim_text);
            let polarity = stance::polarity(&words_lc, self.lex);
            let reported = reported_at.is_some();
            // Does the sentence's next clause open with a turn (", but she
            // is ...")? `last` is the sentence token after the clause.
            let turned = self
                .lex
                .cues
                .concession
                .match_at(&sentence_words, last)
                .is_some();
            let modality = stance::modality(&words_lc, reported, turned, self.lex);
            let future = stance::is_future(&words_lc, self.lex);
            // Cue words carry polarity and modality, which are compared on
            // their own; as terms they would make "plan to modernize" and
            // "aim to update" look different.
            let cue_positions = stance::cue_positions(&words_lc, self.lex);
            stance::demote(&mut tokens, &cue_positions);
            // The clause's words, from the sentence's, with offsets into the
            // claim text.
            let claim_end = end - span.start;
            let ws: Vec<concord_text::Word<'_>> = sentence_ws
                .iter()
                .filter(|w| w.start >= rel_start && w.end <= claim_end)
                .map(|w| concord_text::Word {
                    start: w.start - rel_start,
                    end: w.end - rel_start,
                    ..*w
                })
                .collect();
            // Words inside a name ("Article 5", "2+2") or a compound the
            // spelling map rewrote ("three-way" = "trilateral") are not
            // figures or dates.
            let offset = clause.start - span.start;
            let taken: Vec<bool> = ws
                .iter()
                .map(|w| {
                    let (ws_, we) = (w.start + offset, w.end + offset);
                    // Entities and tokens are in text order and do not
                    // overlap: only the last one starting at or before the
                    // word can hold it.
                    let e = analysis.entities.partition_point(|e| e.start <= ws_);
                    let t = analysis.tokens.partition_point(|t| t.start as usize <= ws_);
                    e.checked_sub(1)
                        .is_some_and(|e| we <= analysis.entities[e].end)
                        || t.checked_sub(1).is_some_and(|t| {
                            let t = &analysis.tokens[t];
                            t.role == TokenRole::Content
                                && we <= t.end as usize
                                && (t.start as usize, t.end as usize) != (ws_, we)
                        })
                })
                .collect();
            let mut slots = slots::find(
                claim_text,
                &ws,
                &taken,
                vocab,
                self.lex,
                meta.published,
                future,
            );
            for s in &mut slots {
                s.start += clause.start;
                s.end += clause.start;
            }
            if short && slots.is_empty() && !(anchored && substantive >= 2) {
                continue;
            }
            let (line, column) = lines.line_col(text, clause.start);
            // A relative clause may name its own speaker ("which President
            // Biden said is ...").
            let clause_speaker = if rel_start > 0 && starts_relative(claim_text) {
                let a = self.lex.analyze(claim_text);
                attribution::speaker(claim_text, &a.tokens, &a.entities, self.lex, last_person)
            } else {
                None
            };
            let speaker_here = clause_speaker.as_ref().or(speaker.as_ref());
            out.claims.push(Claim {
                id: format!("{}.c{}", input.id, out.claims.len() + 1),
                article: input.id.clone(),
                start: clause.start,
                end,
                line,
                column,
                text: claim_text.to_string(),
                sentence_start: span.start,
                sentence_end: span.end,
                attribution: speaker_here.map(|s| s.name.clone()),
                speaker_is_person: speaker_here.is_some_and(|s| s.person),
                polarity,
                modality,
                entities,
                slots,
                antecedent: antecedent(&analysis.tokens, claim_text, rel_start),
                tokens,
                quote: quote_range(claim_text),
            });
        }
        speaker
    }
}

/// The record of a sentence or claim at `span` cut to end at `end`.
fn cut(kind: CutKind, text: &str, lines: &LineIndex, span: Span, end: usize) -> Cut {
    let (line, column) = lines.line_col(text, span.start);
    Cut {
        kind,
        start: span.start,
        line,
        column,
        length: span.end - span.start,
        kept: end - span.start,
    }
}

fn starts_relative(clause: &str) -> bool {
    let lower = clause.trim_start().to_lowercase();
    lower.starts_with("which ") || lower.starts_with("who ")
}

/// Content words a relative clause refers back to: the last few names and
/// content words before it in its sentence.
fn antecedent(
    sentence_tokens: &[concord_core::Token],
    clause: &str,
    clause_start: usize,
) -> Vec<concord_core::Token> {
    if !starts_relative(clause) {
        return Vec::new();
    }
    let mut out: Vec<concord_core::Token> = sentence_tokens
        .iter()
        .filter(|t| (t.end as usize) <= clause_start)
        .filter(|t| matches!(t.role, TokenRole::Content | TokenRole::Entity))
        .rev()
        .take(ANTECEDENT_WORDS)
        .cloned()
        .collect();
    out.reverse();
    for t in &mut out {
        t.start = 0;
        t.end = 0;
    }
    out
}

/// Words of the antecedent a relative clause carries. Part of the shape of
/// an extracted claim (cached with it), not a matching judgement, so not a
/// rule setting.
const ANTECEDENT_WORDS: usize = 3;

/// The quoted part of a claim, when quotation marks cover much of it.
fn quote_range(s: &str) -> Option<(u32, u32)> {
    let open = s.find(['“', '"'])?;
    let close = s.rfind(['”', '"']).filter(|&c| c > open)?;
    let close_end = close + s[close..].chars().next().map_or(1, char::len_utf8);
    let quoted = close_end - open;
    (quoted * 5 >= s.len() * 2).then_some((open as u32, close_end as u32))
}

#[cfg(test)]
mod tests;
