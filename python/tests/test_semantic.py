"""Semantic search from Python: an English question answered by a Vietnamese article."""

import os

import pytest

import kbsearch


def model_installed() -> bool:
    """The model is needed (the test script installs it and sets KBSEARCH_REQUIRE_MODEL)."""
    try:
        kb = kbsearch.KnowledgeBase.in_memory()
        kb.enable_semantic()
        return True
    except kbsearch.ModelError:
        if os.environ.get("KBSEARCH_REQUIRE_MODEL"):
            raise
        return False


ARTICLES = [
    ("vi-password", "vi", "Đặt lại mật khẩu",
     "Để đặt lại mật khẩu, mở trang đăng nhập và chọn Quên mật khẩu. Hệ thống sẽ gửi một liên kết đến email của bạn."),
    ("zh-refund", "zh-Hans", "退款政策", "购买后三十天内可以申请全额退款，请联系客服并提供订单号。"),
    ("uk-delivery", "uk", "Доставка", "Ми доставляємо замовлення по всій Україні протягом трьох робочих днів."),
]


def test_semantic_search_crosses_languages():
    if not model_installed():
        pytest.skip("no embedding model (kbsearch model install)")
    kb = kbsearch.KnowledgeBase.in_memory()
    kb.enable_semantic()
    assert kb.has_vectors
    for id, lang, title, body in ARTICLES:
        kb.upsert(id=id, lang=lang, title=title, body=body)
    kb.commit()
    hits = kb.search("How do I reset my password?", k=3, semantic=True)
    assert hits[0].article_id == "vi-password"
    # Without vectors the words find nothing of it (no word in common).
    assert all(h.article_id != "vi-password" for h in kb.search("How do I reset my password?", k=3))
    only_zh = kb.search("money back", semantic=True, answer_lang=["zh"])
    assert only_zh and all(h.lang == "zh-Hans" for h in only_zh)
    stats = kb.stats()
    assert stats["vector_passages"] == stats["passages"] == 3
    # 388 bytes a vector: one per passage, and one per sentence of the Vietnamese passage
    # (two sentences; the others have one, which their own vector covers).
    assert stats["vector_bytes"] == (3 + 2) * 388


def test_semantic_search_needs_vectors(kb):
    kb.upsert(id="a", title="Budget", body="The manager plans the budget.")
    kb.commit()
    assert not kb.has_vectors
    with pytest.raises(kbsearch.NoVectorsError, match="kbsearch index --semantic"):
        kb.search("budget", semantic=True)
