//! The Markdown reader (`.md`, `.markdown`): YAML (`---`) or TOML (`+++`) front matter (id, title,
//! linkTitle, lang, url, tags, category, updated/date, verified, expires; every other scalar or
//! list key as metadata), template markup removed ([`crate::ingest::templates`]),
//! then CommonMark with tables, footnotes and task lists through the light-Markdown builder; HTML
//! blocks are reduced to their text by [`strip_tags`].

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::body::{Action, Body};
use std::collections::BTreeMap;

use super::{FormatError, GROUP_KEYS, Metadata, RawArticle, iso_date, non_empty};
use crate::ingest::templates;

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
    category: Option<String>,
    updated: Option<String>,
    date: Option<String>,
    verified: Option<String>,
    expires: Option<String>,
    group: Option<String>,
    meta: BTreeMap<String, Vec<String>>,
}

pub(super) fn parse_markdown(text: &str) -> Result<RawArticle, FormatError> {
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
        // Hugo's `categories` list: its first is the category, all stay in `meta`.
        category: front.category.or_else(|| {
            let categories = front.meta.get("categories")?;
            categories.first().cloned()
        }),
        updated: front.updated.or(front.date),
        verified: front.verified,
        expires: front.expires,
        group: front.group,
        alternates: Vec::new(),
        meta: front.meta,
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
            match list_key.as_deref() {
                Some("tags") => front.tags.extend(non_empty(&unquote(item))),
                Some(key) if !KNOWN_KEYS.contains(&key) => front.meta.add(key, &unquote(item)),
                _ => {}
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
            "category" => front.category = non_empty(&value),
            "verified" => front.verified = iso_date(&value),
            "expires" => front.expires = iso_date(&value),
            "tags" => front.tags.extend(list_items(raw_value, &value, true)),
            key if GROUP_KEYS.contains(&key) => front.group = non_empty(&value),
            _ if raw_value.is_empty() => {} // a list or table follows
            key => {
                for item in list_items(raw_value, &value, false) {
                    front.meta.add(key, &item);
                }
            }
        }
    }
    Some(front)
}

/// A YAML-ish scalar: quotes removed, or an unquoted value's ` # comment` removed.
/// Front-matter keys read into their own fields (the others are metadata).
const KNOWN_KEYS: [&str; 12] = [
    "id",
    "title",
    "linktitle",
    "lang",
    "language",
    "url",
    "updated",
    "date",
    "category",
    "verified",
    "expires",
    "tags",
];

/// The items of an inline list value (`[a, "b"]`); any other value is one item, or, with
/// `split_commas` (tags), its comma-separated parts.
fn list_items(raw_value: &str, value: &str, split_commas: bool) -> Vec<String> {
    let inner = raw_value
        .strip_prefix('[')
        .and_then(|v| v.strip_suffix(']'));
    match inner {
        Some(list) => list
            .split(',')
            .filter_map(|t| non_empty(&unquote(t)))
            .collect(),
        None if split_commas => value
            .split(',')
            .filter_map(|t| non_empty(&unquote(t)))
            .collect(),
        None => non_empty(value).into_iter().collect(),
    }
}

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

/// The Markdown extensions read.
const MARKDOWN_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_HEADING_ATTRIBUTES);

/// Markdown → light Markdown body, plus the first level-1 heading.
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

/// True for a `<br>` tag (`<br>`, `<br/>`, `<BR />`).
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
pub(in crate::ingest) fn strip_tags(html: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::super::tests::one;
    use super::super::{Format, FormatError, parse};

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
    fn front_matter_category_dates_and_every_other_key_as_metadata() {
        let md = r#"---
title: Hoàn tiền
category: Thanh toán
verified: 2025-08-01
expires: "2026-01-31"
product: Ví điện tử
author: Nguyễn, Văn A
draft: false
weight: 10
audience: [khách hàng, "đại lý"]
regions:
  - VN
  - LA
params:
  nested: ignored
---
Hoàn tiền về thẻ trong 5 ngày.
"#;
        let a = one(Format::Markdown, md);
        assert_eq!(a.category.as_deref(), Some("Thanh toán"));
        assert_eq!(a.verified.as_deref(), Some("2025-08-01"));
        assert_eq!(a.expires.as_deref(), Some("2026-01-31"));
        let meta: Vec<(&str, Vec<&str>)> = a
            .meta
            .iter()
            .map(|(k, v)| (k.as_str(), v.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            meta,
            vec![
                ("audience", vec!["khách hàng", "đại lý"]),
                ("author", vec!["Nguyễn, Văn A"]),
                ("draft", vec!["false"]),
                ("product", vec!["Ví điện tử"]),
                ("regions", vec!["VN", "LA"]),
                ("weight", vec!["10"]),
            ],
            "a plain value is one value (commas kept), lists are several; nested tables are not metadata"
        );
    }

    #[test]
    fn hugo_categories_give_the_category_and_stay_metadata() {
        let a = one(
            Format::Markdown,
            "+++\ntitle = \"Відшкодування\"\ncategories = [\"Оплата\", \"Картки\"]\n+++\nГроші повертаються на картку.\n",
        );
        assert_eq!(a.category.as_deref(), Some("Оплата"));
        assert_eq!(a.meta["categories"], vec!["Оплата", "Картки"]);
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
}
