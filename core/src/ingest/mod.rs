//! Ingest: files → articles → clean passages.
//!
//! [`formats`] reads each file format into light Markdown, [`clean`] removes page chrome,
//! artifacts, repeats and trailing junk (keeping a record of every removed line), and
//! [`sections`] splits the result into passages with heading paths and FAQ pairs.

pub mod clean;
pub mod decode;
pub mod formats;
mod html;
pub mod sections;
#[cfg(test)]
mod seed_fixtures;
pub mod templates;

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
    /// What the index report should say about the article (its language tag overruled).
    pub notes: Vec<String>,
}

/// Clean and section an article. The declared title and language win; otherwise they are
/// found in the text.
pub fn prepare(article: Article, chrome: &ChromeModel) -> Result<PreparedArticle> {
    article.validate()?;
    let mut declared_title = Some(article.title.trim()).filter(|t| !t.is_empty());
    let mut cleaned = clean::clean(&article.body, declared_title, chrome);
    // A heading many pages share ("Overview", "概要") is no title: the file name is better.
    let file_title = article.source.as_deref().and_then(title_from_source);
    if declared_title.is_none()
        && let (Some(found), Some(file_title)) = (&cleaned.title, &file_title)
        && chrome.count(found) >= GENERIC_TITLE_ARTICLES
    {
        declared_title = Some(file_title.as_str());
        cleaned = clean::clean(&article.body, declared_title, chrome);
    }
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
    let (lang, notes) = decide_language(article.lang.as_deref(), &title, &cleaned.body);
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
        notes,
    })
}

/// The analysis language of an article: the declared tag, unless it is not a language tag
/// (then detected, with a note) or the text plainly contradicts it (a page declared `ru`
/// written in Ukrainian, a page declared in a Latin-script language written in Chinese).
fn decide_language(declared: Option<&str>, title: &str, body: &str) -> (Lang, Vec<String>) {
    let text = || format!("{title}\n{body}");
    let Some(code) = declared else {
        return (analysis::lang::detect(&text()), Vec::new());
    };
    let Ok(lang) = Lang::parse(code) else {
        let detected = analysis::lang::detect(&text());
        let note = format!("language tag {code:?} is not a BCP 47 tag; detected {detected}");
        return (detected, vec![note]);
    };
    let detected = analysis::lang::detect(&text());
    let contradicted = match (lang, detected) {
        // Ukrainian letters (і ї є ґ) in a page declared in another Cyrillic language.
        (Lang::Other(tag), Lang::Uk) => !analysis::generic::writes_latin(tag),
        // Chinese or Cyrillic text under a Latin-script tag (a template's default `en`).
        (Lang::En | Lang::Vi, Lang::ZhHans | Lang::ZhHant | Lang::Uk) => true,
        (Lang::Other(tag), Lang::ZhHans | Lang::ZhHant) => analysis::generic::writes_latin(tag),
        _ => false,
    };
    if contradicted {
        let note = format!(
            "declared language {code:?}, but the text is {detected}: analyzed as {detected}"
        );
        (detected, vec![note])
    } else {
        (lang, Vec::new())
    }
}

/// A found title shared by at least this many articles of a run is a generic section heading.
const GENERIC_TITLE_ARTICLES: usize = 3;

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
/// duplicates skipped), with the base its article id is relative to ([`id_base`]).
pub fn collect_files(paths: &[PathBuf]) -> (Vec<(PathBuf, PathBuf)>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    for root in paths {
        let base = id_base(root, paths);
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
                files.push((path, base.clone()));
            } else if &path == root {
                skipped.push(skip(UNSUPPORTED_FILE_TYPE.into()));
            }
        }
    }
    (files, skipped)
}

/// The folder article ids of files under `root` are relative to, when `all` roots are
/// indexed in one run: `root` itself when it is the only one (`index corpus/articles` gives
/// `000_…`), else the deepest folder holding every root (`index docs/en docs/zh-cn` gives
/// `en/…` and `zh-cn/…`), else (no common folder) the root's parent, so ids keep the root's
/// name. A file root is its own base (its id is its file name).
pub fn id_base(root: &Path, all: &[PathBuf]) -> PathBuf {
    if all.len() <= 1 || root.is_file() && all.iter().filter(|r| r.is_dir()).count() == 0 {
        return root.to_path_buf();
    }
    let folder = |r: &PathBuf| {
        if r.is_file() {
            r.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            r.clone()
        }
    };
    let first = folder(&all[0]);
    let mut common: Vec<std::path::Component> = first.components().collect();
    for other in &all[1..] {
        let other = folder(other);
        let shared = common
            .iter()
            .zip(other.components())
            .take_while(|(a, b)| **a == *b)
            .count();
        common.truncate(shared);
    }
    let starts_alike = all.iter().all(|r| r.is_absolute() == all[0].is_absolute());
    if common.is_empty() && !starts_alike {
        return folder(&root.to_path_buf())
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
    }
    common.iter().collect()
}

/// The language named by a folder of the file's path (`docs/zh-cn/…` → zh-Hans), the folder
/// nearest the file first: a component shaped like a language tag (a two-letter language
/// subtag, optionally with subtags: `uk`, `vi`, `pt-br`, `zh-Hant-TW`) that [`Lang::parse`]
/// accepts.
pub fn folder_lang(path: &Path) -> Option<String> {
    let parent = path.parent()?;
    parent.components().rev().find_map(|c| {
        let name = c.as_os_str().to_str()?;
        let mut parts = name.split(['-', '_']);
        let primary = parts.next()?;
        let tag_shaped = primary.len() == 2
            && primary.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|p| {
                (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
        let known = analysis::lang::is_known_language(&primary.to_ascii_lowercase());
        (tag_shaped && known && Lang::parse(name).is_ok()).then(|| name.to_string())
    })
}

/// False when a language of a non-Latin script (`zh`, `ja`, `ko`, `uk`, `ru`, `el`, `ar`, `he`,
/// `hi`, `th`…) is named for a text holding no letter of that script: a folder `uk` of
/// English pages (regions/uk/pricing.md) then leaves the language to detection, while a
/// `zh-cn` page made mostly of English identifiers still has some Chinese.
pub fn written_in_script_of(tag: &str, text: &str) -> bool {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let script: fn(char) -> bool = match primary.as_str() {
        "zh" | "ja" | "ko" => {
            |c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
        }
        "uk" | "ru" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "mn" | "tg" => {
            |c| matches!(c as u32, 0x0400..=0x04FF)
        }
        "el" => |c| matches!(c as u32, 0x0370..=0x03FF),
        "ar" | "fa" | "ur" | "ps" => |c| matches!(c as u32, 0x0600..=0x06FF),
        "he" | "yi" => |c| matches!(c as u32, 0x0590..=0x05FF),
        "hi" | "mr" | "ne" => |c| matches!(c as u32, 0x0900..=0x097F),
        "th" => |c| matches!(c as u32, 0x0E00..=0x0E7F),
        _ => return true,
    };
    text.chars().any(script)
}

/// A title from the file name, for pages that declare none: the stem with `-`/`_` as spaces
/// (`kube-apiserver.md` → "kube apiserver"), the folder's name for index pages
/// (`_index.md`, `index.md`, `README.md`).
pub fn title_from_source(source: &str) -> Option<String> {
    let path = Path::new(source);
    let stem = path.file_stem()?.to_str()?;
    let name = if matches!(
        stem.to_ascii_lowercase().as_str(),
        "_index" | "index" | "readme"
    ) {
        path.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    let title = name.replace(['-', '_'], " ").trim().to_string();
    (title.chars().any(char::is_alphabetic)).then_some(title)
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
    /// Something the report should say about the file that did not stop it from being read
    /// (it was decoded from a legacy encoding, bytes were replaced).
    Notice(Skipped),
}

/// Open a file for reading its articles, in any encoding. Whole-file problems (unreadable,
/// unsupported, too large, binary, empty, a `.json` that is not JSON) are an error, and the
/// caller skips the file; bad records come out of the iterator as [`Record::Skipped`], and
/// how a file was decoded as [`Record::Notice`]. JSONL files are read one line at a time, so
/// their size does not bound memory (UTF-16 JSONL, whose newlines are two bytes, is read whole).
pub fn read_file(path: &Path, root: &Path, limits: ReadLimits) -> Result<FileArticles> {
    let format = Format::from_path(path)
        .ok_or_else(|| KbError::io(path, std::io::Error::other(UNSUPPORTED_FILE_TYPE)))?;
    let mut file = std::fs::File::open(path).map_err(|e| KbError::io(path, e))?;
    let size = file.metadata().map_err(|e| KbError::io(path, e))?.len();
    let base_id = file_id(path, root);
    let mut source = FileSource {
        path: path.to_path_buf(),
        base_id,
        limits,
        skipped: 0,
    };
    if format == Format::JsonLines {
        match JsonLines::open(file, size, source)? {
            Opened::Lines(lines) => {
                return Ok(FileArticles {
                    inner: Inner::Lines(lines),
                });
            }
            Opened::Whole(whole, back) => (file, source) = (whole, back),
        }
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
    let notices = parsed.notes.into_iter().map(|reason| {
        Record::Notice(Skipped {
            path: path.display().to_string(),
            reason,
        })
    });
    let single = parsed.articles.len() == 1;
    let mut records: Vec<Record> = notices.collect();
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
            Ok(mut raw) => {
                if raw.lang.is_none() {
                    raw.lang = folder_lang(&self.path).filter(|l| {
                        let title = raw.title.as_deref().unwrap_or_default();
                        written_in_script_of(l, title) || written_in_script_of(l, &raw.body)
                    });
                }
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

    /// A notice about the file, listed under the same cap as skipped records.
    fn notice(&mut self, reason: String) -> Option<Record> {
        self.skip(reason).map(|record| match record {
            Record::Skipped(s) => Record::Notice(s),
            other => other,
        })
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
    /// The file's encoding, decided from its first block.
    encoding: &'static encoding_rs::Encoding,
    /// How the file was decoded, said before its first record when it was not UTF-8.
    notice: Option<Record>,
    line_no: usize,
    offset: u64,
    line: Vec<u8>,
    done: bool,
}

/// A JSONL file opened: read by line, or (UTF-16) to be read whole.
enum Opened {
    Lines(JsonLines),
    Whole(std::fs::File, FileSource),
}

impl JsonLines {
    fn open(file: std::fs::File, size: u64, source: FileSource) -> Result<Opened> {
        let mut lines = JsonLines {
            reader: std::io::BufReader::with_capacity(1 << 16, file),
            source,
            encoding: encoding_rs::UTF_8,
            notice: None,
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
        let Some((encoding, how)) = decode::stream_encoding(head) else {
            // UTF-16: back to the start, to be read whole.
            let mut file = lines.reader.into_inner();
            std::io::Seek::rewind(&mut file).map_err(|e| KbError::io(&path, e))?;
            return Ok(Opened::Whole(file, lines.source));
        };
        // NUL in the first line: a binary file (later NULs skip only their line).
        let first_line = head.split(|&b| b == b'\n').next().unwrap_or(head);
        if first_line.contains(&0) {
            return Err(format_error(formats::FormatError::Binary));
        }
        if head.len() as u64 >= size && head.iter().all(u8::is_ascii_whitespace) {
            return Err(format_error(formats::FormatError::Empty));
        }
        let decoded = decode::Decoded {
            text: String::new(),
            encoding,
            source: how,
            replaced: 0,
        };
        lines.encoding = encoding;
        lines.notice = decoded
            .note()
            .filter(|_| encoding != encoding_rs::UTF_8)
            .map(|reason| {
                Record::Notice(Skipped {
                    path: path.display().to_string(),
                    reason,
                })
            });
        Ok(Opened::Lines(lines))
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

    /// The current line as text in the file's encoding: BOM and CR stripped, NUL refused,
    /// with how many byte sequences did not decode (replaced with U+FFFD).
    fn line_text(&self) -> std::result::Result<(String, usize), String> {
        let mut bytes = self.line.as_slice();
        if self.line_no == 1 && bytes.starts_with("\u{feff}".as_bytes()) {
            bytes = &bytes[3..];
        }
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        if bytes.contains(&0) {
            return Err(format!(
                "record {}: {}",
                self.line_no,
                formats::FormatError::Binary
            ));
        }
        Ok(decode::decode_piece(self.encoding, bytes))
    }
}

impl Iterator for JsonLines {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(notice) = self.notice.take() {
            return Some(notice);
        }
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
                let (text, replaced) = self.line_text()?;
                Ok((formats::parse_json_line(self.line_no, &text), replaced))
            });
            let fallback = format!("{}#{}", self.source.base_id, self.line_no);
            let record = match parsed {
                Ok((None, _)) => continue,
                Ok((Some(Ok(raw)), replaced)) if replaced > 0 => {
                    // Read, with the damage said: the replaced bytes are in the article.
                    let article = self.source.record(Ok(raw), fallback);
                    let damage = format!(
                        "record {}: {replaced} byte sequence(s) are not {} and were replaced with U+FFFD",
                        self.line_no,
                        self.encoding.name()
                    );
                    match self.source.notice(damage) {
                        Some(notice) => {
                            self.notice = article;
                            Some(notice)
                        }
                        None => article,
                    }
                }
                Ok((Some(raw), _)) => self.source.record(raw, fallback),
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

/// The id of a file's article: its path under the root, without extension, `/`-separated
/// (an empty root: the path as given, relative roots sharing no folder).
pub fn file_id(path: &Path, root: &Path) -> String {
    let under_empty_root = root.as_os_str().is_empty() && path.is_relative();
    let relative = path
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    let relative = if relative == path && !under_empty_root {
        Path::new(path.file_name().unwrap_or(path.as_os_str()))
    } else {
        relative
    };
    let without_ext = relative.with_extension("");
    without_ext
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
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
        assert_eq!(file_id(Path::new("./uk/faq.md"), Path::new("")), "uk/faq");
    }

    fn records(path: &Path, limits: ReadLimits) -> (Vec<Article>, Vec<String>) {
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        for record in read_file(path, path.parent().unwrap(), limits).unwrap() {
            match record {
                Record::Article(a) => articles.push(a),
                Record::Skipped(s) | Record::Notice(s) => skipped.push(s.reason),
            }
        }
        (articles, skipped)
    }

    #[test]
    fn jsonl_is_streamed_and_bad_lines_are_skipped_or_noted_by_line_number() {
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
        // The line with a stray Latin-1 byte is read, the byte replaced and said.
        assert_eq!(ids, ["uk", "bad-utf8", "vi"]);
        assert_eq!(articles[0].body, "Менеджер керує бюджетом.");
        assert_eq!(articles[1].body, "caf\u{fffd}");
        assert_eq!(skipped.len(), 4, "{skipped:?}");
        assert!(
            skipped[0].starts_with("record 3: 1 byte sequence(s) are not UTF-8"),
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
        let b = Article::new("b", "Budget", "Budget planning: Бюджет — це план.").with_lang("en");
        let p = prepare(b, &ChromeModel::default()).unwrap();
        assert_eq!((p.title.as_str(), p.lang), ("Budget", Lang::En));
        // A Latin-script tag on a page written in Cyrillic is overruled, and said.
        let c = Article::new("c", "Бюджет", "Бюджет — це план доходів і витрат.").with_lang("en");
        let p = prepare(c, &ChromeModel::default()).unwrap();
        assert_eq!(p.lang, Lang::Uk);
        assert_eq!(p.notes.len(), 1);
    }

    /// A kubectl reference page, as in the Kubernetes website: the flag table of the
    /// inherited options is the same on every command page.
    fn reference_page(lang: &str, command: &str) -> String {
        let (synopsis, inherited) = match lang {
            "uk" => ("Огляд", "Параметри успадковані від батьківських команд"),
            "zh-cn" => ("概要", "从父命令继承而来的选项"),
            "vi" => ("Tóm tắt", "Các tùy chọn kế thừa từ lệnh cha"),
            _ => ("Synopsis", "Options inherited from parent commands"),
        };
        let rows: String = [
            ("--as string", "Username to impersonate for the operation"),
            ("--cache-dir string", "Default cache directory"),
            ("--kubeconfig string", "Path to the kubeconfig file to use for CLI requests"),
        ]
        .iter()
        .map(|(flag, text)| {
            format!("<tr>\n<td colspan=\"2\">{flag}</td>\n</tr>\n<tr>\n<td></td><td><p>{text}</p></td>\n</tr>\n")
        })
        .collect();
        format!(
            "## {synopsis}\n\n{command} [flags]\n\n```\nkubectl {command} -f FILENAME\n```\n\n\
## {inherited}\n\n<table>\n<tbody>\n{rows}</tbody>\n</table>\n"
        )
    }

    /// A concept page with a YAML manifest, a shell block and shortcodes.
    fn concept_page(intro: &str, heading: &str, name: &str) -> String {
        format!(
            "---\ntitle: {name}\n---\n{intro} {{{{< glossary_tooltip text=\"Pod\" term_id=\"pod\" >}}}}.\n\n\
## {heading}\n\n```yaml\n# {name}\napiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n\
spec:\n  containers:\n  - name: app\n    image: nginx\n```\n\n\
{{{{< note >}}}}\n{intro}\n{{{{< /note >}}}}\n\n```shell\n# apply\nkubectl apply -f {name}.yaml\n```\n\n\
## {{{{% heading \"whatsnext\" %}}}}\n\n* [{name}](/docs/{name})\n"
        )
    }

    #[test]
    fn hugo_doc_site_code_is_kept_and_reference_tables_are_not_chrome() {
        let mut pages: Vec<(String, String)> = Vec::new();
        let intros = [
            (
                "en",
                "Each object in your cluster has a name, used by",
                "Example",
            ),
            ("zh-cn", "集群中的每一个对象都有一个名称，由", "示例"),
            (
                "uk",
                "Кожен обʼєкт у кластері має імʼя, яке використовує",
                "Приклад",
            ),
            (
                "vi",
                "Mỗi đối tượng trong cluster có một tên, được dùng bởi",
                "Ví dụ",
            ),
        ];
        for (n, (lang, intro, heading)) in intros.iter().enumerate() {
            for k in 0..3 {
                let name = format!("demo-{lang}-{n}{k}");
                pages.push((
                    format!("{lang}/{name}"),
                    concept_page(intro, heading, &name),
                ));
            }
            for command in ["apply", "get", "logs"] {
                pages.push((
                    format!("{lang}/kubectl_{command}"),
                    reference_page(lang, command),
                ));
            }
        }
        // Unrelated pages: the reference family is a minority of the site, as on a real one.
        for n in 0..40 {
            pages.push((
                format!("en/note-{n}"),
                format!("Release note {n}: the scheduler is {n} times faster."),
            ));
        }
        let raws: Vec<RawArticle> = pages
            .iter()
            .map(|(_, md)| {
                formats::parse(Format::Markdown, md.as_bytes())
                    .unwrap()
                    .articles
                    .remove(0)
            })
            .collect();
        let chrome = ChromeModel::learn(raws.iter().map(|r| r.body.as_str()));
        for ((id, md), raw) in pages.iter().zip(raws) {
            let p = prepare(to_article(raw, id.clone(), None), &chrome).unwrap();
            let text: String = p.passages.iter().map(|x| format!("{}\n", x.text)).collect();
            for x in &p.passages {
                assert!(
                    !x.text.contains("{{") && !x.text.contains("%}}"),
                    "{id}: {x:?}"
                );
                for h in &x.heading_path {
                    assert!(
                        !h.contains("name") && !h.starts_with('#') && !h.contains("apiVersion"),
                        "{id}: heading {h:?} came from code"
                    );
                }
            }
            // Every code line is kept, with its indentation.
            let mut in_code = false;
            for line in md.lines() {
                if line.starts_with("```") {
                    in_code = !in_code;
                } else if in_code && !line.is_empty() {
                    assert!(
                        text.contains(&format!("{line}\n")),
                        "{id}: lost code line {line:?}"
                    );
                }
            }
            assert!(
                !p.removed
                    .iter()
                    .any(|r| r.rule == "repeated-across-articles"),
                "{id}: {:?}",
                p.removed
            );
            if id.contains("kubectl") {
                assert!(text.contains("Default cache directory"), "{id}: {text}");
                assert_eq!(p.passages.last().unwrap().heading_path.len(), 1, "{id}");
            }
        }
    }

    #[test]
    fn generic_section_headings_are_not_titles() {
        // zh-cn command pages without front matter all open on "## 概要".
        let bodies: Vec<String> = ["kube-apiserver", "kube-scheduler", "kubelet"]
            .iter()
            .map(|c| format!("## 概要\n\n{c} 是 Kubernetes 的一个组件。\n\n```\n{c} [flags]\n```"))
            .collect();
        let chrome = ChromeModel::learn(bodies.iter().map(String::as_str));
        let mut article = Article::new("zh-cn/kubelet", "", bodies[2].as_str());
        article.source =
            Some("docs/zh-cn/docs/reference/command-line-tools-reference/kubelet.md".into());
        let p = prepare(article, &chrome).unwrap();
        assert_eq!(p.title, "kubelet");
        assert_eq!(
            p.passages[0].heading_path,
            ["概要"],
            "the heading stays a heading"
        );
        assert_eq!(
            title_from_source("docs/uk/docs/concepts/workloads/_index.md").as_deref(),
            Some("workloads")
        );
        assert_eq!(
            title_from_source("kb/kube-proxy.md").as_deref(),
            Some("kube proxy")
        );
    }

    #[test]
    fn ids_follow_the_common_folder_of_the_roots_and_folders_name_languages() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        for lang in ["en", "zh-cn", "uk"] {
            let folder = docs.join(lang).join("concepts");
            std::fs::create_dir_all(&folder).unwrap();
            let title = match lang {
                "zh-cn" => "组件",
                "uk" => "Компоненти",
                _ => "Components",
            };
            // The body is identifiers only; the title is in the folder's language.
            std::fs::write(
                folder.join("components.md"),
                format!("---\ntitle: {title}\n---\nkube-apiserver, etcd, kube-scheduler"),
            )
            .unwrap();
            std::fs::write(docs.join(lang).join("_index.md"), "Kubernetes").unwrap();
        }
        let roots: Vec<PathBuf> = ["en", "zh-cn"].iter().map(|l| docs.join(l)).collect();
        let (files, _) = collect_files(&roots);
        let ids: Vec<String> = files.iter().map(|(p, base)| file_id(p, base)).collect();
        assert_eq!(
            ids,
            [
                "en/_index",
                "en/concepts/components",
                "zh-cn/_index",
                "zh-cn/concepts/components"
            ]
        );
        // One root keeps ids relative to it.
        let (files, _) = collect_files(&[docs.join("uk")]);
        let ids: Vec<String> = files.iter().map(|(p, base)| file_id(p, base)).collect();
        assert_eq!(ids, ["_index", "concepts/components"]);
        // The folder language wins over detection of an identifier-only body.
        let path = docs.join("zh-cn/concepts/components.md");
        let Some(Record::Article(a)) = read_file(&path, &docs, ReadLimits::default())
            .unwrap()
            .next()
        else {
            panic!("no article");
        };
        assert_eq!(a.lang.as_deref(), Some("zh-cn"));
        assert_eq!(
            prepare(a, &ChromeModel::default()).unwrap().lang,
            Lang::ZhHans
        );
        assert_eq!(
            folder_lang(Path::new("site/content/uk/docs/a.md")).as_deref(),
            Some("uk")
        );
        assert_eq!(folder_lang(Path::new("kb/api/docs/a.md")), None);
        // A folder named like a language of another script than the text's is not trusted.
        std::fs::create_dir_all(docs.join("regions/uk")).unwrap();
        let path = docs.join("regions/uk/pricing.md");
        std::fs::write(
            &path,
            "Prices in the United Kingdom include VAT at 20 percent.",
        )
        .unwrap();
        let Some(Record::Article(a)) = read_file(&path, &docs, ReadLimits::default())
            .unwrap()
            .next()
        else {
            panic!("no article");
        };
        assert_eq!(a.lang, None);
        assert!(written_in_script_of("zh-cn", "kubectl get pods 获取"));
        assert!(written_in_script_of("vi", "kubectl get pods"));
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
    }

    #[test]
    fn every_language_tag_is_kept_and_bad_ones_are_noted_not_refused() {
        let prepared = |lang: &str, body: &str| {
            prepare(
                Article::new("x", "", body).with_lang(lang),
                &ChromeModel::default(),
            )
            .unwrap()
        };
        let de = prepared(
            "de-DE",
            "Der Kundenservice-Manager ist für die Schulung des Teams verantwortlich.",
        );
        assert_eq!((de.lang.code(), de.notes.len()), ("de-DE", 0));
        // A template's `ru` on a Ukrainian page.
        let uk = prepared(
            "ru",
            "Менеджер з обслуговування клієнтів відповідає за якість підтримки.",
        );
        assert_eq!(uk.lang, Lang::Uk);
        assert!(
            uk.notes[0].contains("declared language \"ru\""),
            "{:?}",
            uk.notes
        );
        // Russian stays Russian.
        let ru = prepared(
            "ru",
            "Менеджер по обслуживанию клиентов отвечает за качество ответов.",
        );
        assert_eq!(ru.lang.code(), "ru");
        // Not a tag: detected, and said.
        let bad = prepared(
            "??",
            "Der Kundenservice-Manager ist für die Schulung des Teams und die Qualität der Antworten verantwortlich.",
        );
        assert_eq!(bad.lang.code(), "de");
        assert!(bad.notes[0].contains("not a BCP 47 tag"), "{:?}", bad.notes);
    }
}
