"""Type stub of the Rust extension kbsearch._kbsearch (re-exported by ``kbsearch``)."""

import os
from types import TracebackType
from typing import Any, Dict, List, Literal, Optional, Sequence, Tuple, Type, TypedDict, Union, final

__all__ = [
    "KnowledgeBase",
    "Hit",
    "IndexReport",
    "KbError",
    "LockedError",
    "NoIndexError",
    "ModelError",
    "NoVectorsError",
    "IndexVersionError",
    "CorruptIndexError",
    "FormatError",
    "KbIOError",
    "InvalidArticleError",
    "UnknownLanguageError",
    "EmptyQueryError",
    "InvalidRequestError",
    "__version__",
]

__version__: str

_PathLike = Union[str, "os.PathLike[str]"]

class _HitDictRequired(TypedDict):
    rank: int
    score: float
    article_id: str
    title: str
    lang: str
    heading_path: List[str]
    text: str
    snippet: str
    source: Optional[str]
    corrected: Dict[str, str]

class HitDict(_HitDictRequired, total=False):
    # The article's facts, present only when it has them (as in ``search --json``).
    tags: List[str]
    category: str
    updated: str
    verified: str
    expires: str
    translations: List["TranslationDict"]

class TranslationDict(TypedDict):
    lang: str
    article_id: str

class FacetCountDict(TypedDict):
    value: str
    count: int

class StaleArticleDict(TypedDict):
    article_id: str
    title: str
    updated: Optional[str]
    days: Optional[int]

class SuggestionDict(TypedDict):
    text: str
    kind: Literal["title", "word"]
    passages: int

class ArticleDict(TypedDict, total=False):
    id: str  # required
    body: str  # required
    title: Optional[str]
    lang: Optional[str]
    url: Optional[str]
    tags: Optional[List[str]]
    category: Optional[str]
    updated: Optional[str]
    verified: Optional[str]
    expires: Optional[str]
    meta: Optional[Dict[str, Union[str, List[str]]]]
    group: Optional[str]
    source: Optional[str]

@final
class Hit:
    """One answer passage returned by :meth:`KnowledgeBase.search`."""

    @property
    def rank(self) -> int: ...
    @property
    def score(self) -> float: ...
    @property
    def article_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def heading_path(self) -> List[str]: ...
    @property
    def text(self) -> str: ...
    @property
    def snippet(self) -> str:
        """The best part of the passage, query matches marked ``**…**``."""
    @property
    def source(self) -> Optional[str]: ...
    @property
    def corrected(self) -> Dict[str, str]:
        """Query words no passage holds, as typed -> the indexed word searched instead."""
    @property
    def tags(self) -> List[str]: ...
    @property
    def category(self) -> Optional[str]: ...
    @property
    def updated(self) -> Optional[str]:
        """The article's last update, YYYY-MM-DD."""
    @property
    def verified(self) -> Optional[str]: ...
    @property
    def expires(self) -> Optional[str]: ...
    @property
    def translations(self) -> List[TranslationDict]:
        """The article in other languages."""
    def to_dict(self) -> HitDict:
        """The keys of the CLI's ``kbsearch search --json`` hits."""

@final
class IndexReport:
    """What :meth:`KnowledgeBase.index_paths` did."""

    @property
    def added(self) -> int: ...
    @property
    def updated(self) -> int: ...
    @property
    def unchanged(self) -> int: ...
    @property
    def passages(self) -> int: ...
    @property
    def skipped(self) -> List[Tuple[str, str]]:
        """``(path, reason)`` of every file or record not indexed."""
    @property
    def removed(self) -> Dict[str, int]:
        """Lines removed by cleaning: keys chrome, artifact, duplicate, trailing."""
    @property
    def collisions(self) -> List[Dict[str, Any]]:
        """Two files of the run claiming one article id: ``id``, ``first`` (kept it),
        ``second``, ``resolved`` (the id the second was indexed under, or ``None``)."""
    @property
    def explained(self) -> List[Dict[str, Any]]:
        """Per-article details, filled when ``explain=True``."""
    def to_dict(self) -> Dict[str, Any]:
        """As printed by ``kbsearch index --json``."""

@final
class KnowledgeBase:
    """An embedded multilingual knowledge base, searched by answer passage.

    Thread-safe: share one object between threads; the GIL is released while indexing,
    writing, committing and searching. Writes are visible to searches after :meth:`commit`.

    As a context manager (``with kb:``): a normal exit commits and releases the writer lock;
    an exception discards the uncommitted changes (releases the writer without committing)
    and propagates.
    """

    def __new__(cls, path: _PathLike) -> "KnowledgeBase":
        """Open the on-disk index in ``path``, creating it when absent."""
    @classmethod
    def open_existing(cls, path: _PathLike) -> "KnowledgeBase":
        """Open an existing index; raises :class:`NoIndexError` when there is none."""
    @classmethod
    def reindex(cls, path: _PathLike, *, semantic: Optional[bool] = None) -> IndexReport:
        """Rebuild the index at ``path`` from the articles stored in it (after an upgrade
        made opening it raise :class:`IndexVersionError`); passages keep their vectors unless
        ``semantic`` says otherwise."""
    @classmethod
    def in_memory(cls) -> "KnowledgeBase": ...
    @property
    def path(self) -> Optional[str]: ...
    def index_paths(
        self,
        paths: Union[_PathLike, Sequence[_PathLike]],
        *,
        max_file_mb: int = 64,
        max_article_mb: int = 32,
        max_passages: int = 20_000,
        explain: bool = False,
    ) -> IndexReport:
        """Index files and folders (.txt .md .html .json .jsonl), then commit.

        Files read whole larger than ``max_file_mb`` (JSONL is streamed), articles larger
        than ``max_article_mb`` or cut into more than ``max_passages`` passages are skipped
        with a reason in :attr:`IndexReport.skipped`."""
    def upsert(
        self,
        article: Optional[ArticleDict] = None,
        /,
        *,
        id: Optional[str] = None,
        title: Optional[str] = None,
        body: Optional[str] = None,
        lang: Optional[str] = None,
        url: Optional[str] = None,
        tags: Optional[List[str]] = None,
        updated: Optional[str] = None,
        source: Optional[str] = None,
        category: Optional[str] = None,
        verified: Optional[str] = None,
        expires: Optional[str] = None,
        meta: Optional[Dict[str, Union[str, List[str]]]] = None,
        group: Optional[str] = None,
    ) -> Literal["added", "updated", "unchanged"]:
        """Add or replace an article (a dict, or keyword fields; id and body required)."""
    def delete(self, id: str) -> bool: ...
    def commit(self) -> None: ...
    def optimize(self) -> None:
        """Merge the index's segments into one (faster searches, smaller index)."""
    def release_writer(self) -> None:
        """Release the writer lock, discarding uncommitted changes."""
    def refresh(self) -> None:
        """Load commits made by other processes or handles."""
    def get(self, id: str) -> Optional[Dict[str, Any]]:
        """The committed article: {"article": {...}, "title", "lang", "fingerprint", "passages": [...]}."""
    def enable_semantic(self) -> None:
        """Give passages written from now on a vector for ``search(..., semantic=True)``;
        raises :class:`ModelError` when the model is not installed."""
    @property
    def has_vectors(self) -> bool: ...
    def stats(self) -> Dict[str, Any]:
        """{"articles", "passages", "languages": {code: n}, "removed_lines": {reason: n}, "index_bytes", "segments", "path", "vector_model"?, "vector_passages", "vector_bytes"}."""
    def search(
        self,
        query: str,
        k: int = 10,
        lang: Optional[str] = None,
        passages_per_article: int = 1,
        typos: bool = True,
        *,
        tags: Optional[List[str]] = None,
        category: Optional[str] = None,
        where: Optional[Dict[str, str]] = None,
        updated_after: Optional[str] = None,
        recency_half_life: Optional[int] = None,
        locale: Optional[str] = None,
        fallback: Optional[List[str]] = None,
        semantic: bool = False,
        answer_lang: Optional[List[str]] = None,
    ) -> List[Hit]:
        """Answer passages, best first; filters never reorder what remains."""
    def facets(
        self,
        query: str,
        keys: Optional[List[str]] = None,
        *,
        lang: Optional[str] = None,
        tags: Optional[List[str]] = None,
        category: Optional[str] = None,
        where: Optional[Dict[str, str]] = None,
        updated_after: Optional[str] = None,
    ) -> Dict[str, List[FacetCountDict]]:
        """Numbers of matching articles per value of each key (default lang, tag, category)."""
    def stale(self, days: int) -> List[StaleArticleDict]:
        """Articles not updated for ``days`` days, oldest first, then undated ones."""
    def import_glossary(self, path: _PathLike) -> List[List[str]]:
        """Import a glossary file (JSON: a list of entries, each a list of terms)."""
    def glossary(self) -> List[List[str]]: ...
    def suggest(self, prefix: str, k: int = 10) -> List[SuggestionDict]:
        """Titles that start with ``prefix``, then the prefix with its last word completed."""
    def __len__(self) -> int: ...
    def __enter__(self) -> "KnowledgeBase": ...
    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]] = None,
        exc_value: Optional[BaseException] = None,
        traceback: Optional[TracebackType] = None,
    ) -> bool: ...

class KbError(Exception):
    """Base class of every kbsearch error."""

class LockedError(KbError):
    """The index is locked by another writer."""

class NoIndexError(KbError): ...
class ModelError(KbError): ...
class NoVectorsError(KbError): ...
class IndexVersionError(KbError): ...
class CorruptIndexError(KbError): ...
class FormatError(KbError): ...
class InvalidArticleError(KbError, ValueError): ...
class UnknownLanguageError(KbError, ValueError): ...
class EmptyQueryError(KbError, ValueError): ...
class InvalidRequestError(KbError, ValueError): ...
class KbIOError(KbError, OSError): ...
