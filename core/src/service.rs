//! The request/response layer: the one place for request defaults, validation and the error
//! kinds a client sees. The CLI (`search`, `get`, `serve`, `mcp`) and the Python module are
//! thin glue over it.
//!
//! ```
//! use kbsearch::{KnowledgeBase, Article, Request, Response};
//!
//! let kb = KnowledgeBase::in_memory()?;
//! kb.upsert(Article::new("uk-1", "Бюджет", "Менеджер планує бюджет відділу підтримки."))?;
//! kb.commit()?;
//! let request = Request::from_json(r#"{"query": "бюджету відділу", "k": 3}"#)?;
//! let Response::Search(results) = kb.handle(&request)? else { unreachable!() };
//! assert_eq!(results.hits[0].article_id, "uk-1");
//! // Errors carry a stable kind for clients:
//! let missing = kb.handle(&Request::Get { id: "nope".into() }).unwrap_err();
//! assert_eq!(missing.kind(), "not_found");
//! // The JSON-lines protocol of `kbsearch serve`, one line in, one line out:
//! let line = kb.handle_json(r#"{"id": 7, "query": "бюджет", "per_article": 0}"#);
//! assert!(line.starts_with(r#"{"id":7,"error":"#) && line.ends_with(r#""kind":"invalid_request"}"#));
//! # Ok::<(), kbsearch::KbError>(())
//! ```

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::article::StoredArticle;
use crate::error::{KbError, Result};
use crate::kb::{KnowledgeBase, StaleArticle, Stats};
use crate::search::filter::{DEFAULT_FACETS, Filters};
use crate::search::glossary::Glossary;
use crate::search::suggest::Suggestion;
use crate::search::{MAX_LIMIT, SearchRequest, SearchResults};

/// Hits returned when a request does not say how many.
pub const DEFAULT_LIMIT: usize = 10;

/// Passages of one article a search may return when a request does not say.
pub const DEFAULT_PER_ARTICLE: usize = 1;

/// The parameters of a search as a client sends them (JSON field names; absent = default).
/// Numbers are signed so that a negative value gets kbsearch's own message, not a parse error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchParams {
    /// What the user typed.
    pub query: String,
    /// How many hits (1..=[`MAX_LIMIT`], default [`DEFAULT_LIMIT`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k: Option<i64>,
    /// Only passages in this language (a BCP 47 tag; `zh` = both Chinese scripts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// How many passages of one article may appear (≥ 1, default [`DEFAULT_PER_ARTICLE`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_article: Option<i64>,
    /// Correct query words that no passage holds (default true; `false` searches the words
    /// as typed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typos: Option<bool>,
    /// Only articles with all these tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Only articles in this category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// Only articles whose metadata has each key = value (any front-matter or JSON key).
    #[serde(rename = "where", default, skip_serializing_if = "BTreeMap::is_empty")]
    pub where_: BTreeMap<String, String>,
    /// Only articles updated on or after this day (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_after: Option<String>,
    /// Facet counts: `true` for lang, tag and category, or the keys to count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facets: Option<FacetsParam>,
    /// Lift recently updated articles, with this half-life in days (off when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recency_half_life: Option<i64>,
    /// Answer each translation group once, in this locale where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Locales tried after `locale`, in order (default `en`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fallback: Vec<String>,
    /// Also rank by meaning (needs an index built with vectors; default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub semantic: Option<bool>,
    /// Only answers in these languages (BCP 47 tags), whatever the query's language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answer_lang: Vec<String>,
}

/// The `facets` of a search: `true` asks for [`DEFAULT_FACETS`], a list names the keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FacetsParam {
    /// `true`: lang, tag and category; `false`: none.
    Default(bool),
    /// These keys.
    Keys(Vec<String>),
}

/// Longest recency half-life accepted, in days (a century).
pub const MAX_RECENCY_HALF_LIFE: i64 = 36_500;

impl SearchParams {
    /// A search for `query` with every parameter at its default.
    pub fn new(query: impl Into<String>) -> Self {
        SearchParams {
            query: query.into(),
            k: None,
            lang: None,
            per_article: None,
            typos: None,
            tags: Vec::new(),
            category: None,
            where_: BTreeMap::new(),
            updated_after: None,
            facets: None,
            recency_half_life: None,
            locale: None,
            fallback: Vec::new(),
            semantic: None,
            answer_lang: Vec::new(),
        }
    }

    /// The validated engine request: defaults filled in, numbers in range
    /// ([`KbError::InvalidRequest`] otherwise, with the same message for every client).
    pub fn to_request(&self) -> Result<SearchRequest> {
        let limit = checked_limit(self.k)?;
        let per_article = match self.per_article {
            None => DEFAULT_PER_ARTICLE,
            Some(n) => usize::try_from(n).ok().filter(|&n| n >= 1).ok_or_else(|| {
                KbError::InvalidRequest(format!("passages per article must be at least 1, got {n}"))
            })?,
        };
        let mut request = SearchRequest::new(self.query.clone())
            .limit(limit)
            .passages_per_article(per_article)
            .typos(self.typos.unwrap_or(true));
        request.lang = self.lang.clone();
        request.locale = self.locale.clone();
        request.fallback = self.fallback.clone();
        request.semantic = self.semantic.unwrap_or(false);
        request.answer_langs = self.answer_lang.clone();
        request.filters = Filters {
            tags: self.tags.clone(),
            category: self.category.clone(),
            meta: self
                .where_
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            updated_after: self.updated_after.clone(),
        };
        if let Some(key) = request
            .filters
            .meta
            .iter()
            .map(|(k, _)| k)
            .find(|k| k.trim().is_empty())
        {
            return Err(KbError::InvalidRequest(format!(
                "a \"where\" key must not be empty, got {key:?}"
            )));
        }
        request.filters.updated_after_day()?;
        request.facets = match &self.facets {
            None | Some(FacetsParam::Default(false)) => Vec::new(),
            Some(FacetsParam::Default(true)) => DEFAULT_FACETS.map(String::from).to_vec(),
            Some(FacetsParam::Keys(keys)) => {
                if keys.iter().any(|k| k.trim().is_empty()) {
                    return Err(KbError::InvalidRequest(
                        "a facet key must not be empty".to_string(),
                    ));
                }
                keys.clone()
            }
        };
        request.recency_half_life = match self.recency_half_life {
            None => None,
            Some(days) => Some(
                u32::try_from(days)
                    .ok()
                    .filter(|&d| d >= 1 && i64::from(d) <= MAX_RECENCY_HALF_LIFE)
                    .ok_or_else(|| {
                        KbError::InvalidRequest(format!(
                            "recency half-life must be 1..={MAX_RECENCY_HALF_LIFE} days, got {days}"
                        ))
                    })?,
            ),
        };
        Ok(request)
    }
}

/// One request to a knowledge base. As JSON (the protocol of `kbsearch serve`):
/// `{"query": "…", "k": 5, "lang": "uk", "per_article": 2}` is a search (`"op": "search"`
/// may be given), `{"op": "get", "id": "…"}` fetches an article, `{"op": "stats"}` counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase", try_from = "WireRequest")]
// One request is built per call and moved once: the size of a search's parameters is no cost.
#[allow(clippy::large_enum_variant)]
pub enum Request {
    /// Search for answer passages.
    Search(SearchParams),
    /// One stored article by id.
    Get {
        /// The article id (a hit's `article_id`).
        id: String,
    },
    /// Counts of the index.
    Stats,
    /// Articles not updated for `days` days ([`KnowledgeBase::stale`]).
    Stale {
        /// Age in days (≥ 0).
        days: i64,
    },
    /// The glossary applied to queries ([`KnowledgeBase::glossary`]).
    Glossary,
    /// Completions of what a user is typing ([`KnowledgeBase::suggest`]).
    Suggest {
        /// The text typed so far.
        prefix: String,
        /// How many completions (1..=[`MAX_LIMIT`], default [`DEFAULT_LIMIT`]).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        k: Option<i64>,
    },
}

/// The wire shape of a request. Fields an operation does not use are accepted and ignored,
/// as `kbsearch serve` always did; `id` names the article of a `get` and is otherwise the
/// client's own request id (a string or a number), echoed in the response.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WireRequest {
    #[serde(default)]
    op: Option<String>,
    #[serde(default)]
    id: Option<Value>,
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    k: Option<i64>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    per_article: Option<i64>,
    #[serde(default)]
    typos: Option<bool>,
    #[serde(default)]
    prefix: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(rename = "where", default)]
    where_: BTreeMap<String, String>,
    #[serde(default)]
    updated_after: Option<String>,
    #[serde(default)]
    facets: Option<FacetsParam>,
    #[serde(default)]
    recency_half_life: Option<i64>,
    #[serde(default)]
    days: Option<i64>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    fallback: Vec<String>,
    #[serde(default)]
    semantic: Option<bool>,
    #[serde(default)]
    answer_lang: Vec<String>,
}

impl TryFrom<WireRequest> for Request {
    type Error = KbError;

    fn try_from(wire: WireRequest) -> Result<Request> {
        match wire.op.as_deref().unwrap_or("search") {
            "search" => {
                let query = wire.query.ok_or_else(|| {
                    KbError::InvalidRequest("a search needs \"query\"".to_string())
                })?;
                Ok(Request::Search(SearchParams {
                    query,
                    k: wire.k,
                    lang: wire.lang,
                    per_article: wire.per_article,
                    typos: wire.typos,
                    tags: wire.tags,
                    category: wire.category,
                    where_: wire.where_,
                    updated_after: wire.updated_after,
                    facets: wire.facets,
                    recency_half_life: wire.recency_half_life,
                    locale: wire.locale,
                    fallback: wire.fallback,
                    semantic: wire.semantic,
                    answer_lang: wire.answer_lang,
                }))
            }
            "get" => match wire.id {
                Some(Value::String(id)) => Ok(Request::Get { id }),
                Some(_) => Err(KbError::InvalidRequest(
                    "the \"id\" of a \"get\" must be a string".to_string(),
                )),
                None => Err(KbError::InvalidRequest("\"get\" needs \"id\"".to_string())),
            },
            "stats" => Ok(Request::Stats),
            "stale" => Ok(Request::Stale {
                days: wire.days.ok_or_else(|| {
                    KbError::InvalidRequest("\"stale\" needs \"days\"".to_string())
                })?,
            }),
            "glossary" => Ok(Request::Glossary),
            "suggest" => Ok(Request::Suggest {
                prefix: wire.prefix.ok_or_else(|| {
                    KbError::InvalidRequest("\"suggest\" needs \"prefix\"".to_string())
                })?,
                k: wire.k,
            }),
            other => Err(KbError::InvalidRequest(format!(
                "unknown op {other:?} (use search, get, stats, stale, suggest or glossary)"
            ))),
        }
    }
}

/// A request's `k`: [`DEFAULT_LIMIT`] when absent, else 1..=[`MAX_LIMIT`].
fn checked_limit(k: Option<i64>) -> Result<usize> {
    match k {
        None => Ok(DEFAULT_LIMIT),
        Some(k) => usize::try_from(k)
            .ok()
            .filter(|k| (1..=MAX_LIMIT).contains(k))
            .ok_or_else(|| {
                KbError::InvalidRequest(format!("limit must be 1..={MAX_LIMIT}, got {k}"))
            }),
    }
}

fn malformed(e: serde_json::Error) -> KbError {
    KbError::InvalidRequest(format!("malformed request: {e}"))
}

impl Request {
    /// Parse one JSON request (see [`Request`]); a malformed one is
    /// [`KbError::InvalidRequest`] saying what is wrong.
    pub fn from_json(text: &str) -> Result<Request> {
        Request::try_from(serde_json::from_str::<WireRequest>(text).map_err(malformed)?)
    }
}

/// A request line as `kbsearch serve` reads it: the client's request id (when it gave a
/// string or number `id`) and the request, or what is wrong with it.
#[derive(Debug)]
pub struct Envelope {
    /// The client's `id`, echoed in the response.
    pub id: Option<Value>,
    /// The request.
    pub request: Result<Request>,
}

impl Envelope {
    /// Read one JSON request line.
    pub fn from_json(text: &str) -> Envelope {
        match serde_json::from_str::<WireRequest>(text) {
            Err(e) => Envelope {
                id: None,
                request: Err(malformed(e)),
            },
            Ok(wire) => Envelope {
                id: wire
                    .id
                    .clone()
                    .filter(|id| id.is_string() || id.is_number()),
                request: Request::try_from(wire),
            },
        }
    }
}

/// The answer to a [`Request`]; serializes as the same object as the CLI's `--json` output.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Response {
    /// Hits of a search.
    Search(SearchResults),
    /// A stored article.
    Get(Box<StoredArticle>),
    /// Index counts.
    Stats(Stats),
    /// Articles not updated for the days asked, oldest first.
    Stale {
        /// The articles.
        stale: Vec<StaleArticle>,
    },
    /// The glossary's entries.
    Glossary(Glossary),
    /// Completions, best first.
    Suggest {
        /// The completions.
        suggestions: Vec<Suggestion>,
    },
}

/// One response line: the [`Response`] object, or `{"error": message, "kind":
/// KbError::kind()}`; either begins with `"id"` when the request carried one.
#[derive(Debug)]
pub struct Reply {
    /// The request's id.
    pub id: Option<Value>,
    /// The answer or the error.
    pub outcome: Result<Response>,
}

#[derive(Serialize)]
struct Answered<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    #[serde(flatten)]
    response: &'a Response,
}

#[derive(Serialize)]
struct Failed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    error: String,
    kind: &'static str,
}

impl Serialize for Reply {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let id = self.id.as_ref();
        match &self.outcome {
            Ok(response) => Answered { id, response }.serialize(serializer),
            Err(e) => error_object(id, e).serialize(serializer),
        }
    }
}

fn error_object<'a>(id: Option<&'a Value>, error: &KbError) -> Failed<'a> {
    Failed {
        id,
        error: error.to_string(),
        kind: error.kind(),
    }
}

impl Reply {
    /// The reply as one line of JSON (no newline).
    pub fn to_json(&self) -> String {
        // Every map key of a response is a string, so this does not fail; if it ever did, the
        // client still gets one line saying so.
        serde_json::to_string(self).unwrap_or_else(|e| {
            serde_json::json!({"error": format!("the response cannot be written: {e}"), "kind": "internal"})
                .to_string()
        })
    }
}

/// `{"error": message, "kind": kind}` for an error (what MCP tool errors carry).
pub fn error_json(error: &KbError) -> String {
    serde_json::to_string(&error_object(None, error)).unwrap_or_else(|_| error.to_string())
}

impl KnowledgeBase {
    /// Answer one request on the committed state (new commits of other processes are loaded
    /// first). A `get` of an id that is not there is [`KbError::NotFound`].
    pub fn handle(&self, request: &Request) -> Result<Response> {
        self.refresh()?;
        Ok(match request {
            Request::Search(params) => Response::Search(self.search(&params.to_request()?)?),
            Request::Get { id } => Response::Get(Box::new(
                self.get(id)?
                    .ok_or_else(|| KbError::NotFound { id: id.clone() })?,
            )),
            Request::Stats => Response::Stats(self.stats()?),
            Request::Stale { days } => Response::Stale {
                stale: self.stale(u32::try_from(*days).map_err(|_| {
                    KbError::InvalidRequest(format!("days must be 0 or more, got {days}"))
                })?)?,
            },
            Request::Glossary => Response::Glossary((*self.glossary()?).clone()),
            Request::Suggest { prefix, k } => Response::Suggest {
                suggestions: self.suggest(prefix, checked_limit(*k)?)?,
            },
        })
    }

    /// Answer one JSON request line with one JSON response line (the protocol of
    /// `kbsearch serve`): see [`Request`]; the answer is the [`Response`] (or the error, with
    /// its [`KbError::kind`]) after the request's `id` when it gave one.
    pub fn handle_json(&self, line: &str) -> String {
        let envelope = Envelope::from_json(line);
        Reply {
            id: envelope.id,
            outcome: envelope.request.and_then(|request| self.handle(&request)),
        }
        .to_json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Article;

    fn kb() -> KnowledgeBase {
        let kb = KnowledgeBase::in_memory().unwrap();
        for (id, title, body) in [
            (
                "vi",
                "Đào tạo nhân viên",
                "Phát triển kế hoạch đào tạo nhân viên mới trong ba tháng đầu.",
            ),
            (
                "zh",
                "預算管理",
                "客戶服務部門的預算由運營經理負責，包括預測財務需求和控制支出。",
            ),
            (
                "uk",
                "Повернення коштів",
                "Повернення коштів клієнтам оформлюється протягом п'яти робочих днів.",
            ),
            (
                "en",
                "Password reset",
                "To reset your password, open the account settings and choose a new password.",
            ),
        ] {
            kb.upsert(Article::new(id, title, body)).unwrap();
        }
        kb.commit().unwrap();
        kb
    }

    fn json(line: &str) -> Value {
        serde_json::from_str(line).unwrap()
    }

    #[test]
    fn defaults_and_ranges_are_checked_in_one_place() {
        let request = SearchParams::new("бюджет").to_request().unwrap();
        assert_eq!(request.limit, DEFAULT_LIMIT);
        assert_eq!(request.limit, 10);
        assert_eq!(request.passages_per_article, DEFAULT_PER_ARTICLE);
        assert_eq!(request.passages_per_article, 1);
        assert_eq!(request.lang, None);
        let given = SearchParams {
            k: Some(1000),
            lang: Some("uk".into()),
            per_article: Some(3),
            ..SearchParams::new("бюджет")
        }
        .to_request()
        .unwrap();
        assert_eq!(
            (
                given.limit,
                given.passages_per_article,
                given.lang.as_deref()
            ),
            (1000, 3, Some("uk"))
        );
        for (k, per_article, says) in [
            (Some(0), None, "limit must be 1..=1000, got 0"),
            (Some(-3), None, "limit must be 1..=1000, got -3"),
            (Some(1001), None, "limit must be 1..=1000, got 1001"),
            (
                None,
                Some(0),
                "passages per article must be at least 1, got 0",
            ),
            (
                None,
                Some(-1),
                "passages per article must be at least 1, got -1",
            ),
        ] {
            let params = SearchParams {
                k,
                per_article,
                ..SearchParams::new("q")
            };
            let err = params.to_request().unwrap_err();
            assert_eq!(err.kind(), "invalid_request");
            assert_eq!(err.to_string(), format!("invalid request: {says}"));
        }
    }

    #[test]
    fn json_requests_parse_or_say_what_is_wrong() {
        assert_eq!(
            Request::from_json(r#"{"query": "dao tao", "k": 3, "lang": "vi"}"#).unwrap(),
            Request::Search(SearchParams {
                k: Some(3),
                lang: Some("vi".into()),
                ..SearchParams::new("dao tao")
            })
        );
        assert_eq!(
            Request::from_json(r#"{"op": "search", "query": "预算", "per_article": 2}"#).unwrap(),
            Request::Search(SearchParams {
                per_article: Some(2),
                ..SearchParams::new("预算")
            })
        );
        let words_as_typed = Request::from_json(r#"{"query": "pasword", "typos": false}"#).unwrap();
        assert_eq!(
            words_as_typed,
            Request::Search(SearchParams {
                typos: Some(false),
                ..SearchParams::new("pasword")
            })
        );
        let Request::Search(params) = words_as_typed else {
            unreachable!()
        };
        assert!(!params.to_request().unwrap().typos);
        assert!(SearchParams::new("pasword").to_request().unwrap().typos);
        assert_eq!(
            Request::from_json(r#"{"op": "get", "id": "zh"}"#).unwrap(),
            Request::Get { id: "zh".into() }
        );
        assert_eq!(
            Request::from_json(r#"{"op": "stats"}"#).unwrap(),
            Request::Stats
        );
        assert_eq!(
            Request::from_json(r#"{"op": "suggest", "prefix": "повер", "k": 3}"#).unwrap(),
            Request::Suggest {
                prefix: "повер".into(),
                k: Some(3)
            }
        );
        // What `kbsearch serve` accepted before stays accepted: unused fields are ignored.
        assert_eq!(
            Request::from_json(r#"{"op": "get", "id": "zh", "k": 2}"#).unwrap(),
            Request::Get { id: "zh".into() }
        );
        for (line, says) in [
            ("{oops", "malformed request"),
            (r#"{"k": 3}"#, "a search needs \"query\""),
            (r#"{"query": "x", "k": 2.5}"#, "malformed request"),
            (r#"{"op": "get"}"#, "\"get\" needs \"id\""),
            (r#"{"op": "get", "id": 5}"#, "must be a string"),
            (r#"{"op": "dance"}"#, "unknown op \"dance\""),
            (r#"{"op": "suggest"}"#, "\"suggest\" needs \"prefix\""),
            (r#"{"query": "x", "limit": 2}"#, "unknown field `limit`"),
            (r#"{"query": "x", "typos": "no"}"#, "malformed request"),
        ] {
            let err = Request::from_json(line).unwrap_err();
            assert_eq!(err.kind(), "invalid_request", "{line}");
            assert!(err.to_string().contains(says), "{line}: {err}");
        }
    }

    #[test]
    fn requests_round_trip_through_json_in_every_language() {
        let requests = [
            Request::Search(SearchParams {
                k: Some(5),
                lang: Some("zh".into()),
                per_article: Some(2),
                ..SearchParams::new("客戶服務部門的預算")
            }),
            Request::Search(SearchParams::new("повернення коштів клієнтам")),
            Request::Search(SearchParams {
                lang: Some("vi".into()),
                ..SearchParams::new("đào tạo nhân viên")
            }),
            Request::Search(SearchParams::new("reset password")),
            Request::Get {
                id: "003_77c3923395a2e853".into(),
            },
            Request::Stats,
        ];
        for request in requests {
            let text = serde_json::to_string(&request).unwrap();
            assert_eq!(Request::from_json(&text).unwrap(), request, "{text}");
            assert_eq!(
                serde_json::from_str::<Request>(&text).unwrap(),
                request,
                "{text}"
            );
        }
        // Absent parameters are left out, so defaults stay the reader's.
        assert_eq!(
            serde_json::to_string(&Request::Search(SearchParams::new("đào tạo"))).unwrap(),
            r#"{"op":"search","query":"đào tạo"}"#
        );
    }

    #[test]
    fn handle_answers_search_get_stats() {
        let kb = kb();
        for (query, expected) in [
            ("dao tao nhan vien", "vi"),
            // A Simplified query finds the Traditional article through the same layer.
            ("预算管理", "zh"),
            ("повернути кошти", "uk"),
            ("how to reset a password", "en"),
        ] {
            let Response::Search(results) = kb
                .handle(&Request::Search(SearchParams::new(query)))
                .unwrap()
            else {
                panic!("not a search response")
            };
            assert_eq!(results.hits[0].article_id, expected, "{query}");
        }
        let Response::Get(stored) = kb.handle(&Request::Get { id: "zh".into() }).unwrap() else {
            panic!("not a get response")
        };
        assert_eq!(stored.title, "預算管理");
        let Response::Stats(stats) = kb.handle(&Request::Stats).unwrap() else {
            panic!("not a stats response")
        };
        assert_eq!(stats.articles, 4);
        let request = Request::Suggest {
            prefix: "预算".into(),
            k: None,
        };
        let Response::Suggest { suggestions } = kb.handle(&request).unwrap() else {
            panic!("not a suggest response")
        };
        assert_eq!(suggestions[0].text, "預算管理");
        let zero = Request::Suggest {
            prefix: "预算".into(),
            k: Some(0),
        };
        assert_eq!(kb.handle(&zero).unwrap_err().kind(), "invalid_request");
        let glossary = Request::from_json(r#"{"op": "glossary"}"#).unwrap();
        let Response::Glossary(entries) = kb.handle(&glossary).unwrap() else {
            panic!("not a glossary response")
        };
        assert!(entries.entries.is_empty());
    }

    #[test]
    fn errors_have_stable_kinds_and_not_found_names_the_id() {
        let kb = kb();
        let kind = |json: &str| kb.handle(&Request::from_json(json).unwrap()).unwrap_err();
        let missing = kind(r#"{"op": "get", "id": "missing"}"#);
        assert_eq!(missing.kind(), "not_found");
        assert_eq!(missing.to_string(), "no article with id \"missing\"");
        assert!(matches!(missing, KbError::NotFound { ref id } if id == "missing"));
        assert_eq!(kind(r#"{"query": "?!"}"#).kind(), "empty_query");
        assert_eq!(
            kind(r#"{"query": "x", "lang": "not a tag"}"#).kind(),
            "unknown_language"
        );
        assert_eq!(
            kind(r#"{"query": "x", "per_article": 0}"#).kind(),
            "invalid_request"
        );
        // Errors that come from elsewhere in the core keep their own kinds.
        let bad_article = kb.upsert(Article::new("", "t", "body")).unwrap_err();
        assert_eq!(bad_article.kind(), "invalid_article");
        let dir = tempfile::tempdir().unwrap();
        let Err(no_index) = KnowledgeBase::open_existing(dir.path().join("none")) else {
            panic!("opened an index that is not there")
        };
        assert_eq!(no_index.kind(), "no_index");
    }

    #[test]
    fn json_lines_echo_the_request_id_and_carry_error_kinds() {
        let kb = kb();
        let hit = json(&kb.handle_json(r#"{"id": "q1", "query": "повернення коштів", "k": 1}"#));
        assert_eq!(hit["id"], "q1");
        assert_eq!(hit["query"], "повернення коштів");
        assert_eq!(hit["hits"][0]["article_id"], "uk");
        assert_eq!(hit["hits"].as_array().unwrap().len(), 1);
        // The same object as `search --json` when no id is given.
        let plain = json(&kb.handle_json(r#"{"query": "đào tạo"}"#));
        assert!(plain.get("id").is_none());
        assert_eq!(plain["hits"][0]["title"], "Đào tạo nhân viên");

        let stats = json(&kb.handle_json(r#"{"op": "stats", "id": 42}"#));
        assert_eq!(
            (stats["id"].as_i64(), stats["articles"].as_u64()),
            (Some(42), Some(4))
        );
        let article = json(&kb.handle_json(r#"{"op": "get", "id": "en"}"#));
        assert_eq!(article["id"], "en");
        assert_eq!(article["title"], "Password reset");

        for (line, id, kind) in [
            ("{oops", Value::Null, "invalid_request"),
            (
                r#"{"id": 3, "op": "dance"}"#,
                Value::from(3),
                "invalid_request",
            ),
            (
                r#"{"id": "a", "query": "?!"}"#,
                Value::from("a"),
                "empty_query",
            ),
            (
                r#"{"id": 4, "query": "x", "k": 0}"#,
                Value::from(4),
                "invalid_request",
            ),
            (
                r#"{"op": "get", "id": "gone"}"#,
                Value::from("gone"),
                "not_found",
            ),
        ] {
            let reply = json(&kb.handle_json(line));
            assert_eq!(reply["kind"], kind, "{line}");
            assert_eq!(
                reply.get("id").cloned().unwrap_or(Value::Null),
                id,
                "{line}"
            );
            assert!(
                reply["error"].as_str().is_some_and(|e| !e.is_empty()),
                "{line}"
            );
        }
        assert_eq!(
            kb.handle_json(r#"{"id": 4, "query": "x", "k": 0}"#),
            r#"{"id":4,"error":"invalid request: limit must be 1..=1000, got 0","kind":"invalid_request"}"#
        );
    }
}
