//! Byte offset → (line, column) for diagnostics.

/// Line starts of a text, for turning byte offsets into 1-based line and
/// column numbers. Columns count Unicode scalar values, the way editors and
/// compilers show them. `\n`, `\r\n` and a lone `\r` all end a line.
///
/// A column is found in time bounded by [`BLOCK`], however long the line:
/// the index keeps how many characters start before each block of the
/// text, so a 50 MB article on one line does not make every claim's column
/// a scan from the start of the line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// `chars_before[b]`: characters that start in `text[..b * BLOCK]`.
    chars_before: Vec<usize>,
}

/// Bytes per block of the character count index.
const BLOCK: usize = 4096;

/// Is `b` the first byte of a UTF-8 character (not a continuation byte)?
fn starts_char(b: u8) -> bool {
    b & 0xC0 != 0x80
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut chars_before = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut chars = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if i % BLOCK == 0 {
                chars_before.push(chars);
            }
            chars += usize::from(starts_char(b));
            match b {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
        }
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// Characters that start in `text[..offset]`.
    fn chars_until(&self, text: &str, offset: usize) -> usize {
        let block = offset / BLOCK;
        let base = self.chars_before.get(block).copied().unwrap_or(0);
        let from = (block * BLOCK).min(offset);
        base + text.as_bytes()[from..offset]
            .iter()
            .filter(|&&b| starts_char(b))
            .count()
    }

    /// 1-based (line, column) of `offset` in `text` (the text this index was
    /// built from). Offsets past the end clamp to the end.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self.chars_until(text, offset) - self.chars_until(text, start);
        (line + 1, column + 1)
    }

    /// Byte offset where the 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.starts.get(line.checked_sub(1)?).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_char_columns() {
        let text = "ab\ncé d\r\nx\ry";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        // 'd' comes after a two-byte 'é': byte 7, char column 4.
        assert_eq!(idx.line_col(text, 7), (2, 4));
        assert_eq!(idx.line_col(text, 10), (3, 1));
        assert_eq!(idx.line_col(text, 12), (4, 1));
        assert_eq!(idx.line_col(text, 999), (4, 2));
    }

    #[test]
    fn columns_on_a_line_longer_than_a_block() {
        // Multi-byte characters straddle block boundaries.
        let text = format!("x\n{}", "é".repeat(3 * BLOCK));
        let idx = LineIndex::new(&text);
        for k in [
            0,
            1,
            BLOCK / 2 - 1,
            BLOCK / 2,
            BLOCK,
            2 * BLOCK + 7,
            3 * BLOCK,
        ] {
            let offset = 2 + 2 * k;
            assert_eq!(idx.line_col(&text, offset), (2, k + 1), "char {k}");
        }
    }
}
