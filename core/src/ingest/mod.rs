//! Ingest: files → articles → clean passages.
//!
//! [`formats`] reads each file format into light Markdown, [`clean`] removes page chrome,
//! artifacts, repeats and trailing junk (keeping a record of every removed line), and
//! [`sections`] splits the result into passages with heading paths and FAQ pairs.
//!
//! Where things are:
//! - `files.rs`: which files are read ([`collect_files`]), article ids ([`file_id`]), folder
//!   languages ([`folder_lang`]), titles from file names;
//! - `read.rs`: one file → records ([`read_file`]; JSONL streamed by line), size limits;
//! - `decode.rs`: bytes in any encoding → text (BOM, declared charset, detection);
//! - [`formats`]: one reader per format (`formats/text.rs`, `formats/markdown.rs`,
//!   `formats/json.rs`; HTML pages in `html.rs`: main-content extraction, page boilerplate such
//!   as navigation, share bars and cookie banners), `templates.rs` for template markup in
//!   Markdown;
//! - [`clean`]: the cleaning passes, one file each (`clean/lines.rs`, `clean/trailing.rs`,
//!   `clean/lead.rs`, `clean/chrome.rs`, `clean/dedupe.rs`), their pattern tables
//!   (`clean/patterns.rs`: nav, call-to-action, footer, copyright, glued buttons, garbled
//!   lines; `clean/trailing.rs`: related / comments / share / subscribe headings;
//!   `clean/dates.rs`: dates and reading time) and the [`clean::ChromeModel`];
//! - `text.rs`: shared text helpers (display width, headings, list markers, FAQ prefixes);
//!   `sentences.rs`: sentence splitting;
//! - [`sections`]: passages along headings, FAQ pairs;
//! - `prepare.rs`: an article made ready for the index ([`prepare`](fn@prepare): clean,
//!   section, title, language).

pub mod clean;
pub(crate) mod decode;
mod files;
pub(crate) use files::is_locale_name;
pub mod formats;
mod html;
mod prepare;
mod read;
pub mod sections;
#[cfg(test)]
pub(crate) mod seed_fixtures;
pub(crate) mod sentences;
pub(crate) mod templates;
pub(crate) mod text;

/// Bumped whenever cleaning or sectioning changes what an article becomes: it is part of
/// every article's fingerprint, so the next `index` run prepares unchanged articles again.
pub const CLEANING_VERSION: u32 = 4;

pub use files::{
    ORPHAN_SIDECAR, Skipped, UNSUPPORTED_FILE_TYPE, collect_files, file_id, folder_lang, id_base,
    title_from_source, written_in_script_of,
};
pub use prepare::{PreparedArticle, RemovedCounts, learn_chrome, prepare};
pub use read::{
    DEFAULT_MAX_FILE_BYTES, FileArticles, MAX_SKIPPED_PER_FILE, ReadLimits, Record, read_file,
    to_article,
};
