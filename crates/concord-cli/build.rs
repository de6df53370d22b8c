//! Sets `CONCORD_BUILD_ID`: a hash of the workspace's sources and lock
//! file. The claim cache keys entries with it, so a concord built from
//! other code never reads claims an older extractor wrote, while
//! rebuilding the same sources keeps the cache warm.

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
