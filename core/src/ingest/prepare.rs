//! Preparing an article for the index: cleaning ([`super::clean`]), sectioning
//! ([`super::sections`]), the title (declared, found in the text, the file name for a generic
//! heading, or the first sentence), the analysis language (declared unless the text contradicts
//! it, else detected) and the counts of removed lines.

use serde::Serialize;

use super::clean::{self, ChromeModel, RemovalReason, RemovedLine};
use super::files::title_from_source;
use super::sections;
use crate::analysis::{self, Lang};
use crate::article::{Article, Passage};
use crate::error::Result;

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
    // Only Chinese or Ukrainian letters contradict a tag (below), and only a tag of another
    // language; telling them needs no language model.
    if matches!(lang, Lang::ZhHans | Lang::ZhHant | Lang::Uk) {
        return (lang, Vec::new());
    }
    let Some(detected) = analysis::lang::script_language(&text()) else {
        return (lang, Vec::new());
    };
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

/// The first sentence of a text (or its first line), cut to [`MAX_EXCERPT_TITLE_CHARS`].
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

/// Learn the page chrome shared by a batch of articles.
pub fn learn_chrome(articles: &[Article]) -> ChromeModel {
    ChromeModel::learn(articles.iter().map(|a| a.body.as_str()))
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::formats::{self, Format, RawArticle};
    use crate::ingest::to_article;

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
