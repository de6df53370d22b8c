//! The input formats: [`InputFormat`], the one map from a path to its
//! format ([`InputFormat::of`]) and the one place that reads a file by its
//! format ([`InputFormat::read`]), over a module per format beside this
//! one.
//!
//! Adding a format touches this file (a variant, its names, its arm in
//! `read`) and its own module; nothing else in concord dispatches on the
//! format of an input.

pub mod html;
pub mod jsonl;
pub mod text;

use crate::document::Document;
use crate::file;
use concord_core::InputError;
use std::path::Path;

/// How an input file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InputFormat {
    /// An article as plain text or Markdown, read as it is on disk (front
    /// matter, `#` headings and `concord-ignore` comments are the
    /// extractor's to find). Markdown is not a format of its own: nothing
    /// reads a `.md` file differently from a `.txt` one.
    Text,
    /// An HTML page: the article's text is extracted, with a map back to
    /// the file's lines ([`html`]).
    Html,
    /// JSON Lines, plain or gzip: one article, or one story of articles,
    /// per line ([`jsonl`]).
    JsonLines,
}

impl InputFormat {
    /// Every format, in the order the unsupported-type message lists their
    /// extensions.
    pub const ALL: [InputFormat; 3] =
        [InputFormat::Text, InputFormat::Html, InputFormat::JsonLines];

    /// File extensions (the part after the last dot, in any case) of this
    /// format; a directory walk takes files with one of them.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            InputFormat::Text => &["txt", "md", "markdown", "text"],
            InputFormat::Html => &["html", "htm"],
            InputFormat::JsonLines => &[],
        }
    }

    /// Endings of the whole file name (lower case) that mark this format
    /// where the last extension alone does not: `feed.jsonl.gz`.
    pub fn name_endings(self) -> &'static [&'static str] {
        match self {
            InputFormat::JsonLines => &[".jsonl", ".jsonl.gz", ".ndjson"],
            InputFormat::Text | InputFormat::Html => &[],
        }
    }

    /// The format of the file at `path`, by its name; `None` for a file
    /// concord does not read.
    pub fn of(path: &Path) -> Option<InputFormat> {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let extension = path.extension().and_then(|e| e.to_str());
        InputFormat::ALL.into_iter().find(|f| {
            f.name_endings().iter().any(|e| name.ends_with(e))
                || extension
                    .is_some_and(|x| f.extensions().iter().any(|e| e.eq_ignore_ascii_case(x)))
        })
    }

    /// What a file named on the command line in no known format is told.
    /// It lists extensions only, so JSON Lines names are not in it: that is
    /// the message as it was before the formats had a type of their own,
    /// and tests and users may match on it.
    pub(crate) fn unsupported() -> String {
        let extensions: Vec<&str> = InputFormat::ALL
            .into_iter()
            .flat_map(InputFormat::extensions)
            .copied()
            .collect();
        format!("unsupported file type (expected {})", extensions.join(", "))
    }

    /// Reads the file at `path` in this format: its documents (one for an
    /// article file, one per record for JSON Lines) and the errors met.
    pub fn read(self, path: &Path) -> (Vec<Document>, Vec<InputError>) {
        match self {
            InputFormat::Text => whole_file(path, text::document),
            InputFormat::Html => whole_file(path, html::document),
            InputFormat::JsonLines => jsonl::read(path),
        }
    }
}

/// Reads a format whose file is one article: `document` turns the display
/// path and the file's text into it.
fn whole_file(
    path: &Path,
    document: fn(String, String) -> Document,
) -> (Vec<Document>, Vec<InputError>) {
    match file::read_text(path) {
        Ok(text) => (vec![document(file::display(path), text)], Vec::new()),
        Err(e) => (Vec::new(), vec![e]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_names_to_formats() {
        for (name, format) in [
            ("a.txt", Some(InputFormat::Text)),
            ("dir/b.MD", Some(InputFormat::Text)),
            ("c.markdown", Some(InputFormat::Text)),
            ("d.Html", Some(InputFormat::Html)),
            ("e.htm", Some(InputFormat::Html)),
            ("f.jsonl", Some(InputFormat::JsonLines)),
            ("g.JSONL.GZ", Some(InputFormat::JsonLines)),
            ("h.ndjson", Some(InputFormat::JsonLines)),
            ("i.gz", None),
            ("j.ndjson.gz", None),
            ("k.pdf", None),
            (".txt", None),
        ] {
            assert_eq!(InputFormat::of(Path::new(name)), format, "{name}");
        }
    }

    #[test]
    fn no_name_is_claimed_by_two_formats() {
        // Every name a format knows, as the ending of a file name.
        let endings = |f: InputFormat| -> Vec<String> {
            let extensions = f.extensions().iter().map(|x| format!(".{x}"));
            extensions
                .chain(f.name_endings().iter().map(|e| e.to_string()))
                .collect()
        };
        for f in InputFormat::ALL {
            for g in InputFormat::ALL.into_iter().filter(|&g| g != f) {
                for a in endings(f) {
                    for b in endings(g) {
                        assert!(!a.ends_with(&b), "{a} ({f:?}) ends with {b} ({g:?})");
                    }
                }
            }
        }
    }

    #[test]
    fn the_unsupported_message_lists_the_extensions() {
        assert_eq!(
            InputFormat::unsupported(),
            "unsupported file type (expected txt, md, markdown, text, html, htm)"
        );
    }
}
