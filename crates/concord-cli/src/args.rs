//! Command-line flags (clap derive). Parsing only: main.rs turns them into a
//! run.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, bad rules, or an input that could not be read";

/// `concord --version`: the package version, and the git revision when
/// built from a checkout (build.rs).
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("CONCORD_GIT_REVISION"));

/// Reconciles claims across news articles: links claims that say the same
/// thing and flags contradictions, unsupported details and single-source
/// claims.
#[derive(Debug, Parser)]
#[command(name = "concord", version = VERSION, about, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles against each other and report findings.
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// Print the claims extracted from articles, one JSON object per line.
    Claims(ClaimsArgs),
    /// Print each article's story keys, one JSON line per article
    /// (`{"id", "keys"}`): articles of one story share a key (for grouping
    /// a corpus sharded over machines).
    Stories(ClaimsArgs),
    /// Work with rule sets.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Relate sentence pairs from a TSV file (columns sentence1, sentence2,
    /// optional id); one JSON object per pair on stdout.
    Pairs(PairsArgs),
    /// Run `pairs` on a labelled TSV file and print the scorer's metrics.
    Eval(EvalArgs),
    /// Learn the relation models from labelled pair files and write them as
    /// a `[weights]` rule file.
    Train(TrainArgs),
    /// Print the claim graph (claims that take part in a link, and the
    /// links) for Graphviz or other tools.
    Graph(GraphArgs),
    /// Count how many articles of a corpus use each normalised term and
    /// write them as a `[background]` rule file (IDF weights).
    BuildIdf(BuildIdfArgs),
    /// Print a shell completion script (generated from these flags).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print concord's man page (roff), or write one page per command
    /// into a folder.
    Man {
        /// Write `concord.1`, `concord-check.1`, ... into DIR.
        #[arg(long, value_name = "DIR")]
        output_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct PairsArgs {
    /// A TSV file, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Add the matcher's features of the deciding claim pair to each line
    /// (for calibrating a rule set).
    #[arg(long)]
    pub features: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// A TSV file with `sentence1`, `sentence2` and `label` columns, and
    /// optionally `id`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    pub format: EvalFormat,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labelled TSV files: paraphrase labels train the `equivalent` model,
    /// inference labels the `entails` model, both the `one_way` model.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Where to write the rule file (e.g. rules/weights.toml).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// L2 penalty on the weights.
    #[arg(long, default_value_t = 1.0)]
    pub l2: f64,
    /// Fit these models as boosted tree ensembles instead of logistic
    /// regressions (comma-separated: equivalent, entails, one_way, same_fact).
    #[arg(long, value_name = "MODELS", value_delimiter = ',')]
    pub trees: Vec<String>,
    /// Boosting rounds (trees per ensemble).
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub rounds: usize,
    /// Depth of each tree, 1 to 8.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub depth: usize,
    /// Learning rate (shrinkage of each tree's leaves), above 0 and at most 1.
    #[arg(long, value_name = "X", default_value_t = 0.05)]
    pub rate: f64,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct BuildIdfArgs {
    /// Corpus files: articles, folders, or JSON Lines (.jsonl, .jsonl.gz).
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
    /// Where to write the rule file.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Leave out terms found in fewer articles than this.
    #[arg(long, default_value_t = 3)]
    pub min_df: u32,
    /// A note on where the corpus comes from, stored in the file.
    #[arg(long)]
    pub source: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// A folder of rule files (*.toml) that add to and override the
    /// built-in rules.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles (.txt, .md, .markdown, .text, .html, .htm; JSON Lines
    /// .jsonl, .jsonl.gz, .ndjson) or folders, walked in sorted order
    /// like ripgrep walks them (.gitignore, .ignore and .concordignore
    /// respected, hidden files skipped); `-` reads standard input.
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of standard output (the exit code
    /// is the same). FILE is never read as an input.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a finding of this kind or a stronger one is
    /// reported (contradiction > unsupported). Findings of severity `note`
    /// never fail a run.
    #[arg(long, value_enum, default_value_t = FailOn::Contradiction)]
    pub fail_on: FailOn,
    /// Colour the text and concise formats: `auto` when standard output
    /// is a terminal and `NO_COLOR` is unset or empty.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Text, concise, GitHub and SARIF formats: single-source claims
    /// `full` (all of them), `summary` (default: per outlet the count and
    /// the 3 most important) or `hide` (only counted). Markdown, HTML and
    /// JSON list them all.
    #[arg(long, value_enum, value_name = "HOW")]
    pub single_source: Option<SingleSourceChoice>,
    /// SARIF and GitHub formats: write only the N most important findings
    /// (hard before soft, more outlets first). SARIF holds at most 5,000
    /// unless told otherwise; what is left out is said on stderr.
    #[arg(long, value_name = "N")]
    pub max_findings: Option<usize>,
    /// Report only findings of these rules: a rule id
    /// (`contradiction-number`), a group (`contradiction`, `tension`), a
    /// kind (`unsupported_detail`) or `ALL`. Comma-separated or repeated.
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Do not report findings of these rules (as in --select).
    #[arg(long, value_name = "RULES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Do not draw the progress bar (it is only drawn when stderr is a
    /// terminal).
    #[arg(long, short)]
    pub quiet: bool,
    /// Print every warning (by default the first 10 and a count).
    #[arg(long, short)]
    pub verbose: bool,
    #[command(flatten)]
    pub config: ConfigArgs,
    /// Incremental check: these articles are new; check them against
    /// PATHS (the corpus) and report only findings that involve one.
    #[arg(long, value_name = "FILES", num_args = 1.., help_heading = "Incremental checks")]
    pub new: Vec<PathBuf>,
    /// Keep a story index in FILE (made when missing): PATHS are a new
    /// batch of the feed, assigned to the stories they join or starting
    /// new ones, and only the stories they change are checked again. The
    /// findings of those stories are printed as JSON Lines (needs
    /// `--format jsonl`); the index holds every story's, as one run over
    /// all the articles would give them (docs/distributed.md).
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Incremental checks",
        conflicts_with_all = ["new", "baseline", "write_baseline", "single_story", "exhaustive", "stage"]
    )]
    pub index: Option<PathBuf>,
    /// With --index: print the findings of every story in the index, not
    /// only of the stories this batch changed.
    #[arg(long, requires = "index", help_heading = "Incremental checks")]
    pub whole_index: bool,
    #[command(flatten)]
    pub cache: CacheArgs,
    /// Report only findings not recorded in this baseline file (written
    /// by --write-baseline).
    #[arg(long, value_name = "FILE", help_heading = "Baselines")]
    pub baseline: Option<PathBuf>,
    /// Record a fingerprint of every current finding in FILE. The report
    /// is printed as usual; the exit code is 0 unless an input could not
    /// be read.
    #[arg(long, value_name = "FILE", help_heading = "Baselines")]
    pub write_baseline: Option<PathBuf>,
    /// What to do about baseline entries whose finding is gone: `warn`
    /// prints them, `error` also exits 1, `ignore` says nothing.
    #[arg(
        long,
        value_enum,
        default_value_t = Stale::Warn,
        value_name = "WHAT",
        help_heading = "Baselines"
    )]
    pub baseline_stale: Stale,
    /// Compare every pair of claims instead of using the inverted index
    /// (slow; for measuring blocking).
    #[arg(long, help_heading = "Debugging")]
    pub exhaustive: bool,
    /// Treat all articles as one story (no story grouping).
    #[arg(long)]
    pub single_story: bool,
    /// Which claims weigh terms: `run` all claims of the run, `story`
    /// the claims of each story, so that a story's findings do not depend
    /// on the other stories of the run (sharded and incremental runs).
    #[arg(long, value_enum, default_value_t = TermWeightsChoice::Run, value_name = "OVER")]
    pub term_weights: TermWeightsChoice,
    /// Print the time spent in each pipeline stage on stderr.
    #[arg(long, help_heading = "Debugging")]
    pub timings: bool,
    /// Stop after a stage and print a one-line JSON summary of it instead
    /// of the report (for benchmarks).
    #[arg(long, value_enum, default_value_t = StopAfter::All, help_heading = "Debugging")]
    pub stage: StopAfter,
    #[command(flatten)]
    pub common: CommonArgs,
}

/// How folders are walked and standard input is named.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Skip files and folders matching GLOB (.gitignore syntax:
    /// `drafts/`, `*.draft.md`) when walking folders; files named on the
    /// command line are read anyway. Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// The name standard input (`-`) is shown under; its extension gives
    /// its format (`feed.jsonl` reads JSON Lines).
    #[arg(long, value_name = "NAME", default_value = concord_input::Stdin::DEFAULT_NAME)]
    pub stdin_name: String,
    /// The folder `exclude` patterns with a slash are anchored at: the
    /// configuration file's folder for its `exclude`, else the current
    /// folder.
    #[arg(skip)]
    pub exclude_base: Option<PathBuf>,
}

impl Default for InputArgs {
    fn default() -> InputArgs {
        InputArgs {
            exclude: Vec::new(),
            stdin_name: concord_input::Stdin::DEFAULT_NAME.into(),
            exclude_base: None,
        }
    }
}

/// The project configuration file (`concord.toml`).
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Read settings from FILE instead of the `concord.toml` (or
    /// `.concord.toml`) found in the current folder or its parents, up to
    /// the repository root. Command-line flags win over the file.
    #[arg(long, value_name = "FILE", help_heading = "Configuration")]
    pub config: Option<PathBuf>,
    /// Do not read a configuration file.
    #[arg(long, conflicts_with = "config", help_heading = "Configuration")]
    pub no_config: bool,
}

/// The cache of extracted claims.
#[derive(Debug, Args)]
pub struct CacheArgs {
    /// Cache extracted claims in DIR (default: `concord` in the platform
    /// cache folder, e.g. ~/.cache/concord). Safe to share between runs
    /// and to delete.
    #[arg(long, value_name = "DIR", help_heading = "Incremental checks")]
    pub cache: Option<PathBuf>,
    /// Do not read or write the claim cache.
    #[arg(long, conflicts_with = "cache", help_heading = "Incremental checks")]
    pub no_cache: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Stale {
    /// Say nothing.
    Ignore,
    /// Print each stale entry on standard error.
    Warn,
    /// Print them and exit 1.
    Error,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Article files or folders (as for `check`); `-` reads standard
    /// input.
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
    pub format: GraphFormat,
    /// Write the output to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Treat all articles as one story (no story grouping).
    #[arg(long)]
    pub single_story: bool,
    #[command(flatten)]
    pub cache: CacheArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StopAfter {
    /// Read the inputs and split them into sentences.
    Segment,
    /// Read, segment and extract claims.
    Extract,
    /// Run the whole pipeline and render the report.
    All,
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Article files or folders (as for `check`); `-` reads standard
    /// input.
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub cache: CacheArgs,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate a rule folder (or the built-in rules) and run every
    /// detector's examples.
    Check {
        /// Rule folder to validate on top of the built-in rules.
        #[arg(value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics.
    Text,
    /// One line per finding: `path:line:col: rule: message`.
    Concise,
    /// The full report (docs/json-schema.md).
    Json,
    /// JSON Lines: one finding per line with its story, the articles by
    /// their input ids, and its sentences (for stream processors).
    Jsonl,
    /// Markdown for editors: a corroboration matrix per story, then each
    /// finding with its sentences quoted.
    Md,
    /// One self-contained HTML page: outlets side by side, claims
    /// highlighted by fact, findings that jump to their sentences.
    Html,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TermWeightsChoice {
    /// Over every claim of the run.
    Run,
    /// Over the claims of each story.
    Story,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SingleSourceChoice {
    /// Every single-source claim.
    Full,
    /// Per outlet, the count and the most important ones.
    Summary,
    /// Only the count in the summary line.
    Hide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour, even into a pipe or a file, and despite `NO_COLOR`.
    Always,
    /// Never colour.
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A table.
    Text,
    /// One JSON object.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    /// Graphviz DOT.
    Dot,
    /// JSON: nodes, edges and facts.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Fail on contradictions.
    Contradiction,
    /// Fail on contradictions and unsupported details.
    Unsupported,
    /// Never fail because of findings.
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;
    use std::collections::BTreeSet;

    #[test]
    fn flags_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_requires_paths() {
        assert!(Cli::try_parse_from(["concord", "check"]).is_err());
        let cli = Cli::try_parse_from([
            "concord",
            "check",
            "x",
            "--format",
            "json",
            "--fail-on",
            "never",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else {
            panic!()
        };
        assert_eq!(args.format, Format::Json);
        assert_eq!(args.fail_on, FailOn::Never);
    }

    /// A leaf command's name as docs/cli.md writes it (`rules check`), its
    /// long flags (without help and version) and their short forms.
    type Flags = (String, BTreeSet<String>, Vec<(String, char)>);

    fn commands() -> Vec<Flags> {
        fn leaves(cmd: &clap::Command, prefix: &str, out: &mut Vec<Flags>) {
            for sub in cmd.get_subcommands() {
                let name = format!("{prefix}{}", sub.get_name());
                if sub.has_subcommands() {
                    leaves(sub, &format!("{name} "), out);
                    continue;
                }
                let args: Vec<&clap::Arg> = sub
                    .get_arguments()
                    .filter(|a| {
                        a.get_long()
                            .is_some_and(|l| !matches!(l, "help" | "version"))
                    })
                    .collect();
                let longs = args
                    .iter()
                    .filter_map(|a| a.get_long())
                    .map(|l| format!("--{l}"))
                    .collect();
                let shorts = args
                    .iter()
                    .filter_map(|a| Some((format!("--{}", a.get_long()?), a.get_short()?)))
                    .collect();
                out.push((name, longs, shorts));
            }
        }
        let mut out = Vec::new();
        leaves(&Cli::command(), "", &mut out);
        out
    }

    fn flags_in(text: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut rest = text;
        while let Some(i) = rest.find("--") {
            let flag: String = rest[i + 2..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if flag.starts_with(|c: char| c.is_ascii_lowercase()) {
                out.insert(format!("--{flag}"));
            }
            rest = &rest[i + 2 + flag.len()..];
        }
        out
    }

    /// docs/cli.md's synopsis and flag tables name exactly the flags each
    /// command parses: a flag added, renamed or removed on one side only
    /// fails here.
    #[test]
    fn docs_cli_md_lists_every_flag_of_every_command() {
        let docs =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/cli.md"))
                .unwrap();
        let synopsis = docs
            .split("```text\n")
            .nth(1)
            .and_then(|b| b.split("```").next())
            .unwrap();
        let commands = commands();
        assert!(commands.len() >= 10, "{commands:?}");
        for (name, flags, shorts) in &commands {
            // The synopsis: the command's line and its indented
            // continuation lines.
            let mut text = String::new();
            let mut inside = false;
            for line in synopsis.lines() {
                if let Some(after) = line.strip_prefix("concord ") {
                    inside = after.starts_with(&format!("{name} ")) || after == name.as_str();
                } else if !line.starts_with(' ') {
                    inside = false;
                }
                if inside {
                    text.push_str(line);
                    text.push('\n');
                }
            }
            assert!(
                !text.is_empty(),
                "the synopsis has no `concord {name}` line"
            );
            // The synopsis may write a flag in its short form (`-o FILE`).
            let mut written = flags_in(&text);
            for (long, short) in shorts {
                if text.contains(&format!("[-{short}]")) || text.contains(&format!("-{short} ")) {
                    written.insert(long.clone());
                }
            }
            assert_eq!(&written, flags, "synopsis of `concord {name}`");
            // The flag table of its section.
            let heading = format!("\n## `concord {name}");
            let start = docs
                .find(&format!("{heading}`"))
                .or_else(|| docs.find(&format!("{heading} ")))
                .unwrap_or_else(|| panic!("docs/cli.md has no section {heading}`"));
            let section = &docs[start + 1..];
            let section = &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)];
            let mut in_table = false;
            let mut table = BTreeSet::new();
            for line in section.lines() {
                if line.starts_with("| flag | meaning |") {
                    in_table = true;
                } else if !line.starts_with('|') {
                    in_table = false;
                } else if in_table {
                    let first = line.split('|').nth(1).unwrap_or("");
                    table.extend(flags_in(first));
                }
            }
            assert_eq!(
                &table, flags,
                "flag table of `concord {name}` in docs/cli.md"
            );
        }
    }

    /// The help of `check`'s paths names every input format's extensions.
    #[test]
    fn check_help_names_every_input_extension() {
        let cli = Cli::command();
        let check = cli.find_subcommand("check").unwrap();
        let paths = check
            .get_arguments()
            .find(|a| a.get_id() == "paths")
            .unwrap();
        let help = paths.get_help().unwrap().to_string();
        for f in concord_input::InputFormat::ALL {
            let names = f
                .extensions()
                .iter()
                .map(|e| format!(".{e}"))
                .chain(f.name_endings().iter().map(|e| e.to_string()));
            for n in names {
                assert!(help.contains(&n), "`check --help` omits {n}: {help}");
            }
        }
    }
}
