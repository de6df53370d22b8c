//! Sets `CONCORD_BUILD_ID`: a hash of the workspace's sources and lock
//! file. The claim cache keys entries with it, so a concord built from
//! other code never reads claims an older extractor wrote, while
//! rebuilding the same sources keeps the cache warm.
//!
//! Sets `CONCORD_GIT_REVISION` too: ` (rev 1a2b3c4d5e6f)` when built from a
//! git checkout (`-modified` when tracked files differ from that
//! revision), empty otherwise (a source tarball, `cargo install` from a
//! registry, or no git): `concord --version` names the code it runs.

use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let crates = manifest.join("..");
    let mut files = Vec::new();
    if let Ok(entries) = std::fs::read_dir(&crates) {
        for e in entries.flatten() {
            let src = e.path().join("src");
            if src.is_dir() {
                println!("cargo:rerun-if-changed={}", src.display());
                walk(&src, &mut files);
            }
            let toml = e.path().join("Cargo.toml");
            if toml.is_file() {
                println!("cargo:rerun-if-changed={}", toml.display());
                files.push(toml);
            }
        }
    }
    let lock = crates.join("../Cargo.lock");
    if lock.is_file() {
        println!("cargo:rerun-if-changed={}", lock.display());
        files.push(lock);
    }
    files.sort();
    // FNV-1a, 64 bits: enough to tell builds apart, no dependency.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(
        std::env::var("CARGO_PKG_VERSION")
            .unwrap_or_default()
            .as_bytes(),
    );
    for f in &files {
        let rel = f.strip_prefix(&crates).unwrap_or(f);
        feed(rel.to_string_lossy().as_bytes());
        feed(&[0]);
        feed(&std::fs::read(f).unwrap_or_default());
        feed(&[0]);
    }
    println!("cargo:rustc-env=CONCORD_BUILD_ID={h:016x}");
    println!(
        "cargo:rustc-env=CONCORD_GIT_REVISION={}",
        git_revision(&manifest)
    );
}

/// ` (rev <12 hex digits>[-modified])`, or empty when `dir` is not in a
/// git checkout or git cannot be run.
fn git_revision(dir: &Path) -> String {
    let git = |args: &[&str]| -> Option<String> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
    };
    let Some(rev) = git(&["rev-parse", "--short=12", "HEAD"]) else {
        return String::new();
    };
    // A new commit or checkout changes HEAD or the ref it points at.
    if let Some(git_dir) = git(&["rev-parse", "--absolute-git-dir"]) {
        let git_dir = PathBuf::from(git_dir);
        println!("cargo:rerun-if-changed={}", git_dir.join("HEAD").display());
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!(
                "cargo:rerun-if-changed={}",
                git_dir.join(reference).display()
            );
        }
        println!(
            "cargo:rerun-if-changed={}",
            git_dir.join("packed-refs").display()
        );
    }
    let modified =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    format!(" (rev {rev}{})", if modified { "-modified" } else { "" })
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, out);
        } else {
            out.push(p);
        }
    }
}
