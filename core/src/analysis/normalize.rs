//! Character-level normalization shared by every script's analysis and by matching: NFKC and
//! lowercase (`lowercase_nfkc`), apostrophe variants ([`is_apostrophe`],
//! `fold_apostrophes`), Latin diacritics ([`fold_latin`]: Vietnamese tones, French accents,
//! English alike), and the text used for substring matching ([`normalize_for_matching`]).

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

/// NFKC (full-width letters and digits → ASCII, ligatures split) then lowercase.
pub(crate) fn lowercase_nfkc(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    if unicode_normalization::is_nfkc_quick(word.chars()) == IsNormalized::Yes {
        return word.to_lowercase();
    }
    word.nfkc().collect::<String>().to_lowercase()
}

/// A Cyrillic word typed with Latin look-alike letters (`цiлi` with Latin i, from a keyboard
/// layout without і; `Kиїв`) in Cyrillic letters; unchanged when any Latin letter in it has no
/// Cyrillic twin (`USBпорт`), and a word without Cyrillic letters.
pub(crate) fn cyrillic_lookalikes(word: &str) -> std::borrow::Cow<'_, str> {
    fn twin(c: char) -> Option<char> {
        Some(match c {
            'a' => 'а',
            'c' => 'с',
            'e' => 'е',
            'i' => 'і',
            'ï' => 'ї',
            'k' => 'к',
            'o' => 'о',
            'p' => 'р',
            'x' => 'х',
            'y' => 'у',
            'A' => 'А',
            'B' => 'В',
            'C' => 'С',
            'E' => 'Е',
            'H' => 'Н',
            'I' => 'І',
            'Ï' => 'Ї',
            'K' => 'К',
            'M' => 'М',
            'O' => 'О',
            'P' => 'Р',
            'T' => 'Т',
            'X' => 'Х',
            'Y' => 'У',
            _ => return None,
        })
    }
    let latin = |c: char| c.is_ascii_alphabetic() || matches!(c, 'ï' | 'Ï');
    if !word.chars().any(super::script::is_cyrillic)
        || !word.chars().any(latin)
        || word.chars().any(|c| latin(c) && twin(c).is_none())
    {
        return std::borrow::Cow::Borrowed(word);
    }
    word.chars().map(|c| twin(c).unwrap_or(c)).collect()
}

/// Every apostrophe variant (’ ʼ ` ′ ‘) → `'`.
pub(crate) fn fold_apostrophes(word: &str) -> String {
    if word.chars().any(|c| c != APOSTROPHE && is_apostrophe(c)) {
        word.chars()
            .map(|c| if is_apostrophe(c) { APOSTROPHE } else { c })
            .collect()
    } else {
        word.to_string()
    }
}

/// The apostrophe every variant is folded to (by `fold_apostrophes`): inside Ukrainian words
/// (`зв'язок`), English ones (`manager's`) and any other.
pub const APOSTROPHE: char = '\'';

/// True for every character users type as an apostrophe, in any script: ' ’ ʼ ` ′ ‘ (U+0027, U+2019, U+02BC, U+0060, U+2032, U+2018).
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{02BC}' | '`' | '\u{2032}' | '\u{2018}'
    )
}

/// Latin-script letters whose combining marks [`fold_latin`] removes.
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' | '\u{2C60}'..='\u{2C7F}' | '\u{A720}'..='\u{A7FF}')
            && c != '×'
            && c != '÷'
}

/// Remove every diacritic from Latin letters (Vietnamese tone and vowel marks,
/// é → e, ...), map đ → d (also ø → o, ł → l), lowercase: "Việt" → "viet",
/// "đường" → "duong". NFC or NFD input. Non-Latin letters keep their marks
/// (Cyrillic й, ї stay; CJK untouched). Output is NFC.
pub fn fold_latin(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    fold_precomposed_latin(text).unwrap_or_else(|| fold_any_latin(text))
}

/// [`fold_latin`] of any text: NFC or NFD, stray combining marks, other scripts.
fn fold_any_latin(text: &str) -> String {
    let lower: String = text.nfc().flat_map(char::to_lowercase).nfc().collect();
    let mut out = String::with_capacity(lower.len());
    // Whether the last base character was Latin, so that stray combining marks
    // following it (leftovers that have no precomposed form) are dropped too.
    let mut after_latin = false;
    for c in lower.chars() {
        if is_combining_mark(c) {
            if !after_latin {
                out.push(c);
            }
        } else if is_latin(c) {
            after_latin = true;
            out.extend(c.nfd().filter(|&d| !is_combining_mark(d)).map(unstroked));
        } else {
            after_latin = false;
            out.push(c);
        }
    }
    out.nfc().collect()
}

/// The letter without its stroke, which Unicode does not decompose: đ → d, ø → o, ł → l.
fn unstroked(c: char) -> char {
    match c {
        'đ' => 'd',
        'ø' => 'o',
        'ł' => 'l',
        other => other,
    }
}

/// [`fold_latin`] of a text of ASCII and precomposed Latin letters only (the common case:
/// NFC Vietnamese, French, German), one character at a time; `None` for any other text.
fn fold_precomposed_latin(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if !is_latin(c) {
            return None;
        }
        let letters = c.nfd().filter(|&d| !is_combining_mark(d));
        out.extend(letters.flat_map(char::to_lowercase).map(unstroked));
    }
    Some(out)
}

/// Text normalized for substring matching (quoted phrases): NFKC, lowercase, apostrophes
/// folded, Traditional → Simplified, Latin diacritics removed, whitespace collapsed.
///
/// ```
/// use kbsearch::analysis::normalize_for_matching;
/// assert_eq!(normalize_for_matching("客戶  服務"), normalize_for_matching("客户 服务"));
/// assert_eq!(normalize_for_matching("Dịch Vụ"), "dich vu");
/// assert_eq!(normalize_for_matching("Зв’язок"), "зв'язок");
/// ```
pub fn normalize_for_matching(text: &str) -> String {
    let nfkc: String = text.nfkc().collect::<String>().to_lowercase();
    let folded = fold_latin(&super::chinese::to_simplified(&fold_apostrophes(&nfkc)));
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_examples() {
        assert_eq!(fold_latin("Việt"), "viet");
        assert_eq!(fold_latin("đường"), "duong");
        assert_eq!(fold_latin("khách hàng"), "khach hang");
        assert_eq!(fold_latin("Đào tạo và Chấp hành"), "dao tao va chap hanh");
        assert_eq!(fold_latin("ĂÂĐÊÔƠƯ"), "aadeoou");
        assert_eq!(fold_latin("é"), "e");
        assert_eq!(fold_latin("Łódź"), "lodz");
    }

    #[test]
    fn latin_look_alikes_in_a_cyrillic_word_become_cyrillic() {
        assert_eq!(cyrillic_lookalikes("цiлi"), "цілі");
        assert_eq!(cyrillic_lookalikes("Kиïв"), "Київ");
        assert_eq!(cyrillic_lookalikes("HOMEP"), "HOMEP");
        assert_eq!(cyrillic_lookalikes("USBпорт"), "USBпорт");
        assert_eq!(cyrillic_lookalikes("бюджет"), "бюджет");
        // Analyzed alike in every form, as a query and in a page.
        let uk = Some(crate::analysis::Lang::Uk);
        let ru = crate::analysis::Lang::parse("ru").ok();
        for (typed, meant, lang) in [
            ("цiлi команди", "цілі команди", uk),
            ("МЕНЕДЖEP з обслуговування", "МЕНЕДЖЕР з обслуговування", uk),
            ("адрес дoставки", "адрес доставки", ru),
        ] {
            let (a, b) = (
                crate::analysis::analyze(typed, lang),
                crate::analysis::analyze(meant, lang),
            );
            for form in crate::analysis::Form::ALL {
                let texts = |x: &crate::analysis::Analyzed| -> Vec<String> {
                    x.form(form).iter().map(|t| t.text.clone()).collect()
                };
                assert_eq!(texts(&a), texts(&b), "{typed} {form:?}");
            }
        }
    }

    #[test]
    fn fold_leaves_cyrillic_and_cjk() {
        assert_eq!(fold_latin("й ї ґ"), "й ї ґ");
        assert_eq!(fold_latin("и\u{0306}"), "й");
        assert_eq!(fold_latin("ЙОД"), "йод");
        assert_eq!(fold_latin("客户服务"), "客户服务");
        assert_eq!(fold_latin("Việt й"), "viet й");
    }

    #[test]
    fn precomposed_latin_folds_as_the_general_rule_does() {
        // The fast path works one character at a time, so agreeing on every character of
        // its domain (ASCII and the Latin blocks) means agreeing on every text of them.
        let mut domain = 0;
        for c in (0..0x3000u32)
            .chain(0xA720..0xA800)
            .filter_map(char::from_u32)
        {
            let text = c.to_string();
            if let Some(fast) = fold_precomposed_latin(&text) {
                domain += 1;
                assert_eq!(fast, fold_any_latin(&text), "{c:?} U+{:04X}", c as u32);
            }
        }
        assert!(domain > 1000, "{domain}");
        let text = "Quản lý Chất lượng Dịch vụ ĐẠI HỌC Œuvre Straße ǅemal";
        assert_eq!(fold_precomposed_latin(text).unwrap(), fold_any_latin(text));
        // Decomposed or mixed-script text takes the general rule.
        assert_eq!(fold_precomposed_latin("Vie\u{0323}\u{0302}t"), None);
        assert_eq!(fold_latin("Vie\u{0323}\u{0302}t"), "viet");
        assert_eq!(fold_precomposed_latin("Việt й"), None);
    }

    #[test]
    fn nfkc_is_skipped_only_where_it_changes_nothing() {
        for word in ["Ｋｈách", "ﬁle", "Việt", "Клієнт", "客戶", "Straße", "x²"] {
            let full: String = word.nfkc().collect::<String>().to_lowercase();
            assert_eq!(lowercase_nfkc(word), full, "{word}");
        }
    }

    #[test]
    fn apostrophe_variants() {
        for c in ['\'', '’', 'ʼ', '`', '′', '‘'] {
            assert!(is_apostrophe(c), "{c:?}");
        }
        for c in ['"', 'а', '-', '´', ' ', '«'] {
            assert!(!is_apostrophe(c), "{c:?}");
        }
    }
}
