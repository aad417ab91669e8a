//! Index: the on-disk (or in-memory) tantivy index, its writer and reader.
//!
//! One tantivy document per passage. Writes go through one lazily taken writer (so readers
//! never lock the index); a commit is atomic (tantivy swaps `meta.json`), so a crash
//! mid-indexing leaves the last commit readable. `kbsearch.json` beside tantivy's files
//! records the index format so an incompatible index is refused instead of misread.

mod lock;
pub mod schema;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::indexer::UserOperation;
use tantivy::query::{
    BooleanQuery, ConstScorer, EmptyScorer, EnableScoring, Explanation, Occur, Query, Scorer,
    TermQuery, Weight,
};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::tokenizer::{PreTokenizedString, Token};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analysis::{self, Form, Lang};
use crate::article::{Passage, StoredArticle};
use crate::error::{KbError, Result};
use crate::ingest::sections::PassageKind;
use crate::ingest::{PreparedArticle, RemovedCounts};
use crate::search::filter::{self, ArticleFacts};
pub use schema::{Fields, INDEX_FORMAT, Zone};

/// Name of kbsearch's own metadata file inside an index folder.
pub const META_FILE: &str = "kbsearch.json";

/// Name of the file recording who holds the writer lock (pid, host, command, start), written
/// when the writer is taken and removed when it is released. The lock itself is tantivy's
/// `.tantivy-writer.lock`, an OS advisory lock (`flock`) that the kernel releases when its
/// holder exits, even by SIGKILL; this file only names the holder in [`KbError::Locked`].
pub const WRITER_INFO_FILE: &str = "writer.json";

/// Memory the writer may buffer before flushing a segment.
const WRITER_MEMORY_BYTES: usize = 96 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
struct IndexMeta {
    format: u32,
    created_by: String,
}

/// The tantivy index with its fields, reader, and lazily opened writer.
pub struct IndexStore {
    index: Index,
    fields: Fields,
    reader: IndexReader,
    writer: Mutex<Option<HeldWriter>>,
    path: Option<PathBuf>,
}

/// The writer with its `writer.json` record. Fields drop in order: the record is removed
/// before the lock is released, so a later holder's record is never deleted by this one.
struct HeldWriter {
    _record: WriterRecord,
    writer: IndexWriter,
}

/// A `writer.json` naming this process as the writer-lock holder; removed when dropped.
/// Whoever holds an index's writer lock should hold one (see [`record_writer`]).
pub(crate) struct WriterRecord(Option<PathBuf>);

impl Drop for WriterRecord {
    fn drop(&mut self) {
        if let Some(record) = &self.0 {
            let _ = std::fs::remove_file(record);
        }
    }
}

/// Record this process as the holder of the writer lock of the index at `path` (call right
/// after taking the lock; best effort: the record only names the holder in other processes'
/// [`KbError::Locked`]). For writers taken outside [`IndexStore`] (the rebuild's lock).
pub(crate) fn record_writer(path: &Path) -> WriterRecord {
    WriterRecord(lock::write_record(path))
}

impl IndexStore {
    /// Open the index at `path`, creating it (and the folder) when it does not exist.
    pub fn open_or_create(path: &Path) -> Result<Self> {
        std::fs::create_dir_all(path).map_err(|e| KbError::io(path, e))?;
        if !path.join("meta.json").exists() {
            let (schema, _) = schema::build();
            let dir = MmapDirectory::open(path).map_err(|e| KbError::Corrupt {
                path: path.into(),
                message: e.to_string(),
            })?;
            // kbsearch.json first: a crash between the two leaves no index refused for
            // lacking it (meta.json is what makes the folder an index).
            write_meta(path)?;
            Index::create(dir, schema, Default::default())?;
        }
        Self::open_existing(path)
    }

    /// Open an existing index at `path` (for reading); fails when there is none.
    pub fn open_existing(path: &Path) -> Result<Self> {
        if !path.join("meta.json").exists() {
            return Err(KbError::NoIndex { path: path.into() });
        }
        check_meta(path)?;
        let corrupt = |e: tantivy::TantivyError| KbError::Corrupt {
            path: path.into(),
            message: e.to_string(),
        };
        let index = Index::open_in_dir(path).map_err(corrupt)?;
        let (expected, fields) = schema::build();
        if serde_json::to_string(&index.schema()).ok() != serde_json::to_string(&expected).ok() {
            return Err(KbError::IndexVersion {
                path: path.into(),
                found: "another schema".into(),
                expected: format!("kbsearch index format {INDEX_FORMAT}"),
            });
        }
        Self::from_index(index, fields, Some(path.to_path_buf()))
    }

    /// A fresh index in memory.
    pub fn in_memory() -> Result<Self> {
        let (schema, fields) = schema::build();
        Self::from_index(Index::create_in_ram(schema), fields, None)
    }

    fn from_index(index: Index, fields: Fields, path: Option<PathBuf>) -> Result<Self> {
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(IndexStore {
            index,
            fields,
            reader,
            writer: Mutex::new(None),
            path,
        })
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The folder of an on-disk index.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// A searcher over the last loaded commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Load the latest commit (made by this or another process).
    pub fn reload(&self) -> Result<()> {
        Ok(self.reader.reload()?)
    }

    /// Run `f` with the writer, taking the index's writer lock on first use.
    fn with_writer<R>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<R>) -> Result<R> {
        let mut guard = self.writer_guard();
        if guard.is_none() {
            let threads = std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, 4);
            let writer = self
                .index
                .writer_with_num_threads(
                    threads,
                    WRITER_MEMORY_BYTES.max(threads * 16 * 1024 * 1024),
                )
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => match &self.path {
                        Some(path) => locked_error(path),
                        None => KbError::Locked {
                            path: PathBuf::from("(in memory)"),
                            holder: "another handle of this in-memory index".into(),
                        },
                    },
                    other => KbError::Engine(other),
                })?;
            // A writer killed mid-commit leaves files that the last commit does not use.
            // Delete files are named after operation stamps, which the same writes repeat: a
            // re-run of the killed command would fail with FileAlreadyExists on them. Remove
            // them first (best effort; tantivy's GC only deletes files no commit references).
            let _ = writer.garbage_collect_files().wait();
            if let Some(path) = &self.path {
                lock::remove_interrupted_temp_files(path);
            }
            let record = WriterRecord(self.path.as_deref().and_then(lock::write_record));
            *guard = Some(HeldWriter {
                _record: record,
                writer,
            });
        }
        f(&mut guard.as_mut().expect("writer was just set").writer)
    }

    /// Take the writer lock now (it is otherwise taken by the first write), so that a long
    /// indexing run fails at once, not after reading its input, when another process writes.
    pub fn acquire_writer(&self) -> Result<()> {
        self.with_writer(|_| Ok(()))
    }

    fn writer_guard(&self) -> MutexGuard<'_, Option<HeldWriter>> {
        // A panic while holding the lock cannot leave the writer half-updated (tantivy's
        // operations are queued), so a poisoned lock is still usable.
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Replace every passage of an article by already built documents (see
    /// [`documents`](Self::documents); not visible before commit). `existed` is false for an
    /// id known to have no passages, which saves the delete.
    pub fn replace_documents(
        &self,
        id: &str,
        documents: impl IntoIterator<Item = TantivyDocument>,
        existed: bool,
    ) -> Result<()> {
        if existed {
            self.delete(id)?;
        }
        // One batch: tantivy gives a batch to one indexing thread, so an article's passages
        // share a segment (and merges keep them together), which facet counting relies on.
        let batch: Vec<UserOperation> = documents.into_iter().map(UserOperation::Add).collect();
        self.with_writer(|writer| {
            writer.run(batch)?;
            Ok(())
        })
    }

    /// Delete every passage of an article (not visible before commit).
    pub fn delete(&self, id: &str) -> Result<()> {
        let query = IdQuery(Term::from_field_text(self.fields.article_id, id));
        self.with_writer(|writer| {
            writer.delete_query(Box::new(query))?;
            Ok(())
        })
    }

    /// Commit pending changes atomically and make them visible to this handle's searches.
    pub fn commit(&self) -> Result<()> {
        let committed = self.with_writer(|writer| Ok(writer.commit()?));
        committed?;
        self.reload()
    }

    /// Number of segments in the loaded commit.
    pub fn segment_count(&self) -> usize {
        self.searcher().segment_readers().len()
    }

    /// Turn tantivy's background merges off (or back on) for the writer held now. A bulk
    /// load that ends with [`merge_segments`](Self::merge_segments) turns them off: merges
    /// during the load would rewrite the same passages several times (and hold their memory).
    /// The writer taken by a later write has them on.
    pub fn set_background_merges(&self, on: bool) {
        if let Some(held) = self.writer_guard().as_ref() {
            if on {
                held.writer
                    .set_merge_policy(Box::<tantivy::indexer::LogMergePolicy>::default());
            } else {
                held.writer
                    .set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
            }
        }
    }

    /// Merge every committed segment into one and make it visible; a no-op with fewer than
    /// two. Atomic like a commit (a crash leaves the segments as they were). Uncommitted
    /// changes are discarded: commit first.
    pub fn merge_segments(&self) -> Result<()> {
        if self.index.searchable_segment_ids()?.len() < 2 {
            return Ok(());
        }
        // tantivy merges segments in the background after commits, and a merge of segments
        // that another merge replaced fails when it ends: let those finish first. This
        // drops the writer, so its lock is free for a moment (and taken again below).
        if let Some(HeldWriter { _record, writer }) = self.writer_guard().take() {
            drop(_record);
            writer.wait_merging_threads()?;
        }
        self.with_writer(|writer| {
            let ids = self.index.searchable_segment_ids()?;
            if ids.len() >= 2 {
                writer.merge(&ids).wait()?;
                // Files of the merged-away segments (best effort, as on open).
                let _ = writer.garbage_collect_files().wait();
            }
            Ok(())
        })?;
        self.reload()
    }

    /// Release the writer lock (pending, uncommitted changes are discarded).
    pub fn release_writer(&self) {
        self.writer_guard().take();
    }

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
        let record = serde_json::to_vec(&record)
            .map_err(|e| e.to_string())
            .and_then(|json| compress_record(&json).map_err(|e| e.to_string()))
            .map_err(|message| KbError::InvalidArticle {
                id: prepared.article.id.clone(),
                field: "body",
                message: format!("cannot be stored: {message}"),
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
        let document = move |(n, passage): (usize, &Passage)| {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.article_id, &prepared.article.id);
            doc.add_u64(f.passage_no, n as u64);
            for term in &filter_terms {
                doc.add_text(f.lang, term);
            }
            doc.add_text(f.lang_code, lang.code());
            doc.add_text(f.title, &prepared.title);
            if let Some(key) = &title_key {
                doc.add_text(f.title_key, key);
            }
            doc.add_text(
                f.heading_path,
                serde_json::to_string(&passage.heading_path).unwrap_or_default(),
            );
            doc.add_text(f.text, &passage.text);
            doc.add_text(f.kind, passage.kind.name());
            doc.add_text(f.source, &source);
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
            if let Some(facts) = &facts {
                doc.add_text(f.facts, facts);
            }
            if n == 0 {
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
                    let tokens = pre_tokenized(terms.form(form));
                    if !tokens.tokens.is_empty() {
                        doc.add_pre_tokenized_text(f.analyzed(zone, form), tokens);
                    }
                }
            }
            doc
        };
        Ok(prepared.passages.iter().enumerate().map(document))
    }

    /// Articles (committed state) with no `updated` day on or after `cutoff` (a
    /// [`filter::Day::number`]): `(id, title, facts)`, in no particular order.
    pub fn articles_updated_before(
        &self,
        cutoff: u64,
    ) -> Result<Vec<(String, String, ArticleFacts)>> {
        let searcher = self.searcher();
        let f = &self.fields;
        let query = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(f.passage_no, 0),
                    IndexRecordOption::Basic,
                )),
            ),
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
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let facts = serde_json::from_str(&text(f.facts)).unwrap_or_default();
            articles.push((text(f.article_id), text(f.title), facts));
        }
        Ok(articles)
    }

    /// The stored record of an article (committed state), without passages.
    pub fn stored_article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let searcher = self.searcher();
        let query = BooleanQuery::new(vec![
            (Occur::Must, self.id_query(id)),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_u64(self.fields.passage_no, 0),
                    IndexRecordOption::Basic,
                )),
            ),
        ]);
        let top = searcher.search(&query, &TopDocs::with_limit(1).order_by_score())?;
        let Some((_, address)) = top.first() else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        let record = doc
            .get_first(self.fields.article)
            .ok_or_else(|| "no record".to_string())
            .and_then(|value| record_json(&value).map_err(|e| e.to_string()))
            .and_then(|json| serde_json::from_str(&json).map_err(|e| e.to_string()))
            .map_err(|message| KbError::Corrupt {
                path: self.path.clone().unwrap_or_default(),
                message: format!("stored article {id:?} is unreadable: {message}"),
            })?;
        Ok(Some(record))
    }

    /// The passages of an article, in order (committed state).
    pub fn passages(&self, id: &str) -> Result<Vec<Passage>> {
        let searcher = self.searcher();
        let limit = searcher.search(&*self.id_query(id), &Count)?.max(1);
        let top = searcher.search(
            &*self.id_query(id),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut passages = Vec::with_capacity(top.len());
        for (_, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let no = doc
                .get_first(self.fields.passage_no)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            passages.push((no, self.passage_of(&doc)));
        }
        passages.sort_by_key(|(no, _)| *no);
        Ok(passages.into_iter().map(|(_, p)| p).collect())
    }

    /// Read the passage fields of a stored document.
    pub fn passage_of(&self, doc: &TantivyDocument) -> Passage {
        let f = &self.fields;
        let text_of = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        Passage {
            heading_path: serde_json::from_str(&text_of(f.heading_path)).unwrap_or_default(),
            text: text_of(f.text),
            kind: if text_of(f.kind) == PassageKind::Faq.name() {
                PassageKind::Faq
            } else {
                PassageKind::Section
            },
        }
    }

    fn id_query(&self, id: &str) -> Box<dyn Query> {
        Box::new(TermQuery::new(
            Term::from_field_text(self.fields.article_id, id),
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

    /// Number of committed articles and passages, and articles per language.
    pub fn counts(&self) -> Result<Counts> {
        let searcher = self.searcher();
        let first = || -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_u64(self.fields.passage_no, 0),
                IndexRecordOption::Basic,
            ))
        };
        let articles = searcher.search(&*first(), &Count)? as u64;
        let passages = searcher.num_docs();
        // Every language code in the index: the lang field's terms, less the family terms.
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
        let mut per_lang = Vec::new();
        for code in codes {
            let query = BooleanQuery::new(vec![
                (Occur::Must, first()),
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

/// The passages of one article id, for deletes. tantivy keeps every pending delete's query
/// weight until the commit: a `TermQuery` weight carries a 1 KiB scoring table and a
/// `TermSetQuery` weight about 10 KiB (a million updates: gigabytes); this one holds the term.
#[derive(Debug, Clone)]
struct IdQuery(Term);

impl Query for IdQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for IdQuery {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn Scorer>> {
        let postings = reader
            .inverted_index(self.0.field())?
            .read_postings(&self.0, IndexRecordOption::Basic)?;
        Ok(match postings {
            Some(postings) => Box::new(ConstScorer::new(postings, boost)),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(
        &self,
        _: &tantivy::SegmentReader,
        _: tantivy::DocId,
    ) -> tantivy::Result<Explanation> {
        Ok(Explanation::new("article id", 1.0))
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

/// zstd level of stored article records: level 3 makes them about half the size tantivy's
/// LZ4 document store would (they are read by `get`, updates and `reindex`, never by search,
/// whose passages stay in LZ4 blocks that are fast to read).
const RECORD_ZSTD_LEVEL: i32 = 3;

fn compress_record(json: &[u8]) -> std::io::Result<Vec<u8>> {
    zstd::bulk::compress(json, RECORD_ZSTD_LEVEL)
}

/// The JSON of a stored article record: zstd-compressed bytes (index formats 2 and 3) or text
/// (format 1, read by `reindex`).
pub(crate) fn record_json<'a>(value: &impl Value<'a>) -> std::io::Result<String> {
    if let Some(text) = value.as_str() {
        return Ok(text.to_string());
    }
    let bytes = value.as_bytes().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "record is neither text nor bytes",
        )
    })?;
    let json = zstd::stream::decode_all(bytes)?;
    String::from_utf8(json).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

fn pre_tokenized(terms: &[analysis::Term]) -> PreTokenizedString {
    let tokens = terms
        .iter()
        .enumerate()
        .map(|(position, t)| Token {
            offset_from: t.start,
            offset_to: t.end,
            position,
            text: t.text.clone(),
            position_length: 1,
        })
        .collect();
    PreTokenizedString {
        text: String::new(),
        tokens,
    }
}

/// The error for an index whose writer lock another process holds, naming the holder.
pub(crate) fn locked_error(path: &Path) -> KbError {
    KbError::Locked {
        path: path.to_path_buf(),
        holder: lock::describe_holder(path),
    }
}

fn write_meta(path: &Path) -> Result<()> {
    let meta = IndexMeta {
        format: INDEX_FORMAT,
        created_by: format!("kbsearch {}", env!("CARGO_PKG_VERSION")),
    };
    let tmp = path.join(format!("{META_FILE}.tmp"));
    let json = serde_json::to_string_pretty(&meta).expect("meta serializes");
    std::fs::write(&tmp, json).map_err(|e| KbError::io(&tmp, e))?;
    std::fs::rename(&tmp, path.join(META_FILE)).map_err(|e| KbError::io(path.join(META_FILE), e))
}

fn check_meta(path: &Path) -> Result<()> {
    let file = path.join(META_FILE);
    let expected = format!("kbsearch index format {INDEX_FORMAT}");
    let text = std::fs::read_to_string(&file).map_err(|_| KbError::IndexVersion {
        path: path.into(),
        found: format!("no {META_FILE} (not a kbsearch index, or an older kbsearch)"),
        expected: expected.clone(),
    })?;
    let meta: IndexMeta = serde_json::from_str(&text).map_err(|e| KbError::Corrupt {
        path: path.into(),
        message: format!("{META_FILE}: {e}"),
    })?;
    if meta.format != INDEX_FORMAT {
        return Err(KbError::IndexVersion {
            path: path.into(),
            found: format!("index format {} ({})", meta.format, meta.created_by),
            expected,
        });
    }
    Ok(())
}
