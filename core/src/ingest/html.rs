//! HTML reader: a page → its main content in light Markdown, every dropped block recorded.
//!
//! 1. **Main content**: [`dom_smoothie`] (a port of Mozilla's Readability.js: paragraphs scored
//!    by length, commas and link density, candidate containers compared, siblings merged)
//!    picks the article. When it finds nothing, or much less than the page holds, the whole
//!    `<body>` is read instead (so a page wrapped in one `<form>` or `<header>` is not lost).
//! 2. **Boilerplate** is then dropped block by block, in the content and in the fallback
//!    ([`boilerplate`]): navigation, share bars, comments, related links, cookie/consent
//!    banners, newsletter and subscription prompts, ads, author boxes — recognized by element,
//!    ARIA role and class/id words — and link-dense blocks ([`is_link_dense`]).
//! 3. **Title**: the content's `<h1>`, else the page `<h1>` that `<title>` repeats, else the
//!    `<title>` without its site-name part ([`page_title`]).
//!
//! Every page block that does not reach the body is listed in [`RawArticle::removed`].

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::clean::{RemovalReason, RemovedLine};
use super::formats::{
    Action, Body, FormatError, RawArticle, iso_date, non_empty, one_line, strip_tags,
};

/// Elements that never hold readable text (their subtree is skipped silently).
fn is_never_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "svg"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "head"
            | "title"
            | "object"
            | "canvas"
    )
}

/// `hidden`, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden`.
fn is_hidden(element: &scraper::node::Element) -> bool {
    element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        })
}

fn html_action(name: &str) -> Action {
    match name {
        "h1" => Action::Heading(1),
        "h2" => Action::Heading(2),
        "h3" => Action::Heading(3),
        "h4" => Action::Heading(4),
        "h5" => Action::Heading(5),
        "h6" => Action::Heading(6),
        "li" => Action::Item,
        "dt" | "dd" => Action::Line,
        "tr" => Action::Row,
        "td" | "th" => Action::Cell,
        "pre" => Action::Pre,
        "p" | "div" | "html" | "body" | "main" | "article" | "section" | "header" | "footer"
        | "nav" | "aside" | "form" | "blockquote" | "ul" | "ol" | "dl" | "table" | "thead"
        | "tbody" | "tfoot" | "caption" | "figure" | "figcaption" | "address" | "details"
        | "summary" | "hr" | "center" | "fieldset" | "legend" | "hgroup" | "menu" => {
            Action::Block
        }
        _ => Action::Inline,
    }
}

// ───────────────────────────── boilerplate ─────────────────────────────

/// Class/id words that mark page boilerplate, with the rule reported for them. A word
/// matches a class/id token that starts with it (`comment` → `comments`, `commentlist`).
const CLASS_HINTS: &[(&str, &str)] = &[
    ("comment", "html-comments"),
    ("disqus", "html-comments"),
    ("share", "html-share"),
    ("sharing", "html-share"),
    ("social", "html-share"),
    ("addthis", "html-share"),
    ("related", "html-related"),
    ("recommend", "html-related"),
    ("outbrain", "html-related"),
    ("taboola", "html-related"),
    ("cookie", "html-cookie-banner"),
    ("consent", "html-cookie-banner"),
    ("gdpr", "html-cookie-banner"),
    ("newsletter", "html-newsletter"),
    ("subscri", "html-newsletter"),
    ("signup", "html-newsletter"),
    ("promo", "html-promo"),
    ("sponsor", "html-promo"),
    ("advert", "html-ad"),
    ("sidebar", "html-sidebar"),
    ("widget", "html-sidebar"),
    ("breadcrumb", "html-navigation"),
    ("pagination", "html-navigation"),
    ("pager", "html-navigation"),
    ("navbar", "html-navigation"),
    ("footer", "html-footer"),
    ("masthead", "html-header"),
    ("popup", "html-popup"),
    ("modal", "html-popup"),
    ("authorbio", "html-author-bio"),
    ("byline", "html-byline"),
];

/// Class/id tokens that mark boilerplate only as whole tokens (`ad` must not match `address`).
const TOKEN_HINTS: &[(&str, &str)] = &[
    ("ad", "html-ad"),
    ("ads", "html-ad"),
    ("adv", "html-ad"),
    ("nav", "html-navigation"),
    ("menu", "html-navigation"),
    ("tags", "html-tags"),
    ("bio", "html-author-bio"),
];

/// Class/id words of content containers: they keep a `<header>` from being dropped.
const CONTENT_HINTS: &[&str] = &["article", "content", "entry", "post", "story", "main", "text"];

/// The class and id tokens of an element, lowercased; WordPress-style taxonomy classes
/// (`tag-…`, `category-…`) are skipped, since they name the article's topics.
fn hint_tokens(element: &scraper::node::Element) -> Vec<String> {
    let mut tokens = Vec::new();
    for value in [element.attr("class"), element.attr("id")].into_iter().flatten() {
        for name in value.split_whitespace() {
            let name = name.to_ascii_lowercase();
            let mut parts = name
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|t| !t.is_empty());
            let Some(first) = parts.next() else { continue };
            if matches!(first, "tag" | "category" | "cat" | "topic") {
                continue;
            }
            tokens.push(first.to_owned());
            tokens.extend(parts.map(str::to_owned));
        }
    }
    tokens
}

/// Why this element is page boilerplate, if it is (the rule name). `in_article`: inside an
/// `<article>`/`<main>`, where a `<header>` holds the article's title.
pub(super) fn boilerplate(element: &scraper::node::Element, in_article: bool) -> Option<&'static str> {
    let tokens = hint_tokens(element);
    let by_tag = match element.name() {
        "nav" => Some("html-navigation"),
        "aside" => Some("html-sidebar"),
        "footer" => Some("html-footer"),
        "form" => Some("html-form"),
        "dialog" => Some("html-popup"),
        "header"
            if !in_article
                && !tokens
                    .iter()
                    .any(|t| CONTENT_HINTS.iter().any(|h| t.starts_with(h))) =>
        {
            Some("html-header")
        }
        _ => None,
    };
    if by_tag.is_some() {
        return by_tag;
    }
    let by_role = match element.attr("role") {
        Some("navigation") => Some("html-navigation"),
        Some("banner") => Some("html-header"),
        Some("complementary") => Some("html-sidebar"),
        Some("contentinfo") => Some("html-footer"),
        Some("search") => Some("html-form"),
        Some("dialog" | "alertdialog") => Some("html-popup"),
        _ => None,
    };
    if by_role.is_some() {
        return by_role;
    }
    if matches!(element.name(), "html" | "body" | "main" | "article") {
        return None;
    }
    tokens.iter().find_map(|token| {
        CLASS_HINTS
            .iter()
            .find(|(word, _)| token.starts_with(word))
            .or_else(|| TOKEN_HINTS.iter().find(|(word, _)| token == word))
            .map(|(_, rule)| *rule)
    })
}

/// Text amounts of an element's subtree (readable text only).
#[derive(Debug, Clone, Copy, Default)]
struct Amounts {
    /// Characters of text, CJK characters counted twice (they carry a word each).
    text: u32,
    /// The same, inside links.
    link: u32,
    /// Holds an `<h1>` or the page's `<main>`.
    anchor: bool,
}

/// Text weight of a string: non-space characters, CJK ones counted twice.
fn weight(text: &str) -> u32 {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_cjk(c) { 2 } else { 1 })
        .sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}')
}

/// [`Amounts`] of every element under `root`, in one bottom-up pass (no recursion).
fn amounts(root: ElementRef<'_>) -> HashMap<NodeId, Amounts> {
    let mut order = Vec::new();
    let mut stack = vec![root];
    while let Some(element) = stack.pop() {
        order.push(element);
        if !is_never_text(element.value().name()) {
            stack.extend(element.children().filter_map(ElementRef::wrap));
        }
    }
    let mut all: HashMap<NodeId, Amounts> = HashMap::with_capacity(order.len());
    for element in order.iter().rev() {
        let name = element.value().name();
        let mut own = Amounts {
            anchor: name == "h1" || name == "main" || element.attr("role") == Some("main"),
            ..Amounts::default()
        };
        if !is_never_text(name) && !is_hidden(element.value()) {
            for child in element.children() {
                match child.value() {
                    Node::Text(text) => own.text += weight(text),
                    Node::Element(_) => {
                        if let Some(a) = all.get(&child.id()) {
                            own.text += a.text;
                            own.link += a.link;
                            own.anchor |= a.anchor;
                        }
                    }
                    _ => {}
                }
            }
        }
        if name == "a" {
            own.link = own.text;
        }
        all.insert(element.id(), own);
    }
    all
}

/// A block whose text is mostly link text and that says little besides: menus, tag lists,
/// "related" link lists, share bars.
fn is_link_dense(a: Amounts) -> bool {
    a.text > 0 && a.link * 2 > a.text && a.text - a.link < 100
}

// ───────────────────────────── rendering ─────────────────────────────

/// A step of the explicit-stack tree walk.
enum Frame<'a> {
    Open(ElementRef<'a>),
    Text(&'a str),
    Close { action: Action, article: bool },
}

/// Longest text kept in a removal record.
const REMOVED_TEXT_CHARS: usize = 200;

fn removal(text: &str, rule: &'static str) -> Option<RemovedLine> {
    let text = one_line(text);
    if text.is_empty() {
        return None;
    }
    let text = match text.char_indices().nth(REMOVED_TEXT_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    };
    let reason = match rule {
        "html-comments" | "html-related" => RemovalReason::Trailing,
        _ => RemovalReason::Chrome,
    };
    Some(RemovedLine {
        line: 0,
        text,
        reason,
        rule,
    })
}

/// `root` rendered as light Markdown with boilerplate blocks dropped (each recorded in
/// `removed`); returns the body and the text of its first `<h1>`.
fn render(root: ElementRef<'_>, removed: &mut Vec<RemovedLine>) -> (String, Option<String>) {
    let amounts = amounts(root);
    let total = amounts.get(&root.id()).map_or(0, |a| a.text);
    let mut body = Body::default();
    let mut article_depth = 0usize;
    let mut stack = vec![Frame::Open(root)];
    while let Some(frame) = stack.pop() {
        match frame {
            Frame::Text(t) => body.text(t),
            Frame::Close { action, article } => {
                if article {
                    article_depth -= 1;
                }
                body.close(action);
            }
            Frame::Open(element) => {
                let value = element.value();
                let name = value.name();
                if is_never_text(name) || is_hidden(value) {
                    continue;
                }
                if name == "br" {
                    body.line_break();
                    continue;
                }
                let action = html_action(name);
                if element.id() != root.id() {
                    let a = amounts.get(&element.id()).copied().unwrap_or_default();
                    // A boilerplate-looking wrapper of most of the text, or of the page's
                    // title or main element, is layout, not boilerplate.
                    let wrapper = a.anchor || u64::from(a.text) * 2 > u64::from(total);
                    let rule = boilerplate(value, article_depth > 0)
                        .filter(|_| !wrapper)
                        .or_else(|| {
                            (action != Action::Inline
                                && action != Action::Heading(1)
                                && !a.anchor
                                && is_link_dense(a))
                            .then_some("html-link-dense")
                        });
                    if let Some(rule) = rule {
                        removed.extend(removal(&element.text().collect::<String>(), rule));
                        continue;
                    }
                }
                let article = name == "article" || name == "main";
                if article {
                    article_depth += 1;
                }
                let action = body.open(action);
                stack.push(Frame::Close { action, article });
                for child in element.children().rev() {
                    match child.value() {
                        Node::Text(t) => stack.push(Frame::Text(&t.text)),
                        Node::Element(_) => stack.extend(ElementRef::wrap(child).map(Frame::Open)),
                        _ => {}
                    }
                }
            }
        }
    }
    body.finish()
}

// ───────────────────────────── the page ─────────────────────────────
/// Deepest element nesting parsed as a tree. The HTML tree builder's scope checks walk the
/// stack of open elements, so time grows with the square of the depth (100 000 nested
/// `<div>`s: minutes); deeper pages are read as text with their tags stripped.
const MAX_HTML_DEPTH: usize = 4_096;

/// True when the block elements of `html` nest deeper than `max` (counted roughly: every
/// start tag opens, every end tag closes; void and inline elements, whose nesting costs the
/// tree builder nothing, are not counted).
pub(super) fn nests_deeper_than(html: &str, max: usize) -> bool {
    const NOT_COUNTED: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "a", "abbr", "b", "cite", "code", "em", "font", "i", "kbd",
        "label", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
    ];
    let mut depth = 0usize;
    for tag in html.split('<').skip(1) {
        let end = tag.find('>').unwrap_or(tag.len());
        let inner = &tag[..end];
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        let name_len = inner
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(inner.len());
        let name = &inner[..name_len];
        if closing {
            if !NOT_COUNTED.iter().any(|v| name.eq_ignore_ascii_case(v)) && !name.is_empty() {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if name.is_empty()
            || inner.ends_with('/')
            || NOT_COUNTED.iter().any(|v| name.eq_ignore_ascii_case(v))
        {
            continue;
        }
        depth += 1;
        if depth > max {
            return true;
        }
    }
    false
}


/// The main content found by readability, as HTML, and the title it read; `None` when it
/// finds no article.
fn readability(text: &str) -> Option<(String, String)> {
    let config = dom_smoothie::Config {
        // Class names stay, so boilerplate inside the content is still recognized.
        keep_classes: true,
        ..dom_smoothie::Config::default()
    };
    let mut reader = dom_smoothie::Readability::new(text, None, Some(config)).ok()?;
    let article = reader.parse().ok()?;
    Some((article.content.to_string(), article.title))
}

/// Main content smaller than this share of the whole page's readable text, on a page
/// with more than [`SHORT_PAGE`] of it, is a teaser or a box: the page is read whole.
const MIN_MAIN_SHARE: f64 = 0.1;
/// Readable text (weighted characters) under which a page is read whole.
const SHORT_PAGE: u32 = 0;

pub(super) fn parse_html(text: &str) -> Result<RawArticle, FormatError> {
    if nests_deeper_than(text, MAX_HTML_DEPTH) {
        let body = strip_tags(text)
            .split('\n')
            .map(one_line)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        if body.trim().is_empty() {
            return Err(FormatError::NoContent);
        }
        return Ok(RawArticle {
            body,
            ..RawArticle::default()
        });
    }
    let doc = Html::parse_document(text);
    let page_root = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or_else(|| doc.root_element());
    let mut page_removed = Vec::new();
    let (page_body, page_h1) = render(page_root, &mut page_removed);
    let mut main_removed = Vec::new();
    let found = readability(text);
    let main = found.as_ref().and_then(|(html, _)| {
        let fragment = Html::parse_fragment(html);
        let (body, h1) = render(fragment.root_element(), &mut main_removed);
        let (main_weight, page_weight) = (weight(&body), weight(&page_body));
        let enough = page_weight <= SHORT_PAGE
            || f64::from(main_weight) >= MIN_MAIN_SHARE * f64::from(page_weight);
        (!body.is_empty() && enough && page_weight > SHORT_PAGE).then_some((body, h1))
    });
    let (body, content_h1, mut removed) = match main {
        Some((body, h1)) => {
            // What the page shows outside the main content, block by block.
            let kept: HashSet<&str> = body.lines().collect();
            let mut removed = main_removed;
            removed.extend(page_removed);
            removed.extend(
                page_body
                    .lines()
                    .filter(|line| !line.is_empty() && !kept.contains(line))
                    .filter_map(|line| removal(line.trim_start_matches("- "), "html-not-main-content")),
            );
            (body, h1, removed)
        }
        None => (page_body, page_h1, page_removed),
    };
    if body.is_empty() {
        return Err(FormatError::NoContent);
    }
    let mut seen = HashSet::new();
    removed.retain(|r| seen.insert(r.text.clone()));
    let title = page_title(&doc, content_h1, found.as_ref().map(|(_, t)| t.as_str()));
    let lang = doc.root_element().attr("lang").and_then(non_empty);
    let url = first_attr(&doc, r#"link[rel~="canonical"]"#, "href")
        .or_else(|| first_attr(&doc, r#"meta[property="og:url"]"#, "content"));
    let updated = first_date(&doc, r#"meta[property="article:modified_time"]"#, "content")
        .or_else(|| first_date(&doc, "time[datetime]", "datetime"));
    Ok(RawArticle {
        id: None,
        title,
        body,
        lang,
        url,
        tags: Vec::new(),
        updated,
        removed,
    })
}

/// The article's title: the main content's `<h1>`; else a page `<h1>` that the `<title>`
/// (or og:title) repeats, not one in page boilerplate; else the title readability read
/// from `<title>` without the site name; else `<title>`.
fn page_title(doc: &Html, content_h1: Option<String>, readability: Option<&str>) -> Option<String> {
    if content_h1.is_some() {
        return content_h1;
    }
    let head_title = first_text(doc, "title");
    let og_title = first_attr(doc, r#"meta[property="og:title"]"#, "content");
    let lower = |s: &str| one_line(s).to_lowercase();
    let declared: Vec<String> = [&head_title, &og_title]
        .into_iter()
        .flatten()
        .map(|t| lower(t))
        .collect();
    let repeated_h1 = doc.select(&selector("h1")).find_map(|h1| {
        let in_boilerplate = h1.ancestors().filter_map(ElementRef::wrap).any(|e| {
            matches!(
                boilerplate(e.value(), false),
                Some("html-navigation" | "html-footer" | "html-sidebar" | "html-related" | "html-comments")
            )
        });
        let text = non_empty(&one_line(&h1.text().collect::<String>()))?;
        let key = lower(&text);
        (!in_boilerplate && declared.iter().any(|d| d.contains(&key))).then_some(text)
    });
    repeated_h1
        .or_else(|| readability.and_then(non_empty))
        .or(og_title)
        .or(head_title)
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("static CSS selector is valid")
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    doc.select(&selector(css))
        .find_map(|e| non_empty(&one_line(&e.text().collect::<String>())))
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    doc.select(&selector(css))
        .find_map(|e| e.attr(attr).and_then(non_empty))
}

fn first_date(doc: &Html, css: &str, attr: &str) -> Option<String> {
    doc.select(&selector(css))
        .find_map(|e| e.attr(attr).and_then(iso_date))
}
