"""kbsearch: embedded multilingual knowledge-base search.

Index help-center articles in Simplified and Traditional Chinese, Ukrainian, Vietnamese and
English and get back *answer passages* (a section of an article with its heading path)::

    import kbsearch

    with kbsearch.KnowledgeBase("kb-index") as kb:   # commits on a normal exit
        kb.index_paths(["corpus/articles"])
        kb.upsert(id="vi-1", title="Dịch vụ khách hàng", body="Nhân viên hỗ trợ khách hàng.")
    for hit in kb.search("ho tro khach hang", k=5):
        print(hit.rank, hit.article_id, hit.heading_path, hit.snippet)

Errors are subclasses of :class:`KbError`; see the module ``kbsearch._kbsearch`` stub for
the full hierarchy.
"""

from ._kbsearch import (
    CorruptIndexError,
    EmptyQueryError,
    FormatError,
    Hit,
    IndexReport,
    IndexVersionError,
    InvalidArticleError,
    InvalidRequestError,
    KbError,
    KbIOError,
    KnowledgeBase,
    LockedError,
    ModelError,
    NoIndexError,
    NoVectorsError,
    UnknownLanguageError,
    __version__,
)

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
    "InvalidArticleError",
    "UnknownLanguageError",
    "EmptyQueryError",
    "InvalidRequestError",
    "KbIOError",
    "__version__",
]
