//! Where a report goes: standard output, or the file named by `-o` (and
//! the files of `--write-baseline`, `train -o` and `build-idf -o`).
//!
//! The destination is checked before any article is read (a typo in `-o`
//! should not cost a whole run): a folder, a missing or unwritable folder
//! and a socket are refused at once. What is written then depends on what
//! the name is:
//!
//! - a regular file, or a name that does not exist yet: the bytes go to a
//!   temporary file beside it, which is renamed over it, so a reader sees
//!   the old report or the new one, never half of one. An existing file's
//!   mode is kept (and, when concord may, its owner and group: as root,
//!   always);
//! - a symbolic link: the same, for the file it points to (the link
//!   stays a link, and the file it names gets the new report). As the
//!   kernel's `protected_symlinks` does for `open`, a link in a sticky
//!   world-writable folder (`/tmp`) is only followed when it belongs to
//!   the user running concord or to the folder's owner: concord resolves
//!   links itself, and must not let another user of `/tmp` point root's
//!   report at `/etc/passwd`;
//! - a regular file with more than one hard link: written in place, so
//!   that every name still shows the same file (a rename would leave the
//!   other names on the old report);
//! - a device, a FIFO or another file that is not regular (`-o
//!   /dev/null`, `-o /dev/stdout`): written directly, never renamed over.
//!
//! Temporary files are created exclusively (`O_EXCL`: a planted file or
//! symlink of the same name is never opened) under a random name
//! (`.NAME.XXXXXXXXXXXX.concord-tmp`), and removed on every error path. A
//! process killed in the moment between creating one and renaming it
//! (SIGKILL cannot be caught) leaves it behind: the next write to the same
//! target removes such files of its own user once they are an hour old
//! (younger ones may belong to a run writing at the same time). The report
//! is rendered in memory first, so that moment is only the write itself.

use anyhow::Context as _;
use concord_core::Report;
use concord_report::Render;
use std::ffi::OsString;
use std::io::{self, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A checked output destination.
#[derive(Debug)]
pub struct Output {
    file: Option<PathBuf>,
}

impl Output {
    /// Checks that `file` can be written (see [`check_writable`]).
    pub fn new(file: Option<&Path>) -> anyhow::Result<Output> {
        if let Some(f) = file {
            check_writable(f)?;
        }
        Ok(Output {
            file: file.map(Path::to_path_buf),
        })
    }

    /// Writes `bytes` to the destination.
    pub fn write(&self, bytes: &[u8]) -> anyhow::Result<()> {
        match &self.file {
            None => {
                let mut out = io::stdout().lock();
                out.write_all(bytes)?;
                out.flush()?;
            }
            Some(path) => write_atomically(path, bytes)?,
        }
        Ok(())
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

/// Temporary files older than this, of the same target and user, are
/// left over from a killed run.
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// Ending of every temporary file concord writes beside a target.
const TEMP_SUFFIX: &str = ".concord-tmp";

/// How a destination is written.
#[derive(Debug)]
enum Plan {
    /// Through a temporary file renamed over `path` (a regular file, or
    /// none yet); `existing` is the file replaced.
    Replace {
        path: PathBuf,
        existing: Option<std::fs::Metadata>,
    },
    /// Opened and written where it is: a device, a FIFO, a file with
    /// several hard links.
    InPlace(PathBuf),
}

/// Follows `path` through symbolic links (also dangling ones: the file a
/// link names is created) and decides how to write it. Errors for what
/// cannot be written: a folder, a socket, a missing folder, a link loop.
fn plan(path: &Path) -> anyhow::Result<Plan> {
    let shown = path.display();
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        let meta = match std::fs::symlink_metadata(&target) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let dir = parent(&target);
                anyhow::ensure!(
                    dir.is_dir(),
                    "cannot write {shown}: no such folder {}",
                    dir.display()
                );
                return Ok(Plan::Replace {
                    path: target,
                    existing: None,
                });
            }
            Err(e) => return Err(e).with_context(|| format!("cannot write {shown}")),
        };
        let kind = meta.file_type();
        if kind.is_symlink() {
            anyhow::ensure!(
                may_follow(&target, &meta),
                "cannot write {shown}: {} is a symbolic link of another user in a sticky \
                 folder that anyone may write to; refused (the system would not follow it either)",
                target.display()
            );
            let link = std::fs::read_link(&target)
                .with_context(|| format!("cannot write {shown}: cannot read the link"))?;
            target = parent(&target).join(link);
            continue;
        }
        anyhow::ensure!(!kind.is_dir(), "cannot write {shown}: it is a folder");
        {
            use std::os::unix::fs::FileTypeExt;
            anyhow::ensure!(!kind.is_socket(), "cannot write {shown}: it is a socket");
        }
        if kind.is_file() && meta.nlink() <= 1 {
            return Ok(Plan::Replace {
                path: target,
                existing: Some(meta),
            });
        }
        return Ok(Plan::InPlace(target));
    }
    anyhow::bail!("cannot write {shown}: too many levels of symbolic links")
}

/// May concord follow the symbolic link at `link` (whose metadata is
/// `meta`)? Not when it lies in a sticky, world-writable folder and
/// belongs neither to the user running concord nor to the folder's owner
/// (the rule of Linux's `fs.protected_symlinks`).
fn may_follow(link: &Path, meta: &std::fs::Metadata) -> bool {
    let Ok(dir) = std::fs::metadata(parent(link)) else {
        return false;
    };
    let shared = dir.mode() & 0o1002 == 0o1002;
    !shared || meta.uid() == dir.uid() || Some(meta.uid()) == effective_uid()
}

/// The user concord runs as, without libc: the owner of a file it creates
/// (an anonymous temporary file).
fn effective_uid() -> Option<u32> {
    tempfile::tempfile()
        .and_then(|f| f.metadata())
        .map(|m| m.uid())
        .ok()
}

/// Checks, before any work, that `file` can be written: what it names is
/// not a folder or a socket, and for a file to be replaced, its folder
/// exists and a temporary file can be created in it (tried, and removed
/// at once: permissions, read-only file systems and quotas are the
/// system's to judge, as root too).
pub fn check_writable(file: &Path) -> anyhow::Result<()> {
    match plan(file)? {
        Plan::Replace { path, .. } => {
            let (probe, _) = temp_file(&path, None)
                .with_context(|| format!("cannot write {}", file.display()))?;
            drop(probe);
        }
        Plan::InPlace(_) => {}
    }
    Ok(())
}

/// Writes `bytes` to `path` as the module documentation says: readers see
/// the old file or the new one, never half of one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    write_atomically_with(path, |w| w.write_all(bytes))
}

/// [`write_atomically`], the bytes written by `write` (through a buffer):
/// for output too large to hold twice (a story index).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let context = || format!("cannot write {}", path.display());
    match plan(path)? {
        Plan::InPlace(target) => {
            // No `create`: what is there is written, nothing is made.
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .truncate(true)
                .open(&target)
                .with_context(context)?;
            let mut buffered = io::BufWriter::with_capacity(1 << 20, &mut f);
            write(&mut buffered).with_context(context)?;
            buffered.flush().with_context(context)
        }
        Plan::Replace {
            path: target,
            existing,
        } => {
            let (mut tmp, me) = temp_file(&target, existing.as_ref()).with_context(context)?;
            remove_stale_temps(&target, me);
            // On any error `tmp` is dropped, which removes the file.
            {
                let mut buffered = io::BufWriter::with_capacity(1 << 20, &mut tmp);
                write(&mut buffered).with_context(context)?;
                buffered.flush().with_context(context)?;
            }
            tmp.as_file().sync_all().with_context(context)?;
            tmp.persist(&target)
                .map_err(|e| e.error)
                .with_context(context)?;
            Ok(())
        }
    }
}

/// A new temporary file beside `target`, created exclusively under a
/// random name; with the owner, group and mode of `existing` when given.
/// It is removed when dropped unless persisted. Also returns the user that
/// created it (ours: std has no `getuid`).
fn temp_file(
    target: &Path,
    existing: Option<&std::fs::Metadata>,
) -> io::Result<(tempfile::NamedTempFile, u32)> {
    let prefix = temp_prefix(target);
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .rand_bytes(12)
        // A new report is made like `File::create` would (0666 less the
        // umask); a replaced one gets its old mode below.
        .permissions(std::fs::Permissions::from_mode(if existing.is_some() {
            0o600
        } else {
            0o666
        }));
    let tmp = builder.tempfile_in(parent(target))?;
    let mine = tmp.as_file().metadata()?;
    if let Some(m) = existing {
        let f = tmp.as_file();
        if (mine.uid(), mine.gid()) != (m.uid(), m.gid()) {
            // Only root may give a file away; another user keeps the
            // report as their own, as any program rewriting it would.
            let _ = std::os::unix::fs::fchown(f, Some(m.uid()), Some(m.gid()));
        }
        // After the owner: changing the owner clears set-id bits.
        f.set_permissions(std::fs::Permissions::from_mode(m.mode() & 0o7777))?;
    }
    Ok((tmp, mine.uid()))
}

/// `.NAME.`: the start of the temporary names of `target`.
fn temp_prefix(target: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(target.file_name().unwrap_or_else(|| "out".as_ref()));
    prefix.push(".");
    prefix
}

/// Removes temporary files of `target` left by killed runs of user `me`:
/// regular files (never what a link points to) named like ours, over
/// [`STALE_TEMP`] old. Failures are ignored: this is housekeeping.
fn remove_stale_temps(target: &Path, me: u32) {
    use std::os::unix::ffi::OsStrExt;
    let Ok(entries) = std::fs::read_dir(parent(target)) else {
        return;
    };
    let prefix = temp_prefix(target);
    for e in entries.flatten() {
        let name = e.file_name();
        let bytes = name.as_bytes();
        if !(bytes.starts_with(prefix.as_bytes()) && bytes.ends_with(TEMP_SUFFIX.as_bytes())) {
            continue;
        }
        let Ok(m) = std::fs::symlink_metadata(e.path()) else {
            continue;
        };
        let old = m
            .modified()
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP);
        if m.file_type().is_file() && m.uid() == me && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

fn parent(f: &Path) -> &Path {
    match f.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("concord-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap_or_default();
        d
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .map(|r| {
                r.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }

    #[test]
    fn stale_temp_files_of_killed_runs_are_removed_by_the_next_write() {
        let dir = scratch("stale");
        let target = dir.join("report.md");
        let stale = dir.join(".report.md.AAAAAAAAAAAA.concord-tmp");
        let young = dir.join(".report.md.BBBBBBBBBBBB.concord-tmp");
        let other = dir.join(".other.md.CCCCCCCCCCCC.concord-tmp");
        for p in [&stale, &young, &other] {
            std::fs::write(p, "half a report").unwrap_or_default();
        }
        let old = std::time::SystemTime::now() - Duration::from_secs(2 * 3600);
        for p in [&stale, &other] {
            if let Ok(f) = std::fs::File::options().write(true).open(p) {
                f.set_modified(old).unwrap_or_default();
            }
        }
        write_atomically(&target, b"new").unwrap_or_default();
        assert_eq!(
            names(&dir),
            [
                ".other.md.CCCCCCCCCCCC.concord-tmp",
                ".report.md.BBBBBBBBBBBB.concord-tmp",
                "report.md"
            ]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_of_another_user_in_a_sticky_shared_folder_is_not_followed() {
        let dir = scratch("sticky");
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap_or_default();
        let shared = dir.join("tmp");
        std::fs::create_dir_all(&shared).unwrap_or_default();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o1777))
            .unwrap_or_default();
        let link = shared.join("report.md");
        std::os::unix::fs::symlink(&victim, &link).unwrap_or_default();
        // Our own link is followed.
        assert!(write_atomically(&link, b"mine").is_ok());
        assert_eq!(std::fs::read_to_string(&victim).unwrap_or_default(), "mine");
        // Another user's is not (only root can make one for the test).
        let root = effective_uid() == Some(0);
        if root {
            std::os::unix::fs::lchown(&link, Some(65534), Some(65534)).unwrap_or_default();
            let e = write_atomically(&link, b"theirs").unwrap_err().to_string();
            assert!(e.contains("symbolic link of another user"), "{e}");
            assert!(check_writable(&link).is_err());
            assert_eq!(std::fs::read_to_string(&victim).unwrap_or_default(), "mine");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn temp_names_are_random_and_created_exclusively() {
        let dir = scratch("names");
        let target = dir.join("report.md");
        let (a, _) = temp_file(&target, None).unwrap_or_else(|e| panic!("{e}"));
        let (b, _) = temp_file(&target, None).unwrap_or_else(|e| panic!("{e}"));
        let name = |t: &tempfile::NamedTempFile| {
            t.path()
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        assert_ne!(name(&a), name(&b));
        for n in [name(&a), name(&b)] {
            assert!(
                n.starts_with(".report.md.") && n.ends_with(".concord-tmp"),
                "{n}"
            );
            assert_eq!(
                n.len(),
                ".report.md.".len() + 12 + ".concord-tmp".len(),
                "{n}"
            );
        }
        drop((a, b));
        assert!(names(&dir).is_empty(), "removed when dropped");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_no_temp_file() {
        let dir = scratch("failed");
        let target = dir.join("sub");
        std::fs::create_dir_all(&target).unwrap_or_default();
        assert!(write_atomically(&target, b"x").is_err());
        assert_eq!(names(&dir), ["sub"]);
        assert!(check_writable(&dir.join("report.md")).is_ok());
        assert_eq!(names(&dir), ["sub"], "the probe is removed");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
