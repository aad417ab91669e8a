//! Template markup in Markdown sources: Hugo shortcodes, Jekyll/Liquid tags, Go/Jinja
//! expressions and MDX imports are dropped, the text a reader sees is kept.
//!
//! Rules, applied outside code (fenced or indented blocks and inline code spans stay whole):
//! - `{{< … >}}`, `{{% … %}}`, `{{ … }}`, `{% … %}`: replaced by the value of a reader-visible
//!   attribute (`text`, `title`, `label`, `caption`, `content`, first found), else removed
//!   (`{{< glossary_tooltip text="API object" term_id="object" >}}` → `API object`,
//!   `{{< note >}}` → nothing). A heading made of a tag without such an attribute keeps its
//!   first quoted argument, so the section stays apart (`## {{% heading "options" %}}` →
//!   `## options`: the i18n key stands for the translated label, which is not in the source).
//!   A tag never spans a blank line; an unclosed one is left as is.
//! - `{{< highlight yaml >}}` … `{{< /highlight >}}` and `{% highlight %}` … `{% endhighlight %}`
//!   on their own lines become a fenced code block (the content is code).
//! - MDX `import … from '…'` and `export …` lines are removed. JSX components (`<Tabs>`,
//!   `<TabItem label="…">`) are HTML to the Markdown reader, whose tags are stripped there.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// Attributes whose value is shown to the reader, in order of preference.
const VISIBLE_ATTRIBUTES: &[&str] = &["text", "title", "label", "caption", "content"];

/// Longest template tag looked for, in bytes (an unclosed `{{` does not scan the whole file).
const MAX_TAG_BYTES: usize = 2000;

/// Template tag delimiters: opener, closer. Longer openers first.
const DELIMITERS: &[(&str, &str)] = &[("{{<", ">}}"), ("{{%", "%}}"), ("{{", "}}"), ("{%", "%}")];

/// True when the text holds template markup outside code (a cheap check first).
pub fn has_markup(text: &str) -> bool {
    text.contains("{{") || text.contains("{%")
}

/// Markdown with template markup replaced by the text a reader sees (see the module rules).
pub fn strip_templates(markdown: &str, options: Options) -> String {
    let markdown = highlight_blocks_to_fences(markdown);
    let markdown = drop_mdx_lines(&markdown);
    if !has_markup(&markdown) {
        return markdown;
    }
    let code = code_ranges(&markdown, options);
    let mut out = String::with_capacity(markdown.len());
    let mut pos = 0;
    let mut next_code = code.iter().peekable();
    while pos < markdown.len() {
        // Copy code ranges verbatim.
        while next_code.peek().is_some_and(|r| r.end <= pos) {
            next_code.next();
        }
        let code_start = next_code.peek().map_or(markdown.len(), |r| r.start);
        if pos >= code_start {
            let end = next_code.next().map_or(markdown.len(), |r| r.end);
            out.push_str(&markdown[pos..end]);
            pos = end;
            continue;
        }
        let region = &markdown[pos..code_start];
        match find_tag(region) {
            Some((start, end, mut visible)) => {
                out.push_str(&region[..start]);
                if visible.is_empty() && heading_line_so_far(&out) {
                    visible = first_quoted(&region[start..end]).unwrap_or_default();
                }
                out.push_str(&visible);
                pos += end;
            }
            None => {
                out.push_str(region);
                pos = code_start;
            }
        }
    }
    out
}

/// Byte ranges of code blocks and inline code spans.
fn code_ranges(markdown: &str, options: Options) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options).into_offset_iter() {
        let is_code = matches!(event, Event::Start(Tag::CodeBlock(_)) | Event::Code(_));
        if is_code && ranges.last().is_none_or(|r| r.end <= range.start) {
            ranges.push(range);
        }
    }
    ranges
}

/// The first template tag in `text`: its byte start and end, and the visible text.
fn find_tag(text: &str) -> Option<(usize, usize, String)> {
    let mut from = 0;
    while let Some(i) = text[from..].find('{').map(|i| from + i) {
        let rest = &text[i..];
        for (open, close) in DELIMITERS {
            if !rest.starts_with(open) {
                continue;
            }
            let window = &rest[open.len()..rest.len().min(open.len() + MAX_TAG_BYTES)];
            let Some(j) = window.find(close) else {
                continue;
            };
            let inner = &window[..j];
            if inner.contains("\n\n") || inner.contains("\n\r\n") {
                continue;
            }
            let end = i + open.len() + j + close.len();
            return Some((i, end, visible_text(inner)));
        }
        from = i + 1;
    }
    None
}

/// True when the current (last) line of `text` is an ATX heading's hashes only so far.
fn heading_line_so_far(text: &str) -> bool {
    let line = text.rsplit('\n').next().unwrap_or(text).trim();
    let hashes = line.len() - line.trim_start_matches('#').len();
    (1..=6).contains(&hashes) && hashes == line.len()
}

/// The first `"…"` argument of a tag that has no `=` before it.
fn first_quoted(tag: &str) -> Option<String> {
    let start = tag.find('"')?;
    if tag[..start].contains('=') {
        return None;
    }
    let end = tag[start + 1..].find('"')?;
    Some(tag[start + 1..start + 1 + end].trim().to_string()).filter(|t| !t.is_empty())
}

/// The reader-visible attribute value of a tag's inner text, or nothing.
fn visible_text(inner: &str) -> String {
    let attributes = attributes(inner);
    VISIBLE_ATTRIBUTES
        .iter()
        .find_map(|key| {
            attributes
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_default()
}

/// `key="value"`, `key='value'` and `key=value` pairs of a tag's inner text.
fn attributes(inner: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut rest = inner;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .rsplit(|c: char| c.is_whitespace() || c == '"' || c == '\'')
            .next()
            .unwrap_or("");
        let after = &rest[eq + 1..];
        let (value, next) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                Some(k) => (&after[1..1 + k], &after[2 + k..]),
                None => (&after[1..], ""),
            },
            _ => {
                let k = after.find(char::is_whitespace).unwrap_or(after.len());
                (&after[..k], &after[k..])
            }
        };
        if !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
        {
            out.push((key, value));
        }
        rest = next;
    }
    out
}

/// The name of a template tag line such as `{{< highlight yaml >}}` or `{% endhighlight %}`,
/// with its first argument.
fn tag_line(line: &str) -> Option<(&str, Option<&str>)> {
    let t = line.trim();
    let (open, close) = DELIMITERS
        .iter()
        .find(|(open, close)| t.starts_with(open) && t.ends_with(close))?;
    if t.len() < open.len() + close.len() {
        return None;
    }
    let mut words = t[open.len()..t.len() - close.len()]
        .trim_matches(|c: char| c.is_whitespace() || c == '-')
        .split_whitespace();
    let name = words.next()?;
    Some((name, words.next()))
}

/// `highlight` shortcodes and Liquid blocks on their own lines → Markdown fences.
fn highlight_blocks_to_fences(markdown: &str) -> String {
    if !markdown.contains("highlight") {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut open = false;
    for line in markdown.split_inclusive('\n') {
        let newline = if line.ends_with('\n') { "\n" } else { "" };
        match tag_line(line) {
            Some(("highlight", lang)) if !open => {
                open = true;
                let lang = lang.unwrap_or("").trim_matches(['"', '\'']);
                out.push_str("```");
                if lang
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '+')
                {
                    out.push_str(lang);
                }
                out.push_str(newline);
            }
            Some(("/highlight" | "endhighlight", _)) if open => {
                open = false;
                out.push_str("```");
                out.push_str(newline);
            }
            _ => out.push_str(line),
        }
    }
    if open {
        out.push_str("\n```\n");
    }
    out
}

/// MDX source made plain Markdown for the reader: MDX has no indented code blocks, so JSX
/// indented inside a component (`<section>\n    <Button>…</Button>`) and the lines and fenced
/// blocks nested in it lose that indentation instead of reading as code. A line is dedented
/// when it starts with `<`, `{`, `}` or `)`, or follows a dedented line; a fence opened on a
/// dedented line takes its content and closing fence along by the same amount.
pub fn mdx_to_markdown(mdx: &str) -> String {
    let mut out = String::with_capacity(mdx.len());
    let mut fence: Option<(&str, usize)> = None; // (marker, columns removed)
    let mut after_jsx = false;
    for line in mdx.split_inclusive('\n') {
        let t = line.trim();
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some((marker, cut)) = fence {
            out.push_str(&line[indent.min(cut)..]);
            if t.starts_with(marker) && t.trim_start_matches(marker).is_empty() {
                fence = None;
            }
            continue;
        }
        if t.is_empty() {
            out.push_str(line);
            continue;
        }
        let jsx = t.starts_with(['<', '{', '}', ')']);
        let dedent = indent > 0 && (jsx || after_jsx);
        let cut = if dedent { indent } else { 0 };
        if let Some(m) = ["```", "~~~"].into_iter().find(|m| t.starts_with(m)) {
            fence = Some((m, cut));
        }
        push_without_member_tags(&mut out, &line[cut..]);
        after_jsx = jsx || dedent;
    }
    out
}

/// `line` without JSX tags whose name is a member expression (`<Release.Provider>`,
/// `<Release.VersionDropdown />`, `</Release.ChangelogLink>`), which the Markdown reader would
/// keep as text (an HTML tag name has no dot); their content stays. Code spans are left alone.
fn push_without_member_tags(out: &mut String, line: &str) {
    let mut rest = line;
    while let Some(start) = rest.find('<') {
        let in_code = rest[..start].matches('`').count() % 2 == 1;
        let tag = &rest[start..];
        let name_len = tag[1..]
            .trim_start_matches('/')
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(tag.len() - 1);
        let slash = usize::from(tag[1..].starts_with('/'));
        let name = &tag[1 + slash..1 + slash + name_len];
        let member = name.starts_with(|c: char| c.is_ascii_uppercase()) && name.contains('.');
        match tag.find('>').filter(|_| member && !in_code) {
            Some(end) if !tag[1..end].contains('<') => {
                out.push_str(&rest[..start]);
                rest = &tag[end + 1..];
            }
            _ => {
                out.push_str(&rest[..=start]);
                rest = &tag[1..];
            }
        }
    }
    out.push_str(rest);
}

/// MDX module lines (`import X from 'y'`, `export const …`) outside fenced code removed.
fn drop_mdx_lines(markdown: &str) -> String {
    if !markdown.contains("import ") && !markdown.contains("export ") {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len());
    let mut fence: Option<&str> = None;
    for line in markdown.split_inclusive('\n') {
        let t = line.trim();
        let marker = ["```", "~~~"].into_iter().find(|m| t.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some(m),
            (Some(f), Some(m)) if f == m && t.trim_start_matches(m).is_empty() => fence = None,
            _ => {}
        }
        let module_line = fence.is_none()
            && !line.starts_with([' ', '\t'])
            && ((t.starts_with("import ")
                && (t.contains(" from '") || t.contains(" from \""))
                && t.trim_end_matches(';').ends_with(['\'', '"']))
                || (t.starts_with("export ")
                    && (t.starts_with("export const ")
                        || t.starts_with("export default ")
                        || t.starts_with("export function "))));
        if !module_line {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(md: &str) -> String {
        strip_templates(md, Options::ENABLE_HEADING_ATTRIBUTES)
    }

    #[test]
    fn hugo_shortcodes_keep_the_visible_text_in_every_language() {
        assert_eq!(
            strip(
                "集群中的每一个{{< glossary_tooltip text=\"对象\" term_id=\"object\" >}}都有一个名称。"
            ),
            "集群中的每一个对象都有一个名称。"
        );
        assert_eq!(
            strip(
                "Кожен {{< glossary_tooltip text=\"обʼєкт API\" term_id=\"object\" >}} має імʼя."
            ),
            "Кожен обʼєкт API має імʼя."
        );
        assert_eq!(
            strip("{{< note >}}\nMột Pod chạy trên một Node.\n{{< /note >}}\n"),
            "\nMột Pod chạy trên một Node.\n\n"
        );
        assert_eq!(
            strip("## {{% heading \"whatsnext\" %}}\n"),
            "## whatsnext\n"
        );
        assert_eq!(strip("## {{< note >}}\n"), "## \n");
        assert_eq!(strip("Text {{% heading \"options\" %}}\n"), "Text \n");
        assert_eq!(
            strip("{{% code_sample file=\"pods/simple-pod.yaml\" %}}\n\nTo create the Pod:"),
            "\n\nTo create the Pod:"
        );
        // A shortcode split over lines, and one inside an HTML attribute.
        assert_eq!(
            strip(
                "See {{< glossary_tooltip\n  term_id=\"kubelet\" text=\"kubelet\" >}} and <a href=\"{{< ref \"/docs/x\" >}}\">docs</a>."
            ),
            "See kubelet and <a href=\"\">docs</a>."
        );
    }

    #[test]
    fn jekyll_liquid_and_mdx_markup_is_dropped() {
        assert_eq!(
            strip(
                "{% include note.html content=\"Back up etcd first.\" %}\n\nRun {{ site.data.cmd }} now."
            ),
            "Back up etcd first.\n\nRun  now."
        );
        let mdx = "import Tabs from '@theme/Tabs';\nimport TabItem from \"@theme/TabItem\";\n\n\
                   Pick your system.\n";
        assert_eq!(strip(mdx), "\nPick your system.\n");
    }

    #[test]
    fn mdx_jsx_indented_in_a_component_is_not_code() {
        let mdx = "<section>\n    <Button kind=\"primary\" href=\"/download\">Get Node.js®</Button>\n    Run JavaScript everywhere.\n\n    ```js\n    // server.mjs\n    res.end('Hello World!\\n');\n    ```\n</section>\n\nText.\n\n    indented text after a paragraph\n";
        assert_eq!(
            mdx_to_markdown(mdx),
            "<section>\n<Button kind=\"primary\" href=\"/download\">Get Node.js®</Button>\nRun JavaScript everywhere.\n\n```js\n// server.mjs\nres.end('Hello World!\\n');\n```\n</section>\n\nText.\n\n    indented text after a paragraph\n"
        );
        // Components named by a member expression go, their content stays; code is kept.
        assert_eq!(
            mdx_to_markdown(
                "Отримати Node.js® <Release.VersionDropdown /> для <Release.OperatingSystemDropdown />\n<Release.Provider>\nЧитайте <Release.ChangelogLink>список змін</Release.ChangelogLink>. `<Foo.Bar />` a < b.\n</Release.Provider>\n"
            ),
            "Отримати Node.js®  для \n\nЧитайте список змін. `<Foo.Bar />` a < b.\n\n"
        );
    }

    #[test]
    fn code_keeps_its_template_markup() {
        let md = "Set the image:\n\n```yaml\nimage: {{ .Values.image }}\n# {{< not a shortcode >}}\n```\n\n\
                  Use `{{ .Release.Name }}` in {{< glossary_tooltip text=\"Helm\" term_id=\"helm-chart\" >}} charts.\n";
        assert_eq!(
            strip(md),
            "Set the image:\n\n```yaml\nimage: {{ .Values.image }}\n# {{< not a shortcode >}}\n```\n\n\
             Use `{{ .Release.Name }}` in Helm charts.\n"
        );
        let hl = "{{< highlight shell >}}\nkubectl get pods {{ .name }}\n{{< /highlight >}}\n";
        assert_eq!(strip(hl), "```shell\nkubectl get pods {{ .name }}\n```\n");
    }

    #[test]
    fn unclosed_or_paragraph_spanning_braces_are_left_alone() {
        assert_eq!(strip("a {{ b\n\nc }} d"), "a {{ b\n\nc }} d");
        assert_eq!(strip("{% unclosed"), "{% unclosed");
    }
}
