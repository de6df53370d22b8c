//! Article metadata: TOML front matter between `+++` lines.
//!
//! ```text
//! +++
//! title = "US, Japan announce upgrade"
//! outlet = "Financial Times"
//! published = 2024-04-10
//! +++
//! ```
//! `published` may be a TOML date or a `"YYYY-MM-DD"` string. Other keys are
//! allowed (static-site generators write many) and ignored.

use concord_core::CivilDate;
use serde::Deserialize;

/// What an article says about itself.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Meta {
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub published: Option<CivilDate>,
}

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

/// Splits off front matter. Returns the metadata and the byte offset where
/// the body starts (0 when there is no front matter). A UTF-8 byte-order
/// mark before the fence is allowed.
pub fn parse(text: &str) -> Result<(Meta, usize), MetaError> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let Some(after_fence) = strip_fence_line(rest) else {
        return Ok((Meta::default(), 0));
    };
    let fence_len = rest.len() - after_fence.len();
    // Find the closing fence at the start of a line.
    let mut offset = 0;
    let mut close = None;
    for line in after_fence.split_inclusive('\n') {
        if line.trim_end_matches(['\r', '\n']) == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((close_start, close_end)) = close else {
        return Err(MetaError {
            line: 1,
            message: "front matter opened with `+++` is never closed".into(),
        });
    };
    let body = &after_fence[..close_start];
    let header_line = 2; // the TOML starts on the line after the fence
    let raw: Raw = toml::from_str(body).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        MetaError {
            line: header_line + body[..at.min(body.len())].matches('\n').count(),
            message: format!("front matter: {}", e.message().trim().replace('\n', " ")),
        }
    })?;
    let published = match raw.published {
        None => None,
        Some(v) => {
            let s = match &v {
                toml::Value::String(s) => s.clone(),
                toml::Value::Datetime(d) => d.to_string(),
                other => other.to_string(),
            };
            match CivilDate::parse_iso(&s) {
                Some(d) => Some(d),
                None => {
                    let line = header_line
                        + body
                            .lines()
                            .position(|l| l.trim_start().starts_with("published"))
                            .unwrap_or(0);
                    return Err(MetaError {
                        line,
                        message: format!("front matter: `published` must be YYYY-MM-DD, got {s}"),
                    });
                }
            }
        }
    };
    let clean = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok((
        Meta {
            title: clean(raw.title),
            outlet: clean(raw.outlet),
            url: clean(raw.url),
            published,
        },
        bom + fence_len + close_end,
    ))
}

fn strip_fence_line(s: &str) -> Option<&str> {
    let rest = s.strip_prefix("+++")?;
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
