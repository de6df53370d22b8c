//! Finding and reading input files.
//!
//! Directories are walked recursively; their `.txt`, `.md` and `.html`
//! files (and JSON Lines) are taken in sorted order, except `README` files (a folder's description,
//! not an article; name one on the command line to check it anyway). A file given twice (or reached twice through
//! links) is read once; symlink loops are detected. A file that cannot be
//! read, is binary (holds a NUL byte), is not UTF-8 or holds no text is an
//! input error naming the file; the other inputs are still processed.

use concord_core::InputError;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The largest input file read, in bytes (for JSON Lines: decompressed).
/// A 50 MB article takes about 20 CPU seconds and 2 GB of memory; a larger
/// file is refused rather than left to exhaust the machine.
pub const MAX_INPUT_BYTES: u64 = 128 << 20;

/// Extensions read when walking a directory.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "markdown", "text", "html", "htm"];

/// A file to check: the path as the user spelled it, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: String,
    pub text: String,
}

/// Expands `paths` into the files to read, sorted by display path, and the
/// errors met on the way.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => errors.push(error(p, io_message(&e))),
            Ok(m) if m.is_dir() => walk(p, &mut files, &mut errors, &mut seen_dirs),
            Ok(_) => {
                if has_article_extension(p) {
                    files.push(p.clone());
                } else {
                    errors.push(error(
                        p,
                        format!(
                            "unsupported file type (expected {})",
                            ARTICLE_EXTENSIONS.join(", ")
                        ),
                    ));
                }
            }
        }
    }
    // One entry per real file, whatever the spelling; the smallest display
    // path wins so that the choice does not depend on argument order.
    files.sort();
    let mut seen = BTreeSet::new();
    files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    errors.sort();
    errors.dedup();
    (files, errors)
}

fn is_readme(p: &Path) -> bool {
    p.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| s.eq_ignore_ascii_case("readme"))
}

fn has_article_extension(p: &Path) -> bool {
    if crate::jsonl::is_jsonl(p) {
        return true;
    }
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn walk(
    dir: &Path,
    files: &mut Vec<PathBuf>,
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
            Ok(_) if has_article_extension(&child) && !is_readme(&child) => files.push(child),
            Ok(_) => {}
            Err(e) => errors.push(error(&child, io_message(&e))),
        }
    }
}

/// Reads every input: article files as one document each, JSON Lines
/// files as one document per article.
pub fn read_all(paths: &[PathBuf]) -> (Vec<crate::Document>, Vec<InputError>) {
    let (files, mut errors) = collect(paths);
    let mut docs = Vec::new();
    for f in files {
        if crate::jsonl::is_jsonl(&f) {
            let (d, e) = crate::jsonl::read(&f);
            docs.extend(d);
            errors.extend(e);
            continue;
        }
        match read(&f) {
            Ok(i) if crate::html::is_html(&f) => {
                let x = crate::html::extract(&i.text);
                docs.push(crate::Document {
                    path: i.path,
                    text: x.text,
                    meta: Some(x.meta),
                    label: None,
                    source: Some(x.map),
                });
            }
            Ok(i) => docs.push(crate::Document {
                path: i.path,
                text: i.text,
                meta: None,
                label: None,
                source: None,
            }),
            Err(e) => errors.push(e),
        }
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
) -> (Vec<crate::Document>, Vec<InputError>, BTreeSet<String>) {
    let (new_files, _) = collect(new);
    let canonical = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let new_files: BTreeSet<PathBuf> = new_files.iter().map(|f| canonical(f)).collect();
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

/// Reads one file as text.
pub fn read(path: &Path) -> Result<Input, InputError> {
    let size = std::fs::metadata(path)
        .map_err(|e| error(path, io_message(&e)))?
        .len();
    if size > MAX_INPUT_BYTES {
        return Err(error(path, too_large(size)));
    }
    let bytes = std::fs::read(path).map_err(|e| error(path, io_message(&e)))?;
    let text = decode(&bytes).map_err(|m| error(path, m))?;
    Ok(Input {
        path: display(path),
        text,
    })
}

/// Checks that `bytes` are an article: no NUL byte, valid UTF-8, and some
/// text besides whitespace and a byte-order mark.
///
/// Invalid UTF-8 is refused rather than decoded lossily: a replacement
/// character would shift every later byte span, and spans must slice the
/// file as it is on disk. A UTF-8 byte-order mark is kept (it is valid
/// UTF-8, and spans count it).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file, not text (NUL byte at offset {at})"));
    }
    let text = String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!(
            "not valid UTF-8 (invalid byte at offset {}); convert the file to UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err("empty file, no text to check".into());
    }
    Ok(text)
}

/// The message for a file over [`MAX_INPUT_BYTES`].
pub fn too_large(size: u64) -> String {
    format!(
        "{size} bytes, over the limit of {} MiB for one input; split it",
        MAX_INPUT_BYTES >> 20
    )
}

/// The path as shown in reports: as given, with `/` separators.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn error(path: &Path, message: String) -> InputError {
    InputError {
        path: display(path),
        line: None,
        message,
    }
}

fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // "Too many levels of symbolic links (os error 40)" → drop the code.
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_binary_and_invalid_utf8() {
        assert!(decode(b"abc\0def").unwrap_err().contains("offset 3"));
        assert!(decode(b"ab\xffcd").unwrap_err().contains("offset 2"));
        assert_eq!(decode("héllo".as_bytes()).unwrap(), "héllo");
    }

    #[test]
    fn refuses_empty_files_and_keeps_a_bom() {
        for empty in ["", " \n\r\n\t", "\u{feff}", "\u{feff}\n"] {
            assert!(decode(empty.as_bytes()).unwrap_err().contains("empty file"));
        }
        assert_eq!(decode("\u{feff}Text.".as_bytes()).unwrap(), "\u{feff}Text.");
    }
}
