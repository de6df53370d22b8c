//! Where a report goes: standard output, or the file named by `-o`.
//!
//! The file's folder is checked before any article is read (a typo in
//! `-o` should not cost a whole run), and the file is written to a
//! temporary name beside it and then renamed, so a reader never sees half
//! a report and a failed run leaves the previous report in place.

use concord_core::Report;
use concord_report::Render;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A checked output destination.
#[derive(Debug)]
pub struct Output {
    file: Option<PathBuf>,
}

impl Output {
    /// Checks that `file`'s folder exists.
    pub fn new(file: Option<&Path>) -> anyhow::Result<Output> {
        if let Some(f) = file {
            check_writable(f)?;
        }
        Ok(Output {
            file: file.map(Path::to_path_buf),
        })
    }

    /// Renders `report` to the destination.
    pub fn render(&self, renderer: &dyn Render, report: &Report) -> anyhow::Result<()> {
        match &self.file {
            None => {
                let stdout = io::stdout();
                let mut out = io::BufWriter::new(stdout.lock());
                renderer.render(report, &mut out)?;
                out.flush()?;
            }
            Some(path) => {
                let mut bytes = Vec::new();
                renderer.render(report, &mut bytes)?;
                write_atomically(path, &bytes)?;
            }
        }
        Ok(())
    }
}

/// Checks, before any work, that `file` could be created: its folder
/// exists.
pub fn check_writable(file: &Path) -> anyhow::Result<()> {
    let dir = parent(file);
    anyhow::ensure!(
        dir.is_dir(),
        "cannot write {}: no such folder {}",
        file.display(),
        dir.display()
    );
    Ok(())
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over
/// `path`: readers see the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = temp_name(path);
    let write = || -> io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        anyhow::Error::new(e).context(format!("cannot write {}", path.display()))
    })
}

fn parent(f: &Path) -> &Path {
    match f.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `dir/.name.tmp-PID` beside the target.
pub fn temp_name(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    parent(path).join(format!(".{name}.tmp-{}", std::process::id()))
}
