//! Ingest: files → articles → clean passages.
//!
//! [`formats`] reads each file format into light Markdown, [`clean`] removes page chrome,
//! artifacts, repeats and trailing junk (keeping a record of every removed line), and
//! [`sections`] splits the result into passages with heading paths and FAQ pairs.

pub mod clean;
pub mod formats;
mod html;
pub mod sections;
#[cfg(test)]
mod seed_fixtures;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::analysis::{self, Lang};
use crate::article::{Article, Passage};
use crate::error::{KbError, Result};
use clean::{ChromeModel, RemovalReason, RemovedLine};
use formats::{Format, RawArticle};

/// How many lines cleaning removed, per reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RemovedCounts {
    /// Page chrome: navigation, calls to action, reading-time stubs, footers.
    pub chrome: usize,
    /// Artifacts: literal `\n`, lone backslashes, garbled lines.
    pub artifact: usize,
    /// Sentences repeated verbatim.
    pub duplicate: usize,
    /// Unrelated page content after the article (related links, comments).
    pub trailing: usize,
}

impl RemovedCounts {
    /// Count removed lines by reason.
    pub fn of(removed: &[RemovedLine]) -> Self {
        let mut counts = RemovedCounts::default();
        counts.add(removed);
        counts
    }

    /// Add removed lines to the counts.
    pub fn add(&mut self, removed: &[RemovedLine]) {
        for line in removed {
            match line.reason {
                RemovalReason::Chrome => self.chrome += 1,
                RemovalReason::Artifact => self.artifact += 1,
                RemovalReason::Duplicate => self.duplicate += 1,
                RemovalReason::Trailing => self.trailing += 1,
            }
        }
    }

    /// The counts in the order chrome, artifact, duplicate, trailing.
    pub fn to_array(self) -> [usize; 4] {
        [self.chrome, self.artifact, self.duplicate, self.trailing]
    }

    /// Counts from an array in [`to_array`](Self::to_array) order.
    pub fn from_array([chrome, artifact, duplicate, trailing]: [usize; 4]) -> Self {
        RemovedCounts {
            chrome,
            artifact,
            duplicate,
            trailing,
        }
    }
}

impl std::fmt::Display for RemovedCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} chrome, {} artifact, {} duplicate, {} trailing",
            self.chrome, self.artifact, self.duplicate, self.trailing
        )
    }
}

/// Why a file with another extension is not read.
const UNSUPPORTED_FILE_TYPE: &str =
    "unsupported file type (expected .txt, .md, .html, .json or .jsonl)";

/// Largest file read by default (bytes); larger files are skipped with a reason.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// An article ready to be indexed: cleaned, sectioned, with its language decided.
#[derive(Debug, Clone)]
pub struct PreparedArticle {
    /// The article as given.
    pub article: Article,
    /// The title used for search.
    pub title: String,
    /// True when the article had no title and [`title`](Self::title) is the start of its
    /// text: it is then shown but not indexed again as a title.
    pub title_is_excerpt: bool,
    /// The analysis language.
    pub lang: Lang,
    /// Passages in article order.
    pub passages: Vec<Passage>,
    /// Lines removed by cleaning, with reasons.
    pub removed: Vec<RemovedLine>,
}

/// Clean and section an article. The declared title and language win; otherwise they are
/// found in the text.
pub fn prepare(article: Article, chrome: &ChromeModel) -> Result<PreparedArticle> {
    article.validate()?;
    let declared_title = Some(article.title.trim()).filter(|t| !t.is_empty());
    let cleaned = clean::clean(&article.body, declared_title, chrome);
    let mut passages: Vec<Passage> = sections::split_sections(&cleaned.body)
        .into_iter()
        .map(|s| Passage {
            heading_path: s.heading_path,
            text: s.text,
            kind: s.kind,
        })
        .collect();
    let found_title = declared_title.map(str::to_string).or(cleaned.title);
    let title_is_excerpt = found_title.is_none();
    let title = found_title
        .or_else(|| passages.first().map(|p| first_sentence(&p.text)))
        .unwrap_or_else(|| article.id.clone());
    if passages.is_empty() {
        // Everything was chrome, or the body is a title only: keep the text searchable.
        passages.push(Passage {
            heading_path: Vec::new(),
            text: article.body.trim().to_string(),
            kind: sections::PassageKind::Section,
        });
    }
    let lang = match &article.lang {
        Some(code) => Lang::parse(code)?,
        None => analysis::lang::detect(&format!("{title}\n{}", cleaned.body)),
    };
    let mut article = article;
    if article.updated.is_none() {
        article.updated = cleaned.updated;
    }
    // Blocks the reader dropped (HTML boilerplate) come first: they were removed first.
    let mut removed = std::mem::take(&mut article.reader_removed.0);
    removed.extend(cleaned.removed);
    Ok(PreparedArticle {
        article,
        title,
        title_is_excerpt,
        lang,
        passages,
        removed,
    })
}

/// Longest title taken from an article's first sentence, in characters.
const MAX_EXCERPT_TITLE_CHARS: usize = 48;

fn first_sentence(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '！' | '？' | '.' | '!' | '?' | '\n'))
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    let sentence = text[..end].trim();
    if sentence.chars().count() <= MAX_EXCERPT_TITLE_CHARS {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(MAX_EXCERPT_TITLE_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// A file or record that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file (with `:line` for a JSONL line or `#n` for a JSON array element).
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Every supported file under the given paths (folders recursively, symlink loops and
/// duplicates skipped), with the root each was found under.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<(PathBuf, PathBuf)>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    for root in paths {
        let mut stack = vec![root.clone()];
        while let Some(path) = stack.pop() {
            let skip = |reason: String| Skipped {
                path: path.display().to_string(),
                reason,
            };
            let meta = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => {
                    skipped.push(skip(format!("cannot read: {e}")));
                    continue;
                }
            };
            let canonical = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !seen.insert(canonical) {
                continue; // a symlink loop or a path given twice
            }
            if meta.is_dir() {
                match std::fs::read_dir(&path) {
                    Ok(entries) => {
                        let mut children: Vec<PathBuf> =
                            entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                        children.sort();
                        // Hidden files and folders (.git, .kbsearch) are not articles.
                        children.retain(|c| {
                            !c.file_name()
                                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
                        });
                        stack.extend(children.into_iter().rev());
                    }
                    Err(e) => skipped.push(skip(format!("cannot read folder: {e}"))),
                }
            } else if !meta.is_file() {
                // A FIFO or a device would block or never end.
                skipped.push(skip("not a regular file (a pipe, socket or device)".into()));
            } else if Format::from_path(&path).is_some() {
                files.push((path, root.clone()));
            } else if &path == root {
                skipped.push(skip(UNSUPPORTED_FILE_TYPE.into()));
            }
        }
    }
    (files, skipped)
}

/// Size limits applied while reading files (see [`crate::IndexOptions`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Largest file read whole (`.txt`, `.md`, `.html`, `.json`); JSONL is streamed by line
    /// and not limited as a file.
    pub max_file_bytes: u64,
    /// Largest article body, and (twice this, for JSON escapes) largest JSONL line.
    pub max_article_bytes: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_article_bytes: crate::article::MAX_BODY_BYTES,
        }
    }
}

/// Most bad records of one file listed one by one; the rest are summed up in one entry.
pub const MAX_SKIPPED_PER_FILE: usize = 100;

/// What reading a file yields, in file order.
#[derive(Debug, Clone)]
pub enum Record {
    /// A good article.
    Article(Article),
    /// A bad record (JSONL line, JSON array element, oversized article), with the reason.
    Skipped(Skipped),
}

/// Open a file for reading its articles. Whole-file problems (unreadable, unsupported,
/// too large, binary, not UTF-8, empty, a `.json` that is not JSON) are an error, and the
/// caller skips the file; bad records come out of the iterator as [`Record::Skipped`].
/// JSONL files are read one line at a time, so their size does not bound memory.
pub fn read_file(path: &Path, root: &Path, limits: ReadLimits) -> Result<FileArticles> {
    let format = Format::from_path(path)
        .ok_or_else(|| KbError::io(path, std::io::Error::other(UNSUPPORTED_FILE_TYPE)))?;
    let file = std::fs::File::open(path).map_err(|e| KbError::io(path, e))?;
    let size = file.metadata().map_err(|e| KbError::io(path, e))?.len();
    let base_id = file_id(path, root);
    let source = FileSource {
        path: path.to_path_buf(),
        base_id,
        limits,
        skipped: 0,
    };
    if format == Format::JsonLines {
        return JsonLines::open(file, size, source).map(|lines| FileArticles {
            inner: Inner::Lines(lines),
        });
    }
    if size > limits.max_file_bytes {
        return Err(too_large(
            path,
            "file",
            size,
            limits.max_file_bytes,
            "--max-file-mb",
        ));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    std::io::Read::read_to_end(&mut std::io::BufReader::new(file), &mut bytes)
        .map_err(|e| KbError::io(path, e))?;
    let parsed = formats::parse(format, &bytes).map_err(|source| KbError::Format {
        path: path.to_path_buf(),
        source,
    })?;
    drop(bytes);
    let mut source = source;
    let single = parsed.articles.len() == 1;
    let mut records = Vec::with_capacity(parsed.articles.len());
    for (n, raw) in parsed.articles.into_iter().enumerate() {
        let fallback = if single {
            source.base_id.clone()
        } else {
            format!("{}#{}", source.base_id, n + 1)
        };
        records.extend(source.record(Ok(raw), fallback));
    }
    for error in parsed.errors {
        records.extend(source.record(Err(error), String::new()));
    }
    records.extend(source.summary());
    Ok(FileArticles {
        inner: Inner::Whole(records.into_iter()),
    })
}

/// The articles of one file, from [`read_file`].
pub struct FileArticles {
    inner: Inner,
}

enum Inner {
    Whole(std::vec::IntoIter<Record>),
    Lines(JsonLines),
}

impl Iterator for FileArticles {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        match &mut self.inner {
            Inner::Whole(records) => records.next(),
            Inner::Lines(lines) => lines.next(),
        }
    }
}

/// Where records come from, and how many were skipped so far.
struct FileSource {
    path: PathBuf,
    base_id: String,
    limits: ReadLimits,
    skipped: usize,
}

impl FileSource {
    /// A parsed record as a [`Record`]; `None` once a skipped record is past the listing cap.
    fn record(
        &mut self,
        raw: std::result::Result<RawArticle, formats::FormatError>,
        fallback_id: String,
    ) -> Option<Record> {
        let reason = match raw {
            Ok(raw) if raw.body.len() > self.limits.max_article_bytes => format!(
                "article {:?} is {} KiB, larger than the limit of {} KiB (--max-article-mb)",
                raw.id.as_deref().unwrap_or(&fallback_id),
                raw.body.len() >> 10,
                self.limits.max_article_bytes >> 10
            ),
            Ok(raw) => {
                return Some(Record::Article(to_article(
                    raw,
                    fallback_id,
                    Some(self.path.display().to_string()),
                )));
            }
            Err(error) => error.to_string(),
        };
        self.skip(reason)
    }

    fn skip(&mut self, reason: String) -> Option<Record> {
        self.skipped += 1;
        (self.skipped <= MAX_SKIPPED_PER_FILE).then(|| {
            Record::Skipped(Skipped {
                path: self.path.display().to_string(),
                reason,
            })
        })
    }

    /// One entry summing up the bad records past the listing cap, if any.
    fn summary(&self) -> Option<Record> {
        (self.skipped > MAX_SKIPPED_PER_FILE).then(|| {
            Record::Skipped(Skipped {
                path: self.path.display().to_string(),
                reason: format!(
                    "{} more bad records (only the first {MAX_SKIPPED_PER_FILE} are listed)",
                    self.skipped - MAX_SKIPPED_PER_FILE
                ),
            })
        })
    }
}

/// A JSONL file read one line at a time: a bad line (not UTF-8, NUL bytes, malformed or
/// oversized) is skipped with its line number and the next one is read.
struct JsonLines {
    reader: std::io::BufReader<std::fs::File>,
    source: FileSource,
    line_no: usize,
    offset: u64,
    line: Vec<u8>,
    done: bool,
}

impl JsonLines {
    fn open(file: std::fs::File, size: u64, source: FileSource) -> Result<JsonLines> {
        let mut lines = JsonLines {
            reader: std::io::BufReader::with_capacity(1 << 16, file),
            source,
            line_no: 0,
            offset: 0,
            line: Vec::new(),
            done: false,
        };
        // Whole-file checks on the first block, as for the other formats.
        let path = lines.source.path.clone();
        let head =
            std::io::BufRead::fill_buf(&mut lines.reader).map_err(|e| KbError::io(&path, e))?;
        let format_error = |source| KbError::Format {
            path: path.clone(),
            source,
        };
        // NUL in the first line: a binary or UTF-16 file (later NULs skip only their line).
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
        if first_line.contains(&0) {
            return Err(format_error(formats::FormatError::Binary));
        }
        if head.len() as u64 >= size && head.iter().all(u8::is_ascii_whitespace) {
            return Err(format_error(formats::FormatError::Empty));
        }
        Ok(lines)
    }

    /// Read the next line into `self.line` (without its newline), at most the line limit;
    /// returns false at end of file, Err(reason) for an oversized line (skipped whole).
    fn read_line(&mut self) -> std::io::Result<Option<std::result::Result<(), String>>> {
        use std::io::BufRead;
        let max_line = self.source.limits.max_article_bytes.saturating_mul(2);
        self.line.clear();
        let mut oversized = false;
        let mut read_any = false;
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            read_any = true;
            let (chunk, found_newline) = match buffer.iter().position(|&b| b == b'\n') {
                Some(i) => (&buffer[..i], true),
                None => (buffer, false),
            };
            if !oversized && self.line.len() + chunk.len() <= max_line {
                self.line.extend_from_slice(chunk);
            } else {
                oversized = true;
                self.line.clear();
            }
            let used = chunk.len() + usize::from(found_newline);
            self.reader.consume(used);
            self.offset += used as u64;
            if found_newline {
                break;
            }
        }
        if !read_any {
            return Ok(None);
        }
        self.line_no += 1;
        Ok(Some(if oversized {
            Err(format!(
                "record {}: line is larger than the limit of {} KiB (--max-article-mb)",
                self.line_no,
                max_line >> 10
            ))
        } else {
            Ok(())
        }))
    }

    /// The current line as text: BOM and CR stripped, NUL and invalid UTF-8 refused.
    fn line_text(&self, line_start: u64) -> std::result::Result<&str, String> {
        let mut bytes = self.line.as_slice();
        let mut start = line_start as usize;
        if self.line_no == 1 && bytes.starts_with("\u{feff}".as_bytes()) {
            bytes = &bytes[3..];
            start += 3;
        }
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.contains(&0) {
            return Err(format!(
                "record {}: {}",
                self.line_no,
                formats::FormatError::Binary
            ));
        }
        std::str::from_utf8(bytes).map_err(|e| {
            let error = formats::FormatError::InvalidUtf8 {
                offset: start + e.valid_up_to(),
            };
            format!("record {}: {error}", self.line_no)
        })
    }
}

impl Iterator for JsonLines {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            let line_start = self.offset;
            let read = match self.read_line() {
                Ok(Some(read)) => read,
                Ok(None) => {
                    self.done = true;
                    break;
                }
                Err(e) => {
                    self.done = true;
                    let reason = format!("read stopped at byte {line_start}: {e}");
                    if let Some(record) = self.source.skip(reason) {
                        return Some(record);
                    }
                    break;
                }
            };
            let parsed = read.and_then(|()| {
                let text = self.line_text(line_start)?;
                Ok(formats::parse_json_line(self.line_no, text))
            });
            let fallback = format!("{}#{}", self.source.base_id, self.line_no);
            let record = match parsed {
                Ok(None) => continue,
                Ok(Some(raw)) => self.source.record(raw, fallback),
                Err(reason) => self.source.skip(reason),
            };
            if record.is_some() {
                return record;
            }
        }
        let summary = self.source.summary();
        self.source.skipped = 0; // reported once
        summary
    }
}

fn too_large(path: &Path, what: &str, size: u64, limit: u64, flag: &str) -> KbError {
    KbError::io(
        path,
        std::io::Error::other(format!(
            "{what} is {} MiB, larger than the limit of {} MiB ({flag})",
            size >> 20,
            limit >> 20
        )),
    )
}

/// A parsed record as an [`Article`]: its declared id, else `fallback_id`; `source` is the
/// file it came from.
pub fn to_article(raw: RawArticle, fallback_id: String, source: Option<String>) -> Article {
    Article {
        id: raw
            .id
            .filter(|id| !id.trim().is_empty())
            .unwrap_or(fallback_id),
        title: raw.title.unwrap_or_default(),
        body: raw.body,
        lang: raw.lang,
        url: raw.url,
        tags: raw.tags,
        updated: raw.updated,
        source,
        reader_removed: clean::ReaderRemovals(raw.removed),
    }
}

/// The id of a file's article: its path under the root, without extension, `/`-separated.
fn file_id(path: &Path, root: &Path) -> String {
    let relative = path
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    let relative = if relative == path {
        Path::new(path.file_name().unwrap_or(path.as_os_str()))
    } else {
        relative
    };
    let without_ext = relative.with_extension("");
    without_ext
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Learn the page chrome shared by a batch of articles.
pub fn learn_chrome(articles: &[Article]) -> ChromeModel {
    ChromeModel::learn(articles.iter().map(|a| a.body.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_ids_are_relative_paths_without_extension() {
        assert_eq!(
            file_id(
                Path::new("corpus/articles/000_x.txt"),
                Path::new("corpus/articles")
            ),
            "000_x"
        );
        assert_eq!(
            file_id(Path::new("kb/uk/faq.md"), Path::new("kb")),
            "uk/faq"
        );
        assert_eq!(
            file_id(Path::new("kb/one.md"), Path::new("kb/one.md")),
            "one"
        );
    }

    fn records(path: &Path, limits: ReadLimits) -> (Vec<Article>, Vec<String>) {
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        for record in read_file(path, path.parent().unwrap(), limits).unwrap() {
            match record {
                Record::Article(a) => articles.push(a),
                Record::Skipped(s) => skipped.push(s.reason),
            }
        }
        (articles, skipped)
    }

    #[test]
    fn jsonl_is_streamed_and_bad_lines_are_skipped_by_line_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.jsonl");
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(
            "{\"id\":\"uk\",\"body\":\"Менеджер керує бюджетом.\"}\r\n\n".as_bytes(),
        );
        bytes.extend_from_slice(b"{\"id\":\"bad-utf8\",\"body\":\"caf\xe9\"}\n");
        bytes.extend_from_slice(b"{\"id\":\"nul\",\"body\":\"a\x00b\"}\n");
        bytes.extend_from_slice(b"{\"id\": \"broken\"\n");
        bytes.extend_from_slice(
            format!("{{\"id\":\"big\",\"body\":\"{}\"}}\n", "x".repeat(3000)).as_bytes(),
        );
        bytes.extend_from_slice("{\"id\":\"vi\",\"body\":\"Dịch vụ khách hàng.\"}".as_bytes());
        std::fs::write(&path, &bytes).unwrap();
        let limits = ReadLimits {
            max_file_bytes: 10, // not applied to JSONL
            max_article_bytes: 1000,
        };
        let (articles, skipped) = records(&path, limits);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["uk", "vi"]);
        assert_eq!(articles[0].body, "Менеджер керує бюджетом.");
        assert_eq!(skipped.len(), 4, "{skipped:?}");
        assert!(
            skipped[0].starts_with("record 3: not valid UTF-8"),
            "{skipped:?}"
        );
        assert!(skipped[1].starts_with("record 4: binary"), "{skipped:?}");
        assert!(
            skipped[2].starts_with("malformed JSON at line 5"),
            "{skipped:?}"
        );
        assert!(
            skipped[3].contains("record 6: line is larger than the limit"),
            "{skipped:?}"
        );
    }

    #[test]
    fn sockets_and_symlink_loops_are_skipped_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Менеджер керує бюджетом.").unwrap();
        let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("s.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let (files, skipped) = collect_files(&[dir.path().to_path_buf()]);
        assert_eq!(files.len(), 1, "{files:?}");
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].path.ends_with("s.txt"));
        assert!(skipped[0].reason.contains("not a regular file"));
    }

    #[test]
    fn bad_records_past_the_cap_are_summed_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("kb.jsonl");
        let mut text =
            String::from("{\"id\":\"ok\",\"body\":\"What is a customer service manager?\"}\n");
        for _ in 0..(MAX_SKIPPED_PER_FILE + 25) {
            text.push_str("not json\n");
        }
        std::fs::write(&path, text).unwrap();
        let (articles, skipped) = records(&path, ReadLimits::default());
        assert_eq!(articles.len(), 1);
        assert_eq!(skipped.len(), MAX_SKIPPED_PER_FILE + 1);
        assert!(
            skipped.last().unwrap().starts_with("25 more bad records"),
            "{skipped:?}"
        );
    }

    #[test]
    fn whole_file_problems_and_limits_are_errors_naming_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        };
        let error = |path: &Path, limits| match read_file(path, dir.path(), limits) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("{} was read", path.display()),
        };
        let limits = ReadLimits {
            max_file_bytes: 16,
            max_article_bytes: 1024,
        };
        let big = write(
            "big.txt",
            "客戶服務運營經理負責監督客戶服務代表。".as_bytes(),
        );
        assert!(error(&big, limits).contains("larger than the limit of 0 MiB (--max-file-mb)"));
        assert!(error(&write("empty.jsonl", b" \n\n"), limits).contains("empty file"));
        assert!(error(&write("bin.jsonl", b"{\"id\":1}\x00\x01"), limits).contains("binary"));
        // An article over the article limit is a skipped record, the file is read.
        let long = write(
            "long.md",
            format!("# Title\n\n{}", "Менеджер. ".repeat(200)).as_bytes(),
        );
        let (articles, skipped) = records(
            &long,
            ReadLimits {
                max_file_bytes: 1 << 20,
                ..limits
            },
        );
        assert!(articles.is_empty());
        assert!(skipped[0].contains("(--max-article-mb)"), "{skipped:?}");
    }

    #[test]
    fn prepare_detects_language_and_title_and_keeps_declared_ones() {
        let a = Article::new(
            "a",
            "",
            "Що таке бюджет?\n\nБюджет — це план доходів і витрат команди на рік.",
        );
        let p = prepare(a, &ChromeModel::default()).unwrap();
        assert_eq!(p.lang, Lang::Uk);
        assert!(!p.passages.is_empty());
        let b = Article::new("b", "Budget", "Бюджет — це план доходів і витрат.").with_lang("en");
        let p = prepare(b, &ChromeModel::default()).unwrap();
        assert_eq!((p.title.as_str(), p.lang), ("Budget", Lang::En));
    }

    #[test]
    fn html_reader_removals_reach_prepare_and_leave_the_fingerprint_alone() {
        let page = "<html lang=\"uk\"><body><nav><a href=\"/\">Головна</a> <a href=\"/kb\">База знань</a></nav>\
<div class=\"content\"><h1>Що таке бюджет?</h1><p>Бюджет — це план доходів і витрат команди на рік, \
який затверджує керівник відділу після обговорення з фінансовою службою.</p></div>\
<div class=\"social-share\"><a href=\"/s\">Facebook</a> <a href=\"/s\">Telegram</a></div></body></html>";
        let raw = formats::parse(formats::Format::Html, page.as_bytes())
            .unwrap()
            .articles
            .remove(0);
        let article = to_article(raw, "budget".into(), None);
        let plain = Article {
            reader_removed: clean::ReaderRemovals::default(),
            ..article.clone()
        };
        assert!(!article.reader_removed.0.is_empty());
        assert_eq!(article.fingerprint(), plain.fingerprint());
        let p = prepare(article, &ChromeModel::default()).unwrap();
        let rules: Vec<(&str, usize)> = p.removed.iter().map(|r| (r.rule, r.line)).collect();
        assert!(rules.contains(&("html-navigation", 0)), "{rules:?}");
        assert!(rules.contains(&("html-share", 0)), "{rules:?}");
        assert!(p.passages.iter().all(|x| !x.text.contains("Telegram")));
    }

    #[test]
    fn prepare_rejects_bad_articles_naming_the_field() {
        let err = prepare(Article::new("x", "t", "  "), &ChromeModel::default()).unwrap_err();
        assert!(err.to_string().contains("`body`"), "{err}");
        let err = prepare(
            Article::new("x", "t", "text").with_lang("tlh"),
            &ChromeModel::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("tlh"), "{err}");
    }
}
