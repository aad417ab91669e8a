//! # kbsearch
//!
//! Embedded, multilingual knowledge-base search: index help-center articles in Simplified
//! and Traditional Chinese, Ukrainian, Vietnamese and English (mixed pages included) and get
//! back **answer passages** — a section of an article with its heading path — not just
//! documents.
//!
//! Data flows one way:
//!
//! ```text
//! files / JSON / API ─► ingest ─► Article ─► passages ─► analysis ─► index ─► search ─► Hit[]
//! ```
//!
//! The API is this page:
//! - [`KnowledgeBase`]: open (or create) an index, [`upsert`](KnowledgeBase::upsert)
//!   [`Article`]s or [`index_paths`](KnowledgeBase::index_paths) (files and folders: text,
//!   Markdown, HTML, JSON, JSONL, cleaned and cut into passages),
//!   [`commit`](KnowledgeBase::commit), [`search`](KnowledgeBase::search) with a
//!   [`SearchRequest`] for [`SearchResults`] of [`Hit`]s, [`suggest`](KnowledgeBase::suggest)
//!   completions, [`get`](KnowledgeBase::get), [`stats`](KnowledgeBase::stats),
//!   [`reindex`](KnowledgeBase::reindex);
//! - [`Request`]/[`Response`] ([`KnowledgeBase::handle`], [`KnowledgeBase::handle_json`]):
//!   the one place for request defaults, validation and the error kinds clients see
//!   ([`KbError::kind`]), shared by the CLI, `kbsearch serve`, MCP and Python;
//! - [`KbError`]: every error, naming the file, line, field or index concerned;
//! - [`analysis`]: the terms kbsearch indexes and searches ([`analysis::analyze`]), the
//!   same for documents and queries, and language detection ([`analysis::detect`]).
//!
//! ```
//! use kbsearch::{Article, KnowledgeBase, SearchRequest};
//!
//! let kb = KnowledgeBase::in_memory()?;
//! kb.upsert(Article::new("vi-1", "Dịch vụ khách hàng", "Nhân viên hỗ trợ khách hàng qua điện thoại."))?;
//! kb.commit()?;
//! // Typed without tone marks:
//! let results = kb.search(&SearchRequest::new("ho tro khach hang"))?;
//! assert_eq!(results.hits[0].article_id, "vi-1");
//! # Ok::<(), kbsearch::KbError>(())
//! ```
#![warn(missing_docs)]

pub mod analysis;
mod article;
mod error;
// The modules below are not part of the API: benches, fuzz targets and integration tests
// reach their internals, hence `pub`, hidden from the documentation.
#[doc(hidden)]
pub mod index;
#[doc(hidden)]
pub mod ingest;
mod kb;
mod reindex;
#[doc(hidden)]
pub mod search;
pub mod semantic;
mod service;

pub use analysis::Lang;
pub use article::{Article, MAX_BODY_BYTES, Passage, StoredArticle};
pub use error::{KbError, Result};
pub use index::INDEX_FORMAT;
pub use ingest::clean::{RemovalReason, RemovedLine};
pub use ingest::formats::FormatError;
pub use ingest::sections::PassageKind;
pub use ingest::{RemovedCounts, Skipped};
pub use kb::{
    DEFAULT_MAX_PASSAGES, Explanation, IdCollision, IndexOptions, IndexReport, KnowledgeBase,
    StaleArticle, Stats, UpsertOutcome,
};
pub use search::filter::{ArticleFacts, DEFAULT_FACETS, FacetCount, Filters};
pub use search::glossary::{Glossary, GlossaryEntry};
pub use search::suggest::{Suggestion, SuggestionKind};
pub use search::translations::Translation;
pub use search::{Hit, MAX_LIMIT, SearchRequest, SearchResults};
pub use service::{
    DEFAULT_LIMIT, DEFAULT_PER_ARTICLE, FacetsParam, Request, Response, SearchParams, error_json,
};
