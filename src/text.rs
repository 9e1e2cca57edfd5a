//! Text from outside — answers, rubrics, config, saved runs, file names — is
//! data: it never reaches a terminal as control characters, and never adds
//! structure to Markdown. This is the one place that makes it so; JSON keeps
//! such characters escaped by its own syntax and needs nothing from here.

use std::borrow::Cow;

/// Whether `c` must not reach a terminal raw: C0 controls other than newline
/// and tab, DEL, C1 controls, the bidirectional marks, overrides and isolates
/// that reorder what is shown (U+061C, U+200E–200F, U+202A–202E,
/// U+2066–2069), and U+2028/U+2029.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || c == '\u{061c}'
        || c == '\u{200e}'
        || c == '\u{200f}'
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
        // Line and paragraph separators: line breaks to some readers of YAML.
        || c == '\u{2028}'
        || c == '\u{2029}'
}

/// Whether `text` holds a [`hidden`] character. Every report passes through
/// here whole (23 KB of JSON for one assessment), where decoding character by
/// character cost a sixth of a run: eight bytes are tested at a time, and only
/// the bytes that can start a hidden character in UTF-8 (0xc2, 0xd8, 0xe2) are
/// looked at closely.
fn has_hidden(text: &str) -> bool {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const LOW7: u64 = u64::from_le_bytes([0x7f; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    // The high bit of each byte of `v` that is below `n` (n ≤ 0x80), exactly:
    // no carry crosses a byte, as (b & 0x7f) + (0x80 - n) stays below 0x100.
    let below = |v: u64, n: u64| !(((v & LOW7) + ONES * (0x80 - n)) | v) & HIGH;
    let equal = |v: u64, b: u64| below(v ^ (ONES * b), 1);
    let bytes = text.as_bytes();
    let (words, rest) = bytes.as_chunks::<8>();
    for (k, word) in words.iter().enumerate() {
        let v = u64::from_le_bytes(*word);
        let control = below(v, 0x20) & !equal(v, b'\n'.into()) & !equal(v, b'\t'.into()) | equal(v, 0x7f);
        if control != 0 {
            return true;
        }
        let mut lead = equal(v, 0xc2) | equal(v, 0xd8) | equal(v, 0xe2);
        while lead != 0 {
            let at = k * 8 + lead.trailing_zeros() as usize / 8;
            if hidden_at(bytes, at) {
                return true;
            }
            lead &= lead - 1;
        }
    }
    (bytes.len() - rest.len()..bytes.len()).any(|i| hidden_at(bytes, i))
}

/// [`visible`] for JSON that serde_json wrote: it escapes every C0 control
/// itself, so only DEL and the characters whose UTF-8 starts with 0xc2, 0xd8
/// or 0xe2 can be hidden, and those bytes are found with memchr's vector search.
pub fn visible_json(json: &str) -> Cow<'_, str> {
    let b = json.as_bytes();
    if memchr::memchr3_iter(0x7f, 0xc2, 0xe2, b).any(|i| hidden_at(b, i))
        || memchr::memchr_iter(0xd8, b).any(|i| hidden_at(b, i))
    {
        visible(json)
    } else {
        Cow::Borrowed(json)
    }
}

/// Whether a [`hidden`] character starts at byte `i` of `b`.
fn hidden_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b'\n' | b'\t' => false,
        0..0x20 | 0x7f => true,
        // C1 controls: U+0080–U+009F.
        0xc2 => b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)),
        // U+061C.
        0xd8 => b.get(i + 1) == Some(&0x9c),
        // U+200E–U+200F, U+2028–U+202E and U+2066–U+2069.
        0xe2 => match (b.get(i + 1), b.get(i + 2)) {
            (Some(0x80), Some(n)) => (0x8e..=0x8f).contains(n) || (0xa8..=0xae).contains(n),
            (Some(0x81), Some(n)) => (0xa6..=0xa9).contains(n),
            _ => false,
        },
        _ => false,
    }
}

/// `text` with every hidden character shown as a JSON-style escape:
/// `\u001b`, `\u202e`. The same form in every output, so that JSON stays
/// valid (it reads the escape back as the character) and a terminal shows it.
/// Text without one is returned as it is.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !has_hidden(text) {
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

/// [`visible`] text on one line, for a table cell or a list in a message:
/// line breaks and tabs become spaces, so data cannot forge a line or shift
/// the columns of the output around it.
pub fn one_line(text: &str) -> String {
    visible(text).replace(['\n', '\r', '\t'], " ")
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

/// Latin-1 letters (U+00C0–U+00FF) without their accents, for [`ascii`].
const LATIN1: [&str; 64] = [
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I", // À–Ï
    "D", "N", "O", "O", "O", "O", "O", "x", "O", "U", "U", "U", "U", "Y", "TH", "ss", // Ð–ß
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", // à–ï
    "d", "n", "o", "o", "o", "o", "o", "/", "o", "u", "u", "u", "u", "y", "th", "y", // ð–ÿ
];

/// Latin Extended-A (U+0100–U+017F) without accents, one letter per
/// character; the ligatures (Ĳ ĳ Œ œ) are handled before this is read.
const LATIN_EXT_A: &[u8; 128] = b"AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiJjJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/// What [`ascii`] writes for one character that is not ASCII.
fn ascii_char(c: char) -> Cow<'static, str> {
    let s = match c {
        '\u{2014}' | '\u{2013}' | '\u{2012}' | '\u{2010}' | '\u{2011}' | '\u{2212}' | '\u{b7}' | '\u{2022}' => "-",
        '\u{2192}' | '\u{27f6}' => "->",
        '\u{2190}' | '\u{27f5}' => "<-",
        '\u{2194}' => "<->",
        '\u{2191}' => "^",
        '\u{2193}' => "v",
        '\u{2026}' => "...",
        '\u{2265}' => ">=",
        '\u{2264}' => "<=",
        '\u{2260}' => "!=",
        '\u{b1}' => "+/-",
        '\u{d7}' => "x",
        '\u{2713}' | '\u{2714}' => "ok",
        '\u{2717}' | '\u{2718}' => "x",
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{2032}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{ab}' | '\u{bb}' | '\u{2033}' => "\"",
        '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' => " ",
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => "",
        '\u{20ac}' => "EUR",
        '\u{a3}' => "GBP",
        '\u{a5}' => "JPY",
        '\u{a9}' => "(c)",
        '\u{b0}' => " deg",
        '\u{132}' => "IJ",
        '\u{133}' => "ij",
        '\u{152}' => "OE",
        '\u{153}' => "oe",
        // Box drawing: lines keep their place, so a table keeps its shape.
        '\u{2550}' => "=",
        '\u{2500}' | '\u{2501}' | '\u{2504}' | '\u{2505}' | '\u{2508}' | '\u{2509}' | '\u{254c}' | '\u{254d}' => "-",
        '\u{2502}' | '\u{2503}' | '\u{2506}' | '\u{2507}' | '\u{250a}' | '\u{250b}' | '\u{254e}' | '\u{254f}'
        | '\u{2551}' => "|",
        '\u{2500}'..='\u{257f}' => "+",
        // Blocks: full and partial blocks fill a bar, the shades grade a heatmap.
        '\u{2591}' => ".",
        '\u{2592}' => ":",
        '\u{2593}' => "=",
        '\u{2580}'..='\u{259f}' => "#",
        // Accents written as separate marks are dropped; the letter stays.
        '\u{300}'..='\u{36f}' => "",
        '\u{c0}'..='\u{ff}' => LATIN1[c as usize - 0xc0],
        '\u{100}'..='\u{17f}' => {
            let b = LATIN_EXT_A[c as usize - 0x100];
            return Cow::Owned(char::from(b).to_string());
        }
        _ => "?",
    };
    Cow::Borrowed(s)
}

/// `text` in ASCII only, for a terminal whose locale is not UTF-8 (`LANG=C`):
/// the symbols levelup prints become their ASCII spelling (`—` `-`, `→`
/// `->`, `·` `-`, `…` `...`, `≥` `>=`), box drawing becomes `+ - = |` and
/// blocks and shades `# = : .` (so tables and heatmaps keep their shape),
/// accented Latin letters lose their accent (`é` `e`, `ß` `ss`), and any
/// other character that is not ASCII, such as one from a name in another
/// script, becomes `?`. ASCII, colour codes included, passes unchanged.
pub fn ascii(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&ascii_char(c));
        }
    }
    Cow::Owned(out)
}

/// JSON in ASCII only, nothing lost: every other character becomes its
/// `\uXXXX` escape (a surrogate pair beyond U+FFFF). Outside strings JSON
/// is ASCII, so the text stays valid and reads back the same.
pub fn ascii_json(text: &str) -> Cow<'_, str> {
    escape_non_ascii(text, |c, out| {
        let mut units = [0u16; 2];
        for u in c.encode_utf16(&mut units) {
            out.push_str(&format!("\\u{u:04x}"));
        }
    })
}

/// HTML in ASCII only, nothing lost: every other character becomes a
/// numeric character reference, `&#x2014;`.
pub fn ascii_html(text: &str) -> Cow<'_, str> {
    escape_non_ascii(text, |c, out| out.push_str(&format!("&#x{:x};", c as u32)))
}

/// roff (the man page) in ASCII only, nothing lost: `\[u2014]`.
pub fn ascii_roff(text: &str) -> Cow<'_, str> {
    escape_non_ascii(text, |c, out| out.push_str(&format!("\\[u{:04X}]", c as u32)))
}

fn escape_non_ascii(text: &str, escape: impl Fn(char, &mut String)) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            escape(c, &mut out);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn json_text_is_made_visible_like_any_text() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let json = serde_json::to_string_pretty(&serde_json::json!({ "k": [format!("abcdefg{c}x")] })).unwrap();
            assert_eq!(visible_json(&json), visible(&json), "{:?}", c as u32);
        }
    }

    #[test]
    fn the_byte_scan_finds_exactly_the_hidden_characters() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for text in [
                c.to_string(),
                format!("abcdefg{c}"),
                format!("{c}\u{2192}"),
                format!("abcdefghijklmno{c}x"),
                format!("abcdefgh{c}abcdefgh"),
            ] {
                assert_eq!(has_hidden(&text), text.chars().any(hidden), "{:?}", c as u32);
            }
        }
    }

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

    #[test]
    fn ascii_spells_symbols_and_keeps_tables_square() {
        assert_eq!(ascii("plain \u{1b}[1mbold\u{1b}[0m"), "plain \u{1b}[1mbold\u{1b}[0m");
        assert_eq!(ascii("a — b → c · d… ≥ 2"), "a - b -> c - d... >= 2");
        assert_eq!(ascii("┌─┬─┐\n│a┆b│\n╞═╪═╡"), "+-+-+\n|a|b|\n+=+=+");
        assert_eq!(ascii("███▍░▒▓ "), "####.:= ");
        assert_eq!(
            ascii("José Müller, Łukasz, Straße, Œuvre"),
            "Jose Muller, Lukasz, Strasse, OEuvre"
        );
        assert_eq!(ascii("e\u{301}"), "e");
        assert_eq!(ascii("東京 ✓"), "?? ok");
    }

    #[test]
    fn ascii_json_and_html_lose_nothing() {
        let value = serde_json::json!({"name": "Zoë → 東京 😀", "k—": ["…"]});
        let text = serde_json::to_string_pretty(&value).unwrap();
        let ascii = ascii_json(&text);
        assert!(ascii.is_ascii());
        assert_eq!(serde_json::from_str::<serde_json::Value>(&ascii).unwrap(), value);
        assert_eq!(ascii_html("<p>a — 😀</p>"), "<p>a &#x2014; &#x1f600;</p>");
        assert_eq!(ascii_roff("a — b"), "a \\[u2014] b");
    }

    proptest! {
        #[test]
        fn ascii_is_ascii(s in "\\PC*") {
            prop_assert!(ascii(&s).is_ascii());
            prop_assert!(ascii_json(&s).is_ascii());
            prop_assert!(ascii_html(&s).is_ascii());
        }
    }

    proptest! {
        #[test]
        fn nothing_hidden_survives(s in ".*") {
            prop_assert!(!visible(&s).chars().any(hidden));
            prop_assert!(!markdown(&s).chars().any(hidden));
        }
    }
}
