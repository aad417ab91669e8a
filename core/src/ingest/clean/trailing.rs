//! Step 2 of cleaning: trailing junk. A line that starts a junk block — related / recommended /
//! comments / share / subscribe / previous-next headings in our languages ([`JUNK_EXACT`],
//! [`JUNK_LABELS`]), a form field ("Name*") or a feedback poll in any language (a question
//! answered by buttons: "War dieser Beitrag hilfreich? / Ja / Nein", "是否有帮助？ 有帮助 没帮助")
//! — cuts everything from it to the end when at least 40 % of the text lies before it and at
//! least half of the lines after it are link-like.

use super::{Ctx, RemovalReason};
use crate::ingest::text::{
    ends_question, ends_terminal, heading_shaped, list_marker, qa_prefix, strip_decorative,
    strip_structure, wider_than,
};

/// Headings that start a junk block, compared after [`junk_norm`], per language.
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

/// Labels that start a junk block when followed by a colon ("上一篇: …", "Next: …").
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
pub(super) fn junk_norm(t: &str) -> String {
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

/// A form field label: a few words and a final `*` ("Name*", "Email *").
fn is_form_field(t: &str) -> bool {
    let t = t.trim();
    let Some(head) = t.strip_suffix('*') else {
        return false;
    };
    let head = head.trim();
    !head.is_empty()
        && !wider_than(head, 24)
        && head.split_whitespace().count() <= 3
        && head.chars().any(char::is_alphabetic)
}

/// True when the line opens a junk block (see [`JUNK_EXACT`], [`JUNK_LABELS`]).
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

/// A poll's answer button: faces or a few short words without sentence punctuation ("Ja",
/// "Так", "有帮助", "Да Нет", "😞😐😃").
fn poll_button(t: &str) -> bool {
    let t = t.trim();
    !t.is_empty()
        && t.len() <= 64
        && qa_prefix(t).is_none()
        && !t.contains([':', '：'])
        && (!t.chars().any(char::is_alphanumeric)
            || (t.split_whitespace().count() <= 3
                && !wider_than(t, 16)
                && !ends_terminal(t, true, true)))
}

/// Words of "was this helpful?" in the languages we analyze and common others.
const HELPFUL_WORDS: &[&str] = &[
    "helpful",
    "hữu ích",
    "有帮助",
    "有幫助",
    "帮到",
    "幫到",
    "корисн",
    "допомогл",
    "полезн",
    "помогл",
    "hilfreich",
    "útil",
    "utile",
    "pomocn",
    "przydatn",
    "役に立",
    "도움",
];

/// A short question asking whether the page helped ("Bạn có thấy bài viết này hữu ích
/// không?", "Чи допомогла вам ця стаття?"): a poll even when its buttons were not scraped.
/// Still only where the text after it reads like links ([`trailing_junk`]): an FAQ asking
/// whether something helps is answered by sentences.
fn asks_if_helpful(q: &str) -> bool {
    let l = q.to_lowercase();
    ends_question(q)
        && !wider_than(q, 80)
        && !q.chars().any(|c| c.is_ascii_digit())
        && HELPFUL_WORDS.iter().any(|w| l.contains(w))
}

/// A feedback poll at `live[k]`: a short question followed by two answer buttons (on two lines
/// or one: "Ja / Nein", "Да Нет"; faces count as two), or one asking if the page helped. A
/// FAQ question is answered by a sentence, or by one word.
fn poll_at(ctx: &Ctx, live: &[usize], k: usize) -> bool {
    let text = |j: usize| live.get(j).map(|&i| ctx.lines[i].text.as_str());
    let Some(q) = text(k) else { return false };
    // "Q: …?" is an interview's or a FAQ's question.
    if wider_than(q, 120) || qa_prefix(strip_structure(q)).is_some() {
        return false;
    }
    let buttons = |t: &str| {
        if t.chars().any(char::is_alphanumeric) {
            t.split_whitespace().count()
        } else {
            2
        }
    };
    if !ends_question(q) {
        // The buttons on the question's line: "Did you find it helpful? Yes No", "这篇文章有
        // 帮助吗？ 是 否": two or three short words and nothing else after one question.
        return q.find(['?', '？']).is_some_and(|at| {
            let tail = q[at..].trim_start_matches(['?', '？']);
            !wider_than(&q[..at], 80)
                && (2..=3).contains(&tail.split_whitespace().count())
                && tail
                    .split_whitespace()
                    .all(|w| w.chars().count() <= 8 && w.chars().all(char::is_alphabetic))
        });
    }
    asks_if_helpful(q)
        || match (text(k + 1), text(k + 2)) {
            (Some(a), Some(b)) if poll_button(a) && poll_button(b) => true,
            (Some(a), _) => poll_button(a) && buttons(a) >= 2,
            _ => false,
        }
}

/// A line that reads like a link in a list of related pages.
fn link_like(t: &str) -> bool {
    list_marker(t).is_some()
        || (t.len() <= 240 && !wider_than(t, 60))
        || t.ends_with("...")
        || t.ends_with('…')
        || t.contains("http://")
        || t.contains("https://")
        || is_form_field(t)
}

pub(super) fn trailing_junk(ctx: &mut Ctx) {
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
        let placed = k > 0 && before * 10 >= total * 4;
        let poll = placed && poll_at(ctx, &live, k);
        if placed && (junk_starter(t) || poll) {
            let rest = m - k - 1;
            if suffix_links[k + 1] * 2 >= rest {
                // A heading over the poll ("文档反馈", "Feedback") heads nothing else.
                let from = if poll && heading_shaped(&ctx.lines[live[k - 1]].text) {
                    live[k - 1]
                } else {
                    live[k]
                };
                for i in from..ctx.lines.len() {
                    ctx.remove(i, RemovalReason::Trailing, "junk-block");
                }
                return;
            }
        }
        before += chars[k];
    }
}
