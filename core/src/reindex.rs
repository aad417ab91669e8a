//! Rebuild an index from the articles stored in it, with this version's schema and analysis:
//! the way out of [`KbError::IndexVersion`] without the original files.
//!
//! Every index stores each article as given (passage 0's `article` field), so the rebuild
//! needs nothing else. The new index is written beside the old one and swapped in with two
//! renames; until the swap the old index stays untouched and its writer lock is held, so no
//! other writer can change it meanwhile.

use std::path::{Path, PathBuf};

use crate::error::{KbError, Result};
use crate::index::{self, Formats, StoredArticles};
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
    /// Passages get vectors again when the index had them.
    pub fn reindex(path: impl AsRef<Path>) -> Result<IndexReport> {
        let path = path.as_ref();
        Self::reindex_with_vectors(path, index::recorded_vectors(path).is_some())
    }

    /// [`reindex`](Self::reindex), giving every passage a vector for semantic search
    /// (`vectors`, which needs the embedding model) or none.
    pub fn reindex_with_vectors(path: impl AsRef<Path>, vectors: bool) -> Result<IndexReport> {
        let path = path.as_ref();
        let build = sibling(path, BUILD_SUFFIX);
        let old = sibling(path, OLD_SUFFIX);
        finish_interrupted_swap(path, &build, &old)?;
        // Any format: rebuilding an index of another format is the point.
        let index = index::open_index(path, Formats::Any)?;
        // Holding the old index's writer lock keeps other writers out until the swap.
        let lock = index::lock_writer(&index, Some(path), 1, 15_000_000, |e| KbError::Corrupt {
            path: path.into(),
            message: e.to_string(),
        })?;
        let stored = StoredArticles::open(&index, path)?;

        if build.exists() {
            std::fs::remove_dir_all(&build).map_err(|e| KbError::io(&build, e))?;
        }
        let kb = KnowledgeBase::open(&build)?;
        if vectors {
            kb.enable_semantic()?;
        }
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
        let index::HeldWriter { record, writer } = lock;
        drop(record);
        std::fs::rename(path, &old).map_err(|e| KbError::io(path, e))?;
        std::fs::rename(&build, path).map_err(|e| KbError::io(&build, e))?;
        drop(writer);
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
    if index::is_index(build) {
        std::fs::rename(build, path).map_err(|e| KbError::io(build, e))?;
        std::fs::remove_dir_all(old).map_err(|e| KbError::io(old, e))
    } else {
        std::fs::rename(old, path).map_err(|e| KbError::io(old, e))
    }
}
