//! HTML articles: the article text is extracted with a real HTML parser
//! (html5ever, through `scraper`), and claims point at that text.
//!
//! - The text comes from the first `<article>`, else `<main>`, else
//!   `<body>`. Navigation, scripts, styles, headers, footers, asides,
//!   forms and similar furniture are dropped, as are elements whose role,
//!   class or id marks them as furniture (share bars, newsletters, related
//!   links, comments, cookie notices, adverts, breadcrumbs).
//! - Block elements become paragraphs (a blank line apart); headings
//!   become Markdown headings (`## ...`), so the layout step knows them;
//!   inline whitespace is collapsed as a browser would. A
//!   `<!-- concord-ignore: RULE -->` comment is kept as a line of its own.
//! - Metadata: `og:title` or `<title>`; `og:site_name` as the outlet;
//!   the canonical link or `og:url`; `article:published_time`.
//! - Positions: claim offsets refer to the extracted text (what reports
//!   quote); [`SourceMap`] finds each claim's first word in the HTML file
//!   to give its line and column there, falling back to the start of the
//!   text node it came from.
//! - Bounds: html5ever looks through the open elements for every start
//!   tag (is a `<p>` open in scope?), so parsing costs the nesting depth
//!   per tag: 100,000 nested `<div>`s took 77 s. A page nested deeper
//!   than [`MAX_DEPTH`] elements (what browsers build at most; real
//!   pages stay under 50) is refused before it is parsed: its tags are
//!   counted by html5ever's tokenizer alone, which is linear. The walk
//!   over the parsed page keeps its own stack.

use crate::document::{Document, SourceMap};
use concord_core::{CivilDate, Meta, ignore_rules};
use scraper::{ElementRef, Html, Node};

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "nav", "script", "style", "header", "footer", "aside", "form", "noscript", "template", "svg",
    "iframe", "button", "select", "textarea", "menu", "dialog", "canvas", "object", "embed",
    "head", "title",
];

/// Roles of furniture.
const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "dialog",
    "alert",
];

/// Words in a class or id that mark furniture.
const FURNITURE: &[&str] = &[
    "share",
    "social",
    "newsletter",
    "related",
    "comment",
    "cookie",
    "advert",
    "promo",
    "breadcrumb",
    "subscribe",
    "sidebar",
    "byline-share",
    "paywall",
    "signup",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "pre",
    "figure",
    "figcaption",
    "address",
    "hr",
    "body",
];

/// The text of an HTML article and how to find its positions in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub text: String,
    pub meta: Meta,
    pub map: SourceMap,
}

/// The deepest element nesting read (Blink, Chrome's engine, builds no
/// deeper tree either).
pub const MAX_DEPTH: usize = 512;

/// The document of an HTML file: its display path and the article text
/// extracted from `source`, the page's metadata and the map back to it;
/// an error for a page nested deeper than [`MAX_DEPTH`].
pub fn document(path: String, source: String) -> Result<Document, String> {
    let depth = nesting(&source);
    if depth > MAX_DEPTH {
        return Err(format!(
            "HTML elements nested more than {MAX_DEPTH} deep ({depth}); refused (parsing would take the square of it)"
        ));
    }
    let x = extract(&source);
    Ok(Document {
        path,
        text: x.text,
        meta: Some(x.meta),
        label: None,
        story: None,
        source: Some(x.map),
    })
}

/// Elements that hold no others (void), or whose end tag may be left out
/// because the next one closes them (`<p>`, `<li>`, table cells): neither
/// makes a page deeper, however many there are.
const FLAT: &[&str] = &[
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
    "p",
    "li",
    "dt",
    "dd",
    "option",
    "optgroup",
    "rb",
    "rp",
    "rt",
    "rtc",
    "tr",
    "td",
    "th",
    "thead",
    "tbody",
    "tfoot",
    "colgroup",
    "caption",
    "html",
    "head",
    "body",
    "a",
    "button",
    "nobr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "form",
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "title",
    "textarea",
    "plaintext",
    "template",
];

/// How deep `source`'s elements nest, as its tags say (an element is open
/// from its start tag to its end tag, or to the end tag of an element
/// around it); [`FLAT`] elements are not counted. Linear: html5ever's
/// tokenizer without its tree builder.
fn nesting(source: &str) -> usize {
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
    };
    use std::cell::RefCell;

    #[derive(Default)]
    struct Depth {
        open: Vec<html5ever::LocalName>,
        count: std::collections::HashMap<html5ever::LocalName, usize>,
        max: usize,
    }
    struct Sink(RefCell<Depth>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            let mut d = self.0.borrow_mut();
            match tag.kind {
                TagKind::StartTag => {
                    // The tokenizer reads these elements' content as text,
                    // as the tree builder would have told it to.
                    let raw = match &*tag.name {
                        "script" => Some(TokenSinkResult::RawData(RawKind::ScriptData)),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                            Some(TokenSinkResult::RawData(RawKind::Rawtext))
                        }
                        "title" | "textarea" => Some(TokenSinkResult::RawData(RawKind::Rcdata)),
                        "plaintext" => Some(TokenSinkResult::Plaintext),
                        _ => None,
                    };
                    if let Some(raw) = raw.filter(|_| !tag.self_closing) {
                        return raw;
                    }
                    if tag.self_closing || FLAT.contains(&&*tag.name) {
                        return TokenSinkResult::Continue;
                    }
                    *d.count.entry(tag.name.clone()).or_default() += 1;
                    d.open.push(tag.name);
                    d.max = d.max.max(d.open.len());
                }
                TagKind::EndTag => {
                    if d.count.get(&tag.name).copied().unwrap_or(0) > 0 {
                        while let Some(name) = d.open.pop() {
                            if let Some(n) = d.count.get_mut(&name) {
                                *n -= 1;
                            }
                            if name == tag.name {
                                break;
                            }
                        }
                    }
                }
            }
            TokenSinkResult::Continue
        }
    }
    let tokenizer = Tokenizer::new(Sink(RefCell::default()), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(source.into());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.borrow().max
}

/// Extracts the article text and metadata of an HTML document.
pub fn extract(source: &str) -> Extracted {
    let doc = Html::parse_document(source);
    let mut w = Writer::new(source);
    let root = first(&doc, "article")
        .or_else(|| first(&doc, "main"))
        .or_else(|| first(&doc, "body"))
        .unwrap_or_else(|| doc.root_element());
    w.walk(root);
    let text = w.text.trim_end().to_string() + "\n";
    Extracted {
        meta: meta(&doc),
        map: SourceMap::new(source.to_string(), w.segments),
        text,
    }
}

fn first<'a>(doc: &'a Html, name: &str) -> Option<ElementRef<'a>> {
    doc.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == name)
}

struct Writer<'s> {
    source: &'s str,
    /// Where in the source the next text node is searched for.
    cursor: usize,
    /// Patterns searched for in vain, with the cursor they were searched
    /// from: the cursor only moves forward, so they are not there again.
    missed: std::collections::HashMap<String, usize>,
    /// Bytes scanned by searches that found nothing (see `locate`).
    wasted: usize,
    text: String,
    segments: Vec<(usize, usize)>,
    /// A block ended: the next text starts a new paragraph.
    pending_break: bool,
}

impl<'s> Writer<'s> {
    fn new(source: &'s str) -> Writer<'s> {
        Writer {
            source,
            cursor: 0,
            missed: Default::default(),
            wasted: 0,
            text: String::new(),
            segments: Vec::new(),
            pending_break: false,
        }
    }

    /// Writes the text under `root`, in document order. The walk keeps its
    /// own stack (one entry per open element): a page of 100,000 nested
    /// `<div>`s must not overflow the thread's stack.
    fn walk(&mut self, root: ElementRef<'_>) {
        // Per open element: its remaining children, whether it is inside a
        // `<pre>`, and whether it is a block (a paragraph break after it).
        let mut stack = vec![(root.children(), false, false)];
        while let Some((children, pre, _)) = stack.last_mut() {
            let pre = *pre;
            let Some(child) = children.next() else {
                if let Some((_, _, true)) = stack.pop() {
                    self.pending_break = true;
                }
                continue;
            };
            match child.value() {
                Node::Text(t) => self.push_text(t, pre),
                Node::Comment(c) => {
                    let line = format!("<!--{}-->", &**c);
                    if ignore_rules(line.trim()).is_some() {
                        self.paragraph();
                        self.text.push_str(line.trim());
                        self.pending_break = true;
                    }
                }
                Node::Element(e) => {
                    let Some(child) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = e.name();
                    if is_furniture(child) {
                        continue;
                    }
                    if name == "br" {
                        self.text.push('\n');
                        continue;
                    }
                    let heading = heading_level(name);
                    let block = heading.is_some() || BLOCKS.contains(&name);
                    if block {
                        self.pending_break = true;
                    }
                    if let Some(level) = heading {
                        self.paragraph();
                        self.text.push_str(&"#".repeat(level));
                        self.text.push(' ');
                    }
                    stack.push((child.children(), pre || name == "pre", block));
                }
                _ => {}
            }
        }
    }

    /// Starts a paragraph if a block ended since the last text.
    fn paragraph(&mut self) {
        if self.pending_break {
            let trimmed = self.text.trim_end_matches([' ', '\n']).len();
            self.text.truncate(trimmed);
            if !self.text.is_empty() {
                self.text.push_str("\n\n");
            }
            self.pending_break = false;
        }
    }

    fn push_text(&mut self, t: &str, pre: bool) {
        if t.trim().is_empty() && !pre {
            if !self.text.ends_with([' ', '\n']) && !self.text.is_empty() && !self.pending_break {
                self.text.push(' ');
            }
            return;
        }
        self.paragraph();
        let at_start = self.text.is_empty() || self.text.ends_with('\n');
        let piece = if pre {
            t.to_string()
        } else {
            let mut s = t.split_whitespace().collect::<Vec<_>>().join(" ");
            if t.starts_with(char::is_whitespace) && !at_start && !self.text.ends_with(' ') {
                s.insert(0, ' ');
            }
            if t.ends_with(char::is_whitespace) {
                s.push(' ');
            }
            s
        };
        let lead = piece.len() - piece.trim_start().len();
        let src = self.locate(t);
        self.segments.push((self.text.len() + lead, src));
        self.text.push_str(&piece);
    }

    /// Finds where text node `t` is in the source, searching forward from
    /// the last one found (text nodes come in source order), by its first
    /// word: entities and collapsed whitespace make whole-text matches
    /// unreliable.
    ///
    /// A search that finds nothing scans the rest of the page; text nodes
    /// whose first word the page writes with entities (`&eacute;t&eacute;`)
    /// made that quadratic. A pattern missed once is not searched again,
    /// and once the misses have scanned [`SCAN_BUDGET`] bytes (and four
    /// times the page) a search only looks [`SCAN_WINDOW`] bytes ahead:
    /// ordinary pages never get there, and a hostile one stays linear.
    fn locate(&mut self, t: &str) -> usize {
        let word: String = t
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .take(24)
            .collect();
        let found = if word.is_empty() {
            None
        } else {
            self.find(&format!(">{word}"))
                .map(|at| at + 1)
                .or_else(|| self.find(&word))
        };
        match found {
            Some(at) => {
                self.cursor += at;
                self.cursor
            }
            None => self.cursor,
        }
    }

    /// The offset from the cursor of the first `pattern` after it.
    fn find(&mut self, pattern: &str) -> Option<usize> {
        if self
            .missed
            .get(pattern)
            .is_some_and(|&from| from <= self.cursor)
        {
            return None;
        }
        let rest = self.source.get(self.cursor..).unwrap_or("");
        let hay = if self.wasted > SCAN_BUDGET.max(4 * self.source.len()) {
            let mut end = rest.len().min(SCAN_WINDOW);
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            &rest[..end]
        } else {
            rest
        };
        let found = hay.find(pattern);
        if found.is_none() {
            self.wasted += hay.len();
            if hay.len() == rest.len() {
                self.missed.insert(pattern.to_string(), self.cursor);
            }
        }
        found
    }
}

/// Bytes that searches finding nothing may scan before they only look
/// [`SCAN_WINDOW`] ahead.
const SCAN_BUDGET: usize = 256 << 20;

/// How far ahead a search looks once the budget is spent.
const SCAN_WINDOW: usize = 16 << 10;

fn heading_level(name: &str) -> Option<usize> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(usize::from(d - b'0')),
        _ => None,
    }
}

fn is_furniture(el: ElementRef<'_>) -> bool {
    let e = el.value();
    if DROPPED.contains(&e.name()) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if e.attr("role").is_some_and(|r| DROPPED_ROLES.contains(&r)) {
        return true;
    }
    let marked = |s: &str| {
        s.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .any(|w| {
                let w = w.to_ascii_lowercase();
                FURNITURE
                    .iter()
                    .any(|f| w == *f || w.strip_suffix('s') == Some(f))
            })
    };
    e.classes().any(marked) || e.id().is_some_and(marked)
}

/// Title, outlet, URL and publication date from the document head.
fn meta(doc: &Html) -> Meta {
    let mut m = Meta::default();
    let mut title_tag = None;
    let mut h1 = None;
    for el in doc
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let e = el.value();
        match e.name() {
            "meta" => {
                let key = e.attr("property").or_else(|| e.attr("name")).unwrap_or("");
                let content = e.attr("content").map(|s| s.trim().to_string());
                match key {
                    "og:title" => m.title = m.title.take().or(content),
                    "og:site_name" => m.outlet = m.outlet.take().or(content),
                    "og:url" => m.url = m.url.take().or(content),
                    "article:published_time" | "datePublished" | "date"
                        if m.published.is_none() =>
                    {
                        m.published = content.as_deref().and_then(date);
                    }
                    _ => {}
                }
            }
            "link" if e.attr("rel") == Some("canonical") => {
                m.url = e
                    .attr("href")
                    .map(|s| s.trim().to_string())
                    .or(m.url.take());
            }
            "title" if title_tag.is_none() => {
                title_tag = Some(one_line(&el.text().collect::<String>()))
            }
            "h1" if h1.is_none() => h1 = Some(one_line(&el.text().collect::<String>())),
            "time" if m.published.is_none() => {
                m.published = e.attr("datetime").and_then(date);
            }
            _ => {}
        }
    }
    m.title = m.title.or(title_tag).or(h1).filter(|t| !t.is_empty());
    m.outlet = m.outlet.filter(|t| !t.is_empty());
    m.url = m.url.filter(|t| !t.is_empty());
    m
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `2024-04-10` or the date of `2024-04-10T09:00:00Z`.
fn date(s: &str) -> Option<CivilDate> {
    CivilDate::parse_iso(s.get(..10)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use concord_core::LineIndex;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<title>Fallback title</title>
<meta property="og:title" content="US and Japan upgrade alliance">
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2024-04-10T18:00:00Z">
<link rel="canonical" href="https://example.invalid/a">
<style>p { color: red }</style>
<script>var x = "Biden said nothing";</script>
</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<article>
<h1>US and Japan upgrade
  alliance</h1>
<div class="share-bar">Share on Facebook</div>
<p>Biden and Kishida met at the
   White House on Wednesday.</p>
<!-- concord-ignore: contradiction-date -->
<p>They agreed on <b>70</b> projects &amp; a new command.</p>
<aside>Related: other story</aside>
<script>document.write("<p>Injected</p>")</script>
</article>
<footer>Copyright 2024</footer>
</body></html>
"#;

    #[test]
    fn keeps_the_article_and_drops_the_furniture() {
        let x = extract(PAGE);
        assert_eq!(
            x.text,
            "# US and Japan upgrade alliance\n\nBiden and Kishida met at the White House on Wednesday.\n\n<!-- concord-ignore: contradiction-date -->\n\nThey agreed on 70 projects & a new command.\n"
        );
        for gone in [
            "Home",
            "Share",
            "Related",
            "Copyright",
            "Injected",
            "color",
            "var x",
        ] {
            assert!(!x.text.contains(gone), "{gone}");
        }
    }

    #[test]
    fn reads_metadata_from_the_head() {
        let m = extract(PAGE).meta;
        assert_eq!(m.title.as_deref(), Some("US and Japan upgrade alliance"));
        assert_eq!(m.outlet.as_deref(), Some("The Daily"));
        assert_eq!(m.url.as_deref(), Some("https://example.invalid/a"));
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2024-04-10")
        );
    }

    #[test]
    fn deep_nesting_is_measured_linearly_and_refused() {
        assert_eq!(nesting(PAGE), 2, "the article and its share bar");
        let deep = |n: usize| {
            format!(
                "<body>{}<p>Text.</p>{}</body>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        };
        assert_eq!(nesting(&deep(600)), 600);
        // Unclosed paragraphs and list items do not nest; tags in scripts
        // and comments are not tags.
        let flat = format!(
            "<body>{}<script>{}</script><!-- {} --></body>",
            "<p>a<li>b".repeat(5_000),
            "<div>".repeat(5_000),
            "<div>".repeat(5_000)
        );
        assert_eq!(nesting(&flat), 0);
        let t = std::time::Instant::now();
        let e = document("deep.html".into(), deep(100_000)).unwrap_err();
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        assert!(
            e.starts_with("HTML elements nested more than 512 deep (100000)"),
            "{e}"
        );
        assert!(document("ok.html".into(), deep(500)).is_ok());
    }

    #[test]
    fn the_walk_survives_nesting_at_the_limit_on_a_small_stack() {
        // Below the limit the page is parsed and walked without recursion:
        // on a thread with 64 KiB of stack.
        let page = format!(
            "<body>{}<p>Officials said the talks would resume.</p>{}</body>",
            "<section>".repeat(MAX_DEPTH),
            "</section>".repeat(MAX_DEPTH)
        );
        let text = std::thread::Builder::new()
            .stack_size(64 << 10)
            .spawn(move || {
                let doc = Html::parse_document(&page);
                let root = first(&doc, "body").unwrap_or_else(|| doc.root_element());
                let mut w = Writer::new(&page);
                w.walk(root);
                w.text
            })
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(text.trim(), "Officials said the talks would resume.");
    }

    #[test]
    fn text_nodes_whose_first_word_is_an_entity_are_located_linearly() {
        let page = |n: usize| {
            let body: String = (0..n)
                .map(|k| {
                    format!(
                        "<p>&eacute;t&eacute;{k} officials said talks resumed, number {k}.</p>\n"
                    )
                })
                .collect();
            format!("<html><body><article>{body}</article></body></html>")
        };
        let time = |n: usize| {
            let source = page(n);
            let t = std::time::Instant::now();
            let x = extract(&source);
            let lines = LineIndex::new(&source);
            let mut at = 0;
            while let Some(k) = x.text[at..].find("été") {
                at += k;
                x.map.position(&x.text, at, &lines);
                at += 3;
            }
            t.elapsed().as_secs_f64()
        };
        let (small, large) = (time(2_000), time(8_000));
        // Quadratic would be 16 times; allow for noise.
        assert!(
            large < 8.0 * small + 0.05,
            "{small} s for 2,000, {large} s for 8,000"
        );
    }

    #[test]
    fn positions_point_at_lines_of_the_html_file() {
        let x = extract(PAGE);
        let lines = LineIndex::new(PAGE);
        let at = |needle: &str| {
            let o = x.text.find(needle).unwrap_or(0);
            x.map.position(&x.text, o, &lines).unwrap_or((0, 0))
        };
        assert_eq!(at("Biden and Kishida"), (17, 4));
        assert_eq!(at("White House"), (18, 4));
        assert_eq!(at("They agreed"), (20, 4));
        assert_eq!(at("projects"), (20, 29));
        assert_eq!(at("a new command").0, 20);
    }
}
