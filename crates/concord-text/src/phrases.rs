//! Multi-word cue lookup ("plan to explore", "according to", "no longer").

use rustc_hash::FxHashMap as HashMap;

/// A set of lower-case phrases, matched word by word at a position.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    by_first: HashMap<String, Vec<Vec<String>>>,
}

impl PhraseSet {
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> PhraseSet {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in phrases {
            let words: Vec<String> = split_phrase(p.as_ref());
            if let Some(first) = words.first() {
                by_first.entry(first.clone()).or_default().push(words);
            }
        }
        // Longest phrases first, so that "no longer" wins over "no".
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        }
        PhraseSet { by_first }
    }

    /// Length in words of the longest phrase that starts at `words[i]`.
    pub fn match_at<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<usize> {
        let first = words.get(i)?.as_ref();
        let candidates = self.by_first.get(first)?;
        candidates
            .iter()
            .find(|p| {
                p.len() <= words.len() - i
                    && p.iter().zip(&words[i..]).all(|(a, b)| a == b.as_ref())
            })
            .map(Vec::len)
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

    pub fn contains_any<S: AsRef<str>>(&self, words: &[S]) -> bool {
        (0..words.len()).any(|i| self.match_at(words, i).is_some())
    }

    pub fn is_empty(&self) -> bool {
        self.by_first.is_empty()
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
