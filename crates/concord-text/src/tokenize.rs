//! Splits text into words with their byte spans.
//!
//! A word is a run of letters and digits, kept whole across the connectors
//! news copy puts inside words: `U.S.`, `14.9`, `1,000`, `China's`,
//! `don't`, `2+2`, `AT&T`. Hyphenated compounds (`US-Japan-UK`,
//! `two-plus-two`) come out as their parts, each marked as glued to the
//! previous one, so that aliases can match part by part. Currency and
//! percent signs are tokens of their own; other punctuation is dropped.

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordShape {
    /// Letters (possibly with digits, apostrophes or dots): "China's", "U.S.".
    Word,
    /// Starts with a digit: "2025", "14.9", "1,000", "4th".
    Number,
    /// `$`, `£`, `€`, `¥` or `%`.
    Symbol,
}

/// One token of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub shape: WordShape,
    /// Joined to the previous token by a hyphen ("Japan" in "US-Japan").
    pub hyphen_before: bool,
}

impl Word<'_> {
    /// Starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

fn is_symbol(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥' | '%')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// Tokenizes `text`. Offsets are bytes into `text`.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut out = Vec::new();
    let mut i = 0;
    let mut hyphen_pending = false;
    while i < chars.len() {
        let c = chars[i].1;
        if is_symbol(c) {
            out.push(Word {
                text: &text[offset(i)..offset(i + 1)],
                start: offset(i),
                end: offset(i + 1),
                shape: WordShape::Symbol,
                hyphen_before: false,
            });
            i += 1;
            hyphen_pending = false;
            continue;
        }
        if !c.is_alphanumeric() {
            // A hyphen directly between two words glues them.
            hyphen_pending = matches!(c, '-' | '‐' | '‑')
                && i > 0
                && at(i - 1).is_some_and(char::is_alphanumeric)
                && at(i + 1).is_some_and(char::is_alphanumeric);
            i += 1;
            continue;
        }
        let begin = i;
        let numeric = c.is_ascii_digit();
        i += 1;
        while let Some(c) = at(i) {
            if c.is_alphanumeric() {
                i += 1;
                continue;
            }
            let prev = at(i - 1).unwrap_or(' ');
            let next = at(i + 1).unwrap_or(' ');
            let inner = match c {
                // 14.9, U.S (the final dot of U.S. is handled below)
                '.' => {
                    (prev.is_ascii_digit() && next.is_ascii_digit())
                        || (prev.is_alphabetic()
                            && next.is_alphabetic()
                            && is_initialism(&chars, begin, i))
                }
                // 1,000 but not "2, 3"
                ',' => numeric && prev.is_ascii_digit() && three_digits_follow(&chars, i + 1),
                // China's, don't; not a closing quote
                _ if is_apostrophe(c) => prev.is_alphabetic() && next.is_alphabetic(),
                '+' => prev.is_ascii_digit() && next.is_ascii_digit(),
                '&' => prev.is_uppercase() && next.is_uppercase(),
                _ => false,
            };
            if !inner {
                break;
            }
            i += 1;
        }
        // Keep the final period of an initialism: "U.S.", "U.K.", "a.m.".
        if at(i) == Some('.') && is_initialism(&chars, begin, i) && i - begin >= 3 {
            i += 1;
        }
        out.push(Word {
            text: &text[offset(begin)..offset(i)],
            start: offset(begin),
            end: offset(i),
            shape: if numeric {
                WordShape::Number
            } else {
                WordShape::Word
            },
            hyphen_before: hyphen_pending,
        });
        hyphen_pending = false;
    }
    out
}

/// Longest initialism, in characters: 16 letters and their dots.
const MAX_INITIALISM_CHARS: usize = 32;

/// Is `chars[begin..end]` shaped like `U.S` or `a.m` (single letters
/// separated by dots)?
fn is_initialism(chars: &[(usize, char)], begin: usize, end: usize) -> bool {
    // Called at every dot of a word: without a bound, a 1 MB "a.a.a.a..."
    // would be scanned again at each dot (quadratic). Real initialisms
    // ("U.S.S.R.") are far shorter.
    if end - begin > MAX_INITIALISM_CHARS {
        return false;
    }
    let mut letters = 0;
    let mut expect_letter = true;
    for &(_, c) in &chars[begin..end] {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
        } else if c != '.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    // Called mid-word too: "U" before ".S" counts as a start.
    letters >= 1
}

fn three_digits_follow(chars: &[(usize, char)], i: usize) -> bool {
    let digits = chars[i..]
        .iter()
        .take_while(|(_, c)| c.is_ascii_digit())
        .take(4)
        .count();
    digits == 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn keeps_initialisms_decimals_and_thousands_whole() {
        assert_eq!(
            texts("The U.S. paid $14.9 billion, or 1,000 times 2, 3 more."),
            [
                "The", "U.S.", "paid", "$", "14.9", "billion", "or", "1,000", "times", "2", "3",
                "more"
            ]
        );
    }

    #[test]
    fn keeps_apostrophes_inside_words_only() {
        assert_eq!(
            texts("China’s navy didn't go to the ‘most significant’ talks"),
            [
                "China’s",
                "navy",
                "didn't",
                "go",
                "to",
                "the",
                "most",
                "significant",
                "talks"
            ]
        );
    }

    #[test]
    fn splits_hyphenated_compounds_into_glued_parts() {
        let ws = words("new US-Japan-UK drills, 2+2 talks");
        let parts: Vec<(&str, bool)> = ws.iter().map(|w| (w.text, w.hyphen_before)).collect();
        assert_eq!(
            parts,
            [
                ("new", false),
                ("US", false),
                ("Japan", true),
                ("UK", true),
                ("drills", false),
                ("2+2", false),
                ("talks", false)
            ]
        );
    }

    #[test]
    fn percent_and_currency_are_tokens() {
        let ws = words("up 2% to £3");
        let shapes: Vec<WordShape> = ws.iter().map(|w| w.shape).collect();
        assert_eq!(
            shapes,
            [
                WordShape::Word,
                WordShape::Number,
                WordShape::Symbol,
                WordShape::Word,
                WordShape::Symbol,
                WordShape::Number
            ]
        );
    }

    #[test]
    fn spans_slice_back_to_the_text() {
        let s = "Kishida — “a historic turning point” — in Washington.";
        for w in words(s) {
            assert_eq!(&s[w.start..w.end], w.text);
        }
    }

    #[test]
    fn long_initialism_runs_are_split_in_linear_time() {
        // "a.a.a..." of a megabyte used to rescan the word at every dot.
        let text = "a.".repeat(500_000);
        let ws = words(&text);
        assert!(ws.iter().all(|w| w.text.len() <= MAX_INITIALISM_CHARS + 1));
        assert!(ws.len() > 500_000 / MAX_INITIALISM_CHARS);
        assert_eq!(texts("the U.S.S.R. fell"), ["the", "U.S.S.R.", "fell"]);
    }

    #[test]
    fn sentence_final_period_is_not_part_of_a_word() {
        assert_eq!(texts("He left Washington."), ["He", "left", "Washington"]);
        assert_eq!(texts("in the U.S."), ["in", "the", "U.S."]);
    }
}
