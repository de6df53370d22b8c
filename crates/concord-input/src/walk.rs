//! From the paths given to the files to read.
//!
//! Folders are walked like ripgrep walks them (the `ignore` crate): files
//! and folders matched by a `.gitignore`, `.ignore` or `.concordignore`
//! (in the folder, its subfolders or its parents) or by
//! `.git/info/exclude` are skipped, and so are hidden ones and those
//! matched by an `exclude` glob ([`Excludes`]). A `.gitignore` counts
//! outside a git repository too (a folder of articles is often not one),
//! and the user's global git excludes do not: what is checked depends on
//! the files of the project alone. Of the files left, those in a known
//! [`InputFormat`] are taken in sorted order, except `README` files (a
//! folder's description, not an article; name one on the command line to
//! check it anyway) and the files in [`ReadOptions::skip`] (the report
//! being written). A file named on the command line is read whatever the
//! ignore files say; named in no known format, it is an error. A folder
//! with no article in it is an error too: a mistyped folder must not pass
//! as a clean run. A file given twice (or reached twice through links) is
//! read once; symlink loops are detected. Whether a file was named on the
//! command line or found in a folder is kept ([`Found::named`]): a
//! concord report found in a folder is not read as an article.

use crate::file::{display, error, io_message};
use crate::formats::InputFormat;
use concord_core::InputError;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The path that stands for standard input on the command line.
pub const STDIN: &str = "-";

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    pub format: InputFormat,
    /// Named on the command line (else found by walking a folder).
    pub named: bool,
}

/// Glob patterns of files and folders not to read when walking a folder,
/// in `.gitignore` syntax: `drafts/`, `*.draft.md`, `archive/**/*.html`.
/// Patterns with a slash are anchored at `base` (the folder of the
/// configuration file that lists them, or the current folder for
/// `--exclude`).
#[derive(Debug, Clone)]
pub struct Excludes {
    matcher: Gitignore,
}

impl Excludes {
    /// Compiles `globs`; a bad pattern is an error naming it.
    pub fn new(base: &Path, globs: &[String]) -> Result<Excludes, String> {
        let mut builder = GitignoreBuilder::new(real_path(base));
        for g in globs {
            builder
                .add_line(None, g)
                .map_err(|e| format!("bad exclude pattern `{g}`: {}", glob_message(&e)))?;
        }
        let matcher = builder
            .build()
            .map_err(|e| format!("bad exclude patterns: {}", glob_message(&e)))?;
        Ok(Excludes { matcher })
    }

    /// Is `path` (or a folder above it, up to the base) excluded?
    fn excludes(&self, path: &Path, is_dir: bool) -> bool {
        let absolute = real_path(path);
        if !absolute.starts_with(self.matcher.path()) {
            // Outside the base, only the unanchored patterns can match.
            return self.matcher.matched(&absolute, is_dir).is_ignore();
        }
        self.matcher
            .matched_path_or_any_parents(&absolute, is_dir)
            .is_ignore()
    }
}

/// `path` made absolute with `..` and links resolved, so that
/// `../articles/drafts` from a subfolder meets the base's `articles/drafts`.
fn real_path(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

fn glob_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::Glob { err, .. } => err.clone(),
        other => other.to_string(),
    }
}

/// How to read the inputs besides their paths.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Files not to read when walking folders.
    pub excludes: Option<Excludes>,
    /// Files never read as input, named or found: the report being
    /// written (`-o FILE`), which would otherwise be read back as an
    /// article on the next run.
    pub skip: Vec<PathBuf>,
    /// What `-` stands for: standard input, read by the caller.
    pub stdin: Option<crate::Stdin>,
}

/// Expands `paths` into the files to read with their formats, sorted by
/// path, and the errors met on the way. `-` is standard input, in the
/// format its name gives ([`crate::Stdin`]).
pub fn collect(paths: &[PathBuf], options: &ReadOptions) -> (Vec<Found>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let skip: Vec<PathBuf> = options.skip.iter().map(|p| canonical(p)).collect();
    for p in paths {
        if p.as_os_str() == STDIN {
            let format = options
                .stdin
                .as_ref()
                .map_or(InputFormat::Text, |s| s.format());
            files.push(Found {
                path: p.clone(),
                format,
                named: true,
            });
            continue;
        }
        match std::fs::metadata(p) {
            Err(e) => errors.push(error(p, io_message(&e))),
            Ok(m) if m.is_dir() => {
                let before = files.len();
                walk(p, options.excludes.as_ref(), &skip, &mut files, &mut errors);
                if files.len() == before {
                    errors.push(error(p, no_articles()));
                }
            }
            Ok(_) if skip.contains(&canonical(p)) => {}
            Ok(_) => match InputFormat::of(p) {
                Some(format) => files.push(Found {
                    path: p.clone(),
                    format,
                    named: true,
                }),
                None => errors.push(error(p, InputFormat::unsupported())),
            },
        }
    }
    // One entry per real file, whatever the spelling; the smallest path
    // wins so that the choice does not depend on argument order. A file
    // named on the command line under any spelling counts as named.
    files.sort();
    let mut kept: Vec<Found> = Vec::with_capacity(files.len());
    let mut index: BTreeMap<PathBuf, usize> = BTreeMap::new();
    for f in files {
        match index.entry(canonical(&f.path)) {
            std::collections::btree_map::Entry::Occupied(e) => kept[*e.get()].named |= f.named,
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert(kept.len());
                kept.push(f);
            }
        }
    }
    errors.sort();
    errors.dedup();
    (kept, errors)
}

fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// What a folder with nothing to read is told.
fn no_articles() -> String {
    let unsupported = InputFormat::unsupported();
    let expected = unsupported
        .strip_prefix("unsupported file type ")
        .unwrap_or(&unsupported);
    format!("no articles in this folder {expected}, outside ignored and hidden files")
}

fn is_readme(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

fn walk(
    dir: &Path,
    excludes: Option<&Excludes>,
    skip: &[PathBuf],
    files: &mut Vec<Found>,
    errors: &mut Vec<InputError>,
) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .standard_filters(true)
        .git_global(false)
        .require_git(false)
        .add_custom_ignore_filename(".concordignore")
        .follow_links(true)
        .sort_by_file_path(Ord::cmp);
    if let Some(ex) = excludes.cloned() {
        builder.filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            e.depth() == 0 || !ex.excludes(e.path(), is_dir)
        });
    }
    for entry in builder.build() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                if let Some(e) = walk_error(&e, dir) {
                    errors.push(e);
                }
                continue;
            }
        };
        let path = entry.path();
        if entry.file_type().is_none_or(|t| t.is_dir()) || is_readme(path) {
            continue;
        }
        if let Some(format) = InputFormat::of(path)
            && (skip.is_empty() || !skip.contains(&canonical(path)))
        {
            files.push(Found {
                path: path.to_path_buf(),
                format,
                named: false,
            });
        }
    }
}

/// An error of the walk as an input error; `None` for a symlink loop (a
/// folder reached again through a link is a duplicate, not a fault).
fn walk_error(e: &ignore::Error, dir: &Path) -> Option<InputError> {
    match e {
        ignore::Error::Loop { .. } => None,
        ignore::Error::WithPath { path, err } => walk_error(err, dir).map(|mut e| {
            e.path = display(path);
            e
        }),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error(err, dir)
        }
        ignore::Error::Io(io) => Some(error(dir, io_message(io))),
        ignore::Error::Partial(errs) => errs.iter().find_map(|e| walk_error(e, dir)),
        other => Some(error(dir, other.to_string())),
    }
}
