"""upsert / get / delete / commit and the context manager."""

import pytest

import kbsearch

BODY = "# Budget\n\nThe manager plans the quarterly budget of the support team.\n\n# Hiring\n\nThe manager interviews candidates."


def test_upsert_with_kwargs_then_commit_makes_it_searchable(kb):
    outcome = kb.upsert(id="en-1", title="What is a support manager?", body=BODY, lang="en",
                        url="https://example.com/m", tags=["finance", "team"])
    assert outcome == "added"
    assert kb.search("quarterly budget") == []  # not visible before commit
    assert len(kb) == 0
    kb.commit()
    hits = kb.search("quarterly budget")
    assert [h.article_id for h in hits] == ["en-1"]
    assert hits[0].heading_path == ["Budget"]
    assert hits[0].source == "https://example.com/m"
    assert kb.upsert(id="en-1", title="What is a support manager?", body=BODY, lang="en",
                     url="https://example.com/m", tags=["finance", "team"]) == "unchanged"
    assert kb.upsert(id="en-1", title="What is a support manager?", body=BODY + " Updated.", lang="en") == "updated"
    kb.commit()
    assert len(kb) == 1


def test_upsert_with_a_dict_and_get(kb):
    article = {"id": "vi-1", "title": "Dịch vụ khách hàng", "body": "Nhân viên hỗ trợ khách hàng qua điện thoại.",
               "lang": "vi", "tags": ["support"]}
    assert kb.upsert(article) == "added"
    assert kb.get("vi-1") is None  # committed state only
    kb.commit()
    stored = kb.get("vi-1")
    assert stored["title"] == "Dịch vụ khách hàng"
    assert stored["lang"] == "vi"
    assert stored["article"]["id"] == "vi-1"
    assert stored["article"]["body"] == article["body"]
    assert stored["article"]["tags"] == ["support"]
    assert isinstance(stored["fingerprint"], str) and stored["fingerprint"]
    assert stored["passages"] and stored["passages"][0]["text"].startswith("Nhân viên")
    assert kb.search("ho tro khach hang")[0].article_id == "vi-1"
    assert kb.get("missing") is None


def test_delete(indexed_copy):
    kb, first_id = indexed_copy
    assert kb.delete(first_id) is True
    assert kb.get(first_id) is not None  # still there until commit
    kb.commit()
    assert kb.get(first_id) is None
    assert len(kb) == 4
    assert kb.delete(first_id) is False
    assert kb.delete("never-existed") is False
    assert all(h.article_id != first_id for h in kb.search("客户服务运营经理"))


@pytest.fixture
def indexed_copy(corpus):
    kb = kbsearch.KnowledgeBase.in_memory()
    kb.index_paths([corpus])
    first_id = kb.search("客户服务运营经理")[0].article_id
    assert first_id.startswith("000_")
    return kb, first_id


def test_context_manager_commits_on_success_and_releases_the_writer(tmp_path):
    path = tmp_path / "ix"
    kb = kbsearch.KnowledgeBase(path)
    with kb as entered:
        assert entered is kb
        kb.upsert(id="a", body="The manager oversees daily operations.")
    assert len(kb) == 1
    assert kb.search("daily operations")[0].article_id == "a"
    # Committed on disk, and the writer lock is free: another handle can read and write.
    other = kbsearch.KnowledgeBase(path)
    assert other.get("a") is not None
    assert other.upsert(id="b", body="Another article about budgets.") == "added"
    other.commit()
    kb.refresh()
    assert len(kb) == 2


def test_context_manager_does_not_commit_on_exception(tmp_path):
    kb = kbsearch.KnowledgeBase(tmp_path / "ix")
    kb.upsert(id="kept", body="The manager oversees daily operations.")
    kb.commit()
    with pytest.raises(RuntimeError, match="boom"):
        with kb:
            kb.upsert(id="lost", body="Another article about budgets.")
            kb.delete("kept")
            raise RuntimeError("boom")
    kb.commit()  # nothing pending any more: the changes of the block were discarded
    assert kb.get("lost") is None
    assert kb.get("kept") is not None
    assert len(kb) == 1
    assert kbsearch.KnowledgeBase(tmp_path / "ix").get("lost") is None


def test_optimize_merges_segments(kb):
    bodies = ["Менеджер керує бюджетом команди.", "客戶服務運營經理負責監督培訓。", "Quản lý ngân sách của nhóm."]
    for n, body in enumerate(bodies):
        kb.upsert(id=f"a{n}", title="", body=body)
        kb.commit()
    assert kb.stats()["segments"] == 3
    kb.optimize()
    stats = kb.stats()
    assert (stats["segments"], stats["articles"]) == (1, 3)
    assert kb.search("培训")[0].article_id == "a1"
    assert kb.search("ngan sach")[0].article_id == "a2"
