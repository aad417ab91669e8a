//! Page-chrome line patterns, as phrase tables per language (en, zh-Hans, zh-Hant, uk, vi and a
//! few more): navigation ("Back to …", breadcrumbs), calls to action ("Watch a demo", "免费试用"),
//! footers ("Learn more …"), copyright lines, two buttons glued into one line ("demoTake") and
//! garbled lines ("chầ5c").

use crate::ingest::text::{ends_terminal, wider_than};

/// True when the lowercased, trimmed line starts with one of `list`.
fn lower_prefix_match(t: &str, list: &[&str]) -> bool {
    let l = t.trim().to_lowercase();
    list.iter().any(|p| l.starts_with(p))
}

/// Navigation lines: "Back to …", "Zurück …", "Повернутися …", "Quay lại …", "返回…", "Home", breadcrumbs.
pub(super) fn nav_pattern(t: &str) -> bool {
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
        // Skip links in other languages a help center has.
        "zum inhalt",
        "zum hauptinhalt",
        "перейти к содержанию",
        "перейти к основному",
        "aller au contenu",
        "passer au contenu",
        "saltar al contenido",
        "ir al contenido",
        "przejdź do treści",
        "본문 바로가기",
    ];
    // Skip links in Japanese end with the verb ("メインコンテンツにスキップ").
    const SUFFIX: &[&str] = &["にスキップ", "へスキップ"];
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
        "contents",
        "table of contents",
        "on this page",
        "in this article",
        "inhalt",
        "inhaltsverzeichnis",
        "зміст",
        "на цій сторінці",
        "содержание",
        "mục lục",
        "nội dung chính",
        "本页目录",
        "本頁目錄",
        "本文目录",
        "本文目錄",
        "本文内容",
        "本文內容",
    ];
    let t = t.trim();
    if t.split_whitespace().count() > 8 || ends_terminal(t, false, false) {
        return false;
    }
    let l = t.to_lowercase();
    if EXACT.contains(&l.trim_end_matches([':', '：']))
        || PREFIX.iter().any(|p| l.starts_with(p))
        || SUFFIX.iter().any(|s| l.ends_with(s))
    {
        return true;
    }
    let seps = [" > ", " › ", " » ", " / ", " | ", " → "]
        .iter()
        .map(|s| t.matches(s).count())
        .sum::<usize>();
    seps >= 2 && t.split_whitespace().count() <= 12
}

/// Call-to-action buttons: "Watch a demo", "Start free trial", "Переглянути демо", "Dùng thử", "免费试用"…
/// Phrases that only a button says match as a prefix; sign-in and sign-up words, which also
/// head help sections ("Log in with SSO", "登录失败怎么办", "Đăng ký dịch vụ"), only as the
/// whole line or a pair of buttons ("Sign in / Sign up", "登录 | 注册").
pub(super) fn cta_pattern(t: &str) -> bool {
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
        "переглянути демо",
        "замовити демо",
        "почати безкоштовно",
        "xem demo",
        "dùng thử miễn phí",
        "bắt đầu miễn phí",
        "免费试用",
        "免費試用",
        "预约演示",
        "預約演示",
        "观看演示",
        "觀看演示",
    ];
    const WHOLE: &[&str] = &[
        "sign up",
        "sign in",
        "log in",
        "login",
        "register",
        "get started",
        "try it",
        "спробувати",
        "спробувати безкоштовно",
        "зареєструватися",
        "увійти",
        "вхід",
        "dùng thử",
        "đăng ký",
        "đăng nhập",
        "立即注册",
        "立即註冊",
        "立即试用",
        "立即試用",
        "登录",
        "登入",
        "登錄",
        "注册",
        "註冊",
    ];
    if t.split_whitespace().count() > 8 || ends_terminal(t, false, false) {
        return false;
    }
    let l = t.trim().to_lowercase();
    PREFIX.iter().any(|p| l.starts_with(p))
        || l.split(['/', '|', '·', '•'])
            .all(|part| WHOLE.contains(&part.trim().trim_end_matches(['→', '›', '>']).trim()))
}

/// Footers: "Learn more … re: …", "Read more", "Дізнайтеся більше…", "Tìm hiểu thêm…", "了解更多…".
pub(super) fn footer_pattern(t: &str) -> bool {
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

/// Words that start a share, follow or print button ("Share on", "分享到", "Поділитися").
const SHARE_WORDS: &[&str] = &[
    "share on",
    "share via",
    "share to",
    "share",
    "teilen",
    "поділитися",
    "поделиться",
    "chia sẻ qua",
    "chia sẻ",
    "分享到",
    "分享至",
    "分享",
    "follow",
    "folgen",
    "print",
    "drucken",
    "друк",
    "печать",
    "in bài",
    "打印",
    "列印",
    "copy link",
    "复制链接",
    "複製連結",
];

/// Social networks and channels a share bar names.
const SOCIAL: &[&str] = &[
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "telegram",
    "viber",
    "whatsapp",
    "line",
    "wechat",
    "微信",
    "weixin",
    "qq",
    "weibo",
    "微博",
    "新浪微博",
    "qzone",
    "zalo",
    "messenger",
    "pinterest",
    "reddit",
    "vk",
    "vkontakte",
    "email",
    "e-mail",
    "tumblr",
    "instagram",
    "youtube",
    "threads",
    "mastodon",
    "bluesky",
    "xing",
];

/// A share bar's line: a share, follow or print button, alone or with the networks it names
/// ("Поділитися", "分享到 Facebook", "Chia sẻ", "Facebook Twitter LinkedIn", "Follow").
pub(super) fn share_pattern(t: &str) -> bool {
    let t = t.trim().trim_end_matches([':', '：']);
    if t.len() > 120 || t.split_whitespace().count() > 6 || ends_terminal(t, true, false) {
        return false;
    }
    let l = t.to_lowercase();
    let rest = SHARE_WORDS
        .iter()
        .find_map(|w| {
            l.strip_prefix(w)
                .filter(|r| r.is_empty() || !r.starts_with(char::is_alphanumeric) || !w.is_ascii())
        })
        .map(str::trim_start);
    let names = |s: &str| {
        s.split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '/' | '、'))
            .filter(|w| !w.is_empty())
            .all(|w| SOCIAL.contains(&w))
    };
    match rest {
        Some(r) => names(r),
        None => !l.is_empty() && names(&l),
    }
}

/// An author line: "Written by Sarah Miller", "Автор: …", "作者：…", "Tác giả: …".
pub(super) fn byline_pattern(t: &str) -> bool {
    const PREFIX: &[&str] = &[
        "written by ",
        "posted by ",
        "published by ",
        "authored by ",
        "author:",
        "authors:",
        "geschrieben von ",
        "verfasst von ",
        "autor:",
        "автор:",
        "автори:",
        "автор статті",
        "написано ",
        "tác giả:",
        "người viết:",
        "作者：",
        "作者:",
        "编辑：",
        "编辑:",
        "編輯：",
        "編輯:",
    ];
    t.len() <= 240
        && t.split_whitespace().count() <= 8
        && !ends_terminal(t, true, false)
        && lower_prefix_match(t, PREFIX)
}

/// Copyright lines: "© 2025 …", "All rights reserved", "版权所有", "Усі права захищені"….
pub(super) fn copyright(t: &str) -> bool {
    if t.len() > 640 {
        return false;
    }
    let l = t.trim().to_lowercase();
    !wider_than(&l, 160)
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
pub(super) fn glued_buttons(t: &str) -> bool {
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
pub(super) fn garbled(t: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::*;
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
            "Skip to main content",
            "メインコンテンツにスキップ",
            "Zum Hauptinhalt springen",
            "Перейти к содержанию",
            "Aller au contenu principal",
            "본문 바로가기",
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
        for s in [
            "Переглянути демо",
            "Start free trial",
            "免费试用",
            "Sign in",
            "Sign in / Sign up",
            "登录 | 注册",
            "Đăng nhập",
            "Get started →",
        ] {
            assert!(cta_pattern(s), "{s}");
        }
        // Section headings of help articles about signing in or up.
        for s in [
            "Log in with SSO",
            "登录失败怎么办",
            "注册条件",
            "Đăng ký dịch vụ",
            "Увійти через Дію",
        ] {
            assert!(!cta_pattern(s), "{s}");
        }
        assert!(footer_pattern(
            "Learn more tools and terminology re: workplace knowledge"
        ));
        assert!(!footer_pattern(
            "Learn more about exports in the next section."
        ));
    }

    #[test]
    fn share_bars() {
        for s in [
            "Поділитися",
            "Share",
            "Share on:",
            "分享到 Facebook",
            "分享到 LINE",
            "Chia sẻ",
            "Facebook",
            "Facebook Twitter LinkedIn",
            "Telegram",
            "新浪微博",
            "Folgen",
            "Print",
        ] {
            assert!(share_pattern(s), "{s}");
        }
        for s in [
            "Share a folder with your team",
            "Sharing settings",
            "Printers",
            "Chia sẻ màn hình trong cuộc họp",
            "分享文件给同事",
            "Facebook login problems",
            "Follow these steps.",
            "Email notifications",
        ] {
            assert!(!share_pattern(s), "{s}");
        }
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
}
