//! Story grouping: which articles report the same story.
//!
//! Each article is a TF-IDF vector over the normalised terms of its claims
//! (sublinear term frequency; IDF over the background corpus plus the
//! articles of the run, so that "said", "government" or the country every
//! article names weigh little and "Kishida" or "Senkaku" much). Candidate
//! article pairs come from an inverted index over the terms few articles
//! share, and only pairs that share a rare name (a person, company or place
//! few documents mention) are considered. Stories are grown by average
//! linkage: two groups merge when the mean cosine similarity over all pairs
//! between them reaches `story_link`, so one shared name cannot chain two
//! stories together. Claims are only linked within a story.

use concord_core::{Claim, TokenRole};
use concord_rules::{Background, Thresholds};
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

/// What story grouping knows of the articles of a run.
struct ArticleTerms {
    /// Per article: sorted (term id, weight), L2-normalised.
    vectors: Vec<Vec<(u32, f64)>>,
    /// Document frequency of each term id in the run.
    df: Vec<u32>,
    /// Per article: sorted ids of its rare names (entities with an IDF of
    /// at least `story_rare_name_idf`).
    names: Vec<Vec<u32>>,
}

/// The terms an article's claims weigh towards its story, in text order:
/// (term, weight, whether it is a name). Content words weigh 1, names
/// `story_entity_weight`, figures `story_number_weight`; other tokens do
/// not count. The one home of that choice for [`group`] and [`keys`].
fn story_terms<'c>(
    claims: &'c [&'c Claim],
    th: &'c Thresholds,
) -> impl Iterator<Item = (&'c str, f64, bool)> + 'c {
    claims
        .iter()
        .flat_map(|c| c.match_tokens())
        .filter_map(move |t| match t.role {
            TokenRole::Entity => Some((t.term.as_str(), th.story_entity_weight, true)),
            TokenRole::Content => Some((t.term.as_str(), 1.0, false)),
            TokenRole::Number => Some((t.term.as_str(), th.story_number_weight, false)),
            _ => None,
        })
}

fn vectors(
    claims_by_article: &[Vec<&Claim>],
    background: Option<&Background>,
    th: &Thresholds,
) -> ArticleTerms {
    let mut ids: HashMap<&str, u32> = HashMap::default();
    let mut tf: Vec<HashMap<u32, f64>> = Vec::with_capacity(claims_by_article.len());
    let mut names: Vec<Vec<u32>> = Vec::with_capacity(claims_by_article.len());
    for claims in claims_by_article {
        let mut counts: HashMap<u32, f64> = HashMap::default();
        let mut entity_ids: Vec<u32> = Vec::new();
        for (term, w, is_name) in story_terms(claims, th) {
            let next = ids.len() as u32;
            let id = *ids.entry(term).or_insert(next);
            *counts.entry(id).or_default() += w;
            if is_name {
                entity_ids.push(id);
            }
        }
        tf.push(counts);
        entity_ids.sort_unstable();
        entity_ids.dedup();
        names.push(entity_ids);
    }
    let mut df = vec![0u32; ids.len()];
    for counts in &tf {
        for &id in counts.keys() {
            df[id as usize] += 1;
        }
    }
    let mut bg_df = vec![0u32; ids.len()];
    if let Some(b) = background {
        for (term, &id) in &ids {
            bg_df[id as usize] = b.df.get(*term).copied().unwrap_or(0);
        }
    }
    let n = tf.len() as f64 + f64::from(background.map_or(0, |b| b.documents));
    let idf = |id: u32| {
        ((1.0 + n) / (1.0 + f64::from(df[id as usize]) + f64::from(bg_df[id as usize]))).ln()
    };
    let names = names
        .into_iter()
        .map(|mut ids| {
            ids.retain(|&id| idf(id) >= th.story_rare_name_idf);
            ids
        })
        .collect();
    let vecs = tf
        .into_iter()
        .map(|counts| {
            let mut v: Vec<(u32, f64)> = counts
                .into_iter()
                .map(|(id, c)| (id, (1.0 + c.ln()) * idf(id)))
                .filter(|(_, w)| *w > 0.0)
                .collect();
            v.sort_by_key(|&(id, _)| id);
            let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|(_, w)| *w /= norm);
            }
            v
        })
        .collect();
    ArticleTerms {
        vectors: vecs,
        df,
        names,
    }
}

/// Whether two sorted id lists share an id.
pub(crate) fn share_any(x: &[u32], y: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < x.len() && j < y.len() {
        match x[i].cmp(&y[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

fn cosine(x: &[(u32, f64)], y: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < x.len() && j < y.len() {
        match x[i].0.cmp(&y[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += x[i].1 * y[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Similarities of article pairs that share heavy, rare terms (sorted by
/// pair). Each article queries an inverted index with its `story_query_terms`
/// heaviest terms; terms in more than a few percent of the articles are not
/// indexed. The best `story_neighbours` by partial dot product get an exact
/// cosine. Cost grows with articles × query terms × posting length, not
/// with the square of the number of articles.
pub fn similarities(
    claims_by_article: &[Vec<&Claim>],
    background: Option<&Background>,
    th: &Thresholds,
) -> Vec<(usize, usize, f64)> {
    let ArticleTerms {
        vectors: vecs,
        df,
        names,
    } = vectors(claims_by_article, background, th);
    let n = vecs.len();
    let cap = ((n / 20) as u32).clamp(10, 200);
    let mut postings: HashMap<u32, Vec<(u32, f64)>> = HashMap::default();
    for (a, v) in vecs.iter().enumerate() {
        for &(id, w) in v {
            if df[id as usize] >= 2 && df[id as usize] <= cap {
                postings.entry(id).or_default().push((a as u32, w));
            }
        }
    }
    let mut out: Vec<(usize, usize, f64)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|a| {
            let mut query: Vec<&(u32, f64)> = vecs[a]
                .iter()
                .filter(|(id, _)| postings.contains_key(id))
                .collect();
            query.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            query.truncate(th.story_query_terms);
            let mut partial: HashMap<u32, f64> = HashMap::default();
            for &&(id, w) in &query {
                for &(b, wb) in &postings[&id] {
                    if b as usize != a {
                        *partial.entry(b).or_default() += w * wb;
                    }
                }
            }
            let mut best: Vec<(u32, f64)> = partial.into_iter().collect();
            best.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            best.truncate(th.story_neighbours);
            let (vecs, names) = (&vecs, &names);
            // Articles that share no rare name are not one story, however
            // alike their wording: wire templates ("4th qtr net", "March
            // load factor") repeat across companies and airlines. (Measured
            // on the corpus: no Multi-News pair is lost, docs/performance.md.)
            best.into_iter().filter_map(move |(b, _)| {
                let b = b as usize;
                share_any(&names[a], &names[b])
                    .then(|| (a.min(b), a.max(b), cosine(&vecs[a], &vecs[b])))
            })
        })
        .collect();
    out.sort_by_key(|x| (x.0, x.1));
    out.dedup_by(|x, y| (x.0, x.1) == (y.0, y.1));
    out
}

/// Story index of each article, numbered in order of first article.
/// Stories grow by average linkage ([`crate::cluster`]) over the article
/// similarities: two groups merge when the mean cosine over all their pairs
/// reaches `threshold`.
pub fn group(
    claims_by_article: &[Vec<&Claim>],
    background: Option<&Background>,
    th: &Thresholds,
) -> Vec<usize> {
    let threshold = th.story_link;
    let n = claims_by_article.len();
    let sims = similarities(claims_by_article, background, th);
    let lookup: HashMap<(usize, usize), f64> = sims.iter().map(|&(a, b, s)| ((a, b), s)).collect();
    let sim = |a: usize, b: usize| lookup.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0);
    let edges: Vec<(usize, usize, f64)> = sims.into_iter().filter(|e| e.2 >= threshold).collect();
    crate::cluster::average_linkage(n, edges, sim, threshold, |_, _| false).numbered()
}

/// What an article offers for grouping it where no one process sees all
/// the articles (`concord stories`, docs/distributed.md). Terms are
/// weighed as [`group`] weighs them, by the background corpus alone, so
/// that an article's keys depend on nothing but the article and the rules.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct StoryKeys {
    /// Its `story_key_terms` heaviest terms, sorted: articles that share
    /// one are candidates for one story (an inverted index, as [`group`]
    /// queries one, that can be split over machines).
    pub keys: Vec<String>,
    /// Its `story_vector_terms` heaviest terms with their weights, L2
    /// normalised, sorted by term: the cosine of two vectors checks a pair
    /// of candidates (`story_link`).
    pub vector: Vec<(String, f64)>,
    /// Its rare names (IDF of at least `story_rare_name_idf`), sorted:
    /// two articles that share none are not one story.
    pub names: Vec<String>,
}

/// The story keys of one article: see [`StoryKeys`].
pub fn keys(claims: &[&Claim], background: Option<&Background>, th: &Thresholds) -> StoryKeys {
    let mut counts: HashMap<&str, f64> = HashMap::default();
    let mut names: Vec<&str> = Vec::new();
    for (term, w, is_name) in story_terms(claims, th) {
        *counts.entry(term).or_default() += w;
        if is_name {
            names.push(term);
        }
    }
    let docs = background.map_or(0, |b| b.documents);
    let idf = |term: &str| {
        let df = background
            .and_then(|b| b.df.get(term))
            .copied()
            .unwrap_or(0);
        // As `vectors` counts it, with this one article as the run.
        ((2.0 + f64::from(docs)) / (2.0 + f64::from(df))).ln()
    };
    let mut weighted: Vec<(f64, &str)> = counts
        .into_iter()
        .map(|(term, c)| ((1.0 + c.ln()) * idf(term), term))
        .filter(|(w, _)| *w > 0.0)
        .collect();
    weighted.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    let mut keys: Vec<String> = weighted
        .iter()
        .take(th.story_key_terms)
        .map(|(_, t)| t.to_string())
        .collect();
    keys.sort();
    weighted.truncate(th.story_vector_terms);
    let norm = weighted.iter().map(|(w, _)| w * w).sum::<f64>().sqrt();
    let mut vector: Vec<(String, f64)> = weighted
        .iter()
        // Rounded so that the printed weights are the same on every
        // machine (the last bits of a sum may differ with its order).
        .map(|(w, t)| (t.to_string(), (w / norm * 1e6).round() / 1e6))
        .collect();
    vector.sort_by(|x, y| x.0.cmp(&y.0));
    names.sort_unstable();
    names.dedup();
    let names = names
        .into_iter()
        .filter(|n| idf(n) >= th.story_rare_name_idf)
        .map(str::to_string)
        .collect();
    StoryKeys {
        keys,
        vector,
        names,
    }
}

/// [`group`], where `given[a]` may fix article `a`'s story: articles given
/// the same story are one story, and only the articles given none are
/// grouped (among themselves). Stories are numbered by their first
/// article, as [`group`] numbers them.
pub fn group_given(
    claims_by_article: &[Vec<&Claim>],
    given: &[Option<&str>],
    background: Option<&Background>,
    th: &Thresholds,
) -> Vec<usize> {
    if given.iter().all(Option::is_none) {
        return group(claims_by_article, background, th);
    }
    let free: Vec<usize> = (0..claims_by_article.len())
        .filter(|&a| given[a].is_none())
        .collect();
    let free_claims: Vec<Vec<&Claim>> =
        free.iter().map(|&a| claims_by_article[a].clone()).collect();
    let mut found = group(&free_claims, background, th).into_iter();
    // A story is named by what fixed it: the given label, or the group
    // the articles given none fell into.
    let mut number: HashMap<Result<&str, usize>, usize> = HashMap::default();
    given
        .iter()
        .map(|g| {
            let key = match g {
                Some(label) => Ok(*label),
                None => Err(found.next().unwrap_or(usize::MAX)),
            };
            let next = number.len();
            *number.entry(key).or_insert(next)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_extract::{ArticleInput, Extractor};
    use concord_rules::RuleSet;
    use concord_text::Lexicon;

    fn claims_of(rules: &RuleSet, texts: &[&str]) -> Vec<Vec<Claim>> {
        let lex = Lexicon::new(rules);
        let extractor = Extractor::new(rules, &lex);
        texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let input = ArticleInput {
                    id: format!("a{}", i + 1),
                    path: format!("{i}.txt"),
                    text,
                    meta: None,
                    fragment: false,
                };
                extractor.extract(&input).expect("extracts").claims
            })
            .collect()
    }

    fn stories(texts: &[&str]) -> Vec<usize> {
        given_stories(texts, &vec![None; texts.len()])
    }

    fn given_stories(texts: &[&str], given: &[Option<&str>]) -> Vec<usize> {
        grouped_with(RuleSet::builtin(), texts, given)
    }

    fn grouped_with(rules: RuleSet, texts: &[&str], given: &[Option<&str>]) -> Vec<usize> {
        let claims = claims_of(&rules, texts);
        let by: Vec<Vec<&Claim>> = claims.iter().map(|c| c.iter().collect()).collect();
        group_given(&by, given, rules.background.as_ref(), &rules.thresholds)
    }

    #[test]
    fn separates_unrelated_stories() {
        let s = stories(&[
            "Kishida and Biden announced a historic upgrade of the alliance at the White House summit on Wednesday.",
            "The Reserve Bank of New Zealand raised interest rates by a quarter point to curb inflation, governor Adrian Orr said.",
            "Biden and Kishida unveiled the upgrade of their alliance during the state visit to the White House.",
            "The central bank lifted rates by 25 basis points on Thursday to fight inflation, Adrian Orr said.",
        ]);
        assert_eq!(s, vec![0, 1, 0, 1]);
    }

    #[test]
    fn wire_templates_about_different_companies_are_different_stories() {
        // Reuters earnings tables: the same words, different companies.
        let s = stories(&[
            "Norlight Semiconductor said quarterly net profit rose to 12.0 mln dlrs from 11.2 mln dlrs as revenues rose.",
            "Brackwater Shipping said quarterly net profit rose to 4.5 mln dlrs from 3.2 mln dlrs as revenues rose.",
        ]);
        assert_eq!(s, vec![0, 1]);
    }

    #[test]
    fn figures_tell_the_next_report_of_a_series_from_a_rewrite_of_this_one() {
        // Two weeks of one wire series, and a rewrite of the first week in
        // other words.
        let texts = [
            "U.S. M-1 money supply rose 2.1 billion dlrs to a seasonally adjusted 736.7 billion dlrs in the February 16 week, the Federal Reserve said. The previous week's M-1 level was revised to 734.6 billion dlrs from 734.2 billion dlrs, while the four-week moving average of M-1 rose to 735.0 billion dlrs from 733.5 billion. Economists polled by Reuters had forecast a 300 mln dlr rise in M-1.",
            "U.S. M-1 money supply rose 1.0 billion dlrs to a seasonally adjusted 741.0 billion dlrs in the March 23 week, the Federal Reserve said. The previous week's M-1 level was revised to 740.0 billion dlrs from 740.2 billion dlrs, while the four-week moving average of M-1 rose to 739.7 billion dlrs from 739.1 billion. Economists polled by Reuters had forecast an 800 mln dlr rise in M-1.",
            "M-1 money supply grew by 2.1 billion dlrs to 736.7 billion dlrs, seasonally adjusted, in the week to February 16, the Federal Reserve reported. It revised the level of the week before to 734.6 billion dlrs from 734.2 billion, and the four-week average of M-1 climbed to 735.0 billion dlrs from 733.5 billion. Economists had forecast a 300 mln dlr rise in M-1.",
        ];
        let sims = |rules: &RuleSet| {
            let claims = claims_of(rules, &texts);
            let by: Vec<Vec<&Claim>> = claims.iter().map(|c| c.iter().collect()).collect();
            let s = similarities(&by, rules.background.as_ref(), &rules.thresholds);
            let of = |a, b| s.iter().find(|e| (e.0, e.1) == (a, b)).map_or(0.0, |e| e.2);
            (of(0, 1), of(0, 2))
        };
        let (next_week, rewrite) = sims(&RuleSet::builtin());
        assert!(rewrite > 0.9 && next_week < 0.5, "{next_week} / {rewrite}");
        // The wording alone puts the next week's report closer.
        let mut words_only = RuleSet::builtin();
        words_only.thresholds.story_number_weight = 1e-9;
        let (next_week, rewrite) = sims(&words_only);
        assert!(next_week > rewrite, "{next_week} / {rewrite}");
    }

    #[test]
    fn a_given_story_fixes_the_grouping_of_its_articles_only() {
        let texts = [
            "Kishida and Biden announced a historic upgrade of the alliance at the White House summit on Wednesday.",
            "The Reserve Bank of New Zealand raised interest rates by a quarter point to curb inflation, governor Adrian Orr said.",
            "Biden and Kishida unveiled the upgrade of their alliance during the state visit to the White House.",
            "The central bank lifted rates by 25 basis points on Thursday to fight inflation, Adrian Orr said.",
        ];
        // The summit reports are told apart by their given stories, the
        // bank's are put together although one names the other's story;
        // the articles given none are grouped as before.
        let given = [Some("s-1"), Some("77"), Some("s-2"), Some("77")];
        assert_eq!(given_stories(&texts, &given), vec![0, 1, 2, 1]);
        let given = [None, Some("bank"), None, None];
        assert_eq!(given_stories(&texts, &given), vec![0, 1, 0, 2]);
    }

    fn story_keys(texts: &[&str]) -> Vec<StoryKeys> {
        let rules = RuleSet::builtin();
        claims_of(&rules, texts)
            .iter()
            .map(|c| {
                let c: Vec<&Claim> = c.iter().collect();
                keys(&c, rules.background.as_ref(), &rules.thresholds)
            })
            .collect()
    }

    fn dot(x: &[(String, f64)], y: &[(String, f64)]) -> f64 {
        x.iter()
            .filter_map(|(t, w)| y.iter().find(|(u, _)| u == t).map(|(_, v)| w * v))
            .sum()
    }

    #[test]
    fn keys_are_shared_within_a_story_and_not_across() {
        let k = story_keys(&[
            "Kishida and Biden announced a historic upgrade of the alliance at the White House summit on Wednesday.",
            "The Reserve Bank of New Zealand raised interest rates by a quarter point to curb inflation, governor Adrian Orr said.",
            "Biden and Kishida unveiled the upgrade of their alliance during the state visit to the White House.",
            "The central bank lifted rates by 25 basis points on Thursday to fight inflation, Adrian Orr said.",
        ]);
        let shared = |a: usize, b: usize| k[a].keys.iter().any(|t| k[b].keys.contains(t));
        let named = |a: usize, b: usize| k[a].names.iter().any(|t| k[b].names.contains(t));
        assert!(shared(0, 2) && shared(1, 3), "{k:#?}");
        assert!(named(0, 2) && named(1, 3), "{k:#?}");
        assert!(!named(0, 1) && !named(2, 3), "{k:#?}");
        let th = &RuleSet::builtin().thresholds;
        assert!(dot(&k[0].vector, &k[2].vector) >= th.story_link, "{k:#?}");
        assert!(dot(&k[0].vector, &k[1].vector) < th.story_link, "{k:#?}");
    }

    #[test]
    fn keys_are_bounded_sorted_and_normalised() {
        let text = "Kishida and Biden announced a historic upgrade of the alliance at the White House summit on Wednesday. \
                    The leaders agreed to station more troops in Okinawa and to build missiles together in Nagoya.";
        let k = story_keys(&[text, text]);
        assert_eq!(k[0], k[1]);
        let th = &RuleSet::builtin().thresholds;
        assert!(!k[0].keys.is_empty() && k[0].keys.len() <= th.story_key_terms);
        assert!(k[0].keys.windows(2).all(|w| w[0] < w[1]));
        assert!(k[0].vector.len() <= th.story_vector_terms);
        assert!(k[0].vector.windows(2).all(|w| w[0].0 < w[1].0));
        assert!((dot(&k[0].vector, &k[0].vector) - 1.0).abs() < 1e-4);
        assert!(k[0].names.iter().any(|n| n.contains("kishida")), "{k:#?}");
        assert_eq!(story_keys(&[""])[0], StoryKeys::default());
    }
}
