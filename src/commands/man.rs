//! `levelup man`: the manual in roff, one page per subcommand — levelup(1),
//! levelup-assess(1), levelup-rubric-show(1)… — each with its options.
//! One page goes to stdout; `--dir` writes them all into a folder.

use crate::cli::{Cli, ManArgs};
use crate::error::{bad_input, one_of};
use crate::files;
use crate::outputs::emit;
use anyhow::Result;
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::Write;
use std::path::Path;

/// Print one page, or write every page into `--dir`.
pub fn run(args: ManArgs) -> Result<()> {
    let pages = pages();
    if let Some(dir) = &args.dir {
        return write_all(dir, &pages);
    }
    let page = find(&pages, &args.command)?;
    emit(render(page, &pages).as_bytes(), None, false)
}

/// One man page: `levelup rubric show` is `levelup-rubric-show`.
#[derive(Debug)]
struct Page {
    /// The page's name, which is also its file name without `.1`.
    name: String,
    /// The words after `levelup` that run it: `["rubric", "show"]`.
    words: Vec<String>,
    /// The subcommand, built: global options and its full name filled in.
    cmd: clap::Command,
    /// The page one level up (none for levelup(1)).
    parent: Option<String>,
    /// The pages one level down.
    children: Vec<String>,
}

impl Page {
    /// `levelup-assess.1`.
    fn file_name(&self) -> String {
        format!("{}.1", self.name)
    }
}

/// Every page, levelup(1) first, then depth first in the order of `--help`.
/// `help` has none: its page would only repeat this one.
fn pages() -> Vec<Page> {
    let mut root = Cli::command().mut_subcommands(|c| {
        let hide = c.get_name() == "help";
        c.hide(hide)
    });
    root.build();
    let mut pages = Vec::new();
    collect(&root, "levelup".to_string(), Vec::new(), None, &mut pages);
    pages
}

fn collect(cmd: &clap::Command, name: String, words: Vec<String>, parent: Option<String>, pages: &mut Vec<Page>) {
    let subs: Vec<&clap::Command> = cmd.get_subcommands().filter(|s| !s.is_hide_set()).collect();
    let child = |sub: &clap::Command| format!("{name}-{}", sub.get_name());
    pages.push(Page {
        name: name.clone(),
        words: words.clone(),
        // clap_mangen names the SUBCOMMANDS entries after the display name.
        cmd: cmd.clone().display_name(name.clone()),
        parent,
        children: subs.iter().map(|s| child(s)).collect(),
    });
    for sub in subs {
        let mut words = words.clone();
        words.push(sub.get_name().to_string());
        collect(sub, child(sub), words, Some(name.clone()), pages);
    }
}

/// The page `levelup man WORDS…` asks for: none is levelup(1); `rubric show`,
/// `rubric-show` and `levelup-rubric-show` are the same page.
///
/// Errors (exit 2): no such page, with the list of pages there are.
fn find<'a>(pages: &'a [Page], words: &[String]) -> Result<&'a Page> {
    let key = words.join("-");
    let key = key.strip_prefix("levelup-").unwrap_or(&key);
    let wanted = if key.is_empty() || key == "levelup" {
        "levelup".to_string()
    } else {
        format!("levelup-{key}")
    };
    pages.iter().find(|p| p.name == wanted).ok_or_else(|| {
        let names: Vec<String> = pages.iter().skip(1).map(|p| p.words.join(" ")).collect();
        bad_input(format!(
            "no man page for '{}': levelup man takes {}, or nothing for the main page",
            words.join(" "),
            one_of(&names)
        ))
    })
}

/// Create `dir` and write every page into it, each atomically; pages of the
/// same name already there are replaced (regenerating is the point). Every
/// target is checked before the first is written. Lists the files on stderr.
///
/// Errors (exit 2): `dir` cannot be created or is not a folder, a page's
/// name there is a symbolic link, or a page cannot be written there — naming
/// the path.
fn write_all(dir: &Path, pages: &[Page]) -> Result<()> {
    let shown = dir.display();
    if dir.exists() && !dir.is_dir() {
        return Err(bad_input(format!("{shown} is a file, not a folder")));
    }
    std::fs::create_dir_all(dir).map_err(|e| bad_input(format!("cannot create folder {shown}: {e}")))?;
    let planned: Vec<(std::path::PathBuf, String)> = pages
        .iter()
        .map(|p| (dir.join(p.file_name()), render(p, pages)))
        .collect();
    for (path, _) in &planned {
        // A page replaces a page, never a file elsewhere that a link leads to.
        if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(bad_input(format!(
                "{} is a symbolic link: levelup replaces only its own pages there; remove the link first (nothing was written)",
                path.display()
            )));
        }
        files::check_target(path, true)?;
    }
    for (path, text) in &planned {
        files::write_atomic(path, text, true)?;
        tell!("Wrote {}", path.display());
    }
    Ok(())
}

/// One of clap_mangen's section writers.
type Section = fn(&Man, &mut dyn Write) -> std::io::Result<()>;

/// One page in roff: clap_mangen's sections (name, synopsis, description,
/// options, global options, subcommands), then ours: the examples and notes
/// of `--help` kept line by line, and SEE ALSO (naming only `pages`).
fn render(page: &Page, pages: &[Page]) -> String {
    let man = Man::new(page.cmd.clone());
    let mut sections: Vec<Section> = vec![
        Man::render_name_section,
        Man::render_synopsis_section,
        Man::render_description_section,
        Man::render_options_section,
    ];
    if !page.children.is_empty() {
        sections.push(Man::render_subcommands_section);
    }
    // Our own title line: clap_mangen leaves an empty date out altogether,
    // which shifts the source and manual into the wrong fields of .TH.
    let mut head = Roff::default();
    let source = format!("levelup {}", env!("CARGO_PKG_VERSION"));
    head.control(
        "TH",
        [
            page.name.to_uppercase().as_str(),
            "1",
            "\"\"",
            &source,
            "levelup manual",
        ],
    );
    let mut out = head.render();
    for section in sections {
        let mut buf: Vec<u8> = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = section(&man, &mut buf);
        out.push_str(&without_preamble(&buf));
    }
    let mut tail = Roff::default();
    after_help(&mut tail, &page.cmd);
    see_also(&mut tail, page, pages);
    out.push_str(&without_preamble(tail.render().as_bytes()));
    out
}

/// Each of roff's renderings starts with the same two lines defining `Aq`;
/// the page needs them once, at the top.
fn without_preamble(roff: &[u8]) -> String {
    String::from_utf8_lossy(roff)
        .lines()
        .filter(|l| !l.starts_with(".ie \\n(.g .ds Aq") && *l != ".el .ds Aq '")
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The text after `--help`'s options, by paragraph: "Examples:" as EXAMPLES
/// with its lines kept as they are (clap_mangen would run them together),
/// "Exit codes:" as EXIT STATUS, anything else as NOTES.
fn after_help(roff: &mut Roff, cmd: &clap::Command) {
    let Some(text) = cmd.get_after_long_help().or_else(|| cmd.get_after_help()) else {
        return;
    };
    let text = text.to_string();
    let mut notes_open = false;
    for paragraph in text.split("\n\n").map(str::trim_end).filter(|p| !p.trim().is_empty()) {
        if let Some(examples) = paragraph.strip_prefix("Examples:") {
            roff.control("SH", ["EXAMPLES"]);
            roff.control("nf", []);
            for line in examples.lines().filter(|l| !l.trim().is_empty()) {
                roff.text([roman(line)]);
            }
            roff.control("fi", []);
        } else if let Some(codes) = paragraph.strip_prefix("Exit codes:") {
            roff.control("SH", ["EXIT STATUS"]);
            roff.text([roman(codes.trim())]);
        } else {
            if notes_open {
                roff.control("PP", []);
            } else {
                roff.control("SH", ["NOTES"]);
                notes_open = true;
            }
            roff.text([roman(paragraph.trim())]);
        }
    }
}

/// SEE ALSO: on levelup(1) every other page; on a subcommand's page
/// levelup(1), the page one level up and those one level down.
fn see_also(roff: &mut Roff, page: &Page, pages: &[Page]) {
    let mut names: Vec<&str> = match &page.parent {
        None => pages.iter().map(|p| p.name.as_str()).collect(),
        Some(parent) => [Some("levelup"), Some(parent.as_str())]
            .into_iter()
            .flatten()
            .chain(page.children.iter().map(String::as_str))
            .collect(),
    };
    // Never the page itself, never a page twice, never one that is not written.
    let mut seen = vec![page.name.as_str()];
    names.retain(|n| {
        !seen.contains(n) && pages.iter().any(|p| p.name == *n) && {
            seen.push(n);
            true
        }
    });
    if names.is_empty() {
        return;
    }
    roff.control("SH", ["SEE ALSO"]);
    // Page names are not to be hyphenated, nor spread out to fill the line.
    roff.control("nh", []);
    roff.control("ad", ["l"]);
    let mut line = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            line.push(roman(", "));
        }
        line.push(bold(*name));
        line.push(roman("(1)"));
    }
    roff.text(line);
}
