//! Article metadata: front matter at the very start of the file, TOML
//! between `+++` lines or YAML between `---` lines (the two forms static
//! site generators write).
//!
//! ```text
//! +++                                    ---
//! title = "US, Japan announce upgrade"   title: US, Japan announce upgrade
//! outlet = "Financial Times"             outlet: Financial Times
//! published = 2024-04-10                 published: 2024-04-10
//! +++                                    ---
//! ```
//! `published` may be a TOML date or a `"YYYY-MM-DD"` string; in YAML a
//! date, or a date-time whose date is taken (`2024-04-10T09:00:00Z`), and
//! `date` is read when `published` is absent (Hugo and Jekyll write it).
//! Other keys are allowed (static-site generators write many) and ignored.
//! A YAML block may also close with `...`.
//!
//! YAML aliases repeat what an anchor names, and nested ones multiply: a
//! few hundred bytes can stand for gigabytes ("billion laughs"). Before the
//! YAML is loaded, its events are walked to add up what the aliases expand
//! to; more than twice the front matter's size (and 64 KiB), or nesting
//! deeper than [`MAX_YAML_DEPTH`] levels, is an error naming the line.

use concord_core::{CivilDate, Meta};
use serde::Deserialize;

/// A front-matter problem: 1-based line in the file and a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaError {
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
struct Raw {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<toml::Value>,
}

/// The fields read, whichever the syntax; `published` as written.
#[derive(Default)]
struct Fields {
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Toml,
    Yaml,
}

/// Splits off front matter. Returns the metadata and the byte offset where
/// the body starts (0 when there is no front matter). A UTF-8 byte-order
/// mark before the fence is allowed.
pub fn parse(text: &str) -> Result<(Meta, usize), MetaError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let (syntax, after_fence) = match (strip_fence_line(rest, "+++"), strip_fence_line(rest, "---"))
    {
        (Some(a), _) => (Syntax::Toml, a),
        (None, Some(a)) => (Syntax::Yaml, a),
        (None, None) => return Ok((Meta::default(), 0)),
    };
    let fence = if syntax == Syntax::Toml { "+++" } else { "---" };
    let fence_len = rest.len() - after_fence.len();
    // Find the closing fence at the start of a line.
    let mut offset = 0;
    let mut close = None;
    for line in after_fence.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\r', '\n']);
        if bare == fence || (syntax == Syntax::Yaml && bare == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((close_start, close_end)) = close else {
        // `---` is also a Markdown rule: without a closing fence it opens
        // no front matter.
        if syntax == Syntax::Yaml {
            return Ok((Meta::default(), 0));
        }
        return Err(MetaError {
            line: 1,
            message: "front matter opened with `+++` is never closed".into(),
        });
    };
    let body = &after_fence[..close_start];
    let header_line = 2; // the metadata starts on the line after the fence
    let fields = match syntax {
        Syntax::Toml => toml_fields(body, header_line)?,
        Syntax::Yaml => yaml_fields(body, header_line)?,
    };
    let published = match fields.published {
        None => None,
        Some(s) => match CivilDate::parse_iso(&s).or_else(|| date_of_datetime(&s)) {
            Some(d) => Some(d),
            None => {
                let line = header_line
                    + body
                        .lines()
                        .position(|l| {
                            let l = l.trim_start();
                            l.starts_with("published") || l.starts_with("date")
                        })
                        .unwrap_or(0);
                return Err(MetaError {
                    line,
                    message: format!("front matter: `published` must be YYYY-MM-DD, got {s}"),
                });
            }
        },
    };
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok((
        Meta {
            title: clean(fields.title),
            outlet: clean(fields.outlet),
            url: clean(fields.url),
            published,
        },
        bom + fence_len + close_end,
    ))
}

/// `2024-04-10T09:00:00+01:00` or `2024-04-10 09:00` → 2024-04-10.
fn date_of_datetime(s: &str) -> Option<CivilDate> {
    let (date, time) = (s.get(..10)?, s.get(10..)?);
    if time.starts_with(['T', 't', ' ']) {
        CivilDate::parse_iso(date)
    } else {
        None
    }
}

fn toml_fields(body: &str, header_line: usize) -> Result<Fields, MetaError> {
    let raw: Raw = toml::from_str(body).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        MetaError {
            line: header_line + body[..at.min(body.len())].matches('\n').count(),
            message: format!("front matter: {}", e.message().trim().replace('\n', " ")),
        }
    })?;
    Ok(Fields {
        title: raw.title,
        outlet: raw.outlet,
        url: raw.url,
        published: raw.published.map(|v| match v {
            toml::Value::String(s) => s,
            toml::Value::Datetime(d) => d.to_string(),
            other => other.to_string(),
        }),
    })
}

/// The deepest nesting of YAML front matter read (metadata is flat; a
/// deep value would only cost memory and recursion when dropped).
pub const MAX_YAML_DEPTH: usize = 64;

/// Checks, without building anything, that YAML front matter stays small
/// once its aliases are expanded and shallow (see the module docs). Syntax
/// errors are left for the loader to report.
fn yaml_bounds(body: &str, header_line: usize) -> Result<(), MetaError> {
    use yaml_rust2::parser::{Event, Parser};
    let limit = 2 * body.len() as u64 + 65_536;
    let mut parser = Parser::new_from_str(body);
    // Expanded size of each anchor; (anchor, size so far) of each open
    // collection; the size of what is complete at the top.
    let mut anchors: std::collections::HashMap<usize, u64> = Default::default();
    let mut open: Vec<(usize, u64)> = Vec::new();
    let mut total: u64 = 0;
    loop {
        let Ok((event, mark)) = parser.next_token() else {
            return Ok(());
        };
        let error = |message: String| MetaError {
            line: yaml_line(body, mark.index(), header_line),
            message,
        };
        let size = match event {
            Event::StreamEnd => return Ok(()),
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if open.len() >= MAX_YAML_DEPTH {
                    return Err(error(format!(
                        "front matter: nested deeper than {MAX_YAML_DEPTH} levels"
                    )));
                }
                open.push((anchor, 1));
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some((anchor, size)) = open.pop() else {
                    continue;
                };
                if anchor > 0 {
                    anchors.insert(anchor, size);
                }
                size
            }
            Event::Scalar(value, _, anchor, _) => {
                let size = value.len() as u64 + 1;
                if anchor > 0 {
                    anchors.insert(anchor, size);
                }
                size
            }
            Event::Alias(anchor) => anchors.get(&anchor).copied().unwrap_or(1),
            _ => continue,
        };
        let grown = match open.last_mut() {
            Some(top) => {
                top.1 = top.1.saturating_add(size);
                top.1
            }
            None => {
                total = total.saturating_add(size);
                total
            }
        };
        if grown > limit {
            return Err(error(format!(
                "front matter: aliases expand it to more than {limit} bytes (a \"billion laughs\"); refused"
            )));
        }
    }
}

/// The line of the file at character `index` of the YAML `body`, counted
/// as concord counts lines (by `\n`): the YAML parser also breaks lines at
/// a bare `\r`, which would name a line past the end of the file.
fn yaml_line(body: &str, index: usize, header_line: usize) -> usize {
    header_line + body.chars().take(index).filter(|&c| c == '\n').count()
}

fn yaml_fields(body: &str, header_line: usize) -> Result<Fields, MetaError> {
    use yaml_rust2::{Yaml, YamlLoader};
    yaml_bounds(body, header_line)?;
    let docs = YamlLoader::load_from_str(body).map_err(|e| MetaError {
        line: yaml_line(body, e.marker().index(), header_line),
        message: format!("front matter: {}", e.info()),
    })?;
    let Some(doc) = docs.first() else {
        return Ok(Fields::default());
    };
    let Yaml::Hash(map) = doc else {
        return Err(MetaError {
            line: header_line,
            message: "front matter: expected `key: value` lines".into(),
        });
    };
    // Scalars only: a list or a map where text is expected is an error,
    // named with the key's line.
    let field = |key: &str| -> Result<Option<String>, MetaError> {
        match map.get(&Yaml::String(key.into())) {
            None | Some(Yaml::Null) => Ok(None),
            Some(Yaml::String(s)) | Some(Yaml::Real(s)) => Ok(Some(s.clone())),
            Some(Yaml::Integer(i)) => Ok(Some(i.to_string())),
            Some(Yaml::Boolean(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(MetaError {
                line: header_line
                    + body
                        .lines()
                        .position(|l| l.trim_start().starts_with(&format!("{key}:")))
                        .unwrap_or(0),
                message: format!("front matter: `{key}` must be a single value"),
            }),
        }
    };
    Ok(Fields {
        title: field("title")?,
        outlet: field("outlet")?,
        url: field("url")?,
        published: match field("published")? {
            Some(p) => Some(p),
            None => field("date")?,
        },
    })
}

fn strip_fence_line<'t>(s: &'t str, fence: &str) -> Option<&'t str> {
    let rest = s.strip_prefix(fence)?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_toml_front_matter() {
        let text = "+++\ntitle = \"T\"\noutlet = \"FT\"\npublished = 2024-04-10\ntags = [\"x\"]\n+++\nBody.";
        let (meta, body) = parse(text).unwrap();
        assert_eq!(meta.title.as_deref(), Some("T"));
        assert_eq!(meta.outlet.as_deref(), Some("FT"));
        assert_eq!(meta.published.unwrap().to_string(), "2024-04-10");
        assert_eq!(&text[body..], "Body.");
    }

    #[test]
    fn accepts_string_dates_crlf_and_bom() {
        let text = "\u{feff}+++\r\npublished = \"2024-07-28\"\r\n+++\r\nBody.";
        let (meta, body) = parse(text).unwrap();
        assert_eq!(meta.published.unwrap().to_string(), "2024-07-28");
        assert_eq!(&text[body..], "Body.");
    }

    #[test]
    fn no_front_matter_means_body_at_zero() {
        assert_eq!(parse("Plain text.").unwrap(), (Meta::default(), 0));
    }

    #[test]
    fn reads_yaml_front_matter() {
        let text = "---\ntitle: \"US, Japan: an upgrade\"\noutlet: Financial Times\npublished: 2024-04-10\ntags: [a, b]\nauthor:\n  name: X\n---\nBody.";
        let (meta, body) = parse(text).unwrap();
        assert_eq!(meta.title.as_deref(), Some("US, Japan: an upgrade"));
        assert_eq!(meta.outlet.as_deref(), Some("Financial Times"));
        assert_eq!(meta.published.unwrap().to_string(), "2024-04-10");
        assert_eq!(&text[body..], "Body.");
    }

    #[test]
    fn yaml_dates_may_be_datetimes_or_the_date_key() {
        let (meta, _) = parse("---\ndate: 2024-07-28T09:30:00+09:00\n...\nBody.").unwrap();
        assert_eq!(meta.published.unwrap().to_string(), "2024-07-28");
        let (meta, _) =
            parse("\u{feff}---\r\npublished: \"2024-07-28\"\r\ndate: 2020-01-01\r\n---\r\nB.")
                .unwrap();
        assert_eq!(meta.published.unwrap().to_string(), "2024-07-28");
    }

    #[test]
    fn yaml_errors_name_the_line() {
        let e = parse("---\ntitle: T\npublished: April 10\n---\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("YYYY-MM-DD"));
        let e = parse("---\ntitle: T\noutlet: [a, b]\n---\n").unwrap_err();
        assert_eq!(
            (
                e.line,
                e.message.contains("`outlet` must be a single value")
            ),
            (3, true)
        );
        let e = parse("---\ntitle: T\nurl: \"unclosed\n---\n").unwrap_err();
        assert!(e.line >= 3, "{e:?}");
    }

    #[test]
    fn a_yaml_error_after_bare_carriage_returns_names_a_line_of_the_file() {
        // Found by the front_matter_yaml fuzz target: "\r?\r?" was reported
        // on line 5 of a four-line file.
        let text = "---\n\r?\r?\n---\nBody.\n";
        let e = parse(text).unwrap_err();
        // The metadata line or the closing fence, where the parser ends.
        assert!((2..=3).contains(&e.line), "{e:?}");
    }

    #[test]
    fn yaml_billion_laughs_is_refused_with_its_line() {
        let mut text =
            String::from("---\ntitle: T\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for w in names.windows(2) {
            let (prev, name) = (w[0], w[1]);
            let refs = vec![format!("*{prev}"); 9].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        text.push_str("---\nBody.\n");
        let t = std::time::Instant::now();
        let e = parse(&text).unwrap_err();
        assert!(t.elapsed().as_secs() < 2, "{:?}", t.elapsed());
        assert!(e.message.contains("billion laughs"), "{e:?}");
        // The first alias line whose expansion is over the limit.
        assert!((5..=11).contains(&e.line), "{e:?}");
        // A few aliases that stay small are fine.
        let (meta, _) = parse("---\nname: &n Daily\noutlet: *n\ntitle: *n\n---\nBody.").unwrap();
        assert_eq!(meta.outlet.as_deref(), Some("Daily"));
        assert_eq!(meta.title.as_deref(), Some("Daily"));
    }

    #[test]
    fn deeply_nested_yaml_front_matter_is_refused() {
        // Flow collections: the YAML scanner has a limit of its own.
        let flow = format!(
            "---\ntitle: T\nx: {}{}\n---\nBody.",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let e = parse(&flow).unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        // Block mappings, one level per line.
        let mut block = String::from("---\ntitle: T\n");
        for depth in 0..100 {
            block.push_str(&format!("{}k{depth}:\n", "  ".repeat(depth)));
        }
        block.push_str("---\nBody.");
        let e = parse(&block).unwrap_err();
        assert!(e.message.contains("nested deeper than 64 levels"), "{e:?}");
        assert!((60..=70).contains(&e.line), "{e:?}");
    }

    #[test]
    fn a_dash_rule_that_is_never_closed_is_not_front_matter() {
        assert_eq!(parse("Body.\n---\nMore.").unwrap(), (Meta::default(), 0));
        assert_eq!(
            parse("---\nA rule, then text.\n").unwrap(),
            (Meta::default(), 0)
        );
    }

    #[test]
    fn errors_name_the_line() {
        let e = parse("+++\ntitle = \"T\"\npublished = \"April 10\"\n+++\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("YYYY-MM-DD"));
        let e = parse("+++\ntitle = \"T\"\noutlet = \n+++\n").unwrap_err();
        assert_eq!(e.line, 3);
        let e = parse("+++\ntitle = \"T\"\n").unwrap_err();
        assert!(e.message.contains("never closed"));
    }
}
