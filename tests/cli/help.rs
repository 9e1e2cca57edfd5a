//! `--help`, `levelup help` and `levelup man`: the help text people read
//! (snapshots), global options shown once under their own heading, every
//! `-f` describing its own command's formats, and one man page per
//! subcommand that documents its options and renders cleanly with `man -l`.
//!
//! Without `man` on PATH the rendering test skips itself and says so, unless
//! `LEVELUP_REQUIRE_TOOLS` is on (CI), which makes that a failure.

use crate::support::{levelup, outside_program};
use clap::CommandFactory;
use levelup::cli::Cli;
use std::path::Path;
use std::process::{Command, Stdio};

/// Every subcommand as the words that run it (`["rubric", "show"]`), parents
/// before children; our `help` subcommand has no man page and is left out.
fn subcommands() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, words: &[String], out: &mut Vec<Vec<String>>) {
        for sub in cmd
            .get_subcommands()
            .filter(|s| s.get_name() != "help" && !s.is_hide_set())
        {
            let mut here = words.to_vec();
            here.push(sub.get_name().to_string());
            out.push(here.clone());
            walk(sub, &here, out);
        }
    }
    let mut out = Vec::new();
    walk(&Cli::command(), &[], &mut out);
    out
}

/// The built command at `words`, with global options propagated.
fn command_at(words: &[String]) -> clap::Command {
    let mut cmd = Cli::command();
    cmd.build();
    let mut at = &cmd;
    for w in words {
        at = at.find_subcommand(w).expect("a subcommand from the walk");
    }
    at.clone()
}

fn help_of(words: &[String], flag: &str) -> String {
    let mut args: Vec<&str> = words.iter().map(String::as_str).collect();
    args.push(flag);
    levelup(&args).ok().stdout
}

/// The lines of `help` from the `-f, --format` entry up to the next option.
fn format_entry(help: &str) -> String {
    let lines: Vec<&str> = help.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with("-f, --format"))
        .expect("an -f entry");
    // Up to the next option (`-o, …`, `--force`) or heading; the possible
    // values (`- table: …`) and wrapped lines belong to this one.
    let next_option = |l: &&str| {
        let t = l.trim_start();
        (t.starts_with('-') && !t.starts_with("- ")) || (!l.starts_with(' ') && l.ends_with(':'))
    };
    let rest = lines[start + 1..].iter().take_while(|l| !next_option(l)).copied();
    std::iter::once(lines[start]).chain(rest).collect::<Vec<_>>().join("\n")
}

#[test]
fn top_level_help() {
    insta::assert_snapshot!("levelup-help", levelup(&["--help"]).ok().stdout);
}

#[test]
fn assess_help() {
    insta::assert_snapshot!("assess-help", levelup(&["assess", "--help"]).ok().stdout);
}

#[test]
fn team_help() {
    insta::assert_snapshot!("team-help", levelup(&["team", "--help"]).ok().stdout);
}

#[test]
fn global_options_once_under_their_heading_everywhere() {
    let mut all = vec![Vec::new()];
    all.extend(subcommands());
    for words in &all {
        for flag in ["--help", "-h"] {
            let help = help_of(words, flag);
            let shown = format!("levelup {} {flag}", words.join(" "));
            assert_eq!(help.matches("Global options:").count(), 1, "{shown}:\n{help}");
            let (before, after) = help.split_once("Global options:").expect("the heading");
            for option in ["--color <WHEN>", "--config <FILE>"] {
                assert_eq!(help.matches(option).count(), 1, "{option} once in {shown}:\n{help}");
                assert!(
                    !before.contains(option),
                    "{option} under its heading in {shown}:\n{help}"
                );
                assert!(after.contains(option), "{option} under its heading in {shown}:\n{help}");
            }
            // No list of colour values spread over lines under every subcommand.
            assert!(!help.contains("- auto"), "{shown}:\n{help}");
            if flag == "-h" {
                // One line each in the summary.
                let section: Vec<&str> = after.lines().skip(1).take_while(|l| !l.is_empty()).collect();
                assert_eq!(section.len(), 2, "two lines under the heading in {shown}:\n{help}");
            }
        }
    }
}

#[test]
fn each_format_flag_says_what_its_command_writes() {
    let entry = |words: &[&str]| {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        format_entry(&help_of(&words, "--help"))
    };
    let assess = entry(&["assess"]);
    let team = entry(&["team"]);
    let compare = entry(&["compare"]);
    let history = entry(&["history"]);
    let show = entry(&["rubric", "show"]);
    assert!(assess.contains("radar chart") && assess.contains("bars"), "{assess}");
    assert!(!team.contains("radar"), "team has no radar chart:\n{team}");
    assert!(team.contains("heatmap"), "{team}");
    assert!(compare.contains("both profiles"), "{compare}");
    assert!(history.contains("saved runs") && history.contains("json"), "{history}");
    assert!(show.contains("question"), "{show}");
    // Each command says its own thing.
    assert_ne!(assess, team);
    assert_ne!(team, compare);
    let team_all = help_of(&["team".to_string()], "--help");
    assert!(!team_all.contains("radar"), "{team_all}");
}

#[test]
fn help_subcommand_answers_like_help_flags() {
    let out = levelup(&["help", "--help"]).ok();
    assert!(out.stdout.contains("Usage: levelup help"), "{}", out.stdout);
    assert_eq!(levelup(&["help"]).ok().stdout, levelup(&["--help"]).ok().stdout);
    assert_eq!(
        levelup(&["help", "assess"]).ok().stdout,
        levelup(&["assess", "--help"]).ok().stdout
    );
    assert_eq!(
        levelup(&["help", "rubric", "show"]).ok().stdout,
        levelup(&["rubric", "show", "--help"]).ok().stdout
    );
    let bad = levelup(&["help", "rubric", "nosuch"]).bad();
    assert!(
        bad.stderr.contains("'nosuch'") && bad.stderr.contains("show"),
        "{}",
        bad.stderr
    );
}

/// `\-\-answers` as roff writes `--answers`.
fn roff(text: &str) -> String {
    text.replace('-', "\\-")
}

/// The file names a page refers to, `levelup-rubric-show(1)` → `levelup-rubric-show.1`.
fn references(page: &str) -> Vec<String> {
    let plain = page.replace("\\-", "-").replace("\\fB", "").replace("\\fR", "");
    let mut found = Vec::new();
    for (at, _) in plain.match_indices("(1)") {
        let name: String = plain[..at]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if name.starts_with("levelup") {
            found.push(format!("{name}.1"));
        }
    }
    found
}

fn page_name(words: &[String]) -> String {
    std::iter::once("levelup".to_string())
        .chain(words.iter().cloned())
        .collect::<Vec<_>>()
        .join("-")
        + ".1"
}

#[test]
fn man_dir_writes_one_page_per_subcommand_with_its_options() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("man/man1");
    let out = levelup(&["man", "--dir", dir.to_str().unwrap()]).ok();
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let mut all = vec![Vec::new()];
    all.extend(subcommands());
    let mut expected: Vec<String> = all.iter().map(|w| page_name(w)).collect();
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    expected.sort();
    written.sort();
    assert_eq!(written, expected, "one page per subcommand, nothing else");
    for name in &expected {
        assert!(
            out.stderr.contains(&*dir.join(name).to_string_lossy()),
            "{name} listed:\n{}",
            out.stderr
        );
    }
    for words in &all {
        let name = page_name(words);
        let page = std::fs::read_to_string(dir.join(&name)).unwrap();
        assert!(
            page.contains(&format!(".TH {} 1", name.trim_end_matches(".1").to_uppercase())),
            "{name}"
        );
        for arg in command_at(words).get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                let flag = roff(&format!("--{long}"));
                assert!(page.contains(&flag), "{name} documents {flag}");
            }
        }
        assert!(page.contains(".SH \"GLOBAL OPTIONS\""), "{name}");
        assert_eq!(
            page.matches(&roff("--color")).count(),
            2,
            "{name}: synopsis and its entry"
        );
        // Whatever a page refers to is written too.
        for file in references(&page) {
            assert!(
                dir.join(&file).is_file(),
                "{name} refers to {file}, which was not written"
            );
        }
        assert!(page.contains(".SH \"SEE ALSO\""), "{name}");
    }
    let assess = std::fs::read_to_string(dir.join("levelup-assess.1")).unwrap();
    assert!(assess.contains("\\-\\-answers") && assess.contains("radar chart"));
    let main = std::fs::read_to_string(dir.join("levelup.1")).unwrap();
    let see_also = main.split(".SH \"SEE ALSO\"").nth(1).expect("SEE ALSO");
    let named = references(see_also);
    assert_eq!(named.len(), expected.len() - 1, "every other page:\n{see_also}");

    // Again into the same folder: the pages are replaced.
    levelup(&["man", "--dir", dir.to_str().unwrap()]).ok();
}

#[test]
fn man_prints_one_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    levelup(&["man", "--dir", dir.to_str().unwrap()]).ok();
    let file = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    assert_eq!(levelup(&["man"]).ok().stdout, file("levelup.1"));
    assert_eq!(levelup(&["man", "assess"]).ok().stdout, file("levelup-assess.1"));
    let show = file("levelup-rubric-show.1");
    assert_eq!(levelup(&["man", "rubric", "show"]).ok().stdout, show);
    assert_eq!(levelup(&["man", "rubric-show"]).ok().stdout, show);

    let bad = levelup(&["man", "nosuch"]).bad();
    assert!(
        bad.stderr.contains("'nosuch'") && bad.stderr.contains("rubric show") && bad.stderr.contains("assess"),
        "{}",
        bad.stderr
    );
    let not_a_folder = dir.join("levelup.1");
    let bad = levelup(&["man", "--dir", not_a_folder.to_str().unwrap()]).bad();
    assert!(bad.stderr.contains(&*not_a_folder.to_string_lossy()), "{}", bad.stderr);
}

#[test]
fn man_pages_render_without_warnings() {
    let Some(man) = outside_program("man", "apt-get install man-db") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    levelup(&["man", "--dir", tmp.path().to_str().unwrap()]).ok();
    let mut pages: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    pages.sort();
    assert!(pages.len() > 10, "{pages:?}");
    for page in &pages {
        // A UTF-8 terminal and a plain ASCII one.
        for locale in ["C.UTF-8", "C"] {
            let out = render(&man, page, locale);
            let shown = format!("man -l {} (LC_ALL={locale})", page.display());
            assert!(out.status.success(), "{shown}: {:?}", out.status);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.is_empty(), "{shown} warned:\n{stderr}");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("NAME") && text.contains("SEE ALSO"), "{shown}:\n{text}");
        }
    }
}

fn render(man: &Path, page: &Path, locale: &str) -> std::process::Output {
    Command::new(man)
        .arg("-l")
        .arg(page)
        .env("MANWIDTH", "80")
        .env("LC_ALL", locale)
        .env_remove("MAN_KEEP_FORMATTING")
        .env_remove("MANPAGER")
        .env_remove("PAGER")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("man runs")
}

/// `man --dir` replaces its own pages but never writes through a link to a
/// file elsewhere; nothing is written then.
#[cfg(unix)]
#[test]
fn man_dir_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let precious = dir.path().join("precious.txt");
    std::fs::write(&precious, "precious").unwrap();
    let pages = dir.path().join("man1");
    std::fs::create_dir(&pages).unwrap();
    std::os::unix::fs::symlink(&precious, pages.join("levelup-team.1")).unwrap();
    let err = crate::support::levelup(&["man", "--dir", pages.to_str().unwrap()])
        .bad()
        .stderr;
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "precious");
    assert_eq!(std::fs::read_dir(&pages).unwrap().count(), 1, "nothing written");
}

/// --color decides for help too: clap prints it while it parses.
#[test]
fn color_flag_decides_help_colour() {
    let always = crate::support::levelup(&["--color", "always", "assess", "--help"])
        .ok()
        .stdout;
    assert!(always.contains('\u{1b}'), "{always}");
    let never = crate::support::levelup(&["--color=never", "--help"])
        .env("CLICOLOR_FORCE", "1")
        .ok()
        .stdout;
    assert!(!never.contains('\u{1b}'), "{never}");
}

/// Help or the version that cannot be written (a full disk) is a failure,
/// as every other output is.
#[cfg(target_os = "linux")]
#[test]
fn help_to_a_full_disk_fails() {
    let home = tempfile::tempdir().unwrap();
    for args in [["--help"], ["--version"]] {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_levelup"));
        crate::support::hermetic(&mut cmd, home.path());
        let out = cmd.args(args).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("No space left on device"), "{args:?}: {said}");
    }
}
