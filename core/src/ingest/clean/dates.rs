//! Meta lines: dates and reading-time stubs. [`meta_line`] finds a bare date ("May 6, 2025",
//! "2025年5月6日", "6 травня 2025 р.", "ngày 6 tháng 5 năm 2025", "2025-05-06", "06.05.2025", a
//! time of day after it), a relative date ("Updated over a week ago", "Vor 2 Monaten
//! aktualisiert", "Оновлено 2 дні тому", "3 ngày trước", "2 天前" — [`TIME_UNITS`], [`AGO_WORDS`])
//! and/or a reading-time stub (a number or "XX" + a minute word: min, хв, phút, 分钟… —
//! [`MINUTE_WORDS`], [`READING_WORDS`]) with at most three other words.

use crate::ingest::text::{ends_terminal, is_wide, wider_than};

/// What a meta line holds: a date (`YYYY-MM-DD`) and whether a reading word stands by a
/// reading-time stub.
#[derive(Debug, Clone)]
pub(super) struct Meta {
    pub(super) date: Option<String>,
    /// A date counted back from the day the page was seen ("3 days ago"): no `updated`.
    pub(super) relative: bool,
    pub(super) reading_word: bool,
}

impl Meta {
    /// The chrome rule that names this line when it is removed.
    pub(super) fn rule(&self) -> &'static str {
        if self.date.is_some() {
            "date"
        } else if self.relative {
            "relative-date"
        } else {
            "reading-time"
        }
    }
}

/// A token of a short line: a number (value, digit count) or a lowercase word.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(u32, usize),
    Word(String),
}

/// Numbers, words and CJK runs of `s`, at most `limit` + 1 tokens.
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

/// The month (1–12) named by an English (full or abbreviated), Ukrainian, Russian or German word.
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
    // Russian (genitive) and German, as other help centers write them.
    const RU_GEN: [&str; 12] = [
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "июня",
        "июля",
        "августа",
        "сентября",
        "октября",
        "ноября",
        "декабря",
    ];
    const DE: [&str; 12] = [
        "januar",
        "februar",
        "märz",
        "april",
        "mai",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "dezember",
    ];
    for (k, m) in EN.iter().enumerate() {
        if w == *m || (w.len() >= 3 && w == &m[..3]) || (k == 8 && w == "sept") {
            return Some(k as u32 + 1);
        }
    }
    for list in [UK_GEN, UK_NOM, RU_GEN, DE] {
        if let Some(k) = list.iter().position(|m| *m == w) {
            return Some(k as u32 + 1);
        }
    }
    None
}

/// A Vietnamese month written in words after "tháng" ("Tư", "Mười Hai") at token `k`: its
/// number and the token after it.
fn vietnamese_month<'a>(
    word: &impl Fn(usize) -> Option<&'a str>,
    k: usize,
) -> Option<(u32, usize)> {
    const UNITS: &[&str] = &["một", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín"];
    let unit = |k: usize| word(k).and_then(|w| UNITS.iter().position(|u| *u == w));
    match word(k)? {
        "mười" => match unit(k + 1) {
            Some(u @ 0..=1) => Some((11 + u as u32, k + 2)),
            _ => Some((10, k + 1)),
        },
        "giêng" => Some((1, k + 1)),
        "chạp" => Some((12, k + 1)),
        _ => unit(k).map(|u| (u as u32 + 1, k + 1)),
    }
}

/// `YYYY-MM-DD` for a real date between 1900 and 2100.
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
                if matches!(word(e), Some("р" | "року" | "рік" | "г" | "года")) {
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
            // 6 tháng 5 năm 2025 / 6 tháng 5, 2025 / 4 Tháng Tư, 2023
            if ad <= 2
                && word(i + 1) == Some("tháng")
                && let Some((m, after)) = num(i + 2)
                    .map(|(m, _)| (m, i + 3))
                    .or_else(|| vietnamese_month(&word, i + 2))
            {
                let j = if word(after) == Some("năm") {
                    after + 1
                } else {
                    after
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

/// Words for minutes in a reading-time stub.
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

/// Words saying a stub is about reading.
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

/// Words that introduce a time after a date ("at 10:30", "um 9:15", "lúc 8:00").
const AT_WORDS: &[&str] = &["at", "um", "о", "в", "lúc"];

/// Weekday names before a date ("Mon, 6 May, 2024"), English and German, full or short.
const WEEKDAYS: &[&str] = &[
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mo",
    "di",
    "mi",
    "do",
    "fr",
    "sa",
    "so",
    "montag",
    "dienstag",
    "mittwoch",
    "donnerstag",
    "freitag",
    "samstag",
    "sonntag",
];

/// Marks the parts of a date line around the date at tokens `start..end` as used: a weekday
/// before it, a time of day and a time zone after it ("Mon, 6 May, 2024 at 10:30 AM",
/// "2024-03-12 15:20:11", "2025-08-04 GMT+08:00").
fn mark_time_and_weekday(t: &[Tok], start: usize, end: usize, used: &mut [bool]) {
    if start > 0 && matches!(&t[start - 1], Tok::Word(w) if WEEKDAYS.contains(&w.as_str())) {
        used[start - 1] = true;
    }
    let mut k = end;
    if matches!(t.get(k), Some(Tok::Word(w)) if AT_WORDS.contains(&w.as_str())) {
        k += 1;
    }
    let time = t[k.min(t.len())..]
        .iter()
        .take(3)
        .take_while(|tok| matches!(tok, Tok::Num(v, 1 | 2) if *v < 60))
        .count();
    let mut e = if time < 2 {
        end
    } else if matches!(t.get(k + time), Some(Tok::Word(w)) if matches!(w.as_str(), "am" | "pm" | "uhr"))
    {
        k + time + 1
    } else {
        k + time
    };
    // A time zone: "GMT+08:00", "UTC", "UTC+7".
    if matches!(t.get(e), Some(Tok::Word(w)) if matches!(w.as_str(), "gmt" | "utc")) {
        e += 1;
        e += t[e..]
            .iter()
            .take(2)
            .take_while(|tok| matches!(tok, Tok::Num(v, 1 | 2) if *v <= 14 || *v % 15 == 0))
            .count();
    }
    used[end..e].iter_mut().for_each(|u| *u = true);
}

/// Units of a relative date ("3 days ago"), in the forms that follow a number.
const TIME_UNITS: &[&str] = &[
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "sekunden",
    "minuten",
    "stunde",
    "stunden",
    "tag",
    "tagen",
    "woche",
    "wochen",
    "monat",
    "monaten",
    "jahr",
    "jahren",
    "секунду",
    "секунди",
    "секунд",
    "хвилину",
    "хвилини",
    "хвилин",
    "годину",
    "години",
    "годин",
    "день",
    "дні",
    "днів",
    "тиждень",
    "тижні",
    "тижнів",
    "місяць",
    "місяці",
    "місяців",
    "рік",
    "роки",
    "років",
    "минуту",
    "минуты",
    "минут",
    "час",
    "часа",
    "часов",
    "дня",
    "дней",
    "неделю",
    "недели",
    "недель",
    "месяц",
    "месяца",
    "месяцев",
    "год",
    "года",
    "лет",
    "giây",
    "phút",
    "giờ",
    "ngày",
    "tuần",
    "tháng",
    "năm",
];

/// Words that make a span of time a relative date: "ago", "тому", "назад", "trước".
const AGO_WORDS: &[&str] = &["ago", "тому", "назад", "trước"];

/// Number words that count a relative date ("a week ago", "vor einem Monat").
const COUNT_WORDS: &[&str] = &["a", "an", "one", "few", "einem", "einer", "wenigen"];

/// Chinese units before 前 ("3 天前", "2个月前"), as one run of characters.
const CJK_TIME_UNITS: &[&str] = &[
    "秒", "分钟", "分鐘", "小时", "小時", "天", "日", "周", "週", "星期", "个月", "個月", "月",
    "年",
];

/// Marks a relative date in `t` ("over a week ago", "vor 2 Monaten", "2 дні тому", "3 天前")
/// as used; true when there is one.
fn mark_relative_date(t: &[Tok], used: &mut [bool]) -> bool {
    let word = |k: usize| match t.get(k) {
        Some(Tok::Word(w)) => Some(w.as_str()),
        _ => None,
    };
    let count = |k: usize| match t.get(k) {
        Some(Tok::Num(_, d)) => *d <= 3,
        Some(Tok::Word(w)) => COUNT_WORDS.contains(&w.as_str()),
        None => false,
    };
    for k in 0..t.len() {
        if !count(k) {
            continue;
        }
        if let Some(w) = word(k + 1)
            && let Some(unit) = CJK_TIME_UNITS.iter().find(|u| w.starts_with(**u))
            && w[unit.len()..].starts_with('前')
        {
            used[k] = true;
            used[k + 1] = true;
            return true;
        }
        if !word(k + 1).is_some_and(|w| TIME_UNITS.contains(&w)) {
            continue;
        }
        if word(k + 2).is_some_and(|w| AGO_WORDS.contains(&w)) {
            used[k..k + 3].iter_mut().for_each(|u| *u = true);
            return true;
        }
        if k > 0 && word(k - 1) == Some("vor") {
            used[k - 1..k + 2].iter_mut().for_each(|u| *u = true);
            return true;
        }
    }
    false
}

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
pub(super) fn meta_line(s: &str) -> Option<Meta> {
    let s = s.trim();
    // A handle or an address makes it a signature ("— Senate (@NGRSenate) October 9, 2018").
    if s.is_empty() || s.len() > 320 || wider_than(s, 80) || s.contains('@') {
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
        mark_time_and_weekday(&t, a, b.min(t.len()), &mut used);
    }
    let relative = date.is_none() && mark_relative_date(&t, &mut used);
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
    if date.is_none() && !relative && !reading {
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
    // "Last updated on", "Cập nhật lần cuối" (Vietnamese words are syllables): a full date
    // carries a few more words than a reading-time stub.
    if other_words > if date.is_some() { 4 } else { 3 } {
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
        relative,
        reading_word: reading && reading_word,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::clean::{ChromeModel, clean};
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
        assert_eq!(d("4 Tháng Tư, 2023").as_deref(), Some("2023-04-04"));
        assert_eq!(
            d("12 tháng Mười Hai năm 2024").as_deref(),
            Some("2024-12-12")
        );
        assert_eq!(d("1 Tháng Năm 2025").as_deref(), Some("2025-05-01"));
        assert_eq!(d("06.05.2025").as_deref(), Some("2025-05-06"));
        assert_eq!(d("May 6, 2025 · 5 min read").as_deref(), Some("2025-05-06"));
        assert_eq!(
            d("Version 3.5 released on May 6, 2025 with many fixes."),
            None
        );
        assert_eq!(d("What changed in May 2025"), None);
        assert_eq!(d("February 30, 2025"), None);
        assert_eq!(d("February 29, 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(
            d("最近更新时间：2024-03-12 15:20:11").as_deref(),
            Some("2024-03-12")
        );
        assert_eq!(d("Updated 2025-05-06 09:30").as_deref(), Some("2025-05-06"));
        assert_eq!(
            d("Обновлено: 12 января 2024 г.").as_deref(),
            Some("2024-01-12")
        );
        assert_eq!(
            d("Aktualisiert am 3. März 2025").as_deref(),
            Some("2025-03-03")
        );
        assert_eq!(d("2025-05-06 version 12 34"), None);
        assert_eq!(
            d("Modified on: Mon, 6 May, 2024 at 10:30 AM").as_deref(),
            Some("2024-05-06")
        );
        assert_eq!(
            d("Cập nhật lần cuối: 02/03/2024").as_deref(),
            Some("2024-03-02")
        );
        assert_eq!(
            d("Ngày cập nhật lần cuối cùng của bài viết: 02/03/2024"),
            None
        );
        assert_eq!(
            d("— The Nigerian Senate (@NGRSenate) October 9, 2018"),
            None
        );
    }

    #[test]
    fn relative_dates() {
        for s in [
            "Updated over a week ago",
            "Updated 3 days ago",
            "Vor 2 Monaten aktualisiert",
            "Оновлено 2 дні тому",
            "Обновлено 5 минут назад",
            "Cập nhật 3 ngày trước",
            "更新于 2 天前",
            "3个月前",
            "Edited a year ago",
        ] {
            let m = meta_line(s).unwrap_or_else(|| panic!("not a relative date: {s}"));
            assert!(m.relative && m.date.is_none(), "{s}");
            assert_eq!(m.rule(), "relative-date");
        }
        for s in [
            "Keep backups for 30 days after the account is closed",
            "Two days ago we shipped version 4, which changed everything.",
            "3 days",
            "Wait 2 hours before you try again",
            "Скасування можливе протягом 14 днів",
        ] {
            assert!(
                meta_line(s).is_none_or(|m| !m.relative),
                "wrongly relative: {s}"
            );
        }
    }
}
