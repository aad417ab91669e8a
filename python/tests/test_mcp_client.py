"""`kbsearch mcp` driven by the official MCP Python SDK (`pip install mcp`): the handshake,
the tool listing with input and output schemas, a filtered search in a locale, a bad request."""

import asyncio
import json
import subprocess

import pytest

mcp = pytest.importorskip("mcp", reason="scripts/test.sh installs the MCP SDK")
from mcp.client.stdio import StdioServerParameters, stdio_client  # noqa: E402


@pytest.fixture(scope="module")
def index(tmp_path_factory, corpus, cli_binary):
    path = tmp_path_factory.mktemp("mcp") / "idx"
    subprocess.run([str(cli_binary), "--index", str(path), "index", str(corpus)], check=True, capture_output=True)
    return path


def run_session(cli_binary, index, steps):
    async def main():
        server = StdioServerParameters(command=str(cli_binary), args=["--index", str(index), "mcp"])
        async with stdio_client(server) as (read, write):
            async with mcp.ClientSession(read, write) as session:
                return await steps(session)

    return asyncio.run(asyncio.wait_for(main(), timeout=60))


def test_official_client_lists_tools_searches_and_gets_errors(cli_binary, index):
    async def steps(session):
        init = await session.initialize()
        tools = await session.list_tools()
        found = await session.call_tool(
            "search_knowledge_base",
            {
                "query": "What is a Customer Service Operations Manager?",
                "k": 3,
                "locale": "zh-Hant",
                "where": {"lang": "zh-Hant"},
                "facets": ["lang"],
            },
        )
        bad = await session.call_tool("search_knowledge_base", {"query": "refund", "updated_after": "soon"})
        return init, tools, found, bad

    init, tools, found, bad = run_session(cli_binary, index, steps)
    assert init.serverInfo.name == "kbsearch"
    by_name = {tool.name: tool for tool in tools.tools}
    assert set(by_name) == {"search_knowledge_base", "get_article", "suggest_completions"}
    search = by_name["search_knowledge_base"]
    for parameter in ("query", "tags", "category", "where", "updated_after", "facets", "locale", "fallback"):
        assert parameter in search.inputSchema["properties"], parameter
    assert search.outputSchema["required"] == ["query", "took_ms", "hits"]

    # The SDK checked structuredContent against outputSchema; the text block is the same JSON.
    assert not found.isError
    results = found.structuredContent
    assert results == json.loads(found.content[0].text)
    hits = results["hits"]
    assert hits and all(h["lang"] == "zh-Hant" for h in hits)
    assert hits[0]["article_id"] == "000_596e4eb05215e628"
    assert hits[0]["translations"] == [{"lang": "vi", "article_id": "004_5bffdb5339d268c2"}]
    assert results["facets"]["lang"] == [{"value": "zh-hant", "count": 1}]  # 002 lacks these words

    assert bad.isError
    error = json.loads(bad.content[0].text)
    assert error["kind"] == "invalid_request" and "updated_after" in error["error"]
