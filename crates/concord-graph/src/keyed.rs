//! Stories grouped by story keys and kept up to date as articles come and
//! go: the grouping of a persistent story index (`concord check --index`)
//! and of the Spark job (`contrib/spark/`, docs/distributed.md).
//!
//! The grouping is a function of the set of articles, never of the order
//! they came in, so that an index fed batch by batch holds the stories one
//! run over all the articles would find:
//! - two articles are candidates when they share a key ([`StoryKeys`])
//!   that at most `story_key_max_articles` articles hold;
//! - a candidate pair scores the dot product of the two vectors when the
//!   articles share a rare name and it reaches `story_link`; the weights
//!   are the printed ones (six decimals) as integers, so a score is exact
//!   and the same whichever side computes it;
//! - each article keeps its best `story_key_neighbours` scored candidates
//!   (ties by name), and a pair both of whose articles keep it is an edge;
//! - stories are the connected components of the edges, each named by its
//!   smallest article name.
//!
//! An update touches little: a new article is scored against its
//! candidates only, an old article's best list changes only by a new
//! candidate entering it (or, when a key's bucket crosses the limit or a
//! best neighbour leaves, by a rescan of that article), and only the
//! stories of articles whose best lists changed are regrouped.

use crate::stories::StoryKeys;
use concord_rules::Thresholds;
use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// An article of the index as it is stored: its keys, its best
/// candidates with their scores, and its story.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeyedArticle {
    pub name: String,
    pub keys: StoryKeys,
    /// Best candidates, best first: (name, score in millionths squared).
    pub best: Vec<(String, i64)>,
    pub story: String,
}

/// An article as [`KeyedStories::for_each_compact`] stores it: name, key
/// term ids, vector (term id, weight in millionths), rare name ids, best
/// candidates (article number, score), the number of the article its
/// story is named after.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompactArticle(
    pub String,
    pub Vec<u32>,
    pub Vec<(u32, i64)>,
    pub Vec<u32>,
    pub Vec<(u32, i64)>,
    pub u32,
);

/// What an update changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Regrouping {
    /// Stories that are new or whose articles changed, with their
    /// articles (sorted), by story name.
    pub regrouped: BTreeMap<String, Vec<String>>,
    /// Stories of before the update that no longer exist as they were
    /// (a story named the same may be in `regrouped`).
    pub dropped: Vec<String>,
    /// Articles whose best candidates were computed again from all their
    /// candidates (the others were only offered the new articles).
    pub rescanned: usize,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    /// Key term ids, sorted and unique.
    key_ids: Vec<u32>,
    /// (term id, weight in millionths), sorted by id.
    vector: Vec<(u32, i64)>,
    /// Rare name ids, sorted.
    names: Vec<u32>,
    /// Best candidates, best first (score descending, name ascending).
    best: Vec<(i64, u32)>,
    story: String,
}

/// The grouping of a set of articles by their story keys; see the module
/// documentation.
#[derive(Debug, Clone)]
pub struct KeyedStories {
    /// `story_link` in millionths squared.
    link: i64,
    max_bucket: usize,
    neighbours: usize,
    slots: Vec<Option<Entry>>,
    by_name: BTreeMap<String, u32>,
    terms: HashMap<String, u32>,
    /// Term id → term.
    term_names: Vec<String>,
    /// Key term id → the slots of the articles that hold it, sorted.
    buckets: HashMap<u32, Vec<u32>>,
    /// Story name → its articles' slots.
    stories: HashMap<String, BTreeSet<u32>>,
}

impl KeyedStories {
    pub fn new(th: &Thresholds) -> KeyedStories {
        KeyedStories {
            link: (th.story_link * 1e12).round() as i64,
            max_bucket: th.story_key_max_articles,
            neighbours: th.story_key_neighbours,
            slots: Vec::new(),
            by_name: BTreeMap::new(),
            terms: HashMap::default(),
            term_names: Vec::new(),
            buckets: HashMap::default(),
            stories: HashMap::default(),
        }
    }

    /// The grouping of stored articles, checked: every best candidate
    /// must be an article of the set. (The stories are taken as stored;
    /// [`KeyedStories::update`] keeps them right.)
    pub fn from_stored(th: &Thresholds, stored: Vec<KeyedArticle>) -> Result<KeyedStories, String> {
        let mut out = KeyedStories::new(th);
        let mut best_names = Vec::with_capacity(stored.len());
        for a in stored {
            if out.by_name.contains_key(&a.name) {
                return Err(format!("article {} is stored twice", a.name));
            }
            best_names.push(a.best.clone());
            let slot = out.insert(a.name, a.keys);
            let entry = out.slots[slot as usize].as_mut().expect("just inserted");
            entry.story.clone_from(&a.story);
            out.stories.entry(a.story).or_default().insert(slot);
        }
        for (slot, best) in best_names.into_iter().enumerate() {
            let mut list = Vec::with_capacity(best.len());
            for (name, score) in best {
                let Some(&other) = out.by_name.get(&name) else {
                    return Err(format!("a best candidate, {name}, is not in the index"));
                };
                list.push((score, other));
            }
            if let Some(e) = out.slots[slot].as_mut() {
                e.best = list;
            }
        }
        Ok(out)
    }

    /// The terms the stored articles' ids refer to, by id.
    pub fn terms(&self) -> &[String] {
        &self.term_names
    }

    /// The articles in their compact stored form, sorted by name: terms
    /// by id ([`KeyedStories::terms`]) and other articles by their
    /// place in that order, so that an index of a large feed reads back
    /// without a string per term.
    pub fn for_each_compact(&self, mut f: impl FnMut(CompactArticle)) {
        let ordinal: HashMap<u32, u32> = self
            .by_name
            .values()
            .enumerate()
            .map(|(k, &slot)| (slot, k as u32))
            .collect();
        for &slot in self.by_name.values() {
            let e = self.entry(slot);
            let story = self.by_name[&e.story];
            f(CompactArticle(
                e.name.clone(),
                e.key_ids.clone(),
                e.vector.clone(),
                e.names.clone(),
                e.best.iter().map(|&(s, o)| (ordinal[&o], s)).collect(),
                ordinal[&story],
            ));
        }
    }

    /// The grouping of articles stored by [`KeyedStories::for_each_compact`]
    /// (in its order) over `terms`, checked.
    pub fn from_compact(
        th: &Thresholds,
        terms: Vec<String>,
        articles: Vec<CompactArticle>,
    ) -> Result<KeyedStories, String> {
        let mut out = KeyedStories::new(th);
        let n = articles.len() as u32;
        for (id, t) in terms.iter().enumerate() {
            if out.terms.insert(t.clone(), id as u32).is_some() {
                return Err(format!("term {t} is stored twice"));
            }
        }
        out.term_names = terms;
        let term_count = out.term_names.len() as u32;
        let mut stories = Vec::with_capacity(articles.len());
        for (k, CompactArticle(name, mut key_ids, mut vector, mut names, best, story)) in
            articles.into_iter().enumerate()
        {
            let mut ids = key_ids
                .iter()
                .chain(&names)
                .copied()
                .chain(vector.iter().map(|v| v.0));
            if ids.any(|t| t >= term_count) {
                return Err(format!("{name}: a term id past the stored terms"));
            }
            if best.iter().any(|&(o, _)| o >= n) || story >= n {
                return Err(format!(
                    "{name}: an article number past the stored articles"
                ));
            }
            if out
                .by_name
                .last_key_value()
                .is_some_and(|(last, _)| *last >= name)
            {
                return Err(format!("{name}: articles out of order or stored twice"));
            }
            key_ids.sort_unstable();
            key_ids.dedup();
            vector.sort_unstable();
            names.sort_unstable();
            names.dedup();
            let slot = k as u32;
            for &key in &key_ids {
                out.buckets.entry(key).or_default().push(slot);
            }
            out.by_name.insert(name.clone(), slot);
            stories.push(story);
            out.slots.push(Some(Entry {
                story: String::new(),
                name,
                key_ids,
                vector,
                names,
                best: best.into_iter().map(|(o, s)| (s, o)).collect(),
            }));
        }
        for (slot, story) in stories.into_iter().enumerate() {
            let name = out.name(story).to_string();
            out.stories
                .entry(name.clone())
                .or_default()
                .insert(slot as u32);
            out.slots[slot].as_mut().expect("just stored").story = name;
        }
        // A story is named after one of its articles.
        for (story, members) in &out.stories {
            if !members.contains(&out.by_name[story]) {
                return Err(format!(
                    "story {story} does not hold the article it is named after"
                ));
            }
        }
        Ok(out)
    }

    /// The articles as they are stored, sorted by name.
    pub fn stored(&self) -> Vec<KeyedArticle> {
        let mut out = Vec::with_capacity(self.len());
        self.for_each_stored(|a| out.push(a));
        out
    }

    /// [`KeyedStories::stored`], one article at a time (an index of a
    /// large feed is written without a copy of it all).
    pub fn for_each_stored(&self, mut f: impl FnMut(KeyedArticle)) {
        let term = |id: u32| self.term_names[id as usize].clone();
        for &slot in self.by_name.values() {
            let e = self.entry(slot);
            let mut keys: Vec<String> = e.key_ids.iter().map(|&k| term(k)).collect();
            keys.sort();
            let mut vector: Vec<(String, f64)> = e
                .vector
                .iter()
                // The weight as it came: six decimals, read back exactly.
                .map(|&(t, w)| (term(t), w as f64 / 1e6))
                .collect();
            vector.sort_by(|x, y| x.0.cmp(&y.0));
            let mut names: Vec<String> = e.names.iter().map(|&n| term(n)).collect();
            names.sort();
            f(KeyedArticle {
                name: e.name.clone(),
                keys: StoryKeys {
                    keys,
                    vector,
                    names,
                },
                best: e
                    .best
                    .iter()
                    .map(|&(score, o)| (self.name(o).to_string(), score))
                    .collect(),
                story: e.story.clone(),
            });
        }
    }

    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }

    pub fn contains(&self, name: &str) -> bool {
        self.by_name.contains_key(name)
    }

    /// The story of an article.
    pub fn story_of(&self, name: &str) -> Option<&str> {
        let slot = *self.by_name.get(name)?;
        self.slots[slot as usize].as_ref().map(|e| e.story.as_str())
    }

    /// Every story with its articles (sorted), by name.
    pub fn stories(&self) -> BTreeMap<String, Vec<String>> {
        self.stories
            .iter()
            .map(|(story, members)| (story.clone(), self.names_of(members)))
            .collect()
    }

    /// Removes the articles `removed` and adds `added` (an article added
    /// under a name already held replaces it), then regroups what that
    /// can change.
    pub fn update(&mut self, removed: &[String], added: Vec<(String, StoryKeys)>) -> Regrouping {
        let mut touched: BTreeSet<String> = BTreeSet::new();
        let mut rescan: BTreeSet<u32> = BTreeSet::new();
        // The best lists of before, of every article whose list may change.
        let mut before: HashMap<u32, Vec<(i64, u32)>> = HashMap::default();
        let replaced: Vec<String> = added
            .iter()
            .filter(|(name, _)| self.by_name.contains_key(name))
            .map(|(name, _)| name.clone())
            .collect();
        for name in removed.iter().chain(&replaced) {
            let Some(slot) = self.by_name.remove(name) else {
                continue;
            };
            let entry = self.slots[slot as usize]
                .take()
                .expect("named slots hold entries");
            touched.insert(entry.story.clone());
            if let Some(members) = self.stories.get_mut(&entry.story) {
                members.remove(&slot);
            }
            for key in &entry.key_ids {
                let bucket = self.buckets.get_mut(key).expect("every key has a bucket");
                bucket.retain(|&s| s != slot);
                if bucket.len() == self.max_bucket {
                    // Just fell to the limit: its members gain candidates.
                    rescan.extend(bucket.iter().copied());
                } else if bucket.len() < self.max_bucket {
                    // Those that kept the article as a best candidate
                    // lose it.
                    for &m in bucket.iter() {
                        let e = self.slots[m as usize].as_ref().expect("bucketed");
                        if e.best.iter().any(|&(_, o)| o == slot) {
                            rescan.insert(m);
                        }
                    }
                }
            }
        }
        // An article removed after another's removal marked it.
        rescan.retain(|&m| self.slots[m as usize].is_some());
        let mut new_slots = Vec::with_capacity(added.len());
        for (name, keys) in added {
            let slot = self.insert(name, keys);
            new_slots.push(slot);
            rescan.insert(slot);
            let entry = self.slots[slot as usize].as_ref().expect("just inserted");
            for key in &entry.key_ids {
                let bucket = &self.buckets[key];
                if bucket.len() == self.max_bucket + 1 {
                    // Just crossed the limit: its members lose candidates.
                    rescan.extend(bucket.iter().copied());
                }
            }
        }
        let new: BTreeSet<u32> = new_slots.iter().copied().collect();
        // An old article that is not rescanned gains as candidates the new
        // articles it shares an open bucket with, and nothing else.
        let mut offers: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        for &x in &new_slots {
            for m in self.candidates(x) {
                if !rescan.contains(&m) {
                    offers.entry(m).or_default().insert(x);
                }
            }
        }
        for (m, xs) in offers {
            let mut best = self.entry(m).best.clone();
            before.entry(m).or_insert_with(|| best.clone());
            for x in xs {
                if let Some(s) = self.score(m, x) {
                    best.push((s, x));
                }
            }
            self.rank(&mut best);
            self.slots[m as usize].as_mut().expect("live").best = best;
        }
        let rescanned: Vec<(u32, Vec<(i64, u32)>)> = rescan
            .par_iter()
            .map(|&m| {
                let mut best: Vec<(i64, u32)> = self
                    .candidates(m)
                    .into_iter()
                    .filter_map(|o| self.score(m, o).map(|s| (s, o)))
                    .collect();
                self.rank(&mut best);
                (m, best)
            })
            .collect();
        for (m, best) in rescanned {
            let e = self.slots[m as usize].as_mut().expect("live");
            before.entry(m).or_insert_with(|| e.best.clone());
            e.best = best;
        }
        // Stories that can change: those of the articles whose best lists
        // changed, and of the articles those lists named before or now.
        for (&m, old) in &before {
            let now = &self.entry(m).best;
            if old == now && !new.contains(&m) {
                continue;
            }
            for &(_, o) in old.iter().chain(now).chain(&[(0, m)]) {
                if !new.contains(&o) && self.slots[o as usize].is_some() {
                    touched.insert(self.entry(o).story.clone());
                }
            }
        }
        let mut region: BTreeSet<u32> = new.clone();
        for story in &touched {
            if let Some(members) = self.stories.get(story) {
                region.extend(members.iter().copied());
            }
        }
        let found = self.components(&region);
        let mut out = Regrouping {
            rescanned: rescan.len(),
            ..Regrouping::default()
        };
        let mut kept: BTreeSet<String> = BTreeSet::new();
        for (story, members) in &found {
            if touched.contains(story) && self.stories.get(story) == Some(members) {
                kept.insert(story.clone());
            } else {
                out.regrouped.insert(story.clone(), self.names_of(members));
            }
        }
        for story in &touched {
            if !kept.contains(story) {
                out.dropped.push(story.clone());
                self.stories.remove(story);
            }
        }
        for (story, members) in found {
            for &m in &members {
                self.slots[m as usize].as_mut().expect("live").story = story.clone();
            }
            self.stories.insert(story, members);
        }
        out
    }

    fn insert(&mut self, name: String, keys: StoryKeys) -> u32 {
        let slot = self.slots.len() as u32;
        let (terms, term_names) = (&mut self.terms, &mut self.term_names);
        let mut intern = |t: &str| {
            if let Some(&id) = terms.get(t) {
                return id;
            }
            let id = term_names.len() as u32;
            terms.insert(t.to_string(), id);
            term_names.push(t.to_string());
            id
        };
        let mut key_ids: Vec<u32> = keys.keys.iter().map(|k| intern(k)).collect();
        key_ids.sort_unstable();
        key_ids.dedup();
        let mut vector: Vec<(u32, i64)> = keys
            .vector
            .iter()
            .map(|(t, w)| (intern(t), (w * 1e6).round() as i64))
            .collect();
        vector.sort_unstable();
        let mut names: Vec<u32> = keys.names.iter().map(|n| intern(n)).collect();
        names.sort_unstable();
        names.dedup();
        for &k in &key_ids {
            let bucket = self.buckets.entry(k).or_default();
            let at = bucket.partition_point(|&s| s < slot);
            bucket.insert(at, slot);
        }
        self.by_name.insert(name.clone(), slot);
        self.slots.push(Some(Entry {
            story: name.clone(),
            name,
            key_ids,
            vector,
            names,
            best: Vec::new(),
        }));
        slot
    }

    fn entry(&self, slot: u32) -> &Entry {
        self.slots[slot as usize]
            .as_ref()
            .expect("only live slots are asked for")
    }

    fn name(&self, slot: u32) -> &str {
        &self.entry(slot).name
    }

    fn names_of(&self, members: &BTreeSet<u32>) -> Vec<String> {
        let mut out: Vec<String> = members.iter().map(|&m| self.name(m).to_string()).collect();
        out.sort();
        out
    }

    /// The articles that share an open bucket (at most `max_bucket`
    /// articles) with `slot`, sorted.
    fn candidates(&self, slot: u32) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for key in &self.entry(slot).key_ids {
            let bucket = &self.buckets[key];
            if bucket.len() <= self.max_bucket {
                out.extend(bucket.iter().copied().filter(|&o| o != slot));
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The score of a candidate pair, when it is one story by the pair
    /// tests: a shared rare name and a dot product of at least the link.
    fn score(&self, a: u32, b: u32) -> Option<i64> {
        let (x, y) = (self.entry(a), self.entry(b));
        if !crate::stories::share_any(&x.names, &y.names) {
            return None;
        }
        let (mut i, mut j, mut s) = (0, 0, 0i64);
        while i < x.vector.len() && j < y.vector.len() {
            match x.vector[i].0.cmp(&y.vector[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    s += x.vector[i].1 * y.vector[j].1;
                    i += 1;
                    j += 1;
                }
            }
        }
        (s >= self.link).then_some(s)
    }

    /// Best first (score descending, then name), the best `neighbours`.
    fn rank(&self, best: &mut Vec<(i64, u32)>) {
        best.sort_by(|x, y| {
            y.0.cmp(&x.0)
                .then_with(|| self.name(x.1).cmp(self.name(y.1)))
        });
        best.dedup_by_key(|x| x.1);
        best.truncate(self.neighbours);
    }

    /// The connected components of the mutual best pairs within
    /// `region`, by story name (the smallest article name).
    fn components(&self, region: &BTreeSet<u32>) -> BTreeMap<String, BTreeSet<u32>> {
        let mut parent: HashMap<u32, u32> = region.iter().map(|&m| (m, m)).collect();
        fn find(parent: &mut HashMap<u32, u32>, mut x: u32) -> u32 {
            while parent[&x] != x {
                let up = parent[&parent[&x]];
                parent.insert(x, up);
                x = up;
            }
            x
        }
        for &a in region {
            for &(_, b) in &self.entry(a).best {
                let mutual = self.entry(b).best.iter().any(|&(_, o)| o == a);
                // A mutual pair never leaves the region: the stories of
                // both ends are in it (see `update`).
                debug_assert!(!mutual || region.contains(&b));
                if mutual && region.contains(&b) {
                    let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                    if ra != rb {
                        parent.insert(ra.max(rb), ra.min(rb));
                    }
                }
            }
        }
        let mut groups: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
        for &m in region {
            let root = find(&mut parent, m);
            groups.entry(root).or_default().insert(m);
        }
        groups
            .into_values()
            .map(|members| {
                let name = members
                    .iter()
                    .map(|&m| self.name(m))
                    .min()
                    .expect("a component has an article")
                    .to_string();
                (name, members)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thresholds(max_bucket: usize) -> Thresholds {
        let mut th = concord_rules::RuleSet::builtin().thresholds.clone();
        th.story_key_max_articles = max_bucket;
        th
    }

    /// A small deterministic generator (no dependency for a test).
    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }
    }

    /// Articles about `topics` stories: each takes most of its terms and
    /// a name from its topic and a few from anywhere, so that stories
    /// overlap, buckets fill up and best lists compete.
    fn articles(n: usize, topics: u64, seed: u64) -> Vec<(String, StoryKeys)> {
        let mut rng = Lcg(seed);
        (0..n)
            .map(|i| {
                let topic = rng.below(topics);
                let mut terms: Vec<String> = Vec::new();
                for _ in 0..6 {
                    terms.push(format!("t{topic}-{}", rng.below(5)));
                }
                for _ in 0..3 {
                    terms.push(format!("w{}", rng.below(30)));
                }
                terms.sort();
                terms.dedup();
                let weights: Vec<f64> = terms.iter().map(|_| 1.0 + rng.below(4) as f64).collect();
                let norm = weights.iter().map(|w| w * w).sum::<f64>().sqrt();
                let vector = terms
                    .iter()
                    .zip(&weights)
                    .map(|(t, w)| (t.clone(), (w / norm * 1e6).round() / 1e6))
                    .collect();
                let mut names = vec![format!("n{topic}")];
                if rng.below(4) == 0 {
                    names.push(format!("n{}", rng.below(topics)));
                }
                names.sort();
                names.dedup();
                (
                    format!("a{i:03}"),
                    StoryKeys {
                        keys: terms.iter().take(4).cloned().collect(),
                        vector,
                        names,
                    },
                )
            })
            .collect()
    }

    fn all_at_once(th: &Thresholds, set: &[(String, StoryKeys)]) -> KeyedStories {
        let mut k = KeyedStories::new(th);
        k.update(&[], set.to_vec());
        k
    }

    #[test]
    fn batches_in_any_order_give_the_stories_of_one_update() {
        for (seed, max_bucket) in [(1, 200), (2, 6), (3, 12), (4, 3)] {
            let th = thresholds(max_bucket);
            let set = articles(120, 9, seed);
            let full = all_at_once(&th, &set);
            assert!(full.stories().values().any(|m| m.len() >= 2), "seed {seed}");
            let mut rng = Lcg(seed * 7);
            let mut shuffled = set.clone();
            for i in (1..shuffled.len()).rev() {
                shuffled.swap(i, rng.below(i as u64 + 1) as usize);
            }
            let mut incremental = KeyedStories::new(&th);
            let mut rest = shuffled.as_slice();
            while !rest.is_empty() {
                let take = (1 + rng.below(15) as usize).min(rest.len());
                incremental.update(&[], rest[..take].to_vec());
                rest = &rest[take..];
            }
            assert_eq!(incremental.stories(), full.stories(), "seed {seed}");
            assert_eq!(incremental.stored(), full.stored(), "seed {seed}");
        }
    }

    #[test]
    fn removed_and_replaced_articles_regroup_as_if_never_there() {
        for (seed, max_bucket) in [(5, 200), (6, 5)] {
            let th = thresholds(max_bucket);
            let set = articles(100, 7, seed);
            let mut incremental = all_at_once(&th, &set);
            // Every fifth article removed, every seventh rewritten as
            // another's copy.
            let removed: Vec<String> = set.iter().step_by(5).map(|(n, _)| n.clone()).collect();
            let replaced: Vec<(String, StoryKeys)> = set
                .iter()
                .enumerate()
                .filter(|(i, _)| i % 7 == 3)
                .map(|(i, (n, _))| (n.clone(), set[(i * 13) % set.len()].1.clone()))
                .collect();
            let change = incremental.update(&removed, replaced.clone());
            let mut final_set: BTreeMap<String, StoryKeys> = set.iter().cloned().collect();
            for n in &removed {
                final_set.remove(n);
            }
            final_set.extend(replaced);
            let final_set: Vec<(String, StoryKeys)> = final_set.into_iter().collect();
            let full = all_at_once(&th, &final_set);
            assert_eq!(incremental.stories(), full.stories(), "seed {seed}");
            assert_eq!(incremental.stored(), full.stored(), "seed {seed}");
            assert!(!change.dropped.is_empty());
        }
    }

    #[test]
    fn an_update_reports_only_the_stories_it_changed() {
        let th = thresholds(200);
        let set = articles(150, 12, 9);
        let (old, new) = set.split_at(148);
        let mut index = all_at_once(&th, old);
        let before = index.stories();
        let change = index.update(&[], new.to_vec());
        let after = index.stories();
        // What the update says changed is exactly what did.
        let changed: BTreeMap<String, Vec<String>> = after
            .iter()
            .filter(|(s, m)| before.get(*s) != Some(m))
            .map(|(s, m)| (s.clone(), m.clone()))
            .collect();
        assert_eq!(change.regrouped, changed);
        let gone: Vec<String> = before
            .iter()
            .filter(|(s, m)| after.get(*s) != Some(m))
            .map(|(s, _)| s.clone())
            .collect();
        assert_eq!(change.dropped, gone);
        assert!(change.regrouped.len() < after.len() / 4, "{change:?}");
        for members in change.regrouped.values() {
            assert!(members.iter().any(|m| new.iter().any(|(n, _)| n == m)) || members.len() < 3);
        }
    }

    #[test]
    fn stored_articles_load_back_to_the_same_grouping() {
        let th = thresholds(8);
        let set = articles(80, 6, 11);
        let mut index = all_at_once(&th, &set[..60]);
        let mut loaded = KeyedStories::from_stored(&th, index.stored()).unwrap();
        index.update(&[], set[60..].to_vec());
        loaded.update(&[], set[60..].to_vec());
        assert_eq!(loaded.stored(), index.stored());
        let mut articles = Vec::new();
        index.for_each_compact(|a| articles.push(a));
        let compact =
            KeyedStories::from_compact(&th, index.terms().to_vec(), articles.clone()).unwrap();
        assert_eq!(compact.stored(), index.stored());
        let past = articles.len() as u32;
        articles[3].4.push((past, 1));
        assert!(KeyedStories::from_compact(&th, index.terms().to_vec(), articles).is_err());
        let mut broken = index.stored();
        broken[0].best.push(("nobody".into(), 1));
        assert!(
            KeyedStories::from_stored(&th, broken)
                .unwrap_err()
                .contains("nobody")
        );
    }
}
