//! The command-line surface (clap derive). Parsing only; `run` acts on it.

use crate::render::Format;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Arg, Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The newest rubric file format this build reads (it reads every older one).
pub const RUBRIC_FORMAT: u32 = 2;

/// Version of the answers file format this build reads.
pub const ANSWERS_FORMAT: u32 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "levelup",
    version,
    long_version = concat!(env!("CARGO_PKG_VERSION"), " (rubric formats 1 to 2, answers format 1)"),
    about = "Find out where you stand between two career levels, and what to do next",
    long_about = "levelup scores your answers against a career-ladder rubric (by default Senior → Staff Engineer) and prints a gap report: dimension by dimension, what the next level looks like, how far you are, and what to do next. Everything stays on your machine.",
    after_help = "\
Examples:
  levelup assess                              # the interview, in a terminal
  levelup assess --answers me.yaml -f markdown -o gap.md
  levelup template > me.yaml                  # an answers file to fill in
  levelup rubric validate my-ladder.yaml",
    // Our own `help` subcommand (below): clap's cannot answer `levelup help --help`.
    disable_help_subcommand = true
)]
pub struct Cli {
    /// Colour: auto (default, on a terminal unless NO_COLOR is set), always or never
    // Values and default are in the help line: clap's list of them would take
    // 8 lines on every subcommand's --help.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value_t = ColorChoice::Auto,
        value_name = "WHEN",
        hide_possible_values = true,
        hide_default_value = true,
        help_heading = GLOBAL
    )]
    pub color: ColorChoice,

    /// Read settings from FILE instead of $XDG_CONFIG_HOME/levelup/config.toml
    #[arg(long, global = true, value_name = "FILE", help_heading = GLOBAL)]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

/// The heading of the options every subcommand takes (`--color`, `--config`).
pub const GLOBAL: &str = "Global options";

/// `--color`: auto is colour on a terminal unless NO_COLOR is set
/// (CLICOLOR_FORCE forces it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the questions (or score an answers file) and print the gap report
    #[command(after_help = "\
Examples:
  levelup assess                                   # the interview, in a terminal
  levelup assess --resume                          # continue an interrupted interview
  levelup assess --answers partial.yaml            # in a terminal: asks only what is missing
  levelup assess --answers answers.yaml --format markdown -o gap.md
  cat answers.yaml | levelup assess --answers - --format json
  levelup assess --answers self.yaml --answers manager.yaml --answers peer.yaml   # 360

Exit codes: 0 success, 2 bad usage or bad input, 130 interview stopped with Esc or Ctrl-C (answers kept), 129/131/143 stopped by SIGHUP/SIGQUIT/SIGTERM (answers kept), 1 anything else (the message says whether the answers were kept).")]
    Assess(AssessArgs),

    /// The shortest path to the target: the fewest answers to change to reach it, and how
    #[command(after_help = "\
Examples:
  levelup plan --answers me.yaml
  levelup plan --answers me.yaml --target staff -f json | jq '.plan.changes'
  levelup plan --answers me.yaml -f html -o path.html

The same path is a section of the full report (levelup assess). Each change names the question,
the answer now and the one needed, the dimension's next action and the readiness it brings alone.
The plan is exact (no shorter one exists) unless it says it is heuristic.

Exit codes: 0 success, 2 bad usage or bad input, 130 interview stopped with Esc or Ctrl-C (answers kept).")]
    Plan(PlanArgs),

    /// Print an answers file to fill in: every question, its allowed values as comments
    #[command(after_help = "\
Examples:
  levelup template > me.yaml
  levelup template --rubric my-ladder.yaml --format toml > me.toml
  levelup assess --answers me.yaml                 # once filled in")]
    Template(TemplateArgs),

    /// List, show, check, start or describe rubrics
    #[command(subcommand)]
    Rubric(RubricCommand),

    /// List the saved runs (assess --save) with the trend of readiness
    #[command(after_help = "\
Examples:
  levelup assess --answers me.yaml --save
  levelup history
  levelup history -f json
  levelup history --stale-after 18              # mark runs with evidence older than 18 months")]
    History(HistoryArgs),

    /// Score a whole team's answers files against one rubric: heatmap, shared gaps, strengths
    #[command(
        after_help = "\
Examples:
  levelup team answers/                          # every .yaml, .yml, .toml and .json file in it
  levelup team alice.yaml bob.yaml -f markdown
  levelup team answers/ --strict -f json         # fail if any file does not load

A file that fails to load is named with its error and the rest are still reported;
files for another rubric are listed as such and left out.",
        mut_arg("format", team_format)
    )]
    Team(TeamArgs),

    /// Show growth between two assessments: the last two saved runs, or two files
    #[command(
        after_help = "\
Examples:
  levelup compare                                  # the last two saved runs
  levelup compare march.yaml october.yaml          # two answers files (scored now)
  levelup compare old-report.json new-report.json -f html -o growth.html

Each file may be a saved run, a JSON report (assess -f json) or an answers file.",
        mut_arg("format", compare_format)
    )]
    Compare(CompareArgs),

    /// Draft a promotion packet: per dimension, dated evidence and what is still missing
    #[command(
        after_help = "\
Examples:
  levelup packet --name Sam -f html -o packet.html     # Sam's saved runs (assess --save)
  levelup packet march.yaml october.yaml              # answers files, or saved runs, of one person
  levelup packet run.json --target staff --stale-after 18 -f markdown

The newest input (by its date) gives the estimate and the gaps; the evidence comes
from every input, verbatim, dated by the first input it appears in. Evidence dated
more than 12 months (--stale-after, or stale_after_months in the config) before
--as-of (default today) is marked stale.",
        mut_arg("format", packet_format)
    )]
    Packet(PacketArgs),

    /// Print a shell completion script
    #[command(after_help = "\
Examples:
  levelup completions bash > ~/.local/share/bash-completion/completions/levelup
  levelup completions zsh > ~/.zfunc/_levelup
  levelup completions fish > ~/.config/fish/completions/levelup.fish")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print a man page (roff), or write them all into a folder
    #[command(after_help = "\
Examples:
  levelup man --dir ~/.local/share/man/man1      # every page; then: man levelup-assess
  levelup man assess | man -l -                  # one page, read at once
  levelup man rubric show > levelup-rubric-show.1")]
    Man(ManArgs),

    /// Print the help of levelup or of a subcommand (the same as its --help)
    #[command(after_help = "\
Examples:
  levelup help assess
  levelup help rubric show")]
    Help(HelpArgs),
}

/// `levelup man`: which page, or every page into a folder.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print: `assess`, `rubric show` or `rubric-show` [default: the main page, levelup(1)]
    #[arg(value_name = "SUBCOMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page (levelup.1, levelup-assess.1 and the others) into DIR, created if missing;
    /// pages of the same name already there are replaced
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// `levelup help`: whose help to print.
#[derive(Debug, Args)]
pub struct HelpArgs {
    /// The subcommand, e.g. `assess` or `rubric show` [default: levelup itself]
    #[arg(value_name = "SUBCOMMAND")]
    pub command: Vec<String>,
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Answers file: YAML, TOML or JSON by extension; `-` reads YAML from stdin.
    /// Give it several times for several raters (360), each file saying `rater: self|manager|peer`
    #[arg(long, value_name = "FILE")]
    pub answers: Vec<String>,

    /// Continue the interview that was stopped (Esc, Ctrl-C, a closed terminal or a signal)
    #[arg(long, conflicts_with = "answers")]
    pub resume: bool,

    /// Save the answers to FILE (YAML) without asking; refuses to replace a file unless --force
    #[arg(long, value_name = "FILE")]
    pub save_answers: Option<PathBuf>,

    /// Built-in rubric id, installed rubric id or rubric YAML file [default: the answers file's rubric, else the config's, else senior-staff]
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,

    /// Level to measure against [default: the answers file's target, else the config's, else the rubric's]
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,

    /// Report format [default: the config's, else table]
    #[arg(long, short = 'f', value_parser = formats(ASSESS_FORMATS))]
    pub format: Option<Format>,

    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Keep this run (report and answers) in $XDG_DATA_HOME/levelup/history/ for `levelup history` and `levelup compare`
    #[arg(long)]
    pub save: bool,

    /// Also draw a radar chart (SVG) of the report to FILE; Markdown reports link to it
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,

    /// Replace the -o, --chart and --save-answers files if they already exist
    #[arg(long)]
    pub force: bool,

    /// Score what is answered and list the rest as unanswered, instead of failing
    #[arg(long)]
    pub allow_missing: bool,

    /// What the report shows: all of it (`assess`) or the plan (`plan`).
    #[arg(skip)]
    pub view: crate::render::sections::View,
}

#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Answers file: YAML, TOML or JSON by extension; `-` reads YAML from stdin
    #[arg(long, value_name = "FILE")]
    pub answers: Option<String>,

    /// Continue the interview that was stopped, then plan
    #[arg(long, conflicts_with = "answers")]
    pub resume: bool,

    /// Built-in rubric id, installed rubric id or rubric YAML file [default: the answers file's rubric, else the config's, else senior-staff]
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,

    /// Level to reach [default: the answers file's target, else the config's, else the rubric's]
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,

    /// Format [default: the config's, else table]
    #[arg(long, short = 'f', value_parser = formats(PLAN_FORMATS))]
    pub format: Option<Format>,

    /// Write the plan to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the -o file if it already exists
    #[arg(long)]
    pub force: bool,

    /// Plan from what is answered, instead of failing on unanswered questions
    #[arg(long)]
    pub allow_missing: bool,
}

impl From<PlanArgs> for AssessArgs {
    /// `plan` is `assess` showing only where the person stands and the path.
    fn from(p: PlanArgs) -> Self {
        AssessArgs {
            answers: p.answers.into_iter().collect(),
            resume: p.resume,
            save_answers: None,
            rubric: p.rubric,
            target: p.target,
            format: p.format,
            output: p.output,
            save: false,
            chart: None,
            force: p.force,
            allow_missing: p.allow_missing,
            view: crate::render::sections::View::Plan,
        }
    }
}

/// `history -f`: the list of saved runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// A table of the saved runs: when saved, whose, date, rubric, target, estimate, readiness and its trend
    Table,
    /// The same table in Markdown
    Markdown,
    /// One JSON object per saved run, with the file it is kept in
    Json,
}

/// What `assess -f` writes, one line per [`Format`].
const ASSESS_FORMATS: [(&str, &str); 4] = [
    (
        "table",
        "Text for the terminal: a table of dimensions with bars, the top gaps and what to do next",
    ),
    ("markdown", "The same report in GitHub-flavoured Markdown"),
    (
        "json",
        "The whole report as versioned JSON, for other tools (README: \"JSON report\")",
    ),
    (
        "html",
        "One self-contained page with a radar chart; prints on A4 or Letter",
    ),
];

/// What `plan -f` writes.
const PLAN_FORMATS: [(&str, &str); 4] = [
    (
        "table",
        "Text: where you stand, then each answer to change, what it needs and how to earn it",
    ),
    ("markdown", "The same plan in GitHub-flavoured Markdown"),
    (
        "json",
        "The plan as versioned JSON: plan.changes with question, from, to, dimension, action",
    ),
    ("html", "One self-contained page with where you stand and the plan"),
];

/// What `team -f` writes.
const TEAM_FORMATS: [(&str, &str); 4] = [
    (
        "table",
        "Text: estimates, shared gaps, strengths and a shaded heatmap of people by dimension",
    ),
    (
        "markdown",
        "The same sections in Markdown, the heatmap as a table of scores",
    ),
    (
        "json",
        "The team report as versioned JSON, every person's scores included",
    ),
    (
        "html",
        "One page with the same sections and the heatmap coloured by score",
    ),
];

/// What `compare -f` writes.
const COMPARE_FORMATS: [(&str, &str); 4] = [
    (
        "table",
        "Text: estimate and readiness before and now, gaps closed and opened, a table of dimensions",
    ),
    ("markdown", "The same in Markdown"),
    ("json", "The comparison as versioned JSON, for other tools"),
    (
        "html",
        "One page with both profiles on one radar chart, then the table of dimensions",
    ),
];

/// What `packet -f` writes.
const PACKET_FORMATS: [(&str, &str); 2] = [
    ("markdown", "The packet in GitHub-flavoured Markdown (the default)"),
    ("html", "One self-contained page, print-friendly, for a committee"),
];

/// `mut_arg` for `packet`: Markdown and HTML only.
fn packet_format(arg: Arg) -> Arg {
    arg.value_parser(
        PossibleValuesParser::new(PACKET_FORMATS.map(|(name, help)| PossibleValue::new(name).help(help)))
            .try_map(|name| Format::from_str(&name, false)),
    )
    .help("Packet format [default: the config's when markdown or html, else markdown]")
}

/// A flag's value parsed by `parse`, whose error is the whole message (it
/// names the flag and the value): clap shows it as it is, after `error:`.
#[derive(Clone, Copy)]
struct Plain<T>(fn(&str) -> Result<T, String>);

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Plain<T> {
    type Value = T;

    fn parse_ref(&self, cmd: &clap::Command, _arg: Option<&Arg>, value: &std::ffi::OsStr) -> Result<T, clap::Error> {
        (self.0)(&value.to_string_lossy()).map_err(|message| {
            clap::Error::raw(clap::error::ErrorKind::ValueValidation, format!("{message}\n")).with_cmd(cmd)
        })
    }
}

/// `--as-of`: a day as exactly YYYY-MM-DD (a four-digit year from 0001), a real one.
pub fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    let not_a_date = || {
        format!(
            "--as-of: '{}' is not a date; expected YYYY-MM-DD, e.g. 2026-06-01",
            crate::text::one_line(text)
        )
    };
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !shaped {
        return Err(not_a_date());
    }
    let number = |range: std::ops::Range<usize>| text.get(range).and_then(|t| t.parse::<i16>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(not_a_date());
    };
    if year < 1 {
        return Err(not_a_date());
    }
    let month = i8::try_from(month).map_err(|_| not_a_date())?;
    let day = i8::try_from(day).map_err(|_| not_a_date())?;
    jiff::civil::Date::new(year, month, day).map_err(|_| not_a_date())
}

/// `--stale-after`: whole months, 0 to [`crate::packet::MAX_STALE_AFTER_MONTHS`].
pub fn parse_stale_after(text: &str) -> Result<u32, String> {
    Some(text)
        .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|t| t.parse::<u32>().ok())
        .filter(|m| *m <= crate::packet::MAX_STALE_AFTER_MONTHS)
        .ok_or_else(|| {
            format!(
                "--stale-after: '{}' is not {}",
                crate::text::one_line(text),
                crate::packet::STALE_AFTER_RANGE
            )
        })
}

/// A `-f` parser whose possible values say what this command writes in each
/// [`Format`] (`values`: name and description), so `--help`, the man pages
/// and completions tell the truth per command.
fn formats(values: [(&'static str, &'static str); 4]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(values.map(|(name, help)| PossibleValue::new(name).help(help)))
        .try_map(|name| Format::from_str(&name, false))
}

/// `mut_arg` for `team`: its own `-f` values.
fn team_format(arg: Arg) -> Arg {
    arg.value_parser(formats(TEAM_FORMATS))
}

/// `mut_arg` for `compare`: its own `-f` values.
fn compare_format(arg: Arg) -> Arg {
    arg.value_parser(formats(COMPARE_FORMATS))
}

/// Where a report goes and in which format (compare, team). Each command
/// sets the possible values of `format` to say what its formats hold.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Report format [default: the config's, else table]
    #[arg(long, short = 'f')]
    pub format: Option<Format>,

    /// Write to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the -o file if it already exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Answers files, or folders of them
    #[arg(required = true, value_name = "DIR|FILE")]
    pub inputs: Vec<PathBuf>,

    /// The team's rubric [default: the config's, else senior-staff]
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,

    /// Level to measure against [default: the config's, else the rubric's]
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,

    /// Stop with an error if any file fails to load
    #[arg(long)]
    pub strict: bool,

    /// Score people whose files leave questions unanswered
    #[arg(long)]
    pub allow_missing: bool,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The older assessment: a saved run, a JSON report or an answers file [default: without files, the second-to-last saved run of one person on one rubric]
    #[arg(value_name = "OLD", requires = "new")]
    pub old: Option<String>,

    /// The newer assessment [default: without files, the last saved run of that person on that rubric]
    #[arg(value_name = "NEW")]
    pub new: Option<String>,

    /// Rubric for answers files that do not name one; without files, the rubric whose saved runs to compare [default: that of the person's last run]
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,

    /// Without files: the last two saved runs of this person [default: the person of the last saved run]
    #[arg(long, value_name = "NAME", conflicts_with = "old")]
    pub name: Option<String>,

    #[command(flatten)]
    pub out: OutputArgs,
}

#[derive(Debug, Args)]
pub struct PacketArgs {
    /// Saved runs (history JSON files) or answers files (YAML, TOML or JSON) of one person
    /// [default: that person's saved runs]
    #[arg(value_name = "FILE")]
    pub files: Vec<String>,

    /// Without files: the saved runs of this person [needed when the history holds several people]
    #[arg(long, value_name = "NAME", conflicts_with = "files")]
    pub name: Option<String>,

    /// Rubric for answers files that do not name one; without files, which of the person's
    /// rubrics [default: the inputs' own]
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,

    /// Level the packet argues for [default: the newest input's target]
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,

    #[command(flatten)]
    pub stale: StaleArgs,

    #[command(flatten)]
    pub out: OutputArgs,
}

/// When evidence is stale (`packet`, `history`).
#[derive(Debug, Args)]
pub struct StaleArgs {
    /// Evidence dated more than MONTHS months (0 to 1200) before --as-of is marked stale [default: the config's stale_after_months, else 12]
    #[arg(long, value_name = "MONTHS", value_parser = Plain(parse_stale_after))]
    pub stale_after: Option<u32>,

    /// The day staleness is measured from, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = Plain(parse_date))]
    pub as_of: Option<jiff::civil::Date>,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only the runs of this person (as named in the answers or the config)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    #[command(flatten)]
    pub stale: StaleArgs,

    /// Format of the list [default: the config's format where history has it, else table]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<ListFormat>,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Built-in rubric id, installed rubric id or rubric YAML file [default: the config's, else senior-staff]
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,

    /// File format of the template
    #[arg(long, short = 'f', value_enum, default_value_t = TemplateFormat::Yaml)]
    pub format: TemplateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// YAML with every prompt and allowed value as comments
    Yaml,
    /// TOML with every prompt and allowed value as comments
    Toml,
    /// JSON (no comments: JSON has none)
    Json,
}

#[derive(Debug, Subcommand)]
pub enum RubricCommand {
    /// List the built-in rubrics and those in $XDG_CONFIG_HOME/levelup/rubrics/
    #[command(after_help = "\
Examples:
  levelup rubric list")]
    List,

    /// Show a rubric: levels, dimensions, weights, questions and their choices; or, with --grid, what each level expects of each dimension
    #[command(after_help = "\
Examples:
  levelup rubric show senior-staff
  levelup rubric show my-ladder.yaml --format markdown > ladder.md
  levelup rubric show --grid                              # levels × dimensions, built-in rubric
  levelup rubric show my-ladder.yaml --grid -f html -o grid.html

With --grid each cell is the step a level expects of a dimension, or — where that level does not expect it.")]
    Show {
        /// Rubric id or file [default: the config's, else senior-staff]
        #[arg(value_name = "ID|FILE")]
        rubric: Option<String>,
        /// Format [default: the config's format when it is markdown (or html, with --grid), else table]
        #[arg(long, short = 'f', value_enum)]
        format: Option<ShowFormat>,
        /// A grid of levels by dimensions: the step each level expects of each dimension
        #[arg(long)]
        grid: bool,
        /// Write to FILE (atomically) instead of stdout
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the -o file if it already exists
        #[arg(long)]
        force: bool,
    },

    /// What changes from one level to another: per dimension the step expected, what it looks like, items newly expected
    #[command(after_help = "\
Examples:
  levelup rubric diff senior staff                       # the built-in rubric
  levelup rubric diff \"Senior Engineer\" staff -f markdown
  levelup rubric diff e2 senior --rubric examples/rubrics/profile-ladder.yaml
  levelup rubric diff l2 l4 --rubric my-ladder.yaml -f json -o diff.json

FROM may be above TO: the diff then reads as a step down. Levels are matched by id or title, in any case.")]
    Diff {
        /// The level to start from: its id or title, in any case
        #[arg(value_name = "FROM")]
        from: String,
        /// The level to compare it with
        #[arg(value_name = "TO")]
        to: String,
        /// Built-in rubric id, installed rubric id or rubric YAML file [default: the config's, else senior-staff]
        #[arg(long, value_name = "ID|FILE")]
        rubric: Option<String>,
        /// Format [default: the config's, else table]
        #[arg(long, short = 'f', value_enum)]
        format: Option<DiffFormat>,
        /// Write to FILE (atomically) instead of stdout
        #[arg(long, short = 'o', value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the -o file if it already exists
        #[arg(long)]
        force: bool,
    },

    /// Check rubric files; every problem of every file is listed (exit 2 if any)
    #[command(after_help = "\
Examples:
  levelup rubric validate my-ladder.yaml
  levelup rubric validate rubrics/*.yaml")]
    Validate {
        /// Rubric files
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },

    /// Write a commented starter rubric that validates as it is
    #[command(after_help = "\
Examples:
  levelup rubric init my-ladder.yaml
  levelup rubric validate my-ladder.yaml")]
    Init {
        /// Where to write it
        #[arg(value_name = "FILE", default_value = "rubric.yaml")]
        file: PathBuf,
        /// Replace FILE if it already exists
        #[arg(long)]
        force: bool,
    },

    /// Print the JSON Schema of rubric files (or, with --answers, of answers files)
    #[command(after_help = "\
Examples:
  levelup rubric schema > levelup-rubric.schema.json
  levelup rubric schema --answers > levelup-answers.schema.json
  # then, first line of a YAML file, for editors with the YAML language server:
  # yaml-language-server: $schema=levelup-rubric.schema.json")]
    Schema {
        /// The schema of answers files instead
        #[arg(long)]
        answers: bool,
    },
}

/// `rubric show -f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Text: the levels, a table of dimensions with weights, then every question with its choices
    Table,
    /// The same in Markdown, for a wiki page or a pull request
    Markdown,
    /// One self-contained HTML page (with --grid only)
    Html,
}

/// `rubric diff -f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Text: a table of every dimension at both levels, then what changes in each
    Table,
    /// The same in Markdown
    Markdown,
    /// The diff as versioned JSON (`diff_version`), for other tools (README: "What each level expects")
    Json,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn as_of_is_exactly_a_real_yyyy_mm_dd() {
        assert_eq!(parse_date("2026-06-01"), Ok(jiff::civil::date(2026, 6, 1)));
        assert_eq!(parse_date("2024-02-29"), Ok(jiff::civil::date(2024, 2, 29)));
        assert_eq!(parse_date("0001-01-01"), Ok(jiff::civil::date(1, 1, 1)));
        for text in [
            "2026-13-01",
            "2026-02-30",
            "2026-00-10",
            "0000-01-01",
            "2026-06-01T00:00",
            "+002026-06-01",
            "-009999-01-01",
            "26-06-01",
            "2026-6-1",
            "2026/06/01",
            " 2026-06-01",
            "２026-06-01",
            "",
        ] {
            let err = parse_date(text).unwrap_err();
            assert_eq!(
                err,
                format!("--as-of: '{text}' is not a date; expected YYYY-MM-DD, e.g. 2026-06-01")
            );
        }
    }

    #[test]
    fn stale_after_is_0_to_1200_months() {
        assert_eq!(parse_stale_after("0"), Ok(0));
        assert_eq!(parse_stale_after("18"), Ok(18));
        assert_eq!(parse_stale_after("1200"), Ok(1200));
        for text in [
            "1201",
            "239977",
            "4000000000",
            "99999999999",
            "-1",
            "+12",
            "1.5",
            "x",
            "",
        ] {
            let err = parse_stale_after(text).unwrap_err();
            assert_eq!(
                err,
                format!("--stale-after: '{text}' is not a whole number of months from 0 to 1200 (100 years)")
            );
        }
    }

    #[test]
    fn every_subcommand_has_an_example() {
        fn walk(cmd: &clap::Command, path: &str) {
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                let name = format!("{path} {}", sub.get_name());
                if sub.get_subcommands().next().is_some() {
                    walk(sub, &name);
                } else {
                    let help = sub.get_after_help().map(|h| h.to_string()).unwrap_or_default();
                    assert!(help.contains("Examples:"), "{name} --help has no example");
                }
            }
        }
        walk(&Cli::command(), "levelup");
    }
}
