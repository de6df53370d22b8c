//! Helpers shared by the CLI integration tests: run the binary from the
//! workspace root, and score a JSON report against a case's gold.toml the
//! way ../shared/eval/score_articles.py does.
#![allow(dead_code, clippy::unwrap_used)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The workspace root (fixture paths in reports are relative to it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A fresh scratch folder under the system temp dir, named after the test
/// process, a counter (every test module shares one process) and `name`,
/// removed with everything in it when the value is dropped (at the end of
/// the test): a test run leaves nothing behind in the temp dir.
pub fn scratch(name: &str) -> Scratch {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("concord-test-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A scratch folder ([`scratch`]); derefs to its path.
#[derive(Debug)]
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Files a test made as `nobody` are root's to remove too; a folder
        // that cannot be removed is left, never a failed test.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Runs `concord` with `args` from the workspace root.
pub fn concord(args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs concord")
}

/// A `concord` command that runs as user `nobody` from `dir`: root reads
/// and writes through permissions, so tests of permission errors run as
/// someone else when they run as root. `nobody` may not reach the build
/// folder (a clone under a 0700 folder, root's home), so the binary is
/// copied into `dir`, which must be a scratch folder everyone can enter.
pub fn concord_as_nobody(dir: &Path) -> std::process::Command {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let bin = dir.join("concord-as-nobody");
    std::fs::copy(env!("CARGO_BIN_EXE_concord"), &bin).unwrap();
    for p in [dir, bin.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut cmd = std::process::Command::new(&bin);
    cmd.current_dir(dir).uid(65534).gid(65534);
    cmd
}

/// Runs `cmd` to completion. A binary copied just before (as
/// [`concord_as_nobody`] does) can fail to start with "text file busy"
/// (ETXTBSY): a process another test thread forks during the copy holds
/// the file open for writing until it execs. That is retried.
pub fn run_copied(cmd: &mut std::process::Command) -> Output {
    for _ in 0..20 {
        match cmd.output() {
            Err(e) if e.raw_os_error() == Some(26) => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            other => return other.expect("runs concord"),
        }
    }
    cmd.output().expect("runs concord")
}

/// Copies the articles of `fixtures/<case>` (not its README or gold) into
/// `dest`, which is created.
pub fn copy_case(case: &str, dest: &Path) {
    std::fs::create_dir_all(dest).unwrap();
    for e in std::fs::read_dir(root().join("fixtures").join(case)).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt" || x == "md") && !p.ends_with("README.md") {
            std::fs::copy(&p, dest.join(p.file_name().unwrap())).unwrap();
        }
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Every fixture case folder (those with a gold.toml), sorted.
pub fn cases() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("fixtures"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("gold.toml").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    out.sort();
    out
}

/// What score_articles.py reports.
#[derive(Debug, Default)]
pub struct Score {
    pub links: usize,
    pub links_hit: usize,
    pub distinct: usize,
    pub distinct_violations: usize,
    pub contradictions_gold: usize,
    pub contradictions_recalled: usize,
    pub contradictions_found: usize,
    pub contradictions_true: usize,
    pub unsupported_gold: usize,
    pub unsupported_hit: usize,
}

impl Score {
    pub fn link_recall(&self) -> f64 {
        self.links_hit as f64 / self.links.max(1) as f64
    }
}

struct Claim {
    id: String,
    file: String,
    start: usize,
    end: usize,
}

/// Scores `report` against `case_dir/gold.toml` (same rules as the Python
/// scorer: claims stand for a quote when they share at least half of the
/// shorter span; a link is recalled when the claims are linked or in one
/// fact; `tension = true` contradictions are optional).
pub fn score(report: &Value, case_dir: &Path) -> Score {
    let gold: toml::Table =
        toml::from_str(&std::fs::read_to_string(case_dir.join("gold.toml")).unwrap()).unwrap();
    let file_of: std::collections::HashMap<String, String> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let path = a["path"].as_str().unwrap();
            (
                a["id"].as_str().unwrap().to_string(),
                path.rsplit('/').next().unwrap().to_string(),
            )
        })
        .collect();
    let claims: Vec<Claim> = report["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Claim {
            id: c["id"].as_str().unwrap().to_string(),
            file: file_of[c["article"].as_str().unwrap()].clone(),
            start: c["start"].as_u64().unwrap() as usize,
            end: c["end"].as_u64().unwrap() as usize,
        })
        .collect();
    let claims_at = |file: &str, quote: &str| -> Vec<String> {
        let data = std::fs::read(case_dir.join(file)).unwrap();
        let q = quote.as_bytes();
        let i = data
            .windows(q.len())
            .position(|w| w == q)
            .unwrap_or_else(|| panic!("gold quote not in {file}: {quote}"));
        let (s, e) = (i, i + q.len());
        claims
            .iter()
            .filter(|c| c.file == file)
            .filter(|c| {
                let inter = c.end.min(e) as i64 - c.start.max(s) as i64;
                inter > 0 && inter * 2 >= (c.end - c.start).min(e - s) as i64
            })
            .map(|c| c.id.clone())
            .collect()
    };
    let mut fact_of = std::collections::HashMap::new();
    for f in report["facts"].as_array().unwrap() {
        for c in f["claims"].as_array().unwrap() {
            fact_of.insert(
                c.as_str().unwrap().to_string(),
                f["id"].as_str().unwrap().to_string(),
            );
        }
    }
    let mut linked = std::collections::HashSet::new();
    for l in report["links"].as_array().unwrap() {
        if matches!(
            l["relation"].as_str().unwrap(),
            "equivalent" | "elaborates" | "contradicts"
        ) {
            let (a, b) = (
                l["a"].as_str().unwrap().to_string(),
                l["b"].as_str().unwrap().to_string(),
            );
            linked.insert((a.clone(), b.clone()));
            linked.insert((b, a));
        }
    }
    let joined = |xs: &[String], ys: &[String]| {
        xs.iter().any(|x| {
            ys.iter().any(|y| {
                linked.contains(&(x.clone(), y.clone()))
                    || fact_of.get(x).is_some_and(|f| fact_of.get(y) == Some(f))
            })
        })
    };
    let pairs = |section: &str| -> Vec<(Vec<String>, Vec<String>, bool)> {
        gold.get(section)
            .and_then(|v| v.as_array())
            .map(|list| {
                list.iter()
                    .map(|g| {
                        let s = |k: &str| g.get(k).and_then(|v| v.as_str()).unwrap_or("");
                        (
                            claims_at(s("a"), s("a_quote")),
                            claims_at(s("b"), s("b_quote")),
                            g.get("tension").and_then(|v| v.as_bool()).unwrap_or(false),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut sc = Score::default();
    let links = pairs("link");
    sc.links = links.len();
    sc.links_hit = links.iter().filter(|(a, b, _)| joined(a, b)).count();
    let distinct = pairs("distinct");
    sc.distinct = distinct.len();
    sc.distinct_violations = distinct.iter().filter(|(a, b, _)| joined(a, b)).count();
    let findings = report["findings"].as_array().unwrap();
    let found: Vec<Vec<String>> = findings
        .iter()
        .filter(|f| f["kind"] == "contradiction")
        .map(|f| {
            f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    let all = pairs("contradiction");
    let matches = |f: &[String], g: &(Vec<String>, Vec<String>, bool)| {
        f.iter().any(|c| g.0.contains(c)) && f.iter().any(|c| g.1.contains(c))
    };
    let hard: Vec<_> = all.iter().filter(|g| !g.2).collect();
    sc.contradictions_gold = hard.len();
    sc.contradictions_recalled = hard
        .iter()
        .filter(|g| found.iter().any(|f| matches(f, g)))
        .count();
    sc.contradictions_found = found.len();
    sc.contradictions_true = found
        .iter()
        .filter(|f| all.iter().any(|g| matches(f, g)))
        .count();
    let unsupported: Vec<Vec<String>> = findings
        .iter()
        .filter(|f| f["kind"] == "unsupported_detail")
        .map(|f| {
            f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    if let Some(list) = gold.get("unsupported").and_then(|v| v.as_array()) {
        sc.unsupported_gold = list.len();
        sc.unsupported_hit = list
            .iter()
            .filter(|g| {
                let ids = claims_at(g["article"].as_str().unwrap(), g["quote"].as_str().unwrap());
                unsupported
                    .iter()
                    .any(|f| f.iter().any(|c| ids.contains(c)))
            })
            .count();
    }
    sc
}
