//! Index: the on-disk (or in-memory) tantivy index, its writer and reader.
//!
//! One tantivy document per passage. Writes go through one lazily taken writer (so readers
//! never lock the index); a commit is atomic (tantivy swaps `meta.json`), so a crash
//! mid-indexing leaves the last commit readable. `kbsearch.json` beside tantivy's files
//! records the index format so an incompatible index is refused instead of misread.
//!
//! One file per concept:
//! - `store.rs`: [`IndexStore`], opening an index (every check made before use, shared with
//!   `reindex`) and the writer's lifecycle;
//! - `document.rs`: the documents of a prepared article ([`IndexStore::documents`]);
//! - `stored.rs`: reading stored fields back ([`StoredPassage`], articles, counts): the only
//!   code outside `document.rs` that knows which stored field holds what;
//! - `record.rs`: the codec of the article record stored on each article's first passage;
//! - `dictionary.rs`: the zstd dictionary its passage texts are compressed with
//!   (`texts.zdict`, trained once per index);
//! - `id_query.rs`: the query deleting an article's passages;
//! - `meta.rs`: `kbsearch.json`, the index format check;
//! - `lock.rs`: who holds the writer lock; [`schema`]: the fields;
//! - `atomic_file.rs`: replacing a small file of the folder atomically (the files above,
//!   the glossary).

mod atomic_file;
mod dictionary;
mod document;
mod id_query;
mod lock;
mod meta;
mod raw_document;
mod record;
pub mod schema;
mod store;
mod stored;
mod terms_tokenizer;

pub(crate) use atomic_file::write_atomically;
pub use dictionary::{DICTIONARY_FILE, MIN_TRAINING_BYTES, TextsDictionary};
pub use lock::WRITER_INFO_FILE;
pub use meta::{META_FILE, recorded_vectors};
pub use schema::{Fields, INDEX_FORMAT, Zone};
pub use store::IndexStore;
pub(crate) use store::{Formats, HeldWriter, is_index, lock_writer, open_index};
pub(crate) use stored::StoredArticles;
pub use stored::{Counts, StoredHeading, StoredPassage};

#[cfg(test)]
pub(crate) mod testing {
    //! Prepared articles and stores for the index's tests.

    use super::IndexStore;
    use crate::analysis::Lang;
    use crate::article::{Article, Passage};
    use crate::ingest::PreparedArticle;
    use crate::ingest::clean::{RemovalReason, RemovedLine};
    use crate::ingest::sections::PassageKind;

    /// An English article `id` of two passages (a section and an FAQ pair), with a URL, a
    /// tag, a category, `updated` when given, and two removed lines (chrome, trailing).
    pub(crate) fn prepared(id: &str, updated: Option<&str>) -> PreparedArticle {
        let mut article = Article::new(id, "Refunds", "(body as given)")
            .with_url(format!("https://help.example/{id}"))
            .with_tags(["billing"])
            .with_category("Payments");
        article.updated = updated.map(str::to_string);
        let removed = |line, reason| RemovedLine {
            line,
            text: "removed".into(),
            reason,
            rule: "test",
        };
        PreparedArticle {
            article,
            title: "Refunds".into(),
            title_is_excerpt: false,
            lang: Lang::En,
            passages: vec![
                Passage {
                    heading_path: Vec::new(),
                    text: "Refunds are paid to the original card.".into(),
                    kind: PassageKind::Section,
                },
                Passage {
                    heading_path: vec!["Questions".into(), "How long does a refund take?".into()],
                    text: "Five working days.".into(),
                    kind: PassageKind::Faq,
                },
            ],
            removed: vec![
                removed(1, RemovalReason::Chrome),
                removed(9, RemovalReason::Trailing),
            ],
            notes: Vec::new(),
        }
    }

    /// An in-memory store holding `articles` (fingerprint `fp-ID`), committed.
    pub(crate) fn store_with(articles: &[PreparedArticle]) -> IndexStore {
        let store = IndexStore::in_memory().unwrap();
        for prepared in articles {
            let id = &prepared.article.id;
            let documents: Vec<_> = store
                .documents(prepared, &format!("fp-{id}"))
                .unwrap()
                .collect();
            store.replace_documents(id, documents, false).unwrap();
        }
        store.commit().unwrap();
        store
    }
}
