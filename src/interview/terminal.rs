//! The real [`Prompter`]: dialoguer widgets on stderr, so that stdout carries
//! only the report (`levelup assess > gap.md` works interactively).
//!
//! Text is wrapped to the terminal width before dialoguer sees it: a line the
//! terminal wraps on its own makes dialoguer clear the wrong number of lines
//! when it redraws, which garbles the screen on narrow terminals.

use super::Prompter;
use super::line::{Edit, Line};
use dialoguer::console::{self, Key, Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, MultiSelect, Select};
use std::io;

/// A theme that shows the highlighted item's description under it.
struct Described<'t> {
    inner: &'t dyn Theme,
    /// Item text → its description, already wrapped and indented.
    notes: std::collections::HashMap<String, String>,
    style: Style,
}

impl Theme for Described<'_> {
    fn format_select_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        self.inner.format_select_prompt(f, prompt)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        selection: &str,
    ) -> std::fmt::Result {
        self.inner.format_select_prompt_selection(f, prompt, selection)
    }

    fn format_multi_select_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        self.inner.format_multi_select_prompt(f, prompt)
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn std::fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> std::fmt::Result {
        self.inner.format_multi_select_prompt_selection(f, prompt, selections)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn std::fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> std::fmt::Result {
        self.inner.format_multi_select_prompt_item(f, text, checked, active)?;
        self.note(f, text, active)
    }

    fn format_select_prompt_item(&self, f: &mut dyn std::fmt::Write, text: &str, active: bool) -> std::fmt::Result {
        self.inner.format_select_prompt_item(f, text, active)?;
        self.note(f, text, active)
    }
}

impl Described<'_> {
    /// The description under the highlighted item.
    fn note(&self, f: &mut dyn std::fmt::Write, text: &str, active: bool) -> std::fmt::Result {
        match self.notes.get(text) {
            Some(note) if active => write!(f, "\n      {}", self.style.apply_to(note.trim_start())),
            _ => Ok(()),
        }
    }
}

pub struct TerminalPrompter {
    term: Term,
    theme: Box<dyn Theme>,
    error: Style,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self::new()
    }
}

impl TerminalPrompter {
    pub fn new() -> Self {
        // console honours NO_COLOR, CLICOLOR and CLICOLOR_FORCE, and checks for a terminal.
        let colors = console::colors_enabled_stderr();
        let theme: Box<dyn Theme> = if colors {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        TerminalPrompter {
            term: Term::stderr(),
            theme,
            error: Style::new().red().for_stderr(),
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    /// Wrap text to the terminal, keeping its own line breaks.
    fn wrap(&self, text: &str, width: usize, indent: &str) -> String {
        let opts = textwrap::Options::new(width)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .subsequent_indent(indent);
        textwrap::fill(text, opts)
    }

    /// Wrap each line, continuing under its text after a list marker
    /// (`  → `, ` 12. `), so wrapped lists stay readable.
    fn wrap_lines(&self, text: &str) -> String {
        text.split('\n')
            .map(|line| {
                let marker = line.len() - line.trim_start_matches([' ', '→', '-']).len();
                let numbered = line[marker..]
                    .find(". ")
                    .filter(|&i| line[marker..marker + i].chars().all(|c| c.is_ascii_digit()));
                let hang = marker + numbered.map_or(0, |i| i + 2);
                let indent = " ".repeat(line[..hang].chars().count());
                self.wrap(line, self.width(), &indent)
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Item labels for dialoguer lists: wrapped well inside the width, since
    /// dialoguer measures a line in bytes, not columns, when it redraws.
    fn items(&self, labels: &[String]) -> Vec<String> {
        let width = self.width().saturating_sub(10).max(10);
        labels.iter().map(|l| self.wrap(l, width, "  ")).collect()
    }

    /// This prompter's theme, with `descriptions` (by item) shown under the
    /// highlighted item: wrapped and indented, so dialoguer counts their lines
    /// when it redraws.
    fn described(&self, items: &[String], descriptions: &[Option<String>]) -> Described<'_> {
        let width = self.width().saturating_sub(10).max(10);
        let notes = items
            .iter()
            .zip(descriptions)
            .filter_map(|(item, d)| {
                let d = d.as_deref()?.trim();
                (!d.is_empty()).then(|| (item.clone(), self.wrap(d, width, "      ")))
            })
            .collect();
        Described {
            inner: &*self.theme,
            notes,
            style: Style::new().dim().for_stderr(),
        }
    }

    /// The input line, cut so it never wraps and the cursor stays in view,
    /// with the terminal's cursor put where the line's is.
    fn render_input(&self, line: &Line) -> io::Result<()> {
        let room = self.width().saturating_sub(4).max(2);
        let chars: Vec<char> = line.text().chars().collect();
        let cursor = line.cursor();
        // The first char shown; a cut start is marked with '…'.
        let start = if chars.len() < room {
            0
        } else {
            (cursor + 1).saturating_sub(room - 1)
        };
        let end = (start + room - usize::from(start > 0)).min(chars.len());
        let shown: String = (start > 0)
            .then_some('…')
            .into_iter()
            .chain(chars[start.min(end)..end].iter().copied())
            .filter(|c| !c.is_control())
            .collect();
        self.term.clear_line()?;
        self.term.write_str(&format!("› {shown}"))?;
        let after = end.saturating_sub(cursor);
        if after > 0 {
            self.term.move_cursor_left(after)?;
        }
        self.term.flush()
    }
}

/// The edit a key makes at a text prompt, if any (Enter and Esc are handled
/// by the prompt).
fn edit_for(key: &Key) -> Option<Edit> {
    Some(match key {
        Key::Char('\u{15}') => Edit::DeleteToStart, // Ctrl-U
        Key::Char('\u{17}') => Edit::DeleteWord,    // Ctrl-W
        Key::Char('\u{1}') => Edit::Home,           // Ctrl-A
        Key::Char('\u{5}') => Edit::End,            // Ctrl-E
        Key::Char('\u{8}') | Key::Backspace => Edit::DeleteBack,
        Key::Char(c) if !c.is_control() => Edit::Insert(*c),
        Key::Del => Edit::DeleteForward,
        Key::ArrowLeft => Edit::Left,
        Key::ArrowRight => Edit::Right,
        Key::Home => Edit::Home,
        Key::End => Edit::End,
        _ => return None,
    })
}

impl Prompter for TerminalPrompter {
    fn say(&mut self, text: &str) {
        // Prompts are a courtesy on stderr; a failed write must not lose the answers.
        let _ = self.term.write_line(&self.wrap_lines(text));
    }

    fn select(&mut self, items: &[String], default: usize) -> io::Result<Option<usize>> {
        Ok(Select::with_theme(&*self.theme)
            .items(self.items(items))
            .default(default)
            .interact_on_opt(&self.term)?)
    }

    fn select_described(
        &mut self,
        items: &[String],
        descriptions: &[Option<String>],
        default: usize,
    ) -> io::Result<Option<usize>> {
        let items = self.items(items);
        let theme = self.described(&items, descriptions);
        Ok(Select::with_theme(&theme)
            .items(&items)
            .default(default)
            .interact_on_opt(&self.term)?)
    }

    fn multi_select_described(
        &mut self,
        items: &[String],
        descriptions: &[Option<String>],
        checked: &[bool],
    ) -> io::Result<Option<Vec<usize>>> {
        let items = self.items(items);
        let theme = self.described(&items, descriptions);
        Ok(MultiSelect::with_theme(&theme)
            .items(&items)
            .defaults(checked)
            .interact_on_opt(&self.term)?)
    }

    fn multi_select(&mut self, items: &[String], checked: &[bool]) -> io::Result<Option<Vec<usize>>> {
        Ok(MultiSelect::with_theme(&*self.theme)
            .items(self.items(items))
            .defaults(checked)
            .interact_on_opt(&self.term)?)
    }

    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Option<String>> {
        // dialoguer's Input ignores Esc; this small editor honours it.
        self.term.write_line(&self.wrap(prompt, self.width(), ""))?;
        self.term.show_cursor()?;
        let mut line = Line::new(initial);
        self.render_input(&line)?;
        loop {
            match self.term.read_key()? {
                Key::Escape => {
                    self.term.write_line("")?;
                    return Ok(None);
                }
                Key::Enter => {
                    let text = line.text();
                    match check(&text) {
                        Ok(()) => {
                            self.term.write_line("")?;
                            return Ok(Some(text));
                        }
                        Err(msg) => {
                            self.term.write_line("")?;
                            let msg = self.wrap(&msg, self.width(), "  ");
                            self.term.write_line(&self.error.apply_to(msg).to_string())?;
                            line.clear();
                        }
                    }
                }
                key => {
                    if let Some(edit) = edit_for(&key) {
                        line.apply(edit);
                    }
                }
            }
            self.render_input(&line)?;
        }
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>> {
        // dialoguer redraws a prompt as one line: show a long one above a short one.
        let prompt = if prompt.chars().count() + 12 > self.width() {
            self.say(prompt);
            "Yes?"
        } else {
            prompt
        };
        Ok(Confirm::with_theme(&*self.theme)
            .with_prompt(prompt)
            .default(default)
            .interact_on_opt(&self.term)?)
    }
}

/// The terminal's modes (echo, line editing) as they were before the
/// interview, to put back however it ends: a signal can stop the process while
/// a prompt has the terminal in raw mode.
#[derive(Clone, Copy)]
pub struct Modes {
    #[cfg(unix)]
    saved: Option<nix::libc::termios>,
}

impl Modes {
    /// Read the modes of the terminal on stdin; `restore` does nothing when
    /// there is none.
    pub fn save() -> Self {
        Self {
            #[cfg(unix)]
            saved: nix::sys::termios::tcgetattr(io::stdin()).ok().map(Into::into),
        }
    }

    /// Put the modes back and show the cursor again. Failures are ignored:
    /// this runs on the way out.
    pub fn restore(&self) {
        #[cfg(unix)]
        if let Some(saved) = self.saved {
            use nix::sys::termios::{SetArg, Termios, tcsetattr};
            let _ = tcsetattr(io::stdin(), SetArg::TCSANOW, &Termios::from(saved));
        }
        let _ = Term::stderr().show_cursor();
    }
}
