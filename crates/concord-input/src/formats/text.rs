//! Plain text and Markdown articles: the file is the article, as it is on
//! disk. Front matter, headings and `concord-ignore` comments are left for
//! the extractor to read, so claim spans slice the file itself.

use crate::document::Document;

/// The document of a text file: its display path and its whole text.
pub fn document(path: String, text: String) -> Document {
    Document {
        path,
        text,
        meta: None,
        label: None,
        story: None,
        source: None,
    }
}
