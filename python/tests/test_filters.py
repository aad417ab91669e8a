"""Filters, facets and freshness from Python: the same behaviour as the CLI and serve."""

import json
import subprocess

import pytest

import kbsearch


@pytest.fixture
def help_center(kb):
    kb.upsert(
        id="refund-uk",
        title="Повернення коштів",
        body="Повернення коштів на картку триває п’ять робочих днів.",
        lang="uk",
        tags=["billing", "cards"],
        category="Оплата",
        updated="2026-10-01",
        verified="2026-11-01",
        meta={"product": "wallet"},
    )
    kb.upsert(
        {
            "id": "refund-vi",
            "title": "Hoàn tiền",
            "body": "Tiền hoàn về thẻ của bạn trong năm ngày làm việc.",
            "lang": "vi",
            "tags": ["billing"],
            "category": "Thanh toán",
            "updated": "2023-02-01",
            "meta": {"product": ["wallet", "shop"]},
        }
    )
    kb.upsert(
        id="refund-zh",
        title="退款",
        body="退款會在五個工作天內退回您的信用卡。",
        lang="zh-Hant",
        tags=["帳單"],
    )
    kb.commit()
    return kb


QUERY = "退款 повернення hoàn tiền"


def ids(hits):
    return sorted(h.article_id for h in hits)


def test_filters_narrow_without_reordering(help_center):
    everything = help_center.search(QUERY)
    assert ids(everything) == ["refund-uk", "refund-vi", "refund-zh"]
    billing = help_center.search(QUERY, tags=["BILLING"])
    assert [h.article_id for h in billing] == [
        h.article_id for h in everything if h.article_id != "refund-zh"
    ]
    assert ids(help_center.search(QUERY, tags=["帐单"])) == ["refund-zh"]
    assert ids(help_center.search(QUERY, category="thanh toan")) == ["refund-vi"]
    assert ids(help_center.search(QUERY, where={"product": "shop"})) == ["refund-vi"]
    assert ids(help_center.search(QUERY, updated_after="2026-01-01")) == ["refund-uk"]


def test_hits_carry_the_articles_facts(help_center):
    hit = help_center.search("повернення коштів", k=1)[0]
    assert (hit.tags, hit.category, hit.updated, hit.verified, hit.expires) == (
        ["billing", "cards"],
        "Оплата",
        "2026-10-01",
        "2026-11-01",
        None,
    )
    d = hit.to_dict()
    assert d["tags"] == ["billing", "cards"] and d["verified"] == "2026-11-01"
    assert "expires" not in d
    zh = help_center.search("退款", k=1)[0].to_dict()
    assert "updated" not in zh and zh["tags"] == ["帳單"]


def test_facets_and_stale(help_center):
    facets = help_center.facets(QUERY)
    assert set(facets) == {"lang", "tag", "category"}
    assert facets["tag"][0] == {"value": "billing", "count": 2}
    assert {f["value"] for f in facets["lang"]} == {"uk", "vi", "zh-hant"}
    products = help_center.facets(QUERY, ["product"], tags=["billing"])
    assert products == {"product": [{"value": "wallet", "count": 2}, {"value": "shop", "count": 1}]}
    stale = help_center.stale(0)
    assert [a["article_id"] for a in stale] == ["refund-vi", "refund-uk", "refund-zh"]
    assert stale[-1]["updated"] is None and stale[0]["days"] > stale[1]["days"]


def test_bad_filter_values_raise_our_errors(help_center):
    with pytest.raises(kbsearch.InvalidRequestError, match="updated_after"):
        help_center.search("refund", updated_after="2025-02-30")
    with pytest.raises(kbsearch.InvalidRequestError, match="half-life"):
        help_center.search("refund", recency_half_life=0)
    with pytest.raises(kbsearch.InvalidArticleError, match="updated"):
        help_center.upsert(id="x", body="Some text.", updated="last week")
    with pytest.raises(TypeError, match="meta"):
        help_center.upsert(id="x", body="Some text.", meta={"product": 3})


def test_to_dict_equals_the_cli_json_with_facts(tmp_path, cli_binary):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(
        "---\ntitle: Повернення коштів\nlang: uk\ntags: [billing]\ncategory: Оплата\n"
        "updated: 2026-10-01\n---\nПовернення коштів на картку триває п’ять днів.\n",
        encoding="utf-8",
    )
    index = tmp_path / "idx"
    with kbsearch.KnowledgeBase(str(index)) as kb:
        kb.index_paths([str(docs)])
        hit = kb.search("повернення", k=1)[0].to_dict()
    out = subprocess.run(
        [str(cli_binary), "--index", str(index), "search", "повернення", "-k", "1", "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    cli_hit = json.loads(out.stdout)["hits"][0]
    assert hit.pop("score") == pytest.approx(cli_hit.pop("score"), rel=1e-6)
    assert hit == cli_hit
    assert hit["tags"] == ["billing"] and hit["updated"] == "2026-10-01"


def test_locale_answers_each_translation_group_once(kb):
    kb.upsert(id="en-refunds", title="Refunds", body="A refund reaches your card in five days.", lang="en")
    kb.upsert(
        id="uk-refunds",
        title="Повернення коштів",
        body="Кошти повертаються на картку за п'ять днів.",
        lang="uk",
        group="en-refunds",
    )
    kb.commit()
    hits = kb.search("refund card")
    assert [h.article_id for h in hits] == ["en-refunds"]
    assert hits[0].translations == [{"lang": "uk", "article_id": "uk-refunds"}]
    assert hits[0].to_dict()["translations"] == hits[0].translations
    uk = kb.search("refund card", locale="uk")
    assert [h.article_id for h in uk] == ["uk-refunds"]
    assert kb.search("refund card", locale="de", fallback=["uk"])[0].article_id == "uk-refunds"
    with pytest.raises(kbsearch.UnknownLanguageError):
        kb.search("refund card", locale="not a tag")
