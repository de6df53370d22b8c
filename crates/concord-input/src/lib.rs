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
pub use file::{MAX_INPUT_BYTES, decode};
pub use formats::InputFormat;
pub use walk::collect;

use concord_core::InputError;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Reads every input: article files as one document each, JSON Lines
/// files as one document per article.
pub fn read_all(paths: &[PathBuf]) -> (Vec<Document>, Vec<InputError>) {
    let (files, mut errors) = collect(paths);
    let mut docs = Vec::new();
    for (f, format) in files {
        let (d, e) = format.read(&f);
        docs.extend(d);
        errors.extend(e);
    }
    (docs, errors)
}

/// Reads the corpus and the new articles of an incremental check
/// together (a file named in both is read once), and returns the display
/// paths of the documents that come from `new` (for JSON Lines, every
/// record of a new file).
pub fn read_incremental(
    corpus: &[PathBuf],
    new: &[PathBuf],
) -> (Vec<Document>, Vec<InputError>, BTreeSet<String>) {
    let (new_files, _) = collect(new);
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let new_files: BTreeSet<PathBuf> = new_files.iter().map(|(f, _)| canonical(f)).collect();
    let all: Vec<PathBuf> = corpus.iter().chain(new).cloned().collect();
    let (docs, errors) = read_all(&all);
    let focus = docs
        .iter()
        .filter(|d| {
            let file = d.path.split_once('#').map_or(d.path.as_str(), |(f, _)| f);
            new_files.contains(&canonical(Path::new(file)))
        })
        .map(|d| d.path.clone())
        .collect();
    (docs, errors, focus)
}
