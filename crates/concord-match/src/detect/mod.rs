//! Typed contradiction detectors (de Marneffe et al. 2008): each looks for
//! one kind of evidence that two claims about the same thing disagree. One
//! module per detector, each with its tests at its foot.
//!
//! Every detector first checks that the claims state the same fact once the
//! disputed slot is set aside (the "same event" filter): without it, any two
//! claims with different years would "contradict".

pub mod age;
pub mod antonym;
pub mod attribution;
pub mod date;
pub mod dispute;
pub mod entity;
pub mod modality;
pub mod naming;
pub mod negation;
pub mod number;
pub mod spelling;
pub mod time;

use crate::align::Alignment;
use crate::prepare::{Prepared, Term};
use crate::samefact::{self, View};
use concord_core::{ContradictionKind, TokenRole};
use concord_rules::Thresholds;
use concord_text::Lexicon;

/// What one detector function found: whether it is soft and the disputed
/// detail. The kind comes from the [`REGISTRY`] entry, so a detector
/// cannot report a kind it is not registered for.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    /// A tension (both may be right: rounded figures, bounds) rather than a
    /// contradiction.
    pub soft: bool,
    /// The disputed detail, e.g. `"2025" vs "2026"`.
    pub detail: String,
    /// For a dispute over which word or name (an entity, an antonym): the
    /// two as each claim writes them, `[a's, b's]`. Another outlet of the
    /// fact that writes one of them sides with it (findings name it).
    pub values: Option<[String; 2]>,
}

/// A registered detector: the contradiction kind it looks for and the
/// function that looks.
#[derive(Debug, Clone, Copy)]
pub struct Registration {
    pub kind: ContradictionKind,
    pub detect: fn(&Context<'_, '_>) -> Option<Evidence>,
    /// The kind is only ever a tension (its evidence is always soft): its
    /// rule is `tension-<kind>`, not `contradiction-<kind>`.
    pub tension_only: bool,
}

impl Registration {
    /// The id of the rule that reports this kind's findings by default.
    pub fn rule_id(&self) -> String {
        let finding = if self.tension_only {
            "tension"
        } else {
            "contradiction"
        };
        format!("{finding}-{}", self.kind)
    }
}

/// Every contradiction detector, in precedence order: when several find
/// something, the first hard detection decides the link's kind. Each
/// [`ContradictionKind`] has exactly one entry, and the default
/// `rules/detectors.toml` and docs/rules.md have a rule for each (tests at
/// the foot of this file). Adding a kind: its variant in concord-core, its
/// module here and one line below, its `[[detector]]` with examples.
pub const REGISTRY: &[Registration] = &[
    Registration {
        kind: ContradictionKind::Negation,
        detect: negation::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Number,
        detect: number::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Date,
        detect: date::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Time,
        detect: time::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Age,
        detect: age::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Entity,
        detect: entity::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Antonym,
        detect: antonym::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Attribution,
        detect: attribution::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Modality,
        detect: modality::detect,
        tension_only: false,
    },
    Registration {
        kind: ContradictionKind::Spelling,
        detect: spelling::detect,
        tension_only: true,
    },
];

/// What a detector found, with its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Detection {
    pub kind: ContradictionKind,
    /// A tension (both may be right: rounded figures, bounds) rather than a
    /// contradiction.
    pub soft: bool,
    /// The disputed detail, e.g. `"2025" vs "2026"`.
    pub detail: String,
    /// The two disputed words or names, `[a's, b's]` ([`Evidence::values`]).
    pub values: Option<[String; 2]>,
}

/// Everything a detector may look at.
#[derive(Debug)]
pub struct Context<'a, 'c> {
    pub a: &'a Prepared<'c>,
    pub b: &'a Prepared<'c>,
    pub al: &'a Alignment,
    pub lex: &'a Lexicon,
    pub th: &'a Thresholds,
}

impl Context<'_, '_> {
    /// Alignment figures over the terms `keep` accepts.
    pub fn view(&self, keep: impl Fn(&Term) -> bool) -> View {
        samefact::view(self.a, self.b, self.al, keep)
    }

    /// Would the claims be the same fact with the terms `keep` rejects set
    /// aside? The "same event" filter every detector applies, computed
    /// without the slot the claims disagree on.
    pub fn same_fact_without(&self, keep: impl Fn(&Term) -> bool) -> bool {
        samefact::same_fact(&self.view(keep), self.th)
    }

    /// Does each claim name someone or something the other does not (not a
    /// speaker, not a demonym)? Then they are about different subjects
    /// ("the Senate-passed plan" / "the House-passed plan", "shares in
    /// Amsterdam" / "U.S. shares"), and a different figure, date, polarity
    /// or certainty is no contradiction.
    pub fn different_subjects(&self) -> bool {
        let unique = |p: &Prepared<'_>, s: &[f64]| {
            p.terms.iter().zip(s).any(|(t, m)| {
                t.role == concord_core::TokenRole::Entity
                    && *m == 0.0
                    && p.claim.entities.iter().any(|e| {
                        concord_text::entity_term(&e.name) == t.text
                            && !e.demonym
                            && p.claim.attribution.as_deref() != Some(e.name.as_str())
                    })
            })
        };
        (unique(self.a, &self.al.strength_a) && unique(self.b, &self.al.strength_b))
            || self.opposed_comparatives()
    }

    /// Does one claim say "more" where the other says "less" (`[words]
    /// more_words`, `less_words`) of the group it is about: each within
    /// three words after a `group_words` word ("women *who* gained less
    /// weight than recommended" / "*who* gained more weight than
    /// recommended"), neither a figure's bound ("more than 400")? Then
    /// their figures are two groups' results, not one disputed value.
    /// "Yields were higher" / "lower" picks no group: that antonym is the
    /// antonym detector's.
    pub fn opposed_comparatives(&self) -> bool {
        let ((ma, la), (mb, lb)) = (
            self.a.group_comparatives(self.lex),
            self.b.group_comparatives(self.lex),
        );
        (la > lb && mb > ma) || (ma > mb && lb > la)
    }

    /// Is the name of term `term` who a statement is told to ("Gillibrand
    /// tells *PEOPLE*", "told *the BBC*")? An addressee fills none of the
    /// statement's roles.
    pub fn addressee(&self, p: &Prepared<'_>, term: &str) -> bool {
        let tokens = &p.claim.tokens;
        let verb = |k: usize| {
            self.lex
                .words
                .addressee_verbs
                .contains(tokens[k].lower.as_str())
        };
        token_of(p, term).is_some_and(|at| {
            (at > 0 && verb(at - 1)) || (at > 1 && tokens[at - 1].lower == "the" && verb(at - 2))
        })
    }

    /// Does the context of slot `i` of claim a name someone or something
    /// claim b does not, or the context of slot `j` of b one a does not?
    /// Who a statement is told to ("told the BBC") is no such name. The
    /// local form of [`Context::different_subjects`], for values
    /// compared by their clause alone ("Brent Sass left Kaltag at 8:20" /
    /// "Dallas Seavey left Kaltag at 11:24"; "the Heritage Foundation
    /// received $1.5 million" / "the group received an additional
    /// $550,000", where "the group" is another one).
    pub fn different_names_near(&self, i: usize, j: usize) -> bool {
        let unmatched_name = |p: &Prepared<'_>, s: &[f64], slot: usize| {
            p.slot_context.get(slot).is_some_and(|ctx| {
                ctx.iter().any(|(id, _)| {
                    p.terms.binary_search_by_key(id, |t| t.id).is_ok_and(|k| {
                        p.terms[k].role == concord_core::TokenRole::Entity
                            && p.terms[k].naming != crate::prepare::Naming::Demonym
                            && s[k] == 0.0
                            && !self.addressee(p, &p.terms[k].text)
                    })
                })
            })
        };
        unmatched_name(self.a, &self.al.strength_a, i)
            || unmatched_name(self.b, &self.al.strength_b, j)
    }

    /// Both claims covered at least `contradiction_cover` by each other
    /// (without the terms `keep` rejects): the claims say nearly the same
    /// thing, so a difference in polarity, modality or speaker is about that
    /// thing and not about an extra clause.
    ///
    /// One of them must also be covered at least `contradiction_contained`
    /// by the other: two long claims that overlap by half are two
    /// statements on one topic, and a negation or a hedge in one of them
    /// usually sits in the half the other never states.
    pub fn close(&self, keep: impl Fn(&Term) -> bool) -> bool {
        self.close_in(&self.view(keep))
    }

    /// [`Context::close`] on figures already computed.
    pub fn close_in(&self, view: &View) -> bool {
        view.min_cover() >= self.th.contradiction_cover
            && view.max_cover() >= self.th.contradiction_contained
    }

    /// One claim (the shorter, usually) is covered at least
    /// `slot_cover` by the other without the terms `keep` rejects: a
    /// figure or date then belongs to the same statement, even when the
    /// other side adds a clause.
    pub fn slot_covered(&self, keep: impl Fn(&Term) -> bool) -> bool {
        self.view(keep).max_cover() >= self.th.slot_cover
    }

    /// Are slot `i` of claim a and slot `j` of claim b about the same thing?
    /// Values whose roles are different words are not ("reached Kaltag at
    /// 10:44" / "left Kaltag at 11:24"); otherwise the words around them
    /// must share `slot_context_weight` of IDF weight, or their roles be
    /// the same word. A count's role is its counted noun, which pairs
    /// nothing by itself ("56,187 units" after "sales fell to" / "a peak of
    /// 173,034 units").
    pub fn slots_align(&self, i: usize, j: usize) -> bool {
        let (x, y) = (&self.a.claim.slots[i], &self.b.claim.slots[j]);
        // "63 percent more likely" is a change, "20.4 percent had
        // children" a share: two quantities, whatever the words around.
        if x.kind == concord_core::SlotKind::Percent
            && self.relative_change(self.a, x) != self.relative_change(self.b, y)
        {
            return false;
        }
        let shared = self.a.shared_context(i, self.b, j);
        let roles = match (&x.role, &y.role) {
            (Some(rx), Some(ry)) => Some(self.lex.content_term(rx) == self.lex.content_term(ry)),
            _ => None,
        };
        if x.kind == concord_core::SlotKind::Count {
            return shared >= self.th.slot_context_weight && !self.count_verbs_differ(x, y);
        }
        match roles {
            Some(false) => false,
            Some(true) => true,
            None => shared >= self.th.slot_context_weight,
        }
    }

    /// Do the counts `x` (of claim a) and `y` (of b) count who did two
    /// different things ("confronted by *two men*" / "*three men* were
    /// identified")? Each side's verb next to its count (a word in -ed or
    /// -ing up to two words before it, or after its counted noun past
    /// `[words] count_verb_skips`) must be the same word or near synonyms
    /// when both have one.
    fn count_verbs_differ(&self, x: &concord_core::Slot, y: &concord_core::Slot) -> bool {
        let reporting = |t: &concord_core::Token| {
            self.lex
                .cues
                .reporting_verbs
                .contains_any(&[t.lower.as_str()])
        };
        // (term, lower-case form) of the verb next to a count.
        let verb =
            |claim: &concord_core::Claim, s: &concord_core::Slot| -> Option<(String, String)> {
                let tokens = &claim.tokens;
                let (from, to) = (
                    s.start.saturating_sub(claim.start),
                    s.end.saturating_sub(claim.start),
                );
                let first = tokens.iter().position(|t| t.end as usize > from)?;
                let last = tokens.iter().rposition(|t| (t.start as usize) < to)?;
                // "were reported killed": a reporting verb says who tells it.
                let verbish = |t: &concord_core::Token| {
                    t.role == concord_core::TokenRole::Content
                        && (t.lower.ends_with("ed") || t.lower.ends_with("ing"))
                        && !reporting(t)
                };
                let before = tokens[first.saturating_sub(2)..first]
                    .iter()
                    .rev()
                    .find(|t| verbish(t));
                let skips = &self.lex.words.count_verb_skips;
                let after = tokens[last + 1..]
                    .iter()
                    .skip_while(|t| skips.contains(t.lower.as_str()))
                    .take(1)
                    .find(|t| verbish(t));
                before.or(after).map(|t| (t.term.clone(), t.lower.clone()))
            };
        match (verb(self.a.claim, x), verb(self.b.claim, y)) {
            (Some((ta, la)), Some((tb, lb))) => ta != tb && !self.lex.are_near_synonyms(&la, &lb),
            _ => false,
        }
    }

    /// Is slot `s` of `p` a relative change: a figure followed at once
    /// (nothing but spaces between) by a comparative (`[words]
    /// more_words`, `less_words`: "63 percent more likely", "5 pct
    /// lower")? Both ends of a range are, when its top end is ("18.9 to
    /// 21.9 pct lower").
    fn relative_change(&self, p: &Prepared<'_>, s: &concord_core::Slot) -> bool {
        let words = &self.lex.words;
        let claim = p.claim;
        let top = if s.range {
            claim
                .slots
                .iter()
                .filter(|o| o.range && o.start >= s.end && o.start <= s.end + 12)
                .min_by_key(|o| o.start)
                .unwrap_or(s)
        } else {
            s
        };
        let end = top.end.saturating_sub(claim.start);
        claim
            .tokens
            .iter()
            .find(|t| t.start as usize >= end)
            .is_some_and(|t| {
                claim
                    .text
                    .get(end..t.start as usize)
                    .is_some_and(|gap| gap.chars().all(char::is_whitespace))
                    && (words.more_words.contains(t.lower.as_str())
                        || words.less_words.contains(t.lower.as_str()))
            })
    }

    /// Before two figures or dates can disagree, the claims must say nearly
    /// the same thing apart from them: two figures in sentences that share
    /// a topic word are usually figures of different things ("63 percent
    /// more likely" / "85 percent of children"), and claims that differ by
    /// opposite words ("gained *less* weight" / "gained *more* weight")
    /// give figures of different conditions.
    pub fn same_statement_but_slot(&self) -> bool {
        self.same_fact_without(not_a_slot)
            && self.slot_covered(not_a_slot)
            && antonym::opposite_words(self).is_none()
    }
}

/// Marks that end a clause for the scope of a cue or a value's context:
/// what comes after ", ", "; ", ": ", a dash or an opening bracket is
/// another clause.
pub const CLAUSE_MARKS: [char; 5] = [',', ';', ':', '\u{2014}', '('];

/// The token of `p` with term `term`, if any.
pub fn token_of(p: &Prepared<'_>, term: &str) -> Option<usize> {
    p.claim.tokens.iter().position(|t| t.term == term)
}

/// Terms the cues of `cues` govern in `p`: the first `scope` content words
/// or names after each cue, within its clause (a comma or "but" ends the
/// scope), outside the phrases of `except` ("not only" is no negation); a
/// cue of `backward` ("ruled *nothing* out") governs the word before it
/// too. A negation or a hedge is about what it governs ("would not *pay*",
/// "may *consider* *retaliating*"), not about the whole claim.
pub fn governed_terms<'p>(
    p: &'p Prepared<'_>,
    cues: &concord_text::PhraseSet,
    except: Option<&concord_text::PhraseSet>,
    backward: Option<&concord_text::PhraseSet>,
    scope: usize,
) -> Vec<&'p str> {
    let tokens = &p.claim.tokens;
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let skipped = except.map(|e| e.find_all(&words)).unwrap_or_default();
    let inside = |i: usize| skipped.iter().any(|&(s, n)| i >= s && i < s + n);
    let content =
        |t: &concord_core::Token| matches!(t.role, TokenRole::Content | TokenRole::Entity);
    let boundary = |k: usize| clause_boundary_before(p, k);
    let mut out = Vec::new();
    for (start, len) in cues.find_all(&words) {
        if inside(start) {
            continue;
        }
        out.extend(
            content_after(p, start + len)
                .take(scope)
                .map(|t| t.term.as_str()),
        );
        // The word before, in the same clause and at most two words back
        // ("ruled *nothing* out" governs "ruled"; in "Go and grab a
        // jacket... I wasn't saying it for no reason" "no" governs nothing
        // before it). It is the verb whose object the negation is, so never
        // a name: in "tried to rescue Maddie to no avail" "no" denies the
        // rescue, not Maddie.
        if backward.is_some_and(|b| b.match_at(&words, start).is_some())
            && let Some(prev) = (start.saturating_sub(2)..start)
                .rev()
                .take_while(|&k| !boundary(k + 1))
                .map(|k| &tokens[k])
                .find(|t| content(t))
                .filter(|t| t.role != TokenRole::Entity)
        {
            out.push(prev.term.as_str());
        }
    }
    out
}

/// The content words and names of `p` from token `from` to the end of its
/// clause.
fn content_after<'p>(
    p: &'p Prepared<'_>,
    from: usize,
) -> impl Iterator<Item = &'p concord_core::Token> {
    let tokens = &p.claim.tokens;
    (from..tokens.len())
        .take_while(move |&k| k == 0 || !clause_boundary_before(p, k))
        .map(move |k| &tokens[k])
        .filter(|t| matches!(t.role, TokenRole::Content | TokenRole::Entity))
}

/// Does a clause mark ([`CLAUSE_MARKS`]) stand between tokens `k - 1` and
/// `k` of `p` (`k` at least 1)?
pub fn clause_mark_before(p: &Prepared<'_>, k: usize) -> bool {
    let tokens = &p.claim.tokens;
    p.claim
        .text
        .get(tokens[k - 1].end as usize..tokens[k].start as usize)
        .is_some_and(|gap| gap.contains(CLAUSE_MARKS))
}

/// Does a clause begin at token `k` of `p`: after a clause mark, or at
/// "but"?
fn clause_boundary_before(p: &Prepared<'_>, k: usize) -> bool {
    clause_mark_before(p, k) || p.claim.tokens[k].lower == "but"
}

/// The word each cue of `cues` in `p` is about: the first content word or
/// name after it in its clause that `skip` does not pass over ("may
/// consider *joining*" when other cues are skipped, "could face a *charge*"
/// when a support verb is), each with the index of its cue's first token.
pub fn head_governed<'p>(
    p: &'p Prepared<'_>,
    cues: &concord_text::PhraseSet,
    skip: impl Fn(&str) -> bool,
) -> Vec<(usize, &'p concord_core::Token)> {
    let words: Vec<&str> = p.claim.tokens.iter().map(|t| t.lower.as_str()).collect();
    cues.find_all(&words)
        .into_iter()
        .filter_map(|(start, len)| {
            content_after(p, start + len)
                .find(|t| !skip(&t.lower))
                .map(|t| (start, t))
        })
        .collect()
}

/// Does `text` hold `word` as a capitalised whole word, as a name is
/// written ("Maltese" in "Maltese said ...", "crosby" in "Crosby, a
/// 5-year-old male")?
pub fn names_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| w.eq_ignore_ascii_case(word) && w.chars().next().is_some_and(char::is_uppercase))
}

/// Is `term` of claim `p` matched in the other claim?
pub fn is_matched(p: &Prepared<'_>, strength: &[f64], term: &str) -> bool {
    p.terms
        .iter()
        .zip(strength)
        .any(|(t, s)| t.text == term && *s > 0.0)
}

/// Terms outside the claims' slots: the topic without the values a
/// number, date, time or age contradiction is about.
pub fn not_a_slot(t: &Term) -> bool {
    !t.slot
}

/// Runs every detector in precedence order and returns what they found.
/// The first hard finding decides the link's contradiction type.
pub fn run_all(ctx: &Context<'_, '_>) -> Vec<Detection> {
    REGISTRY
        .iter()
        .filter_map(|r| {
            (r.detect)(ctx).map(|e| Detection {
                kind: r.kind,
                soft: e.soft || r.tension_only,
                detail: e.detail,
                values: e.values,
            })
        })
        .collect()
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn every_kind_has_exactly_one_detector() {
        for &kind in ContradictionKind::ALL {
            let n = REGISTRY.iter().filter(|r| r.kind == kind).count();
            assert_eq!(n, 1, "{kind} has {n} registered detectors");
        }
        assert_eq!(REGISTRY.len(), ContradictionKind::ALL.len());
    }

    #[test]
    fn default_rules_define_every_kind_with_examples() {
        let rules = concord_rules::RuleSet::builtin();
        for r in REGISTRY {
            let id = r.rule_id();
            let d = rules
                .detector(&id)
                .unwrap_or_else(|| panic!("rules/detectors.toml has no enabled `{id}`"));
            assert_eq!(d.kind(), Some(r.kind));
            assert!(
                d.examples.iter().any(|e| e.flag),
                "{id}: no flagging example"
            );
            assert!(d.examples.iter().any(|e| !e.flag), "{id}: no guardrail");
        }
        for d in &rules.detectors {
            assert!(!d.description.trim().is_empty(), "{}", d.id);
            assert!(
                d.examples.iter().any(|e| e.flag),
                "{}: no flagging example",
                d.id
            );
            assert!(d.examples.iter().any(|e| !e.flag), "{}: no guardrail", d.id);
        }
    }

    #[test]
    fn detector_ids_are_unique_across_the_default_files() {
        // The loader rejects an id twice in one file; across the default
        // files a second definition would silently override the first.
        let mut seen = std::collections::BTreeMap::new();
        for source in concord_rules::builtin_sources() {
            for line in source.text.lines() {
                if let Some(id) = line
                    .strip_prefix("id = \"")
                    .and_then(|l| l.strip_suffix('"'))
                    && source.text.contains("[[detector]]")
                {
                    let before = seen.insert(id.to_string(), source.name.clone());
                    assert!(before.is_none(), "`{id}` in {} and {before:?}", source.name);
                }
            }
        }
        assert!(seen.len() >= REGISTRY.len());
    }

    #[test]
    fn docs_list_the_kinds_in_precedence_order() {
        let docs = include_str!("../../../../docs/rules.md");
        let rows: Vec<&str> = docs
            .lines()
            .filter_map(|l| {
                let kind = l.strip_prefix("| `")?.split('`').next()?;
                let r = REGISTRY.iter().find(|r| r.kind.as_str() == kind)?;
                let rule = format!("| `{kind}` | `{}` |", r.rule_id());
                l.starts_with(&rule).then_some(kind)
            })
            .collect();
        let registered: Vec<&str> = REGISTRY.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(rows, registered, "docs/rules.md's kind table");
        for &finding in concord_core::FindingKind::ALL {
            for (name, _) in concord_rules::placeholders(finding) {
                assert!(
                    docs.contains(&format!("`{{{name}}}`")),
                    "docs miss {{{name}}}"
                );
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers shared by the detector tests: extract two sentences as two
    //! articles and compare them with the default rules.
    use super::*;
    use crate::{Comparison, Matcher};
    use concord_extract::{ArticleInput, Extractor};
    use concord_rules::RuleSet;
    use std::sync::OnceLock;

    /// The default rules and their lexicon, built once per test binary.
    pub fn setup() -> &'static (RuleSet, Lexicon) {
        static S: OnceLock<(RuleSet, Lexicon)> = OnceLock::new();
        S.get_or_init(|| {
            let rules = RuleSet::builtin();
            let lex = Lexicon::new(&rules);
            (rules, lex)
        })
    }

    pub fn compare(a: &str, b: &str) -> Comparison {
        let (rules, lex) = setup();
        let ex = Extractor::new(rules, lex);
        let claims: Vec<_> = [a, b]
            .iter()
            .enumerate()
            .flat_map(|(i, text)| {
                ex.extract(&ArticleInput {
                    id: format!("a{}", i + 1),
                    path: format!("{i}.txt"),
                    text,
                    meta: None,
                    fragment: true,
                })
                .expect("extracts")
                .claims
            })
            .collect();
        let ca: Vec<_> = claims.iter().filter(|c| c.article == "a1").collect();
        let cb: Vec<_> = claims.iter().filter(|c| c.article == "a2").collect();
        assert!(
            !ca.is_empty() && !cb.is_empty(),
            "no claims in {a:?} or {b:?}"
        );
        let m = Matcher::new(rules, lex);
        m.compare_sets(&ca, &cb)
    }

    #[track_caller]
    pub fn assert_contradiction(a: &str, b: &str, kind: ContradictionKind) {
        let c = compare(a, b);
        assert_eq!(
            c.contradiction.as_ref().map(|d| (d.kind, d.soft)),
            Some((kind, false)),
            "expected a {kind} contradiction:\n  a: {a}\n  b: {b}\n  got {c:#?}"
        );
    }

    #[track_caller]
    pub fn assert_no_contradiction(a: &str, b: &str) {
        let c = compare(a, b);
        assert!(
            c.contradiction.as_ref().is_none_or(|d| d.soft),
            "expected no contradiction:\n  a: {a}\n  b: {b}\n  got {c:#?}"
        );
    }

    /// Neither a contradiction nor a tension.
    #[track_caller]
    pub fn assert_no_finding(a: &str, b: &str) {
        let c = compare(a, b);
        assert!(
            c.contradiction.is_none(),
            "expected no contradiction or tension:\n  a: {a}\n  b: {b}\n  got {c:#?}"
        );
    }

    #[track_caller]
    pub fn assert_tension(a: &str, b: &str, kind: ContradictionKind) {
        let c = compare(a, b);
        assert_eq!(
            c.contradiction.as_ref().map(|d| (d.kind, d.soft)),
            Some((kind, true)),
            "expected a {kind} tension:\n  a: {a}\n  b: {b}\n  got {c:#?}"
        );
    }
}
