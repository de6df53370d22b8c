//! The HTML report in a real browser: headless Chromium (Debian's
//! `chromium` package; `.ci/run` installs it when missing) loads the
//! page with a test harness added, clicks a finding, and reports what it
//! saw; a screenshot is left in Cargo's target tmp folder (not in the
//! repository).
//!
//! Without Chromium the test is skipped with a message, unless
//! `CONCORD_REQUIRE_BROWSER` is set (as `.ci/run` does on CI), where a
//! missing browser fails it.
use crate::common::{concord, copy_case, stderr};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const HARNESS: &str = include_str!("browser/harness.js");
const MANY: &str = include_str!("browser/many.js");

/// Chromium, or `None` after saying the test is skipped; where
/// `CONCORD_REQUIRE_BROWSER` is set, a missing browser fails instead.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CONCORD_REQUIRE_BROWSER").is_none(),
            "CONCORD_REQUIRE_BROWSER is set but chromium is not installed"
        );
        eprintln!(
            "SKIPPED: chromium not found on PATH; install Debian's `chromium` to run the browser test"
        );
    }
    found
}

/// Writes the HTML report of `inputs` to `out`; the run must exit `code`.
fn html_report(inputs: &str, out: &Path, code: i32) {
    let o = concord(&[
        "check",
        inputs,
        "--format",
        "html",
        "-o",
        out.to_str().unwrap(),
        "--no-cache",
    ]);
    assert_eq!(o.status.code(), Some(code), "{}", stderr(&o));
}

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

/// Runs Chromium headless on `page` with `extra` flags; returns stdout
/// (written to a file: a dumped page is larger than a pipe's buffer).
fn run_chromium(bin: &Path, page: &Path, work: &Path, extra: &[&str]) -> String {
    let profile = work.join(format!("profile-{}", extra.len()));
    let stdout = work.join(format!("stdout-{}.txt", extra.len()));
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--window-size=1400,900",
            "--virtual-time-budget=3000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    String::from_utf8_lossy(&std::fs::read(&stdout).unwrap()).into_owned()
}

/// Loads the report at `report` in Chromium with `harness` added under the
/// page's own policy; returns what the harness wrote and the page it ran.
fn run_harness(bin: &Path, report: &Path, harness: &str, work: &Path) -> (Value, PathBuf) {
    let page = std::fs::read_to_string(report).unwrap();
    let nonce = page
        .split("<script nonce=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_string();
    // The harness runs under the page's own policy, with its nonce; an
    // error listener goes first so that errors of the page's script and
    // policy violations are caught too.
    let listen = format!(
        "<script nonce=\"{nonce}\">window.__errors = [];\
         window.addEventListener('error', function (e) {{ window.__errors.push('error: ' + e.message); }});\
         document.addEventListener('securitypolicyviolation', function (e) {{ window.__errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI); }});\
         console.error = function () {{ window.__errors.push('console: ' + Array.prototype.join.call(arguments, ' ')); }};</script>"
    );
    let harnessed = page
        .replacen("<head>", &format!("<head>\n{listen}"), 1)
        .replacen(
            "</body>",
            &format!("<script nonce=\"{nonce}\">\n{harness}</script>\n</body>"),
            1,
        );
    let test_page = work.join("report-test.html");
    std::fs::write(&test_page, harnessed).unwrap();

    let dom = run_chromium(bin, &test_page, work, &["--dump-dom"]);
    // The last one: the harness's own source mentions the element too.
    let json = dom
        .rsplit("<pre id=\"test-result\">")
        .next()
        .filter(|_| dom.contains("<pre id=\"test-result\">{"))
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("no test result in the page; the harness did not run"));
    let json = json
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let result: Value = serde_json::from_str(&json).unwrap();
    (result, test_page)
}

#[test]
fn the_html_report_works_in_a_real_browser() {
    let Some(bin) = chromium_or_skip() else {
        return;
    };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-test");
    let _ = std::fs::remove_dir_all(&work);
    let corpus = work.join("articles");
    copy_case("contradiction-date", &corpus);
    // An article that tries to run a script in the report.
    let a = corpus.join("002_cdc2e3d761dd65a8.txt");
    let mut text = std::fs::read_to_string(&a).unwrap();
    text.push_str(
        "\nOfficials said <script>window.__pwned = 1</script> was not a real threat to anyone.\n",
    );
    std::fs::write(&a, text).unwrap();

    let report = work.join("report.html");
    html_report(corpus.to_str().unwrap(), &report, 1);
    let (result, test_page) = run_harness(&bin, &report, HARNESS, &work);
    let c = &result["checks"];
    assert_eq!(result["errors"], serde_json::json!([]), "console: {result}");
    assert!(c["findings"].as_u64().unwrap() > 5, "{result}");
    assert!(c["marks"].as_u64().unwrap() > 50, "{result}");
    assert!(c["factMarks"].as_u64().unwrap() > 10, "{result}");
    for check in [
        "contradiction",
        "singleSourceHiddenAtFirst",
        "kindFilterHides",
        "outletFilterHides",
        "articleScriptDidNotRun",
        "articleScriptShownAsText",
    ] {
        assert_eq!(c[check], true, "{check}: {result}");
    }
    for check in ["scrolled", "inView", "focused"] {
        assert_eq!(
            c[check],
            serde_json::json!([true, true]),
            "{check}: {result}"
        );
    }

    // A screenshot for a person to look at: target/tmp/browser-test.
    let shot = work.join("report.png");
    run_chromium(
        &bin,
        &test_page,
        &work,
        &[
            &format!("--screenshot={}", shot.display()),
            "--hide-scrollbars",
        ],
    );
    assert!(shot.is_file(), "chromium wrote no screenshot");
    eprintln!("screenshot: {}", shot.display());
}

/// Twelve stories of six outlets each, with front matter: three kinds of
/// local story over twelve towns; in each, the sixth outlet gives another
/// figure than the other five.
fn many_stories(dir: &Path) {
    let towns = [
        "Ardmore",
        "Belcastle",
        "Corrin",
        "Dunmere",
        "Elstow",
        "Farnby",
        "Glenrock",
        "Harwick",
        "Inverloch",
        "Jarrow Vale",
        "Kelso Bay",
        "Lindum",
    ];
    let people = [
        "Helen Ashdown",
        "Marcus Pell",
        "Ruth Okafor",
        "Daniel Strand",
        "Priya Mehta",
        "Tomas Varga",
        "Grace Liddell",
        "Owen Marsh",
        "Sofia Brandt",
        "Kwame Boateng",
        "Irene Castell",
        "Paul Whitby",
    ];
    let outlets = [
        "Daily Courier",
        "Westfield Herald",
        "County Gazette",
        "Metro Wire",
        "Evening Post",
        "Northern Echo",
    ];
    let kinds: [(&str, [&str; 4]); 3] = [
        (
            "{town} flood: homes evacuated",
            [
                "The river burst its banks in {town} on Friday night.",
                "Emergency crews evacuated {n} homes in the old quarter of {town}.",
                "Mayor {who} said a relief centre would open at the {town} leisure centre.",
                "No injuries were reported, the county fire service said.",
            ],
        ),
        (
            "{town} factory fire",
            [
                "A fire broke out at the {town} paper mill on Tuesday morning.",
                "Firefighters said {n} workers were led to safety from the {town} mill.",
                "Plant manager {who} said production would resume next month.",
                "The cause of the blaze at the mill is being investigated.",
            ],
        ),
        (
            "{town} council budget",
            [
                "The {town} council approved its budget on Wednesday evening.",
                "Councillors voted to spend {n} million pounds on roads in {town}.",
                "Council leader {who} said the plan would cut waiting times for repairs.",
                "Opposition members said the {town} plan ignored public transport.",
            ],
        ),
    ];
    let verbs = ["said", "said", "told reporters", "said", "stated", "said"];
    for (k, town) in towns.iter().enumerate() {
        let (title, sentences) = kinds[k % 3];
        let story = dir.join(format!("story{k:02}"));
        std::fs::create_dir_all(&story).unwrap();
        for (j, outlet) in outlets.iter().enumerate() {
            let n = if j < 5 { "22" } else { "70" };
            let fill = |s: &str| {
                s.replace("{town}", town)
                    .replace("{n}", n)
                    .replace("{who}", people[k])
            };
            let body = sentences
                .map(fill)
                .join("\n\n")
                .replacen("said", verbs[j], 1);
            let text = format!(
                "---\ntitle: \"{}\"\noutlet: {outlet}\npublished: 2026-03-{:02}\n---\n{body}\n",
                fill(title),
                10 + k
            );
            std::fs::write(story.join(format!("outlet{j}.md")), text).unwrap();
        }
    }
}

#[test]
fn a_report_of_many_stories_and_outlets_keeps_every_column_in_reach() {
    let Some(bin) = chromium_or_skip() else {
        return;
    };
    let work = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-many");
    let _ = std::fs::remove_dir_all(&work);
    let corpus = work.join("articles");
    many_stories(&corpus);
    let report = work.join("report.html");
    html_report(corpus.to_str().unwrap(), &report, 1);
    let (result, test_page) = run_harness(&bin, &report, MANY, &work);
    let c = &result["checks"];
    assert_eq!(result["errors"], serde_json::json!([]), "console: {result}");
    assert_eq!(c["stories"], 12, "{result}");
    assert_eq!(c["indexEntries"], 12, "{result}");
    assert_eq!(c["factTables"], 12, "{result}");
    assert_eq!(c["columns"], 72, "{result}");
    assert_eq!(c["unreachable"], serde_json::json!([]), "{result}");
    assert!(c["disputedRows"].as_u64().unwrap() >= 12, "{result}");
    assert!(c["majorityCells"].as_u64().unwrap() >= 12 * 5, "{result}");
    assert!(
        c["pageOverflow"].as_i64().unwrap() <= 0,
        "the page scrolls sideways: {result}"
    );
    assert!(
        c["pageOverflowAfterClicks"].as_i64().unwrap() <= 0,
        "{result}"
    );
    assert_eq!(c["sideBySide"], 2, "{result}");
    assert_eq!(c["frontMatterShown"], false, "{result}");
    // The seeds: one story of five outlets, the same checks.
    let seeds = work.join("seeds.html");
    html_report("fixtures/seeds", &seeds, 0);
    let seeds_work = work.join("seeds");
    std::fs::create_dir_all(&seeds_work).unwrap();
    let (seeds_result, _) = run_harness(&bin, &seeds, MANY, &seeds_work);
    let s = &seeds_result["checks"];
    assert_eq!(
        seeds_result["errors"],
        serde_json::json!([]),
        "{seeds_result}"
    );
    assert_eq!(
        (s["stories"].as_u64(), s["columns"].as_u64()),
        (Some(1), Some(5)),
        "{seeds_result}"
    );
    assert_eq!(s["unreachable"], serde_json::json!([]), "{seeds_result}");
    assert!(s["pageOverflow"].as_i64().unwrap() <= 0, "{seeds_result}");
    assert_eq!(s["sideBySide"], 2, "{seeds_result}");
    let shot = work.join("report.png");
    run_chromium(
        &bin,
        &test_page,
        &work,
        &[
            &format!("--screenshot={}", shot.display()),
            "--hide-scrollbars",
        ],
    );
    assert!(shot.is_file(), "chromium wrote no screenshot");
    eprintln!("screenshot: {}", shot.display());
}
