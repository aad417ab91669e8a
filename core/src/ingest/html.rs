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
//! 4. **Empty sections**: a pruned block leaves an empty marker (`<hr class="kbsearch-pruned">`)
//!    that readability keeps, so the rendering sees every gap. A heading, or a label paragraph
//!    ([`is_label`]: short, unlinked, all bold or ending in a colon, "Read also:"), followed
//!    only by gaps up to the next heading or the end is dropped with what it announced; so is
//!    a short call to follow the site elsewhere at the end of the body ([`is_outbound`]: most
//!    of its links go to social networks, messengers or app stores).
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
        | "summary" | "hr" | "center" | "fieldset" | "legend" | "hgroup" | "menu" => Action::Block,
        _ => Action::Inline,
    }
}

// ───────────────────────────── boilerplate ─────────────────────────────

/// Class/id words that mark page boilerplate, with the rule reported for them. A word
/// matches a class/id token that starts with it (`comment` → `comments`, `commentlist`).
const CLASS_HINTS: &[(&str, &str)] = &[
    ("comment", "html-comments"),
    ("disqus", "html-comments"),
    // Comment threads named in the site's language (de, pl/cs/sk, fr, es/pt, it, nl).
    ("kommentar", "html-comments"),
    ("komentar", "html-comments"),
    ("commentaire", "html-comments"),
    ("comentario", "html-comments"),
    ("commenti", "html-comments"),
    ("reactie", "html-comments"),
    // Star-rating widgets ("Rate this article", "No ratings yet").
    ("rating", "html-rating"),
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
    ("banner", "html-promo"),
    ("disclosure", "html-promo"),
    ("teaser", "html-teaser"),
    ("button", "html-button"),
    ("noprint", "html-hidden"),
    ("advert", "html-ad"),
    ("sidebar", "html-sidebar"),
    ("breadcrumb", "html-navigation"),
    ("pagination", "html-navigation"),
    ("pager", "html-navigation"),
    ("navbar", "html-navigation"),
    ("footer", "html-footer"),
    ("masthead", "html-header"),
    ("copyright", "html-footer"),
    ("paywall", "html-promo"),
    ("popup", "html-popup"),
    ("modal", "html-popup"),
    ("authorbio", "html-author-bio"),
    ("byline", "html-byline"),
];

/// Class/id tokens that mark boilerplate only as whole tokens (`ad` must not match `address`).
const TOKEN_HINTS: &[(&str, &str)] = &[
    ("ad", "html-ad"),
    ("btn", "html-button"),
    ("ads", "html-ad"),
    ("adv", "html-ad"),
    ("nav", "html-navigation"),
    ("menu", "html-navigation"),
    ("tags", "html-tags"),
    ("bio", "html-author-bio"),
    ("author", "html-author-bio"),
    ("date", "html-byline"),
    ("meta", "html-byline"),
    ("caption", "html-caption"),
    ("legend", "html-caption"),
    ("alert", "html-popup"),
    ("credit", "html-caption"),
    ("credits", "html-caption"),
];

/// Class/id words of content containers: they keep a `<header>` from being dropped.
const CONTENT_HINTS: &[&str] = &[
    "article", "content", "entry", "post", "story", "main", "text",
];

/// The class and id tokens of an element, lowercased; WordPress-style taxonomy classes
/// (`tag-…`, `category-…`) are skipped, since they name the article's topics.
fn hint_tokens(element: &scraper::node::Element) -> Vec<String> {
    let mut tokens = Vec::new();
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
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
pub(super) fn boilerplate(
    element: &scraper::node::Element,
    in_article: bool,
) -> Option<&'static str> {
    let tokens = hint_tokens(element);
    let by_tag = match element.name() {
        "nav" => Some("html-navigation"),
        "aside" => Some("html-sidebar"),
        "footer" => Some("html-footer"),
        "form" => Some("html-form"),
        "dialog" => Some("html-popup"),
        "figcaption" => Some("html-caption"),
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
        // Controls drawn as buttons ("Show image", "Print recipe", "Sources ▾").
        Some("button") => Some("html-button"),
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
    /// Number of links.
    links: u32,
    /// Holds an `<h1>`.
    h1: bool,
    /// Holds the page's `<main>`.
    main: bool,
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
            h1: name == "h1",
            main: name == "main" || element.attr("role") == Some("main"),
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
                            own.links += a.links;
                            own.h1 |= a.h1;
                            own.main |= a.main;
                        }
                    }
                    _ => {}
                }
            }
        }
        if name == "a" {
            own.link = own.text;
            own.links += 1;
        }
        all.insert(element.id(), own);
    }
    all
}

/// Longest outbound call (weighted characters) of [`is_outbound`].
const OUTBOUND_MAX: u32 = 300;

/// Hosts (and their subdomains) of social networks, messengers and app stores.
const OUTBOUND_HOSTS: &[&str] = &[
    "facebook.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "t.me",
    "telegram.me",
    "whatsapp.com",
    "wa.me",
    "tiktok.com",
    "linkedin.com",
    "pinterest.com",
    "vk.com",
    "ok.ru",
    "weibo.com",
    "line.me",
    "zalo.me",
    "threads.net",
    "apps.apple.com",
    "itunes.apple.com",
    "play.google.com",
    "news.google.com",
    "flipboard.com",
    "bsky.app",
    "mastodon.social",
];

/// Whether `href` leads to a social network, messenger or app store (not a video site:
/// a video link is usually the article's own reference).
fn is_outbound_href(href: &str) -> bool {
    let Some(rest) = href.trim().split_once("//").map(|(_, rest)| rest) else {
        return false;
    };
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    OUTBOUND_HOSTS
        .iter()
        .any(|h| host == *h || host.strip_suffix(h).is_some_and(|sub| sub.ends_with('.')))
}

/// A short call to follow the site elsewhere ("Follow us on Twitter", "Join our Telegram
/// channel", "Get our app for iOS and Android"): a short block with no inner block, at
/// least half of whose links lead to social networks, messengers or app stores; not
/// inside a quotation (an embedded post quotes its source).
fn is_outbound(element: ElementRef<'_>, a: Amounts) -> bool {
    if a.links == 0 || a.text == 0 || a.text > OUTBOUND_MAX {
        return false;
    }
    if element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|e| e.value().name() == "blockquote")
    {
        return false;
    }
    let mut links = 0;
    let mut outbound = 0;
    for e in element.descendants().skip(1).filter_map(ElementRef::wrap) {
        let name = e.value().name();
        if !matches!(html_action(name), Action::Inline) {
            return false;
        }
        if name == "a" {
            links += 1;
            outbound += usize::from(e.attr("href").is_some_and(is_outbound_href));
        }
    }
    outbound > 0 && outbound * 2 >= links
}

/// Longest label (weighted characters) of [`is_label`].
const LABEL_MAX: u32 = 60;

/// A paragraph that only labels what follows: short, no link, no inner block, and either
/// all of its text bold (`<p><strong>Read also:</strong></p>`) or ending in a colon.
fn is_label(element: ElementRef<'_>, a: Amounts) -> bool {
    if a.text == 0 || a.text > LABEL_MAX || a.links > 0 {
        return false;
    }
    if !element
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .all(|e| html_action(e.value().name()) == Action::Inline)
    {
        return false;
    }
    let text: String = element.text().collect();
    let text = one_line(&text);
    if text.split_whitespace().count() > 8 {
        return false;
    }
    let bold = element
        .descendants()
        .filter(|node| matches!(node.value(), Node::Text(t) if !t.trim().is_empty()))
        .all(|node| {
            node.ancestors()
                .take_while(|n| n.id() != element.id())
                .filter_map(ElementRef::wrap)
                .any(|e| matches!(e.value().name(), "strong" | "b"))
        });
    bold || text.ends_with([':', '：'])
}

/// A block of several links whose text is mostly link text and that says little besides:
/// menus, tag lists, "related" link lists, share bars (one link alone is a reference).
fn is_link_dense(a: Amounts) -> bool {
    a.text > 0 && a.link * 2 > a.text && a.text - a.link < 100
}

/// Unlinked text (weighted characters) from which a block named like furniture by its
/// class is content (see [`drop_rule`]).
const PROSE_RICH: u32 = 1000;

/// Why `element` (with text `a`, under a root with `total` text) is dropped, if it is:
/// boilerplate by [`boilerplate`] unless it wraps the page's layout, or link-dense.
fn drop_rule(
    element: ElementRef<'_>,
    a: Amounts,
    total: u32,
    in_article: bool,
) -> Option<&'static str> {
    let name = element.value().name();
    let action = html_action(name);
    // A boilerplate-looking wrapper of most of the text, of the page's <main> or of its
    // <h1>, is layout (an ASP.NET <form>, a <header> holding the page); a site header's
    // <h1> is the site name and does not make it a wrapper.
    let wrapper = !matches!(name, "nav" | "aside" | "footer")
        && (a.main || (a.h1 && name != "header") || u64::from(a.text) * 2 > u64::from(total));
    // A block named like furniture (share, date, sidebar, …) by its class alone but
    // holding a long run of unlinked text is the article in a themed wrapper
    // (`entry share`, `date-outer`); comment threads are long by nature.
    let prose_rich = a.text - a.link >= PROSE_RICH && a.link * 4 < a.text;
    let named_only = element.attr("role").is_none()
        && html_action(name) != Action::Inline
        && !matches!(
            name,
            "nav" | "aside" | "footer" | "form" | "dialog" | "figcaption" | "header"
        );
    boilerplate(element.value(), in_article)
        .filter(|_| !wrapper)
        // A teaser links to another page; one without a link is the article's own lead.
        .filter(|rule| *rule != "html-teaser" || a.links > 0)
        .filter(|rule| !(prose_rich && named_only && *rule != "html-comments"))
        .or_else(|| {
            (action != Action::Inline
                && action != Action::Heading(1)
                && !a.main
                && !a.h1
                && is_link_dense(a))
            .then_some("html-link-dense")
        })
}

/// Boilerplate blocks of the page removed from the tree before the main content is
/// searched (readability rewrites blocks and loses their class names); returns them.
fn prune(doc: &mut Html, root: NodeId) -> Vec<RemovedLine> {
    let Some(root_ref) = doc.tree.get(root).and_then(ElementRef::wrap) else {
        return Vec::new();
    };
    let amounts = amounts(root_ref);
    let total = amounts.get(&root).map_or(0, |a| a.text);
    let mut removed = Vec::new();
    let mut doomed = Vec::new();
    let mut stack = vec![(root_ref, false)];
    while let Some((element, in_article)) = stack.pop() {
        let name = element.value().name();
        if is_never_text(name) {
            continue;
        }
        if element.id() != root {
            let a = amounts.get(&element.id()).copied().unwrap_or_default();
            if let Some(rule) = drop_rule(element, a, total, in_article) {
                removed.extend(removal(&element.text().collect::<String>(), rule));
                doomed.push((
                    element.id(),
                    a.text > 0 && html_action(name) != Action::Inline,
                ));
                continue;
            }
        }
        let in_article = in_article || name == "article" || name == "main";
        stack.extend(
            element
                .children()
                .filter_map(ElementRef::wrap)
                .map(|child| (child, in_article)),
        );
    }
    // Each pruned block (not inline) that held text leaves a marker, so the rendering sees
    // the gap it left (a heading or label over a pruned list is dropped with it, see
    // [`Body::drop_orphan_headings`]).
    let marker = pruned_marker();
    for (id, had_text) in doomed {
        if let Some(mut node) = doc.tree.get_mut(id) {
            if let Some(marker) = marker.as_ref().filter(|_| had_text) {
                node.insert_before(marker.clone());
            }
            node.detach();
        }
    }
    removed
}

/// Class of the empty `<hr>` left where [`prune`] removed a block (readability keeps it).
const PRUNED_CLASS: &str = "kbsearch-pruned";

/// A fresh [`PRUNED_CLASS`] marker element.
fn pruned_marker() -> Option<Node> {
    let fragment = Html::parse_fragment(&format!(r#"<hr class="{PRUNED_CLASS}">"#));
    fragment
        .root_element()
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "hr"))
        .map(|n| n.value().clone())
}

/// An element [`prune`] left in place of a removed block.
fn is_pruned_marker(element: &scraper::node::Element) -> bool {
    element.name() == "hr" && element.attr("class") == Some(PRUNED_CLASS)
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
            // Soft hyphens and zero-width spaces are invisible: words are searched without them.
            Frame::Text(t) if t.contains(['\u{ad}', '\u{200b}']) => {
                body.text(&t.replace(['\u{ad}', '\u{200b}'], ""));
            }
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
                if is_pruned_marker(value) {
                    body.gap();
                    continue;
                }
                if name == "br" {
                    body.line_break();
                    continue;
                }
                let action = html_action(name);
                if element.id() != root.id() {
                    let a = amounts.get(&element.id()).copied().unwrap_or_default();
                    if let Some(rule) = drop_rule(element, a, total, article_depth > 0) {
                        removed.extend(removal(&element.text().collect::<String>(), rule));
                        if action != Action::Inline {
                            body.gap();
                        }
                        continue;
                    }
                }
                let article = name == "article" || name == "main";
                if article {
                    article_depth += 1;
                }
                let action = body.open(action);
                if action == Action::Block
                    && let Some(a) = amounts.get(&element.id())
                {
                    if is_label(element, *a) {
                        body.label();
                    } else if is_outbound(element, *a) {
                        body.outbound();
                    }
                }
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
    for heading in body.drop_orphan_headings() {
        removed.extend(removal(&heading, "html-empty-section"));
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

/// Deepest element nesting handed to the readability crate (it recurses over the tree).
const MAX_READABILITY_DEPTH: usize = 256;

/// Depth of the deepest element under `root` (explicit stack, no recursion).
fn tree_depth(root: ElementRef<'_>) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(root, 0usize)];
    while let Some((element, depth)) = stack.pop() {
        deepest = deepest.max(depth);
        stack.extend(
            element
                .children()
                .filter_map(ElementRef::wrap)
                .map(|child| (child, depth + 1)),
        );
    }
    deepest
}

/// Main content with less than this share of the page's readable text (both after
/// boilerplate removal) is a teaser, a promo box or a comment: the page is read whole.
const MIN_MAIN_SHARE: f64 = 0.33;

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
    let mut doc = Html::parse_document(text);
    let body_id = doc
        .root_element()
        .children()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .unwrap_or_else(|| doc.root_element())
        .id();
    let deep = doc
        .tree
        .get(body_id)
        .and_then(ElementRef::wrap)
        .is_some_and(|body| tree_depth(body) > MAX_READABILITY_DEPTH);
    let mut page_removed = prune(&mut doc, body_id);
    let page_root = doc
        .tree
        .get(body_id)
        .and_then(ElementRef::wrap)
        .expect("the body element is in the tree");
    let (page_body, page_h1) = render(page_root, &mut page_removed);
    let mut main_removed = Vec::new();
    // The readability crate walks the tree recursively: deep pages are read whole.
    let main_of = |found: &Option<(String, String)>, main_removed: &mut Vec<RemovedLine>| {
        found.as_ref().and_then(|(html, _)| {
            let fragment = Html::parse_fragment(html);
            let (body, h1) = render(fragment.root_element(), main_removed);
            // Readability turns the article's <h1> into an <h2>: the page's <h1> gets it back.
            let (body, h1) = match (h1, &page_h1) {
                (None, Some(page_h1)) => {
                    let demoted = format!("## {page_h1}");
                    match body.lines().position(|line| line == demoted) {
                        Some(at) => {
                            let lines: Vec<&str> = body.lines().collect();
                            let restored = format!("# {page_h1}");
                            let body = [&lines[..at], &[restored.as_str()], &lines[at + 1..]]
                                .concat()
                                .join("\n");
                            (body, Some(page_h1.clone()))
                        }
                        None => (body, None),
                    }
                }
                (h1, _) => (body, h1),
            };
            let (main_weight, page_weight) = (weight(&body), weight(&page_body));
            let enough = f64::from(main_weight) >= MIN_MAIN_SHARE * f64::from(page_weight);
            (!body.is_empty() && enough).then_some((body, h1))
        })
    };
    // On the pruned page first; when that finds no main content, on the page as it came
    // (pruning can split the container readability needs).
    let mut found = if deep { None } else { readability(&doc.html()) };
    let mut main = main_of(&found, &mut main_removed);
    if main.is_none() && !deep {
        main_removed.clear();
        found = readability(text);
        main = main_of(&found, &mut main_removed);
    }
    let (body, content_h1, mut removed) = match main {
        Some((body, h1)) => {
            let body = with_missed_prose(body, &page_body);
            // What the page shows outside the main content, block by block.
            let kept: HashSet<&str> = body.lines().collect();
            let mut removed = main_removed;
            removed.extend(page_removed);
            removed.extend(
                page_body
                    .lines()
                    .filter(|line| !line.is_empty() && !kept.contains(line))
                    .filter_map(|line| {
                        removal(line.trim_start_matches("- "), "html-not-main-content")
                    }),
            );
            (body, h1, removed)
        }
        None => (page_body, page_h1, page_removed),
    };
    if body.is_empty() {
        if removed.is_empty() {
            return Err(FormatError::NoContent);
        }
        let mut rules: Vec<&str> = removed.iter().map(|r| r.rule).collect();
        rules.sort_unstable();
        rules.dedup();
        return Err(FormatError::OnlyBoilerplate {
            rules: rules.join(", "),
        });
    }
    let mut seen = HashSet::new();
    removed.retain(|r| seen.insert(r.text.clone()));
    let title = page_title(&doc, content_h1, found.as_ref().map(|(_, t)| t.as_str()));
    let lang = doc.root_element().attr("lang").and_then(non_empty);
    let url = first_attr(&doc, r#"link[rel~="canonical"]"#, "href")
        .or_else(|| first_attr(&doc, r#"meta[property="og:url"]"#, "content"));
    let updated = first_date(&doc, r#"meta[property="article:modified_time"]"#, "content")
        .or_else(|| first_date(&doc, "time[datetime]", "datetime"));
    let category = first_attr(&doc, r#"meta[property="article:section"]"#, "content");
    let alternates = doc
        .select(&selector(r#"link[rel~="alternate"][hreflang]"#))
        .filter_map(|e| e.attr("href").and_then(non_empty))
        .collect();
    let tags = doc
        .select(&selector(r#"meta[property="article:tag"]"#))
        .filter_map(|e| e.attr("content").and_then(non_empty))
        .collect();
    Ok(RawArticle {
        id: None,
        title,
        body,
        lang,
        url,
        tags,
        category,
        updated,
        alternates,
        removed,
        ..RawArticle::default()
    })
}

/// Paragraphs of running text (at least this weight) that the page shows outside the
/// main content are content readability missed (a lead above the article container, text
/// split around a media embed): they are kept.
const MISSED_PROSE: u32 = 150;

/// `main` with what it lacks of the page, in page order: prose paragraphs anywhere, and
/// any block between two of its own (readability's conditional cleaning drops lists and
/// tables inside the article; boilerplate among them was pruned before).
fn with_missed_prose(main: String, page_body: &str) -> String {
    let page: Vec<&str> = page_body.split("\n\n").collect();
    let mut line_block: HashMap<&str, usize> = HashMap::new();
    for (at, block) in page.iter().enumerate() {
        for line in block.lines() {
            line_block.entry(line).or_insert(at);
        }
    }
    let mut in_main = vec![false; page.len()];
    let mut items: Vec<(usize, bool, &str)> = Vec::new();
    let mut at = 0;
    for block in main.split("\n\n") {
        if let Some(found) = block.lines().find_map(|line| line_block.get(line).copied()) {
            at = found;
            in_main[at] = true;
        }
        items.push((at, true, block));
    }
    let first = in_main.iter().position(|&m| m);
    let last = in_main.iter().rposition(|&m| m);
    // The page's title heading: between it and the main content stands the article's lead.
    let h1 = page.iter().position(|block| block.starts_with("# "));
    let mut missed = false;
    for (at, block) in page.iter().enumerate() {
        if in_main[at] {
            continue;
        }
        let inside = first.is_some_and(|f| f < at) && last.is_some_and(|l| at < l);
        let lead = h1.is_some_and(|h| h < at) && first.is_some_and(|f| at < f) && is_lead(block);
        if inside || lead || is_prose(block) {
            items.push((at, false, block));
            missed = true;
        }
    }
    if !missed {
        return main;
    }
    // Stable: main's own blocks keep their order; a missed block goes before the main
    // blocks found at the same page position.
    items.sort_by_key(|&(at, own, _)| (at, own));
    items
        .into_iter()
        .map(|(_, _, block)| block)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A paragraph of running text: [`MISSED_PROSE`] long, not a heading or list, ends a sentence.
fn is_prose(block: &str) -> bool {
    weight(block) >= MISSED_PROSE
        && !block.starts_with(['#', '-'])
        && block
            .trim_end()
            .ends_with(['.', '!', '?', '。', '！', '？', '"', '”', '»', ')', '…'])
}

/// Shortest lead (weighted characters, see [`weight`]).
const LEAD_MIN: u32 = 50;

/// A lead (standfirst, deck): one paragraph or heading of running text, at least
/// [`LEAD_MIN`] long and six words (or CJK), ending a sentence (not a parenthesis: a photo
/// credit), with few digits (a dateline is not a lead).
fn is_lead(block: &str) -> bool {
    let text = block.trim_start_matches('#').trim_start();
    if block.starts_with('-') || text.contains('\n') {
        return false;
    }
    let chars = text.chars().filter(|c| !c.is_whitespace()).count();
    let digits = text.chars().filter(char::is_ascii_digit).count();
    weight(text) >= LEAD_MIN
        && (text.split_whitespace().count() >= 6 || text.chars().any(is_cjk))
        && digits * 10 < chars
        && text
            .trim_end()
            .ends_with(['.', '!', '?', '。', '！', '？', '"', '”', '»', '…'])
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
                Some(
                    "html-navigation"
                        | "html-footer"
                        | "html-sidebar"
                        | "html-related"
                        | "html-comments"
                )
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str) -> RawArticle {
        parse_html(html).expect("page has an article")
    }

    fn paragraphs(topic: &str, sentences: &[&str]) -> String {
        sentences
            .iter()
            .map(|s| format!("<p>{topic} {s}</p>\n"))
            .collect()
    }

    #[test]
    fn teaser_article_before_the_real_one_is_not_taken() {
        let body = paragraphs(
            "Der Kundendienstleiter",
            &[
                "plant die Schichten des Teams, verteilt die Anfragen und prüft jeden Morgen, welche Fälle seit gestern offen geblieben sind.",
                "spricht mit unzufriedenen Kunden, wenn ein Fall eskaliert, und sucht gemeinsam mit der Technik nach einer dauerhaften Lösung.",
                "wertet am Monatsende die Kennzahlen aus, etwa die Zeit bis zur ersten Antwort, und bespricht sie mit der Geschäftsführung.",
                "schult neue Mitarbeitende, schreibt Antwortvorlagen und hält die Wissensdatenbank auf dem aktuellen Stand.",
            ],
        );
        let html = format!(
            r#"<html lang="de"><head><title>Was macht ein Kundendienstleiter? | Beispiel GmbH</title></head><body>
<article class="teaser"><h2><a href="/angebot">Jetzt im Angebot</a></h2><p>Sparen Sie 20 % auf alle Kurse. Nur diese Woche!</p></article>
<main><article><h1>Was macht ein Kundendienstleiter?</h1>{body}</article></main>
</body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("wertet am Monatsende"), "{}", a.body);
        assert!(a.body.contains("schult neue Mitarbeitende"), "{}", a.body);
        assert!(!a.body.contains("Sparen Sie 20 %"), "{}", a.body);
        assert_eq!(
            a.title.as_deref(),
            Some("Was macht ein Kundendienstleiter?")
        );
    }

    #[test]
    fn aspnet_form_wrapping_the_page_keeps_the_article() {
        let body = paragraphs(
            "Менеджер служби підтримки",
            &[
                "відповідає за роботу команди, яка щодня обробляє сотні звернень клієнтів телефоном, поштою та в чаті.",
                "складає графіки змін, стежить за часом першої відповіді й розбирає складні випадки разом із технічним відділом.",
                "навчає нових працівників, оновлює базу знань і готує щомісячний звіт для керівництва компанії.",
            ],
        );
        let html = format!(
            r#"<html lang="uk"><head><title>Хто такий менеджер служби підтримки</title></head><body>
<form id="aspnetForm" method="post" action="./page.aspx"><input type="hidden" name="__VIEWSTATE" value="x">
<div id="menu"><ul><li><a href="/">Головна</a></li><li><a href="/kb">База знань</a></li></ul></div>
<div id="content"><h1>Хто такий менеджер служби підтримки</h1>{body}</div>
</form></body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("складає графіки змін"), "{}", a.body);
        assert!(a.body.contains("навчає нових працівників"), "{}", a.body);
        assert!(!a.body.contains("База знань"), "{}", a.body);
        assert_eq!(
            a.title.as_deref(),
            Some("Хто такий менеджер служби підтримки")
        );
    }

    #[test]
    fn layout_inside_a_header_keeps_the_article() {
        let body = paragraphs(
            "Die Teamleitung",
            &[
                "verteilt die eingehenden Tickets nach Dringlichkeit und achtet darauf, dass niemand im Team überlastet ist.",
                "bespricht jede Woche die offenen Beschwerden und entscheidet, welche davon an die Produktentwicklung gehen.",
                "führt die Jahresgespräche, plant Weiterbildungen und vertritt das Team gegenüber der Geschäftsleitung.",
            ],
        );
        let html = format!(
            r#"<html lang="de"><head><title>Aufgaben der Teamleitung</title></head><body>
<header id="page"><div class="logo"><a href="/">Hilfe-Center</a></div>
<div class="main-column"><h1>Aufgaben der Teamleitung</h1>{body}</div></header>
<footer><p>© 2025 Beispiel GmbH · Impressum · Datenschutz</p></footer></body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("führt die Jahresgespräche"), "{}", a.body);
        assert!(!a.body.contains("Impressum"), "{}", a.body);
        assert_eq!(a.title.as_deref(), Some("Aufgaben der Teamleitung"));
    }

    #[test]
    fn inline_related_box_share_bar_and_comments_are_dropped_not_the_rest() {
        let first = paragraphs(
            "Customer service managers",
            &[
                "lead the team that answers customers by phone, e-mail and chat, and decide how requests are routed between them.",
                "set the targets for first-response time and resolution time, and review them with the team every week.",
            ],
        );
        let rest = paragraphs(
            "After the second paragraph, managers",
            &[
                "also handle escalations: when a customer is unhappy with an answer, the manager calls back personally.",
                "train new agents, write the reply templates and keep the knowledge base up to date with every product change.",
            ],
        );
        let html = format!(
            r#"<html lang="en"><head><title>What does a customer service manager do? - Example Help</title></head><body>
<div class="post"><h1>What does a customer service manager do?</h1>
<div class="share-bar"><a href="/s">Share</a> <a href="/s">Tweet</a> <a href="/s">Reddit</a> <a href="/s">Flipboard</a> <a href="/s">Email</a></div>
{first}
<div class="related-articles"><h3>Related</h3><ul><li><a href="/a">How to hire a support agent</a></li><li><a href="/b">Ten metrics for support teams</a></li></ul></div>
{rest}
</div>
<div id="comments"><h3>Comments</h3><p>No comments yet. Comments are moderated and will appear after approval by our editors.</p></div>
</body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("handle escalations"), "{}", a.body);
        assert!(a.body.contains("train new agents"), "{}", a.body);
        for boilerplate in [
            "Flipboard",
            "How to hire a support agent",
            "No comments yet",
        ] {
            assert!(
                !a.body.contains(boilerplate),
                "{boilerplate} kept:\n{}",
                a.body
            );
        }
        let rules: Vec<&str> = a.removed.iter().map(|r| r.rule).collect();
        assert!(rules.contains(&"html-related"), "{rules:?}");
        assert!(
            a.removed.iter().any(|r| r.text.contains("Flipboard")),
            "{:?}",
            a.removed
        );
    }

    #[test]
    fn cookie_banner_is_dropped_and_title_comes_from_the_content_h1() {
        let body = paragraphs(
            "Người quản lý dịch vụ khách hàng",
            &[
                "chịu trách nhiệm về đội ngũ trả lời khách hàng qua điện thoại, email và trò chuyện trực tuyến mỗi ngày.",
                "lập kế hoạch ca làm việc, theo dõi thời gian phản hồi đầu tiên và xử lý các trường hợp khó cùng bộ phận kỹ thuật.",
                "đào tạo nhân viên mới, cập nhật cơ sở kiến thức và báo cáo kết quả hằng tháng cho ban giám đốc.",
            ],
        );
        let html = format!(
            r#"<html lang="vi"><head><title>Trung tâm trợ giúp</title></head><body>
<header class="site-header"><h1><a href="/">Trung tâm trợ giúp</a></h1></header>
<div id="cookie-consent"><p>Chúng tôi sử dụng cookie để cải thiện trải nghiệm của bạn. Đồng ý</p></div>
<div class="entry-content"><h1>Quản lý dịch vụ khách hàng là gì?</h1>{body}</div>
</body></html>"#
        );
        let a = read(&html);
        assert_eq!(
            a.title.as_deref(),
            Some("Quản lý dịch vụ khách hàng là gì?")
        );
        assert!(a.body.contains("đào tạo nhân viên mới"), "{}", a.body);
        assert!(!a.body.contains("sử dụng cookie"), "{}", a.body);
        assert!(!a.body.contains("Trung tâm trợ giúp"), "{}", a.body);
    }

    #[test]
    fn chinese_page_keeps_content_and_drops_sidebar_and_footer() {
        let body = paragraphs(
            "客服经理",
            &[
                "负责统筹和管理客户服务团队，制定服务标准，并确保每一位客户的问题都能得到及时、专业的解答。",
                "每天查看工单的处理情况，分析首次响应时间和解决率，并与技术部门一起处理复杂的投诉。",
                "还要培训新员工，编写回复模板，维护知识库，并每月向管理层汇报团队的工作成果。",
            ],
        );
        let html = format!(
            r#"<html lang="zh-Hans"><head><title>客服经理是做什么的？_帮助中心</title></head><body>
<div class="sidebar"><h3>热门文章</h3><ul><li><a href="/1">如何退款</a></li><li><a href="/2">修改密码</a></li></ul></div>
<div class="article-body"><h1>客服经理是做什么的？</h1>{body}</div>
<div class="footer"><p>版权所有 © 2025 示例公司 京ICP备12345678号 地址：北京市朝阳区</p></div>
</body></html>"#
        );
        let a = read(&html);
        assert_eq!(a.title.as_deref(), Some("客服经理是做什么的？"));
        assert!(a.body.contains("还要培训新员工"), "{}", a.body);
        for boilerplate in ["如何退款", "版权所有"] {
            assert!(
                !a.body.contains(boilerplate),
                "{boilerplate} kept:\n{}",
                a.body
            );
        }
    }

    #[test]
    fn class_hints_match_words_not_substrings_and_skip_topic_classes() {
        let doc = Html::parse_fragment(
            r#"<div class="address-box">a</div><div class="post tag-social-media">b</div><div class="post-comments">c</div><div id="ad">d</div>"#,
        );
        let rules: Vec<Option<&str>> = doc
            .select(&selector("div"))
            .map(|e| boilerplate(e.value(), false))
            .collect();
        assert_eq!(rules, [None, None, Some("html-comments"), Some("html-ad")]);
    }
    #[test]
    fn lead_between_the_title_and_the_article_is_kept_but_not_a_dateline() {
        let body = paragraphs(
            "Die Kundendienstleitung",
            &[
                "prüft jeden Morgen, welche Anfragen seit gestern offen geblieben sind, und verteilt sie im Team.",
                "bespricht mit der Technik, welche Fehler am häufigsten gemeldet werden und wie sie behoben werden.",
                "wertet am Monatsende die Antwortzeiten aus und stellt die Ergebnisse der Geschäftsführung vor.",
                "schult neue Mitarbeitende und hält die Vorlagen für Antworten auf dem aktuellen Stand.",
            ],
        );
        let html = format!(
            r#"<html lang="de"><head><title>Was macht die Kundendienstleitung?</title></head><body>
<div class="page"><h1>Was macht die Kundendienstleitung?</h1>
<p class="intro">Sie führt das Team, das Kunden am Telefon und im Chat hilft. Ein Überblick über ihre Aufgaben.</p>
<p class="date">Mittwoch, 4. Mai 2022, 07:46 Uhr.</p>
<div class="article-text">{body}</div></div>
</body></html>"#
        );
        let a = read(&html);
        assert!(
            a.body.contains("Ein Überblick über ihre Aufgaben."),
            "{}",
            a.body
        );
        assert!(a.body.contains("schult neue Mitarbeitende"), "{}", a.body);
        assert!(!a.body.contains("07:46"), "{}", a.body);
        let lead = a.body.find("Ein Überblick").expect("lead kept");
        let first = a.body.find("prüft jeden Morgen").expect("article kept");
        assert!(
            lead < first,
            "the lead stays before the article:\n{}",
            a.body
        );
    }

    #[test]
    fn lead_shape_needs_a_sentence_and_few_digits() {
        assert!(is_lead(
            "## Whether you are for or against it, the new rules change how support teams work."
        ));
        assert!(is_lead(
            "El Mandatario se reunirá con las autoridades locales y luego viajará al sur."
        ));
        assert!(!is_lead("Miércoles, 4 de Mayo de 2022 a las 07:46hrs."));
        assert!(!is_lead(
            "Golf im TV: Die Übertragungszeiten im Überblick. (Foto: Getty)"
        ));
        assert!(!is_lead(
            "- a list item that is long enough to count as a sentence."
        ));
        assert!(!is_lead("Publicado:"));
    }

    #[test]
    fn heading_over_a_dropped_block_is_dropped_with_it() {
        // The main content as readability returns it, rendered with the boilerplate rules.
        let fragment = Html::parse_fragment(
            r#"<div><p>Support agents answer customers by phone, e-mail and chat, and write down every case in the ticket system.</p>
<h2>Related articles</h2>
<div class="related-posts"><a href="/a">How to hire</a> <a href="/b">Ten metrics</a> <a href="/c">Shift plans</a></div>
<h2>Weitere Artikel</h2>
<div class="recommended"><ul><li><a href="/d">Schichtplanung im Support</a></li><li><a href="/e">Kennzahlen im Kundendienst</a></li></ul></div>
<h2>Further reading</h2>
<p>The handbook of the support team explains the escalation levels in detail, with examples from real cases.</p></div>"#,
        );
        let mut removed = Vec::new();
        let (body, _) = render(fragment.root_element(), &mut removed);
        assert!(!body.contains("Related articles"), "{body}");
        assert!(!body.contains("Weitere Artikel"), "{body}");
        assert!(!body.contains("Kennzahlen"), "{body}");
        assert!(body.contains("## Further reading"), "{body}");
        assert!(body.contains("escalation levels"), "{body}");
        let rules: Vec<(&str, &str)> = removed.iter().map(|r| (r.rule, r.text.as_str())).collect();
        assert!(
            rules.contains(&("html-empty-section", "Related articles")),
            "{rules:?}"
        );
        assert!(
            rules.contains(&("html-empty-section", "Weitere Artikel")),
            "{rules:?}"
        );
    }

    #[test]
    fn comment_threads_named_in_other_languages_and_rating_widgets_are_dropped() {
        let body = paragraphs(
            "Der Hecht",
            &[
                "steht im Frühjahr in flachen, warmen Buchten und jagt dort kleine Fische aus dem Hinterhalt.",
                "lässt sich mit Gummifischen und Blinkern fangen, wenn man sie langsam am Grund führt.",
                "wird nach dem Fang schonend behandelt und untermaßige Fische werden sofort zurückgesetzt.",
            ],
        );
        let html = format!(
            r#"<html lang="de"><head><title>Hechtangeln im Frühjahr</title></head><body>
<main><article><h1>Hechtangeln im Frühjahr</h1>{body}
<div class="post-ratings"><span>(Noch keine Bewertungen)</span></div></article>
<section id="kommentare"><h3>Kommentare</h3><p>Keine Kommentare. Kommentare erscheinen erst nach unserer Freigabe.</p></section>
<div class="commentaires"><p>Soyez le premier à laisser un commentaire sur cet article de pêche.</p></div>
</main></body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("untermaßige Fische"), "{}", a.body);
        for dropped in [
            "Noch keine Bewertungen",
            "Keine Kommentare",
            "Soyez le premier",
        ] {
            assert!(!a.body.contains(dropped), "{dropped} kept:\n{}", a.body);
        }
        let rules: Vec<&str> = a.removed.iter().map(|r| r.rule).collect();
        assert!(rules.contains(&"html-rating"), "{rules:?}");
        assert!(rules.contains(&"html-comments"), "{rules:?}");
        let doc = Html::parse_fragment(
            r#"<div class="comentarios">a</div><div id="commenti-lista">b</div><div class="site-banner">c</div><div class="affiliate-disclosure">d</div><div class="noprint">e</div>"#,
        );
        let found: Vec<Option<&str>> = doc
            .select(&selector("div"))
            .map(|e| boilerplate(e.value(), false))
            .collect();
        assert_eq!(
            found,
            [
                Some("html-comments"),
                Some("html-comments"),
                Some("html-promo"),
                Some("html-promo"),
                Some("html-hidden")
            ]
        );
    }
    #[test]
    fn teaser_cards_linking_elsewhere_are_dropped_not_a_lead_named_teaser() {
        let body = paragraphs(
            "Die Pflegekräfte",
            &[
                "müssen nach dem neuen Gesetz bis Mitte März einen Nachweis über ihre Impfung vorlegen.",
                "befürchten, dass in vielen Heimen dann Personal fehlt, weil nicht alle geimpft sind.",
                "fordern deshalb, dass die Gesundheitsämter jeden Einzelfall prüfen und Fristen verlängern.",
            ],
        );
        let html = format!(
            r#"<html lang="de"><head><title>Streit um die Impfpflicht in der Pflege</title></head><body>
<main><article><h1>Streit um die Impfpflicht in der Pflege</h1>
<div class="teaser-text"><p>Die Impfpflicht für die Pflege sei ein falscher Ansatz, sagen die Verbände.</p></div>
{body}
<div class="teaser"><h3><a href="/other">Mehr zum Thema</a></h3><p>Was gibt es Neues? Regelmäßig beantworten Fachleute hier Fragen zur Pandemie. <a href="/other">mehr</a></p></div>
<div class="article-teaser"><p>Read also: how other countries handle mandatory vaccination of care workers. <a href="/en">Read</a></p></div>
</article></main></body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("ein falscher Ansatz"), "{}", a.body);
        assert!(a.body.contains("Fristen verlängern"), "{}", a.body);
        assert!(!a.body.contains("Regelmäßig beantworten"), "{}", a.body);
        assert!(!a.body.contains("other countries"), "{}", a.body);
        let rules: Vec<&str> = a.removed.iter().map(|r| r.rule).collect();
        assert!(rules.contains(&"html-teaser"), "{rules:?}");
    }
    #[test]
    fn button_controls_are_dropped_not_the_steps_beside_them() {
        let html = r#"<html lang="de"><head><title>Maulwurfkuchen mit Erdbeeren</title></head><body>
<main><article><h1>Maulwurfkuchen mit Erdbeeren</h1>
<div class="recipe-step"><p>Den Boden der Springform mit etwas Butter einfetten, damit sich der Kuchen nach dem Backen gut lösen lässt.</p>
<div class="image-toggle" role="button"><span>Bild anzeigen</span> <span>Bild schließen</span></div></div>
<div class="recipe-step"><p>Die Erdbeeren waschen, putzen und halbieren, dann gleichmäßig auf dem Boden verteilen und leicht andrücken.</p>
<a class="btn btn-print" href="/print">Rezept drucken</a></div>
<div class="recipe-step"><p>Strawberries are washed, hulled and halved, then spread evenly over the base of the cake and pressed in lightly.</p>
<div class="share-button-row"><a href="/pin">Save to Pinterest</a></div></div>
</article></main></body></html>"#;
        let a = read(html);
        assert!(a.body.contains("Erdbeeren waschen"), "{}", a.body);
        assert!(a.body.contains("pressed in lightly"), "{}", a.body);
        for control in ["Bild anzeigen", "Rezept drucken", "Save to Pinterest"] {
            assert!(!a.body.contains(control), "{control} kept:\n{}", a.body);
        }
        let rules: Vec<&str> = a.removed.iter().map(|r| r.rule).collect();
        assert!(rules.contains(&"html-button"), "{rules:?}");
    }

    #[test]
    fn heading_over_a_block_pruned_before_readability_is_dropped_with_it() {
        // The related list is pruned from the page before readability runs; the marker it
        // leaves lets the empty-section rule see that the heading lost its section.
        let body = paragraphs(
            "Служба підтримки",
            &[
                "щодня відповідає клієнтам телефоном, поштою та в чаті й записує кожне звернення в систему заявок.",
                "складає графіки змін, стежить за часом першої відповіді й розбирає складні випадки разом із технічним відділом.",
                "навчає нових працівників, оновлює базу знань і готує щомісячний звіт для керівництва компанії.",
                "збирає відгуки клієнтів після кожного закритого звернення й обговорює їх на щотижневій нараді команди.",
            ],
        );
        let html = format!(
            r#"<html lang="uk"><head><title>Як працює служба підтримки</title></head><body>
<article><h1>Як працює служба підтримки</h1>{body}
<h2>Схожі статті</h2>
<ul class="related-posts"><li><a href="/a">Як найняти оператора</a></li><li><a href="/b">Десять метрик підтримки</a></li></ul>
</article></body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("щотижневій нараді"), "{}", a.body);
        assert!(!a.body.contains("Десять метрик"), "{}", a.body);
        assert!(!a.body.contains("Схожі статті"), "{}", a.body);
        assert!(
            a.removed
                .iter()
                .any(|r| r.rule == "html-empty-section" && r.text == "Схожі статті"),
            "{:?}",
            a.removed
        );
        assert!(!a.body.contains(PRUNED_CLASS), "{}", a.body);
    }

    #[test]
    fn label_over_a_dropped_block_is_dropped_not_one_over_kept_text() {
        let body = paragraphs(
            "Die Kundendienstleiterin",
            &[
                "plant die Schichten des Teams, verteilt die Anfragen und prüft jeden Morgen, welche Fälle seit gestern offen geblieben sind.",
                "spricht mit unzufriedenen Kunden, wenn ein Fall eskaliert, und sucht gemeinsam mit der Technik nach einer dauerhaften Lösung.",
                "wertet am Monatsende die Kennzahlen aus, etwa die Zeit bis zur ersten Antwort, und bespricht sie mit der Geschäftsführung.",
            ],
        );
        let html = format!(
            r#"<html lang="de"><head><title>Was macht eine Kundendienstleiterin?</title></head><body>
<article><h1>Was macht eine Kundendienstleiterin?</h1>{body}
<p><strong>Das braucht sie:</strong></p>
<p>Geduld, ein gutes Gedächtnis für Kundennamen und die Ruhe, auch bei einem Ausfall des Systems klar zu erklären, was gerade passiert.</p>
<p><strong>Auch interessant:</strong></p>
<ul class="related-posts"><li><a href="/a">Schichtplanung im Support</a></li><li><a href="/b">Kennzahlen im Kundendienst</a></li></ul>
<p>Weiterlesen in:</p>
<div class="share-buttons"><a href="https://x.com/share">X</a> <a href="https://www.facebook.com/sharer">Facebook</a></div>
</article></body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("Das braucht sie:"), "{}", a.body);
        assert!(
            a.body.contains("Ruhe, auch bei einem Ausfall"),
            "{}",
            a.body
        );
        assert!(!a.body.contains("Auch interessant"), "{}", a.body);
        assert!(!a.body.contains("Weiterlesen in"), "{}", a.body);
        assert!(!a.body.contains("Schichtplanung"), "{}", a.body);
        let empty: Vec<&str> = a
            .removed
            .iter()
            .filter(|r| r.rule == "html-empty-section")
            .map(|r| r.text.as_str())
            .collect();
        assert!(empty.contains(&"Auch interessant:"), "{empty:?}");
        assert!(empty.contains(&"Weiterlesen in:"), "{empty:?}");
    }

    /// A rule's judgement of the first `<p>` of an HTML fragment, with its text amounts.
    fn judge_first_paragraph(html: &str, rule: fn(ElementRef<'_>, Amounts) -> bool) -> bool {
        let fragment = Html::parse_fragment(html);
        let p = fragment
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "p")
            .expect("a paragraph");
        rule(p, amounts(p)[&p.id()])
    }

    #[test]
    fn label_shape_is_short_unlinked_and_bold_or_ending_in_a_colon() {
        let shape = |html: &str| judge_first_paragraph(html, is_label);
        assert!(shape("<p><strong>Читайте також:</strong></p>"));
        assert!(shape("<p><b>Đọc thêm</b></p>"));
        assert!(shape("<p>相关阅读：</p>"));
        assert!(shape("<p>Lesen Sie auch:</p>"));
        // A linked line, a sentence, or text not all bold is not a label.
        assert!(!shape(
            r#"<p><strong><a href="/pdf">Literaturliste zum Download</a></strong></p>"#
        ));
        assert!(!shape(
            "<p>Die Schichten werden jeden Montag neu geplant.</p>"
        ));
        assert!(!shape(
            "<p><strong>Wichtig</strong> ist die Ruhe im Gespräch</p>"
        ));
        assert!(!shape(
            "<p>Ein sehr langer Satz mit vielen Wörtern, der am Ende trotzdem einen Doppelpunkt hat:</p>"
        ));
    }

    #[test]
    fn trailing_calls_to_follow_the_site_elsewhere_are_dropped_not_references_in_the_text() {
        let body = paragraphs(
            "La ciclista",
            &[
                "competirá este fin de semana en la Copa de Naciones, una prueba que reparte puntos para el ranking mundial de velocidad.",
                "terminó el año pasado en el puesto catorce de velocidad y en el veintiuno de keirin, según la federación internacional.",
                "entrena desde enero en el velódromo de Aguascalientes con el equipo nacional y un preparador físico propio.",
            ],
        );
        let html = format!(
            r#"<html lang="es"><head><title>La ciclista busca su plaza olímpica</title></head><body>
<article><h1>La ciclista busca su plaza olímpica</h1>{body}
<p>La federación anunció la convocatoria en <a href="https://twitter.com/federacion/status/1">un mensaje</a>, y la entrenadora confirmó después los nombres del equipo.</p>
<p>Los resultados de la prueba se publican cada noche en la página de la federación, junto con los tiempos de cada manga.</p>
<blockquote class="twitter-tweet"><p>Lista de convocadas para la Copa de Naciones.</p>— Federación (@federacion) <a href="https://twitter.com/federacion/status/2">28 de abril de 2022</a></blockquote>
<p>¿Ya sabías que tenemos canal de Telegram? Únete desde tu celular en este <a href="https://t.me/noticias">enlace de invitación</a>.</p>
<p>Descarga nuestra app para <a href="https://apps.apple.com/app/id1">iOS</a> y <a href="https://play.google.com/store/apps/details?id=x">Android</a>.</p>
</article></body></html>"#
        );
        let a = read(&html);
        assert!(a.body.contains("velódromo de Aguascalientes"), "{}", a.body);
        assert!(
            a.body.contains("anunció la convocatoria en un mensaje"),
            "{}",
            a.body
        );
        assert!(a.body.contains("Lista de convocadas"), "{}", a.body);
        assert!(!a.body.contains("canal de Telegram"), "{}", a.body);
        assert!(!a.body.contains("Descarga nuestra app"), "{}", a.body);
    }

    #[test]
    fn outbound_calls_are_recognized_by_link_host_in_any_language() {
        let outbound = |html: &str| judge_first_paragraph(html, is_outbound);
        assert!(outbound(
            r#"<p>Підписуйтесь на наш <a href="https://t.me/novyny">Telegram-канал</a> та <a href="https://www.facebook.com/novyny">Facebook</a></p>"#
        ));
        assert!(outbound(
            r#"<p>Theo dõi chúng tôi trên <a href="https://zalo.me/123">Zalo</a></p>"#
        ));
        assert!(outbound(
            r#"<p>关注我们的<a href="https://weibo.com/u/1">微博</a></p>"#
        ));
        // A link to the site itself or a host merely ending like one is not outbound; nor a
        // paragraph that mostly links elsewhere.
        assert!(!outbound(
            r#"<p>Alle Termine <a href="/termine">hier</a></p>"#
        ));
        assert!(!outbound(
            r#"<p>Mehr bei <a href="https://www.notx.com/a">notx</a></p>"#
        ));
        assert!(!outbound(
            r#"<p><a href="/a">Studie</a>, <a href="/b">Daten</a> und <a href="https://x.com/a">Post</a></p>"#
        ));
        assert!(is_outbound_href("https://m.facebook.com/page"));
        assert!(!is_outbound_href("https://www.youtube.com/watch?v=1"));
    }
}
