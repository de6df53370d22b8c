//! One declaration per rule setting. The [`settings!`] macro turns a list
//! of named settings, each with its kind and a doc line, into everything
//! that used to be written out by hand for each of them: the typed struct
//! the stages read, the on-disk TOML shape (`deny_unknown_fields`, so a
//! misspelt key is a `file:line:col` error), the merge over rule files with
//! its validation, the check that required settings are set, and the docs
//! list that a test compares with docs/rules.md.
//!
//! A setting's kind decides what the TOML value is, what is valid and how
//! a later file combines with an earlier one: single values ([`Ratio`],
//! [`Count`], [`Weight`]: [`Checked`]) are replaced and required; lists
//! ([`Phrases`] extended, [`Replaced`], [`Ordered`]: a [`List`] with its
//! [`ListMerge`]) are never required. lib.rs declares the families
//! (`[thresholds]`, `[cues]`, `[words]`); the builder calls the generated
//! `merge` and `finish`.

use serde::de::DeserializeOwned;
use toml::Spanned;

/// A setting's name, kind and one-line description, for docs/rules.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SettingDoc {
    pub name: &'static str,
    /// What values it takes (`ratio`, `count`, `list`, ...).
    pub kind: &'static str,
    /// For lists read by position: how many words they hold.
    pub size: Option<usize>,
    pub doc: &'static str,
}

/// The Markdown table docs/rules.md holds for a family of settings.
pub fn docs_table(docs: &[SettingDoc]) -> String {
    let mut out = String::from("| key | kind | meaning |\n|---|---|---|\n");
    for d in docs {
        let kind = match d.size {
            Some(n) => format!("{n} words in order"),
            None => d.kind.to_string(),
        };
        out.push_str(&format!("| `{}` | {kind} | {} |\n", d.name, d.doc));
    }
    out
}

/// A problem found while merging one setting: the byte offset in the file
/// and the message. The builder turns it into a [`crate::RuleError`].
pub(crate) type Problem = (usize, String);

/// How one kind of setting is read, validated and merged.
pub trait Setting {
    /// The value as written in a rule file.
    type Raw: DeserializeOwned;
    /// The value the rule set holds.
    type Value;
    /// What the builder holds between files.
    type Partial: Default;
    /// Shown in the docs table.
    const KIND: &'static str;
    /// For lists read by position: how many words they hold.
    const SIZE: Option<usize> = None;
    /// Merges one file's value into what earlier files gave.
    fn merge(partial: &mut Self::Partial, raw: Spanned<Self::Raw>, key: &str) -> Vec<Problem>;
    /// The final value; `None` when a required setting was never set.
    fn finish(partial: Self::Partial) -> Option<Self::Value>;
}

/// A single value that a later file replaces; required. Every such kind
/// is a [`Setting`] through this: it only says what a valid value is.
pub trait Checked {
    type Raw: DeserializeOwned;
    type Value;
    const KIND: &'static str;
    /// Ends "threshold `key` must be ...".
    const MUST_BE: &'static str;
    /// The value, or `None` when it is out of range.
    fn check(raw: Self::Raw) -> Option<Self::Value>;
}

impl<C: Checked> Setting for C {
    type Raw = C::Raw;
    type Value = C::Value;
    type Partial = Option<C::Value>;
    const KIND: &'static str = C::KIND;
    fn merge(partial: &mut Option<C::Value>, raw: Spanned<C::Raw>, key: &str) -> Vec<Problem> {
        let at = raw.span().start;
        match C::check(raw.into_inner()) {
            Some(v) => {
                *partial = Some(v);
                Vec::new()
            }
            None => vec![(at, format!("threshold `{key}` must be {}", C::MUST_BE))],
        }
    }
    fn finish(partial: Option<C::Value>) -> Option<C::Value> {
        partial
    }
}

/// A share between 0 and 1.
#[derive(Debug)]
pub enum Ratio {}

impl Checked for Ratio {
    type Raw = f64;
    type Value = f64;
    const KIND: &'static str = "ratio";
    const MUST_BE: &'static str = "between 0 and 1";
    fn check(v: f64) -> Option<f64> {
        (0.0..=1.0).contains(&v).then_some(v)
    }
}

/// A positive integer.
#[derive(Debug)]
pub enum Count {}

impl Checked for Count {
    type Raw = i64;
    type Value = usize;
    const KIND: &'static str = "count";
    const MUST_BE: &'static str = "a positive integer";
    fn check(v: i64) -> Option<usize> {
        usize::try_from(v).ok().filter(|&n| n >= 1)
    }
}

/// A positive number (an IDF weight, a multiplier).
#[derive(Debug)]
pub enum Weight {}

impl Checked for Weight {
    type Raw = f64;
    type Value = f64;
    const KIND: &'static str = "number";
    const MUST_BE: &'static str = "a positive number";
    fn check(v: f64) -> Option<f64> {
        (v.is_finite() && v > 0.0).then_some(v)
    }
}

/// A list of lower-case words or phrases; how a later file's list
/// combines with the earlier one is `M`'s ([`Phrases`], [`Replaced`],
/// [`Ordered`]). Unset means empty.
#[derive(Debug)]
pub struct List<M>(std::marker::PhantomData<M>);

/// How a later file's list combines with the lists before it.
pub trait ListMerge {
    const KIND: &'static str;
    const SIZE: Option<usize> = None;
    fn merge(partial: &mut Vec<String>, list: Listed<'_>) -> Vec<Problem>;
}

/// One file's list: its words, normalised, each with its offset; where the
/// list starts; its key.
#[derive(Debug)]
pub struct Listed<'a> {
    pub words: Vec<(usize, String)>,
    pub at: usize,
    pub key: &'a str,
}

impl<M: ListMerge> Setting for List<M> {
    type Raw = Vec<Spanned<String>>;
    type Value = Vec<String>;
    type Partial = Vec<String>;
    const KIND: &'static str = M::KIND;
    const SIZE: Option<usize> = M::SIZE;
    fn merge(partial: &mut Vec<String>, raw: Spanned<Self::Raw>, key: &str) -> Vec<Problem> {
        let at = raw.span().start;
        let mut problems = Vec::new();
        let mut words = Vec::new();
        for w in raw.into_inner() {
            match normalize_word(w.get_ref()) {
                Some(word) => words.push((w.span().start, word)),
                None => problems.push((w.span().start, "empty word".to_string())),
            }
        }
        if problems.is_empty() {
            problems = M::merge(partial, Listed { words, at, key });
        }
        problems
    }
    fn finish(partial: Vec<String>) -> Option<Vec<String>> {
        Some(partial)
    }
}

/// A later file's words are added, each word once, in the order first given.
pub type Phrases = List<Extend>;

#[derive(Debug)]
pub enum Extend {}

impl ListMerge for Extend {
    const KIND: &'static str = "list";
    fn merge(partial: &mut Vec<String>, list: Listed<'_>) -> Vec<Problem> {
        // A set of what is there, not `Vec::contains`: `common_words` holds
        // tens of thousands of words, and a scan per word would take a
        // second at every start.
        let mut have: std::collections::HashSet<String> = partial.iter().cloned().collect();
        for (_, w) in list.words {
            if have.insert(w.clone()) {
                partial.push(w);
            }
        }
        Vec::new()
    }
}

/// For a list whose words only make sense with another list that a user
/// may replace (month abbreviations with month names): a later file
/// replaces it whole, so that a user can drop the built-in words.
pub type Replaced = List<Replace>;

#[derive(Debug)]
pub enum Replace {}

impl ListMerge for Replace {
    const KIND: &'static str = "list, replaced whole";
    fn merge(partial: &mut Vec<String>, list: Listed<'_>) -> Vec<Problem> {
        partial.clear();
        Extend::merge(partial, list)
    }
}

/// Exactly `N` distinct words read by position (month names: position + 1
/// is the month). A later file replaces the whole list, since adding to it
/// would shift no position and add none.
pub type Ordered<const N: usize> = List<Exactly<N>>;

#[derive(Debug)]
pub enum Exactly<const N: usize> {}

impl<const N: usize> ListMerge for Exactly<N> {
    const KIND: &'static str = "list in order";
    const SIZE: Option<usize> = Some(N);
    fn merge(partial: &mut Vec<String>, list: Listed<'_>) -> Vec<Problem> {
        let key = list.key;
        if list.words.len() != N {
            let n = list.words.len();
            let message = format!(
                "word list `{key}` is read by position and needs exactly {N} words, not {n}"
            );
            return vec![(list.at, message)];
        }
        let mut words: Vec<String> = Vec::with_capacity(N);
        let mut problems = Vec::new();
        for (offset, w) in list.words {
            if words.contains(&w) {
                problems.push((offset, format!("`{w}` is twice in `{key}`")));
            } else {
                words.push(w);
            }
        }
        if problems.is_empty() {
            *partial = words;
        }
        problems
    }
}

/// A non-empty word or phrase, lower-cased, inner whitespace collapsed.
pub(crate) fn normalize_word(w: &str) -> Option<String> {
    let norm = w.split_whitespace().collect::<Vec<_>>().join(" ");
    (!norm.is_empty()).then(|| norm.to_lowercase())
}

/// Declares one family of settings, once. Two forms:
///
/// - `pub struct Name, read from Defs, merged in Partial { /// doc
///   key: Kind, ... }`: a struct with one typed field per setting
///   (`[thresholds]`);
/// - `pub struct Name<T>, held as Value, read from Defs, merged in Partial
///   { ... }`: a struct generic over what each list is built into, with
///   `map`, so that a stage builds its own structures from every list with
///   one call and the list names are written nowhere else (`[cues]`,
///   `[words]`). The rule set holds `Name<Value>`; `Name<Value>::DOCS`
///   lists the settings.
///
/// Either form also yields `Defs` (the TOML section) and `Partial` (the
/// merge over files), both crate-private.
macro_rules! settings {
    (
        $(#[$meta:meta])*
        pub struct $name:ident, read from $defs:ident, merged in $partial:ident {
            $( $(#[doc = $doc:literal])+ $field:ident : $kind:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            $( $(#[doc = $doc])+ pub $field: <$kind as $crate::settings::Setting>::Value, )*
        }

        settings!(@common $name, $name, $defs, $partial, $( $field : $kind [$($doc)+] ),*);
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident<T>, held as $value:ty, read from $defs:ident, merged in $partial:ident {
            $( $(#[doc = $doc:literal])+ $field:ident : $kind:ty, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        pub struct $name<T> {
            $( $(#[doc = $doc])+ pub $field: T, )*
        }

        impl<T> $name<T> {
            /// The same family with every list built into something else
            /// (a phrase set, a hash set), in one call.
            pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> $name<U> {
                $name { $( $field: f(&self.$field), )* }
            }

            /// Every list with its name, in declaration order.
            pub fn iter(&self) -> impl Iterator<Item = (&'static str, &T)> {
                [$( (stringify!($field), &self.$field) ),*].into_iter()
            }
        }

        settings!(@common $name, $name<$value>, $defs, $partial, $( $field : $kind [$($doc)+] ),*);
    };
    (@doc $field:ident, $kind:ty, $($doc:literal)+) => {
        $crate::settings::SettingDoc {
            name: stringify!($field),
            kind: <$kind as $crate::settings::Setting>::KIND,
            size: <$kind as $crate::settings::Setting>::SIZE,
            doc: concat!($($doc),+).trim_ascii(),
        }
    };
    // The docs list, the TOML section, the merge and the final check, for
    // either form; `$held` is the struct as the rule set holds it.
    (@common $name:ident, $held:ty, $defs:ident, $partial:ident,
        $( $field:ident : $kind:ty [$($doc:literal)+] ),*) => {
        impl $held {
            /// Every setting of the family, for docs/rules.md.
            pub const DOCS: &'static [$crate::settings::SettingDoc] = &[
                $( settings!(@doc $field, $kind, $($doc)+) ),*
            ];
        }

        settings!(@defs $defs, $partial, $( $field : $kind ),*);

        impl $partial {
            /// The settings, or the names of the required ones no file set
            /// (list kinds are never required).
            pub(crate) fn finish(self) -> Result<$held, Vec<&'static str>> {
                let mut missing = Vec::new();
                $(
                    let $field = <$kind as $crate::settings::Setting>::finish(self.$field);
                    if $field.is_none() {
                        missing.push(stringify!($field));
                    }
                )*
                let all = || Some($name { $( $field: $field?, )* });
                all().ok_or(missing)
            }
        }
    };
    (@defs $defs:ident, $partial:ident, $( $field:ident : $kind:ty ),*) => {
        /// The section as written in a rule file; unknown keys are errors.
        #[derive(Debug, Default, serde::Deserialize)]
        #[serde(deny_unknown_fields)]
        pub(crate) struct $defs {
            $(
                #[serde(default)]
                $field: Option<toml::Spanned<<$kind as $crate::settings::Setting>::Raw>>,
            )*
        }

        /// The section merged over the files read so far.
        #[derive(Default)]
        pub(crate) struct $partial {
            $( $field: <$kind as $crate::settings::Setting>::Partial, )*
        }

        impl $partial {
            /// Adds one file's section; returns what was wrong in it.
            pub(crate) fn merge(&mut self, defs: $defs) -> Vec<$crate::settings::Problem> {
                let mut problems = Vec::new();
                $(
                    if let Some(raw) = defs.$field {
                        problems.extend(<$kind as $crate::settings::Setting>::merge(
                            &mut self.$field,
                            raw,
                            stringify!($field),
                        ));
                    }
                )*
                problems
            }
        }
    };
}

pub(crate) use settings;
