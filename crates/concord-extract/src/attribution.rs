//! Who a sentence says is speaking: "Biden said ...", "..., Smith said.",
//! "...,” said Biden.", "according to Nikkei Asia", "Kurt Campbell, deputy
//! secretary of state, said ...". Pronouns ("he added") resolve to the last
//! named person speaker of the article.
//!
//! The words that open an introductory phrase, the pronouns and the nouns
//! that can speak are the rule set's `[words]` lists (rules/language.toml).
//! The relative pronouns checked inline ("that", "which", "who") are
//! grammar tied to the clause splitter's own cuts, not a list to extend.

use concord_core::{Token, TokenRole};
use concord_text::{EntityMention, Lexicon};

/// Words an inner speaker may take between "reported that" and its own
/// reporting verb ("the 11-year-old student's mother said").
const INNER_SPEAKER_WORDS: usize = 8;

/// A speaker found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    pub name: String,
    /// A named person (can be referred back to by "he" / "she").
    pub person: bool,
}

/// Finds the speaker of `sentence`, whose analysis is `tokens` and
/// `entities`. `last_person` is the previous named person speaker.
pub fn speaker(
    sentence: &str,
    tokens: &[Token],
    entities: &[EntityMention],
    lex: &Lexicon,
    last_person: Option<&str>,
) -> Option<Speaker> {
    let src = Source {
        sentence,
        tokens,
        entities,
        lex,
        last_person,
    };
    let words: Vec<&str> = tokens.iter().map(|t| t.lower.as_str()).collect();
    let gap = |i: usize| -> &str {
        let start = if i == 0 {
            0
        } else {
            tokens[i - 1].end as usize
        };
        &sentence[start..tokens.get(i).map_or(sentence.len(), |t| t.start as usize)]
    };
    let n = tokens.len();
    // "according to X", "as per X"
    for i in 0..n {
        if let Some(len) = lex.cues.source_phrases.match_at(&words, i) {
            let from = i + len;
            let mut to = from;
            while to < n
                && to - from < 8
                && (to == from
                    || !gap(to).contains([',', '.', ';', ':', '"', '“', '”', '—', '–', '(', ')']))
            {
                to += 1;
            }
            if let Some(s) = from_tokens(&src, from, to, false) {
                return Some(s);
            }
        }
    }
    let closes_quote = |k: usize| gap(k).contains(['”', '"', '’']);
    for i in 0..n {
        if tokens[i].role == TokenRole::Entity
            || lex.cues.reporting_verbs.match_at(&words, i).is_none()
        {
            continue;
        }
        // "... policies that stressed ...": a verb in a relative clause.
        if i > 0 && matches!(words[i - 1], "that" | "which" | "who") {
            continue;
        }
        // "which President Joe Biden said is ...": a relative clause (split
        // off as a claim of its own) names its speaker after "which".
        if matches!(words.first(), Some(&("which" | "who")))
            && i > 1
            && i <= 7
            && let Some(s) = from_tokens(&src, 1, i, true)
        {
            return Some(s);
        }
        // "... in what President Joe Biden described as ...": the speaker of
        // the words that follow.
        if let Some(k) = (i.saturating_sub(6)..i).rev().find(|&k| words[k] == "what")
            && k + 1 < i
            && let Some(s) = from_tokens(&src, k + 1, i, true)
        {
            return Some(s);
        }
        // "Channel 11 News reported that the girl's mother said ...": the
        // statement is the inner speaker's, relayed by the outer one; two
        // outlets relaying different sources disagree on who said it.
        if words.get(i + 1) == Some(&"that")
            && let Some(s) = (i + 3..n.min(i + 2 + INNER_SPEAKER_WORDS + 1))
                .filter(|&j| {
                    tokens[j].role != TokenRole::Entity
                        && lex.cues.reporting_verbs.match_at(&words, j).is_some()
                        && !(i + 2..=j).any(|m| gap(m).contains([',', ';', '“', '"']))
                })
                .find_map(|j| from_tokens(&src, i + 2, j, true))
        {
            return Some(s);
        }
        let after = n - (i + 1);
        let phrase_end = |from: usize| {
            (from..=n)
                .find(|&k| k == n || (k > from && gap(k).contains([',', '.', ';', '(', '“', '"'])))
                .unwrap_or(n)
        };
        // "first reported by the Financial Times"
        if words.get(i + 1) == Some(&"by") {
            let to = phrase_end(i + 2);
            if let Some(s) = from_tokens(&src, i + 2, to, false) {
                return Some(s);
            }
            continue;
        }
        // "...,” President Biden said ahead of talks."
        if let Some(k) = (i.saturating_sub(6)..i).rev().find(|&k| closes_quote(k))
            && !(k + 1..=i).any(|m| gap(m).contains(['“', '"', '”']))
            && let Some(s) = from_tokens(&src, k, i, true)
        {
            return Some(s);
        }
        // ",” said Biden."  /  ", said Smith, a fellow at ..."
        if gap(i).contains([',', '”', '"']) && after > 0 {
            let to = phrase_end(i + 1);
            if to - (i + 1) <= 6
                && let Some(s) = from_tokens(&src, i + 1, to, false)
            {
                return Some(s);
            }
        }
        // "..., Smith said."
        if after <= 4 && !tokens[i + 1..].iter().any(|t| t.role == TokenRole::Entity) {
            let from = (0..i).rev().find(|&k| gap(k).contains(',')).unwrap_or(0);
            if i - from <= 8
                && let Some(s) = from_tokens(&src, from, i, true)
            {
                return Some(s);
            }
        }
        // "Biden said ...", "Kurt Campbell, deputy secretary of state, said
        // ...", "At the press conference, Kishida said ...".
        let mut segments: Vec<(usize, usize)> = Vec::new();
        let mut seg_start = 0;
        for k in 1..i {
            if gap(k).contains(',') {
                segments.push((seg_start, k));
                seg_start = k;
            }
        }
        segments.push((seg_start, i));
        if segments
            .iter()
            .any(|&(a, b)| (a..b).any(|k| gap(k).contains(['“', '"'])))
        {
            continue;
        }
        let is_intro = |a: usize| {
            let w = words[a];
            lex.words.intro_words.contains(w)
                || (w.ends_with("ing") && tokens[a].role != TokenRole::Entity)
        };
        // An introductory phrase first: the subject is the last segment.
        // A name first: the segments after it are an apposition.
        let subject = if is_intro(segments[0].0) {
            segments.last().copied().filter(|&(a, _)| !is_intro(a))
        } else {
            Some(segments[0])
        };
        if let Some((a, b)) = subject
            && b - a <= 10
            && let Some(s) = from_tokens(&src, a, b, true)
        {
            return Some(s);
        }
    }
    None
}

/// What the speaker is looked for in: a sentence, its analysis, and the
/// last named person (for pronouns).
#[derive(Debug, Clone, Copy)]
struct Source<'a> {
    sentence: &'a str,
    tokens: &'a [Token],
    entities: &'a [EntityMention],
    lex: &'a Lexicon,
    last_person: Option<&'a str>,
}

/// Names the speaker in `tokens[from..to]`; `verb_after` says the
/// reporting verb follows the span ("Kelley Blue Book analyst Karl Brauer
/// said"), so that the name nearest to it is the speaker.
fn from_tokens(src: &Source<'_>, from: usize, to: usize, verb_after: bool) -> Option<Speaker> {
    let Source {
        sentence,
        tokens,
        entities,
        lex,
        last_person,
    } = *src;
    if from >= to {
        return None;
    }
    let span = (tokens[from].start as usize, tokens[to - 1].end as usize);
    let mut inside: Vec<&EntityMention> = entities
        .iter()
        .filter(|e| e.start >= span.0 && e.end <= span.1)
        .collect();
    if verb_after {
        inside.reverse();
    }
    if let Some(p) = inside.iter().find(|e| e.kind.as_deref() == Some("person")) {
        return Some(Speaker {
            name: p.name.clone(),
            person: true,
        });
    }
    // A name of two or three words is a person's ("Karl Brauer"), one
    // of more a title or an organisation's; "Jean-Pierre Desforges of Aarhus
    // University" is the person of an institution.
    // A capitalised title before the name is not part of it: "Ontario
    // County District Attorney James Ritts" is James Ritts.
    let person_name = |e: &EntityMention| -> Option<String> {
        let name = e.name.split(" of ").next().unwrap_or(&e.name);
        let words: Vec<&str> = name.split_whitespace().collect();
        let is_title = |w: &&str| {
            let w = w.to_lowercase();
            lex.words.speaker_nouns.contains(&w) || lex.words.official_speakers.contains(&w)
        };
        let after_title = words.iter().rposition(is_title).map_or(0, |k| k + 1);
        let words = &words[after_title..];
        (2..=3).contains(&words.len()).then(|| words.join(" "))
    };
    let unknown: Vec<&&EntityMention> = inside.iter().filter(|e| !e.known).collect();
    if let Some(name) = unknown.iter().find_map(|e| person_name(e)) {
        return Some(Speaker { name, person: true });
    }
    if let Some(p) = unknown.first() {
        return Some(Speaker {
            name: p.name.clone(),
            person: false,
        });
    }
    let slice = &tokens[from..to];
    // "Carter said ...": a lone capitalised word opening the sentence
    // before the verb is a surname the name finder cannot tell from a
    // capitalised first word.
    if verb_after
        && slice.len() == 1
        && from == 0
        && slice[0].role == TokenRole::Content
        && !lex.is_stopword(&slice[0].lower)
        && !lex.words.speaker_pronouns.contains(&slice[0].lower)
        && !lex.words.speaker_nouns.contains(&slice[0].lower)
        && !lex.words.relative_speakers.contains(&slice[0].lower)
        && !lex.words.official_speakers.contains(&slice[0].lower)
    {
        let t = &slice[0];
        let surface = sentence.get(t.start as usize..t.end as usize).unwrap_or("");
        if surface.chars().next().is_some_and(char::is_uppercase)
            && surface.chars().skip(1).all(char::is_lowercase)
        {
            return Some(Speaker {
                name: surface.to_string(),
                person: true,
            });
        }
    }
    if slice.len() == 1 && lex.words.speaker_pronouns.contains(&slice[0].lower) {
        return last_person.map(|name| Speaker {
            name: name.to_string(),
            person: true,
        });
    }
    // A description: "U.S. officials", "the joint statement", "the leaders".
    let words: Vec<String> = slice
        .iter()
        .filter_map(|t| match t.role {
            TokenRole::Entity => entities
                .iter()
                .find(|e| e.start == t.start as usize)
                .map(|e| e.name.clone()),
            TokenRole::Content | TokenRole::Number => Some(t.lower.clone()),
            _ => None,
        })
        .filter(|w| !lex.is_stopword(w))
        .collect();
    let has_name = slice.iter().any(|t| t.role == TokenRole::Entity);
    let has_speaker_noun = slice.iter().any(|t| {
        let w = &lex.words;
        w.speaker_nouns.contains(&t.lower)
            || w.relative_speakers.contains(&t.lower)
            || w.official_speakers.contains(&t.lower)
    });
    if words.is_empty() || words.len() > 5 || !(has_name || has_speaker_noun) {
        return None;
    }
    Some(Speaker {
        name: words.join(" "),
        person: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_rules::RuleSet;
    use std::sync::OnceLock;

    fn lex() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(|| Lexicon::new(&RuleSet::builtin()))
    }

    fn who(s: &str, last: Option<&str>) -> Option<String> {
        let a = lex().analyze(s);
        speaker(s, &a.tokens, &a.entities, lex(), last).map(|s| s.name)
    }

    #[test]
    fn subject_before_the_verb() {
        assert_eq!(
            who("Biden said the allies were taking important steps.", None).as_deref(),
            Some("Joe Biden")
        );
        assert_eq!(
            who(
                "At the press conference, Kishida said the world was facing a turning point.",
                None
            )
            .as_deref(),
            Some("Fumio Kishida")
        );
        assert_eq!(
            who("Kurt Campbell, deputy secretary of state, said last week that the US had been conducting war games.", None).as_deref(),
            Some("Kurt Campbell")
        );
    }

    #[test]
    fn a_relayed_statement_is_the_inner_speakers() {
        assert_eq!(
            who(
                "The Daily Courier reported that county officials said the bridge would reopen in May.",
                None
            )
            .as_deref(),
            Some("county officials")
        );
        // "that" opening the statement itself names no inner speaker.
        assert_eq!(
            who(
                "Mayor Ana Ruiz said that the bridge would reopen in May.",
                None
            )
            .as_deref(),
            Some("Ana Ruiz")
        );
    }

    #[test]
    fn a_capitalised_description_opening_the_sentence_is_no_surname() {
        assert_eq!(
            who(
                "Neighbours told Channel 11 that they saw her on the porch.",
                None
            )
            .as_deref(),
            Some("neighbours")
        );
    }

    #[test]
    fn a_capitalised_title_is_not_part_of_the_speakers_name() {
        assert_eq!(
            who("Ontario County District Attorney James Ritts said William Jenkins is being held in the Ontario County Jail.", None).as_deref(),
            Some("James Ritts")
        );
        assert_eq!(
            who(
                "Acting Prosecutor Dennis Calo said William Jenkins is in custody.",
                None
            )
            .as_deref(),
            Some("Dennis Calo")
        );
    }

    #[test]
    fn speaker_after_a_quotation() {
        assert_eq!(
            who(
                "“Our alliance is purely defensive in nature,” Biden said.",
                None
            )
            .as_deref(),
            Some("Joe Biden")
        );
        assert_eq!(
            who(
                "“Tokyo no longer watches from the sidelines,” said Sheila Smith, a Japan expert.",
                None
            )
            .as_deref(),
            Some("Sheila Smith")
        );
        assert_eq!(
            who("“It is unbreakable,” he added.", Some("Joe Biden")).as_deref(),
            Some("Joe Biden")
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            who(
                "According to Nikkei Asia, the summit will aim to address China's tactics.",
                None
            )
            .as_deref(),
            Some("Nikkei Asia")
        );
        // A dash or a bracket closes the speaker as a comma does.
        assert_eq!(
            who(
                "Her texts to the boy—900 of them in a week, according to the boy's father—showed a deep attachment.",
                None
            )
            .as_deref(),
            Some("boy's father")
        );
    }

    #[test]
    fn descriptions_and_statements() {
        assert_eq!(
            who(
                "The joint statement said the alliance remains the cornerstone of peace.",
                None
            )
            .as_deref(),
            Some("joint statement")
        );
        assert_eq!(
            who(
                "U.S. officials had said Biden and Kishida would not discuss it.",
                None
            )
            .as_deref(),
            Some("United States officials")
        );
    }

    #[test]
    fn no_speaker() {
        assert_eq!(
            who(
                "The summit comes as Japan has made a radical shift in its security policy.",
                None
            ),
            None
        );
        assert_eq!(who("He added that it was fine.", None), None);
    }

    #[test]
    fn the_person_nearest_the_verb_speaks() {
        assert_eq!(
            who("\"The product was never compelling,\" Acme Research analyst Mary Walsh said in an interview.", None).as_deref(),
            Some("Mary Walsh")
        );
        assert_eq!(
            who("\"It is a disaster,\" said Anne-Marie Dupont of Lyon University, who led the team.", None).as_deref(),
            Some("Anne Marie Dupont")
        );
    }

    #[test]
    fn a_lone_surname_opening_the_sentence_speaks() {
        assert_eq!(
            who("Harlow said the company would have to pay the fees.", None).as_deref(),
            Some("Harlow")
        );
        assert_eq!(
            who("Officials said the company would pay.", None).as_deref(),
            Some("officials")
        );
    }
}
