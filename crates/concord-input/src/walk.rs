//! From the paths given to the files to read.
//!
//! Directories are walked recursively; their files in a known
//! [`InputFormat`] are taken in sorted order, except `README` files (a
//! folder's description, not an article; name one on the command line to
//! check it anyway). A file named on the command line in no known format
//! is an error. A file given twice (or reached twice through links) is
//! read once; symlink loops are detected. Whether a file was named on the
//! command line or found in a folder is kept ([`Found::named`]): a
//! concord report found in a folder is not read as an article.

use crate::file::{error, io_message};
use crate::formats::InputFormat;
use concord_core::InputError;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Found {
    pub path: PathBuf,
    pub format: InputFormat,
    /// Named on the command line (else found by walking a folder).
    pub named: bool,
}

/// Expands `paths` into the files to read with their formats, sorted by
/// path, and the errors met on the way.
pub fn collect(paths: &[PathBuf]) -> (Vec<Found>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(error(p, io_message(&e))),
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut errors, &mut seen_dirs),
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
    let mut index: std::collections::BTreeMap<PathBuf, usize> = Default::default();
    for f in files {
        let real = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
        match index.get(&real) {
            Some(&k) => kept[k].named |= f.named,
            None => {
                index.insert(real, kept.len());
                kept.push(f);
            }
        }
    }
    errors.sort();
    errors.dedup();
    (kept, errors)
}

fn is_readme(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

fn walk(
    dir: &Path,
    files: &mut Vec<Found>,
    errors: &mut Vec<InputError>,
    seen: &mut BTreeSet<PathBuf>,
) {
    let canonical = match std::fs::canonicalize(dir) {
        Ok(c) => c,
        Err(e) => {
            errors.push(error(dir, io_message(&e)));
            return;
        }
    };
    if !seen.insert(canonical) {
        // Reached again through a symlink: a loop or a duplicate.
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(error(dir, io_message(&e)));
            return;
        }
    };
    let mut children: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    children.sort();
    for child in children {
        match std::fs::metadata(&child) {
            Ok(m) if m.is_dir() => walk(&child, files, errors, seen),
            Ok(_) if is_readme(&child) => {}
            Ok(_) => {
                if let Some(format) = InputFormat::of(&child) {
                    files.push(Found {
                        path: child,
                        format,
                        named: false,
                    });
                }
            }
            Err(e) => errors.push(error(&child, io_message(&e))),
        }
    }
}
