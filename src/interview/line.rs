//! The text of a line being typed and where the cursor is in it: the editing
//! rules of the text and number prompts, kept apart from the terminal so they
//! can be tested. dialoguer's `Input` has the editing but ignores Esc, which
//! must save and quit here.

/// One edit a key makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Insert(char),
    /// Backspace: the character before the cursor.
    DeleteBack,
    /// Delete: the character under the cursor.
    DeleteForward,
    Left,
    Right,
    Home,
    End,
    /// Ctrl-U: everything before the cursor.
    DeleteToStart,
    /// Ctrl-W: the word before the cursor, and the spaces after it.
    DeleteWord,
}

/// A line of text with a cursor (a char index, `0..=len`). A pre-filled line
/// is replaced by the first character typed, as a selected default would be;
/// any other edit first makes it ordinary text to edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    chars: Vec<char>,
    cursor: usize,
    prefilled: bool,
}

impl Line {
    /// `initial`, with the cursor at its end.
    pub fn new(initial: &str) -> Self {
        let chars: Vec<char> = initial.chars().collect();
        Line {
            cursor: chars.len(),
            prefilled: !chars.is_empty(),
            chars,
        }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Where the cursor is, in chars from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn apply(&mut self, edit: Edit) {
        if self.prefilled && matches!(edit, Edit::Insert(_)) {
            self.chars.clear();
            self.cursor = 0;
        }
        self.prefilled = false;
        let at = self.cursor;
        match edit {
            Edit::Insert(c) => {
                self.chars.insert(at, c);
                self.cursor += 1;
            }
            Edit::DeleteBack if at > 0 => {
                self.chars.remove(at - 1);
                self.cursor -= 1;
            }
            Edit::DeleteForward if at < self.chars.len() => {
                self.chars.remove(at);
            }
            Edit::Left => self.cursor = at.saturating_sub(1),
            Edit::Right => self.cursor = (at + 1).min(self.chars.len()),
            Edit::Home => self.cursor = 0,
            Edit::End => self.cursor = self.chars.len(),
            Edit::DeleteToStart => {
                self.chars.drain(..at);
                self.cursor = 0;
            }
            Edit::DeleteWord => {
                let mut start = at;
                while start > 0 && self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !self.chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                self.chars.drain(start..at);
                self.cursor = start;
            }
            Edit::DeleteBack | Edit::DeleteForward => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn typed(initial: &str, edits: &[Edit]) -> (String, usize) {
        let mut line = Line::new(initial);
        for e in edits {
            line.apply(*e);
        }
        (line.text(), line.cursor())
    }

    #[test]
    fn typing_over_a_prefilled_value_replaces_it() {
        assert_eq!(typed("30", &[Edit::Insert('<')]), ("<".into(), 1));
        assert_eq!(typed("30", &[Edit::Insert('4'), Edit::Insert('5')]), ("45".into(), 2));
    }

    #[test]
    fn a_prefilled_value_can_be_edited() {
        assert_eq!(typed("30", &[Edit::DeleteBack, Edit::Insert('5')]), ("35".into(), 2));
        assert_eq!(typed("30", &[Edit::Home, Edit::Insert('1')]), ("130".into(), 1));
    }

    #[test]
    fn the_cursor_moves_and_edits_in_the_middle() {
        use Edit::*;
        let edits = [Insert('a'), Insert('c'), Left, Insert('b'), End, Insert('d')];
        assert_eq!(typed("", &edits), ("abcd".into(), 4));
        assert_eq!(
            typed("", &[Insert('a'), Insert('b'), Home, DeleteForward]),
            ("b".into(), 0)
        );
        assert_eq!(
            typed("", &[Insert('x'), Right, Right, Left, Left, Left]),
            ("x".into(), 0)
        );
    }

    #[test]
    fn ctrl_u_and_ctrl_w_delete_backwards() {
        use Edit::*;
        let mut line = Line::new("");
        for c in "led the migration ".chars() {
            line.apply(Insert(c));
        }
        line.apply(DeleteWord);
        assert_eq!(line.text(), "led the ");
        line.apply(Left);
        line.apply(DeleteToStart);
        assert_eq!((line.text(), line.cursor()), (" ".into(), 0));
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            any::<char>().prop_map(Edit::Insert),
            Just(Edit::DeleteBack),
            Just(Edit::DeleteForward),
            Just(Edit::Left),
            Just(Edit::Right),
            Just(Edit::Home),
            Just(Edit::End),
            Just(Edit::DeleteToStart),
            Just(Edit::DeleteWord),
        ]
    }

    proptest! {
        /// No sequence of keys panics or puts the cursor outside the text.
        #[test]
        fn the_cursor_stays_in_the_text(initial in ".{0,8}", edits in prop::collection::vec(edit(), 0..40)) {
            let mut line = Line::new(&initial);
            for e in edits {
                line.apply(e);
                prop_assert!(line.cursor() <= line.text().chars().count());
            }
        }
    }
}
