//! The real [`Prompter`]: dialoguer widgets on stderr, so that stdout carries
//! only the report (`levelup assess > gap.md` works interactively).
//!
//! Text is wrapped to the terminal width before dialoguer sees it: a line the
//! terminal wraps on its own makes dialoguer clear the wrong number of lines
//! when it redraws, which garbles the screen on narrow terminals.

use super::Prompter;
use super::checklist::{Checked, Checklist, Move};
use super::line::{Edit, Line};
use dialoguer::console::{self, Key, Style, Term};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};
use dialoguer::{Confirm, Select};
use std::io;
use std::sync::{Arc, Mutex};

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
    /// The text prompt's line as typed so far, for a signal handler to keep.
    draft: Option<Arc<Mutex<String>>>,
    /// Colours are on (the colourful theme is in use).
    colors: bool,
    /// The terminal shows more than ASCII (see [`crate::outputs::unicode_ok`]).
    unicode: bool,
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
        // A terminal whose locale is not UTF-8 (LANG=C) gets ASCII marks.
        let unicode = crate::outputs::unicode_ok();
        let theme: Box<dyn Theme> = match (colors, unicode) {
            (true, true) => Box::new(ColorfulTheme::default()),
            (true, false) => {
                let mark = |s: &str| console::style(s.to_string()).for_stderr();
                Box::new(ColorfulTheme {
                    prompt_suffix: mark(">").black().bright(),
                    success_prefix: mark("+").green(),
                    success_suffix: mark("-").black().bright(),
                    error_prefix: mark("x").red(),
                    active_item_prefix: mark(">").green(),
                    checked_item_prefix: mark("[x]").green(),
                    unchecked_item_prefix: mark("[ ]").magenta(),
                    picked_item_prefix: mark(">").green(),
                    ..ColorfulTheme::default()
                })
            }
            (false, _) => Box::new(SimpleTheme),
        };
        TerminalPrompter {
            term: Term::stderr(),
            theme,
            error: Style::new().red().for_stderr(),
            draft: None,
            colors,
            unicode,
        }
    }

    /// Keep the line being typed at a text prompt in `slot`, after every key
    /// (it is left as it was when the prompt ends).
    pub fn with_draft(mut self, slot: Arc<Mutex<String>>) -> Self {
        self.draft = Some(slot);
        self
    }

    fn publish(&self, line: &Line) {
        if let Some(slot) = &self.draft
            && let Ok(mut text) = slot.lock()
        {
            *text = line.text();
        }
    }

    fn width(&self) -> usize {
        usize::from(self.term.size().1).max(20)
    }

    /// Wrap text to the terminal, keeping its own line breaks. Every text
    /// shown passes here: a rubric's control characters are shown, not sent.
    fn wrap(&self, text: &str, width: usize, indent: &str) -> String {
        let opts = textwrap::Options::new(width)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .subsequent_indent(indent);
        let shown = crate::text::visible(text);
        let shown = if self.unicode {
            shown
        } else {
            crate::text::ascii(&shown).into_owned().into()
        };
        textwrap::fill(&shown, opts)
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

    /// A description as shown under its item: wrapped and indented; `None`
    /// when there is none or it is blank.
    fn note(&self, description: Option<&str>) -> Option<String> {
        let width = self.width().saturating_sub(10).max(10);
        let d = description?.trim();
        (!d.is_empty()).then(|| self.wrap(d, width, "      "))
    }

    /// This prompter's theme, with `descriptions` (by item) shown under the
    /// highlighted item: wrapped and indented, so dialoguer counts their lines
    /// when it redraws.
    fn described(&self, items: &[String], descriptions: &[Option<String>]) -> Described<'_> {
        let notes = items
            .iter()
            .zip(descriptions)
            .filter_map(|(item, d)| Some((item.clone(), self.note(d.as_deref())?)))
            .collect();
        Described {
            inner: &*self.theme,
            notes,
            style: Style::new().dim().for_stderr(),
        }
    }

    /// How many terminal rows `text` (written with a final newline) takes
    /// now: a narrower terminal than when it was written wraps its lines.
    fn rows_of(&self, text: &str) -> usize {
        if text.is_empty() {
            return 0;
        }
        let width = usize::from(self.term.size().1).max(1);
        text.split('\n')
            .map(|line| console::measure_text_width(line).div_ceil(width).max(1))
            .sum()
    }

    /// Clear the last `n` lines written, leaving the cursor where they began.
    fn clear_lines(&self, n: usize) -> io::Result<()> {
        if n > 0 {
            self.term.clear_last_lines(n)?;
        }
        Ok(())
    }

    /// A checklist as lines: items with their ticks, the Back row without
    /// one, the highlighted item's description under it. A list taller than
    /// the terminal shows a window around the highlight, with how many rows
    /// are above and below it.
    fn render_checklist(&self, list: &Checklist, labels: &[String], descriptions: &[Option<String>]) -> String {
        let dim = Style::new().dim().for_stderr();
        let rows = self.items(labels);
        let notes: Vec<Option<String>> = descriptions.iter().map(|d| self.note(d.as_deref())).collect();
        let row = |i: usize| -> String {
            let active = i == list.cursor();
            let mut out = String::new();
            let _ = if list.is_back(i) {
                self.theme.format_select_prompt_item(&mut out, &rows[i], active)
            } else {
                // The colourful theme marks the highlighted item by colour
                // alone; the plain one has its own '>'.
                if self.colors {
                    let mark = if self.unicode { "❯ " } else { "> " };
                    out.push_str(if active { mark } else { "  " });
                }
                self.theme
                    .format_multi_select_prompt_item(&mut out, &rows[i], list.is_ticked(i), active)
            };
            if let Some(Some(note)) = notes.get(i).filter(|_| active) {
                out.push_str(&format!("\n      {}", dim.apply_to(note.trim_start())));
            }
            out
        };
        let lines = |i: usize| row(i).split('\n').count();
        let n = rows.len();
        let room = usize::from(self.term.size().0).saturating_sub(3).max(3);
        let all: usize = (0..n).map(lines).sum();
        let (mut start, mut end) = (0, n);
        if all > room {
            // Two lines for the "more" markers.
            let room = room.saturating_sub(2).max(1);
            start = list.cursor();
            end = list.cursor() + 1;
            let mut used = lines(list.cursor());
            while end < n && used + lines(end) <= room {
                used += lines(end);
                end += 1;
            }
            while start > 0 && used + lines(start - 1) <= room {
                start -= 1;
                used += lines(start);
            }
        }
        let mut out: Vec<String> = Vec::new();
        if start > 0 {
            out.push(dim.apply_to(format!("  ↑ {start} more")).to_string());
        }
        out.extend((start..end).map(row));
        if end < n {
            out.push(dim.apply_to(format!("  ↓ {} more", n - end)).to_string());
        }
        out.join("\n")
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
            .then_some(if self.unicode { '…' } else { '<' })
            .into_iter()
            .chain(chars[start.min(end)..end].iter().copied())
            .filter(|c| !c.is_control())
            .collect();
        self.term.clear_line()?;
        let mark = if self.unicode { "›" } else { ">" };
        self.term.write_str(&format!("{mark} {shown}"))?;
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

    fn checklist(
        &mut self,
        items: &[String],
        descriptions: &[Option<String>],
        checked: &[bool],
        back: Option<&str>,
    ) -> io::Result<Checked> {
        // dialoguer's MultiSelect would make Back one more tickable item.
        let mut labels = items.to_vec();
        labels.extend(back.map(String::from));
        let mut list = Checklist::new(checked, back.is_some());
        self.term.hide_cursor()?;
        let mut drawn = String::new();
        let done = loop {
            // Wrapped afresh each time: the terminal may have been resized.
            let screen = self.render_checklist(&list, &labels, descriptions);
            self.clear_lines(self.rows_of(&drawn))?;
            self.term.write_line(&screen)?;
            drawn = screen;
            let key = match self.term.read_key() {
                Ok(key) => key,
                Err(e) => {
                    let _ = self.term.show_cursor();
                    return Err(e);
                }
            };
            let step = match key {
                Key::ArrowUp | Key::BackTab | Key::Char('k') => Move::Up,
                Key::ArrowDown | Key::Tab | Key::Char('j') => Move::Down,
                Key::Home | Key::PageUp => Move::First,
                Key::End | Key::PageDown => Move::Last,
                Key::Char(' ') => Move::Toggle,
                Key::Enter => Move::Enter,
                Key::Escape => Move::Quit,
                _ => continue,
            };
            if let Some(done) = list.apply(step) {
                break done;
            }
        };
        self.clear_lines(self.rows_of(&drawn))?;
        self.term.show_cursor()?;
        Ok(done)
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
        self.publish(&line);
        self.render_input(&line)?;
        loop {
            match self.term.read_key()? {
                Key::Escape => {
                    self.term.write_line("")?;
                    return Ok(None);
                }
                // Skips every evidence prompt still to come (see SKIP_ALL);
                // with text typed it does nothing, so nothing typed is lost.
                Key::Tab if line.text().is_empty() => {
                    self.term.write_line("")?;
                    return Ok(Some(super::SKIP_ALL.to_string()));
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
                            // Kept, to correct: the first key typed replaces it, any other edits it.
                            line = Line::new(&text);
                            self.publish(&line);
                        }
                    }
                }
                key => {
                    if let Some(edit) = edit_for(&key) {
                        line.apply(edit);
                        self.publish(&line);
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
