//! English: possessives, Snowball (Porter 2) stemming, stop words.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// English function words and question words ("What is …?", "How do I …?"): the Lucene
/// English stop set plus interrogatives and auxiliaries. Sorted, for a binary search.
const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can",
    "could", "did", "do", "does", "doing", "for", "from", "had", "has", "have", "how", "i", "if",
    "in", "into", "is", "it", "its", "me", "my", "no", "not", "of", "on", "or", "our", "should",
    "such", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "to", "was", "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will",
    "with", "would", "you", "your",
];

/// True for an English stop word (lowercase input).
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// Strip a possessive `'s` / `s'` (apostrophes already folded to `'`).
pub fn strip_possessive(word: &str) -> &str {
    if let Some(stem) = word.strip_suffix("'s") {
        return stem;
    }
    word.strip_suffix('\'').unwrap_or(word)
}

/// Stem one lowercase English word with Snowball English (Porter 2). Numbers and product
/// names with digits are kept as they are.
pub fn stem(word: &str) -> String {
    if word.chars().any(|c| c.is_ascii_digit()) {
        return word.to_string();
    }
    STEMMER.stem(strip_possessive(word)).into_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn stop_words_are_found_by_binary_search() {
        use super::{STOP_WORDS, is_stop_word};
        assert!(
            STOP_WORDS.windows(2).all(|p| p[0] < p[1]),
            "STOP_WORDS must be sorted and unique"
        );
        for word in ["a", "what", "your", "is", "how"] {
            assert!(is_stop_word(word), "{word}");
        }
        for word in ["refund", "account", "whatever", ""] {
            assert!(!is_stop_word(word), "{word}");
        }
    }

    #[test]
    fn stems_merge_inflections_and_keep_words_with_digits() {
        use super::stem;
        assert_eq!(stem("managers"), stem("manager"));
        assert_eq!(stem("operations"), stem("operation"));
        assert_eq!(stem("gpt4"), "gpt4");
    }

    use super::*;

    #[test]
    fn inflections_share_a_stem() {
        for group in [
            ["manage", "managed", "managing"],
            ["satisfaction", "satisfaction", "satisfactions"],
            ["process", "processes", "processing"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| s == &stems[0]),
                "{group:?} → {stems:?}"
            );
        }
    }

    #[test]
    fn possessives_are_stripped() {
        assert_eq!(stem("manager's"), stem("manager"));
        assert_eq!(stem("customers'"), stem("customer"));
    }

    #[test]
    fn question_words_are_stop_words() {
        for w in ["what", "is", "a", "how", "the", "does"] {
            assert!(is_stop_word(w), "{w}");
        }
        for w in ["customer", "service", "kpi", "salesforce"] {
            assert!(!is_stop_word(w), "{w}");
        }
    }
}
