//! Step 3 of cleaning: the lead zone (everything before the first prose line), the title and the
//! date. Header blocks (a date or reading-time line with its neighbours), navigation, calls to
//! action and repeated site lines before the title are chrome; the title line leaves the body;
//! `updated` is the first date of the lead zone.

use std::collections::{HashMap, HashSet};

use super::chrome_model::{ChromeModel, chrome_key};
use super::dates::{Meta, meta_line};
use super::patterns::{
    byline_pattern, cta_pattern, footer_pattern, garbled, glued_buttons, nav_pattern, share_pattern,
};
use super::{Ctx, Ln, RemovalReason};
use crate::ingest::sections::is_closing_heading;
use crate::ingest::sentences::sentence_spans;
use crate::ingest::text::{
    display_width, ends_question, ends_terminal, explicit_heading, fold_width, heading_shaped,
    heading_text, is_wide, list_marker, qa_prefix, strip_decorative, wider_than,
};

/// Most non-blank lines of the lead zone.
const LEAD_MAX_LINES: usize = 60;

/// The `#` heading that is a page's title may be this far into the text from the first
/// prose line on (a banner above it), in non-blank lines, counting that line.
const H1_AFTER_BANNER_LINES: usize = 3;

/// Widest title, in columns.
const MAX_TITLE_WIDTH: usize = 200;

/// What the lead zone gave: the title, the date, and the keys of the chrome lines removed there
/// (a later echo of them at the end of the page is chrome too).
pub(super) struct Lead {
    pub(super) title: Option<String>,
    pub(super) updated: Option<String>,
    pub(super) header_keys: HashSet<String>,
}

/// A prose line ends the lead zone: a list item, code, a long line or a finished sentence.
fn is_prose(l: &Ln) -> bool {
    let t = l.text.as_str();
    if l.code || list_marker(t).is_some() || qa_prefix(t).is_some() {
        return true;
    }
    if explicit_heading(t).is_some() {
        return false;
    }
    if t.len() >= 480 {
        return true;
    }
    let w = display_width(t);
    if w >= 120 {
        return true;
    }
    ends_terminal(t, false, false) && (w >= 60 || sentence_spans(t).len() >= 2)
}

/// A lead-zone line that could be the title.
fn title_candidate(t: &str) -> bool {
    if t.len() > 4 * MAX_TITLE_WIDTH || list_marker(t).is_some() || qa_prefix(t).is_some() {
        return false;
    }
    let h = heading_text(t);
    if h.is_empty() || !h.chars().any(char::is_alphabetic) {
        return false;
    }
    if wider_than(h, MAX_TITLE_WIDTH) || h.split_whitespace().count() > 25 {
        return false;
    }
    if ends_terminal(h, false, true) || h.ends_with([',', '，', '、']) {
        return false;
    }
    meta_line(h).is_none()
        && !nav_pattern(h)
        && !cta_pattern(h)
        && !glued_buttons(h)
        && !garbled(h)
        && !footer_pattern(h)
        && !share_pattern(h)
        && !byline_pattern(h)
}

/// The chrome rule that names this line's shape, if any.
fn chrome_rule(t: &str, meta: Option<&Meta>, model: &ChromeModel) -> Option<&'static str> {
    if let Some(m) = meta {
        return Some(m.rule());
    }
    if glued_buttons(t) {
        Some("glued-buttons")
    } else if nav_pattern(t) {
        Some("nav-pattern")
    } else if cta_pattern(t) {
        Some("cta")
    } else if footer_pattern(t) {
        Some("footer-cta")
    } else if share_pattern(t) {
        Some("share")
    } else if byline_pattern(t) {
        Some("byline")
    } else if model.is_site_wide(t) {
        Some("repeated-across-articles")
    } else {
        None
    }
}

/// A line of the lead zone that could be the article's title.
#[derive(Debug, Clone, Copy)]
struct TitleCandidate {
    /// Position in the lead zone's line order.
    pos: usize,
    /// An explicit `# ` heading.
    h1: bool,
    /// A question ([`ends_question`]: `?`/`？`, closing marks after it ignored).
    question: bool,
    /// Seen in other articles too (site chrome, a page indexed twice).
    repeated: bool,
}

/// The first question among the candidates, else the first; its position.
fn choose(cands: &[TitleCandidate]) -> Option<usize> {
    cands
        .iter()
        .find(|c| c.question)
        .or(cands.first())
        .map(|c| c.pos)
}

pub(super) fn lead_zone(ctx: &mut Ctx, declared: Option<&str>, model: &ChromeModel) -> Lead {
    let mut order = Vec::new();
    let mut nonblank = 0;
    for (i, l) in ctx.lines.iter().enumerate() {
        if l.gone {
            continue;
        }
        if !l.text.is_empty() {
            nonblank += 1;
            if nonblank > LEAD_MAX_LINES {
                break;
            }
        }
        order.push(i);
    }
    let n = order.len();
    let mut block = vec![usize::MAX; n];
    let mut nblocks = 0;
    let mut prev_blank = true;
    for p in 0..n {
        if ctx.lines[order[p]].text.is_empty() {
            prev_blank = true;
            continue;
        }
        if prev_blank {
            nblocks += 1;
            prev_blank = false;
        }
        block[p] = nblocks - 1;
    }
    let metas: Vec<Option<Meta>> = order
        .iter()
        .map(|&i| {
            let l = &ctx.lines[i];
            if l.code || l.text.is_empty() {
                None
            } else {
                meta_line(heading_text(&l.text))
            }
        })
        .collect();
    let mut has_meta = vec![false; nblocks];
    let mut too_wide = vec![false; nblocks];
    for p in 0..n {
        let b = block[p];
        if b == usize::MAX {
            continue;
        }
        let l = &ctx.lines[order[p]];
        has_meta[b] |= metas[p].is_some();
        too_wide[b] |= l.code
            || l.text.len() > 480
            || wider_than(&l.text, 120)
            || (metas[p].is_none() && is_prose(l));
    }
    let header = |b: usize| b != usize::MAX && has_meta[b] && !too_wide[b];
    let first_prose = |from: usize| {
        (from..n)
            .find(|&p| {
                block[p] != usize::MAX && !header(block[p]) && is_prose(&ctx.lines[order[p]])
            })
            .unwrap_or(n)
    };
    let prose_start = first_prose(0);
    let mut lead_end = prose_start;
    // A banner above the `#` heading of a page that declares no title ("For the complete
    // documentation index, see …", "This page was machine translated.") does not hide that
    // heading: the lead goes on to it, and the banner stays.
    let declared = declared.map(str::trim).filter(|d| !d.is_empty());
    let h1_after = (prose_start..n)
        .filter(|&p| !ctx.lines[order[p]].text.is_empty())
        .take(H1_AFTER_BANNER_LINES)
        .find(|&p| matches!(explicit_heading(&ctx.lines[order[p]].text), Some((1, _))));
    if let Some(h1) = h1_after.filter(|_| declared.is_none()) {
        lead_end = first_prose(h1 + 1);
    }

    let toc = toc_lines(ctx, &order[..lead_end]);
    let mut cands: Vec<TitleCandidate> = Vec::new();
    let mut meta_pos: Vec<usize> = Vec::new();
    for p in 0..lead_end {
        let l = &ctx.lines[order[p]];
        if l.text.is_empty() || l.code {
            continue;
        }
        if metas[p].is_some() {
            meta_pos.push(p);
        }
        if title_candidate(&l.text) && !toc[p] {
            let h = heading_text(&l.text);
            cands.push(TitleCandidate {
                pos: p,
                h1: matches!(explicit_heading(&l.text), Some((1, _))),
                question: ends_question(h),
                repeated: model.is_repeated(h),
            });
        }
    }
    // Lines repeated across articles are not titles, unless nothing else is (a page indexed twice).
    if cands.iter().any(|c| !c.repeated) {
        cands.retain(|c| !c.repeated);
    }
    let detected = if let Some(c) = cands.iter().find(|c| c.h1) {
        Some(c.pos)
    } else if let (Some(&first_meta), Some(&last_meta)) = (meta_pos.first(), meta_pos.last()) {
        let mut after: Vec<_> = cands
            .iter()
            .copied()
            .filter(|c| c.pos > last_meta)
            .collect();
        // Around a date, a byline or a button says nothing the article says: the title is a
        // line whose words the body uses (half of them, or some for a question, whose other
        // words are "how", "what", "що", "là gì").
        let body = BodyWords::of(ctx, order.get(lead_end).copied());
        let share = |c: &TitleCandidate| body.share(&ctx.lines[order[c.pos]].text);
        let said = |c: &TitleCandidate| {
            let share = share(c);
            share >= 0.5 || (c.question && share > 0.0)
        };
        if cands.iter().any(said) {
            after.retain(said);
        }
        // A title above its date, with at most a byline between them: "How to …" / "Anna
        // Becker" / "Updated 3 days ago" (its place says enough: some of its words in the
        // body will do). Under the date come buttons or the first section's heading, which
        // gives way unless it is the question and the line above is not.
        let above = cands
            .iter()
            .rev()
            .find(|c| c.pos < first_meta && share(c) > 0.0)
            .filter(|c| {
                let between: Vec<usize> = (c.pos + 1..first_meta)
                    .filter(|&p| !ctx.lines[order[p]].text.is_empty())
                    .collect();
                between.len() <= BYLINE_MAX_LINES
                    && between.iter().all(|&p| byline_shaped(ctx, order[p]))
            });
        match above {
            Some(b) if after.is_empty() || b.question || !after.iter().any(|c| c.question) => {
                Some(b.pos)
            }
            _ if !after.is_empty() => choose(&after),
            _ => {
                let before = || cands.iter().rev().filter(|c| c.pos < last_meta);
                before()
                    .find(|c| said(c))
                    .or(before().next())
                    .map(|c| c.pos)
            }
        }
    } else if declared.is_some() {
        // Where the declared title is not a line, this one only marks the lines above it.
        choose(&cands)
    } else {
        title_from_text(
            ctx,
            &order[..lead_end],
            order.get(lead_end).copied(),
            &cands,
        )
    };

    let (title_pos, remove_title_line, title) = match declared {
        Some(d) => {
            let key = title_key(d);
            let found = (0..lead_end)
                .find(|&p| {
                    let t = &ctx.lines[order[p]].text;
                    !t.is_empty() && title_key(heading_text(t)) == key
                })
                .or_else(|| {
                    (0..lead_end).find(|&p| {
                        let t = &ctx.lines[order[p]].text;
                        let k = title_key(heading_text(t));
                        k.chars().count() >= 4
                            && key.chars().count() >= 4
                            && (k.contains(&key) || key.contains(&k))
                            && title_candidate(t)
                    })
                });
            match found {
                Some(p) => (Some(p), true, Some(d.to_string())),
                None => (detected, false, Some(d.to_string())),
            }
        }
        None => {
            let title = detected.map(|p| {
                let (s, _) = strip_decorative(heading_text(&ctx.lines[order[p]].text));
                s
            });
            (detected, true, title.filter(|t| !t.is_empty()))
        }
    };

    let byline = title_pos.map_or_else(Vec::new, |tp| {
        byline_lines(ctx, &order[..lead_end], &metas[..lead_end], tp)
    });
    let mut header_keys = HashSet::new();
    let mut updated = None;
    for p in 0..lead_end {
        let i = order[p];
        let l = &ctx.lines[i];
        if l.text.is_empty() || l.code || l.gone {
            continue;
        }
        if updated.is_none()
            && let Some(d) = metas[p].as_ref().and_then(|m| m.date.clone())
        {
            updated = Some(d);
        }
        let t = l.text.clone();
        let meta = metas[p].as_ref();
        let before_title = title_pos.is_some_and(|tp| p < tp) && p < prose_start;
        if title_pos == Some(p) {
            if remove_title_line {
                ctx.remove(i, RemovalReason::Duplicate, "title-line");
            }
            continue;
        }
        let rule: Option<(RemovalReason, &'static str)> = if header(block[p]) {
            Some((
                RemovalReason::Chrome,
                chrome_rule(&t, meta, model).unwrap_or("header-block"),
            ))
        } else if before_title {
            match chrome_rule(&t, meta, model) {
                Some(r) => Some((RemovalReason::Chrome, r)),
                None if !ends_terminal(&t, true, false) => {
                    Some((RemovalReason::Chrome, "nav-before-title"))
                }
                None => None,
            }
        } else if let Some(m) = meta {
            Some((RemovalReason::Chrome, m.rule()))
        } else if garbled(&t) {
            Some((RemovalReason::Artifact, "garbled"))
        } else if glued_buttons(&t) {
            Some((RemovalReason::Chrome, "glued-buttons"))
        } else if nav_pattern(&t) {
            Some((RemovalReason::Chrome, "nav-pattern"))
        } else if cta_pattern(&t) {
            Some((RemovalReason::Chrome, "cta"))
        } else if share_pattern(&t) {
            Some((RemovalReason::Chrome, "share"))
        } else if toc[p] {
            Some((RemovalReason::Chrome, "toc"))
        } else if byline.contains(&p) || byline_pattern(&t) {
            Some((RemovalReason::Chrome, "byline"))
        } else {
            None
        };
        if let Some((reason, r)) = rule {
            if reason == RemovalReason::Chrome
                && let Some(k) = chrome_key(&t)
            {
                header_keys.insert(k);
            }
            ctx.remove(i, reason, r);
        }
    }
    Lead {
        title,
        updated,
        header_keys,
    }
}

/// The title of a page that declares none and has no date line: the first question among
/// the candidates, else the first, of those that have words the body uses or name an FAQ
/// page ("常見問題", "Найпоширеніші запитання") when some do. The lines above a title (a
/// skip link, a language switch, a chat button) say nothing the article says. One word right
/// above a line of several is the page's category, not its title ("Послуга" / "Додай
/// безлім", "Billing" / "Update your card").
fn title_from_text(
    ctx: &Ctx,
    lead: &[usize],
    body_start: Option<usize>,
    cands: &[TitleCandidate],
) -> Option<usize> {
    let body = BodyWords::of(ctx, body_start);
    let said = |c: &&TitleCandidate| {
        let t = &ctx.lines[lead[c.pos]].text;
        body.share(t) > 0.0 || is_closing_heading(heading_text(t))
    };
    let said_cands: Vec<TitleCandidate> = cands.iter().filter(said).copied().collect();
    let pool = if said_cands.is_empty() {
        cands
    } else {
        &said_cands
    };
    let one_word = |p: usize| {
        let h = heading_text(&ctx.lines[lead[p]].text);
        h.split_whitespace().count() == 1 && !h.chars().any(is_wide)
    };
    // A title, not the first line of a hard-wrapped paragraph: heading-shaped and narrower
    // than a wrapped line.
    let titled = |p: usize| {
        let t = &ctx.lines[lead[p]].text;
        (heading_shaped(t) || ends_question(t)) && !wider_than(heading_text(t), 60)
    };
    choose(pool).map(|pos| {
        let next_line = (pos + 1..lead.len()).find(|&p| !ctx.lines[lead[p]].text.is_empty());
        match next_line.and_then(|p| pool.iter().find(|c| c.pos == p)) {
            Some(next) if one_word(pos) && !one_word(next.pos) && titled(next.pos) => next.pos,
            _ => pos,
        }
    })
}

/// The words of an article's body, to tell a title (whose words the body uses) from a byline
/// or a button.
struct BodyWords(HashSet<String>);

/// How much of the body is read for [`BodyWords`], in bytes.
const BODY_WORDS_BYTES: usize = 20_000;

impl BodyWords {
    /// The words of the live lines from `start` on.
    fn of(ctx: &Ctx, start: Option<usize>) -> Self {
        let mut set = HashSet::new();
        let mut read = 0;
        for l in ctx.lines[start.unwrap_or(ctx.lines.len())..].iter() {
            if read > BODY_WORDS_BYTES {
                break;
            }
            if l.live() {
                read += l.text.len();
                set.extend(word_keys(&l.text));
            }
        }
        BodyWords(set)
    }

    /// The share of `line`'s words the body uses (1 when it has none to compare).
    fn share(&self, line: &str) -> f32 {
        let keys = word_keys(line);
        if keys.is_empty() {
            return 1.0;
        }
        keys.iter().filter(|k| self.0.contains(*k)).count() as f32 / keys.len() as f32
    }
}

/// A text's words as compared by [`BodyWords`]: words of three or more letters by their first
/// five, lowercased (inflection aside: "update", "updating"); Han, kana and Hangul by pairs
/// of characters.
fn word_keys(t: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut flush = |run: &mut Vec<char>| {
        if run.first().is_some_and(|&c| is_wide(c)) {
            if run.len() == 1 {
                out.push(run[0].to_string());
            }
            out.extend(run.windows(2).map(|w| w.iter().collect::<String>()));
        } else if run.len() >= 3 {
            out.push(run.iter().take(5).flat_map(|c| c.to_lowercase()).collect());
        }
        run.clear();
    };
    for c in t.chars() {
        let continues = run.last().is_none_or(|&p| is_wide(p) == is_wide(c));
        if !c.is_alphabetic() || !continues {
            flush(&mut run);
        }
        if c.is_alphabetic() {
            run.push(c);
        }
    }
    flush(&mut run);
    out
}

/// Most lines between a title and the date under it (an author, a "Written by" line).
const BYLINE_MAX_LINES: usize = 3;

/// The widest line of a byline or of the buttons under a date, in columns.
const BYLINE_MAX_WIDTH: usize = 40;

/// Lead-zone positions of the byline under the title: when a date follows the title within
/// [`BYLINE_MAX_LINES`] lines ("Anna Becker", "Vor 2 Monaten aktualisiert"), the short lines
/// between them, and the short lines after the date up to the first prose line ("Folgen",
/// "微信扫一扫", "复制链接") except the last one, which may head the first section. A line
/// that is a question, a `#` heading, a list item or a finished sentence stops it.
fn byline_lines(ctx: &Ctx, order: &[usize], metas: &[Option<Meta>], title: usize) -> Vec<usize> {
    let short = |p: usize| byline_shaped(ctx, order[p]);
    let nonblank: Vec<usize> = (title + 1..order.len())
        .filter(|&p| !ctx.lines[order[p]].text.is_empty())
        .collect();
    let Some(k) = nonblank
        .iter()
        .take(BYLINE_MAX_LINES + 1)
        .position(|&p| metas[p].is_some())
    else {
        return Vec::new();
    };
    if !nonblank[..k].iter().all(|&p| short(p)) {
        return Vec::new();
    }
    let mut out = nonblank[..k].to_vec();
    let after: Vec<usize> = nonblank[k + 1..]
        .iter()
        .copied()
        .take_while(|&p| metas[p].is_some() || short(p))
        .collect();
    // Only a run that reaches the first prose line is a button bar; the last line stays.
    if after.len() == nonblank.len() - k - 1 {
        out.extend(after.iter().rev().skip(1).filter(|&&p| metas[p].is_none()));
    }
    out
}

/// A line shaped like a byline or a button: short, not a question, a sentence, a `#` heading,
/// a list item or code.
fn byline_shaped(ctx: &Ctx, i: usize) -> bool {
    let l = &ctx.lines[i];
    let t = &l.text;
    !l.code
        && !wider_than(t, BYLINE_MAX_WIDTH)
        && !ends_question(t)
        && !ends_terminal(t, true, false)
        && explicit_heading(t).is_none()
        && list_marker(t).is_none()
        && qa_prefix(t).is_none()
}

/// Lead-zone positions of a table of contents: two or more lines in a row, each of which
/// comes again later in the page as a line of its own (the headings it lists: "Mục lục /
/// Điều kiện đăng ký / Các bước đăng ký", "本文目录 / 注册条件 / 注册步骤").
fn toc_lines(ctx: &Ctx, lead: &[usize]) -> Vec<bool> {
    let mut toc = vec![false; lead.len()];
    let short = |t: &str| !t.is_empty() && !wider_than(t, 80);
    let Some(&first) = lead.first() else {
        return toc;
    };
    // The last position of each short line from the lead on.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, l) in ctx.lines.iter().enumerate().skip(first) {
        if l.live() && !l.code && short(&l.text) {
            last.insert(heading_text(&l.text), i);
        }
    }
    let listed = |p: usize| {
        let l = &ctx.lines[lead[p]];
        !l.code
            && short(&l.text)
            && last
                .get(heading_text(&l.text))
                .is_some_and(|&i| i > lead[p])
    };
    let nonblank: Vec<usize> = (0..lead.len())
        .filter(|&p| !ctx.lines[lead[p]].text.is_empty())
        .collect();
    let mut k = 0;
    while k < nonblank.len() {
        let run = nonblank[k..].iter().take_while(|&&p| listed(p)).count();
        if run >= 2 {
            nonblank[k..k + run].iter().for_each(|&p| toc[p] = true);
        }
        k += run.max(1);
    }
    toc
}

/// The title normalized for comparison: decoration dropped, spaces collapsed, lowercase, width folded.
fn title_key(t: &str) -> String {
    let (s, _) = strip_decorative(t);
    let mut out = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    fold_width(&out.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::super::tests::model;
    use super::super::{ChromeModel, clean};
    use crate::ingest::seed_fixtures::{S0, S1, S2};
    #[test]
    fn declared_title_wins_and_is_not_duplicated() {
        let m = model();
        let c = clean(S0, Some("什麼是客戶服務運營經理?"), &m);
        assert_eq!(c.title.as_deref(), Some("什麼是客戶服務運營經理?"));
        assert!(!c.body.contains("什麼是客戶服務運營經理?"));
        assert!(!c.body.contains("Back to Reference"));
        let c = clean(
            "# Reset your password\n\nGo to Settings and choose Reset. It takes a minute.",
            Some("Reset your password"),
            &ChromeModel::default(),
        );
        assert_eq!(
            c.body,
            "Go to Settings and choose Reset. It takes a minute."
        );
        let c = clean(
            "Reset password\n\nGo to Settings and choose Reset. It takes a minute to finish.",
            Some("Account help"),
            &ChromeModel::default(),
        );
        assert_eq!(c.title.as_deref(), Some("Account help"));
        assert!(c.body.starts_with("Reset password"));
        let c = clean(
            "# Guide\n\n## Step one\n\nDo it now, please, and then continue with the rest.",
            None,
            &ChromeModel::default(),
        );
        assert_eq!(c.title.as_deref(), Some("Guide"));
        assert!(c.body.starts_with("## Step one"));
    }

    #[test]
    fn title_after_meta_or_before_it() {
        let m = ChromeModel::default();
        let c = clean(
            "Docs › Billing › Invoices\nHow do I download an invoice?\nUpdated 6 May 2025\n\nOpen Billing and click the invoice you need, then choose Download.",
            None,
            &m,
        );
        assert_eq!(c.title.as_deref(), Some("How do I download an invoice?"));
        assert_eq!(c.updated.as_deref(), Some("2025-05-06"));
        assert!(c.body.starts_with("Open Billing"));
        let c = clean(
            "Головна\nОновлено 13 липня 2025 р.\n\nЯк змінити пароль\n\nВідкрийте налаштування і виберіть пункт «Безпека», потім змініть пароль.",
            None,
            &m,
        );
        assert_eq!(c.title.as_deref(), Some("Як змінити пароль"));
        assert_eq!(c.updated.as_deref(), Some("2025-07-13"));
        let c = clean(
            "Trang chủ\nCập nhật ngày 6 tháng 5 năm 2025\n\nLàm thế nào để đổi mật khẩu?\n\nMở phần cài đặt và chọn mục bảo mật, sau đó nhập mật khẩu mới.",
            None,
            &m,
        );
        assert_eq!(c.title.as_deref(), Some("Làm thế nào để đổi mật khẩu?"));
        assert_eq!(c.updated.as_deref(), Some("2025-05-06"));
        // The first question is preferred, closing marks after its `?` or not.
        for question in ["如何下載發票？", "「如何下載發票？」"] {
            let c = clean(
                &format!(
                    "帳單中心\n{question}\n\n打開帳單頁面，選擇需要的發票，然後點擊下載按鈕即可保存到電腦。"
                ),
                None,
                &m,
            );
            assert_eq!(c.title.as_deref(), Some(question), "{c:?}");
        }
    }

    #[test]
    fn header_block_never_eats_prose_and_duplicated_pages_keep_titles() {
        let body = "Release notes\nMay 6, 2025\n- Added CSV export for all reports.\n- Fixed login on Safari.";
        let c = clean(body, None, &ChromeModel::default());
        assert_eq!(c.title.as_deref(), Some("Release notes"));
        assert_eq!(c.updated.as_deref(), Some("2025-05-06"));
        assert_eq!(
            c.body,
            "- Added CSV export for all reports.\n- Fixed login on Safari."
        );
        // The same page twice in one run: everything is "repeated", the title is still found.
        let m = ChromeModel::learn([S0, S0, S2]);
        assert_eq!(
            clean(S0, None, &m).title.as_deref(),
            Some("什麼是客戶服務運營經理?")
        );
        assert_eq!(
            clean(S2, None, &m).title.as_deref(),
            Some("客戶服務團隊負責人是什麼?")
        );
        assert!(
            clean(S0, None, &m)
                .body
                .contains("客戶服務運營經理在確保公司客戶服務部門順利運行")
        );
    }

    #[test]
    fn no_title_when_body_starts_with_prose() {
        let c = clean(S1, None, &model());
        assert_eq!(c.title, None);
        assert!(c.body.starts_with("客服经理是负责统筹和管理客户服务团队"));
    }
}
