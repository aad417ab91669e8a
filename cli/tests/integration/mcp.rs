//! `kbsearch mcp` end to end: a real MCP client handshake over the child's stdin/stdout,
//! with newline-delimited JSON-RPC 2.0 written by hand, on the sample corpus.

use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Session, indexed_corpus, kbsearch};

/// The protocol version this client asks for.
const PROTOCOL_VERSION: &str = "2025-06-18";

/// A running `kbsearch mcp`, killed if the test fails midway.
struct Server(Session);

impl Server {
    fn start(index: &Path) -> Server {
        Server(Session::start(kbsearch(index).arg("mcp")))
    }

    fn send(&mut self, message: &Value) {
        self.0.send(&message.to_string());
    }

    /// Send a request and wait for the response with its id (skipping anything else; each
    /// line waited for at most `common::TIMEOUT`).
    fn request(&mut self, id: u64, method: &str, params: Value) -> Value {
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.0.next_json();
            assert_eq!(message["jsonrpc"], "2.0", "{message}");
            if message["id"] == id {
                assert!(message.get("error").is_none(), "{method} failed: {message}");
                return message["result"].clone();
            }
        }
    }

    /// Call a tool; returns (isError, the text of its first content block).
    fn call_tool(&mut self, id: u64, name: &str, arguments: Value) -> (bool, String) {
        let result = self.request(
            id,
            "tools/call",
            json!({"name": name, "arguments": arguments}),
        );
        let content = &result["content"][0];
        assert_eq!(content["type"], "text", "{result}");
        let text = content["text"].as_str().unwrap().to_string();
        // The answer is structured, and the text block carries the same JSON.
        if result["isError"] != true {
            let text_json: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(result["structuredContent"], text_json, "{result}");
        }
        (result["isError"] == true, text)
    }
}

#[test]
fn mcp_handshake_search_and_get() {
    let dir = indexed_corpus();
    let mut server = Server::start(&dir.path().join("idx"));

    let init = server.request(
        1,
        "initialize",
        json!({
            "protocolVersion": PROTOCOL_VERSION,
            "capabilities": {},
            "clientInfo": {"name": "kbsearch-test", "version": "0.0.0"}
        }),
    );
    assert_eq!(init["protocolVersion"], PROTOCOL_VERSION, "{init}");
    assert_eq!(init["serverInfo"]["name"], "kbsearch", "{init}");
    assert_eq!(
        init["serverInfo"]["version"],
        env!("CARGO_PKG_VERSION"),
        "{init}"
    );
    assert!(init["capabilities"]["tools"].is_object(), "{init}");
    assert!(
        init["instructions"]
            .as_str()
            .is_some_and(|s| s.contains("knowledge base")),
        "{init}"
    );
    server.send(&json!({"jsonrpc": "2.0", "method": "notifications/initialized"}));

    let list = server.request(2, "tools/list", json!({}));
    let tools = list["tools"].as_array().unwrap();
    let tool = |name: &str| {
        tools
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("no tool {name}: {list}"))
    };
    let search = tool("search_knowledge_base");
    assert_eq!(search["inputSchema"]["type"], "object", "{search}");
    assert!(
        search["inputSchema"]["properties"]["k"].is_object(),
        "{search}"
    );
    assert!(
        search["inputSchema"]["properties"]["lang"].is_object(),
        "{search}"
    );
    assert_eq!(
        search["inputSchema"]["required"],
        json!(["query"]),
        "{search}"
    );
    assert_eq!(
        tool("get_article")["inputSchema"]["required"],
        json!(["id"]),
        "{list}"
    );

    // A Simplified query finds the Traditional article; the text is `search --json`'s object.
    let (is_error, text) = server.call_tool(
        3,
        "search_knowledge_base",
        json!({"query": "客户服务团队负责人", "k": 2}),
    );
    assert!(!is_error, "{text}");
    let results: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(results["query"], "客户服务团队负责人", "{results}");
    assert_eq!(
        results["hits"][0]["article_id"], "002_a89dbd6b449641d6",
        "{results}"
    );
    assert!(results["hits"][0]["heading_path"].is_array(), "{results}");
    assert!(results["hits"].as_array().unwrap().len() <= 2, "{results}");

    // Bad requests are tool errors with the library's message, and the server goes on.
    let (is_error, text) = server.call_tool(4, "search_knowledge_base", json!({"query": "?!"}));
    assert!(is_error, "{text}");
    assert!(text.contains("no searchable words"), "{text}");
    let (is_error, text) = server.call_tool(
        5,
        "search_knowledge_base",
        json!({"query": "бюджет", "lang": "not a tag"}),
    );
    assert!(is_error && text.contains("unknown language"), "{text}");
    let (is_error, text) = server.call_tool(
        6,
        "search_knowledge_base",
        json!({"query": "бюджет", "k": 0}),
    );
    assert!(is_error && text.contains("limit must be"), "{text}");
    // Tool errors carry the core's error kind, as `kbsearch serve` does.
    let error: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(error["kind"], "invalid_request", "{text}");
    let (is_error, text) = server.call_tool(
        61,
        "search_knowledge_base",
        json!({"query": "бюджет", "per_article": 0}),
    );
    assert!(is_error && text.contains("passages per article"), "{text}");
    // `k` defaults to 10 as everywhere (not 5), and `per_article` is accepted: the three
    // Chinese articles give more than five passages.
    let (is_error, text) = server.call_tool(
        62,
        "search_knowledge_base",
        json!({"query": "客户服务", "per_article": 3}),
    );
    assert!(!is_error, "{text}");
    let many: Value = serde_json::from_str(&text).unwrap();
    let hits = many["hits"].as_array().unwrap().len();
    assert!(hits > 5 && hits <= 10, "{hits} hits: {text}");
    // Each tool describes its structured result (MCP 2025-06-18).
    assert_eq!(search["outputSchema"]["type"], "object", "{search}");
    assert_eq!(
        search["outputSchema"]["required"],
        json!(["query", "took_ms", "hits"]),
        "{search}"
    );
    assert_eq!(tool("get_article")["outputSchema"]["type"], "object");
    // Filters and facets: the schema describes them, a filter narrows, facets count.
    for parameter in [
        "tags",
        "category",
        "where",
        "updated_after",
        "facets",
        "recency_half_life",
        "semantic",
        "answer_lang",
    ] {
        assert!(
            search["inputSchema"]["properties"][parameter]["description"].is_string(),
            "{parameter}: {search}"
        );
    }
    let (is_error, text) = server.call_tool(
        63,
        "search_knowledge_base",
        json!({"query": "客户服务", "where": {"lang": "zh-Hans"}, "facets": true}),
    );
    assert!(!is_error, "{text}");
    let filtered: Value = serde_json::from_str(&text).unwrap();
    assert!(
        filtered["hits"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["lang"] == "zh-Hans"),
        "{text}"
    );
    assert_eq!(filtered["facets"]["lang"][0]["value"], "zh-hans", "{text}");
    let (is_error, text) = server.call_tool(
        64,
        "search_knowledge_base",
        json!({"query": "客户服务", "updated_after": "31/12/2025"}),
    );
    assert!(is_error && text.contains("updated_after"), "{text}");

    let (is_error, text) =
        server.call_tool(7, "get_article", json!({"id": "003_77c3923395a2e853"}));
    assert!(!is_error, "{text}");
    let article: Value = serde_json::from_str(&text).unwrap();
    assert!(
        article["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Що таке менеджер")),
        "{article}"
    );
    assert!(
        !article["passages"].as_array().unwrap().is_empty(),
        "{article}"
    );
    let (is_error, text) = server.call_tool(8, "get_article", json!({"id": "no-such-article"}));
    assert!(is_error && text.contains("no article with id"), "{text}");
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap()["kind"],
        "not_found",
        "{text}"
    );
    assert!(
        search["inputSchema"]["properties"]["typos"].is_object(),
        "{search}"
    );
    let (is_error, text) = server.call_tool(
        9,
        "suggest_completions",
        json!({"prefix": "What is a C", "k": 1}),
    );
    assert!(!is_error, "{text}");
    let suggested: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        suggested["suggestions"][0]["text"], "What is a Customer Service Operations Manager?",
        "{text}"
    );

    // Closing stdin ends the server.
    let status = server.0.finish();
    assert!(status.success(), "{status}");
}
