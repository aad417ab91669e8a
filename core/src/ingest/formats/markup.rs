//! reStructuredText (`.rst`, `.rest`: Sphinx documentation) and AsciiDoc (`.adoc`,
//! `.asciidoc`: Antora documentation) turned into Markdown, which the Markdown reader then
//! reads: section titles become `#` headings, code and literal blocks fenced code, lists
//! Markdown lists, and markup a reader does not see is dropped — directives' options,
//! comments, link targets, attribute lines, table borders, include and toctree lines — while
//! the visible text of roles, links and cross-references stays (`:ref:`Text <target>``,
//! `link:url[Text]`, `<<id,Text>>` → Text). Line by line, linear time.

/// Section levels are at most this deep (Markdown's `######`).
const MAX_LEVEL: usize = 6;

/// Indented reST blocks inside indented blocks are read as such this deep; deeper ones are
/// plain lines (a hostile file cannot recurse without end).
const MAX_NESTING: usize = 16;

/// reStructuredText → Markdown.
///
/// A section title is a line underlined (and maybe overlined) by one punctuation character
/// repeated; levels follow the order in which the adornment styles first appear, as in
/// Docutils. Directives (`.. name:: argument`) keep their visible content: code blocks become
/// fenced code, admonitions and figures their text, a domain directive (`.. py:function::
/// name`, `.. confval:: name`) its argument as a line above its text; toctree, index, meta,
/// raw, include and image directives, comments, targets and substitution definitions go. A
/// paragraph ending in `::` introduces a literal block (fenced code). Indented text
/// (definitions, block quotes) is unindented so that Markdown does not read it as code.
pub(super) fn rst_to_markdown(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut styles: Vec<(char, bool)> = Vec::new();
    let mut out: Vec<String> = Vec::new();
    rst_lines(&lines, 0, &mut styles, &mut out);
    out.join("\n")
}

/// Writes the Markdown of `lines`, a block `depth` levels inside indented blocks.
fn rst_lines(lines: &[&str], depth: usize, styles: &mut Vec<(char, bool)>, out: &mut Vec<String>) {
    if depth > MAX_NESTING {
        out.extend(lines.iter().map(|l| rst_inline(l.trim())));
        return;
    }
    let level_of = |c: char, over: bool, styles: &mut Vec<(char, bool)>| {
        let at = styles
            .iter()
            .position(|&s| s == (c, over))
            .unwrap_or_else(|| {
                styles.push((c, over));
                styles.len() - 1
            });
        (at + 1).min(MAX_LEVEL)
    };
    let mut literal_next = false;
    let mut in_header = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].trim_end();
        let t = line.trim_start();
        let blank_before = i == 0 || lines[i - 1].trim().is_empty();
        // An overlined and underlined title.
        if let Some(c) = adornment(t)
            && let Some(title) = lines.get(i + 1).map(|l| l.trim())
            && !title.is_empty()
            && lines.get(i + 2).and_then(|l| adornment(l.trim())) == Some(c)
        {
            let level = level_of(c, true, styles);
            out.push(format!("{} {}", "#".repeat(level), rst_inline(title)));
            (i, literal_next) = (i + 3, false);
            continue;
        }
        // An underlined title: a line at the margin after a blank line.
        if !t.is_empty()
            && t.len() == line.len()
            && blank_before
            && adornment(t).is_none()
            && let Some(c) = lines.get(i + 1).and_then(|l| adornment(l.trim_end()))
        {
            let level = level_of(c, false, styles);
            out.push(format!("{} {}", "#".repeat(level), rst_inline(t)));
            (i, literal_next) = (i + 2, false);
            continue;
        }
        if t.is_empty() || adornment(t).is_some() || is_table_border(t) {
            out.push(String::new());
            i += 1;
            continue;
        }
        // Fields before the first paragraph (`:orphan:`, `:tocdepth: 2`) are the document's
        // settings.
        if in_header && field_name(t).is_some() {
            i += 1;
            continue;
        }
        in_header = false;
        if let Some(rest) = t
            .strip_prefix("..")
            .filter(|r| r.is_empty() || r.starts_with(' '))
        {
            let end = block_end(lines, i + 1, indent_of(line));
            directive(rest.trim(), &lines[i + 1..end], depth, styles, out);
            (i, literal_next) = (end, false);
            continue;
        }
        if line.len() > t.len() {
            // An indented block: after `::` a literal block, else text.
            let end = block_end(lines, i, 0).max(i + 1);
            let block = &lines[i..end];
            if literal_next {
                fenced(block, "", out);
            } else {
                rst_lines(&dedent(block), depth + 1, styles, out);
            }
            (i, literal_next) = (end, false);
            continue;
        }
        literal_next = t.ends_with("::");
        let shown = match t.strip_suffix("::") {
            Some(head) if head.ends_with(char::is_whitespace) || head.is_empty() => head.trim_end(),
            Some(head) => &t[..head.len() + 1],
            None => t,
        };
        let shown = match shown.strip_prefix("#. ") {
            Some(item) => format!("1. {item}"),
            None => shown.to_string(),
        };
        out.push(rst_inline(&shown));
        i += 1;
    }
}

/// Writes one directive (`name:: argument` or a comment, target or footnote: `rest` is what
/// follows `..`), whose indented block is `block`.
fn directive(
    rest: &str,
    block: &[&str],
    depth: usize,
    styles: &mut Vec<(char, bool)>,
    out: &mut Vec<String>,
) {
    let Some((name, argument)) = rest.split_once("::") else {
        // A footnote (`.. [#] text`) keeps its text; comments and targets go.
        if let Some(note) = rest.strip_prefix('[').and_then(|r| r.split_once("] ")) {
            out.push(rst_inline(note.1));
        }
        return;
    };
    let name = name.trim().to_ascii_lowercase();
    let argument = argument.trim();
    if name.starts_with('|') || name.starts_with('_') || name.is_empty() {
        return; // a substitution definition or an anonymous target
    }
    let content: Vec<&str> = skip_options(block);
    match name.as_str() {
        "code-block" | "code" | "sourcecode" | "ipython" | "doctest" | "testcode" => {
            fenced(&content, argument, out)
        }
        "toctree" | "index" | "meta" | "raw" | "include" | "literalinclude" | "image"
        | "highlight" | "contents" | "sectnum" | "tabularcolumns" | "only-html" | "autosummary"
        | "graphviz" | "digraph" | "math" | "default-role" | "currentmodule" | "module"
        | "program" | "role" | "title" => {}
        _ => {
            // Admonitions, figures, version notes, tabs and domain directives: their
            // argument (a title, a version, a described name) and their text.
            let shown = match name.as_str() {
                "figure" | "note" | "warning" | "tip" | "hint" | "important" | "caution"
                | "attention" | "danger" | "error" | "seealso" => "",
                _ => argument,
            };
            if !shown.is_empty() {
                out.push(String::new());
                out.push(rst_inline(shown));
            }
            out.push(String::new());
            rst_lines(&dedent(&content), depth + 1, styles, out);
            out.push(String::new());
        }
    }
}

/// The character of an adornment line (`=====`, `-----`, `~~~~`): one punctuation
/// character repeated at least three times, nothing else.
fn adornment(t: &str) -> Option<char> {
    let c = t.chars().next()?;
    (c.is_ascii_punctuation() && t.len() >= 3 && t.chars().all(|x| x == c)).then_some(c)
}

/// A grid or simple table's border (`+----+----+`, `====  =====`).
fn is_table_border(t: &str) -> bool {
    t.len() >= 3
        && t.contains(['-', '='])
        && t.chars()
            .all(|c| matches!(c, '+' | '-' | '=' | ' ' | '|' | ':'))
        && (t.starts_with('+') || t.contains(' '))
}

/// The name of a field line (`:tocdepth: 2`, `:orphan:`).
fn field_name(t: &str) -> Option<&str> {
    let rest = t.strip_prefix(':')?;
    let (name, after) = rest.split_once(':')?;
    (!name.is_empty() && !name.contains('`') && (after.is_empty() || after.starts_with(' ')))
        .then_some(name)
}

/// Bytes of leading whitespace of a line (a space or tab is one, U+3000 three).
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The end of the block that starts at `from`: lines indented more than `indent`, and blank
/// lines between them.
fn block_end(lines: &[&str], from: usize, indent: usize) -> usize {
    let mut end = from;
    let mut last_text = from;
    while end < lines.len() {
        let l = lines[end];
        if l.trim().is_empty() {
            end += 1;
            continue;
        }
        if indent_of(l) <= indent {
            break;
        }
        end += 1;
        last_text = end;
    }
    last_text
}

/// A directive's content without its option lines (`:maxdepth: 2`) and leading blanks.
fn skip_options<'a>(block: &[&'a str]) -> Vec<&'a str> {
    let start = block
        .iter()
        .position(|l| !l.trim().is_empty() && field_name(l.trim()).is_none())
        .unwrap_or(block.len());
    block[start..].to_vec()
}

/// The lines less their common indentation.
fn dedent<'a>(block: &[&'a str]) -> Vec<&'a str> {
    let common = (block.iter())
        .filter(|l| !l.trim().is_empty())
        .map(|l| indent_of(l))
        .min()
        .unwrap_or(0);
    block
        .iter()
        .map(|l| l.get(common..).unwrap_or(l.trim_start()))
        .collect()
}

/// Writes `block` as fenced code (language `lang`), unindented.
fn fenced(block: &[&str], lang: &str, out: &mut Vec<String>) {
    let code = dedent(block);
    if code.iter().all(|l| l.trim().is_empty()) {
        return;
    }
    out.push(String::new());
    out.push(format!(
        "```{}",
        lang.split_whitespace().next().unwrap_or("")
    ));
    out.extend(code.iter().map(|l| l.trim_end().to_string()));
    out.push("```".to_string());
    out.push(String::new());
}

/// reST inline markup → the text a reader sees: roles (`:ref:`Text <target>`` → Text,
/// `:doc:`path`` → path), hyperlink references (`` `Text <url>`_ `` → Text), literals
/// (``` ``code`` ``` → `` `code` ``), substitutions (`|name|` → name) and footnote references
/// (`[#]_`) out.
fn rst_inline(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(at) = rest.find(['`', ':', '[', '|']) {
        out.push_str(&rest[..at]);
        let here = &rest[at..];
        if let Some(after) = here.strip_prefix("``")
            && let Some(end) = after.find("``")
        {
            out.push('`');
            out.push_str(&after[..end]);
            out.push('`');
            rest = &after[end + 2..];
        } else if let Some((inner, after)) = role(here) {
            out.push_str(shown_reference(inner));
            rest = after;
        } else if let Some(after) = here.strip_prefix('`')
            && let Some(end) = after.find('`')
        {
            let inner = &after[..end];
            out.push_str(shown_reference(inner));
            rest = after[end + 1..].trim_start_matches('_');
        } else if let Some(after) = here.strip_prefix('[')
            && let Some(end) = after.find("]_")
            && after[..end].chars().all(|c| c.is_ascii_digit() || c == '#')
        {
            rest = &after[end + 2..];
        } else if let Some(after) = here.strip_prefix('|')
            && let Some(end) = after.find('|')
            && end > 0
            && !after[..end].contains(char::is_whitespace)
        {
            out.push_str(&after[..end]);
            rest = &after[end + 1..];
        } else {
            let c = here.chars().next().unwrap_or(' ');
            out.push(c);
            rest = &here[c.len_utf8()..];
        }
    }
    out.push_str(rest);
    out
}

/// A role at the start of `t` (`:name:`content``, `:py:func:`x``): its content and what
/// follows.
fn role(t: &str) -> Option<(&str, &str)> {
    let body = t.strip_prefix(':')?;
    let tick = body.find(":`")?;
    let name = &body[..tick];
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ':' | '-' | '_' | '.' | '+'))
    {
        return None;
    }
    let after = &body[tick + 2..];
    let end = after.find('`')?;
    Some((&after[..end], &after[end + 1..]))
}

/// What a reference shows: `Text <target>` → Text, `~mod.func` → func, `!x` → x.
fn shown_reference(inner: &str) -> &str {
    if let Some(open) = inner.rfind(" <")
        && inner.ends_with('>')
    {
        return inner[..open].trim();
    }
    match inner.strip_prefix('~') {
        Some(path) => path.rsplit('.').next().unwrap_or(path),
        None => inner.trim_start_matches('!'),
    }
}

/// AsciiDoc → Markdown.
///
/// `= Title` and `== Section` (to six signs) become `#` headings; listing and literal blocks
/// (`----`, `....`) fenced code, in the language of a `[source,lang]` line above; list items
/// (`*`, `**`, `-`, `.`, `..`) Markdown items nested by their level; table cells (`|===`)
/// lines of ` | `-joined cells; `NOTE:`-style admonitions their text. Comments (`//`,
/// `////` blocks), attribute entries (`:name: value`, whose values replace `{name}` in the
/// text), block attributes (`[NOTE]`, `[[id]]`), continuation `+` lines and block macros
/// (`include::`, `image::`, `ifdef::`, `toc::`) go; the other delimiters (`====`, `****`,
/// `____`, `--`) go and their content stays. Inline links, cross-references and UI macros
/// keep their text (`link:url[Text]`, `xref:page.adoc[Text]`, `<<id,Text>>`, `kbd:[Ctrl+C]`).
pub(super) fn asciidoc_to_markdown(text: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut attributes: Vec<(String, String)> = Vec::new();
    let mut source_lang = String::new();
    let mut open_block: Option<String> = None; // the delimiter of a code or comment block
    let mut in_table = false;
    let mut after_title_blank = false;
    for raw in text.lines() {
        let line = raw.trim_end();
        if let Some(delimiter) = &open_block {
            if line == delimiter {
                if !delimiter.starts_with('/') {
                    out.push("```".to_string());
                }
                open_block = None;
            } else if !delimiter.starts_with('/') {
                out.push(line.to_string());
            }
            continue;
        }
        let t = line.trim();
        if is_delimiter(t, '/') {
            open_block = Some(t.to_string());
            continue;
        }
        if is_delimiter(t, '-') || is_delimiter(t, '.') {
            out.push(String::new());
            out.push(format!("```{source_lang}"));
            source_lang.clear();
            open_block = Some(t.to_string());
            continue;
        }
        if t.is_empty() {
            after_title_blank = true;
        }
        if t.starts_with("|===") {
            in_table = !in_table;
            out.push(String::new());
            continue;
        }
        if t.starts_with("//")
            || t == "+"
            || t == "--"
            || ['=', '*', '_', '+'].iter().any(|&c| is_delimiter(t, c))
        {
            continue;
        }
        if t.starts_with('[') && t.ends_with(']') && !t.contains("](") {
            if let Some(lang) = t.strip_prefix("[source,") {
                source_lang = lang
                    .trim_end_matches(']')
                    .split(',')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
            }
            continue;
        }
        if let Some((name, value)) = attribute_entry(t) {
            let value = substitute(value, &attributes);
            attributes.push((format!("{{{name}}}"), value));
            continue;
        }
        if is_block_macro(t) {
            continue;
        }
        // The lines right under the document's title, up to a blank line, are its author
        // and revision lines.
        if out.len() == 1 && out[0].starts_with("# ") && !after_title_blank {
            continue;
        }
        let t = substitute(t, &attributes);
        let t = t.strip_suffix(" +").unwrap_or(&t);
        if in_table {
            let cells: Vec<String> = t
                .split('|')
                .map(|c| adoc_inline(c.trim()))
                .filter(|c| !c.is_empty())
                .collect();
            if !cells.is_empty() {
                out.push(cells.join(" | "));
            }
            continue;
        }
        let signs = t.bytes().take_while(|&b| b == b'=').count();
        if (1..=MAX_LEVEL).contains(&signs) && t[signs..].starts_with(' ') {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.push(format!(
                "{} {}",
                "#".repeat(signs),
                adoc_inline(t[signs..].trim())
            ));
            continue;
        }
        if let Some(item) = adoc_list_item(t) {
            out.push(item);
            continue;
        }
        let t = ["NOTE: ", "TIP: ", "IMPORTANT: ", "WARNING: ", "CAUTION: "]
            .iter()
            .find_map(|label| t.strip_prefix(label))
            .unwrap_or(t);
        // A block title (`.Example`) is a line of its own.
        let t = match t.strip_prefix('.') {
            Some(title) if title.starts_with(|c: char| c.is_alphanumeric()) => title,
            _ => t,
        };
        out.push(adoc_inline(t));
    }
    if open_block.as_deref().is_some_and(|d| !d.starts_with('/')) {
        out.push("```".to_string());
    }
    out.join("\n").trim_start().to_string()
}

/// `text` with the attribute references defined so far (`{name}`) replaced by their values.
fn substitute(text: &str, attributes: &[(String, String)]) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    (attributes.iter().rev()).fold(text.to_string(), |text, (key, value)| {
        text.replace(key.as_str(), value)
    })
}

/// True for a block delimiter of `c` (`----`, `////`, `====`): four or more of it alone.
fn is_delimiter(t: &str, c: char) -> bool {
    t.len() >= 4 && t.chars().all(|x| x == c)
}

/// `(name, value)` of an attribute entry line (`:product-name: Acme Cloud`, `:toc:`).
fn attribute_entry(t: &str) -> Option<(&str, &str)> {
    let rest = t.strip_prefix(':')?;
    let (name, value) = rest.split_once(':')?;
    let name = name.trim_start_matches('!').trim_end_matches('!');
    (!name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
        && (value.is_empty() || value.starts_with(' ')))
    .then_some((name, value.trim()))
}

/// A block macro line (`include::part.adoc[]`, `image::shot.png[Alt]`, `ifdef::env[]`).
fn is_block_macro(t: &str) -> bool {
    t.ends_with(']')
        && t.split_once("::").is_some_and(|(name, _)| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

/// A list item (`* a`, `** b`, `- c`, `. d`, `.. e`, `term:: definition`) as a Markdown item.
fn adoc_list_item(t: &str) -> Option<String> {
    let marker = t.chars().next().filter(|c| matches!(c, '*' | '.' | '-'))?;
    let depth = t.chars().take_while(|&c| c == marker).count();
    let rest = t[depth..].strip_prefix(' ')?;
    if marker == '-' && depth > 1 || rest.trim().is_empty() {
        return None;
    }
    let bullet = if marker == '.' { "1." } else { "-" };
    Some(format!(
        "{}{bullet} {}",
        "  ".repeat(depth - 1),
        adoc_inline(rest.trim())
    ))
}

/// AsciiDoc inline macros → their text: `link:url[Text]`, `https://…[Text]`,
/// `xref:page.adoc[Text]`, `kbd:[Ctrl+C]`, `btn:[Save]`, `menu:File[Save]` (File > Save),
/// `footnote:[text]`, `<<id,Text>>`.
fn adoc_inline(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    loop {
        let macro_at = rest.find(['[', '<']);
        let Some(at) = macro_at else { break };
        let here = &rest[at..];
        if let Some(after) = here.strip_prefix("<<")
            && let Some(end) = after.find(">>")
        {
            out.push_str(&rest[..at]);
            let inner = &after[..end];
            out.push_str(inner.split_once(',').map_or(inner, |(_, text)| text.trim()));
            rest = &after[end + 2..];
            continue;
        }
        if here.starts_with('[')
            && let Some(end) = here.find(']')
        {
            // The macro's name and target run back from `[` to a space.
            let head = &rest[..at];
            let start = (head.char_indices().rev())
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(s, c)| s + c.len_utf8());
            let target = &head[start..];
            let shown = &here[1..end];
            // A macro (`link:`, `xref:`, `kbd:`, `https:`) or a link whose target is an
            // address, a page or an attribute (`{url-docs}/install.adoc[Install]`).
            let named = target.split_once(':').filter(|(name, _)| {
                !name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic())
            });
            if named.is_some() || target.contains(['/', '{']) {
                out.push_str(&head[..start]);
                let (name, argument) = named.unwrap_or(("", target));
                let shown = shown.split(',').next().unwrap_or("").trim_matches('"');
                let shown = shown.trim_end_matches('^');
                let text = match name {
                    "menu" => format!("{argument} > {}", shown.replace('>', " > ")),
                    "footnote" => format!("({shown})"),
                    _ if shown.is_empty() => argument.to_string(),
                    _ => shown.to_string(),
                };
                out.push_str(text.trim());
                rest = &here[end + 1..];
                continue;
            }
        }
        out.push_str(&rest[..at + 1]);
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rst_titles_directives_roles_and_literal_blocks() {
        let rst = "===============\nGetting started\n===============\n\n:orphan:\n\nSphinx is a *documentation generator*; see the :doc:`installation guide </usage/installation>` and `Write the docs <https://writethedocs.org>`_.\n\nSetting up the sources\n----------------------\n\nThe root directory holds :file:`conf.py`.  [#]_ To use it, run::\n\n   $ sphinx-quickstart\n\n.. code-block:: console\n\n   $ make html\n\n.. note::\n   :class: tip\n\n   The first line of the content must be indented.\n\n.. toctree::\n   :maxdepth: 2\n\n   intro\n   tutorial\n\n.. _label:\n\n.. py:function:: send_message(sender, recipient)\n\n   Send a message to a recipient.\n\nConfiguring\n~~~~~~~~~~~\n\nterm\n   A definition under its term.\n";
        let md = rst_to_markdown(rst);
        assert!(md.starts_with("# Getting started"), "{md}");
        assert!(md.contains("\n## Setting up the sources\n"), "{md}");
        assert!(md.contains("\n### Configuring\n"), "{md}");
        assert!(
            md.contains("see the installation guide and Write the docs."),
            "{md}"
        );
        assert!(md.contains("holds conf.py."), "{md}");
        assert!(md.contains("To use it, run:\n"), "{md}");
        assert!(md.contains("```\n$ sphinx-quickstart\n```"), "{md}");
        assert!(md.contains("```console\n$ make html\n```"), "{md}");
        assert!(
            md.contains("\nThe first line of the content must be indented.\n"),
            "{md}"
        );
        assert!(
            md.contains("\nsend_message(sender, recipient)\n\nSend a message"),
            "{md}"
        );
        assert!(md.contains("term\nA definition under its term."), "{md}");
        for gone in [
            ":orphan:", "toctree", "maxdepth", "tutorial", "_label", ":class:", "[#]_",
        ] {
            assert!(!md.contains(gone), "{gone} in {md}");
        }
    }

    #[test]
    fn odd_indentation_and_deep_nesting_never_panic() {
        // Mixed wide spaces in an indented block; a staircase of 20 000 lines
        // indented deeper and deeper.
        let odd =
            "Title\n=====\n\n  text\n \u{3000}wide\n\u{3000}\n\n.. note::\n\n \u{3000}x\n  y\n";
        assert!(rst_to_markdown(odd).contains("wide"));
        let deep: String = (0..20_000)
            .map(|i| format!("{}step {i}\n", " ".repeat(i % 200)))
            .collect();
        assert!(rst_to_markdown(&deep).contains("step 19999"));
        assert!(asciidoc_to_markdown("\u{3000}link:a[b]\n* \u{3000}[x]").contains('b'));
    }

    #[test]
    fn asciidoc_titles_blocks_lists_tables_and_macros() {
        let adoc = "= Asciidoctor 使用指南\nDan Allen <https://github.com/mojavelinux[@mojavelinux]>\n:product: Asciidoctor\n:url-org: https://github.com/asciidoctor\n:url-j: {url-org}/asciidoctorj\n:toc:\n\n// 注释不显示\n{product} 是一个快速的文本处理器，参见 link:https://asciidoctor.org[官方网站] 和 <<install,安装>>。\n\n[[install]]\n== 安装\n\n.通过 RubyGems 安装\n[source,bash]\n----\ngem install asciidoctor\n----\n\nNOTE: 需要 Ruby 2.7 或更高版本。\n使用 {url-j}[AsciidoctorJ^] 或 {url-rel}CHANGELOG.adoc[更新日志]。\n\n* 第一项\n** 嵌套项\n. 第一步\n\n|===\n|名称 |说明\n|kbd:[Ctrl+S] |保存\n|===\n\ninclude::partials/footer.adoc[]\n\n////\n整个注释块\n////\n";
        let md = asciidoc_to_markdown(adoc);
        assert!(md.starts_with("# Asciidoctor 使用指南"), "{md}");
        assert!(
            md.contains("Asciidoctor 是一个快速的文本处理器，参见 官方网站 和 安装。"),
            "{md}"
        );
        assert!(md.contains("\n## 安装\n"), "{md}");
        assert!(md.contains("\n通过 RubyGems 安装\n"), "{md}");
        assert!(md.contains("```bash\ngem install asciidoctor\n```"), "{md}");
        assert!(md.contains("\n需要 Ruby 2.7 或更高版本。\n"), "{md}");
        assert!(md.contains("\n使用 AsciidoctorJ 或 更新日志。\n"), "{md}");
        assert!(md.contains("\n- 第一项\n  - 嵌套项\n1. 第一步\n"), "{md}");
        assert!(md.contains("\n名称 | 说明\nCtrl+S | 保存\n"), "{md}");
        for gone in [
            "注释",
            "include::",
            ":toc:",
            "[[install]]",
            "[source",
            "Dan Allen",
        ] {
            assert!(!md.contains(gone), "{gone} in {md}");
        }
    }
}
