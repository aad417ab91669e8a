//! Format readers: file bytes (txt, md, html, json, jsonl) → raw articles in light Markdown.
//!
//! Every reader produces the same body format, "light Markdown": paragraphs
//! separated by a blank line, headings as `#`×level + space + text, list items
//! (and table rows, definition terms) as consecutive single lines, list items
//! prefixed with `- `. Nothing else is interpreted by later stages.

use std::path::Path;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use super::decode::normalize_newlines;
use super::templates;

/// The formats kbsearch reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt`, `.text`).
    Text,
    /// Markdown with optional front matter (`.md`, `.markdown`).
    Markdown,
    /// An HTML page (`.html`, `.htm`).
    Html,
    /// One JSON object or an array of objects (`.json`).
    Json,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    JsonLines,
}

impl Format {
    /// From a path's extension (case-insensitive): txt/text → Text, md/markdown → Markdown,
    /// html/htm → Html, json → Json, jsonl/ndjson → `JsonLines`; else None.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

/// An article as read from a file, before cleaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    /// Identifier declared by the source (front matter / JSON `id`), if any.
    pub id: Option<String>,
    /// Title declared by the source (front matter, JSON, HTML h1 or `<title>`), if any.
    pub title: Option<String>,
    /// The body in light Markdown.
    pub body: String,
    /// Language code declared by the source, if any.
    pub lang: Option<String>,
    /// Canonical URL declared by the source, if any.
    pub url: Option<String>,
    /// Tags declared by the source (trimmed, non-empty).
    pub tags: Vec<String>,
    /// ISO date YYYY-MM-DD when the source declares one (front matter `updated`/`date`,
    /// JSON `updated`, HTML meta article:modified_time).
    pub updated: Option<String>,
    /// Blocks the reader dropped before cleaning (HTML page boilerplate), with reasons:
    /// carried to `PreparedArticle::removed` for `--explain`.
    pub removed: Vec<super::clean::RemovedLine>,
}

/// What parsing one file produced: the good articles, and one error per bad record (a bad
/// JSONL line or a bad element of a JSON array) — the good records are never lost because
/// of a bad one.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The articles read successfully, in file order.
    pub articles: Vec<RawArticle>,
    /// One error per record that could not be read, in file order.
    pub errors: Vec<FormatError>,
    /// What the report should say about the file (how it was decoded).
    pub notes: Vec<String>,
}

impl Parsed {
    fn single(article: RawArticle) -> Parsed {
        Parsed {
            articles: vec![article],
            ..Parsed::default()
        }
    }

    fn push(&mut self, record: Result<RawArticle, FormatError>) {
        match record {
            Ok(article) => self.articles.push(article),
            Err(error) => self.errors.push(error),
        }
    }
}

/// Why a file or a record could not be read. Messages never contain the file path (the
/// caller prefixes it) but always say where: line/column, record index, field name.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FormatError {
    /// The file contains NUL bytes and is not UTF-16 text.
    #[error("binary file (contains NUL bytes)")]
    Binary,
    /// The file is empty or whitespace-only.
    #[error("empty file")]
    Empty,
    /// A JSON syntax error (for JSONL, `line` is the file line of the bad record).
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line in the file.
        line: usize,
        /// 1-based column, counted in characters.
        column: usize,
        /// The parser's description of the problem.
        message: String,
    },
    /// A known field of a JSON record is missing, empty or of the wrong type.
    #[error("record {record}: field `{field}`: {message}")]
    Field {
        /// JSONL: 1-based line; JSON array: 1-based element index; single object: 1.
        record: usize,
        /// The field's name as written in the record.
        field: &'static str,
        /// What is wrong with it.
        message: String,
    },
    /// A JSON record (array element or JSONL line) is not an object.
    #[error("record {record}: expected a JSON object, found {found}")]
    NotObject {
        /// JSONL: 1-based line; JSON array: 1-based element index.
        record: usize,
        /// The JSON type found instead (`string`, `number`, `array`, …).
        found: &'static str,
    },
    /// A `.json` file whose top-level value is neither an object nor an array.
    #[error("expected a JSON object or an array of objects at the top level, found {found}")]
    NotArticles {
        /// The JSON type found instead.
        found: &'static str,
    },
    /// A Markdown or HTML file with no readable text once markup and page chrome are removed.
    #[error("no readable text (only markup, front matter or page chrome)")]
    NoContent,
    /// An HTML page whose every text block is page boilerplate (navigation, footer, share
    /// bar, cookie banner, …): no article.
    #[error("only page boilerplate, no main content (removed: {rules})")]
    OnlyBoilerplate {
        /// The removal rules that matched, e.g. `html-navigation, html-footer`.
        rules: String,
    },
}

/// Parse one file's bytes, in any encoding ([`super::decode`]). Whole-file problems
/// (binary, empty/whitespace-only, a .json that is not valid JSON) are Err; per-record
/// problems go into Parsed.errors; a text that was not plain UTF-8 is said in Parsed.notes.
///
/// # Errors
/// [`FormatError::Binary`], [`FormatError::Empty`] for any format; [`FormatError::Json`] /
/// [`FormatError::NotArticles`] for a `.json` file that is not JSON or not object(s);
/// [`FormatError::NoContent`] for Markdown/HTML without text.
pub fn parse(format: Format, bytes: &[u8]) -> Result<Parsed, FormatError> {
    let decoded = super::decode::decode(bytes, format == Format::Html)?;
    let note = decoded.note();
    let text = decoded.text;
    let mut parsed = match format {
        Format::Text => Parsed::single(RawArticle {
            body: text,
            ..RawArticle::default()
        }),
        Format::Markdown => parse_markdown(&text).map(Parsed::single)?,
        Format::Html => super::html::parse_html(&text).map(Parsed::single)?,
        Format::Json => parse_json(&text)?,
        Format::JsonLines => parse_json_lines(&text),
    };
    parsed.notes.extend(note);
    Ok(parsed)
}

/// The `YYYY-MM-DD` prefix of a date or date-time string, if it has a plausible one.
pub(super) fn iso_date(value: &str) -> Option<String> {
    let value = value.trim();
    let b = value.as_bytes();
    if b.len() < 10 || (b.len() > 10 && b[10].is_ascii_digit()) {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| value[..10].to_owned())
}

/// Trimmed, `None` when empty.
pub(super) fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

// ───────────────────────── light Markdown builder ─────────────────────────

/// How a structural element (HTML element or Markdown tag) affects the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Action {
    /// Inline: no effect on structure.
    Inline,
    /// A structural element inside a heading or table cell: only a word boundary.
    Space,
    /// A block: its text becomes a paragraph.
    Block,
    /// A heading of this level (1–6).
    Heading(u8),
    /// A list item: its first paragraph becomes `- text`.
    Item,
    /// A one-line block (dt/dd): consecutive ones are not separated by blank lines.
    Line,
    /// A table row: cells joined by " | ".
    Row,
    /// A table cell.
    Cell,
    /// Preformatted text: lines kept as they are.
    Pre,
}

/// What kind of block ended up in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Heading(u8),
    Item,
    Line,
    /// Preformatted text, rendered as a ```` ``` ```` fenced block: never cleaned or sectioned.
    Code,
    /// Where a reader dropped a block (not rendered; see [`Body::gap`]).
    Gap,
}

/// Accumulates text and structure events and renders light Markdown.
#[derive(Debug, Default)]
pub(super) struct Body {
    blocks: Vec<(Kind, String)>,
    /// Text of the block being built; `\n` marks an explicit line break, other whitespace is ' '.
    buf: String,
    /// > 0 inside a heading or table cell: inner structure is flattened into one line.
    capture: usize,
    /// > 0 inside preformatted text.
    pre: usize,
    /// > 0 inside a dt/dd-like one-line block.
    lines: usize,
    /// A list item started and its first text has not been emitted yet.
    pending_item: bool,
    /// Cells of the table row being built.
    row: Option<Vec<String>>,
    /// Text of the first level-1 heading.
    first_h1: Option<String>,
}

impl Body {
    /// Start a structural element; returns the action to pass to [`Body::close`].
    pub(super) fn open(&mut self, action: Action) -> Action {
        if matches!(action, Action::Inline | Action::Space) {
            return action;
        }
        if self.capture > 0 {
            self.buf.push(' ');
            return Action::Space;
        }
        self.flush();
        match action {
            Action::Heading(_) | Action::Cell => self.capture += 1,
            Action::Item => self.pending_item = true,
            Action::Line => self.lines += 1,
            Action::Row => self.row = Some(Vec::new()),
            Action::Pre => self.pre += 1,
            Action::Inline | Action::Space | Action::Block => {}
        }
        action
    }

    /// End a structural element opened with [`Body::open`].
    pub(super) fn close(&mut self, action: Action) {
        match action {
            Action::Inline => {}
            Action::Space => self.buf.push(' '),
            Action::Block => self.flush(),
            Action::Heading(level) => {
                self.capture -= 1;
                let text = one_line(&std::mem::take(&mut self.buf));
                if !text.is_empty() {
                    if level == 1 && self.first_h1.is_none() {
                        self.first_h1 = Some(text.clone());
                    }
                    self.blocks.push((Kind::Heading(level), text));
                }
            }
            Action::Cell => {
                self.capture -= 1;
                let text = one_line(&std::mem::take(&mut self.buf));
                match &mut self.row {
                    _ if text.is_empty() => {}
                    Some(cells) => cells.push(text),
                    None => self.blocks.push((Kind::Para, text)),
                }
            }
            Action::Item => {
                self.flush();
                self.pending_item = false;
            }
            Action::Line => {
                self.flush();
                self.lines -= 1;
            }
            Action::Row => {
                self.flush();
                if let Some(cells) = self.row.take().filter(|cells| !cells.is_empty()) {
                    self.blocks.push((Kind::Line, cells.join(" | ")));
                }
            }
            Action::Pre => {
                self.flush();
                self.pre -= 1;
            }
        }
    }

    /// Append text (whitespace collapsed later unless inside preformatted text).
    pub(super) fn text(&mut self, text: &str) {
        if self.pre > 0 && self.capture == 0 {
            self.buf.push_str(text);
        } else {
            self.buf.extend(
                text.chars()
                    .map(|c| if c.is_whitespace() { ' ' } else { c }),
            );
        }
    }

    /// An explicit line break (`<br>`, Markdown hard break).
    pub(super) fn line_break(&mut self) {
        self.buf.push(if self.capture > 0 { ' ' } else { '\n' });
    }

    /// Emit the buffered text as a block (paragraph, list item or line).
    pub(super) fn flush(&mut self) {
        let raw = std::mem::take(&mut self.buf);
        let text = if self.pre > 0 {
            pre_text(&raw)
        } else {
            collapse_lines(&raw)
        };
        if text.is_empty() {
            return;
        }
        let kind = if self.pre > 0 {
            Kind::Code
        } else if self.pending_item {
            self.pending_item = false;
            Kind::Item
        } else if self.lines > 0 {
            Kind::Line
        } else {
            Kind::Para
        };
        let text = match kind {
            Kind::Para => defuse_heading_lines(&text),
            Kind::Code => text,
            _ => text.replace('\n', " "),
        };
        self.blocks.push((kind, text));
    }

    /// Mark the place of a block the reader dropped (nothing is rendered for it).
    pub(super) fn gap(&mut self) {
        if self.capture > 0 {
            return;
        }
        self.flush();
        if self
            .blocks
            .last()
            .is_some_and(|(kind, _)| *kind != Kind::Gap)
        {
            self.blocks.push((Kind::Gap, String::new()));
        }
    }

    /// Remove the headings (level 2 and below) whose whole section was dropped: only gaps
    /// follow them up to the next heading of the same or a higher level, or the end of the
    /// body ("Related articles" over a dropped link list). Returns their texts.
    pub(super) fn drop_orphan_headings(&mut self) -> Vec<String> {
        self.flush();
        let mut orphans = Vec::new();
        let mut keep = vec![true; self.blocks.len()];
        for (at, (kind, text)) in self.blocks.iter().enumerate() {
            let Kind::Heading(level) = *kind else {
                continue;
            };
            if level == 1 {
                continue;
            }
            let next = self.blocks[at + 1..]
                .iter()
                .position(|(kind, _)| *kind != Kind::Gap)
                .map(|n| at + 1 + n);
            let gaps = next.unwrap_or(self.blocks.len()) - at - 1;
            let closes = match next {
                None => true,
                Some(n) => matches!(self.blocks[n].0, Kind::Heading(l) if l <= level),
            };
            if closes && gaps > 0 {
                keep[at] = false;
                orphans.push(text.clone());
            }
        }
        let mut keep = keep.into_iter();
        self.blocks.retain(|_| keep.next().unwrap_or(true));
        orphans
    }

    /// Render the blocks as light Markdown.
    pub(super) fn finish(mut self) -> (String, Option<String>) {
        self.flush();
        self.blocks.retain(|(kind, _)| *kind != Kind::Gap);
        let mut out = String::new();
        let mut prev: Option<Kind> = None;
        for (kind, text) in &self.blocks {
            if let Some(prev) = prev {
                let tight = matches!(prev, Kind::Item | Kind::Line)
                    && matches!(kind, Kind::Item | Kind::Line);
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            match kind {
                Kind::Heading(level) => {
                    out.extend(std::iter::repeat_n('#', usize::from(*level)));
                    out.push(' ');
                }
                Kind::Item => out.push_str("- "),
                Kind::Code => out.push_str("```\n"),
                Kind::Para | Kind::Line | Kind::Gap => {}
            }
            out.push_str(text);
            if *kind == Kind::Code {
                out.push_str("\n```");
            }
            prev = Some(*kind);
        }
        (out, self.first_h1)
    }
}

/// Paragraph lines that would read as light-Markdown headings (`# not a heading` in a `<p>`)
/// get one leading space, so later stages do not start a section there.
fn defuse_heading_lines(text: &str) -> String {
    let looks_like_heading = |line: &str| {
        let hashes = line.len() - line.trim_start_matches('#').len();
        (1..=6).contains(&hashes) && line[hashes..].chars().next().is_none_or(|c| c == ' ')
    };
    if !text.split('\n').any(looks_like_heading) {
        return text.to_owned();
    }
    text.split('\n')
        .map(|line| {
            if looks_like_heading(line) {
                format!(" {line}")
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whitespace runs → one space, per explicit line; empty lines dropped.
fn collapse_lines(raw: &str) -> String {
    raw.split('\n')
        .map(one_line)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// All whitespace (including line breaks) collapsed to single spaces.
pub(super) fn one_line(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Preformatted text: trailing spaces and blank lines removed (so it stays one block); a line
/// that would close the fence it is rendered in gets a leading space.
fn pre_text(raw: &str) -> String {
    raw.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let t = l.trim_start();
            if t.starts_with("```") || t.starts_with("~~~") {
                format!(" {l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

// ───────────────────────────── Markdown ─────────────────────────────

/// Metadata read from front matter.
#[derive(Debug, Default)]
struct FrontMatter {
    id: Option<String>,
    title: Option<String>,
    /// Hugo's short title for menus, used when there is no `title`.
    link_title: Option<String>,
    lang: Option<String>,
    url: Option<String>,
    tags: Vec<String>,
    updated: Option<String>,
    date: Option<String>,
}

fn parse_markdown(text: &str) -> Result<RawArticle, FormatError> {
    let (front, markdown) = split_front_matter(text);
    let front = front.unwrap_or_default();
    let (body, _) = markdown_to_body(&templates::strip_templates(markdown, MARKDOWN_OPTIONS));
    if body.is_empty() {
        return Err(FormatError::NoContent);
    }
    Ok(RawArticle {
        id: front.id,
        title: front.title.or(front.link_title),
        body,
        lang: front.lang,
        url: front.url,
        tags: front.tags,
        updated: front.updated.or(front.date),
        removed: Vec::new(),
    })
}

/// Splits `---` … `---` (YAML) or `+++` … `+++` (TOML) front matter off the top. Returns no
/// front matter (and the whole text) when the block is not closed or does not start with a
/// `key: value` (`key = value`) line (e.g. a leading thematic break); later lines that are
/// not `key: value`, `- item`, indented continuations or comments are ignored.
fn split_front_matter(text: &str) -> (Option<FrontMatter>, &str) {
    let Some(first_end) = text.find('\n') else {
        return (None, text);
    };
    let (separator, closers): (char, &[&str]) = match text[..first_end].trim_end() {
        "---" => (':', &["---", "..."]),
        "+++" => ('=', &["+++"]),
        _ => return (None, text),
    };
    let mut pos = first_end + 1;
    let mut lines = Vec::new();
    loop {
        if pos >= text.len() {
            return (None, text);
        }
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = &text[pos..end];
        pos = (end + 1).min(text.len());
        if closers.contains(&line.trim_end()) {
            break;
        }
        lines.push(line);
    }
    match parse_front_matter(&lines, separator) {
        Some(front) => (Some(front), &text[pos..]),
        None => (None, text),
    }
}

fn parse_front_matter(lines: &[&str], separator: char) -> Option<FrontMatter> {
    let mut front = FrontMatter::default();
    let mut list_key: Option<String> = None;
    let mut keys = 0;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed
            .strip_prefix('-')
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            if list_key.as_deref() == Some("tags") {
                front.tags.extend(non_empty(&unquote(item)));
            }
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue; // continuation of a value we do not read
        }
        let pair = trimmed.split_once(separator).filter(|(key, _)| {
            let key = key.trim();
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        });
        let Some((key, value)) = pair else {
            if keys == 0 {
                return None;
            }
            list_key = None;
            continue; // e.g. an HTML comment or a TOML table header
        };
        keys += 1;
        let key = key.trim();
        let key = key.to_lowercase();
        let raw_value = value.trim();
        list_key = raw_value.is_empty().then(|| key.clone());
        let value = unquote(raw_value);
        match key.as_str() {
            "id" => front.id = non_empty(&value),
            "title" => front.title = non_empty(&value),
            "linktitle" => front.link_title = non_empty(&value),
            "lang" | "language" => front.lang = non_empty(&value),
            "url" => front.url = non_empty(&value),
            "updated" => front.updated = iso_date(&value),
            "date" => front.date = iso_date(&value),
            "tags" => {
                let inner = raw_value
                    .strip_prefix('[')
                    .and_then(|v| v.strip_suffix(']'));
                let list = inner.unwrap_or(&value);
                front
                    .tags
                    .extend(list.split(',').filter_map(|t| non_empty(&unquote(t))));
            }
            _ => {}
        }
    }
    Some(front)
}

/// A YAML-ish scalar: quotes removed, or an unquoted value's ` # comment` removed.
fn unquote(value: &str) -> String {
    let value = value.trim();
    if value.len() >= 2 {
        if let Some(inner) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
            return inner.replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
            return inner.replace("''", "'");
        }
    }
    match value.find(" #") {
        Some(i) => value[..i].trim_end().to_owned(),
        None => value.to_owned(),
    }
}

/// Markdown → light Markdown body, plus the first level-1 heading.
/// The Markdown extensions read.
const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

fn markdown_to_body(markdown: &str) -> (String, Option<String>) {
    let options = MARKDOWN_OPTIONS;
    let mut body = Body::default();
    let mut actions: Vec<Action> = Vec::new();
    let mut html: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(tag) => {
                let action = match tag {
                    Tag::Paragraph
                    | Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::FootnoteDefinition(_)
                    | Tag::Table(_)
                    | Tag::DefinitionList => Action::Block,
                    Tag::HtmlBlock => {
                        html = Some(String::new());
                        Action::Block
                    }
                    Tag::Heading { level, .. } => Action::Heading(level as u8),
                    Tag::CodeBlock(_) => Action::Pre,
                    Tag::Item => Action::Item,
                    Tag::DefinitionListTitle | Tag::DefinitionListDefinition => Action::Line,
                    Tag::TableHead | Tag::TableRow => Action::Row,
                    Tag::TableCell => Action::Cell,
                    _ => Action::Inline,
                };
                actions.push(body.open(action));
            }
            Event::End(end) => {
                if let Some(raw) = html.take_if(|_| end == TagEnd::HtmlBlock) {
                    for line in strip_tags(&raw).lines() {
                        body.text(line);
                        body.line_break();
                    }
                }
                if let Some(action) = actions.pop() {
                    body.close(action);
                }
            }
            Event::Html(raw) => match &mut html {
                Some(buf) => buf.push_str(&raw),
                None => body.text(&strip_tags(&raw)),
            },
            Event::InlineHtml(raw) => {
                if is_br_tag(&raw) {
                    body.line_break();
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                body.text(&t)
            }
            Event::SoftBreak => body.text(" "),
            Event::HardBreak => body.line_break(),
            Event::Rule => body.flush(),
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    body.finish()
}

fn is_br_tag(raw: &str) -> bool {
    let tag = raw
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    tag.eq_ignore_ascii_case("br")
}

/// Simple tag stripper for Markdown HTML blocks: tags and comments removed (block-level
/// tags become line breaks, inline tags vanish), script/style content dropped, common entities decoded.
pub(super) fn strip_tags(html: &str) -> String {
    const BLOCK_TAGS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "blockquote",
        "section",
        "article",
        "pre",
        "dt",
        "dd",
        "hr",
        "details",
        "summary",
    ];
    let mut out = String::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..start]));
        let tag_text = &rest[start..];
        if let Some(comment) = tag_text.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |i| &comment[i + 3..]);
            continue;
        }
        let Some(end) = tag_text.find('>') else {
            out.push_str(&decode_entities(tag_text));
            rest = "";
            break;
        };
        let inner = &tag_text[1..end];
        let name = inner
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &tag_text[end + 1..];
        if !inner.starts_with('/') && (name == "script" || name == "style") {
            let close = format!("</{name}");
            let lower = rest.to_ascii_lowercase();
            rest = lower.find(&close).map_or("", |i| {
                let after = &rest[i..];
                after.find('>').map_or("", |j| &after[j + 1..])
            });
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push('\n');
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

/// Decodes the common named entities and numeric character references.
fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let decoded = rest.find(';').filter(|&j| j <= 10).and_then(|j| {
            let entity = &rest[1..j];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => {
                    let num = entity.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, j + 1))
        });
        let (c, len) = decoded.unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

// ───────────────────────────── JSON ─────────────────────────────

fn parse_json(text: &str) -> Result<Parsed, FormatError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(text, e.line(), &e))?;
    let mut parsed = Parsed::default();
    match value {
        Value::Array(items) => {
            for (i, item) in items.into_iter().enumerate() {
                parsed.push(record_from_value(i + 1, item));
            }
        }
        Value::Object(_) => parsed.push(record_from_value(1, value)),
        other => {
            return Err(FormatError::NotArticles {
                found: json_kind(&other),
            });
        }
    }
    Ok(parsed)
}

fn parse_json_lines(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    for (i, line) in text.split('\n').enumerate() {
        if let Some(result) = parse_json_line(i + 1, line) {
            parsed.push(result);
        }
    }
    parsed
}

/// One JSONL line (`record` is its 1-based line number, used in errors); `None` for a blank
/// line. Lets large JSONL files be read one line at a time.
pub fn parse_json_line(record: usize, line: &str) -> Option<Result<RawArticle, FormatError>> {
    if line.trim().is_empty() {
        return None;
    }
    Some(
        serde_json::from_str::<Value>(line)
            .map_err(|e| json_error(line, record, &e))
            .and_then(|value| record_from_value(record, value)),
    )
}

/// A `serde_json` error as [`FormatError::Json`]: `line` is the file line to report, the
/// column is converted from `serde_json`'s byte column to a character column, and the
/// " at line L column C" suffix is removed from the message.
fn json_error(text: &str, line: usize, error: &serde_json::Error) -> FormatError {
    let line_text = text
        .split('\n')
        .nth(error.line().saturating_sub(1))
        .unwrap_or("");
    let column = match error.column() {
        0 => 0,
        byte_column => {
            let mut end = (byte_column - 1).min(line_text.len());
            while !line_text.is_char_boundary(end) {
                end -= 1;
            }
            line_text[..end].chars().count() + 1
        }
    };
    let message = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    FormatError::Json {
        line,
        column,
        message,
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn field_error(record: usize, field: &'static str, message: impl Into<String>) -> FormatError {
    FormatError::Field {
        record,
        field,
        message: message.into(),
    }
}

/// An optional string field (null or absent → None; blank → None).
fn opt_string(
    map: &Map<String, Value>,
    record: usize,
    field: &'static str,
) -> Result<Option<String>, FormatError> {
    match map.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(non_empty(s)),
        Some(other) => Err(field_error(
            record,
            field,
            format!("expected a string, found {}", json_kind(other)),
        )),
    }
}

fn record_from_value(record: usize, value: Value) -> Result<RawArticle, FormatError> {
    let map = match value {
        Value::Object(map) => map,
        other => {
            return Err(FormatError::NotObject {
                record,
                found: json_kind(&other),
            });
        }
    };

    let (field, body) = ["body", "text", "content"]
        .into_iter()
        .find_map(|f| map.get(f).filter(|v| !v.is_null()).map(|v| (f, v)))
        .ok_or_else(|| {
            field_error(
                record,
                "body",
                "missing (expected `body`, `text` or `content`)",
            )
        })?;
    let body = match body {
        Value::String(s) if s.trim().is_empty() => {
            return Err(field_error(record, field, "is empty"));
        }
        Value::String(s) => normalize_newlines(s),
        other => {
            return Err(field_error(
                record,
                field,
                format!("expected a string, found {}", json_kind(other)),
            ));
        }
    };

    let id = match map.get("id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => non_empty(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(field_error(
                record,
                "id",
                format!("expected a string or a number, found {}", json_kind(other)),
            ));
        }
    };

    let tags = match map.get("tags") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => s.split(',').filter_map(non_empty).collect(),
        Some(Value::Array(items)) => {
            let mut tags = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => tags.extend(non_empty(s)),
                    other => {
                        let message = format!(
                            "element {} is not a string (found {})",
                            i + 1,
                            json_kind(other)
                        );
                        return Err(field_error(record, "tags", message));
                    }
                }
            }
            tags
        }
        Some(other) => {
            let message = format!(
                "expected an array of strings or a comma-separated string, found {}",
                json_kind(other)
            );
            return Err(field_error(record, "tags", message));
        }
    };

    let updated = match opt_string(&map, record, "updated")? {
        None => None,
        Some(s) => Some(iso_date(&s).ok_or_else(|| {
            field_error(
                record,
                "updated",
                format!("expected a date like 2025-05-06, found {s:?}"),
            )
        })?),
    };

    Ok(RawArticle {
        id,
        title: opt_string(&map, record, "title")?,
        body,
        lang: opt_string(&map, record, "lang")?,
        url: opt_string(&map, record, "url")?,
        tags,
        updated,
        removed: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::html::nests_deeper_than;
    use scraper::Html;

    fn one(format: Format, text: &str) -> RawArticle {
        let parsed = parse(format, text.as_bytes()).expect("file parses");
        assert!(
            parsed.errors.is_empty(),
            "unexpected errors: {:?}",
            parsed.errors
        );
        assert_eq!(parsed.articles.len(), 1);
        parsed.articles.into_iter().next().expect("one article")
    }

    #[test]
    fn format_from_extension_is_case_insensitive() {
        assert_eq!(Format::from_path(Path::new("kb/a.TXT")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.text")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("a.Md")), Some(Format::Markdown));
        assert_eq!(
            Format::from_path(Path::new("a.markdown")),
            Some(Format::Markdown)
        );
        assert_eq!(Format::from_path(Path::new("a.HTM")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("a.html")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("a.json")), Some(Format::Json));
        assert_eq!(
            Format::from_path(Path::new("a.jsonl")),
            Some(Format::JsonLines)
        );
        assert_eq!(
            Format::from_path(Path::new("a.NDJSON")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::from_path(Path::new("a.pdf")), None);
        assert_eq!(Format::from_path(Path::new("README")), None);
    }

    #[test]
    fn markdown_front_matter_and_ukrainian_headings() {
        let md = "---\n\
id: uk-cspm-001\n\
title: \"Що таке менеджер з обслуговування клієнтів?\"\n\
lang: uk\n\
url: 'https://help.example.com/uk/cspm'\n\
tags: [обслуговування, \"менеджмент\"]\n\
updated: 2025-07-13T09:30:00Z\n\
author: Guru   # unknown key, ignored\n\
---\n\
# Що таке менеджер з обслуговування клієнтів?\n\
\n\
Менеджер по виконанню обов'язків з обслуговування клієнтів (CSPM) відіграє **важливу** роль.\n\
Він ставить за мету підвищення якості [підтримки](https://example.com/support) клієнтів.\n\
\n\
## Відповідальності\n\
\n\
- Стратегічне *планування*\n\
- Контроль щоденних операцій\n\
  - Звітність для `керівництва`\n\
\n\
![Схема процесу](diagram.png)\n";
        let a = one(Format::Markdown, md);
        assert_eq!(a.id.as_deref(), Some("uk-cspm-001"));
        assert_eq!(
            a.title.as_deref(),
            Some("Що таке менеджер з обслуговування клієнтів?")
        );
        assert_eq!(a.lang.as_deref(), Some("uk"));
        assert_eq!(a.url.as_deref(), Some("https://help.example.com/uk/cspm"));
        assert_eq!(a.tags, vec!["обслуговування", "менеджмент"]);
        assert_eq!(a.updated.as_deref(), Some("2025-07-13"));
        assert_eq!(
            a.body,
            "# Що таке менеджер з обслуговування клієнтів?\n\n\
Менеджер по виконанню обов'язків з обслуговування клієнтів (CSPM) відіграє важливу роль. \
Він ставить за мету підвищення якості підтримки клієнтів.\n\n\
## Відповідальності\n\n\
- Стратегічне планування\n\
- Контроль щоденних операцій\n\
- Звітність для керівництва\n\n\
Схема процесу"
        );
    }

    #[test]
    fn markdown_setext_headings_vietnamese() {
        let md = "Hướng dẫn đặt lại mật khẩu\n==========================\n\n\
Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng.\n\n\
Các bước thực hiện\n------------------\n\nDưới đây là các nhiệm vụ chính.\n";
        let a = one(Format::Markdown, md);
        assert_eq!(
            a.title, None,
            "without front matter the title is left to cleaning"
        );
        assert_eq!(
            a.body,
            "# Hướng dẫn đặt lại mật khẩu\n\n\
Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng.\n\n\
## Các bước thực hiện\n\nDưới đây là các nhiệm vụ chính."
        );
    }

    #[test]
    fn markdown_tables_code_html_quotes_breaks_and_item_tags() {
        let md = "---\n\
title: 客服经理的核心技能\n\
tags:\n\
  - 客服\n\
  - \"团队管理\"\n\
date: 2025-05-06\n\
---\n\
问:客服经理需要具备哪些核心技能?\n\
\n\
| 技能 | 说明 |\n\
|------|------|\n\
| 沟通 | 清晰传达**工作**要求 |\n\
| 协调 | 跨部门协作 |\n\
\n\
```text\n\
第一步\n\
\n\
第二步\n\
```\n\
\n\
<div class=\"note\"><p>请&amp;注意:<b>升级</b>投诉</p><script>alert('x')</script></div>\n\
\n\
> 跨部门协作是客服经理高效工作的保障。\n\
\n\
第一行\\\n\
第二行\n";
        let a = one(Format::Markdown, md);
        assert_eq!(a.title.as_deref(), Some("客服经理的核心技能"));
        assert_eq!(a.tags, vec!["客服", "团队管理"]);
        assert_eq!(
            a.updated.as_deref(),
            Some("2025-05-06"),
            "`date` is used when there is no `updated`"
        );
        assert_eq!(
            a.body,
            "问:客服经理需要具备哪些核心技能?\n\n\
技能 | 说明\n沟通 | 清晰传达工作要求\n协调 | 跨部门协作\n\n\
```\n第一步\n第二步\n```\n\n\
请&注意:升级投诉\n\n\
跨部门协作是客服经理高效工作的保障。\n\n\
第一行\n第二行"
        );
    }

    #[test]
    fn markdown_comma_tags_and_leading_rule_is_not_front_matter() {
        let a = one(
            Format::Markdown,
            "---\ntags: billing, 账单 , refunds\n---\nRefunds are issued within 5 days.\n",
        );
        assert_eq!(a.tags, vec!["billing", "账单", "refunds"]);
        assert_eq!(a.body, "Refunds are issued within 5 days.");

        let b = one(
            Format::Markdown,
            "---\nJust a rule above this text.\n\nMore text here.\n",
        );
        assert_eq!(b.tags, Vec::<String>::new());
        assert_eq!(b.body, "Just a rule above this text.\n\nMore text here.");

        // Only front matter, no body.
        assert_eq!(
            parse(Format::Markdown, b"---\ntitle: x\n---\n\n").unwrap_err(),
            FormatError::NoContent
        );
    }

    const VI_PAGE: &str = r##"<!DOCTYPE html>
<html lang="vi">
<head>
<title>Trung tâm trợ giúp – TITLE_TAG</title>
<link rel="canonical" href="https://help.example.com/vi/quan-ly-dich-vu">
<meta property="og:url" content="https://help.example.com/og-should-lose">
<meta property="article:modified_time" content="2025-06-18T08:00:00+07:00">
<style>body { color: red } STYLE_RULE</style>
<script>var tracking = "TRACKING_SCRIPT";</script>
</head>
<body>
<header class="site"><a href="/">LOGO_HEADER</a></header>
<nav><ul><li>NAV_LINK Trang chủ</li></ul></nav>
<div id="content">
<article>
<header><h1>Quản lý Dịch vụ Khách hàng là gì?</h1><p class="byline">Cập nhật   ngày 18/06/2025</p></header>
<p>Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò
   quan trọng trong việc <a href="#">đảm bảo</a> bộ phận dịch vụ khách hàng hoạt động hiệu quả.</p>
<h2>Nhiệm vụ</h2>
<ul><li>Lập kế hoạch chiến lược</li><li>Giám sát <b>hoạt động</b> hàng ngày</li></ul>
<h3>Kỹ năng</h3>
<form><input name="q"><button>FORM_BUTTON</button><label>FORM_LABEL</label></form>
<aside>ASIDE_RELATED</aside>
<noscript>NOSCRIPT_TEXT</noscript>
<p>Dưới đây là các nhiệm vụ chính.<br>Dòng thứ hai.</p>
<script>console.log("INLINE_SCRIPT")</script>
</article>
</div>
<footer>FOOTER_COPYRIGHT</footer>
</body></html>"##;

    #[test]
    fn html_chrome_is_removed_and_structure_kept() {
        let a = one(Format::Html, VI_PAGE);
        for marker in [
            "TITLE_TAG",
            "STYLE_RULE",
            "TRACKING_SCRIPT",
            "LOGO_HEADER",
            "NAV_LINK",
            "FORM_BUTTON",
            "FORM_LABEL",
            "ASIDE_RELATED",
            "NOSCRIPT_TEXT",
            "INLINE_SCRIPT",
            "FOOTER_COPYRIGHT",
        ] {
            assert!(
                !a.body.contains(marker),
                "{marker} leaked into body:\n{}",
                a.body
            );
        }
        assert_eq!(
            a.body,
            "# Quản lý Dịch vụ Khách hàng là gì?\n\n\
Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng trong việc đảm bảo bộ phận dịch vụ khách hàng hoạt động hiệu quả.\n\n\
## Nhiệm vụ\n\n\
- Lập kế hoạch chiến lược\n\
- Giám sát hoạt động hàng ngày\n\n\
### Kỹ năng\n\n\
Dưới đây là các nhiệm vụ chính.\nDòng thứ hai."
        );
    }

    #[test]
    fn html_metadata_title_from_h1_lang_url_updated() {
        let a = one(Format::Html, VI_PAGE);
        assert_eq!(
            a.title.as_deref(),
            Some("Quản lý Dịch vụ Khách hàng là gì?"),
            "h1 wins over <title>"
        );
        assert_eq!(a.lang.as_deref(), Some("vi"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://help.example.com/vi/quan-ly-dich-vu"),
            "canonical wins over og:url"
        );
        assert_eq!(a.updated.as_deref(), Some("2025-06-18"));
        assert_eq!(a.id, None);
    }

    #[test]
    fn html_without_article_uses_body_title_tag_tables_lists_pre() {
        let html = r#"<html lang="zh-Hant"><head><title>  客戶服務團隊負責人是什麼?
  </title><meta property="og:url" content="https://help.example.com/zh-hant/team-lead"></head>
<body><nav>導航</nav><header><h1>SITE_NAME</h1></header>
<h2>責任</h2>
<p>客戶服務團隊負責人的職責可能多樣且要求高。</p>
<table><tr><th>職責</th><th>說明</th></tr><tr><td>團隊管理</td><td>監督日常運作,<p>管理團隊日程</p></td></tr></table>
<dl><dt>績效監控</dt><dd>跟踪和評估團隊成員的績效。</dd></dl>
<pre>
步驟一
    步驟二
</pre>
<div>發布於 <time datetime="2025-05-06T12:00">2025年5月6日</time></div>
</body></html>"#;
        let a = one(Format::Html, html);
        assert_eq!(
            a.title.as_deref(),
            Some("客戶服務團隊負責人是什麼?"),
            "no h1 in content → <title>"
        );
        assert_eq!(a.lang.as_deref(), Some("zh-Hant"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://help.example.com/zh-hant/team-lead")
        );
        assert_eq!(a.updated.as_deref(), Some("2025-05-06"));
        assert_eq!(
            a.body,
            "## 責任\n\n客戶服務團隊負責人的職責可能多樣且要求高。\n\n\
職責 | 說明\n團隊管理 | 監督日常運作, 管理團隊日程\n\
績效監控\n跟踪和評估團隊成員的績效。\n\n\
```\n步驟一\n    步驟二\n```\n\n\
發布於 2025年5月6日"
        );
    }

    #[test]
    fn html_with_only_chrome_has_no_content() {
        let html = "<html><body><nav>Trang chủ</nav><script>x()</script><footer>© 2025</footer></body></html>";
        assert_eq!(
            parse(Format::Html, html.as_bytes()).unwrap_err(),
            FormatError::OnlyBoilerplate {
                rules: "html-footer, html-navigation".into()
            }
        );
    }

    #[test]
    fn html_deeply_nested_does_not_overflow() {
        // html5ever's tree builder is quadratic in nested <div> depth (scope checks), so the
        // 100 000 levels are <span>s (linear to parse) inside a few thousand <div>s.
        let (divs, spans) = (2_000, 100_000);
        let mut html = String::from("<html><body>");
        html.push_str(&"<div>".repeat(divs));
        html.push_str("<p>Back to Reference</p>");
        html.push_str(&"<span>".repeat(spans));
        html.push_str("客服经理是负责统筹和管理客户服务团队的关键管理岗位。");
        html.push_str(&"</span>".repeat(spans));
        html.push_str(&"</div>".repeat(divs));
        html.push_str("<ul><li>Після</li></ul></body></html>");

        // The parsed tree really is that deep, so a recursive walk would overflow.
        let doc = Html::parse_document(&html);
        let deepest = doc
            .root_element()
            .descendent_elements()
            .last()
            .expect("elements");
        assert_eq!(deepest.value().name(), "li");
        let text_node = doc
            .tree
            .nodes()
            .find(|n| n.value().as_text().is_some_and(|t| t.contains("客服经理")))
            .unwrap();
        assert!(
            text_node.ancestors().count() > divs + spans,
            "tree depth {}",
            text_node.ancestors().count()
        );

        let a = one(Format::Html, &html);
        assert_eq!(
            a.body,
            "Back to Reference\n\n客服经理是负责统筹和管理客户服务团队的关键管理岗位。\n\n- Після"
        );
    }

    #[test]
    fn html_with_hostile_block_nesting_is_read_as_text() {
        // 100 000 nested <div>s would take the tree builder minutes (quadratic scope checks).
        let depth = 100_000;
        let html = format!(
            "<html><head><title>Nested</title></head><body>{}<p>Менеджер керує бюджетом.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let a = one(Format::Html, &html);
        assert_eq!(a.body, "Nested\n\nМенеджер керує бюджетом.");
        assert!(!nests_deeper_than(
            "<div><p>a</p><br><img src=x><p>b</div>",
            2
        ));
        assert!(nests_deeper_than("<div><section><ul><li>a", 3));
    }

    #[test]
    fn json_object_with_numeric_id_and_tag_array() {
        let json = r#"{"id": 42, "title": " 客服经理是什么? ", "body": "客服经理是负责统筹和管理客户服务团队的关键管理岗位。\r\n问:需要哪些技能?",
            "lang": "zh-Hans", "url": "https://help.example.com/zh/kf", "tags": ["客服", " 管理 ", ""],
            "updated": "2025-05-06T10:00:00Z", "author": {"name": "x"}}"#;
        let a = one(Format::Json, json);
        assert_eq!(
            a,
            RawArticle {
                id: Some("42".into()),
                title: Some("客服经理是什么?".into()),
                body: "客服经理是负责统筹和管理客户服务团队的关键管理岗位。\n问:需要哪些技能?"
                    .into(),
                lang: Some("zh-Hans".into()),
                url: Some("https://help.example.com/zh/kf".into()),
                tags: vec!["客服".into(), "管理".into()],
                updated: Some("2025-05-06".into()),
                removed: Vec::new(),
            }
        );
    }

    #[test]
    fn json_array_bad_elements_are_reported_and_others_kept() {
        let json = r#"[
  {"id": "en-1", "title": "What is a Customer Service Operations Manager?", "text": "This role involves strategic planning."},
  {"id": "en-2", "title": 17, "body": "Overseeing daily operations."},
  {"id": "uk-1", "content": "Менеджер відіграє важливу роль.", "tags": "підтримка, клієнти"},
  "just a string",
  {"id": "en-5", "title": "No body here"},
  {"id": "en-6", "body": "Bad date", "updated": "yesterday"}
]"#;
        let parsed = parse(Format::Json, json.as_bytes()).expect("valid JSON");
        let ids: Vec<_> = parsed
            .articles
            .iter()
            .map(|a| a.id.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(ids, vec!["en-1", "uk-1"]);
        assert_eq!(
            parsed.articles[0].body,
            "This role involves strategic planning."
        );
        assert_eq!(parsed.articles[1].tags, vec!["підтримка", "клієнти"]);
        assert_eq!(parsed.errors.len(), 4, "{:?}", parsed.errors);
        assert!(
            matches!(&parsed.errors[0], FormatError::Field { record: 2, field: "title", message } if message.contains("number"))
        );
        assert_eq!(
            parsed.errors[1],
            FormatError::NotObject {
                record: 4,
                found: "string"
            }
        );
        assert!(
            matches!(&parsed.errors[2], FormatError::Field { record: 5, field: "body", message } if message.starts_with("missing"))
        );
        assert!(matches!(
            &parsed.errors[3],
            FormatError::Field {
                record: 6,
                field: "updated",
                ..
            }
        ));
        assert_eq!(
            parsed.errors[0].to_string(),
            "record 2: field `title`: expected a string, found number"
        );
    }

    #[test]
    fn json_syntax_error_is_whole_file_error_with_position() {
        let err = parse(Format::Json, b"{\"title\": \"x\",\n \"body\": }").unwrap_err();
        match &err {
            FormatError::Json {
                line,
                column,
                message,
            } => {
                assert_eq!((*line, *column), (2, 10));
                assert!(
                    !message.contains("at line"),
                    "position suffix removed: {message}"
                );
            }
            other => panic!("expected Json error, got {other:?}"),
        }
        assert!(
            err.to_string()
                .starts_with("malformed JSON at line 2, column 10: ")
        );
        assert_eq!(
            parse(Format::Json, b"42").unwrap_err(),
            FormatError::NotArticles { found: "number" }
        );
    }

    #[test]
    fn jsonl_malformed_line_reported_others_kept() {
        let jsonl = "{\"id\":\"vi-1\",\"title\":\"Nhiệm vụ\",\"text\":\"Dưới đây là các nhiệm vụ chính.\",\"tags\":\"dịch vụ, khách hàng\"}\n\
{\"id\":\"vi-2\",\"body\" \"Thiếu dấu hai chấm\"}\n\
\n\
{\"id\":7,\"content\":\"Một Manager Quản lý Dịch vụ Khách hàng đóng một vai trò quan trọng.\",\"tags\":[\"quản lý\"]}\n\
{\"id\":\"x\",\"body\":\"\"}\n\
{\"id\":\"y\",\"body\":\"ok\",\"tags\":[1]}\n\
[1, 2]\n";
        let parsed =
            parse(Format::JsonLines, jsonl.as_bytes()).expect("jsonl never fails as a whole");
        assert_eq!(parsed.articles.len(), 2);
        assert_eq!(parsed.articles[0].tags, vec!["dịch vụ", "khách hàng"]);
        assert_eq!(parsed.articles[0].title.as_deref(), Some("Nhiệm vụ"));
        assert_eq!(parsed.articles[1].id.as_deref(), Some("7"));
        assert_eq!(parsed.articles[1].tags, vec!["quản lý"]);

        assert_eq!(parsed.errors.len(), 4, "{:?}", parsed.errors);
        // Line 2: the missing colon is at the quote after `"body" `: column counted in characters.
        let bad = "{\"id\":\"vi-2\",\"body\" ";
        match &parsed.errors[0] {
            FormatError::Json {
                line,
                column,
                message,
            } => {
                assert_eq!(*line, 2);
                assert_eq!(*column, bad.chars().count() + 1);
                assert!(message.contains("expected `:`"), "{message}");
            }
            other => panic!("expected Json error, got {other:?}"),
        }
        assert_eq!(
            parsed.errors[1],
            FormatError::Field {
                record: 5,
                field: "body",
                message: "is empty".into()
            }
        );
        assert!(
            matches!(&parsed.errors[2], FormatError::Field { record: 6, field: "tags", message } if message.contains("element 1"))
        );
        assert_eq!(
            parsed.errors[3],
            FormatError::NotObject {
                record: 7,
                found: "array"
            }
        );
    }

    #[test]
    fn jsonl_column_counts_characters_not_bytes() {
        let line = "{\"title\": \"客服经理需要具备哪些核心技能\", \"body\": 缺少引号}";
        let parsed = parse(Format::JsonLines, line.as_bytes()).unwrap();
        let expected = line[..line.find("缺少").unwrap()].chars().count() + 1;
        assert!(
            expected < line.find("缺少").unwrap(),
            "the test line must contain multi-byte text before the error"
        );
        assert_eq!(
            parsed.errors,
            vec![FormatError::Json {
                line: 1,
                column: expected,
                message: "expected value".into()
            }]
        );
    }

    #[test]
    fn legacy_encodings_are_read_and_noted() {
        // A Ukrainian Markdown file in windows-1251, a Vietnamese page in windows-1258.
        let (uk, _, _) = encoding_rs::WINDOWS_1251
            .encode("# Бюджет команди\n\nМенеджер з обслуговування клієнтів керує бюджетом команди та звітує щомісяця.\n");
        let parsed = parse(Format::Markdown, &uk).unwrap();
        assert!(
            parsed.articles[0].body.starts_with("# Бюджет команди"),
            "{}",
            parsed.articles[0].body
        );
        assert_eq!(parsed.notes, vec!["decoded from windows-1251 (detected)"]);
        let (vi, _, _) = encoding_rs::WINDOWS_1258.encode(
            "<html lang=vi><head><meta charset=windows-1258></head><body><h1>Di\u{323}ch vu\u{323} kha\u{301}ch ha\u{300}ng</h1><p>Qua\u{309}n ly\u{301} di\u{323}ch vu\u{323} kha\u{301}ch ha\u{300}ng chi\u{323}u tra\u{301}ch nhiê\u{323}m gia\u{301}m sa\u{301}t nhân viên.</p></body></html>",
        );
        let parsed = parse(Format::Html, &vi).unwrap();
        let body: String =
            unicode_normalization::UnicodeNormalization::nfc(parsed.articles[0].body.as_str())
                .collect();
        assert!(body.contains("giám sát nhân viên"), "{body}");
        assert_eq!(
            parsed.notes,
            vec!["decoded from windows-1258 (declared by the page)"]
        );
        // Plain UTF-8 needs no note.
        assert!(
            parse(Format::Text, "Привіт".as_bytes())
                .unwrap()
                .notes
                .is_empty()
        );
    }

    #[test]
    fn nul_bytes_are_binary_and_blank_is_empty() {
        assert_eq!(
            parse(Format::Text, b"hello\0world").unwrap_err(),
            FormatError::Binary
        );
        // UTF-16 text has NULs too, and is read.
        let parsed = parse(Format::Json, b"\xff\xfe{\0}\0").unwrap();
        assert!(
            matches!(
                parsed.errors[..],
                [FormatError::Field { field: "body", .. }]
            ),
            "{:?}",
            parsed.errors
        );
        assert_eq!(
            parse(Format::Text, b" \n\t\r\n  ").unwrap_err(),
            FormatError::Empty
        );
        assert_eq!(
            parse(Format::Html, b"\xef\xbb\xbf \n").unwrap_err(),
            FormatError::Empty
        );
        assert_eq!(
            parse(Format::JsonLines, b"").unwrap_err(),
            FormatError::Empty
        );
    }

    #[test]
    fn bom_stripped_and_crlf_normalized() {
        let text = "\u{feff}什麼是客戶服務運營經理?\r\n\r\n客戶服務運營經理在確保公司客戶服務部門順利運行中發揮著關鍵作用。\rEnd";
        let a = one(Format::Text, text);
        assert_eq!(a.title, None);
        assert_eq!(a.id, None);
        assert_eq!(
            a.body,
            "什麼是客戶服務運營經理?\n\n客戶服務運營經理在確保公司客戶服務部門順利運行中發揮著關鍵作用。\nEnd"
        );

        let json = "\u{feff}{\"body\": \"Xin chào\"}";
        assert_eq!(one(Format::Json, json).body, "Xin chào");

        let md = "\u{feff}---\r\ntitle: Відповідальності\r\nupdated: '2025-07-13'\r\n---\r\n## Увод\r\n\r\nТекст.\r\n";
        let a = one(Format::Markdown, md);
        assert_eq!(a.title.as_deref(), Some("Відповідальності"));
        assert_eq!(a.updated.as_deref(), Some("2025-07-13"));
        assert_eq!(a.body, "## Увод\n\nТекст.");
    }

    #[test]
    fn code_is_fenced_and_paragraph_lines_that_look_like_headings_are_defused() {
        let md = "## Встановлення\n\n```sh\n# оновити пакети\napt-get update\n```\n";
        let a = one(Format::Markdown, md);
        assert_eq!(
            a.body,
            "## Встановлення\n\n```\n# оновити пакети\napt-get update\n```"
        );
        let html =
            "<body><pre>#!/bin/sh\n## step 1\n```\necho ok</pre><p>## not a heading</p></body>";
        assert_eq!(
            one(Format::Html, html).body,
            "```\n#!/bin/sh\n## step 1\n ```\necho ok\n```\n\n ## not a heading"
        );
    }

    #[test]
    fn hugo_pages_keep_code_whole_and_drop_template_markup() {
        // Shaped like the Kubernetes website's zh-cn pages: English original in comments.
        let zh = "---\ntitle: 对象名称和 ID\ncontent_type: concept\n<!-- a comment line -->\nweight: 30\n---\n\
<!--\nEach {{< glossary_tooltip text=\"object\" term_id=\"object\" >}} has a name.\n-->\n\
集群中的每一个{{< glossary_tooltip text=\"对象\" term_id=\"object\" >}}都有一个名称。\n\n\
## 名称  {#names}\n\n\
{{< note >}}\n某些资源类型可能具有额外的命名约束。\n{{< /note >}}\n\n\
```yaml\n# 一个 Pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-demo\nspec:\n  containers:\n  - name: nginx\n\n    image: nginx:1.14.2\n```\n\n\
## {{% heading \"whatsnext\" %}}\n\n\
* <a href=\"{{< ref \"/docs/concepts/labels\" >}}\">标签</a>\n";
        let a = one(Format::Markdown, zh);
        assert_eq!(
            a.title.as_deref(),
            Some("对象名称和 ID"),
            "a comment line does not void front matter"
        );
        assert_eq!(
            a.body,
            "集群中的每一个对象都有一个名称。\n\n## 名称\n\n某些资源类型可能具有额外的命名约束。\n\n\
```\n# 一个 Pod\napiVersion: v1\nkind: Pod\nmetadata:\n  name: nginx-demo\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.14.2\n```\n\n\
## whatsnext\n\n- 标签"
        );
        // Ukrainian and Vietnamese: TOML front matter, linkTitle, Liquid and highlight blocks.
        let uk = "+++\nlinkTitle = \"Команди\"\n[params]\nweight = 5\n+++\n\
Виконайте {{< glossary_tooltip text=\"kubectl\" term_id=\"kubectl\" >}}:\n\n\
{{< highlight shell >}}\n# отримати список Podʼів\nkubectl get pods\n{{< /highlight >}}\n";
        let a = one(Format::Markdown, uk);
        assert_eq!(a.title.as_deref(), Some("Команди"));
        assert_eq!(
            a.body,
            "Виконайте kubectl:\n\n```\n# отримати список Podʼів\nkubectl get pods\n```"
        );
        let vi = "---\nlinkTitle: Tài liệu\n---\n{% include note.html content=\"Sao lưu etcd trước.\" %}\n\n\
Chạy lệnh {{ site.data.cmd }} trên node.\n";
        let a = one(Format::Markdown, vi);
        assert_eq!(a.title.as_deref(), Some("Tài liệu"));
        assert_eq!(a.body, "Sao lưu etcd trước.\n\nChạy lệnh trên node.");
    }

    #[test]
    fn iso_date_accepts_only_real_date_prefixes() {
        assert_eq!(iso_date("2025-05-06").as_deref(), Some("2025-05-06"));
        assert_eq!(
            iso_date(" 2025-05-06T10:00:00Z").as_deref(),
            Some("2025-05-06")
        );
        assert_eq!(iso_date("2025-13-06"), None);
        assert_eq!(iso_date("2025-05-067"), None);
        assert_eq!(iso_date("06/05/2025"), None);
        assert_eq!(iso_date("2025-05"), None);
    }
}
