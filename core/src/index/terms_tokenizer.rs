//! How kbsearch's own terms reach tantivy's writer: the terms of one zone in one form are
//! joined into one string by [`TERM_SEPARATOR`], and the analyzed fields' tokenizer,
//! [`TermsTokenizer`], splits them back, one position each.
//!
//! tantivy's other way in for outside analysis, a `PreTokenizedString`, is written to the
//! document as JSON and parsed back by the writer: in a profile of `kbsearch index` on one
//! core, serde_json alone was 12% of the time, and indexing ran 1.3× faster without it
//! (README, Performance). Splitting a string costs 0.4%, and the token's text buffer is
//! reused for every term.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::analysis::Term;

/// The name the analyzed fields give their tokenizer in the schema; registered on every
/// index handle ([`register`]).
pub const TERMS_TOKENIZER: &str = "kbsearch_terms";

/// Joins the terms of a field value: a control character (unit separator), which analysis
/// never puts inside a term (words are made of letters, digits and marks).
pub const TERM_SEPARATOR: char = '\u{1F}';

/// The terms as one field value for [`TermsTokenizer`], in order; `None` when there are none.
pub fn join(terms: &[Term]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    let mut joined = String::with_capacity(terms.iter().map(|t| t.text.len() + 1).sum());
    for (n, term) in terms.iter().enumerate() {
        if n > 0 {
            joined.push(TERM_SEPARATOR);
        }
        if term.text.contains(TERM_SEPARATOR) {
            // Not made by analysis (tested below); dropped so the term keeps one position.
            joined.extend(term.text.chars().filter(|&c| c != TERM_SEPARATOR));
        } else {
            joined.push_str(&term.text);
        }
    }
    Some(joined)
}

/// Register [`TermsTokenizer`] on `index`: needed before its writer indexes a document.
pub fn register(index: &tantivy::Index) {
    index
        .tokenizers()
        .register(TERMS_TOKENIZER, TermsTokenizer::default());
}

/// Splits a value made by [`join`] into its terms, at positions 0, 1, 2 … (offsets are the
/// term's bytes in the joined value; kbsearch stores none).
#[derive(Clone, Default)]
pub struct TermsTokenizer {
    token: Token,
}

/// The terms of one joined value.
pub struct TermsStream<'a> {
    terms: std::str::Split<'a, char>,
    offset: usize,
    token: &'a mut Token,
}

impl Tokenizer for TermsTokenizer {
    type TokenStream<'a> = TermsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermsStream<'a> {
        self.token.reset();
        TermsStream {
            terms: text.split(TERM_SEPARATOR),
            offset: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for TermsStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(term) = self.terms.next() else {
            return false;
        };
        self.token.text.clear();
        self.token.text.push_str(term);
        self.token.position = self.token.position.wrapping_add(1);
        self.token.offset_from = self.offset;
        self.token.offset_to = self.offset + term.len();
        self.offset = self.token.offset_to + TERM_SEPARATOR.len_utf8();
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{self, Form, Lang};

    fn split(joined: &str) -> Vec<(String, usize)> {
        let mut tokenizer = TermsTokenizer::default();
        let mut stream = tokenizer.token_stream(joined);
        let mut terms = Vec::new();
        while stream.advance() {
            terms.push((stream.token().text.clone(), stream.token().position));
        }
        terms
    }

    #[test]
    fn joined_terms_split_back_in_order_at_consecutive_positions() {
        for (text, lang) in [
            ("客戶服務運營經理的預算管理", Lang::ZhHant),
            ("Як змінити пароль облікового запису?", Lang::Uk),
            ("Làm thế nào để đổi mật khẩu tài khoản?", Lang::Vi),
            ("Refunds are processed within 5 business days.", Lang::En),
        ] {
            let analyzed = analysis::analyze(text, Some(lang));
            for form in Form::ALL {
                let terms = analyzed.form(form);
                let expected: Vec<(String, usize)> = terms
                    .iter()
                    .enumerate()
                    .map(|(n, t)| (t.text.clone(), n))
                    .collect();
                match join(terms) {
                    Some(joined) => assert_eq!(split(&joined), expected, "{text} {form:?}"),
                    None => assert!(expected.is_empty()),
                }
            }
            assert!(!analyzed.form(Form::Words).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_term_holding_the_separator_keeps_one_position() {
        let term = |text: &str| Term {
            text: text.into(),
            start: 0,
            end: text.len(),
        };
        let joined = join(&[term("a\u{1F}b"), term("c")]).unwrap();
        assert_eq!(
            split(&joined),
            [("ab".to_string(), 0), ("c".to_string(), 1)]
        );
        assert_eq!(join(&[]), None);
    }

    #[test]
    fn control_characters_in_the_text_never_reach_a_term() {
        let text = "pass\u{1F}word mật\u{1F}khẩu 密\u{1F}码 па\u{1F}роль";
        let german = Lang::parse("de").unwrap();
        for lang in [Lang::En, Lang::Vi, Lang::ZhHans, Lang::Uk, german] {
            let analyzed = analysis::analyze(text, Some(lang));
            for form in Form::ALL {
                for term in analyzed.form(form) {
                    assert!(!term.text.contains(TERM_SEPARATOR), "{lang:?} {term:?}");
                    assert!(!term.text.is_empty(), "{lang:?}");
                }
            }
        }
    }
}
