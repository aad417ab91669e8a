//! Document building: the tantivy documents of a prepared article, one per passage, with
//! every stored field (read back by [`super::stored`]) and every zone analyzed in every form.

use tantivy::TantivyDocument;

use super::record;
use super::schema::Zone;
use super::store::IndexStore;
use super::terms_tokenizer;
use crate::analysis::{self, Form};
use crate::article::{Passage, StoredArticle};
use crate::error::{KbError, Result};
use crate::ingest::{PreparedArticle, RemovedCounts};
use crate::search::filter::{self, ArticleFacts};
use crate::semantic;

impl IndexStore {
    /// The tantivy documents of a prepared article: one per passage, every zone analyzed in
    /// every form, built one at a time as the iterator is read. Pure computation (no
    /// writer): batches build them on several threads.
    pub fn documents<'a>(
        &'a self,
        prepared: &'a PreparedArticle,
        fingerprint: &str,
    ) -> Result<impl Iterator<Item = TantivyDocument> + 'a> {
        let lang = prepared.lang;
        if lang.is_chinese() {
            // Long Chinese texts are cut faster with the whole dictionary loaded once.
            analysis::chinese::load_dictionary();
        }
        let (title_terms, title_key) = if prepared.title_is_excerpt {
            (analysis::Analyzed::default(), None)
        } else {
            (
                analysis::analyze(&prepared.title, Some(lang)),
                analysis::title_key(&prepared.title),
            )
        };
        let source = prepared
            .article
            .url
            .clone()
            .or_else(|| prepared.article.source.clone())
            .unwrap_or_default();
        let record = StoredArticle {
            article: prepared.article.clone(),
            title: prepared.title.clone(),
            lang: lang.code().to_string(),
            fingerprint: fingerprint.to_string(),
            passages: Vec::new(),
        };
        let texts: Vec<&str> = prepared.passages.iter().map(|p| p.text.as_str()).collect();
        let record =
            record::encode(record, &texts, self.texts_dictionary()).map_err(|message| {
                KbError::InvalidArticle {
                    id: prepared.article.id.clone(),
                    field: "body",
                    message: format!("cannot be stored: {message}"),
                }
            })?;
        let f = &self.fields;
        let filter_terms = lang.filter_terms();
        let labels = filter::labels_of(&prepared.article, lang.code(), filter::label);
        let facet_values = filter::labels_of(&prepared.article, lang.code(), filter::facet_label);
        let group_keys = crate::search::translations::group_keys(&prepared.article);
        let updated = (prepared.article.updated.as_deref())
            .and_then(filter::Day::parse)
            .map(filter::Day::number);
        let facts = ArticleFacts::of(&prepared.article);
        let facts = (!facts.is_empty())
            .then(|| serde_json::to_string(&facts))
            .transpose()
            .map_err(|e| KbError::InvalidArticle {
                id: prepared.article.id.clone(),
                field: "tags",
                message: format!("cannot be stored: {e}"),
            })?;
        let vectors = self.passage_vectors(prepared)?;
        let document = move |(n, passage): (usize, &Passage)| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.article_id, &prepared.article.id);
            doc.add_u64(f.passage_no, n as u64);
            for term in &filter_terms {
                doc.add_text(f.lang, term);
            }
            if let Some(key) = &title_key {
                doc.add_text(f.title_key, key);
            }
            doc.add_text(
                f.heading_path,
                serde_json::to_string(&passage.heading_path).unwrap_or_default(),
            );
            doc.add_text(f.kind, passage.kind.name());
            for label in &labels {
                doc.add_text(f.labels, label);
            }
            for value in &facet_values {
                doc.add_text(f.facet_values, value);
            }
            for key in &group_keys {
                doc.add_text(f.group_keys, key);
            }
            if let Some(day) = updated {
                doc.add_u64(f.updated, day);
            }
            if let Some(vector) = vectors.get(n) {
                doc.add_bytes(f.vector, vector);
            }
            if n == 0 {
                // What is the article's own is stored once, on its first passage.
                doc.add_text(f.lang_code, lang.code());
                doc.add_text(f.title, &prepared.title);
                doc.add_text(f.source, &source);
                if let Some(facts) = &facts {
                    doc.add_text(f.facts, facts);
                }
                doc.add_bytes(f.article, &record);
                for (field, count) in f
                    .removed
                    .iter()
                    .zip(RemovedCounts::of(&prepared.removed).to_array())
                {
                    doc.add_u64(*field, count as u64);
                }
            }
            let heading_terms = analysis::analyze(&passage.heading_path.join("\n"), Some(lang));
            let text_terms = analysis::analyze(&passage.text, Some(lang));
            for (zone, terms) in [
                (Zone::Title, &title_terms),
                (Zone::Heading, &heading_terms),
                (Zone::Text, &text_terms),
            ] {
                for form in Form::ALL {
                    if let Some(joined) = terms_tokenizer::join(terms.form(form)) {
                        doc.add_text(f.analyzed(zone, form), joined);
                    }
                }
            }
            doc
        };
        Ok(prepared.passages.iter().enumerate().map(document))
    }
}

impl IndexStore {
    /// The encoded vectors of an article's passages, in order, when the index holds vectors
    /// (embedded in one batch); empty otherwise.
    fn passage_vectors(&self, prepared: &PreparedArticle) -> Result<Vec<Vec<u8>>> {
        if self.vectors().is_none() || prepared.passages.is_empty() {
            return Ok(Vec::new());
        }
        let model = semantic::shared_model()?;
        let title = if prepared.title_is_excerpt {
            ""
        } else {
            prepared.title.as_str()
        };
        // Each passage's own text, then its sentences; all embedded in one batch.
        let mut texts: Vec<String> = Vec::new();
        let mut counts: Vec<usize> = Vec::with_capacity(prepared.passages.len());
        for p in &prepared.passages {
            texts.push(semantic::passage_text(title, &p.heading_path, &p.text));
            let sentences = semantic::passage_sentences(&p.text);
            counts.push(1 + sentences.len());
            texts.extend(sentences);
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let embedded = model.embed_passages(&texts)?;
        let code = prepared.lang.code();
        let mut rest = embedded.as_slice();
        Ok(counts
            .into_iter()
            .map(|n| {
                let (vectors, after) = rest.split_at(n);
                rest = after;
                semantic::vectors::encode(code, vectors)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::Count;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Value};
    use tantivy::{Searcher, Term};

    use super::*;
    use crate::analysis::Lang;
    use crate::index::testing::{prepared, store_with};
    use crate::ingest::sections::PassageKind;

    /// The address of the first document of the index.
    fn first_document(searcher: &tantivy::Searcher) -> tantivy::DocAddress {
        searcher
            .search(
                &tantivy::query::AllQuery,
                &tantivy::collector::DocSetCollector,
            )
            .unwrap()
            .into_iter()
            .next()
            .unwrap()
    }

    /// How many passages hold `word`'s first term (in `form`) in `zone`.
    fn holding(
        store: &IndexStore,
        searcher: &Searcher,
        zone: Zone,
        form: Form,
        word: &str,
    ) -> usize {
        let terms = analysis::analyze(word, Some(Lang::En));
        let term = &terms.form(form)[0].text;
        let field = store.fields().analyzed(zone, form);
        let query = TermQuery::new(Term::from_field_text(field, term), IndexRecordOption::Basic);
        searcher.search(&query, &Count).unwrap()
    }

    #[test]
    fn one_document_per_passage_and_only_the_first_holds_the_record() {
        let store = IndexStore::in_memory().unwrap();
        let article = prepared("en-1", Some("2024-03-01"));
        let documents: Vec<TantivyDocument> = store.documents(&article, "fp").unwrap().collect();
        assert_eq!(documents.len(), 2);
        let f = store.fields();
        let record = documents[0].get_first(f.article).and_then(|v| v.as_bytes());
        let stored = record::decode(&record.expect("passage 0 holds the record"), None).unwrap();
        assert_eq!(stored.article, article.article);
        assert_eq!(
            (stored.title.as_str(), stored.lang.as_str()),
            ("Refunds", "en")
        );
        assert_eq!(stored.fingerprint, "fp");
        assert!(stored.passages.is_empty());
        assert!(documents[1].get_first(f.article).is_none());
        // The removed-line counts are on passage 0 only (stats sums them over documents).
        let removed = |doc: &TantivyDocument| {
            f.removed
                .map(|field| doc.get_first(field).and_then(|v| v.as_u64()))
        };
        assert_eq!(removed(&documents[0]), [Some(1), Some(0), Some(0), Some(1)]);
        assert_eq!(removed(&documents[1]), [None; 4]);
    }

    #[test]
    fn stored_fields_read_back_as_search_shows_them() {
        let article = prepared("en-1", Some("2024-03-01"));
        let store = store_with(std::slice::from_ref(&article));
        let searcher = store.searcher();
        let mut stored: Vec<_> = searcher
            .search(
                &tantivy::query::AllQuery,
                &tantivy::collector::DocSetCollector,
            )
            .unwrap()
            .into_iter()
            .map(|address| store.stored_passage(&searcher, address).unwrap())
            .collect();
        stored.sort_by_key(|s| s.passage_no);
        assert_eq!(stored.len(), 2);
        for (n, s) in stored.iter().enumerate() {
            assert_eq!(s.article_id, "en-1");
            assert_eq!(s.passage_no, n as u64);
            assert_eq!(s.title, "Refunds");
            assert_eq!(s.lang, "en");
            assert_eq!(s.source.as_deref(), Some("https://help.example/en-1"));
            assert_eq!(s.passage, article.passages[n]);
            let facts = s.facts();
            assert_eq!(facts.tags, ["billing"]);
            assert_eq!(facts.category.as_deref(), Some("Payments"));
            assert_eq!(facts.updated.as_deref(), Some("2024-03-01"));
        }
        assert_eq!(stored[1].passage.kind, PassageKind::Faq);
    }

    #[test]
    fn articles_without_source_or_facts_store_none() {
        let mut article = prepared("bare", None);
        article.article.url = None;
        article.article.tags.clear();
        article.article.category = None;
        let store = store_with(&[article]);
        let searcher = store.searcher();
        let address = first_document(&searcher);
        let stored = store.stored_passage(&searcher, address).unwrap();
        assert_eq!(stored.source, None);
        assert_eq!(stored.facts(), ArticleFacts::default());
    }

    #[test]
    fn every_zone_is_analyzed_in_every_form() {
        let store = store_with(&[prepared("en-1", None)]);
        let searcher = store.searcher();
        // The title zone: on every passage; the heading zone: the FAQ's question only;
        // the text zone: the passage that says it.
        for form in [Form::Words, Form::Folded] {
            assert_eq!(holding(&store, &searcher, Zone::Title, form, "refunds"), 2);
            assert_eq!(holding(&store, &searcher, Zone::Heading, form, "refund"), 1);
            assert_eq!(holding(&store, &searcher, Zone::Text, form, "card"), 1);
            assert_eq!(holding(&store, &searcher, Zone::Text, form, "working"), 1);
            assert_eq!(holding(&store, &searcher, Zone::Heading, form, "card"), 0);
        }
        // The whole title is one term too (queries that are the title itself).
        let key = analysis::title_key("Refunds").unwrap();
        let query = TermQuery::new(
            Term::from_field_text(store.fields().title_key, &key),
            IndexRecordOption::Basic,
        );
        assert_eq!(searcher.search(&query, &Count).unwrap(), 2);
    }

    #[test]
    fn an_excerpt_title_is_shown_but_not_indexed() {
        let mut article = prepared("en-1", None);
        article.title_is_excerpt = true;
        let store = store_with(&[article]);
        let searcher = store.searcher();
        assert_eq!(
            holding(&store, &searcher, Zone::Title, Form::Words, "refunds"),
            0
        );
        let key = analysis::title_key("Refunds").unwrap();
        let query = TermQuery::new(
            Term::from_field_text(store.fields().title_key, &key),
            IndexRecordOption::Basic,
        );
        assert_eq!(searcher.search(&query, &Count).unwrap(), 0);
        let address = first_document(&searcher);
        assert_eq!(
            store.stored_passage(&searcher, address).unwrap().title,
            "Refunds"
        );
    }
}
