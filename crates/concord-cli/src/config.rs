//! `concord.toml`, the project's settings for `concord check`, so that the
//! rules folder, the baseline, `--fail-on` and the format are written
//! once, not in every command and CI step (as ruff reads `ruff.toml` and
//! typos `_typos.toml`).
//!
//! The file is found in the current folder or its parents, stopping at
//! the repository root (the first folder holding `.git`); `--config FILE`
//! names it, `--no-config` skips it. Its keys are `check`'s long flag
//! names ([`KEYS`]); relative paths in it are resolved from its folder.
//! A flag given on the command line wins over the file (a list flag such
//! as `--select` replaces the file's list). An unknown key or a bad value
//! is an error with the file's line and column.

use crate::args::{CheckArgs, FailOn, Format};
use clap::ValueEnum;
use clap::parser::{ArgMatches, ValueSource};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The names a configuration file is found under, in order of preference.
pub const FILE_NAMES: [&str; 2] = ["concord.toml", ".concord.toml"];

/// Every key of the file; each is the long name of a `check` flag (the
/// tests hold the two and [`ConfigFile`] together).
#[cfg(test)]
const KEYS: [&str; 8] = [
    "rules", "baseline", "fail-on", "format", "select", "ignore", "exclude", "threads",
];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    rules: Option<PathBuf>,
    baseline: Option<PathBuf>,
    fail_on: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    threads: Option<Spanned<usize>>,
}

/// Finds the configuration file for a run started in `start`: the first
/// of [`FILE_NAMES`] in `start` or a parent, not above the repository
/// root.
pub fn discover(start: &Path) -> Option<PathBuf> {
    for dir in start.ancestors() {
        if let Some(found) = FILE_NAMES.iter().map(|n| dir.join(n)).find(|p| p.is_file()) {
            return Some(found);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// Applies the configuration file the flags call for (given, found, or
/// none) to `args`, where `matches` did not take the flag from the
/// command line. `Err` is one line naming the file (and the position).
pub fn apply(args: &mut CheckArgs, matches: &ArgMatches) -> Result<(), String> {
    if args.config.no_config {
        return Ok(());
    }
    let path = match &args.config.config {
        Some(p) => p.clone(),
        None => {
            let Ok(cwd) = std::env::current_dir() else {
                return Ok(());
            };
            match discover(&cwd) {
                Some(p) => p,
                None => return Ok(()),
            }
        }
    };
    let shown = path.display().to_string();
    let text = crate::read_small_file(&path).map_err(|m| format!("{shown}: {m}"))?;
    let file: ConfigFile = toml::from_str(&text).map_err(|e| {
        let at = e.span().map_or(0, |s| s.start);
        at_position(&shown, &text, at, e.message())
    })?;
    let dir = path
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                d.to_path_buf()
            }
        })
        .unwrap_or_else(|| PathBuf::from("."));
    let dir = std::path::absolute(&dir).unwrap_or(dir);
    let unset = |id: &str| matches.value_source(id) != Some(ValueSource::CommandLine);
    let relative = |p: PathBuf| if p.is_relative() { dir.join(p) } else { p };
    if let Some(v) = file.rules
        && unset("rules")
    {
        args.common.rules = Some(relative(v));
    }
    if let Some(v) = file.baseline
        && unset("baseline")
    {
        args.baseline = Some(relative(v));
    }
    if let Some(v) = file.fail_on
        && unset("fail_on")
    {
        args.fail_on = value_of::<FailOn>(&shown, &text, &v)?;
    }
    if let Some(v) = file.format
        && unset("format")
    {
        args.format = value_of::<Format>(&shown, &text, &v)?;
    }
    if let Some(v) = file.select
        && unset("select")
    {
        args.select = v;
    }
    if let Some(v) = file.ignore
        && unset("ignore")
    {
        args.ignore = v;
    }
    if let Some(v) = file.exclude
        && unset("exclude")
    {
        args.input.exclude = v;
        args.input.exclude_base = Some(dir.clone());
    }
    if let Some(v) = file.threads
        && unset("threads")
    {
        if *v.get_ref() == 0 {
            return Err(at_position(
                &shown,
                &text,
                v.span().start,
                "threads must be at least 1",
            ));
        }
        args.common.threads = Some(*v.get_ref());
    }
    Ok(())
}

/// A flag's value from the file, checked like the flag's.
fn value_of<T: ValueEnum>(shown: &str, text: &str, v: &Spanned<String>) -> Result<T, String> {
    T::from_str(v.get_ref(), false).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|x| x.to_possible_value().map(|p| p.get_name().to_string()))
            .collect();
        at_position(
            shown,
            text,
            v.span().start,
            &format!("`{}` is not one of {}", v.get_ref(), names.join(", ")),
        )
    })
}

fn at_position(shown: &str, text: &str, offset: usize, message: &str) -> String {
    let lines = concord_core::LineIndex::new(text);
    let (line, column) = lines.line_col(text, offset);
    format!(
        "{shown}:{line}:{column}: {}",
        message.trim().replace('\n', " ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_a_check_flag() {
        use clap::CommandFactory;
        let cli = crate::args::Cli::command();
        let check = cli.find_subcommand("check").unwrap();
        let longs: Vec<&str> = check.get_arguments().filter_map(|a| a.get_long()).collect();
        for k in KEYS {
            assert!(longs.contains(&k), "config key `{k}` is no check flag");
        }
        // And the file reads exactly these keys: one more is refused.
        let all = KEYS
            .iter()
            .map(|k| match *k {
                "select" | "ignore" | "exclude" => format!("{k} = []"),
                "threads" => format!("{k} = 1"),
                _ => format!("{k} = \"x\""),
            })
            .collect::<Vec<_>>()
            .join("\n");
        assert!(toml::from_str::<ConfigFile>(&all).is_ok(), "{all}");
        assert!(toml::from_str::<ConfigFile>(&format!("{all}\nquiet = true")).is_err());
    }

    #[test]
    fn discovery_stops_at_the_repository_root() {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let deep = repo.join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::write(dir.path().join("concord.toml"), "").unwrap();
        // Above the repository: not found from inside it.
        std::fs::create_dir(repo.join(".git")).unwrap();
        assert_eq!(discover(&deep), None);
        std::fs::write(repo.join(".concord.toml"), "").unwrap();
        assert_eq!(discover(&deep), Some(repo.join(".concord.toml")));
        std::fs::write(repo.join("a/concord.toml"), "").unwrap();
        assert_eq!(discover(&deep), Some(repo.join("a/concord.toml")));
    }
}
