//! Rebuild an index from the articles stored in it, with this version's schema and analysis:
//! the way out of [`KbError::IndexVersion`] without the original files.
//!
//! Every index stores each article as given (passage 0's `article` field), so the rebuild
//! needs nothing else. The new index is written beside the old one and swapped in with two
//! renames; until the swap the old index stays untouched and its writer lock is held, so no
//! other writer can change it meanwhile.

use std::path::{Path, PathBuf};

use tantivy::{DocAddress, Index, TantivyDocument};

use crate::article::Article;
use crate::error::{KbError, Result};
use crate::ingest::Skipped;
use crate::ingest::clean::ChromeModel;
use crate::kb::{Batch, IndexOptions, IndexReport, KnowledgeBase};
use crate::search::glossary::GLOSSARY_FILE;

/// Suffix of the folder the new index is built in, beside the old one.
const BUILD_SUFFIX: &str = "kbsearch-rebuild";
/// Suffix the old index gets for the moment between the two renames.
const OLD_SUFFIX: &str = "kbsearch-old";

impl KnowledgeBase {
    /// Rebuild the index at `path` from the articles stored in it (an index written by
    /// another kbsearch version or other analysis settings included), replacing it.
    /// Articles are cleaned, sectioned and analyzed again; page chrome is learned across
    /// all of them. Fails with [`KbError::Locked`] while another process writes the index.
    pub fn reindex(path: impl AsRef<Path>) -> Result<IndexReport> {
        let path = path.as_ref();
        let build = sibling(path, BUILD_SUFFIX);
        let old = sibling(path, OLD_SUFFIX);
        finish_interrupted_swap(path, &build, &old)?;
        if !path.join("meta.json").exists() {
            return Err(KbError::NoIndex { path: path.into() });
        }
        let corrupt = |e: tantivy::TantivyError| KbError::Corrupt {
            path: path.into(),
            message: e.to_string(),
        };
        let index = Index::open_in_dir(path).map_err(corrupt)?;
        // Holding the old index's writer lock keeps other writers out until the swap.
        let lock: tantivy::IndexWriter =
            index
                .writer_with_num_threads(1, 15_000_000)
                .map_err(|e| match e {
                    tantivy::TantivyError::LockFailure(..) => crate::index::locked_error(path),
                    other => corrupt(other),
                })?;
        let record = crate::index::record_writer(path);
        let stored = StoredArticles::open(&index, path)?;

        if build.exists() {
            std::fs::remove_dir_all(&build).map_err(|e| KbError::io(&build, e))?;
        }
        let kb = KnowledgeBase::open(&build)?;
        let mut report = IndexReport::default();
        let mut chrome = ChromeModel::default();
        stored.each(&mut |article| {
            chrome.add(&article.body);
            Ok(())
        })?;
        let options = IndexOptions {
            max_passages: usize::MAX,
            ..IndexOptions::default()
        };
        let mut batch = Batch::default();
        let deferred = kb.defer_merges()?; // a first build: one merge at the end
        let unreadable = stored.each(&mut |article| {
            if batch.push(article) {
                kb.index_batch(batch.take(), &chrome, &options, &mut report)?;
            }
            Ok(())
        })?;
        kb.index_batch(batch.take(), &chrome, &options, &mut report)?;
        report.skipped.extend(unreadable);
        kb.commit()?;
        drop(deferred);
        kb.optimize()?;
        drop(kb);

        let glossary = path.join(GLOSSARY_FILE);
        if glossary.exists() {
            let kept = build.join(GLOSSARY_FILE);
            std::fs::copy(&glossary, &kept).map_err(|e| KbError::io(&kept, e))?;
        }
        drop(record);
        std::fs::rename(path, &old).map_err(|e| KbError::io(path, e))?;
        std::fs::rename(&build, path).map_err(|e| KbError::io(&build, e))?;
        drop(lock);
        std::fs::remove_dir_all(&old).map_err(|e| KbError::io(&old, e))?;
        Ok(report)
    }
}

/// `DIR` → `DIR.suffix`, beside it.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or(path.as_os_str()).to_os_string();
    name.push(".");
    name.push(suffix);
    path.with_file_name(name)
}

/// A rebuild stopped between its two renames leaves the old index at `old` and the complete
/// new one at `build`: finish the swap.
fn finish_interrupted_swap(path: &Path, build: &Path, old: &Path) -> Result<()> {
    if path.exists() || !old.exists() {
        return Ok(());
    }
    if build.join("meta.json").exists() {
        std::fs::rename(build, path).map_err(|e| KbError::io(build, e))?;
        std::fs::remove_dir_all(old).map_err(|e| KbError::io(old, e))
    } else {
        std::fs::rename(old, path).map_err(|e| KbError::io(old, e))
    }
}

/// The article records of an index of any kbsearch version.
struct StoredArticles {
    searcher: tantivy::Searcher,
    field: tantivy::schema::Field,
    path: PathBuf,
}

impl StoredArticles {
    fn open(index: &Index, path: &Path) -> Result<Self> {
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
        })
    }

    /// Call `f` with every stored article, in index order; returns the records that cannot
    /// be read back.
    fn each(&self, f: &mut dyn FnMut(Article) -> Result<()>) -> Result<Vec<Skipped>> {
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
                let Some(record) = doc.get_first(self.field) else {
                    continue; // a passage other than the first
                };
                let article = crate::index::record_json(&record)
                    .map_err(|e| format!("stored record is unreadable: {e}"))
                    .and_then(|json| article_of(&json));
                match article {
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

/// The article inside a stored record (`{"article": {...}, ...}`).
fn article_of(json: &str) -> std::result::Result<Article, String> {
    let mut record: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("stored record is not JSON: {e}"))?;
    let article = record
        .get_mut("article")
        .map(serde_json::Value::take)
        .ok_or("stored record has no `article`")?;
    serde_json::from_value(article).map_err(|e| format!("stored article is unreadable: {e}"))
}
