//! Errors of the kbsearch core. Every message says what went wrong and where.

use std::path::PathBuf;

use crate::ingest::formats::FormatError;

/// Everything that can go wrong in kbsearch.
#[derive(Debug, thiserror::Error)]
pub enum KbError {
    /// Reading or writing a file or folder failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be parsed (or one record of it).
    #[error("{path}: {source}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong, and where in the file.
        #[source]
        source: FormatError,
    },
    /// Another process (or another handle in this one) holds the index's writer lock.
    /// `holder` says who (from the holder's `writer.json`) and what to do.
    #[error("index {path} is locked by another writer: {holder}")]
    Locked {
        /// The index folder.
        path: PathBuf,
        /// Who holds the lock (process, command, host, since when) and how to recover.
        holder: String,
    },
    /// There is no index at this path (read-only open).
    #[error("no index at {path}: create one with `kbsearch index PATH --index {path}`")]
    NoIndex {
        /// The index folder.
        path: PathBuf,
    },
    /// The index was written by an incompatible kbsearch version or analysis settings.
    #[error(
        "index {path} was written with {found}, this kbsearch needs {expected}: rebuild it \
         from the articles it stores with `kbsearch --index {path} reindex`"
    )]
    IndexVersion {
        /// The index folder.
        path: PathBuf,
        /// What the index says it is.
        found: String,
        /// What this build reads.
        expected: String,
    },
    /// The index files are unreadable or inconsistent.
    #[error("index {path} is corrupt or unreadable: {message}")]
    Corrupt {
        /// The index folder.
        path: PathBuf,
        /// The engine's explanation.
        message: String,
    },
    /// An article failed validation.
    #[error("article {id:?}: field `{field}` {message}")]
    InvalidArticle {
        /// The article id (may be empty when the id itself is the problem).
        id: String,
        /// The offending field.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// A language code kbsearch does not support.
    #[error("unknown language {0:?}: use one of zh-Hans, zh-Hant, zh, uk, vi, en")]
    UnknownLanguage(String),
    /// The query has nothing searchable in it.
    #[error("the query {0:?} has no searchable words (it is empty or only punctuation/stop words)")]
    EmptyQuery(String),
    /// A request is malformed or a parameter is out of range.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// No committed article has this id.
    #[error("no article with id {id:?}")]
    NotFound {
        /// The id asked for.
        id: String,
    },
    /// The search engine reported an error.
    #[error("index error: {0}")]
    Engine(#[from] tantivy::TantivyError),
    /// The embedding model for semantic search is missing or unusable.
    #[error("embedding model {path}: {message}")]
    Model {
        /// The model file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// A semantic search on an index that holds no passage vectors.
    #[error(
        "index {path} has no passage vectors for semantic search: build it with `kbsearch index --semantic` (or `kbsearch reindex --semantic`)"
    )]
    NoVectors {
        /// The index folder.
        path: PathBuf,
    },
}

/// Result with [`KbError`].
pub type Result<T, E = KbError> = std::result::Result<T, E>;

impl KbError {
    /// A stable snake_case name of the error's kind, the same for every client (the `kind`
    /// of `kbsearch serve` and MCP errors, the exception class in Python):
    ///
    /// | kind | meaning |
    /// |---|---|
    /// | `invalid_request` | malformed request or a parameter out of range |
    /// | `empty_query` | the query has no searchable words |
    /// | `unknown_language` | a language code kbsearch does not support |
    /// | `not_found` | no article with this id |
    /// | `invalid_article` | an article failed validation |
    /// | `no_index` | no index at this path |
    /// | `index_version` | the index needs a rebuild (`reindex`) |
    /// | `corrupt_index` | the index files are unreadable |
    /// | `locked` | another writer holds the index |
    /// | `io` | reading or writing a file failed |
    /// | `format` | a file could not be parsed |
    /// | `engine` | the search engine reported an error |
    /// | `model` | the embedding model is missing or unusable (`kbsearch model install`) |
    /// | `no_vectors` | semantic search on an index built without vectors |
    pub fn kind(&self) -> &'static str {
        match self {
            KbError::Io { .. } => "io",
            KbError::Format { .. } => "format",
            KbError::Locked { .. } => "locked",
            KbError::NoIndex { .. } => "no_index",
            KbError::IndexVersion { .. } => "index_version",
            KbError::Corrupt { .. } => "corrupt_index",
            KbError::InvalidArticle { .. } => "invalid_article",
            KbError::UnknownLanguage(_) => "unknown_language",
            KbError::EmptyQuery(_) => "empty_query",
            KbError::InvalidRequest(_) => "invalid_request",
            KbError::NotFound { .. } => "not_found",
            KbError::Engine(_) => "engine",
            KbError::Model { .. } => "model",
            KbError::NoVectors { .. } => "no_vectors",
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        KbError::Io {
            path: path.into(),
            source,
        }
    }
}
