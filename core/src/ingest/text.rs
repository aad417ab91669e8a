//! Shared text helpers for cleaning and sectioning: display width (CJK counts two columns),
//! decorative symbols (emoji, dingbats), line trimming and fences, light-Markdown structure
//! (`#` headings, list markers, FAQ prefixes `问:`/`Q:`/`Питання:`/`Hỏi:`), sentence-final
//! punctuation and the shape of a heading line. Everything here is linear in the input and never
//! panics.

const MAX_HEADING_WIDTH: usize = 80;
const MAX_HEADING_WORDS: usize = 12;

/// Line text without surrounding whitespace and zero-width characters (ZWSP, BOM, word joiner).
pub(crate) fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}'))
}

/// True for a code fence line (```` ``` ```` or `~~~`).
pub(crate) fn is_fence(t: &str) -> bool {
    t.starts_with("```") || t.starts_with("~~~")
}

/// Characters that mark a list item (normalized to `- ` by cleaning).
pub(crate) const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '*', '+', '-'];

/// Whitespace runs collapsed to one space, trimmed.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True for characters drawn as two columns: CJK ideographs, kana, hangul, full-width forms.
pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// Display width in columns: wide (CJK) characters count 2, others 1.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// `display_width(s) > max`, reading no further than the column past `max`: cleaning asks
/// it of every line, and most lines are paragraphs far wider than any limit.
pub fn wider_than(s: &str, max: usize) -> bool {
    // A character is 1–4 bytes wide in UTF-8 and 1–2 columns wide (a wide one takes 3 or 4
    // bytes): the byte length bounds the width from both sides.
    if s.len() <= max {
        return false;
    }
    if s.len() > 4 * max {
        return true;
    }
    let mut width = 0;
    for c in s.chars() {
        width += if is_wide(c) { 2 } else { 1 };
        if width > max {
            return true;
        }
    }
    false
}

/// True for emoji, pictographs, dingbats, arrows, geometric shapes and emoji joiners/selectors.
pub fn is_decorative(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2190..=0x21FF | 0x2300..=0x23FF
        | 0x25A0..=0x25FF | 0x2022 | 0x2023 | 0x2043 | 0xFE0E | 0xFE0F | 0x200D | 0x20E3
        | 0xE0020..=0xE007F | 0x3030 | 0x303D | 0x3297 | 0x3299)
}

/// Removes decorative characters; returns the collapsed text and the characters removed.
pub(crate) fn strip_decorative(s: &str) -> (String, String) {
    let mut kept = String::with_capacity(s.len());
    let mut gone = String::new();
    for c in s.chars() {
        if is_decorative(c) {
            gone.push(c);
        } else {
            kept.push(c);
        }
    }
    if gone.is_empty() {
        return (s.trim().to_string(), gone);
    }
    (collapse_ws(&kept), gone)
}

/// Full-width ASCII forms and the ideographic space folded to ASCII.
pub(crate) fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

/// Strips a list marker or heading hashes.
pub(crate) fn strip_structure(t: &str) -> &str {
    let t = t.trim();
    if let Some((_, h)) = explicit_heading(t) {
        return h;
    }
    match list_marker(t) {
        Some(m) => t[m..].trim(),
        None => t,
    }
}

/// `(level, text)` of an explicit `#` heading line.
pub(crate) fn explicit_heading(t: &str) -> Option<(usize, &str)> {
    let t = t.trim_start();
    let level = t.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &t[level..];
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let h = rest.trim().trim_end_matches('#').trim();
    if h.is_empty() { None } else { Some((level, h)) }
}

/// `(signs, text)` of a wiki-markup heading line, `=` signs on both sides, as many on each
/// (`== Section ==`, `====== Title ======`, spaces optional), at most six.
pub(crate) fn wiki_heading(t: &str) -> Option<(usize, &str)> {
    let t = t.trim();
    let open = t.bytes().take_while(|&b| b == b'=').count();
    let close = t.bytes().rev().take_while(|&b| b == b'=').count();
    if open == 0 || open > 6 || open != close || open * 2 >= t.len() {
        return None;
    }
    let h = t[open..t.len() - close].trim();
    (h.chars().any(char::is_alphanumeric) && !h.starts_with('=') && !h.ends_with('='))
        .then_some((open, h))
}

/// The text of a heading line (hashes stripped), or the trimmed line.
pub(crate) fn heading_text(t: &str) -> &str {
    explicit_heading(t).map_or(t.trim(), |(_, h)| h)
}

/// Byte length of a list marker at the start of `t` (`- `, `* `, `• `, `1. `, `2) `), spaces included.
pub(crate) fn list_marker(t: &str) -> Option<usize> {
    let mut cs = t.char_indices();
    let (_, c) = cs.next()?;
    let after = if BULLETS.contains(&c) {
        c.len_utf8()
    } else if c.is_ascii_digit() {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 3 {
            return None;
        }
        match t.as_bytes().get(digits) {
            Some(b'.') | Some(b')') => digits + 1,
            _ => return None,
        }
    } else {
        return None;
    };
    let rest = &t[after..];
    let ws = rest.len() - rest.trim_start().len();
    if ws == 0 || rest.trim().is_empty() {
        return None;
    }
    Some(after + ws)
}

/// FAQ prefixes: `Some((true, rest))` for a question prefix (问:, 問:, Q:, Питання:, Hỏi:…),
/// `Some((false, rest))` for an answer prefix (答:, A:, Відповідь:, Trả lời:…).
pub(crate) fn qa_prefix(t: &str) -> Option<(bool, &str)> {
    const Q: &[&str] = &[
        "问",
        "問",
        "q",
        "question",
        "питання",
        "запитання",
        "hỏi",
        "câu hỏi",
    ];
    const A: &[&str] = &["答", "a", "answer", "відповідь", "trả lời", "đáp"];
    let t = t.trim_start();
    for (is_q, list) in [(true, Q), (false, A)] {
        for p in list {
            let Some(head) = t.get(..p.len()) else {
                continue;
            };
            // Compared letter by letter, lowercased: no string is built for the ~14 tries
            // on every line.
            if !head.chars().flat_map(char::to_lowercase).eq(p.chars()) {
                continue;
            }
            let rest = t[p.len()..].trim_start();
            let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'));
            if let Some(r) = rest {
                let r = r.trim();
                if !r.is_empty() {
                    return Some((is_q, r));
                }
            }
        }
    }
    None
}

/// A closing quote or bracket (or Markdown emphasis) that may follow sentence punctuation
/// and does not change how the sentence ends: `「好。」`, `(see above.)`, `**Done.**`. (Not a
/// closing *heading*: that is `sections::is_closing_heading`.)
pub(crate) fn is_closing_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | '」'
            | '』'
            | ')'
            | '）'
            | ']'
            | '】'
            | '》'
            | '〉'
            | '〕'
            | '*'
            | '_'
    )
}

/// Last character that is not whitespace nor a closing mark ([`is_closing_mark`]).
pub(crate) fn last_significant(s: &str) -> Option<char> {
    s.chars()
        .rev()
        .find(|&c| !c.is_whitespace() && !is_closing_mark(c))
}

/// True when `s` ends like a finished sentence (。.!！;；…), optionally also `?`/`？` and `:`/`：`.
pub(crate) fn ends_terminal(s: &str, question: bool, colon: bool) -> bool {
    match last_significant(s) {
        Some('。' | '.' | '!' | '！' | ';' | '；' | '…' | '．' | '｡') => true,
        Some('?' | '？') => question,
        Some(':' | '：') => colon,
        _ => false,
    }
}

/// True when `s` ends with `?` or `？`, whitespace and closing marks after it ignored
/// ([`is_closing_mark`]: `什麼是「客服」？」`, `(Why?)`, `**Why?**`). The one test of a question
/// line, for cleaning and sectioning alike.
pub(crate) fn ends_question(s: &str) -> bool {
    matches!(last_significant(s), Some('?' | '？'))
}

/// Bracket pairs a heading opens and closes on its line.
const PAIRS: &[(char, char)] = &[
    ('(', ')'),
    ('（', '）'),
    ('[', ']'),
    ('【', '】'),
    ('「', '」'),
    ('『', '』'),
    ('«', '»'),
];

/// False when a bracket opens without closing or closes without opening, or curly double
/// quotes (“ ” „, paired differently from one language to the next) are odd in number: the
/// line was cut inside a parenthesis or quotation ("输入当前登录手机号(自动显示" /
/// "13xxxxxxxx)", "– Vào “Phần mềm” –> chọn “Kho & hàng tồn").
pub(crate) fn brackets_balanced(t: &str) -> bool {
    let pairs_close = PAIRS.iter().all(|&(open, close)| {
        let mut depth = 0i32;
        for c in t.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    });
    pairs_close && t.chars().filter(|c| matches!(c, '“' | '”' | '„')).count() % 2 == 0
}

/// A line wholly inside one pair of parentheses: an aside to the text around it
/// ("(若是於周末下單,配送可能會多出1-2個工作日)"), never a heading.
fn is_aside(t: &str) -> bool {
    let inner = (t.strip_prefix('(').and_then(|r| r.strip_suffix(')')))
        .or_else(|| t.strip_prefix('（').and_then(|r| r.strip_suffix('）')));
    inner.is_some_and(brackets_balanced)
}

/// A short label and a long number: a page's reference, not a heading ("ID 96933",
/// "No. #360012345"; "Error 10001" stays one). A number alone has no letter, so no heading.
fn is_reference_number(t: &str) -> bool {
    let mut words = t.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(label), Some(n), None) => {
            let digits = n.trim_start_matches(['#', '№']);
            digits.len() >= 5
                && digits.bytes().all(|b| b.is_ascii_digit())
                && label.trim_end_matches([':', '.']).chars().count() <= 3
        }
        _ => false,
    }
}

/// A short line shaped like a heading: ≤ 80 columns and ≤ 12 words, has letters, no final
/// sentence punctuation (nor `?`, `:`), not a list item, not starting with a lowercase word.
pub(crate) fn heading_shaped(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty()
        || t.len() > 4 * MAX_HEADING_WIDTH
        || list_marker(t).is_some()
        || qa_prefix(t).is_some()
    {
        return false;
    }
    let t = heading_text(t);
    if wider_than(t, MAX_HEADING_WIDTH) || t.split_whitespace().count() > MAX_HEADING_WORDS {
        return false;
    }
    if !t.chars().any(char::is_alphabetic)
        || ends_terminal(t, true, true)
        || t.ends_with([',', '，', '、'])
        || !brackets_balanced(t)
        || is_aside(t)
        || is_reference_number(t)
    {
        return false;
    }
    if let Some(w) = t.split_whitespace().next()
        && let Some(c) = w.chars().find(|c| c.is_alphabetic())
        && c.is_lowercase()
        && !w.chars().any(char::is_uppercase)
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_than_agrees_with_the_display_width() {
        for text in [
            "",
            "Refund policy",
            "退款政策與流程",
            "Chính sách hoàn tiền",
            "ＡＢＣ abc",
        ] {
            let width = display_width(text);
            for max in 0..width + 3 {
                assert_eq!(wider_than(text, max), width > max, "{text} {max}");
            }
        }
    }
}
