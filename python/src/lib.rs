//! Python bindings of kbsearch: the module `kbsearch._kbsearch`, re-exported by the pure
//! Python package `kbsearch` (see `kbsearch/__init__.py` and the stub `_kbsearch.pyi`).
//!
//! Every call that indexes, writes, commits or searches runs with the GIL released
//! (`Python::detach`): arguments are first converted into Rust values, the core runs, and
//! the result is converted back once the thread is attached again. The core
//! `KnowledgeBase` is `Sync`, so one Python object can be used from many threads.

use std::collections::BTreeMap;
use std::path::PathBuf;

use kbsearch::{Article, IndexOptions, KbError as CoreError, SearchParams, UpsertOutcome};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use serde_json::Value;

// ---------------------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------------------

create_exception!(
    kbsearch,
    KbError,
    PyException,
    "Base class of every kbsearch error."
);
create_exception!(
    kbsearch,
    LockedError,
    KbError,
    "The index is locked by another writer (another process, or another KnowledgeBase handle on the same path)."
);
create_exception!(
    kbsearch,
    NoIndexError,
    KbError,
    "There is no index at this path (KnowledgeBase.open_existing)."
);
create_exception!(
    kbsearch,
    ModelError,
    KbError,
    "The embedding model of semantic search is missing or unusable (install it with `kbsearch model install`)."
);
create_exception!(
    kbsearch,
    NoVectorsError,
    KbError,
    "A semantic search on an index built without passage vectors (KnowledgeBase.enable_semantic, KnowledgeBase.reindex(path, semantic=True))."
);
create_exception!(
    kbsearch,
    IndexVersionError,
    KbError,
    "The index was written by an incompatible kbsearch version: rebuild it."
);
create_exception!(
    kbsearch,
    CorruptIndexError,
    KbError,
    "The index files are unreadable or inconsistent."
);
create_exception!(
    kbsearch,
    FormatError,
    KbError,
    "A file (or one record of it) could not be parsed."
);

/// Exception types with two bases (a kbsearch one and a builtin one). `create_exception!`
/// takes a single base, so these are made with `type(name, bases, dict)` on first use.
struct DualExceptions {
    kb_io: Py<PyType>,
    invalid_article: Py<PyType>,
    unknown_language: Py<PyType>,
    empty_query: Py<PyType>,
    invalid_request: Py<PyType>,
}

static DUAL: PyOnceLock<DualExceptions> = PyOnceLock::new();

fn dual(py: Python<'_>) -> PyResult<&'static DualExceptions> {
    DUAL.get_or_try_init(py, || {
        let make = |name: &str, builtin: Bound<'_, PyType>, doc: &str| -> PyResult<Py<PyType>> {
            let bases = PyTuple::new(py, [py.get_type::<KbError>(), builtin])?;
            let dict = PyDict::new(py);
            dict.set_item("__module__", "kbsearch")?;
            dict.set_item("__doc__", doc)?;
            let ty = py.get_type::<PyType>().call1((name, bases, dict))?;
            Ok(ty.cast_into::<PyType>()?.unbind())
        };
        Ok::<_, PyErr>(DualExceptions {
            kb_io: make(
                "KbIOError",
                py.get_type::<PyOSError>(),
                "Reading or writing a file or folder failed (also an OSError; errno is set when known).",
            )?,
            invalid_article: make(
                "InvalidArticleError",
                py.get_type::<PyValueError>(),
                "An article failed validation (empty id or body, unknown lang, ...). Also a ValueError.",
            )?,
            unknown_language: make(
                "UnknownLanguageError",
                py.get_type::<PyValueError>(),
                "A language code kbsearch does not support. Also a ValueError.",
            )?,
            empty_query: make(
                "EmptyQueryError",
                py.get_type::<PyValueError>(),
                "The query has no searchable words (empty, punctuation or stop words only). Also a ValueError.",
            )?,
            invalid_request: make(
                "InvalidRequestError",
                py.get_type::<PyValueError>(),
                "A search parameter is out of range (k must be 1..=1000, passages_per_article at least 1). Also a ValueError.",
            )?,
        })
    })
}

/// The exception class of each error kind (`KbError::kind()`, the `kind` of `kbsearch
/// serve` errors); kinds without a class of their own (`engine`, `not_found`, and any kind
/// added later) raise the base class.
fn exception_type<'py>(py: Python<'py>, kind: &str) -> PyResult<Bound<'py, PyType>> {
    let dual_type = |pick: fn(&DualExceptions) -> &Py<PyType>| -> PyResult<Bound<'py, PyType>> {
        Ok(pick(dual(py)?).bind(py).clone())
    };
    match kind {
        "io" => dual_type(|d| &d.kb_io),
        "format" => Ok(py.get_type::<FormatError>()),
        "locked" => Ok(py.get_type::<LockedError>()),
        "no_index" => Ok(py.get_type::<NoIndexError>()),
        "model" => Ok(py.get_type::<ModelError>()),
        "no_vectors" => Ok(py.get_type::<NoVectorsError>()),
        "index_version" => Ok(py.get_type::<IndexVersionError>()),
        "corrupt_index" => Ok(py.get_type::<CorruptIndexError>()),
        "invalid_article" => dual_type(|d| &d.invalid_article),
        "unknown_language" => dual_type(|d| &d.unknown_language),
        "empty_query" => dual_type(|d| &d.empty_query),
        "invalid_request" => dual_type(|d| &d.invalid_request),
        _ => Ok(py.get_type::<KbError>()),
    }
}

/// Convert a core error into the Python exception of its kind; the message is the core's
/// `Display`.
fn to_py_err(py: Python<'_>, error: CoreError) -> PyErr {
    let err = match exception_type(py, error.kind()) {
        Ok(ty) => PyErr::from_type(ty, error.to_string()),
        Err(e) => return e,
    };
    if let CoreError::Io { source, .. } = &error {
        // Only `errno`: with `strerror` or `filename` set too, OSError.__str__ would print
        // "[Errno n] ..." instead of the core's message (which names the path already).
        let _ = err.value(py).setattr("errno", source.raw_os_error());
    }
    err
}

/// `Result<T, CoreError>` → `PyResult<T>`.
trait IntoPyResult<T> {
    fn py_err(self, py: Python<'_>) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for Result<T, CoreError> {
    fn py_err(self, py: Python<'_>) -> PyResult<T> {
        self.map_err(|e| to_py_err(py, e))
    }
}

// ---------------------------------------------------------------------------------------
// JSON values → Python objects
// ---------------------------------------------------------------------------------------

fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_u64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

fn serialize_to_py<'py, T: serde::Serialize>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_value(value)
        .map_err(|e| KbError::new_err(format!("cannot convert to Python: {e}")))?;
    json_to_py(py, &json)
}

/// An `f32` score as the `f64` with the same shortest decimal form (0.87, not
/// 0.8700000047683716), so Python shows what the CLI's JSON prints.
fn score_f64(score: f32) -> f64 {
    format!("{score}").parse().unwrap_or(score as f64)
}

/// A Python-style single-quoted repr of `s`, cut to `max` characters with an ellipsis.
fn short_repr(s: &str, max: usize) -> String {
    let mut cut: String = s.chars().take(max).collect();
    if s.chars().count() > max {
        cut.push('…');
    }
    // Like Python's repr: single quotes, or double quotes when only single ones occur.
    let quote = if cut.contains('\'') && !cut.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(cut.len() + 2);
    out.push(quote);
    for c in cut.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

// ---------------------------------------------------------------------------------------
// Hit
// ---------------------------------------------------------------------------------------

/// One answer passage returned by `KnowledgeBase.search`.
#[pyclass(module = "kbsearch", frozen, name = "Hit")]
struct Hit {
    hit: kbsearch::Hit,
}

#[pymethods]
impl Hit {
    /// 1-based rank.
    #[getter]
    fn rank(&self) -> usize {
        self.hit.rank
    }
    /// Relevance score (higher is better; comparable within one search only).
    #[getter]
    fn score(&self) -> f64 {
        score_f64(self.hit.score)
    }
    #[getter]
    fn article_id(&self) -> &str {
        &self.hit.article_id
    }
    #[getter]
    fn title(&self) -> &str {
        &self.hit.title
    }
    /// The article's language code (zh-Hans, zh-Hant, uk, vi, en).
    #[getter]
    fn lang(&self) -> &str {
        &self.hit.lang
    }
    /// Headings above the passage, outermost first.
    #[getter]
    fn heading_path(&self) -> Vec<String> {
        self.hit.heading_path.clone()
    }
    /// The whole passage.
    #[getter]
    fn text(&self) -> &str {
        &self.hit.text
    }
    /// The best part of the passage, query matches marked `**…**`.
    #[getter]
    fn snippet(&self) -> &str {
        &self.hit.snippet
    }
    /// The article's URL, or the file it was read from (None if neither).
    #[getter]
    fn source(&self) -> Option<&str> {
        self.hit.source.as_deref()
    }

    /// The query's words that no passage holds, as typed → the indexed word searched
    /// instead (empty when none was corrected).
    #[getter]
    fn corrected(&self) -> BTreeMap<String, String> {
        self.hit.corrected.clone()
    }

    /// The article's tags.
    #[getter]
    fn tags(&self) -> Vec<String> {
        self.hit.facts.tags.clone()
    }
    /// The article's category (None if it has none).
    #[getter]
    fn category(&self) -> Option<&str> {
        self.hit.facts.category.as_deref()
    }
    /// The article's last update, YYYY-MM-DD (None if unknown).
    #[getter]
    fn updated(&self) -> Option<&str> {
        self.hit.facts.updated.as_deref()
    }
    /// When the article was last checked to be right, YYYY-MM-DD (None if not declared).
    #[getter]
    fn verified(&self) -> Option<&str> {
        self.hit.facts.verified.as_deref()
    }
    /// When the article stops being valid, YYYY-MM-DD (None if not declared).
    #[getter]
    fn expires(&self) -> Option<&str> {
        self.hit.facts.expires.as_deref()
    }

    /// The article in other languages: a list of dicts `{lang, article_id}`.
    #[getter]
    fn translations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.hit.translations)
    }

    /// The hit as a dict with the keys of the CLI's `search --json` hits.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let h = &self.hit;
        let dict = PyDict::new(py);
        dict.set_item("rank", h.rank)?;
        dict.set_item("score", score_f64(h.score))?;
        dict.set_item("article_id", &h.article_id)?;
        dict.set_item("title", &h.title)?;
        dict.set_item("lang", &h.lang)?;
        dict.set_item("heading_path", h.heading_path.clone())?;
        dict.set_item("text", &h.text)?;
        dict.set_item("snippet", &h.snippet)?;
        dict.set_item("source", h.source.as_deref())?;
        dict.set_item("corrected", h.corrected.clone())?;
        if !h.translations.is_empty() {
            dict.set_item("translations", serialize_to_py(py, &h.translations)?)?;
        }
        // As in JSON, the article's facts appear only when it has them.
        let facts = &h.facts;
        if !facts.tags.is_empty() {
            dict.set_item("tags", facts.tags.clone())?;
        }
        for (key, value) in [
            ("category", &facts.category),
            ("updated", &facts.updated),
            ("verified", &facts.verified),
            ("expires", &facts.expires),
        ] {
            if let Some(value) = value {
                dict.set_item(key, value)?;
            }
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        let h = &self.hit;
        let headings: Vec<String> = h.heading_path.iter().map(|s| short_repr(s, 30)).collect();
        format!(
            "<Hit {} {:.2} {} [{}] {}>",
            h.rank,
            h.score,
            short_repr(&h.article_id, 24),
            headings.join(", "),
            short_repr(&h.snippet, 60)
        )
    }
}

// ---------------------------------------------------------------------------------------
// IndexReport
// ---------------------------------------------------------------------------------------

/// What `KnowledgeBase.index_paths` did.
#[pyclass(module = "kbsearch", frozen, name = "IndexReport")]
struct IndexReport {
    report: kbsearch::IndexReport,
}

#[pymethods]
impl IndexReport {
    /// Articles new to the index.
    #[getter]
    fn added(&self) -> usize {
        self.report.added
    }
    /// Articles whose content changed.
    #[getter]
    fn updated(&self) -> usize {
        self.report.updated
    }
    /// Articles already indexed with identical content.
    #[getter]
    fn unchanged(&self) -> usize {
        self.report.unchanged
    }
    /// Passages written (added and updated articles).
    #[getter]
    fn passages(&self) -> usize {
        self.report.passages
    }
    /// Files and records not indexed: a list of `(path, reason)` tuples.
    #[getter]
    fn skipped(&self) -> Vec<(String, String)> {
        self.report
            .skipped
            .iter()
            .map(|s| (s.path.clone(), s.reason.clone()))
            .collect()
    }
    /// Lines removed by cleaning, per reason: `{"chrome", "artifact", "duplicate", "trailing"}`.
    #[getter]
    fn removed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.report.removed)
    }
    /// Files of the run that claimed an id another file had claimed first: a list of dicts
    /// `{"id", "first", "second", "resolved"}` (`resolved` is the id the second was indexed
    /// under, `None` when it was skipped).
    #[getter]
    fn collisions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.report.collisions)
    }
    /// Per-article details (a list of dicts), filled when `index_paths(..., explain=True)`.
    #[getter]
    fn explained<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.report.explained)
    }

    /// The report as a dict, as printed by `kbsearch index --json`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        serialize_to_py(py, &self.report)
    }

    fn __repr__(&self) -> String {
        let r = &self.report;
        format!(
            "<IndexReport added={} updated={} unchanged={} passages={} skipped={}>",
            r.added,
            r.updated,
            r.unchanged,
            r.passages,
            r.skipped.len()
        )
    }
}

// ---------------------------------------------------------------------------------------
// KnowledgeBase
// ---------------------------------------------------------------------------------------

/// Fields accepted for an article, in kwargs and in a dict.
const ARTICLE_KEYS: [&str; 13] = [
    "id", "title", "body", "lang", "url", "tags", "category", "updated", "verified", "expires",
    "meta", "group", "source",
];

fn type_error(message: String) -> PyErr {
    PyTypeError::new_err(message)
}

fn extract_field<'py, T: for<'a> FromPyObject<'a, 'py>>(
    value: &Bound<'py, PyAny>,
    key: &str,
) -> PyResult<T> {
    value.extract::<T>().map_err(|_| {
        let found = value
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        let wanted = match key {
            "tags" => "a list of str",
            "lang" | "url" | "updated" | "source" => "str or None",
            _ => "str",
        };
        type_error(format!(
            "article field {key:?} must be {wanted}, not {found}"
        ))
    })
}

/// Build an article from a dict (keys as in `ARTICLE_KEYS`).
fn article_from_dict(dict: &Bound<'_, PyDict>) -> PyResult<Article> {
    let mut article = Article::default();
    let mut has_id = false;
    let mut has_body = false;
    for (key, value) in dict.iter() {
        let key: String = key
            .extract()
            .map_err(|_| type_error("article dict keys must be str".into()))?;
        match key.as_str() {
            "id" => {
                article.id = extract_field(&value, "id")?;
                has_id = true;
            }
            "title" => {
                article.title =
                    extract_field::<Option<String>>(&value, "title")?.unwrap_or_default()
            }
            "body" => {
                article.body = extract_field(&value, "body")?;
                has_body = true;
            }
            "lang" => article.lang = extract_field(&value, "lang")?,
            "url" => article.url = extract_field(&value, "url")?,
            "tags" => article.tags = extract_tags(&value)?,
            "category" => article.category = extract_field(&value, "category")?,
            "updated" => article.updated = extract_field(&value, "updated")?,
            "verified" => article.verified = extract_field(&value, "verified")?,
            "expires" => article.expires = extract_field(&value, "expires")?,
            "meta" => article.meta = extract_meta(&value)?,
            "group" => article.group = extract_field(&value, "group")?,
            "source" => article.source = extract_field(&value, "source")?,
            other => {
                return Err(type_error(format!(
                    "unknown article field {other:?} (expected one of {})",
                    ARTICLE_KEYS.join(", ")
                )));
            }
        }
    }
    if !has_id {
        return Err(type_error("the article dict has no \"id\"".into()));
    }
    if !has_body {
        return Err(type_error("the article dict has no \"body\"".into()));
    }
    Ok(article)
}

fn extract_tags(value: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if value.is_none() {
        return Ok(Vec::new());
    }
    // A str is a sequence of characters: refuse it rather than indexing tags "a", "b", ...
    if value.is_instance_of::<PyString>() {
        return Err(type_error(
            "article field \"tags\" must be a list of str, not str".into(),
        ));
    }
    extract_field(value, "tags")
}

/// `meta`: a dict of str keys to a str or a list of str (None = none).
fn extract_meta(value: &Bound<'_, PyAny>) -> PyResult<BTreeMap<String, Vec<String>>> {
    if value.is_none() {
        return Ok(BTreeMap::new());
    }
    let dict = value
        .cast::<PyDict>()
        .map_err(|_| type_error("article field \"meta\" must be a dict".into()))?;
    let mut meta = BTreeMap::new();
    for (key, values) in dict.iter() {
        let key: String = key
            .extract()
            .map_err(|_| type_error("\"meta\" keys must be str".into()))?;
        let values = if values.is_instance_of::<PyString>() {
            vec![values.extract::<String>()?]
        } else {
            values
                .extract::<Vec<String>>()
                .map_err(|_| type_error(format!("meta[{key:?}] must be a str or a list of str")))?
        };
        meta.insert(key.to_lowercase(), values);
    }
    Ok(meta)
}

/// Paths for `index_paths`: one path (str or os.PathLike) or a sequence of them.
fn extract_paths(paths: &Bound<'_, PyAny>) -> PyResult<Vec<PathBuf>> {
    if let Ok(one) = paths.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    paths
        .extract::<Vec<PathBuf>>()
        .map_err(|_| type_error("paths must be a str or os.PathLike, or a list of them".into()))
}

fn outcome_name(outcome: UpsertOutcome) -> &'static str {
    match outcome {
        UpsertOutcome::Added => "added",
        UpsertOutcome::Updated => "updated",
        UpsertOutcome::Unchanged => "unchanged",
    }
}

/// An embedded, multilingual knowledge base of help articles, searched by answer passage.
///
/// `KnowledgeBase(path)` opens the on-disk index in `path`, creating it when absent;
/// `KnowledgeBase.in_memory()` makes a temporary one. Writes (`upsert`, `delete`,
/// `index_paths`) become visible to searches after `commit()` (`index_paths` commits
/// itself). One object may be shared by many threads; the GIL is released while indexing,
/// writing, committing and searching.
///
/// As a context manager, a `with kb:` block is a transaction: on a normal exit the changes
/// are committed and the writer lock released; when the block raises, the uncommitted
/// changes are discarded (the writer lock is released without committing) and the
/// exception propagates.
#[pyclass(module = "kbsearch", frozen, name = "KnowledgeBase")]
struct KnowledgeBase {
    kb: kbsearch::KnowledgeBase,
    path: Option<PathBuf>,
}

#[pymethods]
impl KnowledgeBase {
    /// Open the on-disk knowledge base in `path`, creating it when absent.
    #[new]
    fn new(py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let kb = py
            .detach(|| kbsearch::KnowledgeBase::open(&path))
            .py_err(py)?;
        Ok(KnowledgeBase {
            kb,
            path: Some(path),
        })
    }

    /// Open an existing on-disk knowledge base; raises NoIndexError when there is none.
    #[classmethod]
    fn open_existing(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        let kb = py
            .detach(|| kbsearch::KnowledgeBase::open_existing(&path))
            .py_err(py)?;
        Ok(KnowledgeBase {
            kb,
            path: Some(path),
        })
    }

    /// Rebuild the index at `path` from the articles stored in it (after an upgrade changed
    /// the index format: opening it raised IndexVersionError); returns the IndexReport.
    /// Passages keep their vectors unless `semantic` says otherwise (True adds them).
    #[classmethod]
    #[pyo3(signature = (path, *, semantic = None))]
    fn reindex(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        path: PathBuf,
        semantic: Option<bool>,
    ) -> PyResult<IndexReport> {
        let report = py
            .detach(|| match semantic {
                Some(on) => kbsearch::KnowledgeBase::reindex_with_vectors(&path, on),
                None => kbsearch::KnowledgeBase::reindex(&path),
            })
            .py_err(py)?;
        Ok(IndexReport { report })
    }

    /// A knowledge base in memory (for tests and short-lived tools).
    #[classmethod]
    fn in_memory(_cls: &Bound<'_, PyType>, py: Python<'_>) -> PyResult<Self> {
        let kb = kbsearch::KnowledgeBase::in_memory().py_err(py)?;
        Ok(KnowledgeBase { kb, path: None })
    }

    /// The index folder (None in memory).
    #[getter]
    fn path(&self) -> Option<String> {
        self.path.as_ref().map(|p| p.display().to_string())
    }

    /// Index files and folders (recursively): .txt, .md, .html, .json, .jsonl; then commit.
    #[pyo3(signature = (paths, *, max_file_mb = 64, max_article_mb = 32, max_passages = 20_000, explain = false))]
    fn index_paths(
        &self,
        py: Python<'_>,
        paths: &Bound<'_, PyAny>,
        max_file_mb: u64,
        max_article_mb: usize,
        max_passages: usize,
        explain: bool,
    ) -> PyResult<IndexReport> {
        let paths = extract_paths(paths)?;
        let options = IndexOptions {
            max_file_bytes: max_file_mb.saturating_mul(1024 * 1024),
            max_article_bytes: max_article_mb.saturating_mul(1024 * 1024),
            max_passages,
            explain,
        };
        let kb = &self.kb;
        let report = py
            .detach(|| kb.index_paths(&paths, &options, &mut |_, _| {}))
            .py_err(py)?;
        Ok(IndexReport { report })
    }

    /// Add or replace an article; returns "added", "updated" or "unchanged".
    ///
    /// Either `upsert({"id": ..., "body": ..., ...})` or `upsert(id=..., body=..., ...)`.
    #[pyo3(signature = (article = None, /, *, id = None, title = None, body = None, lang = None, url = None, tags = None, updated = None, source = None, category = None, verified = None, expires = None, meta = None, group = None))]
    #[allow(clippy::too_many_arguments)]
    fn upsert(
        &self,
        py: Python<'_>,
        article: Option<&Bound<'_, PyAny>>,
        id: Option<String>,
        title: Option<String>,
        body: Option<String>,
        lang: Option<String>,
        url: Option<String>,
        tags: Option<&Bound<'_, PyAny>>,
        updated: Option<String>,
        source: Option<String>,
        category: Option<String>,
        verified: Option<String>,
        expires: Option<String>,
        meta: Option<&Bound<'_, PyAny>>,
        group: Option<String>,
    ) -> PyResult<&'static str> {
        let any_kwarg = id.is_some()
            || title.is_some()
            || body.is_some()
            || lang.is_some()
            || url.is_some()
            || tags.is_some()
            || updated.is_some()
            || source.is_some()
            || category.is_some()
            || verified.is_some()
            || expires.is_some()
            || meta.is_some()
            || group.is_some();
        let article = match article {
            Some(obj) => {
                if any_kwarg {
                    return Err(type_error(
                        "upsert() takes an article dict or keyword fields, not both".into(),
                    ));
                }
                let dict = obj.cast::<PyDict>().map_err(|_| {
                    let found = obj
                        .get_type()
                        .name()
                        .map(|n| n.to_string())
                        .unwrap_or_else(|_| "?".into());
                    type_error(format!("upsert() takes a dict, not {found}"))
                })?;
                article_from_dict(dict)?
            }
            None => {
                let id = id.ok_or_else(|| {
                    type_error("upsert() missing required keyword argument: 'id'".into())
                })?;
                let body = body.ok_or_else(|| {
                    type_error("upsert() missing required keyword argument: 'body'".into())
                })?;
                Article {
                    id,
                    title: title.unwrap_or_default(),
                    body,
                    lang,
                    url,
                    tags: match tags {
                        Some(t) => extract_tags(t)?,
                        None => Vec::new(),
                    },
                    updated,
                    source,
                    category,
                    verified,
                    expires,
                    meta: match meta {
                        Some(m) => extract_meta(m)?,
                        None => BTreeMap::new(),
                    },
                    group,
                    ..Article::default()
                }
            }
        };
        let kb = &self.kb;
        let outcome = py.detach(|| kb.upsert(article)).py_err(py)?;
        Ok(outcome_name(outcome))
    }

    /// Delete an article (visible after commit). Returns whether it existed.
    fn delete(&self, py: Python<'_>, id: String) -> PyResult<bool> {
        let kb = &self.kb;
        py.detach(|| kb.delete(&id)).py_err(py)
    }

    /// Make every change since the last commit durable and visible, atomically.
    fn commit(&self, py: Python<'_>) -> PyResult<()> {
        let kb = &self.kb;
        py.detach(|| kb.commit()).py_err(py)
    }

    /// Merge the index's segments into one: faster searches, a smaller index; rewrites the
    /// index (``index_paths`` does it by itself after writing a large part of it).
    fn optimize(&self, py: Python<'_>) -> PyResult<()> {
        let kb = &self.kb;
        py.detach(|| kb.optimize()).py_err(py)
    }

    /// Release the writer lock so another process can write; uncommitted changes are
    /// discarded. The lock is taken again by the next write.
    fn release_writer(&self, py: Python<'_>) {
        let kb = &self.kb;
        py.detach(|| kb.release_writer());
    }

    /// Load commits made by other processes (or handles) since this one opened or refreshed.
    fn refresh(&self, py: Python<'_>) -> PyResult<()> {
        let kb = &self.kb;
        py.detach(|| kb.refresh()).py_err(py)
    }

    /// A committed article with its passages, as a dict (None when absent).
    fn get<'py>(&self, py: Python<'py>, id: String) -> PyResult<Option<Bound<'py, PyAny>>> {
        let kb = &self.kb;
        let stored = py.detach(|| kb.get(&id)).py_err(py)?;
        stored.map(|s| serialize_to_py(py, &s)).transpose()
    }

    /// Give every passage written from now on a vector for `search(..., semantic=True)`
    /// (recorded in the index); raises ModelError when the model is not installed.
    fn enable_semantic(&self, py: Python<'_>) -> PyResult<()> {
        let kb = &self.kb;
        py.detach(|| kb.enable_semantic()).py_err(py)
    }

    /// Whether passages get vectors for semantic search.
    #[getter]
    fn has_vectors(&self) -> bool {
        self.kb.has_vectors()
    }

    /// Counts of the committed index, as a dict.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let kb = &self.kb;
        let stats = py.detach(|| kb.stats()).py_err(py)?;
        serialize_to_py(py, &stats)
    }

    /// Search the committed articles; returns answer passages (Hit), best first. Filters:
    /// `tags` (all must hold), `category`, `where` (metadata key → value), `updated_after`
    /// (YYYY-MM-DD); `recency_half_life` (days) lifts recently updated articles; `semantic`
    /// also ranks by meaning (an index with vectors), `answer_lang` keeps answers in those
    /// languages.
    #[pyo3(signature = (query, k = 10, lang = None, passages_per_article = 1, typos = true, *, tags = None, category = None, r#where = None, updated_after = None, recency_half_life = None, locale = None, fallback = None, semantic = false, answer_lang = None))]
    #[allow(clippy::too_many_arguments)]
    fn search(
        &self,
        py: Python<'_>,
        query: String,
        k: i64,
        lang: Option<String>,
        passages_per_article: i64,
        typos: bool,
        tags: Option<Vec<String>>,
        category: Option<String>,
        r#where: Option<BTreeMap<String, String>>,
        updated_after: Option<String>,
        recency_half_life: Option<i64>,
        locale: Option<String>,
        fallback: Option<Vec<String>>,
        semantic: bool,
        answer_lang: Option<Vec<String>>,
    ) -> PyResult<Vec<Hit>> {
        // Defaults and ranges are the core's (SearchParams): out-of-range numbers, negative
        // ones included, raise InvalidRequestError (a ValueError), as in the CLI and serve.
        let mut params = SearchParams::new(query);
        params.k = Some(k);
        params.lang = lang;
        params.per_article = Some(passages_per_article);
        params.typos = Some(typos);
        params.tags = tags.unwrap_or_default();
        params.category = category;
        params.where_ = r#where.unwrap_or_default();
        params.updated_after = updated_after;
        params.recency_half_life = recency_half_life;
        params.locale = locale;
        params.fallback = fallback.unwrap_or_default();
        params.semantic = Some(semantic);
        params.answer_lang = answer_lang.unwrap_or_default();
        let request = params.to_request().py_err(py)?;
        let kb = &self.kb;
        let results = py.detach(|| kb.search(&request)).py_err(py)?;
        Ok(results.hits.into_iter().map(|hit| Hit { hit }).collect())
    }

    /// Facet counts of the articles a query matches (with the same filters as `search`):
    /// `{key: [{"value": ..., "count": n}, ...]}`, most frequent first; `keys` defaults to
    /// lang, tag and category.
    #[pyo3(signature = (query, keys = None, *, lang = None, tags = None, category = None, r#where = None, updated_after = None))]
    #[allow(clippy::too_many_arguments)]
    fn facets<'py>(
        &self,
        py: Python<'py>,
        query: String,
        keys: Option<Vec<String>>,
        lang: Option<String>,
        tags: Option<Vec<String>>,
        category: Option<String>,
        r#where: Option<BTreeMap<String, String>>,
        updated_after: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut params = SearchParams::new(query);
        params.lang = lang;
        params.tags = tags.unwrap_or_default();
        params.category = category;
        params.where_ = r#where.unwrap_or_default();
        params.updated_after = updated_after;
        params.facets = Some(match keys {
            None => kbsearch::FacetsParam::Default(true),
            Some(keys) => kbsearch::FacetsParam::Keys(keys),
        });
        let request = params.to_request().py_err(py)?;
        let kb = &self.kb;
        let results = py.detach(|| kb.search(&request)).py_err(py)?;
        serialize_to_py(py, &results.facets)
    }

    /// Articles not updated for `days` days, oldest first, then those with no date: a list
    /// of dicts `{article_id, title, updated, days}`.
    fn stale<'py>(&self, py: Python<'py>, days: u32) -> PyResult<Bound<'py, PyAny>> {
        let kb = &self.kb;
        let stale = py.detach(|| kb.stale(days)).py_err(py)?;
        serialize_to_py(py, &stale)
    }

    /// Completions of what a user is typing: titles that start with `prefix`, then the
    /// prefix with its last word completed; a list of dicts `{text, kind, passages}`.
    #[pyo3(signature = (prefix, k = 10))]
    fn suggest<'py>(&self, py: Python<'py>, prefix: String, k: i64) -> PyResult<Bound<'py, PyAny>> {
        let request = kbsearch::Request::Suggest { prefix, k: Some(k) };
        let kb = &self.kb;
        let response = py.detach(|| kb.handle(&request)).py_err(py)?;
        match response {
            kbsearch::Response::Suggest { suggestions } => serialize_to_py(py, &suggestions),
            _ => unreachable!("a suggest request is answered with suggestions"),
        }
    }

    /// Import a glossary file (a JSON array of entries, each a list of terms that mean the
    /// same), replacing the one in the index; returns its entries.
    fn import_glossary<'py>(&self, py: Python<'py>, path: PathBuf) -> PyResult<Bound<'py, PyAny>> {
        let kb = &self.kb;
        let glossary = py.detach(|| kb.import_glossary(&path)).py_err(py)?;
        serialize_to_py(py, &*glossary)
    }

    /// The glossary applied to queries: a list of entries, each a list of terms.
    fn glossary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let kb = &self.kb;
        let glossary = py.detach(|| kb.glossary()).py_err(py)?;
        serialize_to_py(py, &*glossary)
    }

    /// Number of committed articles.
    fn __len__(&self, py: Python<'_>) -> PyResult<usize> {
        let kb = &self.kb;
        let stats = py.detach(|| kb.stats()).py_err(py)?;
        Ok(stats.articles as usize)
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    /// Commit (and release the writer lock) on a normal exit; on an exception, discard the
    /// uncommitted changes (release the writer without committing). Never suppresses the
    /// exception.
    #[pyo3(signature = (exc_type = None, _exc_value = None, _traceback = None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        exc_type: Option<&Bound<'_, PyAny>>,
        _exc_value: Option<&Bound<'_, PyAny>>,
        _traceback: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let kb = &self.kb;
        let failed = exc_type.is_some_and(|t| !t.is_none());
        if failed {
            py.detach(|| kb.release_writer());
        } else {
            py.detach(|| {
                kb.commit()?;
                kb.release_writer();
                Ok(())
            })
            .py_err(py)?;
        }
        Ok(false)
    }

    fn __repr__(&self) -> String {
        match &self.path {
            Some(p) => format!(
                "<KnowledgeBase {}>",
                short_repr(&p.display().to_string(), 200)
            ),
            None => "<KnowledgeBase in memory>".to_string(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Module
// ---------------------------------------------------------------------------------------

#[pymodule]
fn _kbsearch(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<KnowledgeBase>()?;
    m.add_class::<Hit>()?;
    m.add_class::<IndexReport>()?;
    m.add("KbError", py.get_type::<KbError>())?;
    m.add("LockedError", py.get_type::<LockedError>())?;
    m.add("NoIndexError", py.get_type::<NoIndexError>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("NoVectorsError", py.get_type::<NoVectorsError>())?;
    m.add("IndexVersionError", py.get_type::<IndexVersionError>())?;
    m.add("CorruptIndexError", py.get_type::<CorruptIndexError>())?;
    m.add("FormatError", py.get_type::<FormatError>())?;
    let d = dual(py)?;
    m.add("KbIOError", d.kb_io.bind(py))?;
    m.add("InvalidArticleError", d.invalid_article.bind(py))?;
    m.add("UnknownLanguageError", d.unknown_language.bind(py))?;
    m.add("EmptyQueryError", d.empty_query.bind(py))?;
    m.add("InvalidRequestError", d.invalid_request.bind(py))?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
