//! Reading what the index stores. Only `index/` knows which stored field holds what: search,
//! `get`, `stats` and `reindex` read passages, titles and article records through these.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use tantivy::collector::{Count, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::store::StoreReader;
use tantivy::{DocAddress, DocId, Index, Searcher, TantivyDocument, Term};

use super::dictionary::TextsDictionary;
use super::raw_document::RawDocument;
use super::record;
use super::schema;
use super::store::IndexStore;
use crate::analysis::Lang;
use crate::article::{Article, Passage, StoredArticle};
use crate::error::{KbError, Result};
use crate::ingest::sections::PassageKind;
use crate::ingest::{RemovedCounts, Skipped};
use crate::search::filter::ArticleFacts;

/// What the index stores of one passage (one tantivy document), as a hit shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPassage {
    /// The article's id.
    pub article_id: String,
    /// The passage's number in its article (0 = first).
    pub passage_no: u64,
    /// The article's title used for search.
    pub title: String,
    /// The article's language code.
    pub lang: String,
    /// The article's URL or source file, if any.
    pub source: Option<String>,
    /// The passage itself.
    pub passage: Passage,
    /// The article's facts as stored JSON (empty when it has none).
    facts: String,
}

impl StoredPassage {
    /// The article's tags, category and dates (empty when it declares none).
    pub fn facts(&self) -> ArticleFacts {
        Some(&self.facts)
            .filter(|s| !s.is_empty())
            .and_then(|json| serde_json::from_str(json).ok())
            .unwrap_or_default()
    }
}

/// The passage stored in `doc`, with its `text` (stored on the article's first passage).
fn passage_of(doc: &StoredDoc, f: &schema::Fields, text: String) -> Passage {
    Passage {
        heading_path: heading_path_of(doc, f),
        text,
        kind: if doc.text(f.kind) == PassageKind::Faq.name() {
            PassageKind::Faq
        } else {
            PassageKind::Section
        },
    }
}

/// The heading path stored in `doc` (empty when unreadable).
fn heading_path_of(doc: &StoredDoc, f: &schema::Fields) -> Vec<String> {
    serde_json::from_str(doc.text(f.heading_path)).unwrap_or_default()
}

/// A stored document, read from the document store's bytes ([`RawDocument`]), or by
/// tantivy when it holds a value type [`RawDocument`] does not read.
enum StoredDoc {
    Raw(RawDocument),
    Tantivy(TantivyDocument),
}

impl StoredDoc {
    /// Document `doc_id` of `store`.
    fn read(store: &StoreReader, doc_id: DocId) -> Result<Self> {
        Ok(match RawDocument::read(store, doc_id)? {
            Some(raw) => StoredDoc::Raw(raw),
            None => StoredDoc::Tantivy(store.get(doc_id)?),
        })
    }

    /// The first text of `field` ("" when absent).
    fn text(&self, field: Field) -> &str {
        match self {
            StoredDoc::Raw(doc) => doc.text(field),
            StoredDoc::Tantivy(doc) => doc
                .get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default(),
        }
    }

    /// The first number of `field` (0 when absent).
    fn number(&self, field: Field) -> u64 {
        match self {
            StoredDoc::Raw(doc) => doc.number(field),
            StoredDoc::Tantivy(doc) => doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0),
        }
    }

    /// The first bytes of `field`.
    fn bytes(&self, field: Field) -> Option<&[u8]> {
        match self {
            StoredDoc::Raw(doc) => doc.bytes(field),
            StoredDoc::Tantivy(doc) => doc.get_first(field).and_then(|v| v.as_bytes()),
        }
    }
}

/// A reader of the document store of `address`'s segment, keeping the last two blocks read
/// (a passage and its article's first passage are usually in the same block).
fn store_reader(searcher: &Searcher, address: DocAddress) -> Result<StoreReader> {
    Ok(searcher
        .segment_reader(address.segment_ord)
        .get_store_reader(2)
        .map_err(tantivy::TantivyError::from)?)
}

/// What an article's first passage stores of it: what every hit of the article shows.
#[derive(Debug)]
struct ArticleHead {
    article_id: String,
    title: String,
    lang: String,
    source: String,
    facts: String,
    texts: record::PassageTexts,
}

/// An article's first passage: its segment and document (segments never change).
type FirstPassage = (SegmentId, DocId);

/// How many articles each thread keeps read: a search shows a few passages of each of its
/// articles, and reads an article's texts once.
const RECENT_ARTICLES: usize = 16;

thread_local! {
    static RECENT: RefCell<VecDeque<(FirstPassage, Rc<ArticleHead>)>> =
        RefCell::new(VecDeque::with_capacity(RECENT_ARTICLES));
}

fn recent_article(key: FirstPassage) -> Option<Rc<ArticleHead>> {
    RECENT.with(|recent| {
        let recent = recent.borrow();
        recent
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, head)| head.clone())
    })
}

/// Articles whose texts are longer are not kept (at most 16 MiB per thread).
const RECENT_ARTICLE_MAX_BYTES: usize = 1 << 20;

fn remember_article(key: FirstPassage, head: Rc<ArticleHead>) {
    if head.texts.len() > RECENT_ARTICLE_MAX_BYTES {
        return;
    }
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if recent.len() == RECENT_ARTICLES {
            recent.pop_front();
        }
        recent.push_back((key, head));
    });
}

/// What [`IndexStore::stored_heading`] reads of a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredHeading {
    /// The passage's number in its article (0 = first).
    pub passage_no: u64,
    /// Headings above the passage (for FAQ passages: the question).
    pub heading_path: Vec<String>,
}

impl IndexStore {
    /// The stored passage at `address` of `searcher`'s commit.
    pub fn stored_passage(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<StoredPassage> {
        let store = store_reader(searcher, address)?;
        let doc = StoredDoc::read(&store, address.doc_id)?;
        let f = &self.fields;
        let article_id = doc.text(f.article_id).to_string();
        let passage_no = doc.number(f.passage_no);
        let head = self.article_head(searcher, &store, address, &article_id, passage_no)?;
        let passage_text = head.texts.get(passage_no as usize).ok_or_else(|| {
            self.unreadable(
                &article_id,
                format!("it has no text for passage {passage_no}"),
            )
        })?;
        Ok(StoredPassage {
            passage: passage_of(&doc, f, passage_text.to_string()),
            article_id,
            passage_no,
            title: head.title.clone(),
            lang: head.lang.clone(),
            source: Some(head.source.clone()).filter(|s| !s.is_empty()),
            facts: head.facts.clone(),
        })
    }

    /// The number and heading path of the passage at `address` of `searcher`'s commit: what
    /// FAQ checks need, read without the article's texts.
    pub fn stored_heading(
        &self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> Result<StoredHeading> {
        let doc = StoredDoc::read(&store_reader(searcher, address)?, address.doc_id)?;
        Ok(StoredHeading {
            passage_no: doc.number(self.fields.passage_no),
            heading_path: heading_path_of(&doc, &self.fields),
        })
    }

    /// The stored title of the passage at `address` of `searcher`'s commit.
    pub fn stored_title(&self, searcher: &Searcher, address: DocAddress) -> Result<Option<String>> {
        let store = store_reader(searcher, address)?;
        let doc = StoredDoc::read(&store, address.doc_id)?;
        let f = &self.fields;
        let (id, passage_no) = (doc.text(f.article_id), doc.number(f.passage_no));
        let head = self.article_head(searcher, &store, address, id, passage_no)?;
        Ok(Some(head.title.clone()))
    }

    /// What the first passage of article `id` stores, for its passage number `passage_no`
    /// at `address`; each thread keeps the last articles it read.
    fn article_head(
        &self,
        searcher: &Searcher,
        store: &StoreReader,
        address: DocAddress,
        id: &str,
        passage_no: u64,
    ) -> Result<Rc<ArticleHead>> {
        // An article's passages are written in one batch, in order: they share a segment
        // and follow each other in it, so the first is `passage_no` documents before.
        let first = u32::try_from(passage_no)
            .ok()
            .and_then(|n| address.doc_id.checked_sub(n))
            .map(|doc_id| DocAddress::new(address.segment_ord, doc_id));
        if let Some(first) = first {
            let segment = searcher.segment_reader(first.segment_ord).segment_id();
            let key = (segment, first.doc_id);
            if let Some(head) = recent_article(key).filter(|head| head.article_id == id) {
                return Ok(head);
            }
            let doc = StoredDoc::read(store, first.doc_id)?;
            let f = &self.fields;
            if doc.number(f.passage_no) == 0 && doc.text(f.article_id) == id {
                let head = Rc::new(self.head_of(&doc, id)?);
                remember_article(key, head.clone());
                return Ok(head);
            }
        }
        // Not where it should be (never seen): looked up by id.
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.id_query(id)),
            (Occur::Must, self.first_passages()),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let (_, first) = top
            .first()
            .ok_or_else(|| self.unreadable(id, "its first passage is missing".into()))?;
        let doc = StoredDoc::Tantivy(searcher.doc(*first)?);
        Ok(Rc::new(self.head_of(&doc, id)?))
    }

    /// The article's own fields and passages' texts, stored on its first passage `doc`.
    fn head_of(&self, doc: &StoredDoc, id: &str) -> Result<ArticleHead> {
        let f = &self.fields;
        let bytes = doc
            .bytes(f.article)
            .ok_or_else(|| self.unreadable(id, "it stores no passage texts".into()))?;
        let texts = record::passage_texts(bytes, self.record_dictionary(bytes)?)
            .map_err(|message| self.unreadable(id, message))?;
        Ok(ArticleHead {
            article_id: id.to_string(),
            title: doc.text(f.title).to_string(),
            lang: doc.text(f.lang_code).to_string(),
            source: doc.text(f.source).to_string(),
            facts: doc.text(f.facts).to_string(),
            texts,
        })
    }

    /// The error for a stored article that cannot be read back.
    fn unreadable(&self, id: &str, message: String) -> KbError {
        KbError::Corrupt {
            path: self.path.clone().unwrap_or_default(),
            message: format!("stored article {id:?} is unreadable: {message}"),
        }
    }

    /// Articles (committed state) with no `updated` day on or after `cutoff` (a
    /// [`crate::search::filter::Day::number`]): `(id, title, facts)`, in no particular order.
    pub fn articles_updated_before(
        &self,
        cutoff: u64,
    ) -> Result<Vec<(String, String, ArticleFacts)>> {
        let searcher = self.searcher();
        let f = &self.fields;
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.first_passages()),
            (
                Occur::MustNot,
                Box::new(tantivy::query::RangeQuery::new(
                    std::ops::Bound::Included(Term::from_field_u64(f.updated, cutoff)),
                    std::ops::Bound::Unbounded,
                )),
            ),
        ]);
        let mut articles = Vec::new();
        for address in searcher.search(&query, &tantivy::collector::DocSetCollector)? {
            let doc = StoredDoc::Tantivy(searcher.doc(address)?);
            let facts = serde_json::from_str(doc.text(f.facts)).unwrap_or_default();
            let (id, title) = (doc.text(f.article_id), doc.text(f.title));
            articles.push((id.to_string(), title.to_string(), facts));
        }
        Ok(articles)
    }

    /// The stored record of an article (committed state), without passages.
    pub fn stored_article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let searcher = self.searcher();
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.id_query(id)),
            (Occur::Must, self.first_passages()),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        let value = doc
            .get_first(self.fields.article)
            .ok_or_else(|| self.unreadable(id, "no record".into()))?;
        let dictionary = self.record_dictionary(value.as_bytes().unwrap_or_default())?;
        let record =
            record::decode(&value, dictionary).map_err(|message| self.unreadable(id, message))?;
        Ok(Some(record))
    }

    /// The texts dictionary the stored article `bytes` were compressed with, if any (bytes
    /// that do not say are left to the codec to report).
    fn record_dictionary(&self, bytes: &[u8]) -> Result<Option<&TextsDictionary>> {
        self.dictionary_for(record::dictionary_id(bytes).unwrap_or(0))
    }

    /// The passages of an article, in order (committed state).
    pub fn passages(&self, id: &str) -> Result<Vec<Passage>> {
        let searcher = self.searcher();
        let limit = searcher.search(&*self.id_query(id), &Count)?.max(1);
        let top = searcher.search(
            &*self.id_query(id),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut docs = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc = StoredDoc::Tantivy(searcher.doc(address)?);
            docs.push((doc.number(self.fields.passage_no), doc));
        }
        docs.sort_by_key(|(no, _)| *no);
        let texts = match docs.first() {
            None => return Ok(Vec::new()),
            Some((0, first)) => self.head_of(first, id)?.texts,
            Some(_) => return Err(self.unreadable(id, "its first passage is missing".into())),
        };
        docs.iter()
            .map(|(no, doc)| {
                let text = texts.get(*no as usize).ok_or_else(|| {
                    self.unreadable(id, format!("it has no text for passage {no}"))
                })?;
                Ok(passage_of(doc, &self.fields, text.to_string()))
            })
            .collect()
    }

    fn id_query(&self, id: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.article_id, id),
            IndexRecordOption::Basic,
        ))
    }

    /// Every article's first passage (the one holding its record).
    fn first_passages(&self) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_u64(self.fields.passage_no, 0),
            IndexRecordOption::Basic,
        ))
    }

    /// Lines removed by cleaning in the committed articles, per reason (chrome, artifact,
    /// duplicate, trailing): a sum over fast fields, without reading any stored document.
    pub fn removed_line_totals(&self) -> Result<RemovedCounts> {
        let searcher = self.searcher();
        let mut totals = [0usize; 4];
        for segment in searcher.segment_readers() {
            let fast = segment.fast_fields();
            for (total, name) in totals.iter_mut().zip(schema::REMOVED_FIELD_NAMES) {
                let column = fast.u64(name)?;
                *total += segment
                    .doc_ids_alive()
                    .filter_map(|doc| column.first(doc))
                    .sum::<u64>() as usize;
            }
        }
        Ok(RemovedCounts::from_array(totals))
    }

    /// Every language code in the index (the lang field's terms, less the family terms; a
    /// deleted article's stay until its segment is merged).
    pub fn language_codes(
        &self,
        searcher: &Searcher,
    ) -> Result<std::collections::BTreeSet<String>> {
        let mut codes = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(self.fields.lang)?;
            let mut terms = index
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                if let Ok(term) = std::str::from_utf8(terms.key())
                    && !Lang::is_family_term(term)
                {
                    codes.insert(term.to_string());
                }
            }
        }
        Ok(codes)
    }

    /// Number of committed articles and passages, and articles per language.
    pub fn counts(&self) -> Result<Counts> {
        let searcher = self.searcher();
        let articles = searcher.search(&*self.first_passages(), &Count)? as u64;
        let passages = searcher.num_docs();
        let mut per_lang = Vec::new();
        for code in self.language_codes(&searcher)? {
            let query = BooleanQuery::new(vec![
                (Occur::Must, self.first_passages()),
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(self.fields.lang, &code),
                        IndexRecordOption::Basic,
                    )),
                ),
            ]);
            let n = searcher.search(&query, &Count)? as u64;
            if n > 0 {
                let code = Lang::parse(&code).map_or(code, |lang| lang.code().to_string());
                per_lang.push((code, n));
            }
        }
        Ok(Counts {
            articles,
            passages,
            per_lang,
        })
    }
}

/// What [`IndexStore::counts`] returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    /// Committed articles.
    pub articles: u64,
    /// Committed passages.
    pub passages: u64,
    /// Articles per canonical language code (languages with none are left out).
    pub per_lang: Vec<(String, u64)>,
}

/// The article records of an index of any kbsearch version (opened with
/// [`Formats::Any`](super::Formats::Any)), for `reindex`.
pub(crate) struct StoredArticles {
    searcher: Searcher,
    field: Field,
    path: PathBuf,
    /// The index's texts dictionary, if it has one.
    dictionary: Option<TextsDictionary>,
}

impl StoredArticles {
    /// The records of `index`, in the folder `path`.
    pub(crate) fn open(index: &Index, path: &Path) -> Result<Self> {
        let field = index
            .schema()
            .get_field("article")
            .map_err(|_| KbError::Corrupt {
                path: path.into(),
                message: "it stores no articles to rebuild from: index the original files \
                          into a new folder instead"
                    .into(),
            })?;
        let searcher = index
            .reader()
            .map_err(|e| KbError::Corrupt {
                path: path.into(),
                message: e.to_string(),
            })?
            .searcher();
        Ok(StoredArticles {
            searcher,
            field,
            path: path.into(),
            dictionary: super::dictionary::load(path)?,
        })
    }

    /// Call `f` with every stored article, in index order; returns the records that cannot
    /// be read back.
    pub(crate) fn each(&self, f: &mut dyn FnMut(Article) -> Result<()>) -> Result<Vec<Skipped>> {
        let mut unreadable = Vec::new();
        for (segment, reader) in self.searcher.segment_readers().iter().enumerate() {
            for doc_id in reader.doc_ids_alive() {
                let doc: TantivyDocument = self
                    .searcher
                    .doc(DocAddress::new(segment as u32, doc_id))
                    .map_err(|e| KbError::Corrupt {
                        path: self.path.clone(),
                        message: e.to_string(),
                    })?;
                let Some(stored) = doc.get_first(self.field) else {
                    continue; // a passage other than the first
                };
                match record::article_of(&stored, self.dictionary.as_ref()) {
                    Ok(article) => f(article)?,
                    Err(reason) => unreadable.push(Skipped {
                        path: format!(
                            "{} (segment {segment}, document {doc_id})",
                            self.path.display()
                        ),
                        reason,
                    }),
                }
            }
        }
        Ok(unreadable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::testing::{prepared, store_with};
    use crate::search::filter::Day;

    #[test]
    fn stored_articles_and_passages_read_back() {
        let first = prepared("en-1", None);
        let store = store_with(&[first.clone(), prepared("en-2", None)]);
        let stored = store.stored_article("en-1").unwrap().unwrap();
        assert_eq!(
            stored,
            StoredArticle {
                article: first.article.clone(),
                title: "Refunds".into(),
                lang: "en".into(),
                fingerprint: "fp-en-1".into(),
                passages: Vec::new(),
            }
        );
        assert_eq!(store.passages("en-1").unwrap(), first.passages);
        assert!(store.stored_article("en-").unwrap().is_none());
        assert!(store.passages("missing").unwrap().is_empty());
    }

    #[test]
    fn an_unreadable_record_is_corrupt_naming_the_article() {
        let store = IndexStore::in_memory().unwrap();
        let f = store.fields().clone();
        let mut doc = TantivyDocument::default();
        doc.add_text(f.article_id, "broken");
        doc.add_u64(f.passage_no, 0);
        doc.add_bytes(f.article, b"not zstd");
        store.replace_documents("broken", [doc], false).unwrap();
        store.commit().unwrap();
        match store.stored_article("broken").unwrap_err() {
            KbError::Corrupt { message, .. } => {
                assert!(
                    message.starts_with("stored article \"broken\" is unreadable: "),
                    "{message}"
                );
            }
            other => panic!("expected Corrupt, got {other:?}"),
        }
    }

    /// Every passage of the committed index, as search shows it, in index order.
    fn every_stored_passage(store: &IndexStore) -> Vec<StoredPassage> {
        let searcher = store.searcher();
        let mut addresses = searcher
            .search(
                &tantivy::query::AllQuery,
                &tantivy::collector::DocSetCollector,
            )
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>();
        addresses.sort();
        addresses
            .into_iter()
            .map(|address| store.stored_passage(&searcher, address).unwrap())
            .collect()
    }

    #[test]
    fn an_updated_article_shows_its_new_texts() {
        let store = store_with(&[prepared("en-1", None), prepared("en-2", None)]);
        // Read once (the texts are kept per thread), then replaced.
        assert_eq!(
            every_stored_passage(&store)[1].passage.text,
            "Five working days."
        );
        let mut updated = prepared("en-1", None);
        updated.passages[1].text = "Ten working days.".into();
        let documents: Vec<_> = store.documents(&updated, "fp-2").unwrap().collect();
        store.replace_documents("en-1", documents, true).unwrap();
        store.commit().unwrap();
        let texts: Vec<(String, String)> = every_stored_passage(&store)
            .into_iter()
            .map(|p| (p.article_id, p.passage.text))
            .collect();
        assert!(texts.contains(&("en-1".into(), "Ten working days.".into())));
        assert!(texts.contains(&("en-2".into(), "Five working days.".into())));
        assert!(!texts.contains(&("en-1".into(), "Five working days.".into())));
    }

    #[test]
    fn a_first_passage_elsewhere_is_found_by_its_id() {
        // Written out of order, passage 1 comes first: its first passage is not the
        // document `passage_no` places before it.
        let store = IndexStore::in_memory().unwrap();
        let article = prepared("en-1", None);
        let mut documents: Vec<_> = store.documents(&article, "fp").unwrap().collect();
        documents.reverse();
        store.replace_documents("en-1", documents, false).unwrap();
        store.commit().unwrap();
        let passages = every_stored_passage(&store);
        assert_eq!(passages[0].passage_no, 1);
        assert_eq!(passages[0].passage, article.passages[1]);
        assert_eq!(passages[0].title, "Refunds");
        assert_eq!(store.passages("en-1").unwrap(), article.passages);
    }

    #[test]
    fn passages_without_their_first_are_corrupt() {
        let store = IndexStore::in_memory().unwrap();
        let documents: Vec<_> = store
            .documents(&prepared("en-1", None), "fp")
            .unwrap()
            .skip(1)
            .collect();
        store.replace_documents("en-1", documents, false).unwrap();
        store.commit().unwrap();
        let searcher = store.searcher();
        let error = store
            .stored_passage(&searcher, DocAddress::new(0, 0))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("stored article \"en-1\" is unreadable: its first passage is missing"),
            "{error}"
        );
        assert!(store.passages("en-1").is_err());
    }

    #[test]
    fn titles_are_read_at_an_address() {
        let store = store_with(&[prepared("en-1", None)]);
        let searcher = store.searcher();
        let address = DocAddress::new(0, 0);
        assert_eq!(
            store.stored_title(&searcher, address).unwrap().as_deref(),
            Some("Refunds")
        );
        assert_eq!(
            store.stored_passage(&searcher, address).unwrap().article_id,
            "en-1"
        );
    }

    #[test]
    fn counts_and_removed_lines_cover_committed_articles() {
        let mut vi = prepared("vi-1", None);
        vi.lang = Lang::Vi;
        let store = store_with(&[prepared("en-1", None), prepared("en-2", None), vi]);
        assert_eq!(
            store.counts().unwrap(),
            Counts {
                articles: 3,
                passages: 6,
                per_lang: vec![("en".into(), 2), ("vi".into(), 1)],
            }
        );
        // Two removed lines per article: one chrome, one trailing.
        assert_eq!(
            store.removed_line_totals().unwrap(),
            RemovedCounts::from_array([3, 0, 0, 3])
        );
        store.delete("en-2").unwrap();
        store.commit().unwrap();
        assert_eq!(store.counts().unwrap().articles, 2);
        assert_eq!(
            store.removed_line_totals().unwrap(),
            RemovedCounts::from_array([2, 0, 0, 2])
        );
    }

    #[test]
    fn articles_updated_before_a_day_include_undated_ones() {
        let store = store_with(&[
            prepared("old", Some("2023-01-10")),
            prepared("new", Some("2025-06-01")),
            prepared("undated", None),
        ]);
        let cutoff = Day::parse("2024-01-01").unwrap().number();
        let mut stale = store.articles_updated_before(cutoff).unwrap();
        stale.sort_by(|a, b| a.0.cmp(&b.0));
        let ids: Vec<&str> = stale.iter().map(|(id, _, _)| id.as_str()).collect();
        assert_eq!(ids, ["old", "undated"]);
        assert_eq!(stale[0].1, "Refunds");
        assert_eq!(stale[0].2.updated.as_deref(), Some("2023-01-10"));
        assert_eq!(stale[1].2.updated, None);
        assert_eq!(stale[1].2.tags, ["billing"]);
    }

    #[test]
    fn stored_articles_of_any_index_are_read_with_the_unreadable_ones_named() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::open_or_create(dir.path()).unwrap();
        let article = prepared("en-1", None);
        let documents: Vec<_> = store.documents(&article, "fp").unwrap().collect();
        store.replace_documents("en-1", documents, false).unwrap();
        let mut broken = TantivyDocument::default();
        broken.add_text(store.fields().article_id, "broken");
        broken.add_u64(store.fields().passage_no, 0);
        broken.add_bytes(store.fields().article, b"not zstd");
        store.replace_documents("broken", [broken], false).unwrap();
        store.commit().unwrap();
        drop(store);

        let index = super::super::open_index(dir.path(), super::super::Formats::Any).unwrap();
        let records = StoredArticles::open(&index, dir.path()).unwrap();
        let mut read = Vec::new();
        let unreadable = records
            .each(&mut |a| {
                read.push(a);
                Ok(())
            })
            .unwrap();
        assert_eq!(read, [article.article]);
        assert_eq!(unreadable.len(), 1);
        assert!(
            unreadable[0].path.contains("(segment "),
            "{:?}",
            unreadable[0]
        );
        assert!(
            unreadable[0]
                .reason
                .starts_with("stored record is unreadable: "),
            "{}",
            unreadable[0].reason
        );
    }
}
