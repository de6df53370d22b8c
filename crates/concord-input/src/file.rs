//! One input file from disk, under the limits every format shares: the
//! size limit ([`MAX_INPUT_BYTES`], for gzip also on what it inflates to),
//! the decoding that refuses binary and non-UTF-8 files, the display path
//! that names a file in reports, and the messages of I/O errors.
//!
//! The formats read through here and never open a file themselves, so a
//! limit or a decoding rule is changed in one place for all of them.

use concord_core::InputError;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// The largest input file read, in bytes (for JSON Lines: decompressed).
/// A 50 MB article takes about 20 CPU seconds and 2 GB of memory; a larger
/// file is refused rather than left to exhaust the machine.
pub const MAX_INPUT_BYTES: u64 = 128 << 20;

/// Reads a whole file as the text of one article, refusing it before it is
/// read when it is over [`MAX_INPUT_BYTES`].
pub(crate) fn read_text(path: &Path) -> Result<String, InputError> {
    let size = std::fs::metadata(path)
        .map_err(|e| error(path, io_message(&e)))?
        .len();
    if size > MAX_INPUT_BYTES {
        return Err(error(path, too_large(size)));
    }
    let bytes = std::fs::read(path).map_err(|e| error(path, io_message(&e)))?;
    decode(&bytes).map_err(|m| error(path, m))
}

/// A file read as a stream (JSON Lines): inflated when it is gzip, and cut
/// after [`MAX_INPUT_BYTES`] + 1 bytes, since a small `.gz` can inflate to
/// any size.
pub(crate) struct Limited(std::io::Take<Box<dyn Read>>);

impl Limited {
    /// Opens `path`. Gzip is told by its magic bytes, not by the name, so a
    /// compressed file without `.gz` is still read.
    pub(crate) fn open(path: &Path) -> std::io::Result<Limited> {
        let mut reader = BufReader::new(std::fs::File::open(path)?);
        let gz = reader
            .fill_buf()
            .map(|b| b.starts_with(&[0x1f, 0x8b]))
            .unwrap_or(false);
        let source: Box<dyn Read> = if gz {
            Box::new(flate2::read::MultiGzDecoder::new(reader))
        } else {
            Box::new(reader)
        };
        Ok(Limited(source.take(MAX_INPUT_BYTES + 1)))
    }

    /// The error message once reading reached the limit: what was read
    /// up to it stands, the rest of the file is not read.
    pub(crate) fn overflow(&self) -> Option<String> {
        (self.0.limit() == 0).then(|| too_large(MAX_INPUT_BYTES + 1))
    }
}

impl Read for Limited {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf)
    }
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
pub(crate) fn too_large(size: u64) -> String {
    format!(
        "{size} bytes, over the limit of {} MiB for one input; split it",
        MAX_INPUT_BYTES >> 20
    )
}

/// The path as shown in reports: as given, with `/` separators.
pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// An error about the whole file `path`.
pub(crate) fn error(path: &Path, message: String) -> InputError {
    InputError {
        path: display(path),
        line: None,
        message,
    }
}

/// An I/O error as a report shows it: short, without the OS error code.
pub(crate) fn io_message(e: &std::io::Error) -> String {
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
