//! Ingest: files → articles → clean passages.
//!
//! [`formats`] reads each file format into light Markdown, [`clean`] removes page chrome,
//! artifacts, repeats and trailing junk (keeping a record of every removed line), and
//! [`sections`] splits the result into passages with heading paths and FAQ pairs.

pub mod clean;
pub mod formats;
pub mod sections;
#[cfg(test)]
mod seed_fixtures;

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
}

/// Clean and section an article. The declared title and language win; otherwise they are
/// found in the text.
pub fn prepare(article: Article, chrome: &ChromeModel) -> Result<PreparedArticle> {
    article.validate()?;
    let declared_title = Some(article.title.trim()).filter(|t| !t.is_empty());
    let cleaned = clean::clean(&article.body, declared_title, chrome);
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
    let lang = match &article.lang {
        Some(code) => Lang::parse(code)?,
        None => analysis::lang::detect(&format!("{title}\n{}", cleaned.body)),
    };
    let mut article = article;
    if article.updated.is_none() {
        article.updated = cleaned.updated;
    }
    Ok(PreparedArticle {
        article,
        title,
        title_is_excerpt,
        lang,
        passages,
        removed: cleaned.removed,
    })
}

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
/// duplicates skipped), with the root each was found under.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<(PathBuf, PathBuf)>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    for root in paths {
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
            } else if Format::from_path(&path).is_some() {
                files.push((path, root.clone()));
            } else if &path == root {
                skipped.push(skip(UNSUPPORTED_FILE_TYPE.into()));
            }
        }
    }
    (files, skipped)
}

/// Read one file into articles. Whole-file problems are an error (the caller skips the
/// file); bad records are returned as skipped entries beside the good articles.
pub fn read_file(path: &Path, root: &Path, max_bytes: u64) -> Result<(Vec<Article>, Vec<Skipped>)> {
    let format = Format::from_path(path)
        .ok_or_else(|| KbError::io(path, std::io::Error::other(UNSUPPORTED_FILE_TYPE)))?;
    let size = std::fs::metadata(path)
        .map_err(|e| KbError::io(path, e))?
        .len();
    if size > max_bytes {
        return Err(KbError::io(
            path,
            std::io::Error::other(format!(
                "file is {} MiB, larger than the limit of {} MiB",
                size >> 20,
                max_bytes >> 20
            )),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| KbError::io(path, e))?;
    let parsed = formats::parse(format, &bytes).map_err(|source| KbError::Format {
        path: path.to_path_buf(),
        source,
    })?;
    let base_id = file_id(path, root);
    let single = parsed.articles.len() == 1
        && matches!(
            format,
            Format::Text | Format::Markdown | Format::Html | Format::Json
        );
    let articles = parsed
        .articles
        .into_iter()
        .enumerate()
        .map(|(n, raw)| {
            let fallback = if single {
                base_id.clone()
            } else {
                format!("{base_id}#{}", n + 1)
            };
            to_article(raw, fallback, path)
        })
        .collect();
    let skipped = parsed
        .errors
        .into_iter()
        .map(|e| Skipped {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
        .collect();
    Ok((articles, skipped))
}

fn to_article(raw: RawArticle, fallback_id: String, path: &Path) -> Article {
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
        source: Some(path.display().to_string()),
    }
}

/// The id of a file's article: its path under the root, without extension, `/`-separated.
fn file_id(path: &Path, root: &Path) -> String {
    let relative = path
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    let relative = if relative == path {
        Path::new(path.file_name().unwrap_or(path.as_os_str()))
    } else {
        relative
    };
    let without_ext = relative.with_extension("");
    without_ext
        .components()
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
        let b = Article::new("b", "Budget", "Бюджет — це план доходів і витрат.").with_lang("en");
        let p = prepare(b, &ChromeModel::default()).unwrap();
        assert_eq!((p.title.as_str(), p.lang), ("Budget", Lang::En));
    }

    #[test]
    fn prepare_rejects_bad_articles_naming_the_field() {
        let err = prepare(Article::new("x", "t", "  "), &ChromeModel::default()).unwrap_err();
        assert!(err.to_string().contains("`body`"), "{err}");
        let err = prepare(
            Article::new("x", "t", "text").with_lang("tlh"),
            &ChromeModel::default(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("tlh"), "{err}");
    }
}
