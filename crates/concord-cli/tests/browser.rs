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

#[test]
fn the_html_report_works_in_a_real_browser() {
    let Some(bin) = chromium() else {
        assert!(
            std::env::var_os("CONCORD_REQUIRE_BROWSER").is_none(),
            "CONCORD_REQUIRE_BROWSER is set but chromium is not installed"
        );
        eprintln!(
            "SKIPPED: chromium not found on PATH; install Debian's `chromium` to run the browser test"
        );
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
    let o = concord(&[
        "check",
        corpus.to_str().unwrap(),
        "--format",
        "html",
        "-o",
        report.to_str().unwrap(),
        "--no-cache",
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let page = std::fs::read_to_string(&report).unwrap();
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
            &format!("<script nonce=\"{nonce}\">\n{HARNESS}</script>\n</body>"),
            1,
        );
    let test_page = work.join("report-test.html");
    std::fs::write(&test_page, harnessed).unwrap();

    let dom = run_chromium(&bin, &test_page, &work, &["--dump-dom"]);
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
