//! Articles (what users index) and passages (what search returns).

use std::collections::BTreeMap;
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
    /// Category (front matter or JSON `category`, HTML `article:section`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Last update (YYYY-MM-DD), from the source or found in the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// When the content was last checked to be right (YYYY-MM-DD), as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verified: Option<String>,
    /// When the content stops being valid (YYYY-MM-DD), as declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
    /// The translation group the article belongs to, as declared: the id of the article it
    /// translates (`translation_of`) or a group name (`group`, Hugo's `translationKey`).
    /// Articles are also grouped by URLs that differ only by a locale ([`Self::alternates`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// URLs of the same page in other languages (HTML `hreflang` links).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternates: Vec<String>,
    /// Every other short metadata value of front matter or JSON, by lower-case key (a
    /// scalar is one value, a list several): searchable with `--where key=value`.
    #[serde(
        default,
        skip_serializing_if = "BTreeMap::is_empty",
        deserialize_with = "one_or_many"
    )]
    pub meta: BTreeMap<String, Vec<String>>,
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

    /// Set the category.
    pub fn with_category(mut self, category: impl Into<String>) -> Self {
        self.category = Some(category.into());
        self
    }

    /// Set the date of the last update (YYYY-MM-DD).
    pub fn with_updated(mut self, date: impl Into<String>) -> Self {
        self.updated = Some(date.into());
        self
    }

    /// Declare the article's translation group (e.g. the id of the article it translates).
    pub fn with_group(mut self, group: impl Into<String>) -> Self {
        self.group = Some(group.into());
        self
    }

    /// Add a metadata value under `key` (lower-cased), as `--where key=value` finds it.
    pub fn with_meta(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        let key: String = key.into();
        self.meta
            .entry(key.to_lowercase())
            .or_default()
            .push(value.into());
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
        for (field, date) in [
            ("updated", &self.updated),
            ("verified", &self.verified),
            ("expires", &self.expires),
        ] {
            if let Some(date) = date
                && crate::search::filter::Day::parse(date).is_none()
            {
                return Err(invalid(
                    field,
                    &format!("expected a date like 2025-05-06, found {date:?}"),
                ));
            }
        }
        Ok(())
    }

    /// A fingerprint of everything that affects the index: unchanged articles are skipped.
    pub(crate) fn fingerprint(&self) -> String {
        let mut hasher = std::hash::DefaultHasher::new();
        crate::index::schema::INDEX_FORMAT.hash(&mut hasher);
        crate::ingest::CLEANING_VERSION.hash(&mut hasher);
        self.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

/// `meta` values as JSON gives them: a string, number or boolean is one value, an array
/// several.
fn one_or_many<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<BTreeMap<String, Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Scalar {
        Text(String),
        Number(serde_json::Number),
        Flag(bool),
    }
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Values {
        One(Scalar),
        Many(Vec<Scalar>),
    }
    let text = |s: Scalar| match s {
        Scalar::Text(t) => t,
        Scalar::Number(n) => n.to_string(),
        Scalar::Flag(b) => b.to_string(),
    };
    let map = BTreeMap::<String, Values>::deserialize(deserializer)?;
    Ok(map
        .into_iter()
        .map(|(key, values)| {
            let values = match values {
                Values::One(v) => vec![text(v)],
                Values::Many(vs) => vs.into_iter().map(text).collect(),
            };
            (key.to_lowercase(), values)
        })
        .collect())
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
