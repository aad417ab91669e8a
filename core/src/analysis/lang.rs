//! Languages: BCP 47 tags, the five languages with their own analyzers, and detection.
//!
//! Every language indexes. zh-Hans, zh-Hant, uk, vi and en have analyzers of their own; any
//! other well-formed tag is kept (normalized: `pt-br` → `pt-BR`) and analyzed generically,
//! with the Snowball stemmer of its language where `rust-stemmers` has one.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{KbError, Result};

/// Longest tag kept: language, script and region (`sr-Latn-RS`); variants are dropped.
const MAX_TAG: usize = 15;

/// A normalized BCP 47 tag of a language without an analyzer of its own (`de`, `pt-BR`, `ja`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct LangTag {
    len: u8,
    bytes: [u8; MAX_TAG],
}

impl LangTag {
    fn new(tag: &str) -> Option<LangTag> {
        let mut bytes = [0; MAX_TAG];
        bytes.get_mut(..tag.len())?.copy_from_slice(tag.as_bytes());
        Some(LangTag {
            len: tag.len() as u8,
            bytes,
        })
    }

    /// The tag, e.g. `pt-BR`.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).unwrap_or("und")
    }

    /// The primary language subtag, e.g. `pt`.
    pub fn primary(&self) -> &str {
        let tag = self.as_str();
        tag.split('-').next().unwrap_or(tag)
    }

    /// The Snowball stemmer of this language, where `rust-stemmers` has one.
    pub(crate) fn stemmer(&self) -> Option<rust_stemmers::Algorithm> {
        use rust_stemmers::Algorithm as A;
        Some(match self.primary() {
            "ar" => A::Arabic,
            "da" => A::Danish,
            "nl" => A::Dutch,
            "fi" => A::Finnish,
            "fr" => A::French,
            "de" => A::German,
            "el" => A::Greek,
            "hu" => A::Hungarian,
            "it" => A::Italian,
            "no" | "nb" | "nn" => A::Norwegian,
            "pt" => A::Portuguese,
            "ro" => A::Romanian,
            "ru" => A::Russian,
            "es" => A::Spanish,
            "sv" => A::Swedish,
            "ta" => A::Tamil,
            "tr" => A::Turkish,
            _ => return None,
        })
    }
}

impl fmt::Debug for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

/// A language: one of the five with an analyzer of its own, or any other BCP 47 tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese.
    ZhHans,
    /// Traditional Chinese.
    ZhHant,
    /// Ukrainian.
    Uk,
    /// Vietnamese.
    Vi,
    /// English.
    En,
    /// Any other language, analyzed generically (Snowball stems where available).
    Other(LangTag),
}

impl Lang {
    /// The five languages with analyzers of their own.
    pub const ALL: [Lang; 5] = [Lang::ZhHans, Lang::ZhHant, Lang::Uk, Lang::Vi, Lang::En];

    /// The canonical code: `zh-Hans`, `zh-Hant`, `uk`, `vi`, `en`, or the normalized tag.
    pub fn code(&self) -> &str {
        match self {
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::Uk => "uk",
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Other(tag) => tag.as_str(),
        }
    }

    /// True for both Chinese scripts.
    pub fn is_chinese(self) -> bool {
        matches!(self, Lang::ZhHans | Lang::ZhHant)
    }

    /// Parse a BCP 47 language tag leniently (case-insensitive, `_` or `-`):
    /// `zh`, `zh-CN`, `zh-Hans` → Simplified; `zh-TW`, `zh-HK`, `zh-Hant` → Traditional;
    /// `uk`, `uk-UA`, `ukr`; `vi`, `vi-VN`, `vie`; `en`, `en-US`, `eng`; any other
    /// well-formed tag is kept, normalized (`PT_br` → `pt-BR`, `sr-latn` → `sr-Latn`).
    ///
    /// ```
    /// use kbsearch::Lang;
    /// assert_eq!(Lang::parse("zh-TW").unwrap(), Lang::ZhHant);
    /// assert_eq!(Lang::parse("EN_us").unwrap(), Lang::En);
    /// assert_eq!(Lang::parse("pt_br").unwrap().code(), "pt-BR");
    /// assert!(Lang::parse("klingon!").is_err());
    /// ```
    ///
    /// # Errors
    /// [`KbError::UnknownLanguage`] when the text is not a language tag.
    pub fn parse(code: &str) -> Result<Lang> {
        let unknown = || KbError::UnknownLanguage(code.to_string());
        let lower = code.trim().to_ascii_lowercase().replace('_', "-");
        let mut parts = lower.split('-');
        let primary = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let well_formed = (2..=3).contains(&primary.len())
            && primary.bytes().all(|b| b.is_ascii_lowercase())
            && rest.iter().all(|p| {
                (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !well_formed {
            return Err(unknown());
        }
        let lang = match primary {
            "zh" | "zho" | "chi" | "cmn" | "yue" => {
                if rest
                    .iter()
                    .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"))
                    || primary == "yue"
                {
                    Lang::ZhHant
                } else {
                    Lang::ZhHans
                }
            }
            "uk" | "ukr" => Lang::Uk,
            "vi" | "vie" => Lang::Vi,
            "en" | "eng" => Lang::En,
            _ => {
                let primary = iso639_1(primary).unwrap_or(primary);
                // language[-Script][-REGION]: variants and extensions are dropped.
                let mut tag = primary.to_string();
                for part in rest.iter().take(2) {
                    match part.len() {
                        4 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                            tag.push('-');
                            tag.push_str(&part[..1].to_ascii_uppercase());
                            tag.push_str(&part[1..]);
                        }
                        2 if part.bytes().all(|b| b.is_ascii_alphabetic()) => {
                            tag.push('-');
                            tag.push_str(&part.to_ascii_uppercase());
                        }
                        3 if part.bytes().all(|b| b.is_ascii_digit()) => {
                            tag.push('-');
                            tag.push_str(part);
                        }
                        _ => break,
                    }
                }
                Lang::Other(LangTag::new(&tag).ok_or_else(unknown)?)
            }
        };
        Ok(lang)
    }

    /// The filter terms a passage in this language is indexed under: its lowercase code, and
    /// the language family (`zh` for both scripts; `pt-*` for `pt`, `pt-BR`, …).
    pub(crate) fn filter_terms(self) -> Vec<String> {
        match self {
            Lang::ZhHans => vec!["zh-hans".into(), "zh".into()],
            Lang::ZhHant => vec!["zh-hant".into(), "zh".into()],
            Lang::Other(tag) => vec![
                tag.as_str().to_ascii_lowercase(),
                format!("{}-*", tag.primary()),
            ],
            other => vec![other.code().to_string()],
        }
    }

    /// True for a term of [`filter_terms`](Self::filter_terms) that names a whole family.
    pub(crate) fn is_family_term(term: &str) -> bool {
        term == "zh" || term.ends_with("-*")
    }

    /// The filter term for a user-given language filter: a bare language (`zh`, `pt`)
    /// matches every script and region of it, a full tag (`zh-Hant`, `pt-BR`) only itself.
    pub(crate) fn filter_term_for(code: &str) -> Result<String> {
        let lang = Lang::parse(code)?;
        let bare = !code.trim().contains(['-', '_']);
        Ok(match lang {
            Lang::ZhHans | Lang::ZhHant if bare => "zh".to_string(),
            Lang::Other(tag) if bare => format!("{}-*", tag.primary()),
            other => other.filter_terms().swap_remove(0),
        })
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Lang {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Lang {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Lang, D::Error> {
        let code = String::deserialize(deserializer)?;
        Lang::parse(&code).map_err(serde::de::Error::custom)
    }
}

/// ISO 639-1 code of an ISO 639-2/3 code (as whatlang reports them), for the languages
/// detection knows.
fn iso639_1(code: &str) -> Option<&'static str> {
    ISO639_PAIRS
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

/// ISO 639-2/3 → 639-1 for the languages detection knows.
const ISO639_PAIRS: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cze", "cs"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ger", "de"),
    ("ell", "el"),
    ("gre", "el"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("fre", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("dut", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("fas", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rum", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// True for the ISO 639-1 code of a language kbsearch knows by name (our five, every language
/// detection knows, and a few more): tells a folder named `de` or `zh-cn` from one named
/// `kb` or `ui`.
pub fn is_known_language(primary: &str) -> bool {
    const MORE: &[&str] = &[
        "zh", "uk", "vi", "en", "no", "nn", "ga", "eu", "gl", "is", "mt", "sq", "bs", "ms", "sw",
        "lb", "kk", "ky", "mn", "tg", "lo",
    ];
    MORE.contains(&primary) || ISO639_PAIRS.iter().any(|(_, two)| *two == primary)
}

/// The language whatlang finds (any language it knows), as a [`Lang`].
fn whatlang_lang(info: &whatlang::Info) -> Lang {
    match info.lang() {
        whatlang::Lang::Eng => Lang::En,
        whatlang::Lang::Vie => Lang::Vi,
        whatlang::Lang::Ukr => Lang::Uk,
        whatlang::Lang::Cmn => Lang::ZhHans,
        other => Lang::parse(other.code()).unwrap_or(Lang::En),
    }
}

/// Detect the main language of a text from its letters.
///
/// Han characters decide Chinese (Traditional when it has more Traditional-only characters
/// than Simplified-only ones), or Japanese with kana among them; Hangul is Korean. Cyrillic
/// is Ukrainian when the text says so (і ї є ґ, and not outweighed by Russian ы э ё or made
/// Belarusian by ў), else whatlang chooses among the other Cyrillic languages those letters
/// leave (ы э ё and ь rule out Bulgarian, Macedonian and Serbian; Russian by default).
/// Latin text is Vietnamese when it carries Vietnamese letters, else whatlang decides when it
/// is sure (German, French, …), else English or toneless Vietnamese. Other scripts: whatlang.
pub fn detect(text: &str) -> Lang {
    let letters = Letters::count(text);
    letters
        .script_language(text)
        .unwrap_or_else(|| letters.model_language(text))
}

/// The language a text's script alone tells, as [`detect`] would find it: Chinese, Japanese,
/// Korean or Ukrainian; `None` when telling it needs a language model (every other Cyrillic,
/// Latin or other text). Cheap: no model runs.
pub fn script_language(text: &str) -> Option<Lang> {
    Letters::count(text).script_language(text)
}

/// How many letters of each kind the first 20 000 characters of a text hold.
#[derive(Default)]
struct Letters {
    han: usize,
    kana: usize,
    hangul: usize,
    cyrillic: usize,
    /// Ukrainian letters (і ї є ґ; Belarusian writes і too).
    ukrainian: usize,
    /// Letters Russian and Belarusian write and Ukrainian and the South Slavic languages do
    /// not (ы э ё).
    russian: usize,
    /// ь not before о: East Slavic (Bulgarian writes ь only in ьо; Serbian and Macedonian
    /// never).
    soft_sign: usize,
    /// ў: Belarusian.
    belarusian: usize,
    /// ђ ј љ њ ћ џ ѓ ќ ѕ: Serbian and Macedonian.
    south_slavic: usize,
    latin: usize,
    /// Letters only Vietnamese writes among the Latin ones.
    vi_letters: usize,
    other: usize,
}

impl Letters {
    fn count(text: &str) -> Letters {
        let mut n = Letters::default();
        let mut after_soft_sign = false;
        for c in text.chars().take(SAMPLE_CHARS) {
            if after_soft_sign && !matches!(c, 'о' | 'О') {
                n.soft_sign += 1;
            }
            after_soft_sign = matches!(c, 'ь' | 'Ь');
            if super::script::is_han(c) {
                n.han += 1;
            } else if matches!(c as u32, 0x3040..=0x30FF) {
                n.kana += 1;
            } else if matches!(c as u32, 0xAC00..=0xD7AF | 0x1100..=0x11FF) {
                n.hangul += 1;
            } else if super::script::is_cyrillic(c) {
                n.cyrillic += 1;
                // Both cases listed: no lowercasing on this per-character path.
                match c {
                    'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => n.ukrainian += 1,
                    'ы' | 'э' | 'ё' | 'Ы' | 'Э' | 'Ё' => n.russian += 1,
                    'ў' | 'Ў' => n.belarusian += 1,
                    'ђ' | 'ј' | 'љ' | 'њ' | 'ћ' | 'џ' | 'ѓ' | 'ќ' | 'ѕ' | 'Ђ' | 'Ј' | 'Љ' | 'Њ'
                    | 'Ћ' | 'Џ' | 'Ѓ' | 'Ќ' | 'Ѕ' => n.south_slavic += 1,
                    _ => {}
                }
            } else if c.is_alphabetic() {
                if c.is_ascii_alphabetic() || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
                {
                    n.latin += 1;
                    // Letters only Vietnamese writes (French has â ê ô é, German ü …).
                    if matches!(c, 'ă' | 'đ' | 'ơ' | 'ư' | 'Ă' | 'Đ' | 'Ơ' | 'Ư')
                        || matches!(c as u32, 0x1EA0..=0x1EF9)
                    {
                        n.vi_letters += 1;
                    }
                } else {
                    n.other += 1;
                }
            }
        }
        n.soft_sign += usize::from(after_soft_sign);
        n
    }

    /// Chinese, Japanese, Korean or Ukrainian when the letters decide it (see [`detect`]).
    fn script_language(&self, text: &str) -> Option<Lang> {
        let (han, kana, latin, cyrillic) = (self.han, self.kana, self.latin, self.cyrillic);
        // Japanese: kana among the Han characters.
        if kana > 0 && kana * 10 >= han + kana && (han + kana) * 3 >= latin + cyrillic {
            return Some(Lang::Other(LangTag::new("ja").expect("short tag")));
        }
        // A Chinese page with English words is still Chinese: one Han character carries
        // roughly as much text as a Latin word of five letters.
        if han * 3 >= latin + cyrillic && han > 0 {
            return Some(if super::chinese::is_traditional(text) {
                Lang::ZhHant
            } else {
                Lang::ZhHans
            });
        }
        if self.hangul > 0 && self.hangul * 3 >= latin + cyrillic {
            return Some(Lang::Other(LangTag::new("ko").expect("short tag")));
        }
        // Ukrainian letters are about 6.7% of Ukrainian text, ы э ё about 2.2% of Russian:
        // a Russian page naming Київ stays Russian, and ў makes it Belarusian.
        (self.is_cyrillic_text() && self.ukrainian > 3 * self.russian && self.belarusian == 0)
            .then_some(Lang::Uk)
    }

    fn is_cyrillic_text(&self) -> bool {
        self.cyrillic >= self.latin && self.cyrillic > 0 && self.cyrillic >= self.other
    }

    /// The language of a text [`Letters::script_language`] leaves undecided: whatlang among
    /// the Cyrillic languages, or among all for other scripts; Latin text with Vietnamese
    /// letters is Vietnamese, else whatlang when it is sure, else English or toneless
    /// Vietnamese.
    fn model_language(&self, text: &str) -> Lang {
        let sample = || text.chars().take(SAMPLE_CHARS).collect::<String>();
        if self.is_cyrillic_text() {
            use whatlang::Lang::{Bel, Bul, Mkd, Rus, Srp};
            // Letters rule languages out before the model chooses (on a short text it took
            // Russian for Bulgarian).
            let candidates = if self.belarusian > 0 {
                vec![Bel]
            } else if self.south_slavic > 0 {
                vec![Srp, Mkd]
            } else if self.russian + self.soft_sign > 0 {
                vec![Rus, Bel]
            } else {
                vec![Rus, Bel, Bul, Mkd, Srp]
            };
            // Unsure, the model's choice is the first candidate.
            let first = Lang::parse(candidates[0].code()).expect("valid tag");
            if candidates.len() == 1 {
                return first;
            }
            let detector = whatlang::Detector::with_allowlist(candidates);
            return match detector.detect(&sample()) {
                Some(info) if info.is_reliable() => whatlang_lang(&info),
                _ => first,
            };
        }
        if self.other > self.latin && self.other > self.cyrillic {
            return whatlang::detect(&sample())
                .map_or(Lang::parse("und").expect("valid tag"), |info| {
                    whatlang_lang(&info)
                });
        }
        if self.vi_letters * 40 >= self.latin && self.vi_letters > 0 {
            return Lang::Vi;
        }
        if let Some(info) = whatlang::detect(&sample())
            && info.is_reliable()
            && info.script() == whatlang::Script::Latin
        {
            return whatlang_lang(&info);
        }
        detect_latin(text)
    }
}

/// The characters of a text [`detect`] looks at.
const SAMPLE_CHARS: usize = 20_000;

/// English or Vietnamese for Latin text without Vietnamese letters (e.g. typed without tones).
pub(crate) fn detect_latin(text: &str) -> Lang {
    let detector =
        whatlang::Detector::with_allowlist(vec![whatlang::Lang::Eng, whatlang::Lang::Vie]);
    match detector.detect(text) {
        Some(info) if info.lang() == whatlang::Lang::Vie && info.confidence() > 0.5 => Lang::Vi,
        Some(info) if info.lang() == whatlang::Lang::Eng && info.confidence() > 0.5 => Lang::En,
        // Short texts leave whatlang unsure: the words' spelling decides.
        _ if super::vietnamese::spelled_like_toneless_vietnamese(text) => Lang::Vi,
        _ => Lang::En,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_tells_chinese_japanese_korean_and_ukrainian_without_a_model() {
        let told = [
            (
                "客戶服務運營經理在確保公司客戶服務部門順利運行中發揮著關鍵作用。",
                Lang::ZhHant,
            ),
            (
                "客服经理是负责统筹和管理客户服务团队的关键管理岗位",
                Lang::ZhHans,
            ),
            (
                "Менеджер з обслуговування клієнтів відповідає за якість",
                Lang::Uk,
            ),
            (
                "カスタマーサービスの責任者は、サポートの品質を担当します。",
                Lang::parse("ja").unwrap(),
            ),
            (
                "고객 서비스 관리자는 팀을 교육합니다.",
                Lang::parse("ko").unwrap(),
            ),
        ];
        for (text, lang) in told {
            assert_eq!(script_language(text), Some(lang), "{text}");
            assert_eq!(detect(text), lang, "{text}");
        }
        // Latin and other Cyrillic text needs the model: the script leaves it open.
        for text in [
            "This role involves strategic planning and overseeing daily operations.",
            "Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng",
            "Der Kundenservice-Manager ist für die Schulung des Teams verantwortlich.",
            "Менеджер по работе с клиентами отвечает за качество ответов.",
        ] {
            assert_eq!(script_language(text), None, "{text}");
        }
    }

    #[test]
    fn letters_tell_the_cyrillic_languages_apart_where_the_model_guesses() {
        let code = |text: &str| detect(text).code().to_string();
        // Short Russian without ы э ё: whatlang alone said Bulgarian; ь rules it out.
        assert_eq!(
            code("Как изменить адрес доставки. Откройте заказ и нажмите «Изменить адрес»."),
            "ru"
        );
        // A Russian page naming Kyiv in Ukrainian (Києві) is not Ukrainian.
        assert_eq!(
            code(
                "Наш офис находится в Києві, на улице Крещатик. Мы работаем ежедневно с девяти утра."
            ),
            "ru"
        );
        assert_eq!(
            code(
                "Как се сменя паролата? Отворете настройките на профила и изберете „Смяна на парола“."
            ),
            "bg"
        );
        assert_eq!(
            code("Як змяніць пароль? Адкрыйце налады і выберыце «Змяніць пароль», калі ласка."),
            "be"
        );
        assert_eq!(
            code(
                "Како да промените лозинку? Отворите подешавања налога и изаберите промену лозинке."
            ),
            "sr"
        );
        // Ukrainian keeps its letters' verdict.
        assert_eq!(
            code("Як змінити пароль? Відкрийте налаштування та оберіть «Змінити пароль»."),
            "uk"
        );
    }

    #[test]
    fn parses_codes_and_regions() {
        assert_eq!(Lang::parse("zh").unwrap(), Lang::ZhHans);
        assert_eq!(Lang::parse("zh-Hant").unwrap(), Lang::ZhHant);
        assert_eq!(Lang::parse("zh_hk").unwrap(), Lang::ZhHant);
        assert_eq!(Lang::parse("uk-UA").unwrap(), Lang::Uk);
        assert_eq!(Lang::parse("vi").unwrap(), Lang::Vi);
        assert_eq!(Lang::parse("ru").unwrap().code(), "ru");
        assert_eq!(Lang::parse("DE_at").unwrap().code(), "de-AT");
        assert_eq!(Lang::parse("sr-latn-rs").unwrap().code(), "sr-Latn-RS");
        assert_eq!(Lang::parse("deu").unwrap().code(), "de");
        assert!(matches!(
            Lang::parse("not a tag"),
            Err(KbError::UnknownLanguage(_))
        ));
        assert!(Lang::parse("").is_err());
        assert!(Lang::parse("x").is_err());
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
        assert_eq!(
            detect("Der Kundenservice-Manager ist für die Schulung des Teams und die Qualität der Antworten verantwortlich.").code(),
            "de"
        );
        assert_eq!(
            detect("Le responsable du service client veille à la qualité des réponses données à chaque client.").code(),
            "fr"
        );
        assert_eq!(
            detect(
                "Менеджер по обслуживанию клиентов отвечает за обучение команды и качество ответов."
            )
            .code(),
            "ru"
        );
        assert_eq!(
            detect("カスタマーサービスの責任者は、サポートの品質とチームの教育を担当します。")
                .code(),
            "ja"
        );
        // A Chinese article with English KPI names stays Chinese.
        assert_eq!(
            detect("通过设定明确的KPI(如响应时长、解决率、满意度评分等)"),
            Lang::ZhHans
        );
    }
}
