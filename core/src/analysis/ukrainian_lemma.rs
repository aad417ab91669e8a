//! Ukrainian lemmas from a dictionary: word form → dictionary lemma(s).
//!
//! The data (`core/data/uk_lemmas.fst`, `core/data/uk_lemma_rules.txt`) is the Ukrainian
//! Hunspell dictionary of the dict_uk project (brown-uk; Debian package `hunspell-uk`,
//! dict_uk 5.8.0), used under MPL-1.1 (see `core/data/UK_LEMMAS_LICENSE.md`), expanded to
//! 3.0 million word forms by `benches/uk_lemma_dict.py`. The FST maps a normalized form
//! (lowercase, `ґ`→`г`, apostrophe `'`, no stress mark) to a rule-list id; a rule list holds
//! each lemma as "drop N characters, append S". Forms whose only lemma is themselves are not
//! stored: [`lemmas`] returns `None` for them as for unknown words.
//!
//! The FST is compiled into the binary and opened on the first lookup (reading its header
//! only); nothing is decoded up front, so a query without Ukrainian words pays nothing.

use std::sync::OnceLock;

use tantivy_fst::Map;
use tantivy_fst::raw::Fst;

static FST_BYTES: &[u8] = include_bytes!("../../data/uk_lemmas.fst");
static RULES_TEXT: &str = include_str!("../../data/uk_lemma_rules.txt");
/// The stored forms with a lemma that begins with another letter (`візьму` → `взяти`), one per
/// line, sorted; a test checks it against the FST.
static OTHER_INITIALS_TEXT: &str = include_str!("../../data/uk_lemma_other_initials.txt");

/// One lemma relative to its form: drop `cut` characters from the end, then append `suffix`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rule {
    cut: usize,
    suffix: &'static str,
}

struct Dictionary {
    forms: Map<&'static [u8]>,
    rules: Vec<Vec<Rule>>,
}

fn dictionary() -> Option<&'static Dictionary> {
    static DICT: OnceLock<Option<Dictionary>> = OnceLock::new();
    DICT.get_or_init(|| {
        let forms = Map::from(Fst::new(FST_BYTES).ok()?);
        let rules = RULES_TEXT
            .lines()
            .map(|line| {
                line.split(';')
                    .filter_map(|part| {
                        let (cut, suffix) = part.split_once(' ')?;
                        Some(Rule {
                            cut: cut.parse().ok()?,
                            suffix,
                        })
                    })
                    .collect()
            })
            .collect();
        Some(Dictionary { forms, rules })
    })
    .as_ref()
}

/// The dictionary lemmas of a normalized lowercase word ([`normalize`]), most likely first
/// (the word itself when it is a lemma, then by longest shared beginning); `None` when the
/// dictionary does not know the word or knows it only as its own lemma.
pub fn lemmas(word: &str) -> Option<Vec<String>> {
    stored_lemmas(word).or_else(|| dative_in_ovi(word))
}

/// The masculine dative/locative in `-ові`/`-еві`/`-єві` (`договорові`, `змістові`), which
/// the Hunspell data lists for some nouns only: the lemma of the instrumental in
/// `-ом`/`-ем`/`-єм` of the same noun, when the dictionary has it.
fn dative_in_ovi(word: &str) -> Option<Vec<String>> {
    stored_lemmas(&instrumental_of_dative(word)?)
}

/// The instrumental in `-ом`/`-ем`/`-єм` of a dative in `-ові`/`-еві`/`-єві` of at least
/// two letters before the ending.
fn instrumental_of_dative(word: &str) -> Option<String> {
    let (base, instrumental) = [("ові", "ом"), ("еві", "ем"), ("єві", "єм")]
        .iter()
        .find_map(|(dative, instr)| Some((word.strip_suffix(dative)?, instr)))?;
    (base.chars().count() >= 2).then(|| format!("{base}{instrumental}"))
}

/// True when every lemma [`lemmas`] gives for `word`, and the stem of each, begins with the
/// word's first letter: all but about 200 of the dictionary's 3 million forms (suppletive
/// verbs: `візьму` → `взяти`), for a word whose own stem does
/// ([`stem_keeps_initial`](super::ukrainian::stem_keeps_initial)). Lets a search skip the
/// lookup for words that cannot match a query's terms.
pub fn lemmas_keep_initial(word: &str) -> bool {
    let listed = |form: &str| {
        let forms = other_initials();
        forms.binary_search(&form).is_ok()
    };
    !listed(word) && instrumental_of_dative(word).is_none_or(|form| !listed(&form))
}

fn other_initials() -> &'static [&'static str] {
    static FORMS: OnceLock<Vec<&'static str>> = OnceLock::new();
    FORMS.get_or_init(|| OTHER_INITIALS_TEXT.lines().collect())
}

fn stored_lemmas(word: &str) -> Option<Vec<String>> {
    let dict = dictionary()?;
    let id = dict.forms.get(word.as_bytes())?;
    let rules = dict.rules.get(usize::try_from(id).ok()?)?;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let out: Vec<String> = rules
        .iter()
        .filter(|r| r.cut <= chars.len())
        .map(|r| {
            let keep = chars
                .get(chars.len() - r.cut)
                .map_or(word.len(), |&(i, _)| i);
            format!("{}{}", &word[..keep], r.suffix)
        })
        .collect();
    (!out.is_empty()).then_some(out)
}

/// The spelling the dictionary uses: `ґ`→`г`, combining acute (stress mark) removed.
/// Input is lowercase with apostrophes already folded to `'`.
pub fn normalize(word: &str) -> String {
    if !word.contains(['ґ', '\u{301}']) {
        return word.to_string();
    }
    word.chars()
        .filter(|&c| c != '\u{301}')
        .map(|c| if c == 'ґ' { 'г' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn lemmas_of_inflected_words() {
        use super::lemmas;
        assert_eq!(lemmas("партнерами").unwrap(), vec!["партнер"]);
        assert_eq!(lemmas("послузі").unwrap(), vec!["послуга"]);
        assert!(lemmas("партнер").is_none());
    }

    #[test]
    fn normalize_folds_ghe_and_drops_stress_marks() {
        use super::normalize;
        assert_eq!(normalize("ґанок"), "ганок");
        assert_eq!(normalize("за\u{301}мок"), "замок");
    }

    use super::*;

    #[test]
    fn the_data_loads_and_has_millions_of_forms() {
        let dict = dictionary().expect("the compiled-in FST opens");
        assert!(dict.forms.len() > 2_000_000, "{}", dict.forms.len());
        assert!(dict.rules.len() > 1_000);
        // Every stored rule-list id points at a rule list.
        let max_id = dict.rules.len() as u64;
        assert!(dict.forms.get("партнерами").unwrap() < max_id);
    }

    #[test]
    fn nouns_adjectives_and_verbs_get_their_lemma() {
        for (form, lemma) in [
            ("партнерами", "партнер"),
            ("іноземних", "іноземний"),
            ("активних", "активний"),
            ("клієнтові", "клієнт"),
            ("послузі", "послуга"),
            ("підтримці", "підтримка"),
            ("отримав", "отримати"),
            ("отримує", "отримувати"),
            ("зв'язку", "зв'язок"),
            // the dative in -ові through the instrumental
            ("договорові", "договір"),
            ("змістові", "зміст"),
        ] {
            let got = lemmas(form).unwrap_or_else(|| panic!("{form} unknown"));
            assert!(got.contains(&lemma.to_string()), "{form}: {got:?}");
        }
    }

    /// The forms of the FST whose own stem keeps their first letter but a lemma, or a
    /// lemma's stem, begins with another, as `uk_lemma_other_initials.txt` must list them.
    /// Only forms with a lemma keeping at most two of their letters, or beginning with
    /// `іст`, can be such forms: a lemma keeping three shares their beginning, and its stem
    /// loses its first letter only for `най-` (then the form has it too) and `ість`.
    fn forms_with_other_initials() -> Vec<String> {
        use crate::analysis::ukrainian::stem_keeps_initial;
        use tantivy_fst::Streamer;
        let dict = dictionary().unwrap();
        let mut stream = dict.forms.stream();
        let mut found = Vec::new();
        while let Some((key, id)) = stream.next() {
            let form = std::str::from_utf8(key).unwrap();
            let len = form.chars().count();
            let short_lemma = dict.rules[id as usize].iter().any(|r| r.cut + 3 > len);
            if !stem_keeps_initial(form) || !(short_lemma || form.starts_with("іст")) {
                continue;
            }
            let initial = form.chars().next();
            let lemmas = stored_lemmas(form).unwrap_or_default();
            let stems = lemmas.iter().map(|l| crate::analysis::ukrainian::stem(l));
            if lemmas
                .iter()
                .cloned()
                .chain(stems)
                .any(|t| t.chars().next() != initial)
            {
                found.push(form.to_string());
            }
        }
        found
    }

    /// After `benches/uk_lemma_dict.py` rebuilt the FST, write the list anew with
    /// `KBSEARCH_UPDATE_DATA=1 cargo test -p kbsearch other_initials`.
    #[test]
    fn the_list_of_forms_with_other_initials_is_the_fst_s() {
        if std::env::var_os("KBSEARCH_UPDATE_DATA").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/uk_lemma_other_initials.txt"
            );
            std::fs::write(path, forms_with_other_initials().join("\n") + "\n").unwrap();
            return;
        }
        let listed: Vec<&str> = other_initials().to_vec();
        assert!(listed.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert_eq!(
            listed,
            forms_with_other_initials(),
            "regenerate the list from the FST"
        );
        assert!(listed.len() < 1_000, "{}", listed.len());
        assert!(!lemmas_keep_initial("візьму"), "візьму → взяти");
        assert!(lemmas_keep_initial("партнерами"));
        assert!(
            lemmas_keep_initial("kpi"),
            "unknown words are their own lemma"
        );
    }

    #[test]
    fn ambiguous_forms_list_every_lemma() {
        let got = lemmas("абазинці").unwrap();
        assert!(got.contains(&"абазинець".to_string()), "{got:?}");
        assert!(got.contains(&"абазинка".to_string()), "{got:?}");
    }

    #[test]
    fn unknown_and_foreign_words_have_none() {
        for w in ["", "kpi", "клієнтттт", "2025", "партнер", "я"] {
            assert!(lemmas(w).is_none(), "{w}");
        }
    }

    #[test]
    fn normalize_folds_g_and_stress() {
        assert_eq!(normalize("ґудзик"), "гудзик");
        assert_eq!(normalize("клієнт\u{301}а"), "клієнта");
        assert_eq!(normalize("клієнта"), "клієнта");
        assert_eq!(
            lemmas(&normalize("ґудзиками")),
            lemmas("гудзиками"),
            "ґ and г spellings meet"
        );
    }
}
