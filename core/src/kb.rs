//! The knowledge base: the public entry point tying ingest, analysis, index and search.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

use serde::Serialize;

use crate::article::{Article, Passage, StoredArticle};
use crate::error::{KbError, Result};
use crate::index::IndexStore;
pub use crate::ingest::RemovedCounts;
use crate::ingest::clean::{ChromeModel, RemovedLine};
use crate::ingest::{self, PreparedArticle, ReadLimits, Record, Skipped};
use crate::search::filter::Day;
use crate::search::glossary::{GLOSSARY_FILE, Glossary};
use crate::search::suggest::Suggestion;
use crate::search::{self, SearchRequest, SearchResults};

/// Articles prepared together (in parallel) before their documents go to the writer:
/// bounds the memory held by built documents, with [`PREPARE_BATCH_BYTES`].
const PREPARE_BATCH: usize = 512;

/// Most body bytes prepared together (a batch also ends at [`PREPARE_BATCH`] articles).
const PREPARE_BATCH_BYTES: usize = 8 * 1024 * 1024;

/// Articles with more passages than this have their documents built while they are
/// written (one at a time) instead of ahead, in parallel: bounds the memory of huge articles.
const MAX_PASSAGES_BUILT_AHEAD: usize = 256;

/// An article cleaned, sectioned and analyzed, ready for the writer.
struct Ready {
    prepared: PreparedArticle,
    fingerprint: String,
    /// Built ahead, or `None` for a big article (built while written).
    documents: Option<Vec<tantivy::TantivyDocument>>,
}

/// What [`KnowledgeBase::upsert`] did with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UpsertOutcome {
    /// A new id.
    Added,
    /// An existing id whose content changed: its passages were replaced.
    Updated,
    /// An existing id with identical content: nothing was written.
    Unchanged,
}

/// Counts of an index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Committed articles.
    pub articles: u64,
    /// Committed passages.
    pub passages: u64,
    /// Articles per language code.
    pub languages: BTreeMap<String, u64>,
    /// Lines cleaning removed from the committed articles, per reason.
    pub removed_lines: RemovedCounts,
    /// Bytes on disk (0 in memory).
    pub index_bytes: u64,
    /// Segments of the committed index (each query term is looked up in every one;
    /// [`KnowledgeBase::optimize`] merges them).
    pub segments: usize,
    /// The index folder, if on disk.
    pub path: Option<String>,
    /// The embedding model of the passage vectors (semantic search); absent without.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vector_model: Option<String>,
    /// Passages holding vectors, and the bytes those vectors take (8-bit values and a
    /// scale: 388 per vector, one for the passage and one per sentence); 0 without vectors.
    pub vector_passages: u64,
    /// See `vector_passages`.
    pub vector_bytes: u64,
}

/// An article not updated for a while ([`KnowledgeBase::stale`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleArticle {
    /// The article id.
    pub article_id: String,
    /// Its title.
    pub title: String,
    /// Its last update (YYYY-MM-DD); `None` when it has no date.
    pub updated: Option<String>,
    /// Days since then.
    pub days: Option<i64>,
}

/// Options of [`KnowledgeBase::index_paths`].
#[derive(Debug, Clone)]
pub struct IndexOptions {
    /// Files read whole (`.txt`, `.md`, `.html`, `.json`) larger than this are skipped
    /// (bytes). JSONL files are streamed by line and have no file limit.
    pub max_file_bytes: u64,
    /// Articles whose body is larger than this are skipped (bytes; at most
    /// [`MAX_BODY_BYTES`](crate::article::MAX_BODY_BYTES)).
    pub max_article_bytes: usize,
    /// Articles cut into more passages than this are skipped.
    pub max_passages: usize,
    /// Record, per article, the title, passages and removed lines (for `--explain`).
    pub explain: bool,
}

/// Background merges are off while this lives (see [`KnowledgeBase::defer_merges`]).
pub(crate) struct MergesDeferred<'a>(&'a IndexStore);

impl Drop for MergesDeferred<'_> {
    fn drop(&mut self) {
        self.0.set_background_merges(true);
    }
}

/// [`KnowledgeBase::index_paths`] merges all segments after writing at least
/// 1 / `MERGE_WRITTEN_FRACTION` of the index's passages.
const MERGE_WRITTEN_FRACTION: usize = 10;

/// Default [`IndexOptions::max_passages`].
pub const DEFAULT_MAX_PASSAGES: usize = 20_000;

impl Default for IndexOptions {
    fn default() -> Self {
        IndexOptions {
            max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
            max_article_bytes: crate::article::MAX_BODY_BYTES,
            max_passages: DEFAULT_MAX_PASSAGES,
            explain: false,
        }
    }
}

impl IndexOptions {
    fn read_limits(&self) -> ReadLimits {
        ReadLimits {
            max_file_bytes: self.max_file_bytes,
            max_article_bytes: self.max_article_bytes.min(crate::article::MAX_BODY_BYTES),
        }
    }
}

/// What indexing one article produced (reported with `explain`).
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Article id.
    pub id: String,
    /// File it came from.
    pub source: Option<String>,
    /// Title found or declared.
    pub title: String,
    /// Language used.
    pub lang: String,
    /// Passages with their heading paths.
    pub passages: Vec<Passage>,
    /// Every removed line with its reason.
    pub removed: Vec<RemovedLine>,
}

/// The outcome of [`KnowledgeBase::index_paths`].
#[derive(Debug, Clone, Default, Serialize)]
pub struct IndexReport {
    /// Articles new to the index.
    pub added: usize,
    /// Articles whose content changed.
    pub updated: usize,
    /// Articles already indexed with identical content.
    pub unchanged: usize,
    /// Files and records not indexed, each with the reason.
    pub skipped: Vec<Skipped>,
    /// Files and articles indexed with something to say: decoded from a legacy encoding,
    /// bytes replaced, a language tag that could not be used.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Skipped>,
    /// Passages written (added and updated articles).
    pub passages: usize,
    /// Lines removed by cleaning, per reason.
    pub removed: RemovedCounts,
    /// Per-article details, when asked for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub explained: Vec<Explanation>,
    /// Files of this run that claimed an id another file of the run had claimed first.
    pub collisions: Vec<IdCollision>,
}

/// Two files of one indexing run claiming one article id. The first keeps it; the second is
/// indexed under `resolved`: a declared id is qualified by the file's language folder
/// (`zh-cn/pod`), else replaced by the file's path id; a path id (`en/_index` from `_index.md`
/// and `_index.txt`) gets the file's extension (`en/_index.txt`). When that id is taken too,
/// the file is skipped (`resolved` is `None`) and listed in the skipped files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdCollision {
    /// The id both claimed.
    pub id: String,
    /// The file that kept it.
    pub first: String,
    /// The file that claimed it again.
    pub second: String,
    /// The id the second file was indexed under, if any.
    pub resolved: Option<String>,
}

/// Article ids claimed in one indexing run, by source file.
#[derive(Default)]
struct Claims(HashMap<String, String>);

impl Claims {
    /// The id this article is indexed under, or None when it collides beyond repair; every
    /// collision is added to `collisions`.
    fn claim(
        &mut self,
        article: &Article,
        path: &Path,
        base: &Path,
        collisions: &mut Vec<IdCollision>,
    ) -> Option<String> {
        let source = article.source.clone().unwrap_or_default();
        let first = match self.0.get(&article.id) {
            Some(first) if *first != source => first.clone(),
            Some(_) => return Some(article.id.clone()),
            None => {
                self.0.insert(article.id.clone(), source);
                return Some(article.id.clone());
            }
        };
        let path_id = ingest::file_id(path, base);
        let candidates = if article.id == path_id {
            // Two files whose paths differ only by extension (`a.md`, `a.txt`).
            let extension = path.extension().map(|e| e.to_string_lossy());
            vec![extension.map(|e| format!("{path_id}.{e}"))]
        } else {
            // A declared id several files share (one glossary `id:` in every language); in a
            // file of many records (JSON, JSONL) the path id is qualified by the record's id.
            let lang = ingest::folder_lang(path);
            let many = matches!(
                ingest::formats::Format::from_path(path),
                Some(ingest::formats::Format::Json | ingest::formats::Format::JsonLines)
            );
            let by_path = if many {
                format!("{path_id}/{}", article.id)
            } else {
                path_id
            };
            vec![lang.map(|l| format!("{l}/{}", article.id)), Some(by_path)]
        };
        let resolved = candidates
            .into_iter()
            .flatten()
            .find(|id| *id != article.id && !self.0.contains_key(id));
        if let Some(id) = &resolved {
            self.0.insert(id.clone(), source.clone());
        }
        collisions.push(IdCollision {
            id: article.id.clone(),
            first,
            second: source,
            resolved: resolved.clone(),
        });
        resolved
    }
}

/// An embedded, multilingual knowledge base of help articles, searched by answer passage.
///
/// All methods take `&self` and the type is `Sync`: share one instance between threads.
/// Writes become visible to searches after [`commit`](Self::commit).
///
/// ```
/// use kbsearch::{Article, KnowledgeBase, SearchRequest};
///
/// let kb = KnowledgeBase::in_memory()?;
/// kb.upsert(Article::new(
///     "csm",
///     "什麼是客戶服務運營經理?",
///     "責任\n\n客戶服務運營經理負責監督客戶服務代表的招聘、培訓和專業發展。",
/// ))?;
/// kb.upsert(Article::new("uk", "Бюджет", "Менеджер керує бюджетом команди та звітує щомісяця."))?;
/// kb.commit()?;
///
/// // A Simplified query finds the Traditional article, with the passage's heading path.
/// let results = kb.search(&SearchRequest::new("客户服务代表的培训"))?;
/// assert_eq!(results.hits[0].article_id, "csm");
/// assert_eq!(results.hits[0].heading_path, vec!["責任"]);
/// // Another inflection finds the Ukrainian article.
/// assert_eq!(kb.search(&SearchRequest::new("бюджет"))?.hits[0].article_id, "uk");
/// # Ok::<(), kbsearch::KbError>(())
/// ```
pub struct KnowledgeBase {
    store: IndexStore,
    /// Fingerprints of uncommitted upserts (`None` = deleted), so repeated ids in one batch
    /// are counted right.
    pending: Mutex<HashMap<String, Option<String>>>,
    chrome: RwLock<ChromeModel>,
    /// The glossary applied to queries, with the modification time of its file when it
    /// was read (reloaded when the file changes).
    glossary: RwLock<(Option<std::time::SystemTime>, Arc<Glossary>)>,
}

impl KnowledgeBase {
    /// Open the on-disk knowledge base in `path`, creating it when absent.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        Ok(Self::from_store(IndexStore::open_or_create(path.as_ref())?))
    }

    /// Open an existing on-disk knowledge base; fails with [`KbError::NoIndex`] when there is none.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Self> {
        Ok(Self::from_store(IndexStore::open_existing(path.as_ref())?))
    }

    /// A knowledge base in memory (for tests and short-lived tools).
    pub fn in_memory() -> Result<Self> {
        Ok(Self::from_store(IndexStore::in_memory()?))
    }

    fn from_store(store: IndexStore) -> Self {
        KnowledgeBase {
            store,
            pending: Mutex::new(HashMap::new()),
            chrome: RwLock::new(ChromeModel::default()),
            glossary: RwLock::new((None, Arc::new(Glossary::default()))),
        }
    }

    /// Add or replace an article (visible after [`commit`](Self::commit)). An article whose
    /// content is unchanged is skipped.
    pub fn upsert(&self, article: Article) -> Result<UpsertOutcome> {
        let chrome = self.chrome.read().unwrap_or_else(|p| p.into_inner());
        let prepared = ingest::prepare(article, &chrome)?;
        drop(chrome);
        if self
            .store
            .wants_texts_dictionary(prepared.article.body.len())
        {
            self.store.train_texts_dictionary(&[&prepared])?;
        } else {
            self.store.keep_training_samples(&[&prepared]);
        }
        self.upsert_prepared(&prepared)
    }

    fn upsert_prepared(&self, prepared: &PreparedArticle) -> Result<UpsertOutcome> {
        let fingerprint = prepared.article.fingerprint();
        self.write_if_changed(prepared, fingerprint, None)
    }

    /// Write an article's documents (those `built` ahead, else built now) unless its
    /// fingerprint is the one already indexed.
    fn write_if_changed(
        &self,
        prepared: &PreparedArticle,
        fingerprint: String,
        built: Option<Vec<tantivy::TantivyDocument>>,
    ) -> Result<UpsertOutcome> {
        let id = &prepared.article.id;
        let previous = self.current_fingerprint(id)?;
        if previous.as_deref() == Some(fingerprint.as_str()) {
            return Ok(UpsertOutcome::Unchanged);
        }
        // None also for an id deleted earlier in this commit: its delete is queued already.
        let existed = previous.is_some();
        match built {
            Some(documents) => self.store.replace_documents(id, documents, existed)?,
            None => {
                let documents = self.store.documents(prepared, &fingerprint)?;
                self.store.replace_documents(id, documents, existed)?
            }
        }
        self.pending_map().insert(id.to_string(), Some(fingerprint));
        Ok(if existed {
            UpsertOutcome::Updated
        } else {
            UpsertOutcome::Added
        })
    }

    /// Clean, section and analyze a batch on every core, keeping the batch's order. An
    /// index without a texts dictionary gets one trained on the batch's passages (and those
    /// of the articles written before it without one) once they are enough
    /// ([`crate::index::MIN_TRAINING_BYTES`]), before any of the batch's documents is built.
    fn prepare_batch(
        &self,
        articles: Vec<Article>,
        chrome: &ChromeModel,
        max_passages: usize,
    ) -> Result<Vec<(String, Result<Ready>)>> {
        let train = self
            .store
            .wants_texts_dictionary(articles.iter().map(|a| a.body.len()).sum());
        let ready = on_every_core(articles, |a| self.ready(a, chrome, max_passages, !train));
        let prepared: Vec<&PreparedArticle> = ready
            .iter()
            .filter_map(|(_, r)| r.as_ref().ok().map(|r| &r.prepared))
            .collect();
        if !train {
            self.store.keep_training_samples(&prepared);
            return Ok(ready);
        }
        self.store.train_texts_dictionary(&prepared)?;
        Ok(on_every_core(ready, |(origin, ready)| {
            let ready = ready.and_then(|mut ready| {
                ready.documents = self.documents_ahead(&ready.prepared, &ready.fingerprint)?;
                Ok(ready)
            });
            (origin, ready)
        }))
    }

    /// The documents of an article built ahead of writing (in parallel); `None` for an
    /// unchanged article (skipped when written: building and embedding it would be wasted)
    /// or a big one (built while written).
    fn documents_ahead(
        &self,
        prepared: &PreparedArticle,
        fingerprint: &str,
    ) -> Result<Option<Vec<tantivy::TantivyDocument>>> {
        let unchanged =
            self.current_fingerprint(&prepared.article.id)?.as_deref() == Some(fingerprint);
        Ok(
            if !unchanged && prepared.passages.len() <= MAX_PASSAGES_BUILT_AHEAD {
                Some(self.store.documents(prepared, fingerprint)?.collect())
            } else {
                None
            },
        )
    }

    /// An article cleaned and sectioned, with its documents built when `build` says so.
    fn ready(
        &self,
        article: Article,
        chrome: &ChromeModel,
        max_passages: usize,
        build: bool,
    ) -> (String, Result<Ready>) {
        let origin = format!(
            "{} ({})",
            article.source.clone().unwrap_or_default(),
            article.id
        );
        let result = ingest::prepare(article, chrome).and_then(|prepared| {
            if prepared.passages.len() > max_passages {
                return Err(KbError::InvalidArticle {
                    id: prepared.article.id.clone(),
                    field: "body",
                    message: format!(
                        "has {} passages, more than the limit of {max_passages} (--max-passages)",
                        prepared.passages.len()
                    ),
                });
            }
            let fingerprint = prepared.article.fingerprint();
            let documents = if build {
                self.documents_ahead(&prepared, &fingerprint)?
            } else {
                None
            };
            Ok(Ready {
                prepared,
                fingerprint,
                documents,
            })
        });
        (origin, result)
    }

    fn pending_map(&self) -> std::sync::MutexGuard<'_, HashMap<String, Option<String>>> {
        self.pending.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn current_fingerprint(&self, id: &str) -> Result<Option<String>> {
        if let Some(pending) = self.pending_map().get(id) {
            return Ok(pending.clone());
        }
        Ok(self.store.stored_article(id)?.map(|a| a.fingerprint))
    }

    /// Add or replace many articles, cleaning and analyzing them on every core (visible
    /// after [`commit`](Self::commit)). Returns one outcome per article, in order; an invalid
    /// article gets its error and the others are still written.
    pub fn upsert_many(&self, articles: Vec<Article>) -> Result<Vec<Result<UpsertOutcome>>> {
        let chrome = self.chrome.read().unwrap_or_else(|p| p.into_inner());
        let mut outcomes = Vec::with_capacity(articles.len());
        let mut articles = articles.into_iter().peekable();
        while articles.peek().is_some() {
            let batch: Vec<Article> = articles.by_ref().take(PREPARE_BATCH).collect();
            for (_, ready) in self.prepare_batch(batch, &chrome, usize::MAX)? {
                outcomes.push(match ready {
                    Ok(Ready {
                        prepared,
                        fingerprint,
                        documents,
                    }) => Ok(self.write_if_changed(&prepared, fingerprint, documents)?),
                    Err(e) => Err(e),
                });
            }
        }
        Ok(outcomes)
    }

    /// Delete an article (visible after commit). Returns whether it existed.
    pub fn delete(&self, id: &str) -> Result<bool> {
        let existed = self.current_fingerprint(id)?.is_some();
        if existed {
            self.store.delete(id)?;
            self.pending_map().insert(id.to_string(), None);
        }
        Ok(existed)
    }

    /// Make every change since the last commit durable and visible, atomically.
    pub fn commit(&self) -> Result<()> {
        self.store.commit()?;
        self.pending_map().clear();
        Ok(())
    }

    /// Commit pending changes, then merge the index's segments into one: searches get
    /// faster (each query term is looked up once instead of once per segment) and the index
    /// smaller, at the cost of rewriting it. [`index_paths`](Self::index_paths) does this by
    /// itself after a run that wrote a large part of the index; call it after many small
    /// commits.
    pub fn optimize(&self) -> Result<()> {
        self.commit()?;
        self.store.merge_segments()
    }

    /// Release the index's writer lock so another process can write (uncommitted changes
    /// are discarded). Taken again by the next write.
    pub fn release_writer(&self) {
        self.store.release_writer();
        self.pending_map().clear();
    }

    /// Load commits made by other processes since this one opened or last refreshed.
    pub fn refresh(&self) -> Result<()> {
        self.store.reload()
    }

    /// A committed article with its passages.
    pub fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        let Some(mut stored) = self.store.stored_article(id)? else {
            return Ok(None);
        };
        stored.passages = self.store.passages(id)?;
        Ok(Some(stored))
    }

    /// Counts of the committed index.
    pub fn stats(&self) -> Result<Stats> {
        let counts = self.store.counts()?;
        let index_bytes = self.store.path().map_or(0, dir_size);
        let removed_lines = self.store.removed_line_totals()?;
        let (vector_passages, vector_bytes) =
            crate::semantic::vectors::count(&self.store.searcher())?;
        Ok(Stats {
            articles: counts.articles,
            passages: counts.passages,
            languages: counts.per_lang.into_iter().collect(),
            removed_lines,
            index_bytes,
            segments: self.store.segment_count(),
            path: self.store.path().map(|p| p.display().to_string()),
            vector_model: self.store.vectors(),
            vector_passages,
            vector_bytes,
        })
    }

    /// Give every passage written from now on a vector for semantic search
    /// ([`SearchRequest::semantic`]), recorded in the index so that later writers embed
    /// too. Loads the embedding model ([`crate::semantic::model_path`]; a
    /// [`KbError::Model`] when it is not installed). An index that already holds passages
    /// without vectors is refused: [`reindex_with_vectors`](Self::reindex_with_vectors)
    /// embeds them.
    pub fn enable_semantic(&self) -> Result<()> {
        if self.store.vectors().is_some() {
            return Ok(());
        }
        let passages = self.store.searcher().num_docs();
        if passages > 0 {
            return Err(KbError::InvalidRequest(format!(
                "index {} holds {passages} passages without vectors: add them with `kbsearch reindex --semantic`",
                self.store.display_path().display()
            )));
        }
        crate::semantic::shared_model()?;
        self.store.enable_vectors(crate::semantic::MODEL_NAME)
    }

    /// Whether passages get vectors for semantic search ([`enable_semantic`](Self::enable_semantic)).
    pub fn has_vectors(&self) -> bool {
        self.store.vectors().is_some()
    }

    /// Committed articles not updated for `days` days (today, UTC, counts as 0), oldest
    /// first, then those with no date (declared or found in the page), by id.
    pub fn stale(&self, days: u32) -> Result<Vec<StaleArticle>> {
        let today = Day::today();
        let cutoff = today.number().saturating_sub(u64::from(days));
        let mut stale: Vec<StaleArticle> = self
            .store
            .articles_updated_before(cutoff)?
            .into_iter()
            .map(|(article_id, title, facts)| {
                let day = facts.updated.as_deref().and_then(Day::parse);
                StaleArticle {
                    article_id,
                    title,
                    days: day.map(|d| d.days_until(today)),
                    updated: day.map(|d| d.to_string()),
                }
            })
            .collect();
        stale.sort_by(|a, b| {
            (a.days.is_none(), std::cmp::Reverse(a.days), &a.article_id).cmp(&(
                b.days.is_none(),
                std::cmp::Reverse(b.days),
                &b.article_id,
            ))
        });
        Ok(stale)
    }

    /// Search the committed articles; returns answer passages, best first.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        search::search(&self.store, &*self.glossary()?, request)
    }

    /// The glossary applied to queries ([`search::glossary`]), read again when its file in
    /// the index folder changed (another process imported one).
    pub fn glossary(&self) -> Result<Arc<Glossary>> {
        let Some(index) = self.store.path() else {
            return Ok(Arc::clone(
                &self.glossary.read().unwrap_or_else(|p| p.into_inner()).1,
            ));
        };
        let file = index.join(GLOSSARY_FILE);
        let modified = std::fs::metadata(&file).and_then(|m| m.modified()).ok();
        {
            let held = self.glossary.read().unwrap_or_else(|p| p.into_inner());
            if held.0 == modified {
                return Ok(Arc::clone(&held.1));
            }
        }
        let glossary = Arc::new(Glossary::stored_in(index)?);
        *self.glossary.write().unwrap_or_else(|p| p.into_inner()) =
            (modified, Arc::clone(&glossary));
        Ok(glossary)
    }

    /// Read a glossary file ([`search::glossary`] has the format) and make it the one
    /// applied to queries, replacing any before; on disk it is stored in the index folder.
    /// A bad file is [`KbError::Format`] naming its line, and changes nothing.
    pub fn import_glossary(&self, file: &Path) -> Result<Arc<Glossary>> {
        let glossary = Arc::new(Glossary::read(file)?);
        let modified = match self.store.path() {
            Some(index) => {
                glossary.store_in(index)?;
                std::fs::metadata(index.join(GLOSSARY_FILE))
                    .and_then(|m| m.modified())
                    .ok()
            }
            None => None,
        };
        *self.glossary.write().unwrap_or_else(|p| p.into_inner()) =
            (modified, Arc::clone(&glossary));
        Ok(glossary)
    }

    /// Up to `limit` completions of what a user is typing: titles that start with `prefix`,
    /// then the prefix with its last word completed by indexed words (see
    /// [`search::suggest`]).
    ///
    /// ```
    /// use kbsearch::{Article, KnowledgeBase, SuggestionKind};
    /// let kb = KnowledgeBase::in_memory()?;
    /// kb.upsert(Article::new("pw", "Reset your password", "Choose a new password in the settings."))?;
    /// kb.commit()?;
    /// let suggestions = kb.suggest("new passw", 5)?;
    /// assert_eq!(suggestions[0].text, "new password");
    /// assert_eq!(suggestions[0].kind, SuggestionKind::Word);
    /// assert_eq!(kb.suggest("Reset y", 5)?[0].text, "Reset your password");
    /// # Ok::<(), kbsearch::KbError>(())
    /// ```
    pub fn suggest(&self, prefix: &str, limit: usize) -> Result<Vec<Suggestion>> {
        search::suggest::suggest(&self.store, prefix, limit)
    }

    /// Index files and folders (recursively): `.txt`, `.md`, `.html`, `.json`, `.jsonl`.
    /// Page chrome is learned across the whole run. Bad files and records are skipped with
    /// a reason; everything else is indexed and committed once, at the end.
    ///
    /// Memory stays bounded whatever the input size: files are read twice, one at a time
    /// (first to learn the page chrome, then to index), JSONL one line at a time, and
    /// articles are analyzed in bounded batches. `progress(done, total)` is called after
    /// each file of each pass (`total` is twice the number of files).
    pub fn index_paths(
        &self,
        paths: &[PathBuf],
        options: &IndexOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<IndexReport> {
        // Refused at once, not after reading the input, when another process writes.
        self.store.acquire_writer()?;
        // A first build ends with one merge of everything: no merges before it.
        let _deferred = if self.store.searcher().num_docs() == 0 {
            Some(self.defer_merges()?)
        } else {
            None
        };
        let mut report = IndexReport::default();
        let (files, skipped) = ingest::collect_files(paths, self.store.path());
        report.skipped = skipped;
        let limits = options.read_limits();
        let total = files.len() * 2;
        // Pass 1: learn the page chrome of the whole run. Problems are reported in pass 2.
        let mut chrome = ChromeModel::default();
        for (n, (path, root)) in files.iter().enumerate() {
            for record in ingest::read_file(path, root, limits).into_iter().flatten() {
                if let Record::Article(article) = record {
                    chrome.add(&article.body);
                }
            }
            progress(n + 1, total);
        }
        *self.chrome.write().unwrap_or_else(|p| p.into_inner()) = chrome;
        let chrome = self.chrome.read().unwrap_or_else(|p| p.into_inner());
        // Pass 2: clean, section, analyze and write, batch by batch.
        let mut batch = Batch::default();
        let mut claims = Claims::default();
        for (n, (path, root)) in files.iter().enumerate() {
            let records = match ingest::read_file(path, root, limits) {
                Ok(records) => records,
                Err(e) => {
                    report.skipped.push(Skipped {
                        path: path.display().to_string(),
                        reason: reason_of(&e),
                    });
                    progress(files.len() + n + 1, total);
                    continue;
                }
            };
            for record in records {
                match record {
                    Record::Article(mut article) => {
                        match claims.claim(&article, path, root, &mut report.collisions) {
                            Some(id) => article.id = id,
                            None => {
                                report.skipped.push(Skipped {
                                    path: path.display().to_string(),
                                    reason: format!(
                                        "article id {:?} is already used by another file of this run",
                                        article.id
                                    ),
                                });
                                continue;
                            }
                        }
                        if batch.push(*article) {
                            self.index_batch(batch.take(), &chrome, options, &mut report)?;
                        }
                    }
                    Record::Skipped(skipped) => report.skipped.push(skipped),
                    Record::Notice(notice) => report.notices.push(notice),
                }
            }
            progress(files.len() + n + 1, total);
        }
        self.index_batch(batch.take(), &chrome, options, &mut report)?;
        drop(chrome);
        self.commit()?;
        drop(_deferred);
        self.merge_after_bulk_write(report.passages)?;
        Ok(report)
    }

    /// Take the writer with background merges off until the returned guard is dropped
    /// (for bulk loads that end with a merge of everything).
    pub(crate) fn defer_merges(&self) -> Result<MergesDeferred<'_>> {
        self.store.acquire_writer()?;
        self.store.set_background_merges(false);
        Ok(MergesDeferred(&self.store))
    }

    /// After a commit that wrote `passages`: merge all segments when they are at least a
    /// tenth of the index (so a merge rewrites at most ten times what was written; smaller
    /// updates are left to tantivy's background merge policy).
    pub(crate) fn merge_after_bulk_write(&self, passages: usize) -> Result<()> {
        let total = self.store.searcher().num_docs() as usize;
        if self.store.segment_count() > 1 && passages * MERGE_WRITTEN_FRACTION >= total {
            match self.store.merge_segments() {
                // Committed already; the merge only speeds searches up. Another process
                // took the writer in the moment it was free: leave the merge to it.
                Err(KbError::Locked { .. }) => {}
                other => other?,
            }
        }
        Ok(())
    }

    /// Prepare and write one batch of [`index_paths`](Self::index_paths), adding to the report.
    pub(crate) fn index_batch(
        &self,
        batch: Vec<Article>,
        chrome: &ChromeModel,
        options: &IndexOptions,
        report: &mut IndexReport,
    ) -> Result<()> {
        for (origin, ready) in self.prepare_batch(batch, chrome, options.max_passages)? {
            let Ready {
                prepared,
                fingerprint,
                documents,
            } = match ready {
                Ok(ready) => ready,
                Err(e) => {
                    report.skipped.push(Skipped {
                        path: origin,
                        reason: e.to_string(),
                    });
                    continue;
                }
            };
            report.removed.add(&prepared.removed);
            report
                .notices
                .extend(prepared.notes.iter().map(|note| Skipped {
                    path: origin.clone(),
                    reason: note.clone(),
                }));
            let outcome = self.write_if_changed(&prepared, fingerprint, documents)?;
            match outcome {
                UpsertOutcome::Added => report.added += 1,
                UpsertOutcome::Updated => report.updated += 1,
                UpsertOutcome::Unchanged => report.unchanged += 1,
            }
            if outcome != UpsertOutcome::Unchanged {
                report.passages += prepared.passages.len();
            }
            if options.explain {
                report.explained.push(Explanation {
                    id: prepared.article.id.clone(),
                    source: prepared.article.source.clone(),
                    title: prepared.title.clone(),
                    lang: prepared.lang.code().to_string(),
                    passages: prepared.passages.clone(),
                    removed: prepared.removed.clone(),
                });
            }
        }
        Ok(())
    }
}

/// Articles waiting to be prepared together, bounded by count and by bytes.
#[derive(Default)]
pub(crate) struct Batch {
    articles: Vec<Article>,
    bytes: usize,
}

impl Batch {
    /// Add an article; true when the batch is full.
    pub(crate) fn push(&mut self, article: Article) -> bool {
        self.bytes += article.body.len();
        self.articles.push(article);
        self.articles.len() >= PREPARE_BATCH || self.bytes >= PREPARE_BATCH_BYTES
    }

    pub(crate) fn take(&mut self) -> Vec<Article> {
        self.bytes = 0;
        std::mem::take(&mut self.articles)
    }
}

/// The reason part of an error about a file (the path is reported beside it).
fn reason_of(error: &KbError) -> String {
    match error {
        KbError::Io { source, .. } => source.to_string(),
        KbError::Format { source, .. } => source.to_string(),
        other => other.to_string(),
    }
}

fn dir_size(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

/// `f` applied to every item on every core, in the items' order.
fn on_every_core<T: Send, R: Send>(items: Vec<T>, f: impl Fn(T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = items.len().div_ceil(threads).max(1);
    let mut chunks: Vec<Vec<T>> = Vec::new();
    let mut rest = items.into_iter().peekable();
    while rest.peek().is_some() {
        chunks.push(rest.by_ref().take(chunk).collect());
    }
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(f).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::MIN_TRAINING_BYTES;

    fn article(id: &str, body: &str) -> Article {
        Article::new(id, "", body)
    }

    #[test]
    fn every_file_is_its_own_article_and_shared_ids_are_qualified() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        let glossary = [
            (
                "en",
                "A Pod represents a set of running containers in your cluster.",
            ),
            ("zh-cn", "Pod 表示你的集群上一组正在运行的容器。"),
            (
                "uk",
                "Pod представляє набір запущених контейнерів у вашому кластері.",
            ),
        ];
        for (lang, text) in glossary {
            let folder = docs.join(lang).join("glossary");
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(
                folder.join("pod.md"),
                format!("---\ntitle: Pod\nid: pod\n---\n{text}\n"),
            )
            .unwrap();
            std::fs::write(
                docs.join(lang).join("_index.md"),
                format!("---\ntitle: Docs\n---\n{text}\n"),
            )
            .unwrap();
        }
        // Two files of one folder with one path id: the second keeps its extension.
        std::fs::write(docs.join("en/_index.txt"), "Kubernetes documentation home.").unwrap();
        let kb = KnowledgeBase::open(dir.path().join("index")).unwrap();
        let roots: Vec<PathBuf> = ["en", "zh-cn", "uk"].iter().map(|l| docs.join(l)).collect();
        let report = kb
            .index_paths(&roots, &IndexOptions::default(), &mut |_, _| {})
            .unwrap();
        assert_eq!(report.added, 7, "{report:#?}");
        assert_eq!(kb.stats().unwrap().articles, 7);
        for id in [
            "en/_index",
            "en/_index.txt",
            "pod",
            "uk/_index",
            "uk/pod",
            "zh-cn/_index",
            "zh-cn/pod",
        ] {
            assert!(kb.get(id).unwrap().is_some(), "{id} missing");
        }
        let resolved: Vec<(&str, Option<&str>)> = report
            .collisions
            .iter()
            .map(|c| (c.id.as_str(), c.resolved.as_deref()))
            .collect();
        assert_eq!(
            resolved,
            [
                ("en/_index", Some("en/_index.txt")),
                ("pod", Some("zh-cn/pod")),
                ("pod", Some("uk/pod"))
            ]
        );
        assert!(
            report.collisions[0].first.ends_with("_index.md"),
            "{report:#?}"
        );
        assert!(
            report.collisions[0].second.ends_with("_index.txt"),
            "{report:#?}"
        );
        assert!(report.skipped.is_empty(), "{report:#?}");
        // A file declaring an id that was given to another one is qualified in turn.
        std::fs::write(
            docs.join("uk/x.md"),
            "---\nid: zh-cn/pod\n---\nІнший текст про Pod.\n",
        )
        .unwrap();
        let report = kb
            .index_paths(&roots, &IndexOptions::default(), &mut |_, _| {})
            .unwrap();
        assert_eq!(report.collisions.len(), 4, "{report:#?}");
        assert_eq!(
            report.collisions[3].resolved.as_deref(),
            Some("uk/zh-cn/pod"),
            "{report:#?}"
        );
        assert_eq!((report.added, report.unchanged), (1, 7), "{report:#?}");

        // Records of two JSONL files sharing ids: the second file's are qualified by its path.
        let feeds = dir.path().join("feeds");
        std::fs::create_dir_all(&feeds).unwrap();
        for name in ["one", "two"] {
            std::fs::write(
                feeds.join(format!("{name}.jsonl")),
                format!(
                    "{{\"id\":\"a\",\"body\":\"Менеджер {name} керує бюджетом.\"}}\n\
                     {{\"id\":\"b\",\"body\":\"Команда {name} звітує щомісяця.\"}}\n"
                ),
            )
            .unwrap();
        }
        let report = kb
            .index_paths(&[feeds], &IndexOptions::default(), &mut |_, _| {})
            .unwrap();
        let resolved: Vec<Option<&str>> = report
            .collisions
            .iter()
            .map(|c| c.resolved.as_deref())
            .collect();
        assert_eq!(resolved, [Some("two/a"), Some("two/b")], "{report:#?}");
        assert_eq!(report.added, 4, "{report:#?}");
        assert_eq!(kb.get("uk/pod").unwrap().unwrap().lang, "uk");
    }

    #[test]
    fn equal_scores_come_back_by_article_id_then_passage() {
        let body = "Менеджер керує бюджетом команди.";
        let ids = |order: &[&str]| {
            let kb = KnowledgeBase::in_memory().unwrap();
            for id in order {
                kb.upsert(article(id, body)).unwrap();
                kb.commit().unwrap(); // one segment each: addresses follow insertion order
            }
            kb.search(&SearchRequest::new("бюджет"))
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.article_id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&["c", "a", "b"]), ["a", "b", "c"]);
        assert_eq!(ids(&["b", "c", "a"]), ["a", "b", "c"]);
    }

    /// Over 512 KiB of help-center text in five languages: the sample articles, each
    /// numbered and with its own closing line.
    fn large_batch() -> Vec<Article> {
        (0..20)
            .flat_map(|round| {
                crate::ingest::seed_fixtures::SEEDS
                    .iter()
                    .enumerate()
                    .map(move |(n, seed)| {
                        let body =
                            format!("{seed}\n\nArticle {round}-{n}, revision {}.", round * 7);
                        article(&format!("a{round}-{n}"), &body)
                    })
            })
            .collect()
    }

    #[test]
    fn a_large_batch_trains_the_texts_dictionary_that_every_reader_uses() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        let articles = large_batch();
        let bytes: usize = articles.iter().map(|a| a.body.len()).sum();
        assert!(bytes >= MIN_TRAINING_BYTES, "{bytes}");
        // A reader opened before the dictionary exists.
        let early = KnowledgeBase::open(&path).unwrap();
        let kb = KnowledgeBase::open(&path).unwrap();
        // A small batch trains none.
        kb.upsert_many(articles[..3].to_vec()).unwrap();
        assert!(kb.store.texts_dictionary().is_none());
        kb.upsert_many(articles.clone()).unwrap();
        kb.commit().unwrap();
        let dictionary = kb.store.texts_dictionary().expect("trained");
        let file = path.join(crate::index::DICTIONARY_FILE);
        assert_eq!(std::fs::read(&file).unwrap(), dictionary.bytes());
        kb.release_writer();
        drop(kb);

        let request = SearchRequest::new("客戶服務運營經理 預算管理").limit(3);
        early.refresh().unwrap();
        let reopened = KnowledgeBase::open(&path).unwrap();
        for reader in [&early, &reopened] {
            let hits = reader.search(&request).unwrap().hits;
            assert!(hits[0].text.contains("預測財務需求"), "{:?}", hits[0]);
            for original in &articles[..10] {
                let stored = reader.get(&original.id).unwrap().expect("stored");
                assert_eq!(stored.article.body, original.body);
            }
        }
        // The dictionary is never replaced: a later large batch keeps it.
        let id = reopened.store.texts_dictionary().unwrap().id();
        let more: Vec<Article> = large_batch()
            .into_iter()
            .map(|mut a| {
                a.id = format!("more-{}", a.id);
                a
            })
            .collect();
        reopened.upsert_many(more).unwrap();
        reopened.commit().unwrap();
        assert_eq!(reopened.store.texts_dictionary().unwrap().id(), id);
        // The texts found (identical articles tie, in either order).
        let texts = |kb: &KnowledgeBase| -> Vec<String> {
            let hits = kb.search(&request).unwrap().hits;
            hits.into_iter().map(|h| h.text).collect()
        };
        let before = texts(&reopened);
        reopened.release_writer();
        drop((early, reopened));
        // `reindex` reads the articles with it and trains the new index its own.
        let report = KnowledgeBase::reindex(&path).unwrap();
        assert_eq!(report.added, 2 * articles.len(), "{report:?}");
        let rebuilt = KnowledgeBase::open(&path).unwrap();
        assert!(rebuilt.store.texts_dictionary().is_some());
        assert_eq!(texts(&rebuilt), before);
        let original = &articles[7];
        let stored = rebuilt.get(&original.id).unwrap().expect("rebuilt");
        assert_eq!(stored.article.body, original.body);
        drop(rebuilt);

        // Without its dictionary, an article's texts are unreadable, and the error says so.
        // (Read on a new thread: each thread keeps the last articles it read.)
        std::fs::remove_file(&file).unwrap();
        let orphaned = KnowledgeBase::open(&path).unwrap();
        let error = std::thread::scope(|s| s.spawn(|| orphaned.search(&request)).join())
            .unwrap()
            .unwrap_err();
        assert!(matches!(error, KbError::Corrupt { .. }), "{error:?}");
        assert!(error.to_string().contains("texts.zdict"), "{error}");
    }

    #[test]
    fn articles_upserted_one_at_a_time_train_the_dictionary_once_they_are_enough() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("idx");
        let kb = KnowledgeBase::open(&path).unwrap();
        let articles = large_batch();
        let (mut written, mut first_compressed) = (0, None);
        for (n, article) in articles.iter().enumerate() {
            let trained_before = kb.store.texts_dictionary().is_some();
            written += article.body.len();
            kb.upsert(article.clone()).unwrap();
            match kb.store.texts_dictionary() {
                // Trained by the article that brought the texts written to the minimum
                // (their passages: the bodies less what cleaning removed).
                Some(_) if !trained_before => {
                    assert!(written >= MIN_TRAINING_BYTES, "{written}");
                    first_compressed = Some(n);
                }
                _ => {}
            }
        }
        let first_compressed = first_compressed.expect("trained");
        assert!(first_compressed > 0 && first_compressed < articles.len() - 1);
        kb.commit().unwrap();
        kb.release_writer();
        drop(kb);
        let reopened = KnowledgeBase::open(&path).unwrap();
        for article in [
            &articles[0],
            &articles[first_compressed],
            &articles[articles.len() - 1],
        ] {
            let stored = reopened.get(&article.id).unwrap().expect("stored");
            assert_eq!(stored.article.body, article.body);
        }
        drop(reopened);
        // The articles written before the dictionary do without it; those after need it.
        std::fs::remove_file(path.join(crate::index::DICTIONARY_FILE)).unwrap();
        let orphaned = KnowledgeBase::open(&path).unwrap();
        let get = |article: &Article| {
            std::thread::scope(|s| s.spawn(|| orphaned.get(&article.id)).join()).unwrap()
        };
        assert!(get(&articles[0]).unwrap().is_some());
        let error = get(&articles[first_compressed]).unwrap_err();
        assert!(error.to_string().contains("texts.zdict"), "{error}");
    }

    #[test]
    fn upsert_replaces_and_skips_unchanged() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let a = article("a", "Менеджер керує бюджетом команди.");
        assert_eq!(kb.upsert(a.clone()).unwrap(), UpsertOutcome::Added);
        kb.commit().unwrap();
        assert_eq!(kb.upsert(a.clone()).unwrap(), UpsertOutcome::Unchanged);
        let changed = article("a", "Менеджер аналізує показники обслуговування клієнтів.");
        assert_eq!(kb.upsert(changed).unwrap(), UpsertOutcome::Updated);
        kb.commit().unwrap();
        assert_eq!(kb.stats().unwrap().articles, 1);
        assert!(
            kb.search(&SearchRequest::new("бюджет"))
                .unwrap()
                .hits
                .is_empty()
        );
        assert_eq!(
            kb.search(&SearchRequest::new("показники"))
                .unwrap()
                .hits
                .len(),
            1
        );
    }

    #[test]
    fn optimize_merges_segments_and_keeps_every_article() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let articles = [
            ("uk", "Менеджер керує бюджетом команди.", "бюджету"),
            ("vi", "Quản lý chịu trách nhiệm về ngân sách.", "ngan sach"),
            ("zh", "客戶服務運營經理負責監督培訓。", "培训"),
            ("en", "The manager reviews the quarterly budget.", "budgets"),
        ];
        for (id, body, _) in articles {
            kb.upsert(article(id, body)).unwrap();
            kb.commit().unwrap(); // one segment per commit
        }
        kb.delete("en").unwrap();
        kb.commit().unwrap();
        assert!(kb.stats().unwrap().segments >= 2);
        kb.optimize().unwrap();
        let stats = kb.stats().unwrap();
        assert_eq!((stats.segments, stats.articles), (1, 3));
        for (id, _, query) in &articles[..3] {
            let hits = kb.search(&SearchRequest::new(*query)).unwrap().hits;
            assert_eq!(hits[0].article_id, *id, "{query}");
        }
        assert!(
            kb.search(&SearchRequest::new("quarterly"))
                .unwrap()
                .hits
                .is_empty()
        );
        kb.optimize().unwrap(); // one segment: nothing to do
    }

    #[test]
    fn hits_are_grouped_by_article_with_one_segment_or_several() {
        let kb = KnowledgeBase::in_memory().unwrap();
        // Four sections under distinct headings (headings that differ only by a number are
        // the steps of one procedure, one passage).
        let sections = |topic: &str| {
            ["Планування", "Звіти", "Закупівлі", "Навчання"]
                .iter()
                .map(|h| format!("## {h}\n\nМенеджер керує бюджетом: {topic}, {h}."))
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        kb.upsert(article("a", &sections("команди"))).unwrap();
        kb.commit().unwrap();
        kb.upsert(article("b", &sections("відділу"))).unwrap();
        kb.commit().unwrap();
        let check = |segments: &str| {
            let ids = |per_article: usize| -> Vec<String> {
                let request =
                    SearchRequest::new("бюджет менеджера").passages_per_article(per_article);
                let hits = kb.search(&request).unwrap().hits;
                hits.into_iter().map(|h| h.article_id).collect()
            };
            let mut once = ids(1);
            once.sort();
            assert_eq!(once, ["a", "b"], "{segments}");
            let twice = ids(2);
            assert_eq!(twice.len(), 4, "{segments}: {twice:?}");
            assert!(
                twice.iter().filter(|id| *id == "a").count() == 2,
                "{segments}"
            );
        };
        assert!(kb.stats().unwrap().segments >= 2);
        check("several segments (grouped by id)");
        kb.optimize().unwrap();
        assert_eq!(kb.stats().unwrap().segments, 1);
        check("one segment (grouped by fast-field ordinal)");
    }

    #[test]
    fn index_paths_merges_after_writing_a_large_part_of_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/articles");
        let small = dir.path().join("small.txt");
        std::fs::write(&small, "Менеджер керує бюджетом команди.").unwrap();
        let kb = KnowledgeBase::open(dir.path().join("index")).unwrap();
        let options = IndexOptions::default();
        kb.index_paths(std::slice::from_ref(&small), &options, &mut |_, _| {})
            .unwrap();
        // The five sample articles are most of the index: one segment after the run.
        let report = kb.index_paths(&[corpus], &options, &mut |_, _| {}).unwrap();
        assert_eq!(report.added, 5);
        assert_eq!(kb.stats().unwrap().segments, 1);
        // One passage more is far less than a tenth: left to the merge policy.
        std::fs::write(&small, "Менеджер аналізує показники.").unwrap();
        kb.index_paths(&[small], &options, &mut |_, _| {}).unwrap();
        let stats = kb.stats().unwrap();
        assert_eq!((stats.segments, stats.articles), (2, 6));
    }

    #[test]
    fn every_language_indexes_filters_and_counts() {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, lang, body) in [
            (
                "de",
                "de-DE",
                "Der Kundenservice-Manager ist für die Schulung der Mitarbeiter verantwortlich.",
            ),
            (
                "ru",
                "ru",
                "Менеджер по обслуживанию клиентов отвечает за обучение сотрудников.",
            ),
            (
                "fr",
                "fr",
                "Le responsable du service client forme les nouveaux employés.",
            ),
            (
                "ja",
                "ja",
                "カスタマーサービスの責任者は、チームの教育を担当します。",
            ),
            (
                "uk",
                "uk",
                "Менеджер з обслуговування клієнтів відповідає за навчання працівників.",
            ),
        ] {
            kb.upsert(Article::new(id, "", body).with_lang(lang))
                .unwrap();
        }
        kb.commit().unwrap();
        let ids = |request: SearchRequest| -> Vec<String> {
            kb.search(&request)
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.article_id)
                .collect()
        };
        // Snowball stems: another inflection finds the German and the Russian article.
        assert_eq!(
            ids(SearchRequest::new("Schulungen Mitarbeitern").lang("de")),
            ["de"]
        );
        assert_eq!(
            ids(SearchRequest::new("обучения сотрудника").lang("ru")),
            ["ru"]
        );
        // Without a language hint a query meets other languages by their folded surface
        // words; with one, by their stems too.
        assert_eq!(ids(SearchRequest::new("EMPLOYES")), ["fr"]);
        assert_eq!(ids(SearchRequest::new("employé").lang("fr")), ["fr"]);
        assert_eq!(ids(SearchRequest::new("教育")), ["ja"]);
        // A bare language matches its regions; the full tag only itself.
        assert_eq!(ids(SearchRequest::new("Kundenservice").lang("de")), ["de"]);
        assert_eq!(
            ids(SearchRequest::new("Kundenservice").lang("de-DE")),
            ["de"]
        );
        assert!(ids(SearchRequest::new("Kundenservice").lang("de-AT")).is_empty());
        let languages = kb.stats().unwrap().languages;
        let codes: Vec<&str> = languages.keys().map(String::as_str).collect();
        assert_eq!(codes, ["de-DE", "fr", "ja", "ru", "uk"]);
        assert_eq!(kb.get("de").unwrap().unwrap().lang, "de-DE");
    }

    #[test]
    fn quoted_phrases_must_appear_in_the_passage() {
        let kb = KnowledgeBase::in_memory().unwrap();
        kb.upsert(article(
            "a",
            "Менеджер керує бюджетом команди.\n\nКоманда звітує менеджеру щомісяця.",
        ))
        .unwrap();
        kb.upsert(article("b", "Бюджет команди затверджує директор."))
            .unwrap();
        kb.commit().unwrap();
        let ids = |q: &str| -> Vec<String> {
            kb.search(&SearchRequest::new(q))
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.article_id)
                .collect()
        };
        assert_eq!(ids("\"керує бюджетом\""), vec!["a"]);
        assert_eq!(ids("«затверджує директор»"), vec!["b"]);
        assert!(ids("\"бюджет менеджера\"").is_empty());
        assert_eq!(ids("бюджет").len(), 2);
        // Inside a longer query a quoted phrase prefers, but does not require.
        assert_eq!(ids("бюджет \"затверджує директор\"")[0], "b");
        assert_eq!(ids("бюджет \"затверджує директор\"").len(), 2);
    }

    #[test]
    fn upsert_many_keeps_order_and_reports_bad_articles() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let articles: Vec<Article> = (0..40)
            .map(|i| {
                article(
                    &format!("a{i}"),
                    &format!("Менеджер номер {i} керує бюджетом команди."),
                )
            })
            .chain([
                Article::new("bad", "t", " "),
                article("a0", "Оновлений текст про бюджет."),
            ])
            .collect();
        let outcomes = kb.upsert_many(articles).unwrap();
        assert_eq!(outcomes.len(), 42);
        assert!(
            outcomes[..40]
                .iter()
                .all(|o| matches!(o, Ok(UpsertOutcome::Added)))
        );
        assert!(matches!(outcomes[40], Err(KbError::InvalidArticle { .. })));
        assert!(matches!(outcomes[41], Ok(UpsertOutcome::Updated)));
        kb.commit().unwrap();
        assert_eq!(kb.stats().unwrap().articles, 40);
        assert!(
            kb.get("a0")
                .unwrap()
                .unwrap()
                .article
                .body
                .starts_with("Оновлений")
        );
    }

    #[test]
    fn delete_removes_every_passage() {
        let kb = KnowledgeBase::in_memory().unwrap();
        kb.upsert(article(
            "vi",
            "Đào tạo nhân viên\n\nPhát triển và thực thi các kế hoạch đào tạo.",
        ))
        .unwrap();
        kb.commit().unwrap();
        assert!(kb.delete("vi").unwrap());
        assert!(!kb.delete("missing").unwrap());
        kb.commit().unwrap();
        assert_eq!(kb.stats().unwrap().passages, 0);
        assert!(kb.get("vi").unwrap().is_none());
    }

    #[test]
    fn get_returns_the_article_and_its_passages() {
        let kb = KnowledgeBase::in_memory().unwrap();
        let body = "# Responsibilities\n\nThe manager oversees daily operations.\n\n# Budget\n\nThe manager plans the budget.";
        kb.upsert(Article::new("en", "What is a manager?", body).with_url("https://example.com/m"))
            .unwrap();
        kb.commit().unwrap();
        let stored = kb.get("en").unwrap().unwrap();
        assert_eq!(stored.title, "What is a manager?");
        assert_eq!(stored.lang, "en");
        assert_eq!(stored.article.body, body);
        assert!(
            stored
                .passages
                .iter()
                .any(|p| p.heading_path == vec!["Budget".to_string()])
        );
    }

    #[test]
    fn language_filter_and_empty_query() {
        let kb = KnowledgeBase::in_memory().unwrap();
        kb.upsert(article("zh", "客服经理负责管理客户服务团队。"))
            .unwrap();
        kb.upsert(article(
            "en",
            "The customer service manager leads the team.",
        ))
        .unwrap();
        kb.commit().unwrap();
        let hits = kb
            .search(&SearchRequest::new("客户 customer").lang("zh"))
            .unwrap()
            .hits;
        assert_eq!(
            hits.iter()
                .map(|h| h.article_id.as_str())
                .collect::<Vec<_>>(),
            vec!["zh"]
        );
        assert!(matches!(
            kb.search(&SearchRequest::new(" ?!。 ")),
            Err(KbError::EmptyQuery(_))
        ));
        assert!(matches!(
            kb.search(&SearchRequest::new("what is the")),
            Err(KbError::EmptyQuery(_))
        ));
        assert!(matches!(
            kb.search(&SearchRequest::new("x").lang("not a tag")),
            Err(KbError::UnknownLanguage(_))
        ));
    }

    #[test]
    fn a_second_writer_gets_a_clear_lock_error() {
        let dir = tempfile::tempdir().unwrap();
        let first = KnowledgeBase::open(dir.path()).unwrap();
        first
            .upsert(article("a", "The manager oversees daily operations."))
            .unwrap();
        let second = KnowledgeBase::open(dir.path()).unwrap();
        let err = second
            .upsert(article("b", "Another article about budgets."))
            .unwrap_err();
        assert!(matches!(err, KbError::Locked { .. }), "{err}");
        assert!(err.to_string().contains("locked by another writer"));
        first.commit().unwrap();
        first.release_writer();
        second
            .upsert(article("b", "Another article about budgets."))
            .unwrap();
        second.commit().unwrap();
        assert_eq!(second.stats().unwrap().articles, 2);
    }
}
