//! Multi-word cue lookup ("plan to explore", "according to", "no longer").

use rustc_hash::FxHashMap as HashMap;

/// Lower-case phrases, each with a value, matched word by word at a
/// position; the longest phrase wins.
#[derive(Debug, Clone)]
pub struct PhraseMap<V> {
    by_first: HashMap<String, Vec<(Vec<String>, V)>>,
}

impl<V> Default for PhraseMap<V> {
    fn default() -> Self {
        PhraseMap {
            by_first: HashMap::default(),
        }
    }
}

impl<V> PhraseMap<V> {
    pub fn new<S: AsRef<str>>(entries: impl IntoIterator<Item = (S, V)>) -> PhraseMap<V> {
        let mut by_first: HashMap<String, Vec<(Vec<String>, V)>> = HashMap::default();
        for (p, v) in entries {
            let words: Vec<String> = split_phrase(p.as_ref());
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push((words, v));
            }
        }
        // Longest phrases first, so that "no longer" wins over "no".
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        PhraseMap { by_first }
    }

    /// The longest phrase that starts at `words[i]`: its length in words
    /// and its value.
    pub fn get_at<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, &V)> {
        let first = words.get(i)?.as_ref();
        let candidates = self.by_first.get(first)?;
        candidates
            .iter()
            .find(|(p, _)| {
                p.len() <= words.len() - i
                    && p.iter().zip(&words[i..]).all(|(a, b)| a == b.as_ref())
            })
            .map(|(p, v)| (p.len(), v))
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
    }
}

/// A set of lower-case phrases, matched word by word at a position.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    map: PhraseMap<()>,
}

impl PhraseSet {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> PhraseSet {
        PhraseSet {
            map: PhraseMap::new(phrases.iter().map(|p| (p.as_ref(), ()))),
        }
    }

    /// Length in words of the longest phrase that starts at `words[i]`.
    pub fn match_at<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<usize> {
        self.map.get_at(words, i).map(|(n, _)| n)
    }

    /// Does a phrase end right before `words[i]` (starting at most `max`
    /// words earlier)?
    pub fn ends_before<S: AsRef<str>>(&self, words: &[S], i: usize, max: usize) -> bool {
        (i.saturating_sub(max)..i).any(|s| self.match_at(words, s) == Some(i - s))
    }

    /// All matches in `words` as (start, length), left to right, without
    /// overlaps.
    pub fn find_all<S: AsRef<str>>(&self, words: &[S]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            match self.match_at(words, i) {
                Some(n) => {
                    out.push((i, n));
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Is `word` one of the words of a phrase of the set ("one" of "no
    /// one")?
    pub fn contains_word(&self, word: &str) -> bool {
        self.map
            .by_first
            .values()
            .flatten()
            .any(|(p, _)| p.iter().any(|w| w == word))
    }

    pub fn contains_any<S: AsRef<str>>(&self, words: &[S]) -> bool {
        (0..words.len()).any(|i| self.match_at(words, i).is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Splits a cue phrase the way the tokenizer splits text: "n't" stays one
/// word, other words split on spaces.
fn split_phrase(p: &str) -> Vec<String> {
    p.split_whitespace().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_words_of_its_phrases() {
        let set = PhraseSet::new(&["no one", "never"]);
        assert!(set.contains_word("one") && set.contains_word("never"));
        assert!(!set.contains_word("none"));
    }

    #[test]
    fn prefers_the_longest_phrase() {
        let set = PhraseSet::new(&["no", "no longer", "not only"]);
        let words = ["tokyo", "no", "longer", "watches"];
        assert_eq!(set.match_at(&words, 1), Some(2));
        assert_eq!(set.find_all(&words), vec![(1, 2)]);
        assert_eq!(set.match_at(&["no"], 0), Some(1));
    }

    #[test]
    fn does_not_run_past_the_end() {
        let set = PhraseSet::new(&["plan to explore"]);
        assert_eq!(set.match_at(&["plan", "to"], 0), None);
        assert!(!set.contains_any(&["we", "plan"]));
    }
}
