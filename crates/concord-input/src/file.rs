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

/// Reads a whole file as the text of one article (see [`read_limited`]).
pub(crate) fn read_text(path: &Path) -> Result<String, InputError> {
    let bytes = read_limited(path, MAX_INPUT_BYTES).map_err(|m| error(path, m))?;
    decode(&bytes).map_err(|m| error(path, m))
}

/// Opens an input for reading, refusing what is not a regular file: a
/// FIFO or a socket would block the run until someone writes to it, a
/// device such as `/dev/zero` never ends. Links are followed (to a regular
/// file). The file is opened without blocking (`O_NONBLOCK`), so one
/// swapped for a FIFO after the check cannot hang the run either, and is
/// checked again once open. Errors are messages for an [`InputError`].
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), String> {
    use std::os::unix::fs::OpenOptionsExt;
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    not_regular(&meta)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| io_message(&e))?;
    let meta = file.metadata().map_err(|e| io_message(&e))?;
    not_regular(&meta)?;
    Ok((file, meta.len()))
}

/// The message for a file that is not a regular file, if it is not one.
fn not_regular(meta: &std::fs::Metadata) -> Result<(), String> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    let what = if t.is_file() {
        return Ok(());
    } else if t.is_dir() {
        "a folder"
    } else if t.is_fifo() {
        "a FIFO (named pipe)"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else {
        "a special file"
    };
    Err(format!("{what}, not a regular file; refused"))
}

/// Reads the regular file at `path` whole (see [`open_regular`]), refusing
/// it when it is over `limit` bytes: before reading when its size says so,
/// and after `limit` + 1 bytes whatever its size said (a file that grows
/// while it is read). Errors are messages for an [`InputError`].
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(over_limit(size, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_message(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "more than {limit} bytes, over the limit of {} for one input; split it",
            mib(limit)
        ));
    }
    Ok(bytes)
}

/// A file read as a stream (JSON Lines): inflated when it is gzip, and cut
/// after [`MAX_INPUT_BYTES`] + 1 bytes, since a small `.gz` can inflate to
/// any size.
pub(crate) struct Limited<'a> {
    reader: std::io::Take<Box<dyn Read + 'a>>,
    gzip: bool,
}

impl<'a> Limited<'a> {
    /// Opens `path` (a regular file: see [`open_regular`]). Gzip is told by
    /// its magic bytes, not by the name, so a compressed file without `.gz`
    /// is still read.
    pub(crate) fn open(path: &Path) -> Result<Limited<'static>, String> {
        let (file, size) = open_regular(path)?;
        let limited = Limited::new(BufReader::new(file));
        if !limited.gzip && size > MAX_INPUT_BYTES {
            return Err(too_large(size));
        }
        Ok(limited)
    }

    /// Reads `reader` (standard input's bytes, a file) under the limit,
    /// inflating it when it starts with gzip's magic bytes.
    pub(crate) fn new(mut reader: impl BufRead + 'a) -> Limited<'a> {
        let gzip = reader
            .fill_buf()
            .map(|b| b.starts_with(&[0x1f, 0x8b]))
            .unwrap_or(false);
        let source: Box<dyn Read + 'a> = if gzip {
            Box::new(flate2::read::MultiGzDecoder::new(reader))
        } else {
            Box::new(reader)
        };
        Limited {
            reader: source.take(MAX_INPUT_BYTES + 1),
            gzip,
        }
    }

    /// The error message once reading reached the limit: what was read
    /// up to it stands, the rest of the file is not read.
    pub(crate) fn overflow(&self) -> Option<String> {
        (self.reader.limit() == 0).then(|| {
            let what = if self.gzip { "inflates to" } else { "holds" };
            format!(
                "{what} more than {MAX_INPUT_BYTES} bytes, over the limit of {} for one input; \
                 the lines after the limit were not read; split it",
                mib(MAX_INPUT_BYTES)
            )
        })
    }
}

impl Read for Limited<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.reader.read(buf)
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
    if let Some(order) = utf16(bytes) {
        return Err(format!(
            "UTF-16 text ({order}), not UTF-8; convert the file to UTF-8"
        ));
    }
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

/// The byte order of UTF-16 text: told by its byte-order mark, or, without
/// one, by NUL bytes at every other offset (the high bytes of Latin text)
/// and nowhere else.
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xff, 0xfe, ..] => return Some("little-endian, with a byte-order mark"),
        [0xfe, 0xff, ..] => return Some("big-endian, with a byte-order mark"),
        _ => {}
    }
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let nul_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let half = bytes.len() / 2;
    // Most characters of one parity NUL, none of the other: Latin text.
    if even == 0 && odd * 4 >= half * 3 {
        Some("little-endian, without a byte-order mark")
    } else if odd == 0 && even * 4 >= half * 3 {
        Some("big-endian, without a byte-order mark")
    } else {
        None
    }
}

/// The message for a file of `size` bytes, over [`MAX_INPUT_BYTES`].
pub(crate) fn too_large(size: u64) -> String {
    over_limit(size, MAX_INPUT_BYTES)
}

fn over_limit(size: u64, limit: u64) -> String {
    format!(
        "{size} bytes, over the limit of {} for one input; split it",
        mib(limit)
    )
}

/// `128 MiB`, or the bytes when `limit` is not a whole number of MiB.
fn mib(limit: u64) -> String {
    if limit.is_multiple_of(1 << 20) {
        format!("{} MiB", limit >> 20)
    } else {
        format!("{limit} bytes")
    }
}

/// The path as shown in reports: as given. Bytes that are not UTF-8 are
/// shown as `\xFE` escapes rather than as one replacement character, so
/// that `x\xFE.txt` and `x\xFD.txt` stay two names. A backslash is a
/// character of a Unix file name (`a\b.txt` is not `a/b.txt`); only on
/// Windows is it a separator, shown as `/`.
pub(crate) fn display(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::fmt::Write as _;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                let _ = write!(out, "\\x{b:02X}");
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.to_string_lossy().replace('\\', "/")
    }
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
    fn utf16_files_get_a_utf16_message() {
        let text = "The summit ended.";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let with_bom = [&[0xff, 0xfe][..], &le].concat();
        for (bytes, order) in [
            (&with_bom, "little-endian, with a byte-order mark"),
            (&le, "little-endian, without a byte-order mark"),
            (&be, "big-endian, without a byte-order mark"),
        ] {
            assert_eq!(
                decode(bytes).unwrap_err(),
                format!("UTF-16 text ({order}), not UTF-8; convert the file to UTF-8")
            );
        }
        // Binary data with NUL bytes is still binary.
        assert!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0")
                .unwrap_err()
                .starts_with("binary")
        );
    }

    #[test]
    fn display_paths_keep_names_apart() {
        use std::os::unix::ffi::OsStrExt;
        let name = |b: &[u8]| display(Path::new(std::ffi::OsStr::from_bytes(b)));
        assert_eq!(name(b"x\xfe.txt"), "x\\xFE.txt");
        assert_ne!(name(b"x\xfe.txt"), name(b"x\xfd.txt"));
        assert_eq!(name(b"a\\b.txt"), "a\\b.txt");
        assert_eq!(name("d/é.txt".as_bytes()), "d/é.txt");
    }

    #[test]
    fn reads_are_bounded_whatever_the_size_says() {
        // A /proc file says it is empty and holds more.
        let status = Path::new("/proc/self/status");
        assert_eq!(std::fs::metadata(status).map(|m| m.len()).ok(), Some(0));
        assert!(read_limited(status, 1 << 20).is_ok_and(|b| b.len() > 10));
        assert_eq!(
            read_limited(status, 10).unwrap_err(),
            "more than 10 bytes, over the limit of 10 bytes for one input; split it"
        );
        // A device is refused before it is read.
        assert!(
            read_limited(Path::new("/dev/zero"), 1 << 20)
                .unwrap_err()
                .starts_with("a character device, not a regular file")
        );
    }

    #[test]
    fn limits_name_the_real_limit() {
        assert_eq!(
            too_large(134_217_729),
            "134217729 bytes, over the limit of 128 MiB for one input; split it"
        );
        assert_eq!(
            over_limit(11, 10),
            "11 bytes, over the limit of 10 bytes for one input; split it"
        );
    }

    #[test]
    fn refuses_empty_files_and_keeps_a_bom() {
        for empty in ["", " \n\r\n\t", "\u{feff}", "\u{feff}\n"] {
            assert!(decode(empty.as_bytes()).unwrap_err().contains("empty file"));
        }
        assert_eq!(decode("\u{feff}Text.".as_bytes()).unwrap(), "\u{feff}Text.");
    }
}
