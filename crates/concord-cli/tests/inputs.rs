//! The inputs editors have: HTML pages and Markdown with YAML front
//! matter.
use crate::common::{concord, root, scratch, stderr, stdout};
use serde_json::Value;

/// `fixtures/contradiction-date/004_edited.txt` as a web page: one `<p>`
/// per paragraph, with navigation, a script and a footer around it.
fn as_html(text: &str) -> String {
    let mut page = String::from(
        "<!DOCTYPE html>\n<html><head><title>Page</title>\n<meta property=\"og:site_name\" content=\"Wire &amp; Co\">\n<script>alert(\"Biden\")</script></head>\n<body><nav><a href=\"/\">Home</a></nav>\n<article>\n",
    );
    for para in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        let escaped = para.replace('&', "&amp;").replace('<', "&lt;");
        page.push_str(&format!("<p>\n  {escaped}\n</p>\n"));
    }
    page.push_str("</article>\n<footer>Copyright</footer></body></html>\n");
    page
}

#[test]
fn html_and_yaml_articles_are_checked_like_any_other() {
    let dir = scratch("inputs");
    let case = root().join("fixtures/contradiction-date");
    let edited = std::fs::read_to_string(case.join("004_edited.txt")).unwrap();
    std::fs::write(dir.join("004_edited.html"), as_html(&edited)).unwrap();
    let original = std::fs::read_to_string(case.join("000_afc76d7b66223465.txt")).unwrap();
    std::fs::write(
        dir.join("000.md"),
        format!("---\ntitle: \"US, Japan: an upgrade\"\noutlet: Example Times\npublished: 2024-04-10\ntags: [summit]\n---\n{original}"),
    )
    .unwrap();
    let o = concord(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        "json",
        "--no-cache",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report: Value = serde_json::from_str(&stdout(&o)).unwrap();
    let articles = report["articles"].as_array().unwrap();
    assert_eq!(articles[0]["outlet"], "Example Times");
    assert_eq!(articles[0]["title"], "US, Japan: an upgrade");
    assert_eq!(articles[0]["published"], "2024-04-10");
    assert_eq!(articles[1]["outlet"], "Wire & Co");
    let finding = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "contradiction-date")
        .expect("the contradiction is found across formats");
    // The HTML claim's line is a line of the HTML file holding its text.
    let html = std::fs::read_to_string(dir.join("004_edited.html")).unwrap();
    let claim = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == finding["claims"][1])
        .unwrap();
    assert_eq!(claim["article"], "a2");
    let line = html
        .lines()
        .nth(claim["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let text = claim["text"].as_str().unwrap();
    assert!(line.contains(&text[..20]), "{line} / {text}");
    // Furniture and scripts are not claims.
    for c in report["claims"].as_array().unwrap() {
        let t = c["text"].as_str().unwrap();
        assert!(!t.contains("Home") && !t.contains("alert") && !t.contains("Copyright"));
    }
}

#[test]
fn bad_yaml_front_matter_names_file_and_line() {
    let dir = scratch("bad-yaml");
    let file = dir.join("a.md");
    std::fs::write(
        &file,
        "---\ntitle: T\npublished: next week\n---\nBody text here.\n",
    )
    .unwrap();
    let o = concord(&["check", file.to_str().unwrap(), "--no-cache"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("a.md:3: front matter: `published` must be YYYY-MM-DD"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1);
}
