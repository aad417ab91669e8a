//! Typo tolerance: a query word that no passage holds in any form is replaced by the indexed
//! word nearest to it ("pasword" → "password", "інструмнети" → "інструменти"). The word being
//! typed (the last one, nothing after it, from [`MIN_PREFIX_LETTERS`] letters) also matches
//! as a prefix: when no passage holds it, it is replaced by the indexed word starting with it
//! that most passages hold ("passw" → "password"); when passages hold it, that word is
//! searched too, below the word typed ("pass" also finds "passport").
//!
//! Only words of letters in Latin or Cyrillic script are corrected, from [`ONE_EDIT_FROM`]
//! letters on (one edit: an insertion, deletion, substitution or transposition of two
//! neighbours) and [`TWO_EDITS_FROM`] letters on (two edits), Meilisearch's rule. Numbers,
//! codes (`E1234`, `v2.3`) and Chinese are never corrected. The candidates are the words of
//! the passage texts' folded form (lowercase, tone marks and apostrophes folded, so
//! Vietnamese is corrected on its toneless form), read from the term dictionary with a
//! Levenshtein automaton (tantivy's [`FuzzyTermQuery`] automaton), not by scanning it; the
//! fewest edits win, then the word most passages hold. A word the index knows is never
//! touched, so exact matches are never outranked by corrections and a query whose words are
//! all known runs as before (one dictionary lookup per word more).

use std::collections::BTreeMap;

use tantivy::query::FuzzyTermQuery;
use tantivy::{Searcher, Term};

use super::suggest::{MIN_PREFIX_LETTERS, terms_with_prefix};
use crate::analysis::script::{self, Script, Segment};
use crate::analysis::{Analyzed, Form, Lang};
use crate::error::Result;
use crate::index::{IndexStore, Zone};

/// Fewest letters a word needs to be corrected with one edit …
pub const ONE_EDIT_FROM: usize = 5;

/// … and with two edits.
pub const TWO_EDITS_FROM: usize = 9;

/// Most words of one query checked for typos (the first ones): a typed query has a few, and
/// a pasted page must not run an automaton per word.
pub const MAX_CHECKED_WORDS: usize = 32;

/// A query with its unknown words corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Corrected {
    /// The query text with each corrected word replaced.
    pub query: String,
    /// Each corrected word as typed → the indexed word used instead.
    pub corrections: BTreeMap<String, String>,
    /// The word being typed, when the index holds it as typed → the indexed word starting
    /// with it that most passages hold, searched too (below the word itself).
    pub completion: Option<(String, String)>,
}

/// The query with every word that no passage holds replaced by its nearest indexed word,
/// and the word being typed completed; `None` when no word needed (or found) either.
/// `analyzed` is the query's analysis.
pub(super) fn correct(
    store: &IndexStore,
    searcher: &Searcher,
    query: &str,
    analyzed: &Analyzed,
    hint: Option<Lang>,
) -> Result<Option<Corrected>> {
    let mut text = String::with_capacity(query.len());
    let mut corrections = BTreeMap::new();
    let mut completion = None;
    let mut copied = 0;
    // The word being typed: the last one, with nothing after it, unless it closes a
    // question ("… la gi": "gi" is finished, not the start of "gia").
    let finished = crate::analysis::ends_with_definition_phrase(query);
    let typing = |s: &Segment<'_>| !finished && s.offset + s.text.len() == query.len();
    let candidates = script::segments(query)
        .into_iter()
        .filter(|s| matches!(s.script, Script::Latin | Script::Cyrillic))
        .filter(|s| s.text.chars().all(is_word_char))
        .map(|s| (s.text.chars().filter(|c| c.is_alphabetic()).count(), s))
        .filter(|(letters, s)| {
            *letters >= ONE_EDIT_FROM || (typing(s) && *letters >= MIN_PREFIX_LETTERS)
        })
        .take(MAX_CHECKED_WORDS);
    for (letters, segment) in candidates {
        // The folded form, as the passage texts' folded field holds it.
        let Some(key) = terms_of(analyzed, Form::Folded, &segment)
            .next()
            .map(str::to_string)
        else {
            continue;
        };
        if is_known(store, searcher, analyzed, &segment)? {
            // A known word being typed also matches as a prefix: "pass" finds "password".
            // Unless that completion is only another form of the word, which the word's
            // analysis matches already (the word was finished: "банка" → "банках").
            if typing(&segment) {
                completion = most_frequent_completion(store, searcher, &key)?
                    .filter(|word| !same_word(query, &segment, analyzed, hint, word))
                    .map(|word| (segment.text.to_string(), word));
            }
            continue;
        }
        let mut found = match typing(&segment) {
            true => most_frequent_completion(store, searcher, &key)?,
            false => None,
        };
        let max_edits = match letters {
            n if n >= TWO_EDITS_FROM => 2,
            n if n >= ONE_EDIT_FROM => 1,
            _ => 0,
        };
        for edits in 1..=max_edits {
            if found.is_some() {
                break;
            }
            found = nearest(store, searcher, &key, edits)?;
        }
        if let Some(word) = found {
            text.push_str(&query[copied..segment.offset]);
            text.push_str(&word);
            copied = segment.offset + segment.text.len();
            corrections.insert(segment.text.to_string(), word);
        }
    }
    if corrections.is_empty() && completion.is_none() {
        return Ok(None);
    }
    text.push_str(&query[copied..]);
    Ok(Some(Corrected {
        query: text,
        corrections,
        completion,
    }))
}

/// True when `completion`, put in the place of the last word `typed`, is analyzed into
/// no word terms that `typed` does not have already (a form of the same word).
fn same_word(
    query: &str,
    typed: &Segment<'_>,
    analyzed: &Analyzed,
    hint: Option<Lang>,
    completion: &str,
) -> bool {
    let completed = format!("{}{completion}", &query[..typed.offset]);
    let completed_analysis = crate::analysis::analyze(&completed, hint);
    let in_place = Segment {
        text: completion,
        ..*typed
    };
    let typed_terms: Vec<&str> = terms_of(analyzed, Form::Words, typed).collect();
    terms_of(&completed_analysis, Form::Words, &in_place).all(|t| typed_terms.contains(&t))
}

/// Letters, combining marks (decomposed Vietnamese) and apostrophes inside words.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic()
        || unicode_normalization::char::is_combining_mark(c)
        || matches!(c, '\'' | '’' | 'ʼ')
}

/// The terms of one form that the query's analysis made of the word at `word`.
fn terms_of<'a>(
    analyzed: &'a Analyzed,
    form: Form,
    word: &Segment<'_>,
) -> impl Iterator<Item = &'a str> {
    let (start, end) = (word.offset, word.offset + word.text.len());
    analyzed
        .form(form)
        .iter()
        .filter(move |t| t.start >= start && t.end <= end)
        .map(|t| t.text.as_str())
}

/// True when some passage holds the word in one of the forms the query's analysis gave it
/// (a stop word of the query's language, which has none, counts as known).
fn is_known(
    store: &IndexStore,
    searcher: &Searcher,
    analyzed: &Analyzed,
    word: &Segment<'_>,
) -> Result<bool> {
    let f = store.fields();
    let mut any = false;
    // Most known words are in some passage text: looked up first.
    for zone in [Zone::Text, Zone::Heading, Zone::Title] {
        for form in [Form::Folded, Form::Words] {
            for term in terms_of(analyzed, form, word) {
                any = true;
                if searcher.doc_freq(&Term::from_field_text(f.analyzed(zone, form), term))? > 0 {
                    return Ok(true);
                }
            }
        }
    }
    Ok(!any)
}

/// The indexed folded word starting with `key` that most passages hold.
fn most_frequent_completion(
    store: &IndexStore,
    searcher: &Searcher,
    key: &str,
) -> Result<Option<String>> {
    let field = store.fields().analyzed(Zone::Text, Form::Folded);
    Ok(terms_with_prefix(searcher, field, key)?
        .into_iter()
        .filter(|(word, _)| word != key)
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(word, _)| word))
}

/// The indexed folded word within `edits` of `key` that most passages hold.
fn nearest(
    store: &IndexStore,
    searcher: &Searcher,
    key: &str,
    edits: u8,
) -> Result<Option<String>> {
    let field = store.fields().analyzed(Zone::Text, Form::Folded);
    let automaton =
        FuzzyTermQuery::new(Term::from_field_text(field, key), edits, true).automaton()?;
    let mut doc_freqs: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let index = segment.inverted_index(field)?;
        let mut stream = index
            .terms()
            .search(&automaton)
            .into_stream()
            .map_err(super::engine_error)?;
        while stream.advance() {
            *doc_freqs.entry(stream.key().to_vec()).or_default() +=
                u64::from(stream.value().doc_freq);
        }
    }
    Ok(doc_freqs
        .into_iter()
        .filter_map(|(word, df)| String::from_utf8(word).ok().map(|w| (w, df)))
        .filter(|(word, _)| word != key)
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(word, _)| word))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use crate::search::suggest::tests::knowledge_base;
    use crate::{Article, KnowledgeBase, SearchRequest};

    /// The top hit's article and the corrections it reports.
    fn search(kb: &KnowledgeBase, query: &str) -> (Option<String>, BTreeMap<String, String>) {
        let hits = kb.search(&SearchRequest::new(query)).unwrap().hits;
        match hits.into_iter().next() {
            Some(hit) => (Some(hit.article_id), hit.corrected),
            None => (None, BTreeMap::new()),
        }
    }

    fn corrections(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|&(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn one_edit_is_corrected_in_latin_and_cyrillic_words() {
        let kb = knowledge_base();
        // Deletion, transposition, substitution; upper case as typed is reported.
        for (query, id, fixed) in [
            (
                "pasword reset",
                "en",
                corrections(&[("pasword", "password")]),
            ),
            ("Passowrd", "en", corrections(&[("Passowrd", "password")])),
            (
                "повернення коштыв",
                "uk",
                corrections(&[("коштыв", "коштів")]),
            ),
            // A typo in the ending: the stem finds the word, nothing to correct.
            ("підпискую", "uk", BTreeMap::new()),
            (
                "пидпискою",
                "uk",
                corrections(&[("пидпискою", "підпискою")]),
            ),
            // Vietnamese on its toneless form, with or without tone marks typed.
            (
                "yeu cau hoaan tien",
                "vi",
                corrections(&[("hoaan", "hoan")]),
            ),
            (
                "xử lýy trong vòngg",
                "vi",
                corrections(&[("vòngg", "vong")]),
            ),
        ] {
            let (article, got) = search(&kb, query);
            assert_eq!(article.as_deref(), Some(id), "{query}");
            assert_eq!(got, fixed, "{query}");
        }
    }

    #[test]
    fn long_words_take_two_edits_short_words_none() {
        let kb = knowledge_base();
        assert_eq!(search(&kb, "pssaowrd").1, BTreeMap::new()); // 8 letters: one edit only
        // 9 letters, two substitutions.
        assert_eq!(
            search(&kb, "пидпискоя"),
            (
                Some("uk".into()),
                corrections(&[("пидпискоя", "підпискою")])
            )
        );
        assert_eq!(
            search(&kb, "chotyrnadtsyaty чотирнацяти").1,
            corrections(&[("чотирнацяти", "чотирнадцяти")])
        );
        assert_eq!(
            search(&kb, "passwordds expirre").1,
            corrections(&[("expirre", "expire"), ("passwordds", "passwords")])
        );
        // Four letters: never corrected.
        assert_eq!(search(&kb, "opne"), (None, BTreeMap::new()));
    }

    #[test]
    fn known_words_codes_and_chinese_are_never_corrected() {
        let kb = knowledge_base();
        assert_eq!(search(&kb, "password settings").1, BTreeMap::new());
        // A stem the index holds is known ("passwords" → "password").
        assert_eq!(search(&kb, "passwords").1, BTreeMap::new());
        assert_eq!(search(&kb, "E1235").0, None);
        assert_eq!(
            search(&kb, "退歀 申请"),
            (Some("zh".into()), BTreeMap::new())
        );
        // Turned off: the words as typed.
        let request = SearchRequest::new("pasword").typos(false);
        assert!(kb.search(&request).unwrap().hits.is_empty());
    }

    #[test]
    fn a_question_phrase_closing_the_query_is_not_completed() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let text = "# Giá dịch vụ\n\nGiá dịch vụ khách hàng được niêm yết rõ ràng.";
        kb.upsert(Article::new("vi", "", text).with_lang("vi"))
            .unwrap();
        kb.commit().unwrap();
        // "gi" of a toneless "là gì" ends the question; it is not "gia" being typed.
        let results = kb.search(&SearchRequest::new("gia dich vu la gi")).unwrap();
        assert_eq!(results.hits[0].article_id, "vi");
        assert_eq!(results.hits[0].corrected, BTreeMap::new());
        assert!(results.completed.is_empty());
    }

    #[test]
    fn a_known_word_being_typed_also_matches_as_a_prefix_below_itself() {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, text) in [
            (
                "day-pass",
                "# Day pass\n\nA day pass opens every gate until midnight.",
            ),
            (
                "passport",
                "# Travel\n\nBring your passport to the airport desk.",
            ),
            (
                "passport-2",
                "# Visa\n\nThe passport must be valid for six months.",
            ),
        ] {
            kb.upsert(Article::new(id, "", text).with_lang("en"))
                .unwrap();
        }
        kb.commit().unwrap();
        let ids = |request: &SearchRequest| -> (Vec<String>, BTreeMap<String, String>) {
            let results = kb.search(request).unwrap();
            let ids = results.hits.into_iter().map(|h| h.article_id).collect();
            (ids, results.completed)
        };
        // "pass" is indexed and the word being typed: it also finds "passport", below itself.
        let (found, completed) = ids(&SearchRequest::new("gate pass"));
        assert_eq!(completed, corrections(&[("pass", "passport")]));
        assert_eq!(found[0], "day-pass");
        assert_eq!(found.len(), 3);
        // Finished (something follows it) or typos off: the word as typed only.
        for request in [
            SearchRequest::new("gate pass?"),
            SearchRequest::new("gate pass").typos(false),
        ] {
            assert_eq!(
                ids(&request),
                (vec!["day-pass".to_string()], BTreeMap::new())
            );
        }
    }
}
