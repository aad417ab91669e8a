"""Indexing the real corpus, searching it in each language, and the Hit object."""

import json
import subprocess
from pathlib import Path

import pytest

import kbsearch

HIT_KEYS = {
    "rank", "score", "article_id", "title", "lang", "heading_path", "text", "snippet", "source", "corrected"
}
# The article's facts and translations: in the dict (as in the CLI's JSON) only when present.
FACT_KEYS = {"tags", "category", "updated", "verified", "expires", "translations"}


def test_index_paths_report_then_reindex_unchanged(tmp_path, corpus):
    kb = kbsearch.KnowledgeBase(tmp_path / "index")
    report = kb.index_paths([str(corpus)])
    assert isinstance(report, kbsearch.IndexReport)
    assert (report.added, report.updated, report.unchanged) == (5, 0, 0)
    assert report.passages >= 10
    assert report.skipped == []
    assert set(report.removed) == {"chrome", "artifact", "duplicate", "trailing"}
    assert all(isinstance(n, int) for n in report.removed.values())
    assert sum(report.removed.values()) > 0  # scraped pages carry chrome to clean
    d = report.to_dict()
    assert d["added"] == 5 and d["passages"] == report.passages and d["removed"] == report.removed
    assert "added=5" in repr(report)
    assert len(kb) == 5

    again = kb.index_paths(corpus)  # a single PathLike works too
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    assert again.skipped == []
    assert len(kb) == 5
    assert kb.stats()["passages"] == report.passages


def test_reindex_writes_no_passages(kb, corpus):
    kb.index_paths([corpus])
    assert kb.index_paths([corpus]).passages == 0


def test_index_paths_reports_skipped_files(kb, tmp_path):
    report = kb.index_paths([str(tmp_path / "missing-folder")])
    assert report.added == 0
    assert len(report.skipped) == 1
    path, reason = report.skipped[0]
    assert path.endswith("missing-folder") and reason


def test_index_paths_reports_id_collisions(kb, tmp_path):
    for lang, text in [("en", "A Pod is a group of containers."), ("uk", "Pod — група контейнерів.")]:
        (tmp_path / "docs" / lang).mkdir(parents=True)
        (tmp_path / "docs" / lang / "pod.md").write_text(
            f"---\ntitle: Pod\nid: pod\n---\n{text}\n", encoding="utf-8"
        )
    report = kb.index_paths([tmp_path / "docs" / "en", tmp_path / "docs" / "uk"])
    assert report.added == 2
    [collision] = report.collisions
    assert collision["id"] == "pod" and collision["resolved"] == "uk/pod"
    assert collision["second"].endswith("pod.md") and "uk" in collision["second"]
    assert report.to_dict()["collisions"] == report.collisions
    assert kb.get("uk/pod") is not None


def test_index_paths_explain(kb, corpus):
    report = kb.index_paths([corpus], explain=True)
    assert len(report.explained) == 5
    first = report.explained[0]
    assert {"id", "title", "lang", "passages", "removed"} <= set(first)


@pytest.mark.parametrize(
    "query, expected",
    [
        ("客户服务运营经理", "000_"),  # Simplified query, Traditional article
        ("Що таке менеджер по виконанню обов’язків", "003_"),
        ("quan ly dich vu khach hang", "004_"),  # Vietnamese typed without tones
        ("客服经理 职责", "001_"),
    ],
)
def test_search_each_language_finds_the_right_article_first(indexed, query, expected):
    hits = indexed.search(query)
    assert hits, query
    assert hits[0].article_id.startswith(expected), [h.article_id for h in hits]


def test_hit_attributes_repr_and_dict(indexed):
    hits = indexed.search("客户服务运营经理", k=3)
    assert 1 <= len(hits) <= 3
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.article_id for h in hits}) == len(hits)  # one passage per article by default
    hit = hits[0]
    assert isinstance(hit, kbsearch.Hit)
    assert isinstance(hit.rank, int) and isinstance(hit.score, float) and hit.score > 0
    for name in ("article_id", "title", "lang", "text", "snippet"):
        assert isinstance(getattr(hit, name), str) and getattr(hit, name), name
    assert hit.lang == "zh-Hant"
    assert isinstance(hit.heading_path, list) and all(isinstance(h, str) for h in hit.heading_path)
    assert hit.source is None or isinstance(hit.source, str)
    assert "**" in hit.snippet  # query matches are marked

    r = repr(hit)
    assert r.startswith("<Hit 1 ") and r.endswith(">")
    assert "'000_" in r
    assert len(r) < 300

    d = hit.to_dict()
    assert HIT_KEYS <= set(d) <= HIT_KEYS | FACT_KEYS
    assert d == {k: getattr(hit, k) for k in set(d)}


def test_glossary_import_reaches_other_languages(tmp_path, corpus):
    kb = kbsearch.KnowledgeBase(tmp_path / "index")
    kb.index_paths([str(corpus)])
    assert kb.glossary() == []
    path = tmp_path / "glossary.json"
    path.write_text('[["budget management", "預算管理"], ["refund", "退款", "hoàn tiền"]]', encoding="utf-8")
    assert kb.import_glossary(path) == [["budget management", "預算管理"], ["refund", "退款", "hoàn tiền"]]
    hit = kb.search("budget management", k=1)[0]
    assert hit.heading_path[-1] == "預算管理"
    # Stored in the index folder: another handle sees it.
    assert kbsearch.KnowledgeBase(tmp_path / "index").glossary() == kb.glossary()
    path.write_text('[["refund"]]', encoding="utf-8")
    with pytest.raises(kbsearch.FormatError, match="line 1"):
        kb.import_glossary(path)


def test_suggest_titles_then_words(indexed):
    first = indexed.suggest("What is a C", k=1)
    assert first == [{"text": "What is a Customer Service Operations Manager?", "kind": "title", "passages": first[0]["passages"]}]
    words = indexed.suggest("custo")
    assert words[0]["text"] == "customer" and words[0]["kind"] == "word"
    assert indexed.suggest("x") == []
    with pytest.raises(kbsearch.InvalidRequestError):
        indexed.suggest("custo", k=0)


def test_misspelled_words_are_corrected_unless_turned_off(indexed):
    hit = indexed.search("Customer Servise Operations Managr", k=1)[0]
    assert hit.corrected == {"Managr": "manager", "Servise": "service"}
    assert "Customer Service Operations Manager" in hit.text
    assert indexed.search("Customer Servise", typos=False)[0].corrected == {}
    assert indexed.search("客服經理 績效考核", k=1)[0].corrected == {}


def test_search_language_filter_and_passages_per_article(indexed):
    zh = indexed.search("客户服务 经理", k=10, lang="zh")
    assert zh and all(h.lang in ("zh-Hans", "zh-Hant") for h in zh)
    only_hans = indexed.search("客户服务 经理", lang="zh-Hans")
    assert only_hans and {h.lang for h in only_hans} == {"zh-Hans"}

    many = indexed.search("客户服务", k=10, passages_per_article=3)
    counts = {}
    for h in many:
        counts[h.article_id] = counts.get(h.article_id, 0) + 1
    assert max(counts.values()) > 1  # several passages of one article are allowed...
    assert max(counts.values()) <= 3  # ...up to the limit
    assert len(indexed.search("客户服务", k=2)) == 2


def test_stats_and_len(indexed, tmp_path, corpus):
    stats = indexed.stats()
    assert stats["articles"] == 5 == len(indexed)
    assert stats["passages"] >= 10
    assert stats["languages"] == {"zh-Hant": 2, "zh-Hans": 1, "uk": 1, "vi": 1}
    assert stats["path"] is None and stats["index_bytes"] == 0

    on_disk = kbsearch.KnowledgeBase(tmp_path / "ix")
    assert len(on_disk) == 0
    on_disk.index_paths([corpus])
    s = on_disk.stats()
    assert s["path"] == str(tmp_path / "ix") == on_disk.path
    assert s["index_bytes"] > 0


@pytest.mark.parametrize(
    "query",
    ["客戶服務運營經理的預算管理", "менеджер з обслуговування клієнтів", "quan ly dich vu khach hang", "team lead"],
)
def test_to_dict_is_the_cli_json_hit(corpus, tmp_path, query, cli_binary):
    binary = cli_binary
    index = tmp_path / "idx"
    with kbsearch.KnowledgeBase(str(index)) as kb:
        kb.index_paths([str(corpus)])
        hits = [h.to_dict() for h in kb.search(query, k=3)]
    out = subprocess.run(
        [str(binary), "--index", str(index), "search", query, "-k", "3", "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    cli_hits = json.loads(out.stdout)["hits"]
    assert hits, query
    assert [sorted(h) for h in hits] == [sorted(h) for h in cli_hits]
    for ours, cli in zip(hits, cli_hits):
        # f32 scores: the CLI prints the shortest f32 form, Python holds the f64 widening.
        assert ours.pop("score") == pytest.approx(cli.pop("score"), rel=1e-6)
        assert ours == cli
    assert len(hits) == len(cli_hits)
