//! The state of a checklist being answered: which items are ticked, which row
//! is highlighted, and the "← Back" row, which is an action and never a
//! checkbox. Kept apart from the terminal so the rules can be tested;
//! dialoguer's `MultiSelect` can only offer Back as one more tickable item.

/// One key's meaning in a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Up,
    Down,
    First,
    Last,
    /// Space: tick or untick the highlighted item (nothing on the Back row).
    Toggle,
    /// Enter: done, or go back when the Back row is highlighted.
    Enter,
    /// Esc: quit the interview.
    Quit,
}

/// How a checklist ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Checked {
    /// The ticked items' indexes, ascending (none is an answer too).
    Ticked(Vec<usize>),
    /// The person chose to go back to the previous question.
    Back,
    /// Esc: quit, keeping the answers so far.
    Quit,
}

/// Items with ticks, a highlighted row (`0..rows()`), and optionally a Back
/// row after the items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    ticked: Vec<bool>,
    cursor: usize,
    back: bool,
}

impl Checklist {
    /// `ticked` gives the starting state, one per item; the first row is
    /// highlighted.
    pub fn new(ticked: &[bool], back: bool) -> Self {
        Checklist {
            ticked: ticked.to_vec(),
            cursor: 0,
            back,
        }
    }

    /// Items plus the Back row, if any.
    pub fn rows(&self) -> usize {
        self.ticked.len() + usize::from(self.back)
    }

    /// The highlighted row.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Whether item `i` is ticked (false for the Back row).
    pub fn is_ticked(&self, i: usize) -> bool {
        self.ticked.get(i).copied().unwrap_or(false)
    }

    /// Whether row `i` is the Back row.
    pub fn is_back(&self, i: usize) -> bool {
        self.back && i == self.ticked.len()
    }

    /// Apply one key; `Some` once the checklist is answered. Up and Down wrap
    /// around, as dialoguer's lists do.
    pub fn apply(&mut self, key: Move) -> Option<Checked> {
        let rows = self.rows();
        if rows == 0 {
            return match key {
                Move::Enter => Some(Checked::Ticked(Vec::new())),
                Move::Quit => Some(Checked::Quit),
                _ => None,
            };
        }
        match key {
            Move::Up => self.cursor = (self.cursor + rows - 1) % rows,
            Move::Down => self.cursor = (self.cursor + 1) % rows,
            Move::First => self.cursor = 0,
            Move::Last => self.cursor = rows - 1,
            Move::Toggle => {
                if let Some(t) = self.ticked.get_mut(self.cursor) {
                    *t = !*t;
                }
            }
            Move::Enter if self.is_back(self.cursor) => return Some(Checked::Back),
            Move::Enter => {
                let ticked = (0..self.ticked.len()).filter(|&i| self.ticked[i]).collect();
                return Some(Checked::Ticked(ticked));
            }
            Move::Quit => return Some(Checked::Quit),
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn answer(ticked: &[bool], back: bool, keys: &[Move]) -> Option<Checked> {
        let mut list = Checklist::new(ticked, back);
        keys.iter().find_map(|&k| list.apply(k))
    }

    #[test]
    fn space_ticks_and_enter_answers() {
        use Move::*;
        let keys = [Toggle, Down, Down, Toggle, Enter];
        assert_eq!(answer(&[false; 3], true, &keys), Some(Checked::Ticked(vec![0, 2])));
        // Starting ticks are kept or undone.
        assert_eq!(
            answer(&[true, true, false], false, &[Down, Toggle, Enter]),
            Some(Checked::Ticked(vec![0]))
        );
        assert_eq!(answer(&[false; 2], true, &[Enter]), Some(Checked::Ticked(vec![])));
    }

    #[test]
    fn back_is_an_action_and_cannot_be_ticked() {
        use Move::*;
        // Up from the first row wraps to Back; Space there ticks nothing.
        let mut list = Checklist::new(&[true, false], true);
        assert_eq!(list.apply(Up), None);
        assert!(list.is_back(list.cursor()));
        assert_eq!(list.apply(Toggle), None);
        assert!(!list.is_ticked(2));
        assert_eq!(list.apply(Enter), Some(Checked::Back));
        // With items ticked, Enter on an item answers: Back is never among them.
        assert_eq!(
            answer(&[false; 2], true, &[Last, Toggle, First, Toggle, Enter]),
            Some(Checked::Ticked(vec![0]))
        );
        // No Back row on the first question.
        assert_eq!(answer(&[false; 2], false, &[Up, Enter]), Some(Checked::Ticked(vec![])));
    }

    #[test]
    fn esc_quits_and_an_empty_list_still_answers() {
        assert_eq!(answer(&[true], true, &[Move::Quit]), Some(Checked::Quit));
        assert_eq!(
            answer(&[], false, &[Move::Down, Move::Enter]),
            Some(Checked::Ticked(vec![]))
        );
    }

    fn key() -> impl Strategy<Value = Move> {
        prop_oneof![
            Just(Move::Up),
            Just(Move::Down),
            Just(Move::First),
            Just(Move::Last),
            Just(Move::Toggle),
            Just(Move::Enter),
        ]
    }

    proptest! {
        /// Whatever is pressed, the highlight stays on a row and an answer
        /// names only real items.
        #[test]
        fn answers_name_only_items(n in 0usize..6, back: bool, keys in prop::collection::vec(key(), 0..30)) {
            let mut list = Checklist::new(&vec![false; n], back);
            for k in keys {
                if let Some(done) = list.apply(k) {
                    if let Checked::Ticked(t) = done {
                        prop_assert!(t.iter().all(|&i| i < n));
                    }
                    break;
                }
                prop_assert!(list.rows() == 0 || list.cursor() < list.rows());
            }
        }
    }
}
