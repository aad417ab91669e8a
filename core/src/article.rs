//! Articles (what users index) and passages (what search returns).

use std::hash::{Hash, Hasher};

use serde::{Deserialize, Serialize};

use crate::error::{KbError, Result};
use crate::ingest::sections::PassageKind;

/// Largest article body accepted (bytes); larger bodies are refused with a clear error.
pub const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// A help-center article as given to [`crate::KnowledgeBase::upsert`].
///
/// ```
/// use kbsearch::Article;
/// let article = Article::new("kb-42", "Що таке бюджет?", "Бюджет — це план доходів і витрат.")
///     .with_lang("uk")
///     .with_tags(["finance"]);
/// assert_eq!(article.lang.as_deref(), Some("uk"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Article {
    /// Unique id; indexing the same id again replaces the article.
    pub id: String,
    /// Title; when empty, the title is taken from the body.
    #[serde(default)]
    pub title: String,
    /// The text: plain text or light Markdown (`#` headings, `- ` list items).
    pub body: String,
    /// BCP 47 language tag (`zh-Hans`, `uk`, `de`, `pt-BR` …); detected when absent or not a
    /// tag (then the index report says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// Canonical URL, shown as the hit's source when present.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Last update (YYYY-MM-DD), from the source or found in the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// The file it was read from, when it came from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Blocks the file reader dropped (HTML boilerplate), reported by `prepare` with the
    /// removed lines; not serialized, not part of equality or the fingerprint.
    #[serde(skip)]
    pub reader_removed: crate::ingest::clean::ReaderRemovals,
}

impl Article {
    /// An article with an id, a title and a body.
    pub fn new(id: impl Into<String>, title: impl Into<String>, body: impl Into<String>) -> Self {
        Article {
            id: id.into(),
            title: title.into(),
            body: body.into(),
            ..Article::default()
        }
    }

    /// Set the language code.
    pub fn with_lang(mut self, lang: impl Into<String>) -> Self {
        self.lang = Some(lang.into());
        self
    }

    /// Set the URL.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Set the tags.
    pub fn with_tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags = tags.into_iter().map(Into::into).collect();
        self
    }

    /// Check the fields a search needs; errors name the field.
    pub fn validate(&self) -> Result<()> {
        let invalid = |field, message: &str| KbError::InvalidArticle {
            id: self.id.clone(),
            field,
            message: message.to_string(),
        };
        if self.id.trim().is_empty() {
            return Err(invalid("id", "is empty"));
        }
        if self.id.len() > 512 || self.id.chars().any(char::is_control) {
            return Err(invalid(
                "id",
                "must be at most 512 bytes without control characters",
            ));
        }
        if self.body.trim().is_empty() {
            return Err(invalid("body", "is empty"));
        }
        if self.body.len() > MAX_BODY_BYTES {
            return Err(invalid(
                "body",
                &format!("is larger than {} MiB", MAX_BODY_BYTES >> 20),
            ));
        }
        Ok(())
    }

    /// A fingerprint of everything that affects the index: unchanged articles are skipped.
    pub(crate) fn fingerprint(&self) -> String {
        let mut hasher = std::hash::DefaultHasher::new();
        crate::index::schema::INDEX_FORMAT.hash(&mut hasher);
        self.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

/// One answer unit of an article, as stored and returned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Headings above the passage, outermost first (the title is not included).
    pub heading_path: Vec<String>,
    /// The passage text.
    pub text: String,
    /// A section of the article, or an FAQ answer whose heading is the question.
    pub kind: PassageKind,
}

/// An article as stored in the index, with what indexing derived from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredArticle {
    /// The article as given (original body).
    pub article: Article,
    /// The title used for search (declared, or found in the page).
    pub title: String,
    /// The language used for analysis (declared or detected).
    pub lang: String,
    /// Fingerprint of the indexed version.
    pub fingerprint: String,
    /// The passages, in article order.
    #[serde(default)]
    pub passages: Vec<Passage>,
}
