//! Every other language: words as UAX #29 gives them (see [`super::script`]), NFKC and
//! lowercase, the Snowball stem of the language where `rust-stemmers` has one (ru, de, fr,
//! es, pt, it, nl, sv, no, da, fi, hu, ro, tr, ar, el, ta), and a folded form without
//! diacritics for the scripts where marks are optional (Latin, Greek, Arabic, Hebrew).
//! Cyrillic letters keep their marks (й is not и).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::lang::LangTag;

/// The Snowball stem of a lowercase word in the tag's language, or the word itself.
pub fn stem(tag: LangTag, word: &str) -> String {
    match tag.stemmer() {
        Some(algorithm) => rust_stemmers::Stemmer::create(algorithm)
            .stem(word)
            .into_owned(),
        None => word.to_string(),
    }
}

/// True when the language is written in Latin letters (so a page in it analyzes its Latin
/// sentences with its own rules, not as English).
pub fn writes_latin(tag: LangTag) -> bool {
    !matches!(
        tag.primary(),
        "ru" | "be"
            | "bg"
            | "mk"
            | "sr"
            | "kk"
            | "ky"
            | "mn"
            | "tg"
            | "el"
            | "ar"
            | "fa"
            | "ur"
            | "he"
            | "yi"
            | "ja"
            | "ko"
            | "th"
            | "lo"
            | "km"
            | "my"
            | "hi"
            | "mr"
            | "ne"
            | "bn"
            | "ta"
            | "te"
            | "kn"
            | "ml"
            | "gu"
            | "pa"
            | "si"
            | "ka"
            | "hy"
            | "am"
            | "und"
    )
}

/// A word without the optional diacritics of Greek (tonos), Arabic (harakat) and Hebrew
/// (niqqud) and Latin; other scripts' marks are letters of the word and stay.
pub fn fold_marks(word: &str) -> String {
    let optional_marks = word.chars().any(|c| {
        matches!(c as u32, 0x0370..=0x03FF | 0x1F00..=0x1FFF | 0x0600..=0x06FF | 0x0590..=0x05FF)
    });
    if !optional_marks {
        return word.to_string();
    }
    word.nfd()
        .filter(|&c| !is_combining_mark(c))
        .nfc()
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn stems_in_the_tags_language() {
        use crate::Lang;
        let Lang::Other(de) = Lang::parse("de").unwrap() else {
            unreachable!()
        };
        assert_eq!(super::stem(de, "kunden"), super::stem(de, "kunde"));
    }

    use super::*;
    use crate::Lang;

    fn tag(code: &str) -> LangTag {
        match Lang::parse(code).unwrap() {
            Lang::Other(tag) => tag,
            other => panic!("{other:?} has an analyzer of its own"),
        }
    }

    #[test]
    fn snowball_stems_meet_across_inflections() {
        assert_eq!(stem(tag("ru"), "клиентов"), stem(tag("ru"), "клиенты"));
        assert_eq!(
            stem(tag("fr"), "responsables"),
            stem(tag("fr"), "responsable")
        );
        assert_eq!(stem(tag("es"), "clientes"), stem(tag("es"), "cliente"));
        // No stemmer: the word itself.
        assert_eq!(stem(tag("pl"), "klientów"), "klientów");
    }

    #[test]
    fn optional_marks_fold_but_letters_do_not() {
        assert_eq!(fold_marks("υπηρεσία"), "υπηρεσια");
        assert_eq!(fold_marks("عَمِيل"), "عميل");
        // Devanagari vowel signs are letters of the word.
        assert_eq!(fold_marks("ग्राहक"), "ग्राहक");
        assert!(writes_latin(tag("de")) && !writes_latin(tag("ru")));
    }
}
