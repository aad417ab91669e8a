//! Completions while typing: `kbsearch suggest PREFIX`.
//!
//! Two kinds, read from the term dictionaries (no document is scanned): article **titles**
//! that start with the prefix (compared by [`analysis::title_key`], so case, tone marks,
//! script variant and punctuation do not matter), then **words** that complete the prefix's
//! last word — the passage texts' folded words for Latin and Cyrillic ("passw" → "password",
//! "обслуг" → "обслуговування"), jieba words for Chinese ("客服" → "客服经理"), each with the
//! words typed before it. Titles rank by how many passages their article has, words by how
//! many passages hold them. A prefix needs [`MIN_PREFIX_LETTERS`] letters or one Chinese
//! character.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::Field;
use tantivy::schema::IndexRecordOption;
use tantivy::{Searcher, Term};

use crate::analysis::{self, Form, script};
use crate::error::Result;
use crate::index::{IndexStore, Zone};

/// Fewest letters of a prefix (one Chinese character is enough).
pub const MIN_PREFIX_LETTERS: usize = 2;

/// What a suggestion completes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SuggestionKind {
    /// An article title.
    Title,
    /// The prefix with its last word completed.
    Word,
}

/// One completion of a prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The completed text.
    pub text: String,
    /// A title or a completed word.
    pub kind: SuggestionKind,
    /// Passages of the title's article, or passages holding the word.
    pub passages: u64,
}

/// Up to `limit` completions of `prefix`: titles first, then words (see the module doc).
pub fn suggest(store: &IndexStore, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
    let searcher = store.searcher();
    let mut out = Vec::new();
    if limit == 0 {
        return Ok(out);
    }
    if let Some(key) = analysis::title_key(prefix).filter(|k| long_enough(k)) {
        out.extend(titles(store, &searcher, &key, limit)?);
    }
    if out.len() < limit
        && let Some(words) = completed_words(store, &searcher, prefix, limit)?
    {
        let shown: HashSet<String> = out
            .iter()
            .filter_map(|s| analysis::title_key(&s.text))
            .collect();
        for word in words {
            if out.len() >= limit {
                break;
            }
            if analysis::title_key(&word.text).is_none_or(|k| !shown.contains(&k)) {
                out.push(word);
            }
        }
    }
    Ok(out)
}

/// At least [`MIN_PREFIX_LETTERS`] letters, or one Chinese character.
fn long_enough(text: &str) -> bool {
    text.chars().any(script::is_han)
        || text.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_PREFIX_LETTERS
}

/// Every term of `field` starting with `prefix`, with the passages holding it (summed over
/// segments).
pub(super) fn terms_with_prefix(
    searcher: &Searcher,
    field: Field,
    prefix: &str,
) -> Result<BTreeMap<String, u64>> {
    let mut upper = prefix.as_bytes().to_vec();
    upper.push(0xFF); // no UTF-8 byte is 0xFF: every key with the prefix sorts below
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut stream = index
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .lt(&upper)
            .into_stream()
            .map_err(super::engine_error)?;
        while stream.advance() {
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                *found.entry(term.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(found)
}

/// The most frequent `limit` entries, most passages first (ties by text).
fn top(found: BTreeMap<String, u64>, limit: usize) -> Vec<(String, u64)> {
    let mut all: Vec<(String, u64)> = found.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(limit);
    all
}

/// Titles whose key starts with `key`, as stored.
fn titles(
    store: &IndexStore,
    searcher: &Searcher,
    key: &str,
    limit: usize,
) -> Result<Vec<Suggestion>> {
    let f = store.fields();
    let mut out = Vec::new();
    for (title_key, passages) in top(terms_with_prefix(searcher, f.title_key, key)?, limit) {
        let query = TermQuery::new(
            Term::from_field_text(f.title_key, &title_key),
            IndexRecordOption::Basic,
        );
        let Some(&(_, address)) = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())?
            .first()
        else {
            continue;
        };
        if let Some(title) = store.stored_title(searcher, address)? {
            out.push(Suggestion {
                text: title,
                kind: SuggestionKind::Title,
                passages,
            });
        }
    }
    Ok(out)
}

/// The prefix with its last word completed by the indexed words that start with it; `None`
/// when the last word is too short or no word of the index starts with it.
fn completed_words(
    store: &IndexStore,
    searcher: &Searcher,
    prefix: &str,
    limit: usize,
) -> Result<Option<Vec<Suggestion>>> {
    let Some(last) = script::segments(prefix).into_iter().last() else {
        return Ok(None);
    };
    if !long_enough(last.text)
        || prefix[last.offset + last.text.len()..]
            .chars()
            .any(|c| !c.is_whitespace())
    {
        return Ok(None);
    }
    let (form, key) = if last.text.chars().any(script::is_han) {
        (Form::Words, analysis::chinese::to_simplified(last.text))
    } else {
        let analyzed = analysis::analyze(last.text, None);
        let Some(key) = analyzed.form(Form::Folded).first().map(|t| t.text.clone()) else {
            return Ok(None);
        };
        (Form::Folded, key)
    };
    let field = store.fields().analyzed(Zone::Text, form);
    let before = &prefix[..last.offset];
    Ok(Some(
        top(terms_with_prefix(searcher, field, &key)?, limit)
            .into_iter()
            .map(|(word, passages)| Suggestion {
                text: format!("{before}{word}"),
                kind: SuggestionKind::Word,
                passages,
            })
            .collect(),
    ))
}

#[cfg(test)]
pub(super) mod tests {
    use super::{Suggestion, SuggestionKind};
    use crate::{Article, KnowledgeBase, SearchRequest};

    /// A small help center in four languages, shared with the typo tests.
    pub(in crate::search) fn knowledge_base() -> KnowledgeBase {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, lang, text) in [
            (
                "en",
                "en",
                "# Reset your password\n\nOpen the account settings and choose a new password. \
                 Passwords expire after ninety days. Passkeys work too.\n\n## Security\n\n\
                 A strong password has twelve characters.",
            ),
            (
                "uk",
                "uk",
                "# Повернення коштів\n\nПовернення коштів за підпискою оформлюється протягом \
                 чотирнадцяти днів.",
            ),
            (
                "vi",
                "vi",
                "# Hoàn tiền\n\nYêu cầu hoàn tiền được xử lý trong vòng mười bốn ngày làm việc.",
            ),
            (
                "zh",
                "zh-Hant",
                "# 退款政策\n\n退款申請在十四個工作日內處理。錯誤代碼 E1234 表示付款失敗。",
            ),
        ] {
            kb.upsert(Article::new(id, "", text).with_lang(lang))
                .unwrap();
        }
        kb.commit().unwrap();
        kb
    }

    fn texts(suggestions: &[Suggestion]) -> Vec<(&str, SuggestionKind)> {
        suggestions
            .iter()
            .map(|s| (s.text.as_str(), s.kind))
            .collect()
    }

    #[test]
    fn titles_then_completed_words_in_every_language() {
        let kb = knowledge_base();
        use SuggestionKind::{Title, Word};
        // A title starts with the prefix whatever the case; then words, most passages first.
        assert_eq!(
            texts(&kb.suggest("reset y", 5).unwrap()),
            [("Reset your password", Title)]
        );
        assert_eq!(
            texts(&kb.suggest("new pass", 5).unwrap()),
            [
                ("new password", Word),
                ("new passkeys", Word),
                ("new passwords", Word)
            ]
        );
        assert_eq!(
            texts(&kb.suggest("повер", 1).unwrap()),
            [("Повернення коштів", Title)]
        );
        assert_eq!(
            texts(&kb.suggest("за підпи", 5).unwrap()),
            // The folded field holds the dictionary lemma beside the form.
            [("за підписка", Word), ("за підпискою", Word)]
        );
        // Vietnamese titles match without tone marks; Chinese in the other script.
        assert_eq!(
            texts(&kb.suggest("hoan t", 1).unwrap()),
            [("Hoàn tiền", Title)]
        );
        assert_eq!(
            texts(&kb.suggest("退款", 1).unwrap()),
            [("退款政策", Title)]
        );
        assert_eq!(texts(&kb.suggest("申请", 5).unwrap()), [("申请", Word)]);
        // Too short, or nothing starts with it.
        assert!(kb.suggest("p", 5).unwrap().is_empty());
        assert!(kb.suggest("zzz", 5).unwrap().is_empty());
    }

    #[test]
    fn the_word_being_typed_matches_as_a_prefix() {
        let kb = knowledge_base();
        let hits = kb
            .search(&SearchRequest::new("choose a new passw"))
            .unwrap()
            .hits;
        assert_eq!(hits[0].article_id, "en");
        assert_eq!(
            hits[0].corrected.get("passw").map(String::as_str),
            Some("password")
        );
        let hits = kb
            .search(&SearchRequest::new("повернення кош"))
            .unwrap()
            .hits;
        assert_eq!(hits[0].article_id, "uk");
        // A finished word (followed by a space or punctuation) is not completed.
        let hits = kb.search(&SearchRequest::new("new passw ")).unwrap().hits;
        assert!(hits.iter().all(|h| h.corrected.is_empty()), "{hits:?}");
    }
}
