//! Reading concord's inputs: paths in, [`Document`]s and [`InputError`]s
//! out.
//!
//! [`read_all`] expands the paths given ([`collect`]), and reads each file
//! by its [`InputFormat`]: text and Markdown articles as they are, HTML
//! pages through their extracted article text, JSON Lines (plain or gzip)
//! as one document per record. A file that cannot be read, is binary
//! (holds a NUL byte), is not UTF-8, holds no text or is over
//! [`MAX_INPUT_BYTES`] is an input error naming the file; the other inputs
//! are still read.
//!
//! The modules, bottom up (none imports one above it): `document` (what
//! every format produces), `file` (one file from disk under the limits:
//! size, decoding, gzip), `formats` (the format type, its one dispatch and
//! a module per format), `walk` (paths to files). Library code: it reads
//! the files it is given, and never prints, exits or reads the
//! environment.

mod document;
mod file;
pub mod formats;
mod walk;

pub use document::{Document, SourceMap};
pub use file::{MAX_INPUT_BYTES, decode, open_regular, read_limited};
pub use formats::{InputFormat, is_concord_report};
pub use walk::{Excludes, Found, ReadOptions, STDIN, collect};

use concord_core::{InputError, InputWarning};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// What reading the inputs gave.
#[derive(Debug, Default)]
pub struct Inputs {
    /// One per article, in the order of the files; no two with the same
    /// path.
    pub docs: Vec<Document>,
    pub errors: Vec<InputError>,
    /// Inputs read, but not as given: a concord report found in a folder
    /// (skipped), an article renamed because another has its display path.
    pub warnings: Vec<InputWarning>,
    /// For an incremental check ([`read`] with new files), the paths of
    /// the documents that come from them (for JSON Lines, every record of
    /// a new file).
    pub focus: BTreeSet<String>,
}

/// Reads every input: article files as one document each, JSON Lines
/// files as one document per article.
pub fn read_all(paths: &[PathBuf]) -> (Vec<Document>, Vec<InputError>) {
    let read = read(paths, &[], &ReadOptions::default());
    (read.docs, read.errors)
}

/// Standard input, read by the caller (this library never touches the
/// process's streams): the bytes and the name they are shown under, whose
/// extension gives their format (`feed.jsonl` reads JSON Lines; the
/// default `<stdin>` one article of text).
#[derive(Debug, Clone)]
pub struct Stdin {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Stdin {
    /// The name shown when none is given.
    pub const DEFAULT_NAME: &'static str = "<stdin>";

    /// The format its name gives; a name that gives none (the default)
    /// reads JSON Lines when the bytes are a JSON object or gzip, so that
    /// `concord check -` takes a feed piped in, else one article of text.
    /// An article does not start with `{`.
    fn format(&self) -> InputFormat {
        InputFormat::of(Path::new(&self.name)).unwrap_or_else(|| {
            let body = self
                .bytes
                .strip_prefix("\u{feff}".as_bytes())
                .unwrap_or(&self.bytes);
            let first = body.iter().find(|b| !b.is_ascii_whitespace());
            if body.starts_with(&[0x1f, 0x8b]) || first == Some(&b'{') {
                InputFormat::JsonLines
            } else {
                InputFormat::Text
            }
        })
    }

    /// The documents of standard input, read like a file of its name's
    /// format; its errors name it by its name.
    fn read(&self) -> formats::FileRead {
        self.format().read_bytes(&self.name, &self.bytes)
    }
}

/// Reads the corpus `paths` and the new articles `new` of an incremental
/// check together (a file named in both is read once, and is new). A file
/// found in a folder that is a concord report ([`is_concord_report`]) is
/// skipped with a warning: a report written into the folder it checks
/// would otherwise be read back as an article on the next run. Documents
/// whose display paths collide get distinct ones ([`unique_paths`]).
pub fn read(paths: &[PathBuf], new: &[PathBuf], options: &ReadOptions) -> Inputs {
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let (new_files, _) = collect(new, options);
    let new_files: BTreeSet<PathBuf> = new_files.iter().map(|f| canonical(&f.path)).collect();
    let all: Vec<PathBuf> = paths.iter().chain(new).cloned().collect();
    let (files, mut errors) = collect(&all, options);
    let mut out = Inputs::default();
    let mut is_new = Vec::new();
    for f in files {
        let read = if f.path.as_os_str() == STDIN {
            options.stdin.as_ref().map_or_else(
                || formats::FileRead {
                    errors: vec![file::error(&f.path, "standard input was not read".into())],
                    ..formats::FileRead::default()
                },
                Stdin::read,
            )
        } else {
            f.format.read_file(&f.path, !f.named)
        };
        if read.report {
            out.warnings.push(InputWarning {
                path: file::display(&f.path),
                line: None,
                column: None,
                message: "a concord report, not an article; skipped (name it on the command line to check it)".into(),
            });
        }
        let fresh = !new.is_empty() && new_files.contains(&canonical(&f.path));
        is_new.extend(std::iter::repeat_n(fresh, read.docs.len()));
        out.docs.extend(read.docs);
        errors.extend(read.errors);
    }
    out.warnings.extend(unique_paths(&mut out.docs));
    out.focus = out
        .docs
        .iter()
        .zip(is_new)
        .filter(|(_, fresh)| *fresh)
        .map(|(d, _)| d.path.clone())
        .collect();
    out.errors = errors;
    out
}

/// Gives documents that share a display path distinct ones, with a
/// warning each: the first keeps it, the next are `PATH (2)`, `PATH (3)`,
/// ... Paths name articles everywhere downstream (ids, stories, the
/// cache, baselines), and two articles under one name would be one.
/// Names collide when a file is named like a JSON Lines record
/// (`s.jsonl#r1.txt` beside record `r1.txt` of `s.jsonl`), or in the
/// rare names that display alike.
pub fn unique_paths(docs: &mut [Document]) -> Vec<InputWarning> {
    let mut seen: BTreeSet<String> = docs.iter().map(|d| d.path.clone()).collect();
    if seen.len() == docs.len() {
        return Vec::new();
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut warnings = Vec::new();
    for d in docs.iter_mut() {
        if taken.insert(d.path.clone()) {
            continue;
        }
        let renamed = (2..)
            .map(|n| format!("{} ({n})", d.path))
            .find(|p| !seen.contains(p))
            .unwrap_or_default();
        warnings.push(InputWarning {
            path: d.path.clone(),
            line: None,
            column: None,
            message: format!(
                "another input is shown with the same path; this one is checked as `{renamed}`"
            ),
        });
        seen.insert(renamed.clone());
        taken.insert(renamed.clone());
        d.path = renamed;
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unnamed_standard_input_is_json_lines_when_it_holds_json() {
        let stdin = |name: &str, bytes: &[u8]| Stdin {
            name: name.into(),
            bytes: bytes.to_vec(),
        };
        let default = Stdin::DEFAULT_NAME;
        assert_eq!(
            stdin(default, b"\n  {\"id\": 1}").format(),
            InputFormat::JsonLines
        );
        assert_eq!(
            stdin(default, b"\xef\xbb\xbf{}").format(),
            InputFormat::JsonLines
        );
        assert_eq!(
            stdin(default, &[0x1f, 0x8b, 8, 0]).format(),
            InputFormat::JsonLines
        );
        assert_eq!(
            stdin(default, b"Tokyo (AP) {x}").format(),
            InputFormat::Text
        );
        // A name's extension decides.
        assert_eq!(
            stdin("draft.md", b"{\"id\": 1}").format(),
            InputFormat::Text
        );
        let docs = stdin(default, b"{\"id\": \"w\", \"text\": \"One.\"}\n")
            .read()
            .docs;
        assert_eq!(docs[0].path, "<stdin>#w");
    }
}
