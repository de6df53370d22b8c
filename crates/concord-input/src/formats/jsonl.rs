//! JSON Lines input: one article per line, `{"id", "text"}` plus optional
//! `title`, `outlet`, `url`, `published` (YYYY-MM-DD). Gzip files (told by
//! their magic bytes, not their name) are decompressed while reading, under
//! the size limit (`crate::file`). A line may also hold a whole story,
//! `{"cluster", "articles": [...]}` (the shape of the shared news corpus);
//! its articles keep the cluster as their known story label.
//!
//! A bad line is an error naming the file and line; the other lines are
//! still read. Claim spans of a JSON Lines article are byte offsets into
//! its `text`.

use crate::document::Document;
use crate::file::{Limited, MAX_INPUT_BYTES, display};
use concord_core::{CivilDate, InputError, Meta};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

#[derive(Deserialize)]
struct Record {
    /// As written: a number id is its digits (never rounded through a
    /// float: `12345678901234567890123` and `0.1e1` stay as they are).
    id: Option<Box<serde_json::value::RawValue>>,
    text: Option<String>,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
    cluster: Option<String>,
    /// The story the article belongs to, fixed by whoever grouped it (a
    /// string or a number, as written).
    story: Option<Box<serde_json::value::RawValue>>,
    articles: Option<Vec<Record>>,
}

/// Reads every article of a JSON Lines file.
pub fn read(path: &Path) -> (Vec<Document>, Vec<InputError>) {
    let shown = display(path);
    let err = |line: Option<usize>, message: String| InputError {
        path: shown.clone(),
        line,
        message,
    };
    match Limited::open(path) {
        Ok(limited) => read_limited(&shown, limited),
        Err(message) => (Vec::new(), vec![err(None, message)]),
    }
}

/// Reads JSON Lines (plain or gzip) from bytes already in memory, shown as
/// `shown`: standard input.
pub(crate) fn read_bytes(shown: &str, bytes: &[u8]) -> (Vec<Document>, Vec<InputError>) {
    read_limited(shown, Limited::new(bytes))
}

/// The records of `limited`, and an error when it held more than the limit.
fn read_limited(shown: &str, mut limited: Limited<'_>) -> (Vec<Document>, Vec<InputError>) {
    let (docs, mut errors) = parse(shown, BufReader::new(&mut limited));
    if let Some(message) = limited.overflow() {
        errors.push(InputError {
            path: shown.to_string(),
            line: None,
            message,
        });
    }
    (docs, errors)
}

/// Parses JSON Lines from a reader; `shown` names the file in errors and
/// document paths.
pub fn parse(shown: &str, reader: impl BufRead) -> (Vec<Document>, Vec<InputError>) {
    parse_lines(shown, reader, MAX_INPUT_BYTES as usize)
}

/// [`parse`] with lines of at most `max_line` bytes: a longer line is an
/// error and is skipped without being held in memory.
fn parse_lines(
    shown: &str,
    mut reader: impl BufRead,
    max_line: usize,
) -> (Vec<Document>, Vec<InputError>) {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    let mut ids = BTreeSet::new();
    let mut bytes = Vec::new();
    for line_no in 1.. {
        let err = |message: String| InputError {
            path: shown.to_string(),
            line: Some(line_no),
            message,
        };
        bytes.clear();
        let read = (&mut reader)
            .take(max_line as u64 + 1)
            .read_until(b'\n', &mut bytes);
        match read {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                errors.push(err(format!("read error: {e}")));
                break;
            }
        }
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
        } else if bytes.len() > max_line {
            errors.push(err(format!("line longer than {max_line} bytes, skipped")));
            if let Err(e) = skip_line(&mut reader) {
                errors.push(err(format!("read error: {e}")));
                break;
            }
            continue;
        }
        let Ok(text) = std::str::from_utf8(&bytes) else {
            errors.push(err("not valid UTF-8".into()));
            continue;
        };
        // A byte-order mark may start the file (editors on Windows write one).
        let text = if line_no == 1 {
            text.strip_prefix('\u{feff}').unwrap_or(text)
        } else {
            text
        };
        let text = text.trim();
        if text.is_empty() {
            continue;
        }
        let record: Record = match serde_json::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                errors.push(err(format!("not a JSON object: {e}")));
                continue;
            }
        };
        let cluster = record.cluster.clone();
        let records = match record.articles {
            Some(list) => list,
            None => vec![record],
        };
        for r in records {
            if r.articles.is_some() {
                errors.push(err(
                    "a cluster inside a cluster's `articles` (clusters do not nest); its articles were not read".into(),
                ));
                continue;
            }
            match document(shown, r, cluster.clone(), &mut ids) {
                Ok(d) => docs.push(d),
                Err(m) => errors.push(err(m)),
            }
        }
    }
    (docs, errors)
}

/// Reads up to and including the next newline, keeping nothing.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

fn document(
    shown: &str,
    r: Record,
    label: Option<String>,
    ids: &mut BTreeSet<String>,
) -> Result<Document, String> {
    let Some(id) = key(r.id.as_deref()) else {
        return Err("missing `id` (a string or number)".into());
    };
    let story = match r.story.as_deref() {
        None => None,
        Some(raw) if raw.get() == "null" => None,
        Some(raw) => Some(
            key(Some(raw))
                .ok_or_else(|| format!("article `{id}`: `story` must be a string or a number"))?,
        ),
    };
    let Some(text) = r.text.filter(|t| !t.trim().is_empty()) else {
        return Err(format!("article `{id}` has no `text`"));
    };
    if !ids.insert(id.clone()) {
        return Err(format!("duplicate id `{id}`"));
    }
    let published =
        match r
            .published
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => None,
            Some(s) => Some(CivilDate::parse_iso(s).ok_or_else(|| {
                format!("article `{id}`: `published` must be YYYY-MM-DD, got {s}")
            })?),
        };
    Ok(Document {
        path: format!("{shown}#{id}"),
        text,
        meta: Some(Meta {
            title: r.title,
            outlet: r.outlet,
            url: r.url,
            published,
        }),
        label,
        story,
        source: None,
    })
}

/// A non-empty string or a number, as written (`id`, `story`).
fn key(raw: Option<&serde_json::value::RawValue>) -> Option<String> {
    match raw.map(|raw| raw.get()) {
        Some(raw) if raw.starts_with('"') => serde_json::from_str::<String>(raw)
            .ok()
            .filter(|s| !s.trim().is_empty()),
        Some(raw) if raw.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
            Some(raw.to_string())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_articles_and_reports_bad_lines() {
        let input = "{\"id\": \"x1\", \"text\": \"Japan and the US met.\", \"published\": \"2024-04-10\"}\n\
                     not json\n\
                     {\"id\": \"x2\"}\n\
                     \n\
                     {\"id\": 7, \"text\": \"Second.\", \"published\": \"April\"}\n\
                     {\"id\": \"x1\", \"text\": \"dup\"}\n\
                     {\"id\": \"x3\", \"text\": \"Third.\"}\n";
        let (docs, errors) = parse("feed.jsonl", input.as_bytes());
        let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["feed.jsonl#x1", "feed.jsonl#x3"]);
        let lines: Vec<usize> = errors.iter().filter_map(|e| e.line).collect();
        assert_eq!(lines, [2, 3, 5, 6]);
        assert!(errors[2].message.contains("YYYY-MM-DD"));
        assert_eq!(
            docs[0]
                .meta
                .as_ref()
                .unwrap()
                .published
                .unwrap()
                .to_string(),
            "2024-04-10"
        );
    }

    #[test]
    fn skips_overlong_lines_without_holding_them() {
        let input = format!(
            "{{\"id\": \"a\", \"text\": \"Short.\"}}\n{}\n{{\"id\": \"b\", \"text\": \"Also.\"}}",
            "x".repeat(100)
        );
        let (docs, errors) = parse_lines("f.jsonl", input.as_bytes(), 40);
        let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(paths, ["f.jsonl#a", "f.jsonl#b"]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(2));
        assert!(errors[0].message.contains("longer than 40 bytes"));
    }

    #[test]
    fn numeric_ids_are_kept_as_written_not_through_a_float() {
        let input = "{\"id\": 12345678901234567890123, \"text\": \"First.\"}\n\
                     {\"id\": 12345678901234567890124, \"text\": \"Second.\"}\n\
                     {\"id\": 0.1e1, \"text\": \"Third.\"}\n\
                     {\"id\": 7, \"text\": \"Fourth.\"}\n\
                     {\"id\": true, \"text\": \"Fifth.\"}\n";
        let (docs, errors) = parse("f.jsonl", input.as_bytes());
        let paths: Vec<&str> = docs.iter().map(|d| d.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "f.jsonl#12345678901234567890123",
                "f.jsonl#12345678901234567890124",
                "f.jsonl#0.1e1",
                "f.jsonl#7"
            ]
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("missing `id`"), "{errors:?}");
    }

    #[test]
    fn a_byte_order_mark_does_not_lose_the_first_record() {
        let input = "\u{feff}{\"id\": \"a\", \"text\": \"First.\"}\n{\"id\": \"b\", \"text\": \"Second.\"}\n";
        let (docs, errors) = parse("f.jsonl", input.as_bytes());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(docs.len(), 2);
    }

    #[test]
    fn a_cluster_nested_in_a_cluster_is_an_error() {
        let input = "{\"cluster\": \"c1\", \"articles\": [{\"id\": \"x\", \"text\": \"A.\"}, \
                     {\"cluster\": \"c2\", \"articles\": [{\"id\": \"y\", \"text\": \"B.\"}]}]}\n";
        let (docs, errors) = parse("f.jsonl", input.as_bytes());
        assert_eq!(docs.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(1));
        assert!(
            errors[0].message.contains("clusters do not nest"),
            "{errors:?}"
        );
    }

    #[test]
    fn reads_story_records() {
        let input = "{\"cluster\": \"c1\", \"articles\": [{\"id\": \"c1-0\", \"text\": \"A.\"}, {\"id\": \"c1-1\", \"text\": \"B.\"}]}\n";
        let (docs, errors) = parse("corpus.jsonl", input.as_bytes());
        assert!(errors.is_empty());
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].label.as_deref(), Some("c1"));
    }

    #[test]
    fn a_given_story_is_kept_as_written() {
        let input = "{\"id\": \"a\", \"text\": \"A.\", \"story\": \"s-9\"}\n\
                     {\"id\": \"b\", \"text\": \"B.\", \"story\": 12345678901234567890}\n\
                     {\"id\": \"c\", \"text\": \"C.\", \"story\": null}\n\
                     {\"id\": \"d\", \"text\": \"D.\", \"story\": {\"k\": 1}}\n";
        let (docs, errors) = parse("feed.jsonl", input.as_bytes());
        let stories: Vec<Option<&str>> = docs.iter().map(|d| d.story.as_deref()).collect();
        assert_eq!(stories, [Some("s-9"), Some("12345678901234567890"), None]);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, Some(4));
        assert!(errors[0].message.contains("`story` must be"), "{errors:?}");
    }

    #[test]
    fn reads_gzip() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"{\"id\": \"g\", \"text\": \"Zipped.\"}\n")
            .unwrap();
        let bytes = enc.finish().unwrap();
        let dir = std::env::temp_dir().join(format!("concord-jsonl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("feed.jsonl.gz");
        std::fs::write(&path, bytes).unwrap();
        let (docs, errors) = read(&path);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(docs[0].text, "Zipped.");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
