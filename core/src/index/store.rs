//! [`IndexStore`]: opening an index (the one place that checks an index folder before use)
//! and the writer's lifecycle (lock, writes, commit, merges, release).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock, RwLock};

use tantivy::directory::MmapDirectory;
use tantivy::indexer::UserOperation;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use super::dictionary::{self, TextsDictionary};
use super::id_query::IdQuery;
use super::lock;
use super::meta::{check_meta, write_meta};
use super::schema::{self, Fields, INDEX_FORMAT};
use super::terms_tokenizer;
use crate::error::{KbError, Result};
use crate::ingest::PreparedArticle;

/// How messages name an index that has no folder.
const IN_MEMORY: &str = "(in memory)";

/// Memory the writer may buffer before flushing a segment.
const WRITER_MEMORY_BYTES: usize = 96 * 1024 * 1024;

/// Size of the blocks tantivy's document store compresses (LZ4) together; each stored
/// passage read decompresses its whole block. Measured at 100k generated passages, k = 10
/// (three alternating runs each): tantivy's 16 KiB p50 1.47–1.56 ms, mean 2.16–2.27 ms;
/// 4 KiB 1.44–1.47, 2.11–2.15 ms, the store 2% larger; 2 KiB no faster than 4 KiB, 4%
/// larger. The setting is kept in the index (`meta.json`): older indexes keep theirs.
const DOCUMENT_STORE_BLOCK_BYTES: usize = 4096;

/// The tantivy index with its fields, reader, and lazily opened writer.
pub struct IndexStore {
    pub(super) index: Index,
    pub(super) fields: Fields,
    reader: IndexReader,
    writer: Mutex<Option<HeldWriter>>,
    pub(super) path: Option<PathBuf>,
    /// The embedding model of the passage vectors, when the index has them.
    vectors: RwLock<Option<String>>,
    /// The passage vectors read so far, per segment.
    vector_tables: crate::semantic::vectors::VectorTables,
    /// `meta.json` as it was before the last reload (on-disk indexes).
    loaded_meta: Mutex<Option<MetaFile>>,
    /// The texts dictionary, once the index has one (never changed afterwards).
    texts_dictionary: OnceLock<TextsDictionary>,
    /// zstd trained no dictionary on a batch (too little to learn from): this store does not
    /// try again.
    untrainable: AtomicBool,
    /// The passage texts of the articles written without a dictionary since this store was
    /// opened, kept (as training samples) until they and a new batch are enough to train on.
    awaiting_samples: Mutex<AwaitingSamples>,
}

/// Training samples kept while an index has no texts dictionary.
#[derive(Default)]
struct AwaitingSamples {
    samples: Vec<Vec<u8>>,
    bytes: usize,
}

/// The training samples of articles: each one's passage texts as its texts frame holds them.
fn training_samples(articles: &[&PreparedArticle]) -> Vec<Vec<u8>> {
    articles
        .iter()
        .filter_map(|article| {
            let texts: Vec<&str> = article.passages.iter().map(|p| p.text.as_str()).collect();
            super::record::texts_content(&texts).ok()
        })
        .collect()
}

/// What identifies a version of `meta.json`: tantivy replaces the file at each commit (a new
/// file renamed over the old one), so a commit changes its inode, size or modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct MetaFile {
    /// Inode and status-change time (seconds, nanoseconds) where the platform has them.
    inode: (u64, i64, i64),
    len: u64,
    modified: Option<std::time::SystemTime>,
}

impl MetaFile {
    fn of(index_dir: &Path) -> Option<Self> {
        let metadata = std::fs::metadata(index_dir.join("meta.json")).ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            (metadata.ino(), metadata.ctime(), metadata.ctime_nsec())
        };
        #[cfg(not(unix))]
        let inode = (0, 0, 0);
        Some(MetaFile {
            inode,
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

/// A writer with its `writer.json` record. Fields drop in order: the record is removed
/// before the lock is released, so a later holder's record is never deleted by this one.
pub(crate) struct HeldWriter {
    /// Names this process as the holder while the writer lives.
    pub(crate) record: WriterRecord,
    /// The writer (its lock is released when it is dropped).
    pub(crate) writer: IndexWriter,
}

/// A `writer.json` naming this process as the writer-lock holder; removed when dropped.
pub(crate) struct WriterRecord(Option<PathBuf>);

impl Drop for WriterRecord {
    fn drop(&mut self) {
        if let Some(record) = &self.0 {
            let _ = std::fs::remove_file(record);
        }
    }
}

/// Which index formats [`open_index`] accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Formats {
    /// Only this build's (its `kbsearch.json` and schema are checked).
    Current,
    /// Any kbsearch index (`reindex` reads the records of older ones).
    Any,
}

/// Whether the folder `path` holds an index (tantivy's `meta.json`, written by the first
/// commit of a new index, is what makes a folder an index).
pub(crate) fn is_index(path: &Path) -> bool {
    path.join("meta.json").exists()
}

/// Open the tantivy index in the folder `path`: [`KbError::NoIndex`] when there is none,
/// [`KbError::IndexVersion`] when it is of another format (unless `formats` is
/// [`Formats::Any`]), [`KbError::Corrupt`] when it cannot be read.
pub(crate) fn open_index(path: &Path, formats: Formats) -> Result<Index> {
    if !is_index(path) {
        return Err(KbError::NoIndex { path: path.into() });
    }
    if formats == Formats::Current {
        check_meta(path)?;
    }
    let index = Index::open_in_dir(path).map_err(|e| KbError::Corrupt {
        path: path.into(),
        message: e.to_string(),
    })?;
    if formats == Formats::Current {
        let (expected, _) = schema::build();
        if serde_json::to_string(&index.schema()).ok() != serde_json::to_string(&expected).ok() {
            return Err(KbError::IndexVersion {
                path: path.into(),
                found: "another schema".into(),
                expected: format!("kbsearch index format {INDEX_FORMAT}"),
            });
        }
    }
    Ok(index)
}

/// Take the writer lock of `index` (in the folder `path`; `None` in memory) with a writer of
/// `threads` threads buffering `memory` bytes, and record this process as its holder.
/// Another holder gives [`KbError::Locked`] naming it; other failures go through `other`.
pub(crate) fn lock_writer(
    index: &Index,
    path: Option<&Path>,
    threads: usize,
    memory: usize,
    other: impl FnOnce(tantivy::TantivyError) -> KbError,
) -> Result<HeldWriter> {
    let writer = index
        .writer_with_num_threads(threads, memory)
        .map_err(|e| match e {
            tantivy::TantivyError::LockFailure(..) => match path {
                Some(path) => locked_error(path),
                None => KbError::Locked {
                    path: PathBuf::from(IN_MEMORY),
                    holder: "another handle of this in-memory index".into(),
                },
            },
            e => other(e),
        })?;
    Ok(HeldWriter {
        record: WriterRecord(path.and_then(lock::write_record)),
        writer,
    })
}

/// The error for an index whose writer lock another process holds, naming the holder.
fn locked_error(path: &Path) -> KbError {
    KbError::Locked {
        path: path.to_path_buf(),
        holder: lock::describe_holder(path),
    }
}

impl IndexStore {
    /// Open the index at `path`, creating it (and the folder) when it does not exist.
    pub fn open_or_create(path: &Path) -> Result<Self> {
        std::fs::create_dir_all(path).map_err(|e| KbError::io(path, e))?;
        if !is_index(path) {
            let (schema, _) = schema::build();
            let dir = MmapDirectory::open(path).map_err(|e| KbError::Corrupt {
                path: path.into(),
                message: e.to_string(),
            })?;
            // kbsearch.json first: a crash between the two leaves no index refused for
            // lacking it (meta.json is what makes the folder an index).
            write_meta(path, None)?;
            let settings = tantivy::IndexSettings {
                docstore_blocksize: DOCUMENT_STORE_BLOCK_BYTES,
                ..Default::default()
            };
            Index::create(dir, schema, settings)?;
        }
        Self::open_existing(path)
    }

    /// Open an existing index at `path` (for reading); fails when there is none.
    pub fn open_existing(path: &Path) -> Result<Self> {
        let index = open_index(path, Formats::Current)?;
        let (_, fields) = schema::build();
        let store = Self::from_index(index, fields, Some(path.to_path_buf()))?;
        *store.vectors.write().unwrap_or_else(|p| p.into_inner()) = check_meta(path)?.vectors;
        store.load_texts_dictionary()?;
        Ok(store)
    }

    /// A fresh index in memory.
    pub fn in_memory() -> Result<Self> {
        let (schema, fields) = schema::build();
        Self::from_index(Index::create_in_ram(schema), fields, None)
    }

    fn from_index(index: Index, fields: Fields, path: Option<PathBuf>) -> Result<Self> {
        terms_tokenizer::register(&index);
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
            vectors: RwLock::new(None),
            vector_tables: Default::default(),
            loaded_meta: Mutex::new(None),
            texts_dictionary: OnceLock::new(),
            untrainable: AtomicBool::new(false),
            awaiting_samples: Mutex::new(AwaitingSamples::default()),
        })
    }

    /// The index's texts dictionary ([`super::dictionary`]), once it has one.
    pub fn texts_dictionary(&self) -> Option<&TextsDictionary> {
        self.texts_dictionary.get()
    }

    /// Whether the texts dictionary should be trained before writing a batch of
    /// `batch_bytes` of article text: the index has none, and the batch with the articles
    /// written without one since this store was opened ([`Self::keep_training_samples`])
    /// reaches [`dictionary::MIN_TRAINING_BYTES`].
    pub fn wants_texts_dictionary(&self, batch_bytes: usize) -> bool {
        self.may_train_texts_dictionary()
            && batch_bytes + self.awaiting_samples().bytes >= dictionary::MIN_TRAINING_BYTES
    }

    /// Keep the passage texts of articles written without a texts dictionary as training
    /// samples, so that an index grown in small batches (one `upsert` at a time) trains its
    /// dictionary once they are enough. Nothing is kept once the index has a dictionary.
    pub fn keep_training_samples(&self, articles: &[&PreparedArticle]) {
        if !self.may_train_texts_dictionary() {
            return;
        }
        let mut awaiting = self.awaiting_samples();
        for sample in training_samples(articles) {
            awaiting.bytes += sample.len();
            awaiting.samples.push(sample);
        }
    }

    /// The index has no texts dictionary, and training one has not failed in this store.
    fn may_train_texts_dictionary(&self) -> bool {
        self.texts_dictionary.get().is_none() && !self.untrainable.load(Ordering::Relaxed)
    }

    fn awaiting_samples(&self) -> MutexGuard<'_, AwaitingSamples> {
        self.awaiting_samples
            .lock()
            .unwrap_or_else(|p| p.into_inner())
    }

    /// Load the index folder's texts dictionary, when it has one and this store has none yet.
    fn load_texts_dictionary(&self) -> Result<()> {
        if self.texts_dictionary.get().is_none()
            && let Some(path) = &self.path
            && let Some(dictionary) = dictionary::load(path)?
        {
            let _ = self.texts_dictionary.set(dictionary);
        }
        Ok(())
    }

    /// The texts dictionary a stored article compressed with dictionary `id` needs (`None`
    /// for 0, none). A reader opened before a writer trained the dictionary loads it here.
    pub(super) fn dictionary_for(&self, id: u32) -> Result<Option<&TextsDictionary>> {
        if id == 0 {
            return Ok(None);
        }
        self.load_texts_dictionary()?;
        Ok(self.texts_dictionary.get())
    }

    /// Train the texts dictionary on the passages' texts of `articles` (and of the articles
    /// kept by [`Self::keep_training_samples`]) when the index has none, and keep it:
    /// written to the index folder before any article compressed with it can be committed.
    /// Takes the writer lock. Returns whether a dictionary was trained (zstd trains none on
    /// too few samples).
    pub fn train_texts_dictionary(&self, articles: &[&PreparedArticle]) -> Result<bool> {
        if !self.may_train_texts_dictionary() {
            return Ok(false);
        }
        self.acquire_writer()?;
        // Another process may have trained it meanwhile.
        self.load_texts_dictionary()?;
        let mut samples = std::mem::take(&mut *self.awaiting_samples()).samples;
        if self.texts_dictionary.get().is_some() {
            return Ok(false);
        }
        samples.extend(training_samples(articles));
        let Some(dictionary) =
            TextsDictionary::train(&samples).and_then(TextsDictionary::from_bytes)
        else {
            self.untrainable.store(true, Ordering::Relaxed);
            return Ok(false);
        };
        if let Some(path) = &self.path {
            dictionary::save(path, dictionary.bytes())?;
        }
        let _ = self.texts_dictionary.set(dictionary);
        Ok(true)
    }

    /// The passage vectors read so far (for semantic search).
    pub fn vector_tables(&self) -> &crate::semantic::vectors::VectorTables {
        &self.vector_tables
    }

    /// The embedding model of the index's passage vectors ([`crate::semantic::MODEL_NAME`]);
    /// `None` when it has none.
    pub fn vectors(&self) -> Option<String> {
        self.vectors
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Give every passage written from now on a vector from `model` (recorded in
    /// `kbsearch.json`, so later writers embed too). Takes the writer lock.
    pub fn enable_vectors(&self, model: &str) -> Result<()> {
        self.acquire_writer()?;
        if let Some(path) = &self.path {
            write_meta(path, Some(model))?;
        }
        *self.vectors.write().unwrap_or_else(|p| p.into_inner()) = Some(model.to_string());
        Ok(())
    }

    /// The schema's fields.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The folder of an on-disk index.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The index folder as messages name it: its path, or `(in memory)`.
    pub fn display_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from(IN_MEMORY))
    }

    /// A searcher over the last loaded commit.
    pub fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Load the latest commit (made by this or another process). On disk, nothing is read
    /// while `meta.json` is the file the last reload saw (a `stat`, where reading and
    /// parsing it costs a `serve` request more).
    pub fn reload(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(self.reader.reload()?);
        };
        let now = MetaFile::of(path);
        let mut loaded = self.loaded_meta.lock().unwrap_or_else(|p| p.into_inner());
        if now.is_some() && *loaded == now {
            return Ok(());
        }
        self.reader.reload()?;
        *loaded = now;
        Ok(())
    }

    /// Run `f` with the writer, taking the index's writer lock on first use.
    fn with_writer<R>(&self, f: impl FnOnce(&mut IndexWriter) -> Result<R>) -> Result<R> {
        let mut guard = self.writer_guard();
        if guard.is_none() {
            let threads = std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, 4);
            let held = lock_writer(
                &self.index,
                self.path.as_deref(),
                threads,
                WRITER_MEMORY_BYTES.max(threads * 16 * 1024 * 1024),
                KbError::Engine,
            )?;
            // A writer killed mid-commit leaves files that the last commit does not use.
            // Delete files are named after operation stamps, which the same writes repeat: a
            // re-run of the killed command would fail with FileAlreadyExists on them. Remove
            // them first (best effort; tantivy's GC only deletes files no commit references).
            let _ = held.writer.garbage_collect_files().wait();
            if let Some(path) = &self.path {
                lock::remove_interrupted_temp_files(path);
            }
            *guard = Some(held);
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
        if let Some(HeldWriter { record, writer }) = self.writer_guard().take() {
            drop(record);
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
}

#[cfg(test)]
mod tests {
    use tantivy::schema::{STORED, Schema};

    use super::*;
    use crate::index::META_FILE;
    use crate::index::MIN_TRAINING_BYTES;
    use crate::index::WRITER_INFO_FILE;

    fn passage(store: &IndexStore, id: &str, no: u64) -> TantivyDocument {
        let mut doc = TantivyDocument::default();
        doc.add_text(store.fields().article_id, id);
        doc.add_u64(store.fields().passage_no, no);
        doc
    }

    #[test]
    fn opening_a_folder_without_an_index_says_so() {
        let dir = tempfile::tempdir().unwrap();
        for result in [
            IndexStore::open_existing(dir.path()).map(|_| ()),
            open_index(dir.path(), Formats::Any).map(|_| ()),
        ] {
            match result.unwrap_err() {
                KbError::NoIndex { path } => assert_eq!(path, dir.path()),
                other => panic!("expected NoIndex, got {other:?}"),
            }
        }
        assert!(!is_index(dir.path()));
        IndexStore::open_or_create(dir.path()).unwrap();
        assert!(is_index(dir.path()));
        assert!(dir.path().join(META_FILE).exists());
        IndexStore::open_existing(dir.path()).unwrap();
    }

    #[test]
    fn a_batch_zstd_cannot_train_on_is_not_tried_again() {
        let store = IndexStore::in_memory().unwrap();
        assert!(store.wants_texts_dictionary(MIN_TRAINING_BYTES));
        let article = crate::index::testing::prepared("kb-1", None);
        assert!(!store.train_texts_dictionary(&[&article]).unwrap());
        assert!(store.texts_dictionary().is_none());
        assert!(!store.wants_texts_dictionary(MIN_TRAINING_BYTES));
        // Nor are samples kept for it.
        store.keep_training_samples(&[&article]);
        assert_eq!(store.awaiting_samples().bytes, 0);
    }

    #[test]
    fn new_indexes_read_stored_passages_from_small_blocks() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::open_or_create(dir.path()).unwrap();
        assert_eq!(
            store.index.settings().docstore_blocksize,
            DOCUMENT_STORE_BLOCK_BYTES
        );
        drop(store);
        // Kept in the index: a reopened one has it too.
        let reopened = IndexStore::open_existing(dir.path()).unwrap();
        assert_eq!(reopened.index.settings().docstore_blocksize, 4096);
    }

    #[test]
    fn samples_of_small_batches_count_toward_training() {
        let store = IndexStore::in_memory().unwrap();
        assert!(!store.wants_texts_dictionary(0));
        let article = crate::index::testing::prepared("kb-1", None);
        store.keep_training_samples(&[&article]);
        let kept = store.awaiting_samples().bytes;
        assert!(kept > 0);
        assert!(!store.wants_texts_dictionary(MIN_TRAINING_BYTES - kept - 1));
        assert!(store.wants_texts_dictionary(MIN_TRAINING_BYTES - kept));
    }

    #[test]
    fn an_index_of_another_format_opens_only_for_any_format() {
        let dir = tempfile::tempdir().unwrap();
        IndexStore::open_or_create(dir.path()).unwrap();
        let old = INDEX_FORMAT - 1;
        std::fs::write(
            dir.path().join(META_FILE),
            format!(r#"{{"format": {old}, "created_by": "kbsearch 0.0.1"}}"#),
        )
        .unwrap();
        match IndexStore::open_existing(dir.path())
            .map(|_| ())
            .unwrap_err()
        {
            KbError::IndexVersion { found, .. } => {
                assert_eq!(found, format!("index format {old} (kbsearch 0.0.1)"));
            }
            other => panic!("expected IndexVersion, got {other:?}"),
        }
        open_index(dir.path(), Formats::Any).unwrap();
    }

    #[test]
    fn another_schema_is_another_version() {
        let dir = tempfile::tempdir().unwrap();
        let mut schema = Schema::builder();
        schema.add_text_field("something_else", STORED);
        Index::create_in_dir(dir.path(), schema.build()).unwrap();
        write_meta(dir.path(), None).unwrap();
        match IndexStore::open_existing(dir.path())
            .map(|_| ())
            .unwrap_err()
        {
            KbError::IndexVersion { found, .. } => assert_eq!(found, "another schema"),
            other => panic!("expected IndexVersion, got {other:?}"),
        }
        open_index(dir.path(), Formats::Any).unwrap();
    }

    #[test]
    fn one_writer_at_a_time_named_in_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let first = IndexStore::open_or_create(dir.path()).unwrap();
        let second = IndexStore::open_existing(dir.path()).unwrap();
        first.acquire_writer().unwrap();
        let record = dir.path().join(WRITER_INFO_FILE);
        assert!(record.exists());
        match second.acquire_writer().unwrap_err() {
            KbError::Locked { path, holder } => {
                assert_eq!(path, dir.path());
                assert!(holder.contains(&std::process::id().to_string()), "{holder}");
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        // The rebuild's lock is the same lock.
        let index = open_index(dir.path(), Formats::Any).unwrap();
        let refused = lock_writer(&index, Some(dir.path()), 1, 15_000_000, KbError::Engine);
        assert!(matches!(refused, Err(KbError::Locked { .. })));
        first.release_writer();
        assert!(!record.exists());
        second.acquire_writer().unwrap();
        assert!(record.exists());
    }

    #[test]
    fn writes_are_seen_after_commit_and_deletes_take_every_passage() {
        let store = IndexStore::in_memory().unwrap();
        let docs = [passage(&store, "a", 0), passage(&store, "a", 1)];
        store.replace_documents("a", docs, false).unwrap();
        store
            .replace_documents("b", [passage(&store, "b", 0)], false)
            .unwrap();
        assert_eq!(store.searcher().num_docs(), 0);
        store.commit().unwrap();
        assert_eq!(store.searcher().num_docs(), 3);
        // Replacing deletes the old passages first.
        store
            .replace_documents("a", [passage(&store, "a", 0)], true)
            .unwrap();
        store.commit().unwrap();
        assert_eq!(store.searcher().num_docs(), 2);
        store.delete("a").unwrap();
        store.commit().unwrap();
        assert_eq!(store.searcher().num_docs(), 1);
        // Uncommitted writes are dropped with the writer.
        store.delete("b").unwrap();
        store.release_writer();
        store.reload().unwrap();
        assert_eq!(store.searcher().num_docs(), 1);
    }

    #[test]
    fn merging_leaves_one_segment_with_every_passage() {
        let dir = tempfile::tempdir().unwrap();
        let store = IndexStore::open_or_create(dir.path()).unwrap();
        store.acquire_writer().unwrap();
        store.set_background_merges(false);
        for id in ["a", "b", "c"] {
            store
                .replace_documents(id, [passage(&store, id, 0)], false)
                .unwrap();
            store.commit().unwrap();
        }
        assert_eq!(store.segment_count(), 3);
        store.merge_segments().unwrap();
        assert_eq!(store.segment_count(), 1);
        assert_eq!(store.searcher().num_docs(), 3);
        // Another handle sees the merged commit.
        let other = IndexStore::open_existing(dir.path()).unwrap();
        assert_eq!(other.segment_count(), 1);
        assert_eq!(other.searcher().num_docs(), 3);
    }
}
