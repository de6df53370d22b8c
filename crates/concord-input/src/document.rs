//! What every input format produces: [`Document`], one article with its
//! display path, text and metadata, and for text extracted from markup a
//! [`SourceMap`] back to the file's lines.
//!
//! This is the bottom of the crate: the formats build these values and
//! the engine consumes them, so it imports neither.

use concord_core::{Claim, LineIndex, Meta};

/// One article to check.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Document {
    /// Display path (`file.txt`, or `feed.jsonl#id` for JSON Lines).
    pub path: String,
    pub text: String,
    /// Metadata given outside the text; `None` reads front matter.
    pub meta: Option<Meta>,
    /// A known story label (the corpus cluster), for measuring grouping;
    /// the engine does not use it.
    pub label: Option<String>,
    /// A story given by the input (JSON Lines `story`): the engine puts
    /// articles with the same one in one story and groups only the others
    /// itself (a sharded run's worker gets its stories this way).
    pub story: Option<String>,
    /// For an HTML article, where its extracted `text` comes from in the
    /// file: claims get the file's line and column.
    pub source: Option<SourceMap>,
}

/// Where the pieces of the extracted text come from in the HTML source.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct SourceMap {
    source: String,
    /// (offset in the extracted text, byte offset in the source) of the
    /// start of each text node, in text order.
    segments: Vec<(usize, usize)>,
}

impl SourceMap {
    /// The map of text extracted from `source`, given the start of each
    /// text node as (offset in the text, byte offset in `source`).
    pub(crate) fn new(source: String, segments: Vec<(usize, usize)>) -> SourceMap {
        SourceMap { source, segments }
    }

    /// The (line, column) in the HTML file of `offset` in the extracted
    /// `text`: of the offset's word in the source of its text node (which
    /// ends where the next text node starts), else of the start of that
    /// node. Searching the rest of the file instead was quadratic when
    /// words are written with entities (`&eacute;t&eacute;`), which are
    /// never found as written in the text.
    pub fn position(&self, text: &str, offset: usize, lines: &LineIndex) -> Option<(usize, usize)> {
        let k = self.segments.partition_point(|&(t, _)| t <= offset);
        let &(_, src) = self.segments.get(k.checked_sub(1)?)?;
        let word: String = text
            .get(offset..)?
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .take(24)
            .collect();
        let node_end = self
            .segments
            .get(k)
            .map_or(self.source.len(), |&(_, next)| next.max(src));
        let mut end = (node_end + word.len()).min(self.source.len());
        while !self.source.is_char_boundary(end) {
            end += 1;
        }
        let found = (!word.is_empty())
            .then(|| self.source.get(src..end)?.find(&word).map(|at| src + at))
            .flatten();
        Some(lines.line_col(&self.source, found.unwrap_or(src)))
    }

    /// Sets each claim's line and column to its place in the HTML file.
    pub fn remap(&self, text: &str, claims: &mut [Claim]) {
        let lines = LineIndex::new(&self.source);
        for c in claims {
            if let Some((line, column)) = self.position(text, c.start, &lines) {
                c.line = line;
                c.column = column;
            }
        }
    }
}
