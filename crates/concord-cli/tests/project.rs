//! concord as a project tool (issue 15): the `concord.toml` it discovers,
//! folders walked like ripgrep walks them, standard input, paths that
//! read nothing, `--select`/`--ignore`, the warnings summary, completions
//! and the man page.
use crate::common::{copy_case, root, scratch, stderr, stdout};
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs concord from `dir` (where configuration discovery starts).
fn concord_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs concord")
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&stdout(o)).unwrap_or_else(|e| panic!("{e}: {}", stderr(o)))
}

fn article_paths(report: &Value) -> Vec<String> {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["path"].as_str().unwrap().to_string())
        .collect()
}

/// A project: a git repository (a `.git` folder is enough) holding the
/// contradiction-number case under `articles/`.
fn project(name: &str) -> crate::common::Scratch {
    let dir = scratch(name);
    std::fs::create_dir(dir.join(".git")).unwrap();
    copy_case("contradiction-number", &dir.join("articles"));
    dir
}

#[test]
fn the_configuration_is_found_above_and_flags_win_over_it() {
    let dir = project("config");
    let sub = dir.join("articles");
    std::fs::write(
        dir.join("concord.toml"),
        "format = \"json\"\nfail-on = \"never\"\nselect = [\"unsupported\"]\n",
    )
    .unwrap();
    // Found from a subfolder: JSON, only unsupported details, exit 0.
    let o = concord_in(&sub, &["check", ".", "--no-cache"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = json(&o);
    let rules: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        !rules.is_empty() && rules.iter().all(|r| *r == "unsupported-detail"),
        "{rules:?}"
    );
    // Flags win: --fail-on and --select from the command line.
    let o = concord_in(
        &sub,
        &[
            "check",
            ".",
            "--no-cache",
            "--fail-on",
            "contradiction",
            "--select",
            "contradiction",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = json(&o);
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["kind"] == "contradiction")
    );
    // --no-config: the text format, the default --fail-on.
    let o = concord_in(&sub, &["check", ".", "--no-cache", "--no-config"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("error[contradiction-number]"),
        "{}",
        stdout(&o)
    );
    // Not found above the repository root.
    let inner = dir.join("inner");
    std::fs::create_dir_all(inner.join(".git")).unwrap();
    copy_case("contradiction-number", &inner);
    let o = concord_in(&inner, &["check", ".", "--no-cache"]);
    assert!(
        stdout(&o).contains("error[contradiction-number]"),
        "the outer file was read"
    );
}

#[test]
fn relative_paths_in_the_configuration_are_resolved_from_its_folder() {
    let dir = project("config-paths");
    std::fs::create_dir(dir.join("elsewhere")).unwrap();
    let o = concord_in(
        &dir,
        &[
            "check",
            "articles",
            "--no-cache",
            "--no-config",
            "--write-baseline",
            "known.toml",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    std::fs::write(
        dir.join("concord.toml"),
        "baseline = \"known.toml\"\nexclude = [\"articles/000_*\"]\n",
    )
    .unwrap();
    // From another folder, with the file named: the baseline is the
    // project's, the exclude pattern anchored at the project.
    let o = concord_in(
        &dir.join("elsewhere"),
        &[
            "check",
            "../articles",
            "--no-cache",
            "--config",
            "../concord.toml",
            "--format",
            "json",
            "--baseline-stale",
            "ignore",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let report = json(&o);
    let paths = article_paths(&report);
    assert!(!paths.is_empty());
    assert!(paths.iter().all(|p| !p.contains("/000_")), "{paths:?}");
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["kind"] != "contradiction"),
        "the baseline was not applied"
    );
}

#[test]
fn a_bad_configuration_is_an_error_with_its_position() {
    let dir = project("config-bad");
    for (text, expected) in [
        (
            "format = \"json\"\nfial-on = \"never\"\n",
            "concord.toml:2:1: unknown field `fial-on`",
        ),
        (
            "format = \"jsn\"\n",
            "concord.toml:1:10: `jsn` is not one of text, concise, json",
        ),
        ("threads = \"two\"\n", "concord.toml:1:11: invalid type"),
        (
            "threads = 0\n",
            "concord.toml:1:11: threads must be at least 1",
        ),
        (
            "select = [\"contradiction-nmber\"]\n",
            "--select `contradiction-nmber` names no rule",
        ),
    ] {
        std::fs::write(dir.join("concord.toml"), text).unwrap();
        let o = concord_in(&dir, &["check", "articles", "--no-cache"]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        let err = stderr(&o);
        assert!(err.contains(expected), "{text}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(stdout(&o).is_empty());
    }
    let o = concord_in(&dir, &["check", "articles", "--config", "missing.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.toml: no such file"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn folders_are_walked_like_ripgrep_walks_them() {
    let dir = project("walk");
    let articles = dir.join("articles");
    let files: Vec<String> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let [first, second, ..] = &files[..] else {
        panic!("{files:?}")
    };
    let before = json(&concord_in(
        &dir,
        &["check", "articles", "--no-cache", "--format", "json"],
    ));
    let all = article_paths(&before).len();
    std::fs::write(articles.join(".gitignore"), format!("{first}\n")).unwrap();
    std::fs::write(articles.join(".concordignore"), format!("{second}\n")).unwrap();
    std::fs::create_dir(articles.join("drafts")).unwrap();
    std::fs::copy(articles.join(first), articles.join("drafts/d.txt")).unwrap();
    std::fs::copy(articles.join(first), articles.join(".hidden.txt")).unwrap();
    let o = concord_in(
        &dir,
        &[
            "check",
            "articles",
            "--no-cache",
            "--format",
            "json",
            "--exclude",
            "drafts/",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let paths = article_paths(&json(&o));
    assert_eq!(paths.len(), all - 2, "{paths:?}");
    for skipped in [
        first.as_str(),
        second.as_str(),
        "drafts/d.txt",
        ".hidden.txt",
    ] {
        assert!(
            paths.iter().all(|p| !p.ends_with(&format!("/{skipped}"))),
            "{skipped} read: {paths:?}"
        );
    }
    // A file named on the command line is read anyway.
    let named = format!("articles/{first}");
    let o = concord_in(
        &dir,
        &[
            "check",
            "articles",
            &named,
            "--no-cache",
            "--format",
            "json",
        ],
    );
    assert!(
        article_paths(&json(&o))
            .iter()
            .any(|p| p.ends_with(first.as_str()))
    );
}

#[test]
fn paths_that_read_nothing_are_errors() {
    let dir = scratch("nothing");
    std::fs::create_dir(dir.join("empty")).unwrap();
    std::fs::create_dir(dir.join("only-ignored")).unwrap();
    std::fs::write(dir.join("only-ignored/.gitignore"), "*.txt\n").unwrap();
    std::fs::write(dir.join("only-ignored/a.txt"), "Some text here.\n").unwrap();
    for path in ["empty", "only-ignored", "missing", "typo.txt"] {
        let o = concord_in(&dir, &["check", path, "--no-cache"]);
        assert_eq!(o.status.code(), Some(2), "{path}: {}", stderr(&o));
        let err = stderr(&o);
        let expected = if path.starts_with("empty") || path.starts_with("only") {
            "no articles in this folder"
        } else {
            "no such file or directory"
        };
        assert!(
            err.contains(&format!("{path}: {expected}")),
            "{path}: {err}"
        );
    }
}

#[test]
fn the_report_being_written_is_never_read_as_an_input() {
    let dir = project("own-report");
    // A text report written into the checked folder under an article's
    // extension, then the same run again: the report is not an input.
    for _ in 0..2 {
        let o = concord_in(
            &dir,
            &[
                "check",
                "articles",
                "--no-cache",
                "-o",
                "articles/report.txt",
                "--fail-on",
                "never",
            ],
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(!stderr(&o).contains("report.txt"), "{}", stderr(&o));
    }
    let o = concord_in(
        &dir,
        &[
            "check",
            "articles/report.txt",
            "articles",
            "--no-cache",
            "-o",
            "articles/report.txt",
        ],
    );
    let text = std::fs::read_to_string(dir.join("articles/report.txt")).unwrap();
    assert!(!text.contains("--> articles/report.txt"), "{text}");
    assert_ne!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn standard_input_is_one_article_or_json_lines_by_its_name() {
    let case = root().join("fixtures/contradiction-number");
    let edited = std::fs::read(case.join("002_edited.txt")).unwrap();
    let run = |args: &[&str], input: &[u8]| -> Output {
        let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(args)
            .current_dir(root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child.stdin.take().unwrap().write_all(input).unwrap();
        child.wait_with_output().unwrap()
    };
    let other = "fixtures/contradiction-number/000_afc76d7b66223465.txt";
    let beside_other = |name: &str, input: &[u8]| {
        let args = [
            "check",
            "-",
            other,
            "--no-cache",
            "--format",
            "json",
            "--stdin-name",
            name,
        ];
        run(&args, input)
    };
    let o = beside_other("draft.md", &edited);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = json(&o);
    assert!(article_paths(&report).contains(&"draft.md".to_string()));
    assert!(
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["rule"] == "contradiction-number")
    );
    // JSON Lines by the name's extension.
    let text = String::from_utf8(edited.clone()).unwrap();
    let line = serde_json::json!({"id": "wire-1", "text": text}).to_string() + "\n";
    let o = beside_other("feed.jsonl", line.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(article_paths(&json(&o)).contains(&"feed.jsonl#wire-1".to_string()));
    // Unnamed, JSON Lines by its first byte (a feed piped in).
    let o = beside_other("<stdin>", line.as_bytes());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(article_paths(&json(&o)).contains(&"<stdin>#wire-1".to_string()));
    // Empty standard input is an input error naming it.
    let o = run(&["check", "-", "--no-cache"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("<stdin>: empty file"), "{}", stderr(&o));
}

#[test]
fn select_and_ignore_pick_the_rules_reported() {
    let case = "fixtures/contradiction-number";
    let rules = |args: &[&str]| -> Vec<String> {
        let mut all = vec![
            "check",
            case,
            "--no-cache",
            "--no-config",
            "--format",
            "json",
        ];
        all.extend_from_slice(args);
        let o = concord_in(&root(), &all);
        json(&o)["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let everything = rules(&[]);
    assert!(everything.iter().any(|r| r == "single-source"));
    let ignored = rules(&["--ignore", "single-source,unsupported-detail"]);
    assert!(!ignored.is_empty());
    assert!(
        ignored
            .iter()
            .all(|r| r != "single-source" && r != "unsupported-detail")
    );
    let selected = rules(&["--select", "contradiction", "--select", "single_source"]);
    assert!(
        selected
            .iter()
            .all(|r| r.starts_with("contradiction-") || r == "single-source")
    );
    assert_eq!(
        selected.len(),
        everything
            .iter()
            .filter(|r| r.starts_with("contradiction-") || *r == "single-source")
            .count()
    );
    let o = concord_in(&root(), &["check", case, "--ignore", "singel-source"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--ignore `singel-source` names no rule"));
}

#[test]
fn warnings_beyond_ten_are_summarised_unless_verbose() {
    let dir = scratch("warnings");
    let text = std::fs::read_to_string(
        root().join("fixtures/contradiction-number/000_afc76d7b66223465.txt"),
    )
    .unwrap();
    // Thirteen copies of one article: twelve "same text" warnings.
    for i in 0..13 {
        std::fs::write(dir.join(format!("copy{i:02}.txt")), &text).unwrap();
    }
    let d = dir.to_str().unwrap();
    let o = concord_in(&root(), &["check", d, "--no-cache", "--fail-on", "never"]);
    let err = stderr(&o);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("concord: warning:"))
        .collect();
    assert_eq!(warnings.len(), 11, "{err}");
    assert_eq!(
        warnings[10],
        "concord: warning: and 2 more warnings; --verbose shows them"
    );
    let o = concord_in(
        &root(),
        &["check", d, "--no-cache", "--fail-on", "never", "-v"],
    );
    assert_eq!(
        stderr(&o)
            .lines()
            .filter(|l| l.starts_with("concord: warning:"))
            .count(),
        12
    );
}

#[test]
fn completions_and_man_pages_are_generated_from_the_flags() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let o = concord_in(&root(), &["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}");
        let script = stdout(&o);
        for flag in ["fail-on", "stdin-name", "baseline-stale"] {
            assert!(script.contains(flag), "{shell} completions lack --{flag}");
        }
    }
    let o = concord_in(&root(), &["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
    let o = concord_in(&root(), &["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.contains(".TH concord 1"), "{page}");
    assert!(page.contains("completions"));
    let dir = scratch("man");
    let out = dir.join("man1");
    let o = concord_in(&root(), &["man", "--output-dir", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let check = std::fs::read_to_string(out.join("concord-check.1")).unwrap();
    assert!(
        check.contains("fail\\-on") || check.contains("fail-on"),
        "{check}"
    );
    assert!(out.join("concord.1").is_file());
}

#[test]
fn the_version_names_the_revision_of_a_checkout() {
    let o = concord_in(&root(), &["--version"]);
    let version = stdout(&o);
    assert!(version.starts_with("concord 0."), "{version}");
    let head = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(root())
        .output();
    if let Ok(h) = head
        && h.status.success()
    {
        let rev = String::from_utf8(h.stdout).unwrap();
        assert!(
            version.contains(&format!("(rev {}", rev.trim())),
            "{version}"
        );
    }
}
