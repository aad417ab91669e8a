//! Steps 4 and 5 of cleaning: chrome anywhere in the body (reading-time stubs with a reading word,
//! bare "Read more" link lines ([`LINK_ONLY`]), runs of ≥ 3 short lines repeated site-wide) and
//! chrome after the body (footers, copyright, header echoes, dates, nav/CTA lines), removed from
//! the end upwards until the first real content line.

use std::collections::HashSet;

use super::chrome_model::{ChromeModel, chrome_key};
use super::dates::meta_line;
use super::patterns::{copyright, cta_pattern, footer_pattern, glued_buttons, nav_pattern};
use super::trailing::junk_norm;
use super::{Ctx, Ln, RemovalReason};
use crate::ingest::text::{ends_terminal, heading_text, list_marker, wider_than};

/// Most lines scanned from the end of the body.
const TAIL_MAX_LINES: usize = 30;

/// Link lines that are chrome wherever they stand, per language.
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

pub(super) fn anywhere_chrome(ctx: &mut Ctx, model: &ChromeModel) {
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
            && !wider_than(&l.text, 60)
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

pub(super) fn tail_scan(ctx: &mut Ctx, model: &ChromeModel, header_keys: &HashSet<String>) {
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
            (RemovalReason::Chrome, m.rule())
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

#[cfg(test)]
mod tests {
    use super::super::{ChromeModel, clean};
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
}
