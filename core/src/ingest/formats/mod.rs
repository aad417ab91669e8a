//! Format readers: file bytes (txt, md, html, json, jsonl, rst, adoc) → raw articles in light
//! Markdown.
//!
//! Every reader produces the same body format, "light Markdown": paragraphs
//! separated by a blank line, headings as `#`×level + space + text, list items
//! (and table rows, definition terms) as consecutive single lines, list items
//! prefixed with `- `. Nothing else is interpreted by later stages.
//!
//! One reader per format: `text.rs` (plain text), `markdown.rs` (Markdown, front matter, HTML
//! blocks), `json.rs` (JSON and JSONL records), `markup.rs` (reStructuredText and AsciiDoc,
//! turned into Markdown); HTML pages are read by `ingest/html.rs` (main
//! content extraction). `body.rs` is the light-Markdown builder the Markdown and HTML readers
//! share. [`parse`] is the entry: bytes in any encoding → [`Parsed`].

mod body;
pub(crate) mod json;
mod markdown;
mod markup;
mod text;

use std::path::Path;

pub(super) use body::{Action, Body, one_line};
pub use json::parse_json_line;
pub(super) use markdown::strip_tags;

/// The formats kbsearch reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text (`.txt`, `.text`).
    Text,
    /// Markdown with optional front matter (`.md`, `.markdown`).
    Markdown,
    /// MDX (`.mdx`): Markdown with JSX, read as Markdown once its JSX is no longer indented
    /// ([`super::templates::mdx_to_markdown`]; its module lines are dropped like in Markdown).
    Mdx,
    /// An HTML page (`.html`, `.htm`).
    Html,
    /// One JSON object or an array of objects (`.json`).
    Json,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// reStructuredText (`.rst`, `.rest`: Sphinx), read as Markdown once converted
    /// ([`markup`]).
    Rst,
    /// AsciiDoc (`.adoc`, `.asciidoc`: Antora), read as Markdown once converted ([`markup`]).
    AsciiDoc,
}

impl Format {
    /// From a path's extension (case-insensitive): txt/text → Text, md/markdown → Markdown, mdx → Mdx,
    /// html/htm → Html, json → Json, jsonl/ndjson → `JsonLines`, rst/rest → Rst,
    /// adoc/asciidoc → `AsciiDoc`; else None.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "mdx" => Some(Format::Mdx),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "rst" | "rest" => Some(Format::Rst),
            "adoc" | "asciidoc" => Some(Format::AsciiDoc),
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
    /// Category declared by the source (front matter / JSON `category`, HTML meta
    /// article:section).
    pub category: Option<String>,
    /// ISO date YYYY-MM-DD when the source declares one (front matter `updated`/`date`,
    /// JSON `updated`, HTML meta article:modified_time).
    pub updated: Option<String>,
    /// Declared `verified` date (YYYY-MM-DD).
    pub verified: Option<String>,
    /// Declared `expires` date (YYYY-MM-DD).
    pub expires: Option<String>,
    /// Declared translation group (front matter / JSON `translation_of`, `group`,
    /// `translationKey`).
    pub group: Option<String>,
    /// URLs of the page in other languages (HTML `link rel=alternate hreflang`).
    pub alternates: Vec<String>,
    /// Every other short scalar or list value of front matter or JSON, by lower-case key
    /// (`Metadata::add`).
    pub meta: std::collections::BTreeMap<String, Vec<String>>,
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

impl RawArticle {
    /// Take what a sidecar declares ([`json::parse_sidecar`]) over what the file declared.
    pub(crate) fn apply_sidecar(&mut self, side: &RawArticle) {
        let side = side.clone();
        macro_rules! over {
            ($($field:ident),*) => {$(if side.$field.is_some() { self.$field = side.$field; })*};
        }
        over!(
            id, title, lang, url, category, updated, verified, expires, group
        );
        if !side.tags.is_empty() {
            self.tags = side.tags;
        }
        if !side.alternates.is_empty() {
            self.alternates = side.alternates;
        }
        self.meta.extend(side.meta);
    }
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

/// Parse one file's bytes, in any encoding (`ingest/decode.rs`). Whole-file problems
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
        Format::Text => Parsed::single(text::parse_text(text)),
        Format::Markdown => markdown::parse_markdown(&text).map(Parsed::single)?,
        Format::Mdx => markdown::parse_markdown(&super::templates::mdx_to_markdown(&text))
            .map(Parsed::single)?,
        Format::Html => super::html::parse_html(&text).map(Parsed::single)?,
        Format::Json => json::parse_json(&text)?,
        Format::JsonLines => json::parse_json_lines(&text),
        Format::Rst => {
            markdown::parse_markdown(&markup::rst_to_markdown(&text)).map(Parsed::single)?
        }
        Format::AsciiDoc => {
            markdown::parse_markdown(&markup::asciidoc_to_markdown(&text)).map(Parsed::single)?
        }
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

/// Keys that declare an article's translation group.
pub(super) const GROUP_KEYS: [&str; 4] = [
    "translation_of",
    "group",
    "translationkey",
    "translation_group",
];

/// Longest metadata value kept (characters): metadata is for filtering, not text.
pub const MAX_META_VALUE_CHARS: usize = 200;

/// Most metadata keys kept per article.
pub const MAX_META_KEYS: usize = 64;

/// Adding to an article's `meta`.
pub(super) trait Metadata {
    /// Add `value` under `key` (lower-cased) unless it is blank or longer than
    /// [`MAX_META_VALUE_CHARS`], or the article already has [`MAX_META_KEYS`] other keys.
    fn add(&mut self, key: &str, value: &str);
}

impl Metadata for std::collections::BTreeMap<String, Vec<String>> {
    fn add(&mut self, key: &str, value: &str) {
        let key = key.trim().to_lowercase();
        let Some(value) = non_empty(value) else {
            return;
        };
        if key.is_empty()
            || value.chars().count() > MAX_META_VALUE_CHARS
            || (self.len() >= MAX_META_KEYS && !self.contains_key(&key))
        {
            return;
        }
        let values = self.entry(key).or_default();
        if !values.contains(&value) {
            values.push(value);
        }
    }
}

/// Trimmed, `None` when empty.
pub(super) fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::html::nests_deeper_than;
    use scraper::Html;

    pub(super) fn one(format: Format, text: &str) -> RawArticle {
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
        assert_eq!(
            Format::from_path(Path::new("docs/a.rst")),
            Some(Format::Rst)
        );
        assert_eq!(
            Format::from_path(Path::new("a.ADOC")),
            Some(Format::AsciiDoc)
        );
        assert_eq!(Format::from_path(Path::new("a.pdf")), None);
        assert_eq!(Format::from_path(Path::new("README")), None);
    }

    #[test]
    fn rst_and_asciidoc_files_are_articles_with_title_sections_and_code() {
        let rst = "Як скинути пароль\n=================\n\n.. _reset:\n\nПароль скидають на сторінці :doc:`входу <login>`.\n\nЧерез консоль\n-------------\n\nВиконайте::\n\n   kb-admin reset --user anna\n";
        let article = one(Format::Rst, rst);
        // The title is the `#` heading, found by cleaning as in Markdown.
        assert!(
            article.body.starts_with("# Як скинути пароль\n"),
            "{}",
            article.body
        );
        assert!(
            article.body.contains("Пароль скидають на сторінці входу."),
            "{}",
            article.body
        );
        assert!(
            article.body.contains("## Через консоль"),
            "{}",
            article.body
        );
        assert!(
            article
                .body
                .contains("```\nkb-admin reset --user anna\n```"),
            "{}",
            article.body
        );
        let adoc = "= Đặt lại mật khẩu\n:app: KB Cloud\n\nBạn có thể đặt lại mật khẩu trong {app}, xem xref:login.adoc[trang đăng nhập].\n\n== Bằng dòng lệnh\n\n[source,shell]\n----\nkb-admin reset --user an\n----\n";
        let article = one(Format::AsciiDoc, adoc);
        assert!(
            article.body.starts_with("# Đặt lại mật khẩu\n"),
            "{}",
            article.body
        );
        assert!(
            article
                .body
                .contains("trong KB Cloud, xem trang đăng nhập."),
            "{}",
            article.body
        );
        assert!(
            article.body.contains("## Bằng dòng lệnh"),
            "{}",
            article.body
        );
        assert!(
            article.body.contains("kb-admin reset --user an"),
            "{}",
            article.body
        );
    }

    const VI_PAGE: &str = r##"<!DOCTYPE html>
<html lang="vi">
<head>
<title>Trung tâm trợ giúp – TITLE_TAG</title>
<link rel="canonical" href="https://help.example.com/vi/quan-ly-dich-vu">
<meta property="og:url" content="https://help.example.com/og-should-lose">
<meta property="article:modified_time" content="2025-06-18T08:00:00+07:00">
<meta property="article:section" content="Dịch vụ khách hàng">
<link rel="alternate" hreflang="en" href="https://help.example.com/en/customer-service">
<link rel="alternate" hreflang="uk" href="https://help.example.com/uk/customer-service">
<meta property="article:tag" content="quản lý"><meta property="article:tag" content=" ">
<meta property="article:tag" content="CSKH">
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
        assert_eq!(a.category.as_deref(), Some("Dịch vụ khách hàng"));
        assert_eq!(a.tags, vec!["quản lý", "CSKH"], "blank tags are dropped");
        assert_eq!(
            a.alternates,
            [
                "https://help.example.com/en/customer-service",
                "https://help.example.com/uk/customer-service"
            ]
        );
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
