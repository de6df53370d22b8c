//! From the paths given to the files to read.
//!
//! Directories are walked recursively; their files in a known
//! [`InputFormat`] are taken in sorted order, except `README` files (a
//! folder's description, not an article; name one on the command line to
//! check it anyway). A file named on the command line in no known format
//! is an error. A file given twice (or reached twice through links) is
//! read once; symlink loops are detected.

use crate::file::{error, io_message};
use crate::formats::InputFormat;
use concord_core::InputError;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Expands `paths` into the files to read with their formats, sorted by
/// display path, and the errors met on the way.
pub fn collect(paths: &[PathBuf]) -> (Vec<(PathBuf, InputFormat)>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(error(p, io_message(&e))),
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut errors, &mut seen_dirs),
            Ok(_) => match InputFormat::of(p) {
                Some(format) => files.push((p.clone(), format)),
                None => errors.push(error(p, InputFormat::unsupported())),
            },
        }
    }
    // One entry per real file, whatever the spelling; the smallest display
    // path wins so that the choice does not depend on argument order.
    files.sort();
    let mut seen = BTreeSet::new();
    files.retain(|(f, _)| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    errors.sort();
    errors.dedup();
    (files, errors)
}

fn is_readme(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

fn walk(
    dir: &Path,
    files: &mut Vec<(PathBuf, InputFormat)>,
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
                    files.push((child, format));
                }
            }
            Err(e) => errors.push(error(&child, io_message(&e))),
        }
    }
}
