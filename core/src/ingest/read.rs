//! Reading one file into records: the whole-file checks and size limits, [`formats::parse`] for
//! files read whole, JSONL streamed one line at a time in its detected encoding, bad records
//! skipped with their position (at most [`MAX_SKIPPED_PER_FILE`] listed), decoding notices, and
//! a parsed record made an [`Article`] ([`to_article`]).

use std::path::{Path, PathBuf};

use super::files::{Skipped, UNSUPPORTED_FILE_TYPE, file_id, folder_lang, written_in_script_of};
use super::formats::{self, Format, RawArticle};
use super::{clean, decode};
use crate::article::Article;
use crate::error::{KbError, Result};

/// Largest file read by default (bytes); larger files are skipped with a reason.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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
    /// A good article (boxed: an article is much larger than a skip note).
    Article(Box<Article>),
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
    let mut parsed = formats::parse(format, &bytes).map_err(|source| KbError::Format {
        path: path.to_path_buf(),
        source,
    })?;
    drop(bytes);
    let notices = std::mem::take(&mut parsed.notes).into_iter().map(|reason| {
        Record::Notice(Skipped {
            path: path.display().to_string(),
            reason,
        })
    });
    let single = parsed.articles.len() == 1;
    let mut records: Vec<Record> = notices.collect();
    if let Some((side_path, side)) = sidecar_of(path) {
        match side {
            Ok(side) => parsed
                .articles
                .iter_mut()
                .for_each(|raw| raw.apply_sidecar(&side)),
            Err(reason) => records.push(Record::Notice(Skipped {
                path: side_path.display().to_string(),
                reason: format!("{reason}; its metadata was not applied"),
            })),
        }
    }
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
                return Some(Record::Article(Box::new(to_article(
                    raw,
                    fallback_id,
                    Some(self.path.display().to_string()),
                ))));
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

/// A file over a size limit, as an I/O error naming the limit and its option.
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

/// The sidecar of a file (`FILE.meta.json`), when there is one: its path and its metadata or
/// why it cannot be read.
fn sidecar_of(path: &Path) -> Option<(PathBuf, std::result::Result<RawArticle, String>)> {
    let mut name = path.file_name()?.to_os_string();
    name.push(super::files::SIDECAR_SUFFIX);
    let side_path = path.with_file_name(name);
    let text = match std::fs::read(&side_path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => return Some((side_path, Err(format!("cannot read: {e}")))),
        Ok(bytes) => bytes,
    };
    let side = String::from_utf8(text)
        .map_err(|_| "not UTF-8".to_string())
        .and_then(|text| formats::json::parse_sidecar(&text).map_err(|e| e.to_string()));
    Some((side_path, side))
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
        category: raw.category,
        updated: raw.updated,
        verified: raw.verified,
        expires: raw.expires,
        group: raw.group,
        alternates: raw.alternates,
        meta: raw.meta,
        source,
        reader_removed: clean::ReaderRemovals(raw.removed),
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    fn records(path: &Path, limits: ReadLimits) -> (Vec<Article>, Vec<String>) {
        let mut articles = Vec::new();
        let mut skipped = Vec::new();
        for record in read_file(path, path.parent().unwrap(), limits).unwrap() {
            match record {
                Record::Article(a) => articles.push(*a),
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
}
