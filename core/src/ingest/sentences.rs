//! Sentence splitting for every script.
//!
//! [`sentence_spans`] and [`split_sentences`] end sentences at 。！？；． always, at `!?;`
//! before a space, a CJK character or the end, and at `.`/`…` before a space + a non-lowercase
//! character (or a CJK character, or the end) — not in decimals ("3.5"), abbreviations ("e.g.",
//! "т.д.") or initials. A newline always ends a sentence. Linear time, never panics.

use super::text::{is_closing_mark, is_wide};

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "no", "fig", "approx", "cf", "jr",
    "sr", "inc", "ltd", "co", "pp", "vol", "ch", "sec", "dept", "est", "т.д", "т.п", "т.ч", "напр",
    "див", "ім", "ст", "тис", "млн", "грн", "v.v", "tp", "ths", "pgs", "ts", "z.b", "bzw", "usw",
];

fn is_cjk(c: char) -> bool {
    is_wide(c) && !matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20)
}

fn is_terminal_char(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '．' | '｡' | '!' | '?' | ';' | '.' | '…'
    )
}

/// Whether the terminal `c` at byte `i` (terminal run ending at byte `end`) ends a sentence.
fn ends_here(text: &str, start: usize, i: usize, c: char, end: usize) -> bool {
    let next = text[end..].chars().next();
    match c {
        '。' | '！' | '？' | '；' | '．' | '｡' => true,
        '!' | '?' | ';' => match next {
            None => true,
            Some(n) => n.is_whitespace() || is_cjk(n),
        },
        _ => {
            // '.' and '…'
            let Some(n) = next else { return true };
            if is_cjk(n) {
                return true;
            }
            if !n.is_whitespace() {
                return false;
            }
            let after = text[end..].trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
            match after.chars().next() {
                None | Some('\n') => return true,
                Some(a) if a.is_lowercase() => return false,
                _ => {}
            }
            if c == '.' {
                // The word before the dot: abbreviations, initials, list numbers.
                let before = &text[start..i];
                let word: String = before
                    .chars()
                    .rev()
                    .take_while(|&ch| ch.is_alphanumeric() || ch == '.')
                    .take(12)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let lw = word.to_lowercase();
                if ABBREVIATIONS.contains(&lw.as_str()) {
                    return false;
                }
                let mut wc = word.chars();
                if let (Some(w0), None) = (wc.next(), wc.next())
                    && w0.is_uppercase()
                {
                    return false;
                }
                if !word.is_empty()
                    && word.chars().all(|ch| ch.is_ascii_digit())
                    && before.trim() == word
                {
                    return false;
                }
            }
            true
        }
    }
}

/// Byte spans `(start, end)` of the sentences of `text`: trimmed, never empty, in order; a
/// newline always ends a sentence. See the module doc for the rules.
pub fn sentence_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let push = |spans: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let e = s + text[s..e].trim_end().len();
        if e > s {
            spans.push((s, e));
        }
    };
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c == '\n' {
            if let Some(s) = start.take() {
                push(&mut spans, s, i);
            }
            continue;
        }
        if start.is_none() {
            if c.is_whitespace() {
                continue;
            }
            start = Some(i);
        }
        if is_terminal_char(c) {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = it.peek() {
                if is_terminal_char(d) || is_closing_mark(d) {
                    end = j + d.len_utf8();
                    it.next();
                } else {
                    break;
                }
            }
            let s = start.unwrap_or(i);
            if ends_here(text, s, i, c, end) {
                push(&mut spans, s, end);
                start = None;
            }
        }
    }
    if let Some(s) = start {
        push(&mut spans, s, text.len());
    }
    spans
}

/// Split text into sentences for every script (see the module doc); trimmed, never empty.
pub fn split_sentences(text: &str) -> Vec<&str> {
    sentence_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn sentences_split_in_every_script() {
        assert_eq!(
            split_sentences("第一句。第二句！第三句？第四句;第五"),
            vec!["第一句。", "第二句！", "第三句？", "第四句;", "第五"]
        );
        assert_eq!(
            split_sentences("It costs 3.5 dollars, e.g. for Mr. Smith. Next one! Really? Yes"),
            vec![
                "It costs 3.5 dollars, e.g. for Mr. Smith.",
                "Next one!",
                "Really?",
                "Yes"
            ]
        );
        assert_eq!(
            split_sentences("Це речення. Ще одне, т.д. тощо. Кінець"),
            vec!["Це речення.", "Ще одне, т.д. тощо.", "Кінець"]
        );
        assert_eq!(
            split_sentences("Đây là câu một. Đây là câu hai? Vâng."),
            vec!["Đây là câu một.", "Đây là câu hai?", "Vâng."]
        );
        assert_eq!(
            split_sentences("做什么工作的?为何能成为中心?"),
            vec!["做什么工作的?", "为何能成为中心?"]
        );
        assert_eq!(
            split_sentences("“Quoted.” Then (this.) And example.com works."),
            vec!["“Quoted.”", "Then (this.)", "And example.com works."]
        );
        assert_eq!(
            split_sentences("1. Open the app. 2. Tap save."),
            vec!["1. Open the app.", "2. Tap save."]
        );
        assert!(split_sentences("").is_empty() && split_sentences("  \n ").is_empty());
    }
}
