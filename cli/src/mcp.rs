//! `kbsearch mcp`: a Model Context Protocol server on stdin/stdout (newline-delimited
//! JSON-RPC 2.0), for agent frameworks.
//!
//! Tools: `search_knowledge_base` (`query`, optional `k` = 10, `lang` and `per_article` =
//! 1, as everywhere) answers with the same JSON as `search --json`; `get_article` (`id`) with
//! the stored article, as `get --json`; results come as `structuredContent` (MCP 2025-06-18)
//! described by each tool's `outputSchema`, with the same JSON as a text block for older
//! clients. Search also takes the filters (`tags`, `category`, `where`, `updated_after`),
//! `facets`, `recency_half_life`, `locale` and `fallback`. Arguments become a core [`Request`]: defaults,
//! validation and error kinds are the core's. A bad request (empty query, unknown language,
//! `k` out of range, unknown id) is a tool error (`isError: true`) whose text is
//! `{"error": message, "kind": kind}`, as in `kbsearch serve`; the server goes on. Each call
//! first loads new commits, so articles indexed by another process are found without a
//! restart. Nothing listens on a network port; the server ends when stdin closes.

use std::sync::Arc;

use kbsearch::{FacetsParam, KbError, KnowledgeBase, Request, Response, SearchParams};
use rmcp::handler::server::router::tool::ToolRouter;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::model::{CallToolResult, ContentBlock, Implementation, ServerCapabilities, ServerConfig};
use rmcp::{ErrorData, ServerHandler, ServiceExt, tool, tool_handler, tool_router};
use schemars::JsonSchema;
use serde::Deserialize;

const INSTRUCTIONS: &str = "Searches a multilingual help-center knowledge base (Chinese in both scripts, \
Ukrainian, Vietnamese, English) and returns the best answer passages with their article ids and heading paths.";

/// Arguments of `search_knowledge_base`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SearchArgs {
    /// The question or keywords, in any supported language.
    pub query: String,
    /// How many answer passages to return (1..=1000, default 10).
    pub k: Option<i64>,
    /// Only passages in this language: zh (both scripts), zh-Hans, zh-Hant, uk, vi or en.
    pub lang: Option<String>,
    /// How many passages of one article may be returned (at least 1, default 1).
    pub per_article: Option<i64>,
    /// Correct misspelled words that no passage holds (default true); each hit lists the
    /// corrections used in "corrected".
    pub typos: Option<bool>,
    /// Only articles that have all these tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Only articles in this category.
    pub category: Option<String>,
    /// Only articles whose metadata has each of these key = value pairs (any front-matter or
    /// JSON key of the articles, e.g. {"product": "billing"}).
    #[serde(rename = "where", default)]
    pub where_: std::collections::BTreeMap<String, String>,
    /// Only articles updated on or after this day (YYYY-MM-DD).
    pub updated_after: Option<String>,
    /// Facet counts of the matching articles: true for lang, tag and category, or a list of
    /// keys to count.
    pub facets: Option<Facets>,
    /// Prefer recently updated articles: the score lift halves every this many days.
    pub recency_half_life: Option<i64>,
    /// Answer each article once in this language where it has a translation (e.g. uk);
    /// hits list their translations.
    pub locale: Option<String>,
    /// Languages tried after locale, in order (default ["en"]).
    #[serde(default)]
    pub fallback: Vec<String>,
    /// Also rank by meaning: finds answers written in another language than the question,
    /// and paraphrases (the index must be built with `kbsearch index --semantic`).
    pub semantic: Option<bool>,
    /// Only answers in these languages (e.g. ["zh", "vi"]), whatever the question's language.
    #[serde(default)]
    pub answer_lang: Vec<String>,
}

/// The `facets` argument: [`FacetsParam`] with a JSON schema for tool listings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Facets {
    /// true: count languages, tags and categories.
    Default(bool),
    /// The keys to count (lang, tag, category or any metadata key).
    Keys(Vec<String>),
}

impl From<SearchArgs> for SearchParams {
    fn from(args: SearchArgs) -> Self {
        SearchParams {
            query: args.query,
            k: args.k,
            lang: args.lang,
            per_article: args.per_article,
            typos: args.typos,
            tags: args.tags,
            category: args.category,
            where_: args.where_,
            updated_after: args.updated_after,
            facets: args.facets.map(|facets| match facets {
                Facets::Default(on) => FacetsParam::Default(on),
                Facets::Keys(keys) => FacetsParam::Keys(keys),
            }),
            recency_half_life: args.recency_half_life,
            locale: args.locale,
            fallback: args.fallback,
            semantic: args.semantic,
            answer_lang: args.answer_lang,
        }
    }
}

/// Arguments of `get_article`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct GetArgs {
    /// The article id, as given by `article_id` in a search hit.
    pub id: String,
}

/// Arguments of `suggest_completions`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SuggestArgs {
    /// The text typed so far (at least 2 letters or one Chinese character).
    pub prefix: String,
    /// How many completions (1..=1000, default 10).
    pub k: Option<i64>,
}

/// The MCP service: a shared knowledge base and the tool router.
#[derive(Clone)]
pub struct KbServer {
    kb: Arc<KnowledgeBase>,
    tool_router: ToolRouter<Self>,
}

#[tool_router]
impl KbServer {
    pub fn new(kb: Arc<KnowledgeBase>) -> Self {
        KbServer {
            kb,
            tool_router: Self::tool_router(),
        }
    }

    #[tool(
        description = "Search the help-center knowledge base. Returns JSON: the best answer passages \
        (hits), each with article_id, title, heading_path, lang, score, snippet and the passage text. \
        Queries may be in Chinese (Simplified or Traditional), Ukrainian, Vietnamese or English.",
        output_schema = output_schemas::search()
    )]
    async fn search_knowledge_base(
        &self,
        Parameters(args): Parameters<SearchArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        self.answer(Request::Search(args.into())).await
    }

    #[tool(
        description = "Fetch one article of the knowledge base by id (the article_id of a search hit). \
        Returns JSON: the article with its title, language, source and all its passages.",
        output_schema = output_schemas::article()
    )]
    async fn get_article(
        &self,
        Parameters(GetArgs { id }): Parameters<GetArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        self.answer(Request::Get { id }).await
    }

    #[tool(
        description = "Complete what a user is typing: article titles that start with the prefix, then         the prefix with its last word completed by words of the knowledge base. Returns JSON         {suggestions: [{text, kind: title|word, passages}]}.",
        output_schema = output_schemas::suggestions()
    )]
    async fn suggest_completions(
        &self,
        Parameters(SuggestArgs { prefix, k }): Parameters<SuggestArgs>,
    ) -> Result<CallToolResult, ErrorData> {
        self.answer(Request::Suggest { prefix, k }).await
    }
}

impl KbServer {
    /// Handle `request` on the blocking pool: the response's JSON is the tool's answer, an
    /// error's `{"error", "kind"}` object a tool error.
    async fn answer(&self, request: Request) -> Result<CallToolResult, ErrorData> {
        let kb = Arc::clone(&self.kb);
        let internal = |e: &dyn std::fmt::Display| {
            ErrorData::internal_error(format!("the tool failed: {e}"), None)
        };
        match tokio::task::spawn_blocking(move || kb.handle(&request)).await {
            Ok(Ok(response)) => {
                // structuredContent (MCP 2025-06-18), with the same JSON as a text block.
                let value = serde_json::to_value::<Response>(response).map_err(|e| internal(&e))?;
                Ok(CallToolResult::structured(value))
            }
            Ok(Err(e)) => Ok(tool_error(&e)),
            Err(e) => Err(internal(&e)),
        }
    }
}

fn tool_error(error: &KbError) -> CallToolResult {
    CallToolResult::error(vec![ContentBlock::text(kbsearch::error_json(error))])
}

/// The `outputSchema` of each tool: the shape of its `structuredContent` (the JSON of
/// `search --json`, `get --json` and serve's suggestions). Required fields are those always
/// present; fields absent when empty are listed as properties only.
mod output_schemas {
    use std::sync::Arc;

    use rmcp::model::JsonObject;
    use serde_json::{Value, json};

    fn object(schema: Value) -> Arc<JsonObject> {
        match schema {
            Value::Object(map) => Arc::new(map),
            _ => unreachable!("every schema here is an object"),
        }
    }

    pub fn search() -> Arc<JsonObject> {
        let strings = json!({"type": "array", "items": {"type": "string"}});
        let hit = json!({
            "type": "object",
            "properties": {
                "rank": {"type": "integer", "description": "1-based rank"},
                "score": {"type": "number"},
                "article_id": {"type": "string"},
                "title": {"type": "string"},
                "lang": {"type": "string"},
                "heading_path": strings,
                "text": {"type": "string", "description": "the whole passage"},
                "snippet": {"type": "string", "description": "query matches marked **…**"},
                "source": {"type": ["string", "null"]},
                "corrected": {"type": "object", "additionalProperties": {"type": "string"}},
                "tags": strings,
                "category": {"type": "string"},
                "updated": {"type": "string"},
                "verified": {"type": "string"},
                "expires": {"type": "string"},
                "translations": {"type": "array", "items": {
                    "type": "object",
                    "properties": {"lang": {"type": "string"}, "article_id": {"type": "string"}},
                    "required": ["lang", "article_id"]
                }}
            },
            "required": ["rank", "score", "article_id", "title", "lang", "heading_path", "text",
                         "snippet", "source", "corrected"]
        });
        let facet = json!({"type": "array", "items": {
            "type": "object",
            "properties": {"value": {"type": "string"}, "count": {"type": "integer"}},
            "required": ["value", "count"]
        }});
        object(json!({
            "type": "object",
            "properties": {
                "query": {"type": "string"},
                "took_ms": {"type": "number"},
                "hits": {"type": "array", "items": hit},
                "facets": {"type": "object", "additionalProperties": facet},
                "notes": strings,
                "glossary": {"type": "array", "items": strings},
                "completed": {"type": "object", "additionalProperties": {"type": "string"}}
            },
            "required": ["query", "took_ms", "hits"]
        }))
    }

    pub fn article() -> Arc<JsonObject> {
        object(json!({
            "type": "object",
            "properties": {
                "article": {"type": "object", "description": "the article as given (original body)"},
                "title": {"type": "string"},
                "lang": {"type": "string"},
                "fingerprint": {"type": "string"},
                "passages": {"type": "array", "items": {
                    "type": "object",
                    "properties": {
                        "heading_path": {"type": "array", "items": {"type": "string"}},
                        "text": {"type": "string"},
                        "kind": {"type": "string"}
                    },
                    "required": ["heading_path", "text", "kind"]
                }}
            },
            "required": ["article", "title", "lang", "passages"]
        }))
    }

    pub fn suggestions() -> Arc<JsonObject> {
        object(json!({
            "type": "object",
            "properties": {"suggestions": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "text": {"type": "string"},
                    "kind": {"type": "string", "enum": ["title", "word"]},
                    "passages": {"type": "integer"}
                },
                "required": ["text", "kind", "passages"]
            }}},
            "required": ["suggestions"]
        }))
    }
}

#[tool_handler(router = self.tool_router)]
impl ServerHandler for KbServer {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new("kbsearch", env!("CARGO_PKG_VERSION")))
            .with_instructions(INSTRUCTIONS)
    }
}

/// Serve MCP on stdin/stdout until the client closes stdin.
pub fn run(kb: KnowledgeBase) -> Result<(), Box<dyn std::error::Error>> {
    // Pay for the Chinese dictionary while the client is still starting up.
    std::thread::spawn(kbsearch::analysis::load_dictionary);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let result: Result<(), Box<dyn std::error::Error>> = runtime.block_on(async {
        let service = KbServer::new(Arc::new(kb))
            .serve((tokio::io::stdin(), tokio::io::stdout()))
            .await?;
        service.waiting().await?;
        Ok(())
    });
    // A read of stdin still pending on the blocking pool must not keep the process alive.
    runtime.shutdown_background();
    result
}
