//! Command-line flags (clap derive). Parsing only: main.rs turns them into a
//! run.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, bad rules, or an input that could not be read";

/// Reconciles claims across news articles: links claims that say the same
/// thing and flags contradictions, unsupported details and single-source
/// claims.
#[derive(Debug, Parser)]
#[command(name = "concord", version, about, after_help = EXIT_CODES)]
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
    /// A TSV file with `sentence1`, `sentence2`, `id` and `label` columns.
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
    /// Article files (.txt, .md) or folders, read recursively in sorted
    /// order.
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to FILE instead of standard output (the exit code
    /// is the same).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Exit with 1 when a finding of this kind or a stronger one is
    /// reported (contradiction > unsupported). Findings of severity `note`
    /// never fail a run.
    #[arg(long, value_enum, default_value_t = FailOn::Contradiction)]
    pub fail_on: FailOn,
    /// Compare every pair of claims instead of using the inverted index
    /// (slow; for measuring blocking).
    #[arg(long)]
    pub exhaustive: bool,
    /// Treat all articles as one story (no story grouping).
    #[arg(long)]
    pub single_story: bool,
    /// Print the time spent in each pipeline stage on stderr.
    #[arg(long)]
    pub timings: bool,
    /// Stop after a stage and print a one-line JSON summary of it instead
    /// of the report (for benchmarks).
    #[arg(long, value_enum, default_value_t = StopAfter::All)]
    pub stage: StopAfter,
    /// Do not draw the progress bar (it is only drawn when stderr is a
    /// terminal).
    #[arg(long, short)]
    pub quiet: bool,
    /// Incremental check: these articles are new; check them against
    /// PATHS (the corpus) and report only findings that involve one.
    #[arg(long, value_name = "FILES", num_args = 1.., help_heading = "Incremental checks")]
    pub new: Vec<PathBuf>,
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
    #[command(flatten)]
    pub common: CommonArgs,
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
    /// Article files or folders.
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
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
    /// Article files or folders.
    #[arg(value_name = "PATHS", required = true)]
    pub paths: Vec<PathBuf>,
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
    /// The full report (docs/json-schema.md).
    Json,
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
}
