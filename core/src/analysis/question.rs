//! Questions that ask what something is: "什麼是客服經理?", "Що таке зворотний зв'язок?",
//! "quản lý dịch vụ là gì", "What is a refund?". Such a question is answered by the passage
//! that introduces its subject, not by a passage that only mentions it
//! ([`crate::search`] uses this to choose the passage).

use super::normalize_for_matching;

/// Phrases that ask for a definition in Chinese (Simplified; Traditional is converted first)
/// and Japanese, matched anywhere in the question; "做什么" asks what something does, as
/// "what does" does in English.
const HAN_PHRASES: &[&str] = &[
    "什么是",
    "是什么",
    "什么叫",
    "何谓",
    "是指什么",
    "做什么",
    "とは",
];

/// Word sequences that ask for a definition in languages written with spaces, in
/// [`normalize_for_matching`] form (lowercase, tone marks folded, apostrophes unified) with
/// words split at anything but letters, digits and apostrophes, matched whole words: English, Vietnamese, Ukrainian, and the common forms of
/// Russian, German, French and Spanish.
const WORD_PHRASES: &[&str] = &[
    "what is",
    "what are",
    "what's",
    "what does",
    "define",
    "definition of",
    "meaning of",
    "la gi",
    "nghia la gi",
    "що таке",
    "що це",
    "що означає",
    "что такое",
    "что это",
    "was ist",
    "was sind",
    "was bedeutet",
    "qu'est ce",
    "que es",
    "que son",
];

/// True when `query` asks what something is (in any of the forms above).
pub fn is_definition_question(query: &str) -> bool {
    let text = normalize_for_matching(query);
    if HAN_PHRASES.iter().any(|p| text.contains(p)) {
        return true;
    }
    let joined = spaced_words(&text);
    WORD_PHRASES
        .iter()
        .any(|p| joined.contains(&format!(" {p} ")))
}

/// True when `query` ends with one of the word phrases above ("… là gì", "… la gi",
/// "… що таке"): its last word closes the question and is not a word still being typed.
pub fn ends_with_definition_phrase(query: &str) -> bool {
    let joined = spaced_words(&normalize_for_matching(query));
    WORD_PHRASES
        .iter()
        .any(|p| joined.ends_with(&format!(" {p} ")))
}

/// The words of normalized text (split at anything but letters, digits and apostrophes),
/// each framed by spaces.
fn spaced_words(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    format!(" {} ", words.join(" "))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_question_phrase_at_the_end_closes_the_query() {
        use super::ends_with_definition_phrase;
        assert!(ends_with_definition_phrase(
            "quan ly dich vu khach hang la gi"
        ));
        assert!(ends_with_definition_phrase("Quản lý dịch vụ là gì"));
        assert!(ends_with_definition_phrase("зворотний зв'язок — що це"));
        assert!(!ends_with_definition_phrase("la gi quan ly dich vu"));
        assert!(!ends_with_definition_phrase("what is a refu"));
    }

    #[test]
    fn definition_questions_in_several_languages() {
        use super::is_definition_question;
        assert!(is_definition_question("什麼是客戶服務運營經理?"));
        assert!(is_definition_question("quan ly dich vu khach hang la gi"));
        assert!(!is_definition_question("客服經理如何優化服務流程"));
    }

    use super::is_definition_question;

    #[test]
    fn definition_questions_in_every_language() {
        for query in [
            "什麼是客戶服務運營經理?",
            "客户服务运营经理是什么",
            "客戶服務團隊負責人是什麼？",
            "客服经理做什么",
            "客服經理是做什麼的？",
            "Що таке зворотний зв’язок?",
            "що означає CSPM",
            "Quản lý dịch vụ khách hàng là gì?",
            "quan ly dich vu khach hang la gi",
            "What is a Customer Service Operations Manager?",
            "WHAT'S AN SLA",
            "Ｗｈａｔ ｉｓ ＣＳＡＴ",
            "Was ist ein Kundenkonto?",
            "Что такое возврат средств?",
            "Qu'est-ce qu'un remboursement ?",
            "返金とは",
        ] {
            assert!(is_definition_question(query), "{query}");
        }
    }

    #[test]
    fn other_questions_and_keywords_are_not() {
        for query in [
            "客服經理如何優化服務流程",
            "客服经理 绩效考核",
            "Як змінити пароль?",
            "менеджер з обслуговування клієнтів бюджет",
            "làm thế nào để đặt lại mật khẩu",
            "How do I reset my password?",
            "whatisthis",
            "Lagi lagi",
            "Wie ändere ich mein Passwort?",
        ] {
            assert!(!is_definition_question(query), "{query}");
        }
    }
}
