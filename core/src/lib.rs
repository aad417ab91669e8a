//! # kbsearch
//!
//! Embedded, multilingual knowledge-base search: index help-center articles in Simplified
//! and Traditional Chinese, Ukrainian, Vietnamese and English (mixed pages included) and get
//! back **answer passages** — a section of an article with its heading path — not just
//! documents.
//!
//! Data flows one way, one module per stage:
//!
//! ```text
//! files / JSON / API ─► ingest ─► Article ─► passages ─► analysis ─► index ─► search ─► Hit[]
//! ```
//!
//! - [`ingest`]: format readers, cleaning (page chrome, artifacts, repeats, trailing junk),
//!   sectioning into passages with heading paths and FAQ pairs;
//! - [`analysis`]: per-script, per-language terms, the same for documents and queries;
//! - [`index`]: the tantivy schema, writer and reader;
//! - [`search`]: weighted BM25 over title, headings and text, grouping, snippets;
//! - [`service`]: [`Request`]/[`Response`], the one place for request defaults, validation
//!   and the error kinds clients see ([`KbError::kind`]).
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
pub mod article;
pub mod error;
pub mod eval;
pub mod index;
pub mod ingest;
pub mod kb;
mod reindex;
pub mod search;
pub mod service;

pub use analysis::Lang;
pub use article::{Article, Passage, StoredArticle};
pub use error::{KbError, Result};
pub use ingest::sections::PassageKind;
pub use kb::{
    IdCollision, IndexOptions, IndexReport, KnowledgeBase, StaleArticle, Stats, UpsertOutcome,
};
pub use search::filter::{ArticleFacts, FacetCount, Filters};
pub use search::glossary::{Glossary, GlossaryEntry};
pub use search::suggest::{Suggestion, SuggestionKind};
pub use search::{Hit, SearchRequest, SearchResults};
pub use service::{FacetsParam, Request, Response, SearchParams};
