//! Where a report goes: standard output, or the file named by `-o`.
//!
//! The file's folder is checked before any article is read (a typo in
//! `-o` should not cost a whole run), and the file is written to a
//! temporary name beside it and then renamed, so a reader never sees half
//! a report and a failed run leaves the previous report in place.

use anyhow::Context as _;
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
            let dir = parent(f);
            anyhow::ensure!(
                dir.is_dir(),
                "cannot write {}: no such folder {}",
                f.display(),
                dir.display()
            );
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
                let tmp = temp_name(path);
                let write = || -> io::Result<()> {
                    let mut out = io::BufWriter::new(std::fs::File::create(&tmp)?);
                    renderer.render(report, &mut out)?;
                    out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
                    std::fs::rename(&tmp, path)
                };
                if let Err(e) = write() {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e).with_context(|| format!("cannot write {}", path.display()));
                }
            }
        }
        Ok(())
    }
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
