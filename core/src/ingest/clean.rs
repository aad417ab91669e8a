//! Cleaning: page chrome, artifacts, duplicates and trailing junk out; title and date found.
//!
//! [`clean`] takes one article body in "light Markdown" (paragraphs separated by blank lines,
//! `#` headings, `- ` list items, plain lines) and returns the article's title, its date and the
//! cleaned body. Every removal is recorded as a [`RemovedLine`]: the 1-based input line, the text
//! removed, a [`RemovalReason`] and a short rule name. Nothing is hard-coded from one site: chrome
//! is found from the shape and position of lines, from generic page-chrome patterns in our five
//! languages (zh-Hans, zh-Hant, uk, vi, en), and from lines that recur across the articles of one
//! indexing run ([`ChromeModel`]). Lines inside ```` ``` ```` fences are never touched (except by
//! the trailing cut). The rules, in the order they run:
//!
//! 1. **Artifacts** (`artifact`): a line made only of literal `\n` escapes (backslash + `n` as two
//!    characters) becomes a paragraph break and a `\n` inside a line splits it ("literal-escape";
//!    a `\n` between ASCII alphanumerics such as `dir\name` is kept); lone `\` lines
//!    ("lone-backslash"); empty list items ("empty-list-item"); a list marker dangling after a
//!    finished sentence ("dangling-list-marker"); lines without any letter or digit ("no-text");
//!    emoji and decorative symbols in heading-shaped lines, `Key takeaways 🔑` → `Key takeaways`
//!    ("heading-symbols"). Bullets such as `•` are normalised to `- `.
//! 2. **Trailing junk** (`trailing`, "junk-block"): a line that starts a junk block — related /
//!    recommended / comments / share / subscribe / previous-next words in our languages
//!    ("相关推荐", "Related articles", "Схожі статті", "Bài viết liên quan", "上一篇:…", "Leave a
//!    comment") or a form field ("Name*") — cuts everything from it to the end, provided at least
//!    40 % of the article's text lies before it and at least half of the lines after it are
//!    link-like (list items, short lines, excerpts ending in "…").
//! 3. **Lead zone, title and date**. The lead zone is everything before the first prose line
//!    (a list item, a line ≥ 120 columns, or a finished sentence ≥ 60 columns or of ≥ 2
//!    sentences). A *header block* is a block (lines without a blank between them) of the lead
//!    zone that holds no prose line and a meta line: a bare date ("May 6, 2025", "2025年5月6日", "6 травня 2025",
//!    "ngày 6 tháng 5 năm 2025", ISO…) or a reading-time stub (a number or "XX" + a minute word:
//!    min, хв, phút, 分钟, 分鐘… with at most three other words). Title candidates are lead-zone
//!    lines that are short, not finished statements (a final `?` is fine), and neither meta, nav
//!    ("Back to…", "Zurück…", "Повернутися…", "Quay lại…", "返回…", breadcrumbs), call-to-action,
//!    glued buttons, garbled, nor repeated across articles (unless all are). The title is an explicit `# ` heading
//!    if there is one; else, when there are meta lines, the candidates after the last one (or, if
//!    none, the last candidate before it); among those, the first question, else the first. A
//!    `declared_title` wins; a lead-zone line equal to it (or containing it) is the title line.
//!    The title line is removed from the body (`duplicate`, "title-line"). Lines before the title
//!    that are in a header block or are not sentences ending in 。.!? are chrome
//!    ("header-block", "nav-before-title", or the more specific "date", "reading-time",
//!    "glued-buttons", "nav-pattern", "cta", "footer-cta", "repeated-across-articles"). After the
//!    title, only meta, nav/CTA and garbled lines of the lead zone go ("garbled": ≥ 8 words, not
//!    a sentence, a digit inside a lowercase word such as `chầ5c`). `updated` is the first date of
//!    the lead zone as `YYYY-MM-DD`.
//! 4. **Chrome anywhere** (`chrome`): reading-time stubs that carry a reading word ("5 min read",
//!    "阅读时间 5 分钟"), bare "Read more"-style link lines, and runs of ≥ 3 adjacent short
//!    non-list lines that are all repeated site-wide (menus). A line that is merely
//!    repeated across articles is *not* chrome: section headings such as "引言" or "Responsibilities"
//!    recur too; position and shape decide. Wherever a rule says "repeated across articles" for
//!    a removal, it means site-wide ([`ChromeModel::is_site_wide`]: in ≥ 2 articles and ≥ a
//!    fifth of the run, never an explicit `#` heading), so the headings and flag tables shared
//!    by a family of reference pages stay; code lines are not even counted.
//! 5. **After the body**: from the end upwards, footers ("Learn more … re: …", "Read more",
//!    copyright; `trailing`, "footer") and chrome lines (a line also seen in this page's header
//!    ("header-echo"), dates, reading time, glued buttons, nav/CTA, short unpunctuated lines
//!    repeated across articles) are removed until the first real content line.
//! 6. **Duplicates** (`duplicate`): a finished sentence (≥ 16 columns) seen verbatim earlier in
//!    the article is removed, the first stays ("repeated-sentence"); a sentence that repeats one
//!    of the two sentences before it in the same line with small edits (same start and end,
//!    bigram Dice ≥ 0.8: "near-repeated-sentence"); an unfinished fragment at the end of a
//!    paragraph that is verbatim the next heading, a scraping glue ("glued-next-heading").
//!    Headings and question lines are never deduplicated.
//!
//! Sentence splitting ([`split_sentences`]) ends sentences at 。！？；． always, at `!?;` before a
//! space, a CJK character or the end, and at `.`/`…` before a space + a non-lowercase character
//! (or a CJK character, or the end) — not in decimals ("3.5"), abbreviations ("e.g.", "т.д.") or
//! initials. Everything runs in linear time and never panics.

use std::collections::{HashMap, HashSet};

/// Why a line (or part of one) was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RemovalReason {
    /// Site navigation, calls to action, dates, reading time and other page furniture.
    Chrome,
    /// Scraping artifacts: literal escapes, stray symbols, garbled text.
    Artifact,
    /// Text already present: a repeated sentence or the title line.
    Duplicate,
    /// Junk after the article: related links, comments, forms, footers.
    Trailing,
}

/// One line removed from an article, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RemovedLine {
    /// 1-based line in the input body; 0 for a block the file reader dropped before
    /// cleaning (HTML page boilerplate, rules `html-…`).
    pub line: usize,
    /// The text removed (the whole line, or the removed sentence / symbols).
    pub text: String,
    /// The kind of removal.
    pub reason: RemovalReason,
    /// Short rule name, e.g. "repeated-across-articles", "reading-time", "literal-escape".
    pub rule: &'static str,
}

/// Blocks a reader dropped before cleaning (HTML page boilerplate), carried by an
/// [`Article`](crate::Article) to [`prepare`](super::prepare) for `--explain`. Not part of
/// the article's identity: always equal and hashed as nothing, so fingerprints do not change.
#[derive(Debug, Clone, Default)]
pub struct ReaderRemovals(pub Vec<RemovedLine>);

impl PartialEq for ReaderRemovals {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ReaderRemovals {}

impl std::hash::Hash for ReaderRemovals {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

/// Most distinct short lines a [`ChromeModel`] keeps before forgetting the unrepeated ones.
pub const MAX_CHROME_KEYS: usize = 1 << 18;

/// A line in at least one article in this many of a run is site-wide (see
/// [`ChromeModel::is_site_wide`]).
pub const SITE_WIDE_DIVISOR: usize = 5;

/// Lines that recur across the articles of one corpus (one indexing run): learned, not hard-coded.
#[derive(Debug, Clone, Default)]
pub struct ChromeModel {
    counts: HashMap<String, u32>,
    articles: usize,
}

impl ChromeModel {
    /// Learn from every body of one indexing run (cheap: one pass, hash map of normalized short lines → number of articles containing it).
    pub fn learn<'a, I: IntoIterator<Item = &'a str>>(bodies: I) -> ChromeModel {
        let mut model = ChromeModel::default();
        for body in bodies {
            model.add(body);
        }
        model
    }

    /// Count one more article's lines (for runs streamed one file at a time). Memory stays
    /// bounded: past [`MAX_CHROME_KEYS`] distinct lines, lines seen in only one article so far
    /// are forgotten, then the least repeated (chrome recurs in many articles, so it survives).
    pub fn add(&mut self, body: &str) {
        self.articles += 1;
        // Code is never chrome: its lines are not counted.
        let mut in_fence = false;
        let seen: HashSet<String> = body
            .lines()
            .filter(|line| {
                let fence = is_fence(trim_line(line));
                in_fence ^= fence;
                !fence && !in_fence
            })
            .filter_map(chrome_key)
            .collect();
        for k in seen {
            *self.counts.entry(k).or_insert(0) += 1;
        }
        if self.counts.len() > MAX_CHROME_KEYS {
            // Down to half, so pruning runs rarely.
            let mut least = 1;
            while self.counts.len() > MAX_CHROME_KEYS / 2 {
                self.counts.retain(|_, count| *count > least);
                least += 1;
            }
        }
    }

    /// Number of articles the model was learned from.
    pub fn articles(&self) -> usize {
        self.articles
    }

    /// Number of articles containing this (short) line, after normalization; 0 for long lines.
    pub fn count(&self, line: &str) -> usize {
        chrome_key(line)
            .and_then(|k| self.counts.get(&k))
            .map_or(0, |&c| c as usize)
    }

    /// True when the line occurs in at least two articles of the run.
    pub fn is_repeated(&self, line: &str) -> bool {
        self.count(line) >= 2
    }

    /// True when the line recurs like site chrome: in at least two articles and at least
    /// [`1/SITE_WIDE_DIVISOR`](SITE_WIDE_DIVISOR) of the run's articles (a menu or footer is on
    /// every page of a site; a section heading or a table shared by a family of reference
    /// pages is not). Repetition alone never removes an explicit `#` heading.
    pub fn is_site_wide(&self, line: &str) -> bool {
        let count = self.count(line);
        count >= 2 && count * SITE_WIDE_DIVISOR >= self.articles && explicit_heading(line).is_none()
    }
}

/// The result of cleaning one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cleaned {
    /// The article title (declared, or detected in the body), without decorative symbols.
    pub title: Option<String>,
    /// `YYYY-MM-DD` from a date line like "May 6, 2025" near the top of the page.
    pub updated: Option<String>,
    /// Cleaned light Markdown: structure kept, blank-line runs collapsed.
    pub body: String,
    /// Everything removed, in input-line order.
    pub removed: Vec<RemovedLine>,
}

/// Clean one article body. `declared_title` (from front matter/JSON/HTML) wins over detection but a body line equal to it is not duplicated into the text.
pub fn clean(body: &str, declared_title: Option<&str>, model: &ChromeModel) -> Cleaned {
    let mut ctx = Ctx {
        lines: Vec::new(),
        removed: Vec::new(),
    };
    split_lines(body, &mut ctx);
    trailing_junk(&mut ctx);
    artifact_pass(&mut ctx);
    let lead = lead_zone(&mut ctx, declared_title, model);
    anywhere_chrome(&mut ctx, model);
    tail_scan(&mut ctx, model, &lead.header_keys);
    dedupe(&mut ctx);
    let body = rebuild(&ctx.lines);
    let mut removed = ctx.removed;
    removed.sort_by_key(|r| r.line);
    Cleaned {
        title: lead.title,
        updated: lead.updated,
        body,
        removed,
    }
}

// ---------------------------------------------------------------------------------------------
// Working representation
// ---------------------------------------------------------------------------------------------

const LEAD_MAX_LINES: usize = 60;
const TAIL_MAX_LINES: usize = 30;
const MAX_HEADING_WIDTH: usize = 80;
const MAX_HEADING_WORDS: usize = 12;
const MAX_TITLE_WIDTH: usize = 200;

#[derive(Debug, Clone)]
struct Ln {
    no: usize,
    text: String,
    gone: bool,
    code: bool,
}

impl Ln {
    fn live(&self) -> bool {
        !self.gone && !self.text.is_empty()
    }
}

struct Ctx {
    lines: Vec<Ln>,
    removed: Vec<RemovedLine>,
}

impl Ctx {
    fn remove(&mut self, i: usize, reason: RemovalReason, rule: &'static str) {
        let l = &mut self.lines[i];
        if l.gone {
            return;
        }
        l.gone = true;
        if l.text.is_empty() {
            return;
        }
        self.removed.push(RemovedLine {
            line: l.no,
            text: l.text.clone(),
            reason,
            rule,
        });
    }

    fn note(&mut self, no: usize, text: String, reason: RemovalReason, rule: &'static str) {
        self.removed.push(RemovedLine {
            line: no,
            text,
            reason,
            rule,
        });
    }
}

fn rebuild(lines: &[Ln]) -> String {
    let mut out = String::new();
    let mut pending_blank = false;
    for l in lines {
        if !l.live() {
            if !out.is_empty() {
                pending_blank = true;
            }
            continue;
        }
        if pending_blank {
            out.push_str("\n\n");
        } else if !out.is_empty() {
            out.push('\n');
        }
        pending_blank = false;
        out.push_str(&l.text);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Step 1: lines, literal escapes, bullets, symbols
// ---------------------------------------------------------------------------------------------

fn trim_line(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{2060}'))
}

fn is_fence(t: &str) -> bool {
    t.starts_with("```") || t.starts_with("~~~")
}

/// Splits a line at literal `\n` escapes; returns the pieces and the escapes found.
fn split_literal_escapes(t: &str) -> (Vec<&str>, usize) {
    let b = t.as_bytes();
    let mut pieces = Vec::new();
    let mut count = 0;
    let mut start = 0;
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] == b'\\' && (b[i + 1] == b'n' || b[i + 1] == b'r') {
            let prev = if i > 0 { Some(b[i - 1]) } else { None };
            let next = b.get(i + 2).copied();
            let pathlike = matches!(prev, Some(p) if p.is_ascii_alphanumeric() || p == b':' || p == b'\\' || p == b'/')
                && matches!(next, Some(n) if n.is_ascii_lowercase() || n.is_ascii_digit() || n == b'_');
            if !pathlike {
                pieces.push(&t[start..i]);
                count += 1;
                i += 2;
                start = i;
                continue;
            }
        }
        i += 1;
    }
    pieces.push(&t[start..]);
    (pieces, count)
}

const BULLETS: &[char] = &['•', '·', '▪', '◦', '‣', '●', '○', '■', '□', '*', '+', '-'];

fn normalize_bullet(t: &str) -> String {
    let mut cs = t.chars();
    if let Some(c) = cs.next()
        && c != '-'
        && BULLETS.contains(&c)
    {
        let rest = cs.as_str();
        if rest.is_empty() {
            return "-".to_string();
        }
        if rest.starts_with(char::is_whitespace) && (c != '*' || !rest.trim().is_empty()) {
            return format!("- {}", rest.trim_start());
        }
    }
    t.to_string()
}

fn split_lines(body: &str, ctx: &mut Ctx) {
    let mut in_fence = false;
    for (i, raw) in body.split('\n').enumerate() {
        let no = i + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let t = trim_line(raw);
        if is_fence(t) {
            ctx.lines.push(Ln {
                no,
                text: t.to_string(),
                gone: false,
                code: true,
            });
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            ctx.lines.push(Ln {
                no,
                text: raw.trim_end().to_string(),
                gone: false,
                code: true,
            });
            continue;
        }
        let blank = Ln {
            no,
            text: String::new(),
            gone: false,
            code: false,
        };
        if t.is_empty() {
            ctx.lines.push(blank);
            continue;
        }
        if t.chars().all(|c| c == '\\' || c.is_whitespace()) {
            ctx.note(no, t.to_string(), RemovalReason::Artifact, "lone-backslash");
            ctx.lines.push(blank);
            continue;
        }
        let (pieces, escapes) = split_literal_escapes(t);
        if escapes == 0 {
            ctx.lines.push(Ln {
                no,
                text: normalize_bullet(t),
                gone: false,
                code: false,
            });
            continue;
        }
        let any_text = pieces.iter().any(|p| !trim_line(p).is_empty());
        let noted = if any_text {
            "\\n".repeat(escapes)
        } else {
            t.to_string()
        };
        ctx.note(no, noted, RemovalReason::Artifact, "literal-escape");
        if !any_text {
            ctx.lines.push(blank);
            continue;
        }
        for p in pieces {
            let p = trim_line(p);
            if p.is_empty() {
                ctx.lines.push(Ln {
                    no,
                    text: String::new(),
                    gone: false,
                    code: false,
                });
            } else if p.chars().all(|c| c == '\\') {
                ctx.note(no, p.to_string(), RemovalReason::Artifact, "lone-backslash");
            } else {
                ctx.lines.push(Ln {
                    no,
                    text: normalize_bullet(p),
                    gone: false,
                    code: false,
                });
            }
        }
    }
}

fn artifact_pass(ctx: &mut Ctx) {
    for i in 0..ctx.lines.len() {
        if !ctx.lines[i].live() || ctx.lines[i].code {
            continue;
        }
        let t = ctx.lines[i].text.clone();
        if t.len() <= 4
            && t.chars().count() == 1
            && BULLETS.contains(&t.chars().next().unwrap_or(' '))
        {
            ctx.remove(i, RemovalReason::Artifact, "empty-list-item");
            continue;
        }
        if !t.chars().any(char::is_alphanumeric) && !t.contains('|') {
            ctx.remove(i, RemovalReason::Artifact, "no-text");
            continue;
        }
        let mut text = t.clone();
        // A list marker left dangling after a finished sentence: "…重要。 -".
        for m in [" -", " •", " *", " –"] {
            if let Some(head) = text.strip_suffix(m) {
                let head = head.trim_end();
                if ends_terminal(head, true, false) {
                    let no = ctx.lines[i].no;
                    ctx.note(
                        no,
                        m.trim().to_string(),
                        RemovalReason::Artifact,
                        "dangling-list-marker",
                    );
                    text = head.to_string();
                }
                break;
            }
        }
        if text.len() <= 1024 && text.chars().any(is_decorative) {
            let (prefix, inner) = match explicit_heading(&text) {
                Some((level, h)) => ("#".repeat(level) + " ", h.to_string()),
                None => (String::new(), text.clone()),
            };
            let (stripped, symbols) = strip_decorative(&inner);
            if !stripped.is_empty() && (!prefix.is_empty() || heading_shaped(&stripped)) {
                let no = ctx.lines[i].no;
                ctx.note(no, symbols, RemovalReason::Artifact, "heading-symbols");
                text = prefix + &stripped;
            }
        }
        ctx.lines[i].text = text;
    }
}

// ---------------------------------------------------------------------------------------------
// Step 2: trailing junk
// ---------------------------------------------------------------------------------------------

const JUNK_EXACT: &[&str] = &[
    // en
    "related",
    "related articles",
    "related posts",
    "related questions",
    "related content",
    "related reading",
    "related resources",
    "related links",
    "related topics",
    "recommended",
    "recommended articles",
    "recommended for you",
    "recommended reading",
    "you may also like",
    "you might also like",
    "more articles",
    "more like this",
    "popular articles",
    "popular posts",
    "most read",
    "trending",
    "comments",
    "comment",
    "leave a comment",
    "leave a reply",
    "add a comment",
    "post a comment",
    "write a comment",
    "join the discussion",
    "share",
    "share this",
    "share this article",
    "share this post",
    "share on",
    "subscribe",
    "subscribe to our newsletter",
    "newsletter",
    "previous article",
    "next article",
    "previous post",
    "next post",
    "read next",
    "keep reading",
    "see also",
    "was this article helpful?",
    "was this article helpful",
    "did this answer your question?",
    // zh-Hans
    "相关推荐",
    "相关文章",
    "相关阅读",
    "相关资讯",
    "相关内容",
    "推荐阅读",
    "推荐文章",
    "猜你喜欢",
    "热门文章",
    "热门推荐",
    "本月热门",
    "最新文章",
    "最新答案",
    "发表评论",
    "评论",
    "网友评论",
    "全部评论",
    "取消评论",
    "分享",
    "分享到",
    "订阅",
    "延伸阅读",
    "上一篇",
    "下一篇",
    // zh-Hant
    "相關推薦",
    "相關文章",
    "相關閱讀",
    "相關內容",
    "推薦閱讀",
    "推薦文章",
    "熱門文章",
    "熱門推薦",
    "發表評論",
    "評論",
    "網友評論",
    "全部評論",
    "分享至",
    "訂閱",
    "延伸閱讀",
    // uk
    "схожі статті",
    "пов'язані статті",
    "пов’язані статті",
    "рекомендовані статті",
    "рекомендуємо",
    "читайте також",
    "вам також може сподобатися",
    "популярні статті",
    "коментарі",
    "коментар",
    "залишити коментар",
    "залиште коментар",
    "додати коментар",
    "поділитися",
    "підписатися",
    "попередня стаття",
    "наступна стаття",
    // vi
    "bài viết liên quan",
    "tin liên quan",
    "bài liên quan",
    "bài viết khác",
    "có thể bạn quan tâm",
    "bạn có thể quan tâm",
    "bài viết nổi bật",
    "bình luận",
    "để lại bình luận",
    "gửi bình luận",
    "viết bình luận",
    "chia sẻ",
    "chia sẻ bài viết",
    "đăng ký nhận tin",
    "bài trước",
    "bài sau",
    "bài viết trước",
    "bài viết tiếp theo",
    "xem thêm",
];

const JUNK_LABELS: &[&str] = &[
    "上一篇",
    "下一篇",
    "上一篇文章",
    "下一篇文章",
    "previous",
    "next",
    "prev",
    "previous article",
    "next article",
    "попередня",
    "наступна",
    "попередня стаття",
    "наступна стаття",
    "bài trước",
    "bài sau",
];

/// Lowercase, list marker / `#` / bold / decoration / trailing colon and counts stripped.
fn junk_norm(t: &str) -> String {
    let t = strip_structure(t);
    let t = t.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    let (t, _) = strip_decorative(t);
    let mut s = t.to_lowercase();
    // "Comments (3)" / "评论 12"
    loop {
        let trimmed = s
            .trim_end_matches(|c: char| {
                c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ')' | '（' | '）')
            })
            .to_string();
        let trimmed = trimmed.trim_end_matches([':', '：']).trim_end().to_string();
        if trimmed == s {
            break;
        }
        s = trimmed;
    }
    s
}

fn is_form_field(t: &str) -> bool {
    let t = t.trim();
    let Some(head) = t.strip_suffix('*') else {
        return false;
    };
    let head = head.trim();
    !head.is_empty()
        && display_width(head) <= 24
        && head.split_whitespace().count() <= 3
        && head.chars().any(char::is_alphabetic)
}

fn junk_starter(t: &str) -> bool {
    if t.len() > 400 {
        return false;
    }
    let n = junk_norm(t);
    if n.is_empty() {
        return false;
    }
    if JUNK_EXACT.contains(&n.as_str()) || is_form_field(t) {
        return true;
    }
    if n.starts_with("your email address will not be published") {
        return true;
    }
    for l in JUNK_LABELS {
        if let Some(rest) = n.strip_prefix(l) {
            let rest = rest.trim_start();
            if rest.starts_with(':') || rest.starts_with('：') {
                return true;
            }
        }
    }
    false
}

fn link_like(t: &str) -> bool {
    list_marker(t).is_some()
        || (t.len() <= 240 && display_width(t) <= 60)
        || t.ends_with("...")
        || t.ends_with('…')
        || t.contains("http://")
        || t.contains("https://")
        || is_form_field(t)
}

fn trailing_junk(ctx: &mut Ctx) {
    let live: Vec<usize> = (0..ctx.lines.len())
        .filter(|&i| ctx.lines[i].live() && !ctx.lines[i].code)
        .collect();
    let m = live.len();
    if m < 2 {
        return;
    }
    let chars: Vec<usize> = live
        .iter()
        .map(|&i| ctx.lines[i].text.chars().count())
        .collect();
    let total: usize = chars.iter().sum();
    let mut suffix_links = vec![0usize; m + 1];
    for k in (0..m).rev() {
        suffix_links[k] = suffix_links[k + 1] + usize::from(link_like(&ctx.lines[live[k]].text));
    }
    let mut before = 0usize;
    for k in 0..m {
        let t = &ctx.lines[live[k]].text;
        if k > 0 && before * 10 >= total * 4 && junk_starter(t) {
            let rest = m - k - 1;
            if suffix_links[k + 1] * 2 >= rest {
                for i in live[k]..ctx.lines.len() {
                    ctx.remove(i, RemovalReason::Trailing, "junk-block");
                }
                return;
            }
        }
        before += chars[k];
    }
}

// ---------------------------------------------------------------------------------------------
// Step 3: lead zone, title, date
// ---------------------------------------------------------------------------------------------

struct Lead {
    title: Option<String>,
    updated: Option<String>,
    header_keys: HashSet<String>,
}

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

fn title_candidate(t: &str) -> bool {
    if t.len() > 4 * MAX_TITLE_WIDTH || list_marker(t).is_some() || qa_prefix(t).is_some() {
        return false;
    }
    let h = heading_text(t);
    if h.is_empty() || !h.chars().any(char::is_alphabetic) {
        return false;
    }
    if display_width(h) > MAX_TITLE_WIDTH || h.split_whitespace().count() > 25 {
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
}

/// The chrome rule that names this line's shape, if any.
fn chrome_rule(t: &str, meta: Option<&Meta>, model: &ChromeModel) -> Option<&'static str> {
    if let Some(m) = meta {
        return Some(if m.date.is_some() {
            "date"
        } else {
            "reading-time"
        });
    }
    if glued_buttons(t) {
        Some("glued-buttons")
    } else if nav_pattern(t) {
        Some("nav-pattern")
    } else if cta_pattern(t) {
        Some("cta")
    } else if footer_pattern(t) {
        Some("footer-cta")
    } else if model.is_site_wide(t) {
        Some("repeated-across-articles")
    } else {
        None
    }
}

fn choose(cands: &[(usize, bool, bool, bool)]) -> Option<usize> {
    cands.iter().find(|c| c.2).or(cands.first()).map(|c| c.0)
}

fn lead_zone(ctx: &mut Ctx, declared: Option<&str>, model: &ChromeModel) -> Lead {
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
            || display_width(&l.text) > 120
            || (metas[p].is_none() && is_prose(l));
    }
    let header = |b: usize| b != usize::MAX && has_meta[b] && !too_wide[b];
    let mut lead_end = n;
    for p in 0..n {
        if block[p] == usize::MAX || header(block[p]) {
            continue;
        }
        if is_prose(&ctx.lines[order[p]]) {
            lead_end = p;
            break;
        }
    }

    // Candidates: (position, explicit h1, question, repeated across articles).
    let mut cands: Vec<(usize, bool, bool, bool)> = Vec::new();
    let mut meta_pos: Vec<usize> = Vec::new();
    for p in 0..lead_end {
        let l = &ctx.lines[order[p]];
        if l.text.is_empty() || l.code {
            continue;
        }
        if metas[p].is_some() {
            meta_pos.push(p);
        }
        if title_candidate(&l.text) {
            let h1 = matches!(explicit_heading(&l.text), Some((1, _)));
            let h = heading_text(&l.text);
            cands.push((
                p,
                h1,
                h.ends_with('?') || h.ends_with('？'),
                model.is_repeated(h),
            ));
        }
    }
    // Lines repeated across articles are not titles, unless nothing else is (a page indexed twice).
    if cands.iter().any(|c| !c.3) {
        cands.retain(|c| !c.3);
    }
    let detected = if let Some(c) = cands.iter().find(|c| c.1) {
        Some(c.0)
    } else if let (Some(&first_meta), Some(&last_meta)) = (meta_pos.first(), meta_pos.last()) {
        let after: Vec<_> = cands.iter().copied().filter(|c| c.0 > last_meta).collect();
        if !after.is_empty() {
            choose(&after)
        } else {
            let _ = first_meta;
            cands.iter().rev().find(|c| c.0 < last_meta).map(|c| c.0)
        }
    } else {
        choose(&cands)
    };

    let declared = declared.map(str::trim).filter(|d| !d.is_empty());
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
        let before_title = title_pos.is_some_and(|tp| p < tp);
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
            Some((
                RemovalReason::Chrome,
                if m.date.is_some() {
                    "date"
                } else {
                    "reading-time"
                },
            ))
        } else if garbled(&t) {
            Some((RemovalReason::Artifact, "garbled"))
        } else if glued_buttons(&t) {
            Some((RemovalReason::Chrome, "glued-buttons"))
        } else if nav_pattern(&t) {
            Some((RemovalReason::Chrome, "nav-pattern"))
        } else if cta_pattern(&t) {
            Some((RemovalReason::Chrome, "cta"))
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

// ---------------------------------------------------------------------------------------------
// Steps 4 and 5: chrome anywhere, chrome after the body
// ---------------------------------------------------------------------------------------------

const LINK_ONLY: &[&str] = &[
    "read more",
    "learn more",
    "see more",
    "show more",
    "click here",
    "читати далі",
    "докладніше",
    "дізнатися більше",
    "дізнайтеся більше",
    "xem thêm",
    "đọc thêm",
    "tìm hiểu thêm",
    "阅读更多",
    "閱讀更多",
    "了解更多",
    "瞭解更多",
    "查看更多",
    "点击这里",
    "點擊這裡",
];

fn anywhere_chrome(ctx: &mut Ctx, model: &ChromeModel) {
    let n = ctx.lines.len();
    for i in 0..n {
        let l = &ctx.lines[i];
        if !l.live() || l.code {
            continue;
        }
        let t = l.text.as_str();
        if let Some(m) = meta_line(heading_text(t))
            && m.reading_word
            && m.date.is_none()
        {
            ctx.remove(i, RemovalReason::Chrome, "reading-time");
            continue;
        }
        if t.len() > 120 {
            continue;
        }
        let norm = junk_norm(t);
        if LINK_ONLY.iter().any(|w| {
            norm == *w
                || norm
                    .strip_prefix(w)
                    .is_some_and(|r| r.trim().chars().all(|c| !c.is_alphanumeric()))
        }) {
            ctx.remove(i, RemovalReason::Chrome, "link-only");
        }
    }
    // Runs of >= 3 adjacent short non-list lines, all repeated across articles: menus.
    if model.articles() < 2 {
        return;
    }
    let menu_like = |l: &Ln| {
        l.live()
            && !l.code
            && list_marker(&l.text).is_none()
            && !ends_terminal(&l.text, true, false)
            && display_width(&l.text) <= 60
            && model.is_site_wide(&l.text)
    };
    let mut i = 0;
    while i < n {
        if !menu_like(&ctx.lines[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < n && menu_like(&ctx.lines[j]) {
            j += 1;
        }
        if j - i >= 3 {
            for k in i..j {
                ctx.remove(k, RemovalReason::Chrome, "repeated-across-articles");
            }
        }
        i = j.max(i + 1);
    }
}

fn tail_scan(ctx: &mut Ctx, model: &ChromeModel, header_keys: &HashSet<String>) {
    let mut seen = 0;
    for i in (0..ctx.lines.len()).rev() {
        let l = &ctx.lines[i];
        if !l.live() {
            continue;
        }
        if l.code {
            break;
        }
        seen += 1;
        if seen > TAIL_MAX_LINES {
            break;
        }
        let t = l.text.clone();
        let key = chrome_key(&t);
        let rule = if footer_pattern(&t) || copyright(&t) {
            (RemovalReason::Trailing, "footer")
        } else if key.as_ref().is_some_and(|k| header_keys.contains(k)) {
            (RemovalReason::Chrome, "header-echo")
        } else if let Some(m) = meta_line(&t) {
            (
                RemovalReason::Chrome,
                if m.date.is_some() {
                    "date"
                } else {
                    "reading-time"
                },
            )
        } else if glued_buttons(&t) {
            (RemovalReason::Chrome, "glued-buttons")
        } else if nav_pattern(&t) {
            (RemovalReason::Chrome, "nav-pattern")
        } else if cta_pattern(&t) {
            (RemovalReason::Chrome, "cta")
        } else if model.is_site_wide(&t)
            && list_marker(&t).is_none()
            && !ends_terminal(&t, true, false)
        {
            (RemovalReason::Chrome, "repeated-across-articles")
        } else {
            break;
        };
        ctx.remove(i, rule.0, rule.1);
    }
}

// ---------------------------------------------------------------------------------------------
// Step 6: duplicates
// ---------------------------------------------------------------------------------------------

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

fn near_dup(a: &str, b: &str) -> bool {
    let (ca, cb) = (a.chars().count(), b.chars().count());
    if ca < 20 || cb < 20 || ca > 400 || cb > 400 || ca.min(cb) * 10 < ca.max(cb) * 8 {
        return false;
    }
    let la: Vec<char> = a.to_lowercase().chars().collect();
    let lb: Vec<char> = b.to_lowercase().chars().collect();
    if la.len() < 3
        || lb.len() < 3
        || la[..2] != lb[..2]
        || la[la.len() - 3..] != lb[lb.len() - 3..]
    {
        return false;
    }
    let mut ga: Vec<(char, char)> = la.windows(2).map(|w| (w[0], w[1])).collect();
    let mut gb: Vec<(char, char)> = lb.windows(2).map(|w| (w[0], w[1])).collect();
    ga.sort_unstable();
    gb.sort_unstable();
    let (mut x, mut y, mut common) = (0, 0, 0);
    while x < ga.len() && y < gb.len() {
        match ga[x].cmp(&gb[y]) {
            std::cmp::Ordering::Less => x += 1,
            std::cmp::Ordering::Greater => y += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                x += 1;
                y += 1;
            }
        }
    }
    common * 2 * 10 >= (ga.len() + gb.len()) * 8
}

fn dedupe(ctx: &mut Ctx) {
    let n = ctx.lines.len();
    let mut next_live = vec![usize::MAX; n];
    let mut nxt = usize::MAX;
    for i in (0..n).rev() {
        next_live[i] = nxt;
        if ctx.lines[i].live() {
            nxt = i;
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    for (i, &j) in next_live.iter().enumerate() {
        let l = &ctx.lines[i];
        if !l.live() || l.code {
            continue;
        }
        let text = l.text.clone();
        if explicit_heading(&text).is_some() || heading_shaped(&text) {
            continue;
        }
        let mlen = list_marker(&text).unwrap_or(0);
        let (marker, content) = text.split_at(mlen);
        let spans = sentence_spans(content);
        if spans.is_empty() || (spans.len() == 1 && ends_question(content)) {
            continue;
        }
        let mut keep = vec![true; spans.len()];
        let mut removals: Vec<(usize, &'static str)> = Vec::new();
        if spans.len() >= 2 {
            let last = spans.len() - 1;
            let frag = &content[spans[last].0..spans[last].1];
            if !ends_terminal(frag, true, true) && j != usize::MAX {
                let nt = &ctx.lines[j].text;
                if (heading_shaped(nt) || explicit_heading(nt).is_some())
                    && collapse_ws(heading_text(nt)) == collapse_ws(frag)
                {
                    keep[last] = false;
                    removals.push((last, "glued-next-heading"));
                }
            }
        }
        let mut recent: Vec<usize> = Vec::new();
        for (k, &(s, e)) in spans.iter().enumerate() {
            if !keep[k] {
                continue;
            }
            let sent = &content[s..e];
            if !ends_terminal(sent, true, false) || display_width(sent) < 16 {
                continue;
            }
            let key = collapse_ws(sent);
            if seen.contains(&key) {
                keep[k] = false;
                removals.push((k, "repeated-sentence"));
                continue;
            }
            if recent
                .iter()
                .rev()
                .take(2)
                .any(|&r| near_dup(&content[spans[r].0..spans[r].1], sent))
            {
                keep[k] = false;
                removals.push((k, "near-repeated-sentence"));
                continue;
            }
            seen.insert(key);
            recent.push(k);
        }
        if removals.is_empty() {
            continue;
        }
        let no = ctx.lines[i].no;
        removals.sort_by_key(|r| r.0);
        for &(k, rule) in &removals {
            ctx.note(
                no,
                content[spans[k].0..spans[k].1].to_string(),
                RemovalReason::Duplicate,
                rule,
            );
        }
        let mut out = String::new();
        let mut prev_end = 0;
        for (k, &(s, e)) in spans.iter().enumerate() {
            if keep[k] {
                if !out.is_empty() {
                    out.push_str(&content[prev_end..s]);
                }
                out.push_str(&content[s..e]);
            }
            prev_end = e;
        }
        let line = &mut ctx.lines[i];
        if out.trim().is_empty() {
            line.gone = true;
        } else {
            line.text = format!("{marker}{}", out.trim());
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared text helpers (also used by `sections`)
// ---------------------------------------------------------------------------------------------

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

fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            0x3000 => ' ',
            _ => c,
        })
        .collect()
}

/// Normalized key of a short line for [`ChromeModel`]; `None` for long or empty lines.
fn chrome_key(line: &str) -> Option<String> {
    let t = trim_line(line);
    if t.is_empty() || t.len() > 480 {
        return None;
    }
    let t = strip_structure(t);
    let (s, _) = strip_decorative(t);
    let s = fold_width(&s.to_lowercase());
    let s = s.trim_end_matches([':', ' ']).trim();
    if s.is_empty() || display_width(s) > 120 {
        return None;
    }
    Some(s.to_string())
}

/// Strips a list marker or heading hashes.
fn strip_structure(t: &str) -> &str {
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
            if head.to_lowercase() != *p {
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

fn is_closer(c: char) -> bool {
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

/// Last character that is not whitespace nor a closing quote/bracket.
fn last_significant(s: &str) -> Option<char> {
    s.chars()
        .rev()
        .find(|&c| !c.is_whitespace() && !is_closer(c))
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

fn ends_question(s: &str) -> bool {
    matches!(last_significant(s), Some('?' | '？'))
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
    if display_width(t) > MAX_HEADING_WIDTH || t.split_whitespace().count() > MAX_HEADING_WORDS {
        return false;
    }
    if !t.chars().any(char::is_alphabetic)
        || ends_terminal(t, true, true)
        || t.ends_with([',', '，', '、'])
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

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

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
                if is_terminal_char(d) || is_closer(d) {
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

// ---------------------------------------------------------------------------------------------
// Generic chrome patterns
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Meta {
    date: Option<String>,
    reading_word: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
}

fn tokens(s: &str, limit: usize) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_kind = 0u8; // 0 none, 1 digits, 2 narrow word, 3 wide word
    let flush = |out: &mut Vec<Tok>, cur: &mut String, kind: u8| {
        if cur.is_empty() {
            return;
        }
        if kind == 1 {
            let digits = cur.len();
            let v = cur.parse::<u32>().unwrap_or(u32::MAX);
            out.push(Tok::Num(v, digits));
        } else {
            out.push(Tok::Word(cur.to_lowercase()));
        }
        cur.clear();
    };
    for c in s.chars() {
        let kind = if c.is_ascii_digit() {
            1
        } else if c.is_alphabetic() || c == '\'' || c == '’' {
            if is_wide(c) { 3 } else { 2 }
        } else {
            0
        };
        if kind != cur_kind || kind == 0 {
            flush(&mut out, &mut cur, cur_kind);
            if out.len() > limit {
                return out;
            }
        }
        cur_kind = kind;
        if kind != 0 {
            cur.push(c);
        }
    }
    flush(&mut out, &mut cur, cur_kind);
    out
}

fn month_word(w: &str) -> Option<u32> {
    const EN: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    const UK_GEN: [&str; 12] = [
        "січня",
        "лютого",
        "березня",
        "квітня",
        "травня",
        "червня",
        "липня",
        "серпня",
        "вересня",
        "жовтня",
        "листопада",
        "грудня",
    ];
    const UK_NOM: [&str; 12] = [
        "січень",
        "лютий",
        "березень",
        "квітень",
        "травень",
        "червень",
        "липень",
        "серпень",
        "вересень",
        "жовтень",
        "листопад",
        "грудень",
    ];
    for (k, m) in EN.iter().enumerate() {
        if w == *m || (w.len() >= 3 && w == &m[..3]) || (k == 8 && w == "sept") {
            return Some(k as u32 + 1);
        }
    }
    for list in [UK_GEN, UK_NOM] {
        if let Some(k) = list.iter().position(|m| *m == w) {
            return Some(k as u32 + 1);
        }
    }
    None
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=days).contains(&d) {
        Some(format!("{y:04}-{m:02}-{d:02}"))
    } else {
        None
    }
}

/// A date in the token stream: `(first token, end token, YYYY-MM-DD)`.
fn match_date(t: &[Tok]) -> Option<(usize, usize, String)> {
    let num = |k: usize| match t.get(k) {
        Some(Tok::Num(v, d)) => Some((*v, *d)),
        _ => None,
    };
    let word = |k: usize| match t.get(k) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let is_ord = |k: usize| matches!(word(k), Some("st" | "nd" | "rd" | "th"));
    for i in 0..t.len() {
        // May 6, 2025 / May 6th 2025
        if let Some(m) = word(i).and_then(month_word)
            && let Some((d, dd)) = num(i + 1)
        {
            let j = if is_ord(i + 2) { i + 3 } else { i + 2 };
            if let Some((y, 4)) = num(j)
                && dd <= 2
                && let Some(s) = ymd(y, m, d)
            {
                return Some((i, j + 1, s));
            }
        }
        if let Some((a, ad)) = num(i) {
            // 6 May 2025 / 6 травня 2025 р.
            let mut j = i + 1;
            if is_ord(j) {
                j += 1;
            }
            if word(j) == Some("of") {
                j += 1;
            }
            if let Some(m) = word(j).and_then(month_word)
                && let Some((y, 4)) = num(j + 1)
                && ad <= 2
                && let Some(s) = ymd(y, m, a)
            {
                let mut e = j + 2;
                if matches!(word(e), Some("р" | "року" | "рік")) {
                    e += 1;
                }
                return Some((i, e, s));
            }
            // 2025年5月6日
            if ad == 4
                && word(i + 1) == Some("年")
                && word(i + 3) == Some("月")
                && let (Some((m, _)), Some((d, _))) = (num(i + 2), num(i + 4))
                && let Some(s) = ymd(a, m, d)
            {
                let e = if matches!(word(i + 5), Some("日" | "号" | "號")) {
                    i + 6
                } else {
                    i + 5
                };
                return Some((i, e, s));
            }
            // 2025-05-06
            if ad == 4
                && let (Some((m, md)), Some((d, dd))) = (num(i + 1), num(i + 2))
                && md <= 2
                && dd <= 2
                && let Some(s) = ymd(a, m, d)
            {
                return Some((i, i + 3, s));
            }
            // 6 tháng 5 năm 2025 / 6 tháng 5, 2025
            if ad <= 2
                && word(i + 1) == Some("tháng")
                && let Some((m, _)) = num(i + 2)
            {
                let j = if word(i + 3) == Some("năm") {
                    i + 4
                } else {
                    i + 3
                };
                if let Some((y, 4)) = num(j)
                    && let Some(s) = ymd(y, m, a)
                {
                    let s0 = if i > 0 && word(i - 1) == Some("ngày") {
                        i - 1
                    } else {
                        i
                    };
                    return Some((s0, j + 1, s));
                }
            }
            // 06.05.2025 (day first unless the second number cannot be a month)
            if ad <= 2
                && let (Some((b, bd)), Some((y, 4))) = (num(i + 1), num(i + 2))
                && bd <= 2
            {
                let s = if b > 12 { ymd(y, a, b) } else { ymd(y, b, a) };
                if let Some(s) = s {
                    return Some((i, i + 3, s));
                }
            }
        }
    }
    None
}

const MINUTE_WORDS: &[&str] = &[
    "min",
    "mins",
    "minute",
    "minutes",
    "minuten",
    "minuto",
    "minutos",
    "хв",
    "хвилин",
    "хвилини",
    "хвилина",
    "хвилину",
    "мин",
    "минут",
    "минуты",
    "минута",
    "phút",
];
const READING_WORDS: &[&str] = &[
    "read",
    "reading",
    "reads",
    "lesezeit",
    "lesen",
    "lesedauer",
    "читання",
    "читати",
    "прочитання",
    "đọc",
    "lectura",
    "lecture",
];

fn is_minute_token(w: &str) -> bool {
    MINUTE_WORDS.contains(&w) || w.starts_with("分钟") || w.starts_with("分鐘") || w == "分"
}

fn is_reading_token(w: &str) -> bool {
    READING_WORDS.contains(&w)
        || w.contains("阅读")
        || w.contains("閱讀")
        || w.contains('读')
        || w.contains('讀')
}

/// A meta line: a bare date and/or a reading-time stub, with at most three other words.
fn meta_line(s: &str) -> Option<Meta> {
    let s = s.trim();
    if s.is_empty() || s.len() > 320 || display_width(s) > 80 {
        return None;
    }
    let t = tokens(s, 16);
    if t.len() > 14 {
        return None;
    }
    let mut used = vec![false; t.len()];
    let mut date = None;
    if let Some((a, b, d)) = match_date(&t) {
        used[a..b.min(t.len())].iter_mut().for_each(|u| *u = true);
        date = Some(d);
    }
    let mut reading = false;
    for k in 0..t.len() {
        if used[k] {
            continue;
        }
        let numberish = match &t[k] {
            Tok::Num(_, d) => *d <= 3,
            Tok::Word(w) => !w.is_empty() && w.len() <= 3 && w.chars().all(|c| c == 'x'),
        };
        if numberish
            && k + 1 < t.len()
            && !used[k + 1]
            && let Tok::Word(w) = &t[k + 1]
            && is_minute_token(w)
        {
            used[k] = true;
            used[k + 1] = true;
            reading = true;
            break;
        }
    }
    if date.is_none() && !reading {
        return None;
    }
    let mut reading_word = false;
    let mut other_words = 0;
    for (k, tok) in t.iter().enumerate() {
        match tok {
            Tok::Word(w) => {
                reading_word |= is_reading_token(w);
                if !used[k] {
                    other_words += 1;
                }
            }
            Tok::Num(..) => {
                if !used[k] {
                    return None;
                }
            }
        }
    }
    if other_words > 3 {
        return None;
    }
    // A finished statement is not a stub ("Read the guide in 5 minutes."); an abbreviation dot
    // ("4 Min.", "2025 р.") or a dotted date is fine.
    if ends_terminal(s, true, false) {
        let abbrev_dot = s.ends_with('.')
            && match t.last() {
                Some(Tok::Word(w)) => w.chars().count() <= 3,
                Some(Tok::Num(..)) => true,
                None => false,
            };
        if !abbrev_dot {
            return None;
        }
    }
    Some(Meta {
        date,
        reading_word: reading && reading_word,
    })
}

fn lower_prefix_match(t: &str, list: &[&str]) -> bool {
    let l = t.trim().to_lowercase();
    list.iter().any(|p| l.starts_with(p))
}

/// Navigation lines: "Back to …", "Zurück …", "Повернутися …", "Quay lại …", "返回…", "Home", breadcrumbs.
fn nav_pattern(t: &str) -> bool {
    if t.len() > 240 {
        return false;
    }
    const PREFIX: &[&str] = &[
        "back to ",
        "return to ",
        "go back",
        "go to ",
        "skip to ",
        "jump to ",
        "zurück ",
        "повернутися",
        "назад до",
        "перейти до",
        "quay lại",
        "trở về",
        "trở lại",
        "chuyển đến",
        "chuyển tới",
        "bỏ qua",
        "返回",
        "回到",
        "跳到",
        "跳至",
        "跳转",
    ];
    const EXACT: &[&str] = &[
        "home",
        "menu",
        "main menu",
        "navigation",
        "back",
        "zurück",
        "назад",
        "головна",
        "меню",
        "trang chủ",
        "首页",
        "首頁",
        "主页",
        "主頁",
        "目录",
        "目錄",
        "danh mục",
    ];
    let t = t.trim();
    if t.split_whitespace().count() > 8 || ends_terminal(t, false, false) {
        return false;
    }
    let l = t.to_lowercase();
    if EXACT.contains(&l.as_str()) || PREFIX.iter().any(|p| l.starts_with(p)) {
        return true;
    }
    let seps = [" > ", " › ", " » ", " / ", " | ", " → "]
        .iter()
        .map(|s| t.matches(s).count())
        .sum::<usize>();
    seps >= 2 && t.split_whitespace().count() <= 12
}

/// Call-to-action buttons: "Watch a demo", "Start free trial", "Переглянути демо", "Dùng thử", "免费试用"…
fn cta_pattern(t: &str) -> bool {
    if t.len() > 240 {
        return false;
    }
    const PREFIX: &[&str] = &[
        "watch a demo",
        "watch demo",
        "book a demo",
        "request a demo",
        "get a demo",
        "take a product tour",
        "take a tour",
        "start free trial",
        "start your free trial",
        "start for free",
        "try it free",
        "try for free",
        "try free",
        "sign up",
        "sign in",
        "log in",
        "get started",
        "переглянути демо",
        "замовити демо",
        "спробувати",
        "почати безкоштовно",
        "зареєструватися",
        "увійти",
        "xem demo",
        "dùng thử",
        "đăng ký",
        "đăng nhập",
        "bắt đầu miễn phí",
        "免费试用",
        "免費試用",
        "预约演示",
        "預約演示",
        "观看演示",
        "觀看演示",
        "立即注册",
        "立即註冊",
        "立即试用",
        "立即試用",
        "登录",
        "登入",
        "注册",
        "註冊",
    ];
    t.split_whitespace().count() <= 8
        && !ends_terminal(t, false, false)
        && lower_prefix_match(t, PREFIX)
}

/// Footers: "Learn more … re: …", "Read more", "Дізнайтеся більше…", "Tìm hiểu thêm…", "了解更多…".
fn footer_pattern(t: &str) -> bool {
    if t.len() > 480 {
        return false;
    }
    const PREFIX: &[&str] = &[
        "learn more",
        "read more",
        "see more",
        "find out more",
        "discover more",
        "explore more",
        "дізнайтеся більше",
        "дізнатися більше",
        "читати далі",
        "читати більше",
        "докладніше",
        "tìm hiểu thêm",
        "xem thêm",
        "đọc thêm",
        "了解更多",
        "瞭解更多",
        "查看更多",
        "阅读更多",
        "閱讀更多",
    ];
    t.split_whitespace().count() <= 14
        && !ends_terminal(t, false, false)
        && lower_prefix_match(t, PREFIX)
}

fn copyright(t: &str) -> bool {
    if t.len() > 640 {
        return false;
    }
    let l = t.trim().to_lowercase();
    display_width(&l) <= 160
        && (l.starts_with('©')
            || l.starts_with("copyright")
            || l.contains("all rights reserved")
            || l.contains("版权所有")
            || l.contains("版權所有")
            || l.contains("усі права захищені")
            || l.contains("bảo lưu mọi quyền"))
}

/// Two buttons glued into one line: a word starting lowercase with ≥ 3 lowercase letters then an
/// uppercase + lowercase letter ("demoTake"), in a short unpunctuated line of ≥ 3 words.
fn glued_buttons(t: &str) -> bool {
    if t.len() > 480 {
        return false;
    }
    let words = t.split_whitespace().count();
    if !(3..=12).contains(&words) || ends_terminal(t, true, false) {
        return false;
    }
    t.split_whitespace().any(|w| {
        let cs: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if cs.first().is_none_or(|c| !c.is_lowercase()) {
            return false;
        }
        let mut run = 0;
        for k in 0..cs.len() {
            if cs[k].is_lowercase() {
                run += 1;
            } else if cs[k].is_uppercase() {
                if run >= 3 && cs.get(k + 1).is_some_and(|c| c.is_lowercase()) {
                    return true;
                }
                run = 0;
            } else {
                run = 0;
            }
        }
        false
    })
}

/// A garbled line: ≥ 8 words, not a sentence, and a digit inside a lowercase word ("chầ5c").
fn garbled(t: &str) -> bool {
    if t.len() > 2000 || t.split_whitespace().count() < 8 || ends_terminal(t, true, true) {
        return false;
    }
    t.split_whitespace().any(|w| {
        let cs: Vec<char> = w.chars().collect();
        let mut k = 1;
        while k + 1 < cs.len() {
            if cs[k].is_ascii_digit() && cs[k - 1].is_lowercase() {
                let mut j = k;
                while j < cs.len() && cs[j].is_ascii_digit() {
                    j += 1;
                }
                if cs.get(j).is_some_and(|c| c.is_lowercase()) {
                    return true;
                }
                k = j;
            }
            k += 1;
        }
        false
    })
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ingest::seed_fixtures::{S0, S1, S2, S3, S4, SEEDS};

    fn model() -> ChromeModel {
        ChromeModel::learn(SEEDS)
    }

    fn has_removed(c: &Cleaned, text: &str, reason: RemovalReason) -> bool {
        c.removed
            .iter()
            .any(|r| r.text.contains(text) && r.reason == reason)
    }

    const CHROME: &[&str] = &[
        "Back to Reference",
        "Most popular",
        "Search everything",
        "Watch a demo",
        "min read",
        "May 6, 2025",
        "\\n",
        "Learn more tools",
        "Повернутися до посилання",
        "Найпопулярніше",
        "Шукайте все",
        "Переглянути демо",
        "хв на читання",
        "July 13, 2025",
        "June 18, 2025",
        "相关推荐",
        "南京屹丰公司",
        "取消评论",
        "上一篇",
        "下一篇",
        "回答于",
        "🔑",
        "Nây gí rìn",
    ];

    #[test]
    fn seeds_titles_and_dates() {
        let m = model();
        let want = [
            (S0, Some("什麼是客戶服務運營經理?"), Some("2025-05-06")),
            (S1, None, None),
            (S2, Some("客戶服務團隊負責人是什麼?"), None),
            (
                S3,
                Some("Що таке менеджер по виконанню обов'язків з обслуговування клієнтів?"),
                Some("2025-07-13"),
            ),
            (
                S4,
                Some("What is a Customer Service Operations Manager?"),
                Some("2025-06-18"),
            ),
        ];
        for (src, title, date) in want {
            let c = clean(src, None, &m);
            assert_eq!(c.title.as_deref(), title);
            assert_eq!(c.updated.as_deref(), date);
            if let Some(t) = title {
                assert!(!c.body.contains(t), "title line left in body: {t}");
            }
        }
        // Same with an empty model (a corpus of one article).
        let empty = ChromeModel::default();
        for (src, title, _) in want {
            assert_eq!(clean(src, None, &empty).title.as_deref(), title);
        }
    }

    #[test]
    fn seeds_no_chrome_left() {
        for model in [model(), ChromeModel::default()] {
            for src in SEEDS {
                let c = clean(src, None, &model);
                for junk in CHROME {
                    assert!(!c.body.contains(junk), "{junk:?} left in body:\n{}", c.body);
                }
                assert!(
                    !c.body.lines().any(|l| l.trim() == "\\" || l.trim() == "-"),
                    "artifact left"
                );
            }
        }
    }

    #[test]
    fn seeds_reasons_recorded() {
        let m = model();
        let c0 = clean(S0, None, &m);
        assert!(
            c0.removed.iter().any(|r| r.line == 1
                && r.reason == RemovalReason::Chrome
                && r.rule == "nav-pattern")
        );
        assert!(c0.removed.iter().any(|r| r.line == 3
            && r.reason == RemovalReason::Chrome
            && r.rule == "repeated-across-articles"));
        assert!(
            c0.removed.iter().any(|r| r.line == 2
                && r.reason == RemovalReason::Chrome
                && r.rule == "header-block")
        );
        assert!(c0.removed.iter().any(|r| r.line == 6 && r.rule == "date"));
        assert!(
            c0.removed
                .iter()
                .any(|r| r.line == 7 && r.rule == "reading-time")
        );
        assert!(
            c0.removed
                .iter()
                .any(|r| r.line == 5 && r.rule == "glued-buttons")
        );
        assert!(c0.removed.iter().any(|r| r.line == 9
            && r.rule == "title-line"
            && r.reason == RemovalReason::Duplicate));
        assert!(
            c0.removed
                .iter()
                .any(|r| r.line == 163 && r.rule == "heading-symbols" && r.text == "🔑🥡🍕")
        );
        assert!(
            c0.removed.iter().any(|r| r.line == 179
                && r.reason == RemovalReason::Trailing
                && r.rule == "footer")
        );
        assert!(
            c0.removed
                .iter()
                .any(|r| r.line == 177 && r.reason == RemovalReason::Chrome)
        );
        assert!(c0.body.contains("\nKey takeaways\n"));
        let c3 = clean(S3, None, &m);
        assert!(c3.removed.iter().any(|r| r.line == 15
            && r.rule == "literal-escape"
            && r.reason == RemovalReason::Artifact));
        assert!(
            c3.removed
                .iter()
                .any(|r| r.line == 72 && r.rule == "lone-backslash")
        );
        assert!(
            c3.removed
                .iter()
                .any(|r| r.line == 95 && r.rule == "empty-list-item")
        );
        assert!(
            c3.removed
                .iter()
                .any(|r| r.line == 119 && r.rule == "header-echo")
        );
        assert!(
            c3.removed
                .iter()
                .any(|r| r.line == 5 && r.rule == "cta" && r.text == "Переглянути демо")
        );
        assert!(
            c3.removed
                .iter()
                .any(|r| r.line == 3 && r.rule == "header-block" && r.text == "Найпопулярніше")
        );
        let c4 = clean(S4, None, &m);
        assert!(
            c4.removed.iter().any(|r| r.line == 11
                && r.reason == RemovalReason::Artifact
                && r.rule == "garbled")
        );
        let c1 = clean(S1, None, &m);
        assert!(c1.removed.iter().any(|r| r.line == 18
            && r.reason == RemovalReason::Trailing
            && r.rule == "junk-block"));
        assert!(
            c1.removed
                .iter()
                .any(|r| r.line == 51 && r.reason == RemovalReason::Trailing)
        );
        assert!(
            c1.removed
                .iter()
                .any(|r| r.line == 15 && r.rule == "dangling-list-marker")
        );
        assert!(
            !c1.removed
                .iter()
                .any(|r| r.line < 18 && r.reason == RemovalReason::Trailing)
        );
    }

    #[test]
    fn seeds_real_headings_repeated_across_articles_are_kept() {
        let m = model();
        assert!(m.is_repeated("引言") && m.is_repeated("責任") && m.is_repeated("結論"));
        let c0 = clean(S0, None, &m);
        let c2 = clean(S2, None, &m);
        for h in ["引言", "責任", "所需技能", "工具和技術", "最佳實踐", "結論"] {
            assert!(c0.body.lines().any(|l| l == h), "000 lost heading {h}");
            assert!(c2.body.lines().any(|l| l == h), "002 lost heading {h}");
        }
    }

    #[test]
    fn seeds_content_kept() {
        let m = model();
        let keep: &[(&str, &[&str])] = &[
            (
                S0,
                &[
                    "客戶服務運營經理在確保公司客戶服務部門順利運行和高效運作中發揮著關鍵作用。",
                    "探索這一領域的機會,邁出通向有意義和影響力的職業生涯的第一步。",
                    "What are the key responsibilities of a Customer Service Operations Manager?",
                    "and enhance the overall customer service experience.",
                    "鼓勵團隊成員將客戶放在首位,並竭盡所能解決他們的問題。",
                ],
            ),
            (
                S1,
                &[
                    "客服经理是负责统筹和管理客户服务团队",
                    "成为企业客户体验的核心推动者。",
                    "问:客服经理需要具备哪些核心技能?",
                    "从源头减少客户不满。",
                    "相关问答FAQs:",
                ],
            ),
            (
                S2,
                &[
                    "- 團隊管理: 監督日常運作",
                    "考慮探索這一動態領域,尋求獲得職業機會。",
                    "成長和晉升的機會取決於個人的表現",
                ],
            ),
            (
                S3,
                &[
                    "Менеджер по виконанню обов'язків з обслуговування клієнтів (CSPM) відіграє важливу роль",
                    "- Лідерство Команди: Проводіть",
                    "приймати рішення на підґрунті даних для поліпшення досвіду клієнтів.",
                ],
            ),
            (
                S4,
                &[
                    "Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng",
                    "This role involves strategic planning, overseeing daily operations",
                    "nâng cao trải nghiệm dịch vụ khách hàng tổng thể.",
                ],
            ),
        ];
        for (src, sentences) in keep {
            let c = clean(src, None, &m);
            for s in *sentences {
                assert!(c.body.contains(s), "lost {s:?}");
            }
        }
    }

    #[test]
    fn seed_000_duplicates() {
        let c = clean(S0, None, &model());
        // The next heading glued onto the end of a paragraph is removed from the paragraph only.
        assert!(
            c.removed
                .iter()
                .any(|r| r.line == 141 && r.rule == "glued-next-heading" && r.text == "利用技術")
        );
        assert!(
            c.removed
                .iter()
                .any(|r| r.line == 149 && r.rule == "glued-next-heading")
        );
        assert!(
            c.body
                .contains("並竭盡所能解決他們的問題。\n\n利用技術\n\n利用最新的工具")
        );
        // A near-verbatim repeat in the same paragraph: the first stays.
        assert!(
            c.removed
                .iter()
                .any(|r| r.line == 137 && r.rule == "near-repeated-sentence")
        );
        assert!(
            c.body
                .contains("參加研討會、參加行業會議並參與持續學習,以提升您的技能和知識。")
        );
        assert!(!c.body.contains("出席行業會議"));
    }

    #[test]
    fn verbatim_repeats_removed_first_kept() {
        let body = "Intro\n\nThe app syncs every hour. You can change this in Settings. The app syncs every hour.\n\n同步每小时进行一次。可以在设置中修改。同步每小时进行一次。\n\nLater\n\nYou can change this in Settings. New text here.";
        let c = clean(body, Some("Sync"), &ChromeModel::default());
        assert_eq!(c.body.matches("The app syncs every hour.").count(), 1);
        assert_eq!(c.body.matches("同步每小时进行一次。").count(), 1);
        assert_eq!(
            c.body.matches("You can change this in Settings.").count(),
            1
        );
        assert!(c.body.contains("New text here."));
        assert_eq!(
            c.removed
                .iter()
                .filter(|r| r.reason == RemovalReason::Duplicate)
                .count(),
            3
        );
        // Headings and short sentences are not deduplicated.
        let c = clean(
            "Setup\n\nDo it. Yes.\n\nSetup\n\nAgain. Yes.",
            None,
            &ChromeModel::default(),
        );
        assert_eq!(
            c.body.matches("Setup").count(),
            1 + usize::from(c.title.is_none())
        );
        assert_eq!(c.body.matches("Yes.").count(), 2);
    }

    fn unseen_site() -> (String, String) {
        let a = "Zurück zur Übersicht\nChuyển đến nội dung\nHilfe-Center Pro\nJetzt kostenlos testen\nKostenlos testenDemo buchen\n12 phút đọc\n\nWie ändere ich mein Passwort?\n\nÜberblick\n\nDie Sitzung läuft nach 12 Minuten ab. Melden Sie sich erneut an, um fortzufahren, und wählen Sie dann ein neues Passwort.\n\nSchritte\n\nÖffnen Sie die Einstellungen und klicken Sie auf Sicherheit. Zurück zur Übersicht gelangen Sie über das Menü oben links.\n\nHubSpot CRM\n\nVerbinden Sie HubSpot und PlayVox mit Ihrem Konto, damit die Daten synchron bleiben.\n\nBài viết liên quan\n- Wie lösche ich mein Konto?\n- Wie exportiere ich Daten?\n- Wie lade ich Kollegen ein?\nLeave a comment\nName*\nEmail*\n".to_string();
        let b = "Zurück zur Übersicht\nChuyển đến nội dung\nHilfe-Center Pro\n阅读时间 5 分钟\n\n如何导出数据?\n\nÜberblick\n\n在设置页面中选择导出,然后选择文件格式并确认。导出通常需要 5 分钟左右完成。\n\nSchritte\n\n打开设置,点击导出按钮,等待邮件通知后下载文件即可完成全部操作。\n\n相关推荐\n- 如何删除账号?\n- 如何邀请同事?\n发表评论\n".to_string();
        (a, b)
    }

    #[test]
    fn unseen_site_chrome_removed_content_kept() {
        let (a, b) = unseen_site();
        for model in [
            ChromeModel::learn([a.as_str(), b.as_str()]),
            ChromeModel::default(),
        ] {
            let ca = clean(&a, None, &model);
            assert_eq!(ca.title.as_deref(), Some("Wie ändere ich mein Passwort?"));
            for junk in [
                "Zurück zur Übersicht\n",
                "Chuyển đến nội dung",
                "Hilfe-Center Pro",
                "Jetzt kostenlos testen",
                "testenDemo",
                "12 phút đọc",
                "Bài viết liên quan",
                "Wie lösche ich",
                "Leave a comment",
                "Name*",
                "Email*",
            ] {
                assert!(!ca.body.contains(junk), "{junk:?} left:\n{}", ca.body);
            }
            assert!(ca.body.starts_with("Überblick\n"));
            for keep in [
                "Überblick",
                "Schritte",
                "Die Sitzung läuft nach 12 Minuten ab.",
                "Zurück zur Übersicht gelangen Sie über das Menü oben links.",
                "HubSpot CRM",
                "Verbinden Sie HubSpot und PlayVox",
            ] {
                assert!(ca.body.contains(keep), "{keep:?} lost:\n{}", ca.body);
            }
            let cb = clean(&b, None, &model);
            assert_eq!(cb.title.as_deref(), Some("如何导出数据?"));
            for junk in [
                "阅读时间",
                "相关推荐",
                "如何删除账号",
                "发表评论",
                "Chuyển đến nội dung",
            ] {
                assert!(!cb.body.contains(junk), "{junk:?} left:\n{}", cb.body);
            }
            assert!(cb.body.contains("导出通常需要 5 分钟左右完成。"));
            assert!(cb.body.contains("Überblick") && cb.body.contains("Schritte"));
            assert!(has_removed(&ca, "12 phút đọc", RemovalReason::Chrome));
            assert!(has_removed(&ca, "Leave a comment", RemovalReason::Trailing));
        }
    }

    #[test]
    fn repeated_lines_in_a_run_are_menus_single_repeated_headings_are_not() {
        let a = "Title one\n\nIntro text is long enough to be prose, really it is. Another sentence here.\n\nPricing\nBlog\nCareers\n\nSetup\n\nInstall the app from the store and sign in with your account.";
        let b = "Title two\n\nOther intro text is long enough to be prose, sure. More words follow.\n\nPricing\nBlog\nCareers\n\nSetup\n\nOpen the web version and create a workspace for your team.";
        let m = ChromeModel::learn([a, b]);
        let c = clean(a, None, &m);
        assert!(!c.body.contains("Pricing") && !c.body.contains("Careers"));
        assert!(c.body.contains("Setup\n\nInstall the app"));
        // Without the corpus signal the run is kept: nothing says it is chrome.
        let c = clean(a, None, &ChromeModel::default());
        assert!(c.body.contains("Pricing\nBlog\nCareers"));
    }

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
    fn every_kept_input_line_is_in_the_body() {
        let m = model();
        for src in SEEDS {
            let c = clean(src, None, &m);
            let touched: HashSet<usize> = c.removed.iter().map(|r| r.line).collect();
            for (k, line) in src.lines().enumerate() {
                let t = normalize_bullet(trim_line(line));
                if t.is_empty() || touched.contains(&(k + 1)) {
                    continue;
                }
                assert!(
                    c.body.lines().any(|l| l == t),
                    "line {} silently changed or dropped: {t}",
                    k + 1
                );
            }
        }
    }

    #[test]
    fn no_title_when_body_starts_with_prose() {
        let c = clean(S1, None, &model());
        assert_eq!(c.title, None);
        assert!(c.body.starts_with("客服经理是负责统筹和管理客户服务团队"));
    }

    #[test]
    fn reading_time_stubs() {
        for s in [
            "XX min read",
            "5 min read",
            "12 phút đọc",
            "阅读时间 5 分钟",
            "閱讀時間 3 分鐘",
            "XX хв на читання",
            "Reading time: 7 minutes",
            "Lesezeit: 4 Min.",
            "预计阅读 3分钟",
            "5分钟阅读",
        ] {
            let m = meta_line(s).unwrap_or_else(|| panic!("not a stub: {s}"));
            assert!(m.reading_word, "{s}");
        }
        for s in [
            "Set the timeout to 5 min for long uploads",
            "Die Sitzung läuft nach 12 Minuten ab.",
            "Read the guide in 5 minutes.",
            "Version 3.5 took 5 min",
            "导出通常需要 5 分钟左右完成。",
        ] {
            assert!(
                meta_line(s).is_none_or(|m| !m.reading_word),
                "wrongly a stub: {s}"
            );
        }
        let c = clean(
            "Intro\n\nA real paragraph that is long enough to be prose here. And more.\n\n8 min read\n\nThe session expires after 8 min of inactivity. Sign in again.",
            None,
            &ChromeModel::default(),
        );
        assert!(!c.body.contains("8 min read"));
        assert!(c.body.contains("after 8 min of inactivity"));
    }

    #[test]
    fn dates() {
        let d = |s: &str| meta_line(s).and_then(|m| m.date);
        assert_eq!(d("May 6, 2025").as_deref(), Some("2025-05-06"));
        assert_eq!(d("July 13, 2025").as_deref(), Some("2025-07-13"));
        assert_eq!(d("Sept 3rd 2024").as_deref(), Some("2024-09-03"));
        assert_eq!(d("Updated: 2025-05-06").as_deref(), Some("2025-05-06"));
        assert_eq!(d("2025年5月6日").as_deref(), Some("2025-05-06"));
        assert_eq!(d("更新于 2025年11月6日").as_deref(), Some("2025-11-06"));
        assert_eq!(d("6 травня 2025 р.").as_deref(), Some("2025-05-06"));
        assert_eq!(d("ngày 6 tháng 5 năm 2025").as_deref(), Some("2025-05-06"));
        assert_eq!(d("06.05.2025").as_deref(), Some("2025-05-06"));
        assert_eq!(d("May 6, 2025 · 5 min read").as_deref(), Some("2025-05-06"));
        assert_eq!(
            d("Version 3.5 released on May 6, 2025 with many fixes."),
            None
        );
        assert_eq!(d("What changed in May 2025"), None);
        assert_eq!(d("February 30, 2025"), None);
        assert_eq!(d("February 29, 2024").as_deref(), Some("2024-02-29"));
    }

    #[test]
    fn glued_buttons_shape() {
        assert!(glued_buttons("Watch a demoTake a product tour"));
        assert!(glued_buttons("Kostenlos testenDemo buchen"));
        assert!(glued_buttons("Переглянути демоСпробувати безкоштовно"));
        for s in [
            "HubSpot CRM setup",
            "Using PlayVox and MaestroQA",
            "Set up your iPhone now",
            "NICE inContact and Verint",
            "macOS and Windows apps",
        ] {
            assert!(!glued_buttons(s), "{s}");
        }
    }

    #[test]
    fn nav_cta_footer_patterns() {
        for s in [
            "Back to Reference",
            "Zurück zur Übersicht",
            "Повернутися до посилання",
            "Quay lại danh sách",
            "Chuyển đến nội dung",
            "返回首页",
            "Home > Docs > Billing",
        ] {
            assert!(nav_pattern(s), "{s}");
        }
        for s in [
            "Back up your data before upgrading.",
            "Return policy",
            "Home office setup tips for remote teams that work",
        ] {
            assert!(!nav_pattern(s), "{s}");
        }
        assert!(
            cta_pattern("Переглянути демо")
                && cta_pattern("Start free trial")
                && cta_pattern("免费试用")
        );
        assert!(footer_pattern(
            "Learn more tools and terminology re: workplace knowledge"
        ));
        assert!(!footer_pattern(
            "Learn more about exports in the next section."
        ));
    }

    #[test]
    fn garbled_shape() {
        assert!(garbled(
            "Nây gí rìn nhu cên đìch quy trinh ó chầ5c địng đảt khoế ày ngìn dễ ủa biãn tủ lài cì khách"
        ));
        assert!(!garbled(
            "Rishi uses Five9 and i18n tools to translate everything for customers."
        ));
        assert!(!garbled(
            "Using Five9 and Genesys for large call centers in many countries today"
        ));
    }

    #[test]
    fn literal_escapes() {
        let c = clean(
            "Intro\n\nFirst part.\\nSecond part here.\n\\n\\n\nThird.\nPath C:\\new folder\\names stays",
            None,
            &ChromeModel::default(),
        );
        assert!(!c.body.contains("\\n\\n"));
        assert!(c.body.contains("First part.\nSecond part here."));
        assert!(c.body.contains("C:\\new folder\\names"));
        assert_eq!(
            c.removed
                .iter()
                .filter(|r| r.rule == "literal-escape")
                .count(),
            2
        );
    }

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

    #[test]
    fn no_panic_on_tricky_input() {
        let big_line = "a".repeat(10 * 1024 * 1024);
        let many_lines = "Heading\n\nSome text. More text!\n- item: value\n\\n\n".repeat(20_000);
        let inputs: Vec<String> = vec![
            String::new(),
            "\n\n\n".into(),
            "\r\n\r\n".into(),
            "。。。!!!...???".into(),
            "🍕🍕🍕\n🔑".into(),
            "\\".into(),
            "\\n".into(),
            "-".into(),
            "- ".into(),
            "#".into(),
            "####### x".into(),
            "问:".into(),
            "答:".into(),
            "```\ncode\n".into(),
            "e\u{301}\u{301}\u{301}".into(),
            "Back to Reference".into(),
            "May 6, 2025".into(),
            "\u{200B}\u{FEFF}".into(),
            "a.b.c.d.e.f".into(),
            "X\\nY\\nZ\\".into(),
            "相关推荐\n- x".into(),
            "9999999999999999999 min read".into(),
            "February 30, 2025".into(),
            "Name*".into(),
            big_line,
            many_lines,
        ];
        let m = ChromeModel::learn(inputs.iter().map(String::as_str));
        for s in &inputs {
            let c = clean(s, None, &m);
            let _ = clean(s, Some("x"), &ChromeModel::default());
            assert!(c.body.len() <= s.len() + 16);
        }
    }
}
