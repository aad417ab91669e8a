//! Vietnamese syllable analysis: NFC, canonical tone-mark placement, stop words.
//!
//! Vietnamese writes one syllable per space-separated token. Each syllable
//! carries at most one tone mark (grave, acute, hook above, tilde, dot below)
//! on one vowel of its nucleus, and vowels may additionally carry a vowel mark
//! (breve: ă, circumflex: â ê ô, horn: ơ ư). Two spelling conventions coexist
//! for where the tone goes in open syllables with the glides `oa`, `oe`, `uy`;
//! [`normalize_syllable`] maps both to one canonical form; `normalize::fold_latin`
//! strips every mark for accent-insensitive matching (of every Latin-script language).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Combining grave accent (huyền).
const GRAVE: char = '\u{0300}';
/// Combining acute accent (sắc).
const ACUTE: char = '\u{0301}';
/// Combining tilde (ngã).
const TILDE: char = '\u{0303}';
/// Combining hook above (hỏi).
const HOOK_ABOVE: char = '\u{0309}';
/// Combining dot below (nặng).
const DOT_BELOW: char = '\u{0323}';
/// Combining circumflex (â ê ô).
const CIRCUMFLEX: char = '\u{0302}';
/// Combining breve (ă).
const BREVE: char = '\u{0306}';
/// Combining horn (ơ ư).
const HORN: char = '\u{031B}';

/// The five Vietnamese tone marks as combining characters.
fn is_tone_mark(c: char) -> bool {
    matches!(c, GRAVE | ACUTE | TILDE | HOOK_ABOVE | DOT_BELOW)
}

/// Vowel letters of the Vietnamese alphabet (lowercase, precomposed vowel marks, no tone).
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'ă' | 'â' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'
    )
}

/// Vowels carrying a vowel mark; such a vowel always takes the tone.
fn is_marked_vowel(c: char) -> bool {
    matches!(c, 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
}

/// Maps a lowercase base letter plus optional vowel mark to a letter of the
/// Vietnamese alphabet, or `None` if the combination is not Vietnamese.
fn viet_letter(base: char, modifier: Option<char>) -> Option<char> {
    match (base, modifier) {
        ('a', Some(BREVE)) => Some('ă'),
        ('a', Some(CIRCUMFLEX)) => Some('â'),
        ('e', Some(CIRCUMFLEX)) => Some('ê'),
        ('o', Some(CIRCUMFLEX)) => Some('ô'),
        ('o', Some(HORN)) => Some('ơ'),
        ('u', Some(HORN)) => Some('ư'),
        (
            c @ ('a' | 'b' | 'c' | 'd' | 'đ' | 'e' | 'g' | 'h' | 'i' | 'k' | 'l' | 'm' | 'n' | 'o'
            | 'p' | 'q' | 'r' | 's' | 't' | 'u' | 'v' | 'x' | 'y'),
            None,
        ) => Some(c),
        _ => None,
    }
}

/// Initial consonants, longest first so that prefix matching is greedy.
const ONSETS: &[&str] = &[
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "th", "tr", "ch", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Final consonants (semivowel finals i/y/o/u are part of the vowel cluster).
const CODAS: &[&str] = &["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];

/// Vowel clusters (nucleus plus glides) that occur after the onset.
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", // single
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "iê", "oa", "oă", "oe", "oi", "oo",
    "ôi", "ơi", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu", "ươ", "yê", "iêu",
    "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu",
];

/// Does `letters` start with the characters of `prefix`?
fn starts_with_chars(letters: &[char], prefix: &str) -> bool {
    let mut it = letters.iter();
    prefix.chars().all(|p| it.next() == Some(&p))
}

/// Does the slice spell exactly `s`?
fn eq_chars(letters: &[char], s: &str) -> bool {
    letters.iter().copied().eq(s.chars())
}

/// Length (in letters) of the onset of a syllable, or `None` if it has no valid onset.
/// In "gi" + vowel and "qu" + vowel the i/u belongs to the onset ("giá", "quý");
/// a lone "gi" before a consonant or at the end is g + vowel i ("gì", "gìn").
fn onset_len(letters: &[char]) -> Option<usize> {
    let starts_vowel = letters.first().is_some_and(|&c| is_vowel(c));
    if starts_vowel {
        return Some(0);
    }
    for onset in ONSETS {
        if !starts_with_chars(letters, onset) {
            continue;
        }
        let n = onset.chars().count();
        if matches!(*onset, "gi" | "qu") && !letters.get(n).is_some_and(|&c| is_vowel(c)) {
            // "gi" without a following vowel is g + i; "qu" needs a vowel.
            continue;
        }
        return Some(n);
    }
    None
}

/// Index (within `nucleus`) of the vowel that takes the tone, canonical "old style":
/// a vowel with a vowel mark wins (the last one: ươ → ơ); otherwise, with a final
/// consonant the last vowel; in open syllables the middle of three vowels or the
/// first of two (hòa, khỏe, thủy, mùa, tài).
fn tone_index(nucleus: &[char], has_coda: bool) -> usize {
    if let Some(i) = nucleus.iter().rposition(|&c| is_marked_vowel(c)) {
        return i;
    }
    match (nucleus.len(), has_coda) {
        (n, true) => n - 1,
        (3, false) => 1,
        _ => 0,
    }
}

/// Re-places the tone of one lowercase NFC run of letters; `None` if the run is
/// not a well-formed Vietnamese syllable carrying exactly one tone mark on a vowel.
fn retone_run(run: &str) -> Option<String> {
    // (base letter, vowel mark) per letter, plus the tone and the letter it sat on.
    let mut raw: Vec<(char, Option<char>)> = Vec::with_capacity(run.len());
    let mut tone: Option<(char, usize)> = None;
    for c in run.nfd() {
        if is_tone_mark(c) {
            if tone.is_some() || raw.is_empty() {
                return None;
            }
            tone = Some((c, raw.len() - 1));
        } else if matches!(c, CIRCUMFLEX | BREVE | HORN) {
            let last = raw.last_mut()?;
            if last.1.is_some() {
                return None;
            }
            last.1 = Some(c);
        } else if is_combining_mark(c) {
            return None;
        } else {
            raw.push((c, None));
        }
    }
    let (tone, tone_on) = tone?;
    let letters: Vec<char> = raw
        .iter()
        .map(|&(b, m)| viet_letter(b, m))
        .collect::<Option<_>>()?;
    if !is_vowel(letters[tone_on]) {
        return None;
    }
    let onset = onset_len(&letters)?;
    let nucleus_len = letters[onset..]
        .iter()
        .take_while(|&&c| is_vowel(c))
        .count();
    let nucleus = &letters[onset..onset + nucleus_len];
    let coda = &letters[onset + nucleus_len..];
    if !NUCLEI.iter().any(|n| eq_chars(nucleus, n)) || !CODAS.iter().any(|k| eq_chars(coda, k)) {
        return None;
    }
    let target = onset + tone_index(nucleus, !coda.is_empty());
    let mut out = String::with_capacity(run.len() + 2);
    for (i, &c) in letters.iter().enumerate() {
        out.push(c);
        if i == target {
            out.push(tone);
        }
    }
    Some(out.nfc().collect())
}

/// Appends the normalized form of one run of letters to `out` and clears the run.
fn flush_run(run: &mut String, out: &mut String) {
    if run.is_empty() {
        return;
    }
    match retone_run(run) {
        Some(s) => out.push_str(&s),
        None => out.push_str(run),
    }
    run.clear();
}

/// Normalize one Vietnamese syllable/word for exact matching: Unicode NFC, lowercase
/// and one canonical tone-mark placement, so "hoà"/"hòa", "thuý"/"thúy",
/// "khoẻ"/"khỏe", "Hóa"/"HOÁ" give the same string. Multi-syllable input is
/// handled run by run (separators are kept); non-Vietnamese runs (English words,
/// digits, invalid syllables) come back just lowercased + NFC.
///
/// Canonical style: "old style" (hòa, thúy, khỏe — tone on the first vowel of an
/// open `oa`/`oe`/`uy`). Counted in the xquad-vi corpus (240 passages): 201
/// old-style syllables (hóa 65, tòa 36, ủy 22, thỏa 17, hủy 13, hòa 12, …)
/// against 1 new-style ("hoá"), so old style is what real text and most
/// queries use.
pub fn normalize_syllable(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase(); // no tone to place
    }
    let lower: String = word.nfc().flat_map(char::to_lowercase).nfc().collect();
    let mut out = String::with_capacity(lower.len());
    let mut run = String::new();
    for c in lower.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            run.push(c);
        } else {
            flush_run(&mut run, &mut out);
            out.push(c);
        }
    }
    flush_run(&mut run, &mut out);
    out
}

/// True if one decomposed letter (`base` + `marks`) is a Vietnamese-specific vowel:
/// a Latin vowel carrying only Vietnamese marks (≤ 1 tone, ≤ 1 valid vowel mark).
fn is_viet_marked_vowel(base: char, marks: &[char]) -> bool {
    let base = base.to_ascii_lowercase();
    if marks.is_empty() || !matches!(base, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') {
        return false;
    }
    let mut tones = 0;
    let mut vowel_marks = 0;
    for &m in marks {
        match m {
            m if is_tone_mark(m) => tones += 1,
            CIRCUMFLEX if matches!(base, 'a' | 'e' | 'o') => vowel_marks += 1,
            BREVE if base == 'a' => vowel_marks += 1,
            HORN if matches!(base, 'o' | 'u') => vowel_marks += 1,
            _ => return false,
        }
    }
    tones <= 1 && vowel_marks <= 1
}

/// True when `word` (lowercase, without marks) is spelled like a Vietnamese syllable typed
/// without its marks: an onset ([`onset_len`]) or none, one to three vowels, a coda
/// ([`CODAS`]) or none ("khoa", "nguyen", "thanh"; not "snapshot", "app", "remove").
fn is_toneless_syllable(word: &str) -> bool {
    let letters: Vec<char> = word.chars().collect();
    let Some(onset) = onset_len(&letters) else {
        return false;
    };
    let vowels = (letters[onset..].iter())
        .take_while(|&&c| is_vowel(c))
        .count();
    let coda = &letters[onset + vowels..];
    (1..=3).contains(&vowels) && CODAS.iter().any(|k| eq_chars(coda, k))
}

/// Fewest words a text needs before its spelling says it is toneless Vietnamese.
const MIN_WORDS_FOR_SPELLING: usize = 5;

/// Share of a text's words spelled like Vietnamese syllables from which a text without
/// Vietnamese letters reads as toneless Vietnamese.
const TONELESS_SYLLABLE_SHARE: f32 = 0.7;

/// True when most words of `text` (Latin, without Vietnamese letters) are spelled like
/// Vietnamese syllables typed without marks ([`TONELESS_SYLLABLE_SHARE`] of at least
/// [`MIN_WORDS_FOR_SPELLING`] words): "khoa the atm qua app ngan hang lam the nao" (8 of 10),
/// not "How do I revoke an API key?" (4 of 7). English rarely gets there: its words end in
/// other consonants (-ke, -ll, -ed, -s) or hold several vowel groups.
pub(crate) fn spelled_like_toneless_vietnamese(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(super::normalize::fold_latin)
        .collect();
    let syllables = words.iter().filter(|w| is_toneless_syllable(w)).count();
    words.len() >= MIN_WORDS_FOR_SPELLING
        && syllables as f32 >= TONELESS_SYLLABLE_SHARE * words.len() as f32
}

/// True if the word has a letter only Vietnamese uses among our languages:
/// ă â đ ê ô ơ ư, or a vowel with a Vietnamese tone mark (grave, acute, hook
/// above, tilde, dot below). NFC or NFD input. Note: acute/grave on e, a, …
/// are Vietnamese tones too, so French/Spanish words like "café" or "à" also
/// return true; letters with foreign marks (ü, ǘ, ñ, ā) do not count.
pub fn has_vietnamese_letters(word: &str) -> bool {
    if word.is_ascii() {
        return false;
    }
    let mut base: Option<char> = None;
    let mut marks: Vec<char> = Vec::new();
    for c in word.nfd() {
        if matches!(c, 'đ' | 'Đ') {
            return true;
        }
        if is_combining_mark(c) {
            marks.push(c);
            continue;
        }
        if base.is_some_and(|b| is_viet_marked_vowel(b, &marks)) {
            return true;
        }
        base = Some(c);
        marks.clear();
    }
    base.is_some_and(|b| is_viet_marked_vowel(b, &marks))
}

/// Folded Vietnamese stop syllables, sorted for binary search.
///
/// Because the input is folded, one entry stands for every toned syllable that
/// folds to it ("la" = là, lá, lạ, …). An entry is listed only if, in the
/// xquad-vi corpus, at least ~90% of the occurrences of its folded form are the
/// function word(s) and the colliding content words are rare: e.g. "la" is là
/// 678 / 700 (lá, lạ 5), "cua" của 989 / 1005 (cửa 16), "duoc" được 627 / 663
/// (dược 36), "trong" 594 / 633 (trọng 34), "nhung" = những + nhưng.
///
/// Deliberately NOT listed, because folding merges them with frequent content
/// words: "co" (có 75%; cơ, cổ, cố), "do" (đó 33%; độ, đô, đồ, đỏ), "thi"
/// (thì 15%; thị, thi), "ma" (mà 66%; mã = code), "de" (để 60%; đề, đế),
/// "bao" (53%; bảo, báo, bão, bào), "nhieu" (nhiều/nhiêu), "da"/"dang"/"se"/
/// "cung"/"khi"/"vi"/"tai"/"tu"/"ve"/"nen"/"moi"/"day"/"chi"/"ban"/"ho"/"qua",
/// and "vay" (vậy, but vay = loan).
const STOP_SYLLABLES: &[&str] = &[
    "ai",    // ai (who)
    "ay",    // ấy
    "bi",    // bị (passive)
    "boi",   // bởi
    "cac",   // các
    "cho",   // cho (chợ 3%)
    "cua",   // của
    "den",   // đến
    "deu",   // đều
    "duoc",  // được
    "duoi",  // dưới
    "gi",    // gì
    "giua",  // giữa
    "hay",   // hay, hãy
    "hoac",  // hoặc
    "hon",   // hơn
    "khong", // không
    "kia",   // kia, kìa
    "la",    // là
    "lai",   // lại
    "len",   // lên
    "mot",   // một
    "nao",   // nào
    "nay",   // này, nay
    "nhau",  // nhau
    "nhu",   // như
    "nhung", // những, nhưng
    "o",     // ở
    "ra",    // ra
    "rat",   // rất
    "sao",   // sao (why)
    "sau",   // sau (after)
    "the",   // thế, thể (có thể); also English "the"
    "theo",  // theo
    "tren",  // trên
    "trong", // trong
    "truoc", // trước
    "tuy",   // tuy, tùy
    "va",    // và
    "vao",   // vào
    "voi",   // với
];

/// True for a Vietnamese function/question syllable that must not drive ranking.
/// Input is a FOLDED syllable (output of [`fold_latin`](super::normalize::fold_latin)); see [`STOP_SYLLABLES`] for
/// the list and why it is limited to syllables whose folded collisions are rare.
pub fn is_stop_syllable(folded: &str) -> bool {
    STOP_SYLLABLES.binary_search(&folded).is_ok()
}

/// The toned function words behind [`STOP_SYLLABLES`], in canonical form (sorted).
#[rustfmt::skip]
const TONED_STOP_WORDS: &[&str] = &[
    "ai", "bị", "bởi", "cho", "các", "của", "dưới", "giữa", "gì", "hay", "hoặc", "hãy", "hơn",
    "kia", "kìa", "không", "là", "lên", "lại", "một", "nay", "nhau", "như", "nhưng", "những",
    "nào", "này", "ra", "rất", "sao", "sau", "theo", "thế", "thể", "trong", "trên", "trước",
    "tuy", "tùy", "vào", "và", "với", "đến", "đều", "được", "ấy", "ở",
];

/// True for a Vietnamese stop word as typed: a toned word must be one of the toned function
/// words ("trọng" in "quan trọng" is content, "trong" is not), while a word typed without
/// any diacritic is judged by its folded form (a toneless "trong" is taken as the function word).
/// `word` is lowercase and `folded` is its [`fold_latin`](super::normalize::fold_latin) form.
pub(crate) fn is_stop_word(word: &str, folded: &str) -> bool {
    if !is_stop_syllable(folded) {
        return false;
    }
    if folded == word {
        return true;
    }
    TONED_STOP_WORDS.contains(&normalize_syllable(word).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::normalize::fold_latin;

    #[test]
    fn toned_stop_words_are_exact_and_toneless_ones_fold() {
        for w in [
            "trong", "Trong", "và", "của", "được", "là", "gì", "va", "cua", "duoc",
        ] {
            let lower = w.to_lowercase();
            assert!(is_stop_word(&lower, &fold_latin(w)), "{w}");
        }
        for w in ["trọng", "lá", "cửa", "dược", "quản", "khách"] {
            assert!(!is_stop_word(w, &fold_latin(w)), "{w}");
        }
        // Every toned entry folds to a listed syllable.
        for w in TONED_STOP_WORDS {
            assert!(is_stop_syllable(&fold_latin(w)), "{w}");
            assert_eq!(normalize_syllable(w), *w, "{w} is not canonical");
        }
    }

    #[test]
    fn tone_placement_pairs_agree() {
        for (a, b) in [
            ("hoà", "hòa"),
            ("thuý", "thúy"),
            ("khoẻ", "khỏe"),
            ("Hóa", "HOÁ"),
            ("hoá", "hóa"),
            ("uỷ", "ủy"),
            ("tuỳ", "tùy"),
            ("thoả", "thỏa"),
        ] {
            assert_eq!(normalize_syllable(a), normalize_syllable(b), "{a} vs {b}");
        }
    }

    #[test]
    fn canonical_is_old_style() {
        assert_eq!(normalize_syllable("hoà"), "hòa");
        assert_eq!(normalize_syllable("HOÀ"), "hòa");
        assert_eq!(normalize_syllable("thuý"), "thúy");
        assert_eq!(normalize_syllable("khoẻ"), "khỏe");
        assert_eq!(normalize_syllable("uỷ"), "ủy");
    }

    #[test]
    fn marked_vowel_and_coda_rules() {
        // Tone misplaced on a plain vowel moves to the marked vowel / last vowel.
        assert_eq!(normalize_syllable("ngừơi"), "người");
        assert_eq!(normalize_syllable("tuổi"), "tuổi");
        assert_eq!(normalize_syllable("hòang"), "hoàng");
        assert_eq!(normalize_syllable("húyt"), "huýt");
        assert_eq!(normalize_syllable("ngòai"), "ngoài");
        assert_eq!(normalize_syllable("khủyu"), "khuỷu");
        assert_eq!(normalize_syllable("mùa"), "mùa");
        assert_eq!(normalize_syllable("muà"), "mùa");
    }

    #[test]
    fn qu_and_gi_onsets() {
        assert_eq!(normalize_syllable("quý"), "quý");
        assert_eq!(normalize_syllable("qúy"), "quý");
        assert_eq!(normalize_syllable("quả"), "quả");
        assert_eq!(normalize_syllable("giá"), "giá");
        assert_eq!(normalize_syllable("gía"), "giá");
        assert_eq!(normalize_syllable("gì"), "gì");
        assert_eq!(normalize_syllable("gìn"), "gìn");
        assert_eq!(normalize_syllable("quyết"), "quyết");
        assert_eq!(normalize_syllable("giữa"), "giữa");
    }

    #[test]
    fn nfd_input_equals_nfc() {
        assert_eq!(normalize_syllable("Vie\u{0302}\u{0323}t"), "việt");
        assert_eq!(normalize_syllable("Vie\u{0323}\u{0302}t"), "việt");
        assert_eq!(normalize_syllable("ho\u{0300}a"), "hòa");
        assert_eq!(normalize_syllable("hoa\u{0300}"), "hòa");
        assert_eq!(
            normalize_syllable("\u{0110}u\u{031B}o\u{031B}\u{0300}ng"),
            "đường"
        );
        assert_eq!(fold_latin("Vie\u{0302}\u{0323}t"), "viet");
        assert!(has_vietnamese_letters("Vie\u{0302}\u{0323}t"));
    }

    #[test]
    fn non_vietnamese_just_lowercased() {
        assert_eq!(normalize_syllable("Customer"), "customer");
        assert_eq!(normalize_syllable("KPI"), "kpi");
        assert_eq!(normalize_syllable("2025"), "2025");
        assert_eq!(normalize_syllable("Café"), "café");
        assert_eq!(normalize_syllable("cafe\u{0301}"), "café");
        assert_eq!(normalize_syllable("Йод"), "йод");
    }

    #[test]
    fn seed_article_words() {
        let seed = [
            ("dịch vụ", "dich vu"),
            ("khách hàng", "khach hang"),
            ("hiệu quả", "hieu qua"),
            ("quản lý", "quan ly"),
            ("Điều hành", "dieu hanh"),
            ("Quản lý", "quan ly"),
            ("quyết định", "quyet dinh"),
            ("Hoạt động", "hoat dong"),
            ("Khuyến khích", "khuyen khich"),
            ("Ngoài", "ngoai"),
            ("giải quyết", "giai quyet"),
        ];
        for (w, folded) in seed {
            let n = normalize_syllable(w);
            assert_eq!(normalize_syllable(&n), n, "idempotent: {w}");
            assert_eq!(n, w.to_lowercase(), "already canonical: {w}");
            assert_eq!(fold_latin(w), folded);
            assert_eq!(fold_latin(&n), folded);
        }
        assert_eq!(normalize_syllable("Điều hành"), "điều hành");
    }

    #[test]
    fn syllables_typed_without_marks_are_told_from_english_words() {
        for word in [
            "khoa", "nguyen", "thanh", "nghieng", "qua", "gi", "gin", "uy", "the",
        ] {
            assert!(is_toneless_syllable(word), "{word}");
        }
        for word in [
            "snapshot",
            "app",
            "api",
            "remove",
            "scopes",
            "bluetooth",
            "strength",
        ] {
            assert!(!is_toneless_syllable(word), "{word}");
        }
        assert!(spelled_like_toneless_vietnamese(
            "lien ket momo so dien thoai sms banking co can trung so dang ky app khong"
        ));
        // Too few words to tell: "can i do it" is spelled like four syllables.
        assert!(!spelled_like_toneless_vietnamese("can i do it"));
        assert!(spelled_like_toneless_vietnamese("doi mat khau tai khoan"));
        assert!(!spelled_like_toneless_vietnamese(
            "I accidentally upgraded and then downgraded straight away, do I get a refund?"
        ));
    }

    #[test]
    fn vietnamese_letter_detection() {
        for w in ["hàng", "đi", "Đ", "ơn", "thuỷ", "ă", "Việt", "café"] {
            assert!(has_vietnamese_letters(w), "{w}");
        }
        for w in [
            "customer", "service", "KPI", "", "über", "niño", "й", "客户", "nǚ",
        ] {
            assert!(!has_vietnamese_letters(w), "{w}");
        }
    }

    #[test]
    fn stop_syllables() {
        assert!(STOP_SYLLABLES.windows(2).all(|w| w[0] < w[1]), "sorted");
        for w in [
            "là", "gì", "của", "và", "các", "những", "được", "trong", "với", "một", "này", "như",
            "nào", "thế", "sao", "ai", "không",
        ] {
            assert!(is_stop_syllable(&fold_latin(w)), "{w}");
        }
        for w in [
            "khách", "hàng", "dịch", "vụ", "bảo", "mã", "có", "đó", "nhiêu", "hóa",
        ] {
            assert!(!is_stop_syllable(&fold_latin(w)), "{w}");
        }
        // Input is expected folded; a toned form is not in the list.
        assert!(!is_stop_syllable("là"));
    }

    #[test]
    fn no_panic_on_tricky_inputs() {
        let long_vi = "người ".repeat(2000);
        let long_a = "a".repeat(10_000);
        let inputs = [
            String::new(),
            "\u{0301}".into(),
            "\u{0300}\u{0323}\u{031B}".into(),
            " \u{0309}x".into(),
            "a\u{0301}\u{0300}".into(),
            "o\u{031B}\u{031B}".into(),
            "😀🇻🇳".into(),
            "hoà😀thuý".into(),
            "Привет мир 你好 Việt".into(),
            "İstanbul".into(),
            "ǹg".into(),
            "qu".into(),
            "gi".into(),
            "\u{0000}\u{FFFF}".into(),
            long_vi.clone(),
            long_a,
        ];
        for s in &inputs {
            let n = normalize_syllable(s);
            assert_eq!(normalize_syllable(&n), n, "idempotent: {s:?}");
            let f = fold_latin(s);
            assert_eq!(fold_latin(&f), f, "fold idempotent: {s:?}");
            let _ = has_vietnamese_letters(s);
            let _ = is_stop_syllable(s);
        }
        assert_eq!(normalize_syllable(&long_vi), long_vi);
        assert_eq!(normalize_syllable("\u{0301}"), "\u{0301}");
        assert_eq!(normalize_syllable(""), "");
    }
}
