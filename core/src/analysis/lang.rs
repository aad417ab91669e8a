//! The languages kbsearch analyzes, their codes, and document-level detection.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{KbError, Result};

/// A language (and, for Chinese, a script) that kbsearch analyzes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese.
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Traditional Chinese.
    #[serde(rename = "zh-Hant")]
    ZhHant,
    /// Ukrainian.
    #[serde(rename = "uk")]
    Uk,
    /// Vietnamese.
    #[serde(rename = "vi")]
    Vi,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every supported language.
    pub const ALL: [Lang; 5] = [Lang::ZhHans, Lang::ZhHant, Lang::Uk, Lang::Vi, Lang::En];

    /// The canonical code: `zh-Hans`, `zh-Hant`, `uk`, `vi`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::Uk => "uk",
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// True for both Chinese scripts.
    pub fn is_chinese(self) -> bool {
        matches!(self, Lang::ZhHans | Lang::ZhHant)
    }

    /// Parse a language code leniently (case-insensitive, `_` or `-`, region subtags):
    /// `zh`, `zh-CN`, `zh-Hans` → Simplified; `zh-TW`, `zh-HK`, `zh-Hant` → Traditional;
    /// `uk`, `uk-UA`, `ukr`; `vi`, `vi-VN`, `vie`; `en`, `en-US`, `eng`.
    ///
    /// ```
    /// use kbsearch::Lang;
    /// assert_eq!(Lang::parse("zh-TW").unwrap(), Lang::ZhHant);
    /// assert_eq!(Lang::parse("EN_us").unwrap(), Lang::En);
    /// assert!(Lang::parse("klingon").is_err());
    /// ```
    pub fn parse(code: &str) -> Result<Lang> {
        let lower = code.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        let primary = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let lang = match primary {
            "zh" | "zho" | "chi" | "cmn" => {
                if rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                {
                    Lang::ZhHant
                } else {
                    Lang::ZhHans
                }
            }
            "uk" | "ukr" => Lang::Uk,
            "vi" | "vie" => Lang::Vi,
            "en" | "eng" => Lang::En,
            _ => return Err(KbError::UnknownLanguage(code.to_string())),
        };
        Ok(lang)
    }

    /// The filter terms a passage in this language is indexed under (`zh` matches both scripts).
    pub(crate) fn filter_terms(self) -> &'static [&'static str] {
        match self {
            Lang::ZhHans => &["zh-hans", "zh"],
            Lang::ZhHant => &["zh-hant", "zh"],
            Lang::Uk => &["uk"],
            Lang::Vi => &["vi"],
            Lang::En => &["en"],
        }
    }

    /// The filter term for a user-given language filter (`zh` = both scripts).
    pub(crate) fn filter_term_for(code: &str) -> Result<String> {
        let trimmed = code.trim().to_ascii_lowercase();
        if trimmed == "zh" || trimmed == "zho" || trimmed == "chi" {
            return Ok("zh".to_string());
        }
        Ok(Lang::parse(code)?.filter_terms()[0].to_string())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Detect the main language of a text from its letters.
///
/// Han characters decide Chinese (Traditional when it has more Traditional-only characters
/// than Simplified-only ones), Cyrillic decides Ukrainian, Latin text is Vietnamese when it
/// carries Vietnamese letters, else whatlang chooses between English and Vietnamese
/// (toneless Vietnamese), defaulting to English.
pub fn detect(text: &str) -> Lang {
    let (mut han, mut cyrillic, mut latin, mut vi_letters) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().take(20_000) {
        if super::script::is_han(c) {
            han += 1;
        } else if super::script::is_cyrillic(c) {
            cyrillic += 1;
        } else if c.is_alphabetic() {
            latin += 1;
            if super::vietnamese::has_vietnamese_letters(c.encode_utf8(&mut [0; 4])) {
                vi_letters += 1;
            }
        }
    }
    // A Chinese page with English words is still Chinese: one Han character carries
    // roughly as much text as a Latin word of five letters.
    if han * 3 >= latin + cyrillic && han > 0 {
        return if super::chinese::is_traditional(text) {
            Lang::ZhHant
        } else {
            Lang::ZhHans
        };
    }
    if cyrillic >= latin && cyrillic > 0 {
        return Lang::Uk;
    }
    if vi_letters * 20 >= latin && vi_letters > 0 {
        return Lang::Vi;
    }
    detect_latin(text)
}

/// English or Vietnamese for Latin text without Vietnamese letters (e.g. typed without tones).
pub(crate) fn detect_latin(text: &str) -> Lang {
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Vie]);
    match detector.detect(text) {
        Some(info) if info.lang() == whatlang::Lang::Vie && info.confidence() > 0.5 => Lang::Vi,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_regions() {
        assert_eq!(Lang::parse("zh").unwrap(), Lang::ZhHans);
        assert_eq!(Lang::parse("zh-Hant").unwrap(), Lang::ZhHant);
        assert_eq!(Lang::parse("zh_hk").unwrap(), Lang::ZhHant);
        assert_eq!(Lang::parse("uk-UA").unwrap(), Lang::Uk);
        assert_eq!(Lang::parse("vi").unwrap(), Lang::Vi);
        assert!(matches!(
            Lang::parse("ru"),
            Err(KbError::UnknownLanguage(_))
        ));
        assert!(Lang::parse("").is_err());
    }

    #[test]
    fn detects_each_language_from_real_sentences() {
        assert_eq!(
            detect("客戶服務運營經理在確保公司客戶服務部門順利運行中發揮著關鍵作用。"),
            Lang::ZhHant
        );
        assert_eq!(
            detect("客服经理是负责统筹和管理客户服务团队的关键管理岗位"),
            Lang::ZhHans
        );
        assert_eq!(
            detect("Менеджер по виконанню обов'язків з обслуговування клієнтів"),
            Lang::Uk
        );
        assert_eq!(
            detect("Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng"),
            Lang::Vi
        );
        assert_eq!(
            detect("This role involves strategic planning and overseeing daily operations."),
            Lang::En
        );
        // A Chinese article with English KPI names stays Chinese.
        assert_eq!(
            detect("通过设定明确的KPI(如响应时长、解决率、满意度评分等)"),
            Lang::ZhHans
        );
    }
}
