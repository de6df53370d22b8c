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

    /// What a file named on the command line in no known format is told:
    /// every extension and name ending concord reads.
    pub(crate) fn unsupported() -> String {
        let names: Vec<&str> = InputFormat::ALL
            .into_iter()
            .flat_map(|f| {
                let endings = f.name_endings().iter().map(|e| e.trim_start_matches('.'));
                f.extensions().iter().copied().chain(endings)
            })
            .collect();
        format!("unsupported file type (expected {})", names.join(", "))
    }

    /// Reads the file at `path` in this format: its documents (one for an
    /// article file, one per record for JSON Lines) and the errors met.
    pub fn read(self, path: &Path) -> (Vec<Document>, Vec<InputError>) {
        let read = self.read_file(path, false);
        (read.docs, read.errors)
    }

    /// [`InputFormat::read`]; with `skip_reports`, an article file that is
    /// a report concord wrote ([`is_concord_report`]) gives no document.
    pub(crate) fn read_file(self, path: &Path, skip_reports: bool) -> FileRead {
        let whole = |document: ArticleReader| {
            let read = file::read_text(path).and_then(|text| {
                if skip_reports && is_concord_report(&text) {
                    return Ok(None);
                }
                document(file::display(path), text)
                    .map(Some)
                    .map_err(|m| file::error(path, m))
            });
            match read {
                Ok(Some(doc)) => FileRead {
                    docs: vec![doc],
                    ..FileRead::default()
                },
                Ok(None) => FileRead {
                    report: true,
                    ..FileRead::default()
                },
                Err(e) => FileRead {
                    errors: vec![e],
                    ..FileRead::default()
                },
            }
        };
        match self.article_reader() {
            Some(document) => whole(document),
            None => {
                let (docs, errors) = jsonl::read(path);
                FileRead {
                    docs,
                    errors,
                    report: false,
                }
            }
        }
    }

    /// Reads `bytes` in this format as one input shown as `shown`
    /// (standard input): the same readers as [`InputFormat::read_file`],
    /// under the same limits.
    pub(crate) fn read_bytes(self, shown: &str, bytes: &[u8]) -> FileRead {
        let error = |message: String| InputError {
            path: shown.to_string(),
            line: None,
            message,
        };
        let (docs, errors) = if bytes.len() as u64 > file::MAX_INPUT_BYTES {
            (Vec::new(), vec![error(file::too_large(bytes.len() as u64))])
        } else {
            match self.article_reader() {
                None => jsonl::read_bytes(shown, bytes),
                Some(document) => {
                    match file::decode(bytes).and_then(|text| document(shown.to_string(), text)) {
                        Ok(d) => (vec![d], Vec::new()),
                        Err(message) => (Vec::new(), vec![error(message)]),
                    }
                }
            }
        };
        FileRead {
            docs,
            errors,
            report: false,
        }
    }

    /// How a whole-file format turns its text into an article; `None` for
    /// JSON Lines, which holds many.
    fn article_reader(self) -> Option<ArticleReader> {
        match self {
            InputFormat::Text => Some(|path, text| Ok(text::document(path, text))),
            InputFormat::Html => Some(html::document),
            InputFormat::JsonLines => None,
        }
    }
}

/// Turns a display path and a file's text into its article.
type ArticleReader = fn(String, String) -> Result<Document, String>;

/// What reading one file gave.
#[derive(Debug, Default)]
pub(crate) struct FileRead {
    pub(crate) docs: Vec<Document>,
    pub(crate) errors: Vec<InputError>,
    /// The file is a concord report, skipped.
    pub(crate) report: bool,
}

/// Is `text` a report concord wrote (`concord check -o FILE` in a format
/// an article file could be mistaken for)? Reading one back as an article
/// would check concord's quotations of the articles against the articles
/// themselves, and every run would find more. Each format is told by what
/// concord writes and an article does not: the Markdown title, the HTML
/// page's title and policy, the JSON report's `schema_version`, the
/// summary line that ends the text and GitHub formats.
pub fn is_concord_report(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head = text.get(..text.len().min(1024)).unwrap_or(text);
    if text.starts_with("# concord report\n") {
        return true;
    }
    if text.starts_with("<!DOCTYPE html>")
        && head.contains("<title>concord report</title>")
        && head.contains("Content-Security-Policy")
    {
        return true;
    }
    if text.starts_with("{\n  \"schema_version\": ") {
        return true;
    }
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| l.strip_prefix("concord: "))
        .is_some_and(is_summary)
}

/// `3 articles, 1 story, 98 claims, 11 shared facts: ...`, the summary
/// line of a report.
fn is_summary(line: &str) -> bool {
    let Some((counts, _)) = line.split_once(": ") else {
        return false;
    };
    let parts: Vec<&str> = counts.split(", ").collect();
    let nouns = [
        ["article", "articles"],
        ["story", "stories"],
        ["claim", "claims"],
        ["shared fact", "shared facts"],
    ];
    parts.len() == nouns.len()
        && parts.iter().zip(nouns).all(|(p, names)| {
            p.split_once(' ').is_some_and(|(n, noun)| {
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && names.contains(&noun)
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_concord_reports_and_not_articles() {
        for report in [
            "# concord report\n\n2 articles, 1 story, 5 claims, 1 shared fact: 0 contradictions\n",
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n<title>concord report</title>\n",
            "{\n  \"schema_version\": 3,\n",
            "error[contradiction-number]: different figures\n  --> a.txt:1:1\n\nconcord: 2 articles, 1 story, 9 claims, 3 shared facts: 1 contradiction, 0 tensions, 0 unsupported details, 3 single-source claims\n",
        ] {
            assert!(is_concord_report(report), "{report}");
        }
        for article in [
            "Concord report: the town council met on Monday.\n",
            "# concord reports on the summit\n\nText.\n",
            "The meeting ended.\nconcord: 2 articles were signed, he said.\n",
            "<!DOCTYPE html>\n<html><head><title>concord report</title></head><body>A page.</body></html>\n",
        ] {
            assert!(!is_concord_report(article), "{article}");
        }
    }

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
    fn the_unsupported_type_message_lists_jsonl() {
        assert_eq!(
            InputFormat::unsupported(),
            "unsupported file type (expected txt, md, markdown, text, html, htm, jsonl, jsonl.gz, ndjson)"
        );
    }
}
