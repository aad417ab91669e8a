//! Sectioning: a cleaned body → passages along its headings, with FAQ pairs.
//!
//! [`split_sections`] reads a body produced by [`super::clean::clean`] (light Markdown) and cuts
//! it into passages, each with the path of headings above it (outermost first, never the article
//! title). The rules:
//!
//! 1. **Explicit headings**: `#`…`######` lines; their level gives the nesting (a stack: a
//!    heading pops every heading of the same or a deeper level). When a body has any explicit
//!    heading, plain-line heading detection is off.
//! 2. **Plain-text headings** (bodies without `#`): a line of ≤ 80 columns and ≤ 12 words, with
//!    letters, without final sentence punctuation (`。.!?;:,` and full-width forms), not starting
//!    with a lowercase word, that starts a paragraph (after a blank line, a heading, or a finished
//!    line, or a list item or a line too wide to be hard-wrapped: pages scraped without blank
//!    lines or final stops) and is followed by more text
//!    (not directly by a line starting in lowercase, which makes it the first line of a
//!    paragraph). Never a heading: an aside in parentheses, a line with an unclosed bracket
//!    or an odd number of curly quotes, a "Label: value" line next to another (a record), a
//!    short label with a long number ("ID 96933"). A short label line ending in `:` (≤ 30 columns,
//!    ≤ 4 words) followed by a question is a heading too ("相关问答FAQs:").
//! 3. **Nesting of plain headings** (two levels, deterministic): a heading *opens a level* when
//!    its own text is empty or ends with `:`/`：` (an intro announcing what follows, "以下是…:")
//!    and the next heading is a plain heading; the following plain headings are its children
//!    until the next opener (a sibling of it) or a *closing* heading (conclusion, summary, key
//!    takeaways, FAQ in our five languages: "結論", "Висновок", "Kết luận", "Key takeaways"…),
//!    which returns to the top level. Other headings are top-level.
//! 4. **List labels**: a list item `- Label: text` (label ≤ 64 columns, ≤ 8 words, no sentence
//!    punctuation; also `Label :` and `**Label:**`) is a sub-heading of its item: the passage has
//!    the heading path `[…, "Label"]` and the text after the colon; lines continuing the item
//!    (no blank line, not a list item) and its sub-items (indented deeper) stay with it.
//!    Unlabelled items stay in their section.
//! 5. **FAQ**: a question — a line ending in `?`/`？` that starts a paragraph, or a line with a
//!    question prefix (`问:`, `问：`, `問:`, `Q:`, `Question:`, `Питання:`, `Hỏi:`…) — followed by a
//!    line that is not a question is a [`PassageKind::Faq`] passage: heading path = current path +
//!    the question (prefix stripped), text = the answer (every line up to the next heading or
//!    question; an answer prefix `答:`, `A:`, `Відповідь:`, `Trả lời:`… is stripped). An explicit
//!    heading ending in `?` directly followed by text is a question too.
//! 6. **Code**: lines inside ```` ``` ```` fences are never headings, questions or labels; a
//!    block is one line of its section's passage (its fences dropped, indentation kept), cut
//!    between its lines only when it is longer than a passage.
//! 7. **Steps**: consecutive sections under one parent whose headings are the same but for
//!    their number ("Bước 1", "Bước 2"; "第一步", "第二步") are one section of the parent, each
//!    step's heading a line of its text, after the parent's own text ("Đối với iOS:").
//! 8. **Sizes**: a section's lines form one passage when it fits in [`MAX_PASSAGE_CHARS`]; longer
//!    sections are cut at line boundaries, then at sentence boundaries
//!    ([`super::sentences::split_sentences`]) into balanced passages ≤ the max; a single sentence over
//!    the max is cut at the last `,，、;；:：` or space before the limit (or, failing that, at the
//!    last character that does not split a combining sequence). A passage under [`MIN_PASSAGE_CHARS`] is merged into a neighbour of the
//!    same section when the result still fits. Every passage has non-empty text; a heading with
//!    no text of its own yields no passage. Linear time, no panics.

use super::sentences::sentence_spans;
use super::text::{
    brackets_balanced, ends_question, ends_terminal, explicit_heading, heading_shaped, list_marker,
    qa_prefix, wider_than,
};

/// Whether a passage is a section of the article or a question/answer pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// Text under a heading (or before the first heading).
    Section,
    /// The answer to a question; the question ends the heading path.
    Faq,
}

impl PassageKind {
    /// The kind's name as stored in an index (`section`, `faq`).
    pub fn name(self) -> &'static str {
        match self {
            PassageKind::Section => "section",
            PassageKind::Faq => "faq",
        }
    }
}

/// One answer unit of an article.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Headings above this text, outermost first; NOT including the article title.
    pub heading_path: Vec<String>,
    /// The passage text (never empty, at most [`MAX_PASSAGE_CHARS`] characters).
    pub text: String,
    /// Section or FAQ answer.
    pub kind: PassageKind,
}

/// Longest passage, in characters; longer sections are split at sentence boundaries.
pub const MAX_PASSAGE_CHARS: usize = 700;
/// Shortest passage, in characters, that is not merged into a neighbour of the same section.
pub const MIN_PASSAGE_CHARS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Blank,
    Code,
    Heading(usize),
    Plain,
    Question,
    List,
    Text,
}

/// Headings that close an article's body (conclusion, summary, key takeaways, FAQ): they end
/// an open level of plain headings (rule 3 of the module docs).
const CLOSING_HEADINGS: &[&str] = &[
    "conclusion",
    "conclusions",
    "summary",
    "in summary",
    "final thoughts",
    "key takeaways",
    "takeaways",
    "faq",
    "faqs",
    "frequently asked questions",
    "common questions",
    "结论",
    "結論",
    "总结",
    "總結",
    "小结",
    "小結",
    "常见问题",
    "常見問題",
    "висновок",
    "висновки",
    "підсумок",
    "підсумки",
    "часті питання",
    "поширені запитання",
    "типові питання",
    "найпоширеніші запитання",
    "найчастіші запитання",
    "часто задаваемые вопросы",
    "häufige fragen",
    "kết luận",
    "tóm tắt",
    "tổng kết",
    "câu hỏi thường gặp",
    "những điểm chính",
];

/// A heading that starts with, ends with or is one of [`CLOSING_HEADINGS`] (any case).
pub(crate) fn is_closing_heading(h: &str) -> bool {
    let l = h.to_lowercase();
    CLOSING_HEADINGS
        .iter()
        .any(|c| l == *c || l.starts_with(c) || l.ends_with(c))
}

fn is_label_line(t: &str) -> bool {
    let t = t.trim();
    (t.ends_with(':') || t.ends_with('：'))
        && list_marker(t).is_none()
        && qa_prefix(t).is_none()
        && !wider_than(t, 30)
        && t.split_whitespace().count() <= 4
        && t.chars().any(char::is_alphabetic)
}

fn heading_label(t: &str) -> String {
    let h = explicit_heading(t).map_or(t.trim(), |(_, h)| h);
    h.trim_end_matches([':', '：']).trim().to_string()
}

/// `(label, rest)` of a labelled list item text "Label: rest".
fn split_label(t: &str) -> Option<(String, &str)> {
    for (k, (i, c)) in t.char_indices().enumerate() {
        if k > 72 {
            return None;
        }
        if matches!(c, '。' | '!' | '?' | '！' | '？') {
            return None;
        }
        if c == ':' || c == '：' {
            let digit_before = t[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit());
            let digit_after = t[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit());
            // "12:30", "TryCatchScope::kFatal", a colon inside `code`: not a label's.
            let colon_after = t[i + c.len_utf8()..].starts_with([':', '：']);
            let colon_before = t[..i].ends_with([':', '：']);
            let in_code = t[..i].matches('`').count() % 2 == 1;
            if (digit_before && digit_after) || colon_after || colon_before || in_code {
                return None;
            }
            let label = t[..i].trim().trim_matches(|c| c == '*' || c == '_').trim();
            let rest = t[i + c.len_utf8()..]
                .trim()
                .trim_start_matches(['*', '_'])
                .trim();
            if label.is_empty() || rest.is_empty() || rest.starts_with("//") {
                return None;
            }
            if wider_than(label, 64)
                || !brackets_balanced(label)
                || label.split_whitespace().count() > 8
                || !label.chars().any(char::is_alphabetic)
                || label
                    .chars()
                    .any(|c| matches!(c, '。' | '.' | ',' | '，' | ';' | '；'))
            {
                return None;
            }
            return Some((label.to_string(), rest));
        }
    }
    None
}

/// A question line's text (prefix stripped) and an inline answer ("问:…?答:…"), if any.
fn question_parts(t: &str) -> (String, Option<String>) {
    let q = qa_prefix(t).map_or(t.trim(), |(_, r)| r);
    for sep in ["答:", "答：", " A:", " A："] {
        if let Some(pos) = q.find(sep) {
            let (head, tail) = q.split_at(pos);
            let ans = tail[sep.len()..].trim();
            if ends_question(head) && !ans.is_empty() {
                return (head.trim().to_string(), Some(ans.to_string()));
            }
        }
    }
    (q.to_string(), None)
}

struct Acc {
    path: Vec<String>,
    kind: PassageKind,
    lines: Vec<String>,
}

/// Split a cleaned body into passages.
pub fn split_sections(body: &str) -> Vec<Section> {
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    // Code keeps its indentation.
    let raw_lines: Vec<&str> = body.lines().map(str::trim_end).collect();
    let n = lines.len();
    let mut code = vec![false; n];
    let mut in_fence = false;
    for i in 0..n {
        if lines[i].starts_with("```") || lines[i].starts_with("~~~") {
            code[i] = true;
            in_fence = !in_fence;
        } else {
            code[i] = in_fence;
        }
    }
    let explicit_mode = (0..n).any(|i| !code[i] && explicit_heading(lines[i]).is_some());
    let mut next_nb = vec![None; n];
    let mut nx = None;
    for i in (0..n).rev() {
        next_nb[i] = nx;
        if !lines[i].is_empty() || code[i] {
            nx = Some(i);
        }
    }
    let q_prefixed = |i: usize| !code[i] && matches!(qa_prefix(lines[i]), Some((true, _)));
    let q_shape = |i: usize| {
        !code[i]
            && (q_prefixed(i)
                || (list_marker(lines[i]).is_none()
                    && explicit_heading(lines[i]).is_none()
                    && qa_prefix(lines[i]).is_none()
                    && ends_question(lines[i])
                    && !wider_than(lines[i], 300)))
    };

    // A line directly followed by a line starting in lowercase is the start of a paragraph.
    let continues = |i: usize| {
        lines.get(i + 1).is_some_and(|nl| {
            !nl.is_empty()
                && list_marker(nl).is_none()
                && nl
                    .chars()
                    .find(|c| c.is_alphabetic())
                    .is_some_and(char::is_lowercase)
        })
    };

    // Lines "Label: value" in a row are a record (opening hours, a rate card, "金門縣 :
    // 金沙、金湖…"), never headings; a lone "Step 1: Create an account" may be one.
    let label_value =
        |k: usize| !code[k] && list_marker(lines[k]).is_none() && split_label(lines[k]).is_some();
    let in_label_value_run = |k: usize| {
        label_value(k) && ((k > 0 && label_value(k - 1)) || (k + 1 < n && label_value(k + 1)))
    };

    // 1. Roles.
    let mut roles = vec![Role::Blank; n];
    let mut prev_nb: Option<usize> = None;
    let mut prev_blank = true;
    for i in 0..n {
        let t = lines[i];
        if code[i] {
            roles[i] = Role::Code;
            prev_nb = Some(i);
            prev_blank = false;
            continue;
        }
        if t.is_empty() {
            prev_blank = true;
            continue;
        }
        let after_question = prev_nb
            .is_some_and(|p| roles[p] == Role::Question && question_parts(lines[p]).1.is_none());
        // A list item ends its line whether or not it ends a sentence ("- Open Settings" /
        // "How to cancel"): a line after it, at the margin, may start a section.
        let after_list_item = |p: usize| roles[p] == Role::List && raw_lines[i].len() == t.len();
        // A line too wide to be hard-wrapped is a whole paragraph, finished whether or not
        // the scraper kept its final stop.
        let after_paragraph = |p: usize| roles[p] == Role::Text && wider_than(lines[p], 100);
        let prev_ok = prev_blank
            || prev_nb.is_none_or(|p| {
                matches!(roles[p], Role::Heading(_) | Role::Plain)
                    || ends_terminal(lines[p], true, true)
                    || after_list_item(p)
                    || after_paragraph(p)
            });
        let next = next_nb[i];
        let answer_follows =
            next.is_some_and(|j| !q_shape(j) && !code[j] && explicit_heading(lines[j]).is_none());
        roles[i] = if after_question {
            if list_marker(t).is_some() {
                Role::List
            } else {
                Role::Text
            }
        } else if let Some((level, _)) = explicit_heading(t) {
            Role::Heading(level)
        } else if q_shape(i)
            && (q_prefixed(i) || prev_ok)
            && (answer_follows || question_parts(t).1.is_some())
        {
            Role::Question
        } else if list_marker(t).is_some() {
            Role::List
        } else if !explicit_mode
            && prev_ok
            && !t.contains("://")
            && !in_label_value_run(i)
            && ((next.is_some() && heading_shaped(t) && !continues(i))
                || (is_label_line(t) && next.is_some_and(q_shape)))
        {
            Role::Plain
        } else {
            Role::Text
        };
        prev_nb = Some(i);
        prev_blank = false;
    }

    // 2. Which plain headings open a level.
    let is_struct = |r: Role| matches!(r, Role::Heading(_) | Role::Plain | Role::Question);
    let mut opener = vec![false; n];
    {
        let mut next_struct: Option<usize> = None;
        let mut last_content: Option<usize> = None; // last non-blank line before next_struct
        for i in (0..n).rev() {
            if roles[i] == Role::Plain {
                let h = heading_label(lines[i]);
                let intro_ok = match last_content {
                    None => true,
                    Some(k) => roles[k] == Role::Text && lines[k].trim_end().ends_with([':', '：']),
                };
                let next_plain = next_struct.filter(|&j| roles[j] == Role::Plain);
                // A plain heading with nothing under it, followed by one that takes its place
                // (a sibling opener or a closing heading), would head no passage: its line is
                // text, never lost ("Anna Becker" over "Updated …", "Website: https://…").
                let replaced = next_plain.is_some_and(|j| {
                    opener[j]
                        || is_closing_heading(&h)
                        || is_closing_heading(&heading_label(lines[j]))
                });
                if last_content.is_none() && replaced {
                    roles[i] = Role::Text;
                } else {
                    opener[i] = !is_closing_heading(&h) && intro_ok && next_plain.is_some();
                }
            }
            if is_struct(roles[i]) {
                next_struct = Some(i);
                last_content = None;
            } else if roles[i] != Role::Blank && last_content.is_none() {
                last_content = Some(i);
            }
        }
    }

    // 3. Accumulate section texts.
    let mut accs: Vec<Acc> = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut open: Option<String> = None;
    let mut head_acc: Option<usize> = None;
    let mut faq_acc: Option<usize> = None;
    let mut label_acc: Option<usize> = None;
    // Indentation of the list item that opened `label_acc`: lines indented deeper, blank
    // lines between or not, are its sub-items.
    let mut label_indent = 0;
    let indent = |k: usize| raw_lines[k].len() - raw_lines[k].trim_start().len();
    // The passage line holding the code block being read: (acc, line).
    let mut code_block: Option<(usize, usize)> = None;
    let mut prev_blank = true;
    let new_acc = |accs: &mut Vec<Acc>, path: Vec<String>, kind: PassageKind| {
        accs.push(Acc {
            path,
            kind,
            lines: Vec::new(),
        });
        accs.len() - 1
    };
    for i in 0..n {
        let t = lines[i];
        match roles[i] {
            Role::Blank => {
                prev_blank = true;
                continue;
            }
            Role::Heading(level) => {
                let h = heading_label(t);
                while stack.last().is_some_and(|(l, _)| *l >= level) {
                    stack.pop();
                }
                head_acc = None;
                faq_acc = None;
                label_acc = None;
                let text_follows = next_nb[i].is_some_and(|j| !is_struct(roles[j]));
                if ends_question(&h) && text_follows {
                    path = stack.iter().map(|(_, s)| s.clone()).collect();
                    let mut p = path.clone();
                    p.push(h);
                    faq_acc = Some(new_acc(&mut accs, p, PassageKind::Faq));
                } else {
                    stack.push((level, h));
                    path = stack.iter().map(|(_, s)| s.clone()).collect();
                }
            }
            Role::Plain => {
                let h = heading_label(t);
                path = if is_closing_heading(&h) {
                    open = None;
                    vec![h]
                } else if opener[i] {
                    open = Some(h.clone());
                    vec![h]
                } else if let Some(o) = &open {
                    vec![o.clone(), h]
                } else {
                    vec![h]
                };
                head_acc = None;
                faq_acc = None;
                label_acc = None;
            }
            Role::Question => {
                let (q, inline) = question_parts(t);
                let mut p = path.clone();
                p.push(q);
                let f = new_acc(&mut accs, p, PassageKind::Faq);
                if let Some(a) = inline {
                    accs[f].lines.push(a);
                }
                faq_acc = Some(f);
                label_acc = None;
            }
            Role::Code => {
                label_acc = None;
                if t.starts_with("```") || t.starts_with("~~~") {
                    code_block = None; // fences open and close a block, and are not text
                    continue;
                }
                let acc = match (faq_acc, head_acc) {
                    (Some(a), _) | (None, Some(a)) => a,
                    (None, None) => {
                        let h = new_acc(&mut accs, path.clone(), PassageKind::Section);
                        head_acc = Some(h);
                        h
                    }
                };
                match code_block.filter(|(a, _)| *a == acc) {
                    Some((a, l)) => {
                        let line = &mut accs[a].lines[l];
                        line.push('\n');
                        line.push_str(raw_lines[i]);
                    }
                    None => {
                        accs[acc].lines.push(raw_lines[i].to_string());
                        code_block = Some((acc, accs[acc].lines.len() - 1));
                    }
                }
            }
            Role::Text | Role::List => {
                if let Some(f) = faq_acc {
                    let a = match qa_prefix(t) {
                        Some((false, rest)) if roles[i] == Role::Text => rest,
                        _ => t,
                    };
                    accs[f].lines.push(a.to_string());
                } else if let Some((label, rest)) = (roles[i] == Role::List)
                    .then(|| split_label(&t[list_marker(t).unwrap_or(0)..]))
                    .flatten()
                {
                    let mut p = path.clone();
                    p.push(label);
                    let l = new_acc(&mut accs, p, PassageKind::Section);
                    accs[l].lines.push(rest.to_string());
                    label_acc = Some(l);
                    label_indent = indent(i);
                } else if let Some(l) = label_acc
                    .filter(|_| (roles[i] == Role::Text && !prev_blank) || indent(i) > label_indent)
                {
                    accs[l].lines.push(t.to_string());
                } else {
                    label_acc = None;
                    let h = match head_acc {
                        Some(h) => h,
                        None => {
                            let h = new_acc(&mut accs, path.clone(), PassageKind::Section);
                            head_acc = Some(h);
                            h
                        }
                    };
                    accs[h].lines.push(t.to_string());
                }
            }
        }
        prev_blank = false;
    }

    // 4. Passages.
    let mut out = Vec::new();
    for acc in merge_steps(accs) {
        for text in pack(&acc.lines) {
            out.push(Section {
                heading_path: acc.path.clone(),
                text,
                kind: acc.kind,
            });
        }
    }
    out
}

/// A heading that numbers a step: its label without its digits or CJK numerals, when it
/// has some ("Bước 2" → "Bước ", "Step 3" → "Step ", "第二步" → "第步").
fn step_stem(label: &str) -> Option<String> {
    const CJK_NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let is_number = |c: char| c.is_ascii_digit() || CJK_NUMERALS.contains(&c);
    let stem: String = label.chars().filter(|&c| !is_number(c)).collect();
    (stem.len() < label.len()
        && stem.chars().any(char::is_alphabetic)
        && label.split_whitespace().count() <= 3)
        .then_some(stem)
}

/// Consecutive sections whose headings number the steps of one procedure under the same
/// parent ("… › Bước 1", "… › Bước 2", …; each heading another number) become one section
/// of the parent: a step on its own says little, the procedure answers. Each step's heading
/// stays as the first line of its text.
fn merge_steps(accs: Vec<Acc>) -> Vec<Acc> {
    let stem = |a: &Acc| {
        (a.kind == PassageKind::Section)
            .then(|| a.path.last().and_then(|l| step_stem(l)))
            .flatten()
    };
    let mut out: Vec<Acc> = Vec::with_capacity(accs.len());
    let mut run: Vec<Acc> = Vec::new();
    let flush = |run: &mut Vec<Acc>, out: &mut Vec<Acc>| {
        if run.len() < 2 {
            out.append(run);
            return;
        }
        let parent = run[0].path[..run[0].path.len() - 1].to_vec();
        let mut lines = Vec::new();
        for step in run.drain(..) {
            lines.push(step.path.last().cloned().unwrap_or_default());
            lines.extend(step.lines);
        }
        // The parent's own text just before the steps introduces them ("For iOS:").
        match out.last_mut() {
            Some(last) if last.kind == PassageKind::Section && last.path == parent => {
                last.lines.extend(lines);
            }
            _ => out.push(Acc {
                path: parent,
                kind: PassageKind::Section,
                lines,
            }),
        }
    };
    for acc in accs {
        let s = stem(&acc);
        let continues = s.is_some()
            && run.last().is_some_and(|last| {
                stem(last) == s
                    && last.path.last() != acc.path.last()
                    && last.path[..last.path.len() - 1] == acc.path[..acc.path.len() - 1]
            });
        if !continues {
            flush(&mut run, &mut out);
        }
        if s.is_some() {
            run.push(acc);
        } else {
            out.push(acc);
        }
    }
    flush(&mut run, &mut out);
    out
}

struct Unit {
    line: usize,
    s: usize,
    e: usize,
    chars: usize,
}

fn push_piece(text: &str, base: usize, a: usize, b: usize, line: usize, out: &mut Vec<Unit>) {
    let piece = &text[base + a..base + b];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let s = base + a + lead;
    out.push(Unit {
        line,
        s,
        e: s + trimmed.len(),
        chars: trimmed.chars().count(),
    });
}

/// Characters that continue the previous one (combining marks, joiners, selectors, emoji
/// modifiers, Hangul medial/final jamo): a cut never goes right before them.
fn is_extend(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06DC | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0962..=0x0963 | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x1160..=0x11FF
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF | 0x302A..=0x302F
        | 0x3099..=0x309A | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF
        | 0xE0020..=0xE007F | 0xE0100..=0xE01EF)
}

/// Cuts one over-long sentence `text[s..e]` into pieces ≤ the max: at the last soft break
/// (`,，、;；:：` or a space) in the last two thirds of the piece, else at the last character
/// boundary that does not split a combining sequence.
fn hard_split(text: &str, s: usize, e: usize, line: usize, out: &mut Vec<Unit>) {
    let seg = &text[s..e];
    let mut start = 0;
    let mut count = 0;
    let mut last_break: Option<(usize, usize)> = None;
    let mut last_boundary: Option<(usize, usize)> = None;
    let mut prev: Option<char> = None;
    for (ci, c) in seg.char_indices() {
        let boundary = !is_extend(c) && prev != Some('\u{200D}');
        if count >= MAX_PASSAGE_CHARS {
            let (cut, cut_chars) = match (last_break, last_boundary) {
                (Some((b, bc)), _) if bc * 3 >= MAX_PASSAGE_CHARS => (b, bc),
                (_, _) if boundary => (ci, count),
                (_, Some((b, bc))) if bc > 0 => (b, bc),
                _ => (ci, count),
            };
            push_piece(text, s, start, cut, line, out);
            start = cut;
            count -= cut_chars;
            last_break = None;
            last_boundary = None;
        }
        if boundary {
            last_boundary = Some((ci, count));
        }
        count += 1;
        if c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | ':' | '：') {
            last_break = Some((ci + c.len_utf8(), count));
        }
        prev = Some(c);
    }
    push_piece(text, s, start, seg.len(), line, out);
}

/// Packs the lines of one section into passages ≤ the max (balanced), merging tiny ones.
fn pack(lines: &[String]) -> Vec<String> {
    let mut units: Vec<Unit> = Vec::new();
    for (li, l) in lines.iter().enumerate() {
        let c = l.chars().count();
        if c == 0 {
            continue;
        }
        if c <= MAX_PASSAGE_CHARS {
            units.push(Unit {
                line: li,
                s: 0,
                e: l.len(),
                chars: c,
            });
            continue;
        }
        if l.contains('\n') {
            // A code block longer than a passage: cut between its lines.
            let mut s = 0;
            for code_line in l.split('\n') {
                let e = s + code_line.len();
                let chars = code_line.chars().count();
                if chars > MAX_PASSAGE_CHARS {
                    hard_split(l, s, e, li, &mut units);
                } else if chars > 0 {
                    units.push(Unit {
                        line: li,
                        s,
                        e,
                        chars,
                    });
                }
                s = e + 1;
            }
            continue;
        }
        for (s, e) in sentence_spans(l) {
            let sc = l[s..e].chars().count();
            if sc <= MAX_PASSAGE_CHARS {
                units.push(Unit {
                    line: li,
                    s,
                    e,
                    chars: sc,
                });
            } else {
                hard_split(l, s, e, li, &mut units);
            }
        }
    }
    if units.is_empty() {
        return Vec::new();
    }
    let sep = |a: &Unit, b: &Unit| {
        if a.line == b.line {
            lines[a.line][a.e..b.s].chars().count()
        } else {
            1
        }
    };
    let mut total = units[0].chars;
    for k in 1..units.len() {
        total += sep(&units[k - 1], &units[k]) + units[k].chars;
    }
    let parts = total.div_ceil(MAX_PASSAGE_CHARS).max(1);
    let target = total.div_ceil(parts);
    let mut chunks: Vec<(usize, usize, usize)> = Vec::new();
    let (mut start, mut len) = (0, units[0].chars);
    for k in 1..units.len() {
        let add = sep(&units[k - 1], &units[k]) + units[k].chars;
        if len + add > MAX_PASSAGE_CHARS || len >= target {
            chunks.push((start, k, len));
            start = k;
            len = units[k].chars;
        } else {
            len += add;
        }
    }
    chunks.push((start, units.len(), len));
    let mut merged: Vec<(usize, usize, usize)> = Vec::with_capacity(chunks.len());
    for c in chunks {
        if let Some(last) = merged.last_mut() {
            let joined = last.2 + sep(&units[last.1 - 1], &units[c.0]) + c.2;
            if (c.2 < MIN_PASSAGE_CHARS || last.2 < MIN_PASSAGE_CHARS)
                && joined <= MAX_PASSAGE_CHARS
            {
                *last = (last.0, c.1, joined);
                continue;
            }
        }
        merged.push(c);
    }
    merged
        .into_iter()
        .map(|(a, b, _)| {
            let mut s = String::new();
            for k in a..b {
                let u = &units[k];
                if k > a {
                    let p = &units[k - 1];
                    if p.line == u.line {
                        s.push_str(&lines[u.line][p.e..u.s]);
                    } else {
                        s.push('\n');
                    }
                }
                s.push_str(&lines[u.line][u.s..u.e]);
            }
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::clean::{ChromeModel, clean};
    use super::*;

    use crate::ingest::seed_fixtures::{S0, S1, S2, S3, S4, SEEDS};

    fn run(src: &str) -> Vec<Section> {
        let m = ChromeModel::learn(SEEDS);
        split_sections(&clean(src, None, &m).body)
    }

    fn paths(ps: &[Section]) -> Vec<String> {
        ps.iter().map(|p| p.heading_path.join(" > ")).collect()
    }

    fn find<'a>(ps: &'a [Section], path: &[&str]) -> Vec<&'a Section> {
        ps.iter().filter(|p| p.heading_path == path).collect()
    }

    fn one<'a>(ps: &'a [Section], path: &[&str]) -> &'a Section {
        let f = find(ps, path);
        assert_eq!(
            f.len(),
            1,
            "expected one passage at {path:?}, got {}: {:#?}",
            f.len(),
            paths(ps)
        );
        f[0]
    }

    const JUNK: &[&str] = &[
        "Back to Reference",
        "Most popular",
        "Search everything",
        "Watch a demo",
        "min read",
        "\\n",
        "Learn more tools",
        "Повернутися до посилання",
        "Найпопулярніше",
        "Шукайте все",
        "Переглянути демо",
        "хв на читання",
        "May 6, 2025",
        "July 13, 2025",
        "June 18, 2025",
        "相关推荐",
        "南京屹丰公司",
        "取消评论",
        "上一篇",
        "回答于",
        "本月热门",
        "🔑",
        "Nây gí rìn",
        "chầ5c",
    ];

    fn common_checks(ps: &[Section]) {
        assert!(!ps.is_empty());
        for p in ps {
            assert!(
                !p.text.trim().is_empty(),
                "empty passage at {:?}",
                p.heading_path
            );
            assert!(
                p.text.chars().count() <= MAX_PASSAGE_CHARS,
                "too long at {:?}",
                p.heading_path
            );
            for j in JUNK {
                assert!(
                    !p.text.contains(j),
                    "{j:?} in passage {:?}: {}",
                    p.heading_path,
                    p.text
                );
                assert!(
                    !p.heading_path.iter().any(|h| h.contains(j)),
                    "{j:?} in heading path {:?}",
                    p.heading_path
                );
            }
            assert!(p.heading_path.iter().all(|h| !h.is_empty()));
        }
    }

    #[test]
    fn seed_000_sections() {
        let ps = run(S0);
        common_checks(&ps);
        let want: Vec<String> = [
            "引言", "責任", "責任 > 戰略規劃與實施", "責任 > 團隊管理與發展", "責任 > 流程優化", "責任 > 質量保證",
            "責任 > 預算管理", "責任 > 績效監控", "責任 > 客戶反饋管理", "責任 > 與其他部門的合作", "所需技能",
            "所需技能 > 領導力與管理", "所需技能 > 溝通", "所需技能 > 分析思維", "所需技能 > 問題解決", "所需技能 > 時間管理",
            "所需技能 > 情緒智力", "所需技能 > 技術能力", "工具和技術", "工具和技術 > 客戶關係管理 (CRM) 系統",
            "工具和技術 > 幫助台軟件", "工具和技術 > 分析和報告工具", "工具和技術 > 溝通平台", "工具和技術 > 質量保證工具",
            "工具和技術 > 知識庫管理系統", "職業發展路徑", "職業發展路徑 > 入門級職位", "職業發展路徑 > 中級職位",
            "職業發展路徑 > 客戶服務運營經理", "職業發展路徑 > 高級管理職位", "最佳實踐", "最佳實踐 > 持續學習和發展",
            "最佳實踐 > 促進以客戶為中心的文化", "最佳實踐 > 利用技術", "最佳實踐 > 有效的溝通", "最佳實踐 > 設定明確的目標和期望",
            "最佳實踐 > 以身作則", "結論",
            "Key takeaways > What are the key responsibilities of a Customer Service Operations Manager?",
            "Key takeaways > What skills are essential for a successful Customer Service Operations Manager?",
            "Key takeaways > What tools are commonly used by Customer Service Operations Managers in their work?",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(paths(&ps), want);
        assert!(
            one(&ps, &["責任", "戰略規劃與實施"])
                .text
                .starts_with("制定和執行戰略計劃以增強客戶服務運營。")
        );
        let faq = one(
            &ps,
            &[
                "Key takeaways",
                "What are the key responsibilities of a Customer Service Operations Manager?",
            ],
        );
        assert_eq!(faq.kind, PassageKind::Faq);
        assert!(faq.text.starts_with(
            "A Customer Service Operations Manager is responsible for overseeing daily operations"
        ));
        assert_eq!(ps.iter().filter(|p| p.kind == PassageKind::Faq).count(), 3);
        assert_eq!(
            one(&ps, &["最佳實踐", "促進以客戶為中心的文化"]).text,
            "促進優先考慮客戶滿意度的文化。鼓勵團隊成員將客戶放在首位,並竭盡所能解決他們的問題。"
        );
        assert!(
            one(&ps, &["結論"])
                .text
                .contains("邁出通向有意義和影響力的職業生涯的第一步。")
        );
    }

    #[test]
    fn seed_001_sections() {
        let ps = run(S1);
        common_checks(&ps);
        let intro = find(&ps, &[]);
        assert!(
            intro.len() >= 4,
            "long paragraphs must be split: {}",
            intro.len()
        );
        assert!(intro.iter().all(|p| p.kind == PassageKind::Section));
        // Nothing of lines 1–10 is lost or reordered.
        let joined: String = intro
            .iter()
            .map(|p| p.text.as_str())
            .collect::<String>()
            .split_whitespace()
            .collect();
        let want: String = S1
            .lines()
            .take(10)
            .collect::<String>()
            .split_whitespace()
            .collect();
        assert_eq!(joined, want);
        // Split at sentence boundaries: every passage ends a sentence.
        for p in &intro {
            assert!(
                p.text.ends_with(['。', ';', '；']),
                "cut inside a sentence: …{}",
                p.text.chars().rev().take(20).collect::<String>()
            );
        }
        let q1 = one(&ps, &["相关问答FAQs", "客服经理需要具备哪些核心技能?"]);
        assert_eq!(q1.kind, PassageKind::Faq);
        assert!(
            q1.text
                .starts_with("客服经理需具备核心技能包括:出色的沟通与协调能力")
        );
        assert!(q1.text.ends_with("也尤为重要。"));
        let q2 = one(&ps, &["相关问答FAQs", "如何提升客户服务团队的满意度评分?"]);
        assert!(q2.text.ends_with("从源头减少客户不满。"));
        assert_eq!(ps.iter().filter(|p| p.kind == PassageKind::Faq).count(), 2);
    }

    #[test]
    fn seed_002_sections() {
        let ps = run(S2);
        common_checks(&ps);
        assert!(one(&ps, &["引言"]).text.starts_with(
            "客戶服務團隊負責人在確保公司客戶服務部門有效且高效運作方面發揮著關鍵作用。"
        ));
        assert!(
            one(&ps, &["責任"])
                .text
                .ends_with("以下是通常分配給這一角色的主要職責:")
        );
        assert_eq!(
            one(&ps, &["責任", "團隊管理"]).text,
            "監督日常運作,管理團隊日程,分配任務,確保在所有業務時間內有足夠的人力配置。"
        );
        assert!(
            one(&ps, &["所需技能", "耐心"])
                .text
                .starts_with("在與困難或憤怒客戶打交道時")
        );
        assert!(
            one(&ps, &["工具和技術", "培訓軟體"])
                .text
                .starts_with("學習管理系統(LMS)")
        );
        let career = one(&ps, &["職業道路和成長"]).text.clone();
        assert!(
            career.contains("這裡來看看潛在的職業路徑:")
                && career.contains("成長和晉升的機會取決於個人的表現")
        );
        assert!(
            one(&ps, &["最佳實踐", "設定明確的目標"])
                .text
                .starts_with("為團隊建立清晰且可測量的目標")
        );
        assert!(one(&ps, &["結論"]).text.ends_with("尋求獲得職業機會。"));
        assert_eq!(
            find(&ps, &["責任"]).len()
                + ps.iter()
                    .filter(|p| p.heading_path.first().is_some_and(|h| h == "責任")
                        && p.heading_path.len() == 2)
                    .count(),
            11
        );
        assert!(ps.iter().all(|p| p.kind == PassageKind::Section));
        assert!(ps.iter().all(|p| p.heading_path.len() <= 2));
    }

    #[test]
    fn seed_003_sections() {
        let ps = run(S3);
        common_checks(&ps);
        let intro = find(&ps, &["Увод"]);
        assert_eq!(
            intro.len(),
            2,
            "two paragraphs of 600 + 330 characters do not fit in one passage"
        );
        assert!(
            intro[0].text.contains("(CSPM) відіграє важливу роль")
                && intro[1]
                    .text
                    .ends_with("для забезпечення постійного покращення.")
        );
        assert!(
            one(&ps, &["Відповідальності"])
                .text
                .starts_with("Основні відповідальності менеджера")
        );
        assert!(
            one(&ps, &["Відповідальності", "Лідерство Команди"])
                .text
                .starts_with("Проводіть, мотивуйте та підтримуйте")
        );
        assert!(
            one(&ps, &["Необхідні навички", "Емпатія"])
                .text
                .starts_with("Розуміння та співчуття")
        );
        assert!(
            one(&ps, &["Найкращі практики", "Встановіть ясні цілі"])
                .text
                .starts_with("Визначте чіткі")
        );
        assert!(
            one(&ps, &["Шлях кар'єри та рісту", "Бічні переходи"])
                .text
                .contains("CSPM також можуть")
        );
        let concl = find(&ps, &["Висновок"]);
        let concl: String = concl.iter().map(|p| p.text.as_str()).collect();
        assert!(
            concl.contains("Роль менеджера продуктивності")
                && concl.contains("станьте ключовим гравцем")
        );
        let faq: Vec<_> = ps.iter().filter(|p| p.kind == PassageKind::Faq).collect();
        assert_eq!(faq.len(), 3);
        assert_eq!(
            faq[0].heading_path,
            vec![
                "Основні висновки",
                "Які є ключові відповідальності Менеджера результативності обслуговування клієнтів?"
            ]
        );
        assert!(
            faq[0].text.starts_with(
                "Менеджер результативності обслуговування клієнтів відповідає за аналіз"
            )
        );
        assert!(faq[2].heading_path[1].starts_with("Які інструменти часто використовують"));
    }

    #[test]
    fn seed_004_sections() {
        let ps = run(S4);
        common_checks(&ps);
        let intro = one(&ps, &[]);
        assert!(
            intro
                .text
                .starts_with("Một Manager Quản lý Dịch vụ Khách hàng")
                && intro.text.contains("This role involves strategic planning")
        );
        assert!(
            one(&ps, &["Nhiệm vụ"])
                .text
                .ends_with("liên quan đến vai trò này:")
        );
        assert!(
            one(&ps, &["Nhiệm vụ", "Đào tạo và Chấp hành"])
                .text
                .starts_with("Phát triển và thực thi")
        );
        assert!(
            one(&ps, &["Kỹ năng cần thiết", "Giao tiếp"])
                .text
                .starts_with("Kỹ năng giao tiếp xuất sắc")
        );
        assert!(
            one(&ps, &["Công cụ và công nghệ", "Phần Mềm Trợ Giúp"])
                .text
                .contains("Freshdesk")
        );
        assert!(
            one(&ps, &["Đường sự nghiệp và phát triển", "Vị trí Cấp trung"])
                .text
                .contains("Trưởng nhóm")
        );
        assert!(
            one(
                &ps,
                &["Những phương pháp tốt nhất", "Làm gương Về Mặt hành vi"]
            )
            .text
            .starts_with("Hãy là một hình mẫu")
        );
        assert!(
            one(&ps, &["Kết luận"])
                .text
                .starts_with("Vai trò của một Quản lý")
        );
        let faq = one(
            &ps,
            &[
                "Key takeaways",
                "Những kỹ năng nào là cần thiết cho một Quản lý Hoạt động Dịch vụ Khách hàng thành công?",
            ],
        );
        assert_eq!(faq.kind, PassageKind::Faq);
        assert!(faq.text.starts_with("Ngoài ra, tập trung vào khách hàng"));
        assert_eq!(ps.iter().filter(|p| p.kind == PassageKind::Faq).count(), 3);
        assert_eq!(
            ps.iter()
                .filter(|p| p.heading_path.len() == 2 && p.heading_path[0] == "Nhiệm vụ")
                .count(),
            8
        );
    }

    #[test]
    fn seeds_nothing_lost_between_body_and_passages() {
        let m = ChromeModel::learn(SEEDS);
        for src in SEEDS {
            let body = clean(src, None, &m).body;
            let ps = split_sections(&body);
            let all: String = ps
                .iter()
                .flat_map(|p| {
                    p.heading_path
                        .iter()
                        .map(String::as_str)
                        .chain([p.text.as_str()])
                })
                .collect::<String>()
                .split_whitespace()
                .collect();
            for line in body.lines() {
                let line = line.trim_start().trim_start_matches("- ");
                let line = qa_prefix(line).map_or(line, |(_, r)| r);
                for sentence in super::super::sentences::split_sentences(line) {
                    let s: String = sentence.split_whitespace().collect();
                    let s = s.trim_end_matches([':', '：']);
                    let ok = all.contains(s)
                        || split_label(sentence).is_some_and(|(l, r)| {
                            all.contains(&l.split_whitespace().collect::<String>())
                                && all.contains(&r.split_whitespace().collect::<String>())
                        });
                    assert!(ok, "lost: {sentence}");
                }
            }
        }
    }

    #[test]
    fn unseen_site_passages() {
        let a = "Zurück zur Übersicht\nChuyển đến nội dung\nHilfe-Center Pro\nKostenlos testenDemo buchen\n12 phút đọc\n\nWie ändere ich mein Passwort?\n\nÜberblick\n\nDie Sitzung läuft nach 12 Minuten ab. Melden Sie sich erneut an, um fortzufahren.\n\nSchritte\n\nFolgen Sie diesen Schritten:\n\n- Einstellungen: Öffnen Sie die Einstellungen oben rechts.\n- Sicherheit: Klicken Sie auf Passwort ändern.\n\nHäufige Fragen\n\nWas tun, wenn ich mein Passwort vergessen habe?\n\nNutzen Sie den Link Passwort vergessen auf der Anmeldeseite.\n\nBài viết liên quan\n- Wie lösche ich mein Konto?\n- Wie exportiere ich Daten?\nLeave a comment\nName*\nEmail*\n";
        let b = "Zurück zur Übersicht\nChuyển đến nội dung\nHilfe-Center Pro\n阅读时间 5 分钟\n\n如何导出数据?\n\nÜberblick\n\n在设置页面中选择导出,然后选择文件格式并确认。\n";
        let m = ChromeModel::learn([a, b]);
        let c = clean(a, None, &m);
        assert_eq!(c.title.as_deref(), Some("Wie ändere ich mein Passwort?"));
        let ps = split_sections(&c.body);
        assert_eq!(
            paths(&ps),
            vec![
                "Überblick",
                "Schritte",
                "Schritte > Einstellungen",
                "Schritte > Sicherheit",
                "Häufige Fragen > Was tun, wenn ich mein Passwort vergessen habe?"
            ]
        );
        assert_eq!(ps[4].kind, PassageKind::Faq);
        assert_eq!(
            ps[4].text,
            "Nutzen Sie den Link Passwort vergessen auf der Anmeldeseite."
        );
        for p in &ps {
            for junk in [
                "Zurück zur Übersicht",
                "Chuyển",
                "Hilfe-Center",
                "Demo buchen",
                "phút",
                "liên quan",
                "lösche",
                "comment",
                "Name*",
            ] {
                assert!(
                    !p.text.contains(junk) && !p.heading_path.iter().any(|h| h.contains(junk)),
                    "{junk}"
                );
            }
        }
        assert!(
            ps[0]
                .text
                .starts_with("Die Sitzung läuft nach 12 Minuten ab.")
        );
    }

    #[test]
    fn explicit_headings_nest_by_level() {
        let body = "Intro text before any heading.\n\n# Setup\n\nInstall it.\n\n## Windows\n\nRun the installer.\n\n### Silent mode\n\nUse /S.\n\n## macOS\n\nShort line\n\nDrag it to Applications.\n\n# Usage\n\nOpen it.";
        let ps = split_sections(body);
        assert_eq!(
            paths(&ps),
            vec![
                "",
                "Setup",
                "Setup > Windows",
                "Setup > Windows > Silent mode",
                "Setup > macOS",
                "Usage"
            ]
        );
        // Plain-line headings are off when explicit headings exist.
        assert_eq!(
            one(&ps, &["Setup", "macOS"]).text,
            "Short line\nDrag it to Applications."
        );
        let ps = split_sections(
            "## How do I reset my password?\n\nOpen Settings, then Security.\n\n## Other\n\nText.",
        );
        assert_eq!(ps[0].kind, PassageKind::Faq);
        assert_eq!(ps[0].heading_path, vec!["How do I reset my password?"]);
        assert_eq!(ps[0].text, "Open Settings, then Security.");
    }

    #[test]
    fn plain_heading_nesting_rule() {
        let body = "Overview\n\nThis tool does many things for your team every day.\n\nFeatures\n\nThe main features are:\n\nSync\n\nKeeps files in sync.\n\nShare\n\nShares files with others.\n\nPricing\n\nIt has the following plans:\n\nFree\n\nCosts nothing.\n\nConclusion\n\nTry it today.";
        let ps = split_sections(body);
        assert_eq!(
            paths(&ps),
            vec![
                "Overview",
                "Features",
                "Features > Sync",
                "Features > Share",
                "Pricing",
                "Pricing > Free",
                "Conclusion"
            ]
        );
        // A heading directly followed by a heading opens a level too.
        let ps = split_sections("Accounts\n\nCreate\n\nClick New.\n\nDelete\n\nClick Delete.");
        assert_eq!(paths(&ps), vec!["Accounts > Create", "Accounts > Delete"]);
        // Not headings: lowercase continuation, last line, lines inside a paragraph.
        let ps = split_sections("First line of a paragraph\nsecond line continues here\n\nEnd");
        assert_eq!(paths(&ps), vec![""]);
    }

    #[test]
    fn faq_prefixes_and_questions() {
        let body = "常见问题\n\n问：如何重置密码？\n答：打开设置，选择安全，然后点击重置。\n問:可以匯出資料嗎?\n答:可以,在設定中選擇匯出。\nQ: Is there an API?\nA: Yes, see the developer docs.\n问:支持哪些语言?答:中文、英文和越南语。\n\nЯк змінити мову?\n\nВідкрийте налаштування.\n\nLàm sao để xuất dữ liệu?\n\nVào phần cài đặt.";
        let ps = split_sections(body);
        let faq: Vec<_> = ps.iter().filter(|p| p.kind == PassageKind::Faq).collect();
        assert_eq!(faq.len(), 6, "{:#?}", ps);
        assert_eq!(faq[0].heading_path, vec!["常见问题", "如何重置密码？"]);
        assert_eq!(faq[0].text, "打开设置，选择安全，然后点击重置。");
        assert_eq!(faq[1].heading_path[1], "可以匯出資料嗎?");
        assert_eq!(faq[2].heading_path[1], "Is there an API?");
        assert_eq!(faq[2].text, "Yes, see the developer docs.");
        assert_eq!(faq[3].heading_path[1], "支持哪些语言?");
        assert_eq!(faq[3].text, "中文、英文和越南语。");
        assert_eq!(faq[4].heading_path, vec!["常见问题", "Як змінити мову?"]);
        assert_eq!(faq[5].text, "Vào phần cài đặt.");
        // A question with no answer is plain text.
        let ps = split_sections("Why?\n\nWhy not?");
        assert!(ps.iter().all(|p| p.kind == PassageKind::Section));
        // A question closed by quotes or brackets is a question, in any script (the same
        // test as cleaning's: 」 』 】 》 » ] and _ after the `?` used to make it text here).
        for question in [
            "「什麼是KPI？」",
            "『什麼是KPI?』",
            "**What is a KPI?**",
            "_What is a KPI?_",
        ] {
            let ps = split_sections(&format!("{question}\n\nA key performance indicator."));
            assert_eq!(ps[0].kind, PassageKind::Faq, "{question}: {ps:#?}");
            assert_eq!(ps[0].heading_path, [question], "{ps:#?}");
        }
    }

    #[test]
    fn code_blocks_stay_whole_and_never_make_headings() {
        let body = "## Створення Podʼа\n\nОсь приклад маніфесту:\n\n```\n# Pod з одним контейнером\n\
apiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.14.2\n```\n\n\
Застосуйте його командою kubectl apply.";
        let ps = split_sections(body);
        assert_eq!(paths(&ps), ["Створення Podʼа"], "{ps:#?}");
        assert_eq!(
            ps[0].text,
            "Ось приклад маніфесту:\n# Pod з одним контейнером\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx\n\
spec:\n  containers:\n  - name: nginx\n    image: nginx:1.14.2\nЗастосуйте його командою kubectl apply."
        );
        // A code block longer than a passage is cut between its lines, indentation kept.
        let long: String = (0..60)
            .map(|i| format!("  - name: container-{i}\n"))
            .collect();
        let ps = split_sections(&format!("## 容器\n\n```\n{long}```"));
        assert!(
            ps.len() > 1 && ps.iter().all(|p| p.heading_path == ["容器"]),
            "{ps:#?}"
        );
        let joined: Vec<&str> = ps.iter().flat_map(|p| p.text.lines()).collect();
        assert_eq!(joined, long.lines().collect::<Vec<_>>());
    }

    #[test]
    fn list_labels_are_subheadings() {
        let body = "Skills\n\nYou need these:\n\n- Team management: Oversee daily work.\n  More about teams here.\n- **Leadership:** Lead by example.\n- Plain item without label\n- Time 10:30 is not a label. Really.\n- `Isolate::Scope` is code, not a label\n- `a:b` holds a colon in code\n\nAfter the list.";
        let ps = split_sections(body);
        assert_eq!(
            paths(&ps),
            vec!["Skills", "Skills > Team management", "Skills > Leadership"]
        );
        assert_eq!(
            one(&ps, &["Skills", "Team management"]).text,
            "Oversee daily work.\nMore about teams here."
        );
        assert_eq!(one(&ps, &["Skills", "Leadership"]).text, "Lead by example.");
        let s = one(&ps, &["Skills"]).text.clone();
        assert!(
            s.contains("You need these:")
                && s.contains("- Plain item without label")
                && s.contains("After the list.")
                && s.contains("- `Isolate::Scope` is code, not a label")
                && s.contains("- `a:b` holds a colon in code")
        );
    }

    #[test]
    fn short_lines_with_nothing_under_them_are_never_lost() {
        // Label lines with links (a release post) and a byline left over above a section:
        // each would be a heading replaced by the next one, heading no passage.
        let body = "Anna Becker\nVor Kurzem geändert\nÜberblick\nSie können Ihr Passwort jederzeit ändern. Wählen Sie ein sicheres Passwort.\n\nWebsite: https://nodejs.org/\nDocumentation: https://nodejs.org/docs/\nWindows Installer: https://nodejs.org/dist/node-v0.10.1-x86.msi\nMacintosh Installer (Universal): https://nodejs.org/dist/node-v0.10.1.pkg\n\nShasums\n\nabc123 node-v0.10.1-x86.msi\n\nTryCatchScope::kFatal catches the error and the process exits.";
        let ps = split_sections(body);
        common_checks(&ps);
        let all: String = ps
            .iter()
            .map(|p| format!("{}\n{}\n", p.heading_path.join("\n"), p.text))
            .collect();
        for line in body.lines().filter(|l| !l.is_empty()) {
            assert!(all.contains(line), "lost: {line}\n{all}");
        }
        // A URL line is never a heading, nor a scope operator a label.
        assert!(
            ps.iter()
                .all(|p| p.heading_path.iter().all(|h| !h.contains("://")))
        );
        assert!(
            ps.iter()
                .all(|p| !p.heading_path.contains(&"TryCatchScope".to_string()))
        );
    }

    #[test]
    fn wiki_markup_headings_give_the_title_and_nest_the_sections() {
        // DokuWiki: more signs for a higher level; the six-sign heading is the title.
        let dokuwiki = "====== Як змінити пароль ======\n\nПароль можна змінити в налаштуваннях облікового запису.\n\n===== У вебверсії =====\n\nВідкрийте Налаштування і натисніть «Змінити пароль».\n\n==== Якщо забули старий пароль ====\n\nНатисніть «Забули пароль?» на сторінці входу.\n\n===== У застосунку =====\n\nВідкрийте Профіль, потім Безпека.";
        let m = ChromeModel::learn(SEEDS);
        let cleaned = clean(dokuwiki, None, &m);
        assert_eq!(cleaned.title.as_deref(), Some("Як змінити пароль"));
        let ps = split_sections(&cleaned.body);
        common_checks(&ps);
        assert!(one(&ps, &["У вебверсії"]).text.contains("Змінити пароль"));
        assert!(
            one(&ps, &["У вебверсії", "Якщо забули старий пароль"])
                .text
                .contains("сторінці входу"),
            "{:#?}",
            paths(&ps)
        );
        assert!(one(&ps, &["У застосунку"]).text.contains("Безпека"));
        // MediaWiki: as many levels as signs.
        let mediawiki = "重设密码\n\n忘记密码时，可以通过绑定的邮箱重设。\n\n== 网页版 ==\n\n点击登录页的“忘记密码”，按邮件中的链接设置新密码。\n\n=== 收不到邮件 ===\n\n请检查垃圾邮件文件夹，或十分钟后重新发送。\n\n== 手机应用 ==\n\n打开“我的”页面，选择“账号安全”。";
        let ps = run(mediawiki);
        common_checks(&ps);
        assert!(
            one(&ps, &["网页版", "收不到邮件"])
                .text
                .contains("垃圾邮件"),
            "{:#?}",
            paths(&ps)
        );
        assert!(one(&ps, &["手机应用"]).text.contains("账号安全"));
        assert!(ps.iter().all(|p| !p.text.contains("==")));
    }

    #[test]
    fn scraped_help_pages_sections_steps_records_and_sub_items() {
        // A service page scraped without blank lines: a heading right after a list item.
        // A heading after a paragraph whose final stop the scraper lost (a line too wide to
        // be hard-wrapped) starts a section too.
        let uk = "Додай безлім\nЗробіть у своєму тарифі безлімітний інтернет.\nЯк підключити\nВиберіть зручний спосіб:\n- Наберіть *939*1#\n- Перейдіть у Мій Київстар\nЯк відключити\nВиберіть зручний спосіб:\n- Наберіть *939*0#\n- Перейдіть у Мій Київстар\nКористування\nПослуга відключається в останній день місяця. То ж до кінця місяця знімається оплата та ви можете користуватися умовами безлімітного інтернету\nСкільки це коштує\n- Плата за послугу — 150 грн/міс";
        let ps = run(uk);
        common_checks(&ps);
        assert!(
            one(&ps, &["Як відключити"]).text.contains("*939*0#"),
            "{:#?}",
            paths(&ps)
        );
        assert!(
            one(&ps, &["Скільки це коштує"])
                .text
                .contains("150 грн/міс"),
            "{:#?}",
            paths(&ps)
        );
        // A hard-wrapped paragraph goes on across a capitalized line.
        let wrapped = "Billing\n\nThe invoice is sent on the first day of each month to the\nAcme Billing address on file for your account, and can be downloaded\nagain from the Invoices page.";
        let ps = run(wrapped);
        assert!(
            ps.len() == 1 && ps[0].text.contains("to the\nAcme Billing address"),
            "{ps:#?}"
        );
        // Steps under their own headings are one passage of the procedure, each heading kept.
        let vi = "Cách bật xác thực hai yếu tố\n\nXác thực hai yếu tố là một lớp bảo mật bổ sung cho tài khoản của bạn.\n\nCách bật trên điện thoại\n\nĐối với iOS:\n\nBước 1\n\nNhấn vào biểu tượng hồ sơ, sau đó nhấn Cài đặt.\n\nBước 2\n\nNhấn Tài khoản, sau đó nhấn Bảo mật.\n\nBước 3\n\nNhấn Xác thực hai yếu tố.";
        let ps = run(vi);
        common_checks(&ps);
        let steps = ps.iter().find(|p| p.text.contains("Bảo mật")).unwrap();
        assert!(
            steps.text.contains("Bước 1\n")
                && steps.text.contains("Cài đặt")
                && steps.text.contains("Bước 3\n"),
            "{:#?}",
            paths(&ps)
        );
        assert!(steps.heading_path.iter().all(|h| !h.starts_with("Bước")));
        // The line introducing the steps is in their passage.
        assert!(steps.text.starts_with("Đối với iOS:\nBước 1"), "{ps:#?}");
        // A record of "label : values" lines and a parenthesized aside are text, not headings;
        // nor is a line cut inside a parenthesis, or a reference number.
        let zh = "配送服務\n\n1. 本島配送需要2-3個工作日。\n2. 除下列外島送貨地址,其餘外島尚未提供配送服務。\n金門縣 : 金沙、金湖、金寧、金城\n連江縣 : 南竿、北竿、莒光、東引\n\n超商取貨\n\n1. 超商取貨僅限全家之門市。\n(若是於周末下單,配送可能會多出1-2個工作日)\n2. 超商取件不提供取貨付款服務。\n\n重置密码\n\n输入当前登录手机号(自动显示\n13xxxxxxxx)\n然后点击提交。\n\nID 96933\n\n密码至少8位。";
        let ps = run(zh);
        common_checks(&ps);
        let headings: Vec<&String> = ps.iter().flat_map(|p| &p.heading_path).collect();
        for h in &headings {
            assert!(
                !h.contains("金門縣")
                    && !h.starts_with('(')
                    && !h.contains("手机号")
                    && !h.contains("96933"),
                "{h} became a heading: {:#?}",
                paths(&ps)
            );
        }
        assert!(one(&ps, &["超商取貨"]).text.contains("不提供取貨付款服務"));
        // Sub-items of a labelled item stay in its passage, in Markdown and in scraped text.
        let en_text = "Top-up missing\n\nIf the bank took the money and the wallet shows nothing, the connection was unstable.\n\n- If there is no result: wait 30 minutes for the transfer.\n\n- If the result is a failure: we process it within 3 working days:\n\n     + If we received the money, it is added to the wallet.\n\n     + If not, it is refunded to the card within 7 working days.\n\n- If it succeeded: the money is in the wallet.";
        let ps = run(en_text);
        common_checks(&ps);
        let failure = one(&ps, &["If the result is a failure"]);
        assert!(failure.text.contains("refunded to the card"), "{:#?}", ps);
        let markdown = "# Top-up missing\n\nIntro about top-ups that went missing.\n\n- If there is no result: wait 30 minutes.\n- If the result is a failure: we process it:\n    - If we received the money, it is added to the wallet.\n    - If not, it is refunded within 7 days.\n- If it succeeded: done.\n";
        let parsed = crate::ingest::formats::parse(
            crate::ingest::formats::Format::Markdown,
            markdown.as_bytes(),
        )
        .unwrap();
        let ps = run(&parsed.articles[0].body);
        assert!(
            one(&ps, &["If the result is a failure"])
                .text
                .contains("refunded within 7 days"),
            "{:#?}",
            ps
        );
    }

    #[test]
    fn long_text_is_split_at_sentences_and_tiny_parts_merged() {
        let sentence = "这是一个用于测试的句子,它足够长,可以帮助我们检查切分逻辑是否正确。"; // 34 chars
        let para = sentence.repeat(60);
        let ps = split_sections(&format!("标题\n\n{para}"));
        assert!(ps.len() >= 3);
        for p in &ps {
            assert!(p.text.chars().count() <= MAX_PASSAGE_CHARS);
            assert!(p.text.chars().count() >= MIN_PASSAGE_CHARS);
            assert!(p.text.ends_with('。') && p.text.starts_with("这是"));
            assert_eq!(p.heading_path, vec!["标题"]);
        }
        assert_eq!(ps.iter().map(|p| p.text.as_str()).collect::<String>(), para);
        // One sentence longer than the max: cut at commas / spaces, nothing lost.
        let long = format!(
            "{}.",
            (0..300)
                .map(|i| format!("word{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let ps = split_sections(&long);
        assert!(ps.len() >= 3);
        assert!(
            ps.iter().all(
                |p| p.text.chars().count() <= MAX_PASSAGE_CHARS && p.text.ends_with([',', '.'])
            )
        );
        let back: String = ps
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(back, long);
        // No break at all: cut between characters, never inside a combining sequence.
        let ps = split_sections(&"ệ".repeat(2000));
        assert_eq!(
            ps.iter().map(|p| p.text.chars().count()).sum::<usize>(),
            2000
        );
        let decomposed = "e\u{323}\u{302}".repeat(700);
        let ps = split_sections(&decomposed);
        assert!(ps.len() >= 3);
        assert!(
            ps.iter()
                .all(|p| p.text.starts_with('e') && p.text.chars().count() <= MAX_PASSAGE_CHARS)
        );
        assert_eq!(
            ps.iter().map(|p| p.text.as_str()).collect::<String>(),
            decomposed
        );
        // A tiny trailing part is merged into its neighbour.
        let text = format!(
            "{} Tail end.",
            "Sentence number one is here. ".repeat(22).trim_end()
        );
        let ps = split_sections(&text);
        assert!(
            ps.iter()
                .all(|p| p.text.chars().count() >= MIN_PASSAGE_CHARS),
            "{:?}",
            ps.iter().map(|p| p.text.len()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn no_panic_on_tricky_input() {
        let big_line = "a".repeat(10 * 1024 * 1024);
        let big_cjk = "汉字,".repeat(500_000);
        let many_lines =
            "Heading\n\nSome text. More text!\n- item: value\n问:x?\n答:y\n".repeat(20_000);
        let inputs: Vec<String> = vec![
            String::new(),
            "\n\n\n".into(),
            "。。。!!!...???".into(),
            "🍕🍕🍕\n🔑".into(),
            "-".into(),
            "- ".into(),
            "#".into(),
            "# ".into(),
            "####### x".into(),
            "问:".into(),
            "答:".into(),
            "Q: a?\nA:".into(),
            "```\ncode\n".into(),
            "e\u{301}\u{301}\u{301}".into(),
            format!("a{}", "\u{301}".repeat(5000)),
            "?".into(),
            ":".into(),
            "- a:b".into(),
            "x:\n- y".into(),
            "Title\n\n# \n## h".into(),
            big_line,
            big_cjk,
            many_lines,
        ];
        for s in &inputs {
            let ps = split_sections(s);
            for p in &ps {
                assert!(!p.text.is_empty() && p.text.chars().count() <= MAX_PASSAGE_CHARS);
            }
        }
    }
}
