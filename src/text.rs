//! Text from outside — answers, rubrics, config, saved runs, file names — is
//! data: it never reaches a terminal as control characters, and never adds
//! structure to Markdown. This is the one place that makes it so; JSON keeps
//! such characters escaped by its own syntax and needs nothing from here.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal raw: C0 controls other than newline
/// and tab, DEL, C1 controls, the bidirectional overrides and isolates that
/// reorder what is shown (U+202A–202E, U+2066–2069), and U+2028/U+2029.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        // Line and paragraph separators: line breaks to some readers of YAML.
        || c == '\u{2028}'
        || c == '\u{2029}'
}

/// `text` with every hidden character shown as a JSON-style escape:
/// `\u001b`, `\u202e`. The same form in every output, so that JSON stays
/// valid (it reads the escape back as the character) and a terminal shows it.
/// Text without one is returned as it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`] text on one line that Markdown shows as written: line breaks
/// become spaces (data sits inside list items and table cells, where a break
/// would end them); what could open HTML, an entity, a link, a code span,
/// emphasis or a table cell is backslash-escaped; and a line that would
/// start a block (a heading, quote, list item, rule or code fence) has its
/// first mark escaped.
pub fn markdown(text: &str) -> String {
    // Leading spaces would make an indented code block.
    let text = visible(text).replace(['\n', '\r'], " ").trim_start().to_string();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = line.trim_start();
        out.push_str(&line[..line.len() - body.len()]);
        // A mark starts a block only when a space (or the end) follows it,
        // or when the line is nothing but that mark (a rule, a setext underline).
        let starts_block = |k: usize| {
            let rest = &body[k + 1..];
            rest.is_empty() || rest.starts_with([' ', '\t']) || rest.trim().chars().all(|c| body.starts_with(c))
        };
        let ordered = body
            .find(['.', ')'])
            .filter(|&k| k > 0 && body[..k].chars().all(|c| c.is_ascii_digit()));
        for (k, c) in body.char_indices() {
            let hashes = body.chars().take_while(|&h| h == '#').count();
            let heading = c == '#' && (body[hashes..].is_empty() || body[hashes..].starts_with([' ', '\t']));
            let block_mark =
                k == 0 && (c == '>' || heading || (matches!(c, '-' | '+' | '*' | '=' | '~' | '_') && starts_block(k)));
            let after_number = ordered == Some(k) && starts_block(k);
            // GitHub links bare `http://…` and `www.…`: an escape breaks the pattern.
            let autolink = (c == ':' && body[k..].starts_with("://"))
                || (c == '.' && body[..k].to_ascii_lowercase().ends_with("www"));
            if block_mark
                || after_number
                || autolink
                || matches!(c, '\\' | '`' | '[' | ']' | '<' | '>' | '|' | '*' | '_' | '&')
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A copy of `value` with `f` applied to every string in it, map keys
/// included: a report, made safe for a human format by [`visible`] or
/// [`markdown`], without listing its fields by hand.
pub fn map_strings<T>(value: &T, f: &dyn Fn(&str) -> String) -> T
where
    T: serde::Serialize + serde::de::DeserializeOwned + Clone,
{
    fn walk(v: serde_json::Value, f: &dyn Fn(&str) -> String) -> serde_json::Value {
        use serde_json::Value;
        match v {
            Value::String(s) => Value::String(f(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(|i| walk(i, f)).collect()),
            Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, walk(v, f))).collect()),
            other => other,
        }
    }
    serde_json::to_value(value)
        .map(|v| walk(v, f))
        .and_then(serde_json::from_value)
        .unwrap_or_else(|_| value.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(visible("plain"), "plain");
        assert_eq!(visible("a\u{1b}[8mb"), "a\\u001b[8mb");
        assert_eq!(visible("x\u{7f}\u{85}\u{202e}y"), "x\\u007f\\u0085\\u202ey");
        // Inside JSON the escape is JSON's own: the text reads back unchanged.
        let json = serde_json::to_string("a\u{85}\u{202e}b").unwrap();
        let back: String = serde_json::from_str(&visible(&json)).unwrap();
        assert_eq!(back, "a\u{85}\u{202e}b");
        assert_eq!(visible("keep\ttabs\nand lines"), "keep\ttabs\nand lines");
    }

    #[test]
    fn markdown_data_adds_no_structure() {
        assert_eq!(markdown("# title"), "\\# title");
        assert_eq!(markdown("ok\n- item"), "ok - item");
        assert_eq!(markdown("- item"), "\\- item");
        assert_eq!(markdown("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(markdown("a | b"), "a \\| b");
        assert_eq!(markdown("12. twelve"), "12\\. twelve");
        assert_eq!(markdown("1.0.0 and #7 and -x"), "1.0.0 and #7 and -x");
        assert_eq!(markdown("---"), "\\---");
        assert_eq!(markdown("## two"), "\\## two");
        assert_eq!(markdown("[link](http://x)"), "\\[link\\](http\\://x)");
        assert_eq!(markdown("see www.example.com"), "see www\\.example.com");
        assert_eq!(
            markdown("snake_case, *stress* &amp;"),
            "snake\\_case, \\*stress\\* \\&amp;"
        );
        assert_eq!(markdown("* item"), "\\* item");
    }

    proptest! {
        #[test]
        fn nothing_hidden_survives(s in ".*") {
            prop_assert!(!visible(&s).chars().any(hidden));
            prop_assert!(!markdown(&s).chars().any(hidden));
        }
    }
}
