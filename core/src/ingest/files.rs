//! Finding the files to index and naming their articles: folders walked (hidden entries, symlink
//! loops, pipes and devices skipped), article ids from paths relative to the common folder of the
//! roots, the language a folder names (`docs/zh-cn/…`), and a title from the file name.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::formats::Format;
use crate::analysis::{self, Lang};

/// Why a file with another extension is not read (listed for every such file, also inside
/// an indexed folder: images and stylesheets of an exported help center among them).
pub const UNSUPPORTED_FILE_TYPE: &str =
    "unsupported file type (expected .txt, .md, .mdx, .html, .rst, .adoc, .json or .jsonl)";

/// Why a sidecar whose article file is missing (or not read) is not applied.
pub const ORPHAN_SIDECAR: &str = "metadata sidecar without its file (nothing to apply it to)";

/// A file or record that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The file (with `:line` for a JSONL line or `#n` for a JSON array element).
    pub path: String,
    /// Why it was skipped.
    pub reason: String,
}

/// Why the index's own folder is not read when it lies inside an indexed folder.
pub(super) const THE_INDEX_ITSELF: &str = "the index folder itself (its files are not articles)";

/// Every supported file under the given paths (folders recursively, symlink loops and
/// duplicates skipped), with the base its article id is relative to ([`id_base`]). The
/// folder `index` (the index being written) is skipped and listed when a path holds it.
pub fn collect_files(
    paths: &[PathBuf],
    index: Option<&Path>,
) -> (Vec<(PathBuf, PathBuf)>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    let index = index.and_then(|index| std::fs::canonicalize(index).ok());
    for root in paths {
        let base = id_base(root, paths);
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
            if index.as_ref() == Some(&canonical) {
                skipped.push(skip(THE_INDEX_ITSELF.into()));
                continue;
            }
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
            } else if !meta.is_file() {
                // A FIFO or a device would block or never end.
                skipped.push(skip("not a regular file (a pipe, socket or device)".into()));
            } else if is_sidecar(&path) && &path != root {
                // Metadata of its sibling file, read with it (read_file).
                if !sidecar_file(&path)
                    .is_some_and(|file| file.is_file() && Format::from_path(&file).is_some())
                {
                    skipped.push(skip(ORPHAN_SIDECAR.into()));
                }
            } else if Format::from_path(&path).is_some() {
                files.push((path, base.clone()));
            } else {
                skipped.push(skip(UNSUPPORTED_FILE_TYPE.into()));
            }
        }
    }
    (files, skipped)
}

/// What a sidecar file's name ends with: `refund.txt.meta.json` holds the metadata of
/// `refund.txt` (a JSON object with the fields of a JSON article, no body).
pub const SIDECAR_SUFFIX: &str = ".meta.json";

/// True for a sidecar file ([`SIDECAR_SUFFIX`]).
pub(crate) fn is_sidecar(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.len() > SIDECAR_SUFFIX.len() && n.ends_with(SIDECAR_SUFFIX))
}

/// The article file a sidecar belongs to (`refund.txt.meta.json` → `refund.txt`).
fn sidecar_file(sidecar: &Path) -> Option<PathBuf> {
    let name = sidecar.file_name()?.to_str()?;
    Some(sidecar.with_file_name(name.strip_suffix(SIDECAR_SUFFIX)?))
}

/// The folder article ids of files under `root` are relative to, when `all` roots are
/// indexed in one run: `root` itself when it is the only one (`index corpus/articles` gives
/// `000_…`), else the deepest folder holding every root (`index docs/en docs/zh-cn` gives
/// `en/…` and `zh-cn/…`), else (no common folder) the root's parent, so ids keep the root's
/// name. A file root is its own base (its id is its file name).
pub fn id_base(root: &Path, all: &[PathBuf]) -> PathBuf {
    if all.len() <= 1 || root.is_file() && all.iter().filter(|r| r.is_dir()).count() == 0 {
        return root.to_path_buf();
    }
    let folder = |r: &PathBuf| {
        if r.is_file() {
            r.parent().map(Path::to_path_buf).unwrap_or_default()
        } else {
            r.clone()
        }
    };
    let first = folder(&all[0]);
    let mut common: Vec<std::path::Component> = first.components().collect();
    for other in &all[1..] {
        let other = folder(other);
        let shared = common
            .iter()
            .zip(other.components())
            .take_while(|(a, b)| **a == *b)
            .count();
        common.truncate(shared);
    }
    let starts_alike = all.iter().all(|r| r.is_absolute() == all[0].is_absolute());
    if common.is_empty() && !starts_alike {
        return folder(&root.to_path_buf())
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
    }
    common.iter().collect()
}

/// The language named by a folder of the file's path (`docs/zh-cn/…` → zh-Hans), the folder
/// nearest the file first: a component shaped like a language tag (a two-letter language
/// subtag, optionally with subtags: `uk`, `vi`, `pt-br`, `zh-Hant-TW`) that [`Lang::parse`]
/// accepts.
pub fn folder_lang(path: &Path) -> Option<String> {
    let parent = path.parent()?;
    parent.components().rev().find_map(|c| {
        let name = c.as_os_str().to_str()?;
        is_locale_name(name).then(|| name.to_string())
    })
}

/// True for a path segment or parameter value shaped like a language tag of a known
/// language (`uk`, `vi`, `pt-br`, `zh-Hant-TW`, `zh_CN`) that [`Lang::parse`] accepts.
pub(crate) fn is_locale_name(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let Some(primary) = parts.next() else {
        return false;
    };
    let tag_shaped = primary.len() == 2
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts
            .all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    tag_shaped
        && analysis::lang::is_known_language(&primary.to_ascii_lowercase())
        && Lang::parse(name).is_ok()
}

/// False when a language of a non-Latin script (`zh`, `ja`, `ko`, `uk`, `ru`, `el`, `ar`, `he`,
/// `hi`, `th`…) is named for a text holding no letter of that script: a folder `uk` of
/// English pages (regions/uk/pricing.md) then leaves the language to detection, while a
/// `zh-cn` page made mostly of English identifiers still has some Chinese.
pub fn written_in_script_of(tag: &str, text: &str) -> bool {
    let primary = tag
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let script: fn(char) -> bool = match primary.as_str() {
        "zh" | "ja" | "ko" => {
            |c| matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
        }
        "uk" | "ru" | "be" | "bg" | "mk" | "sr" | "kk" | "ky" | "mn" | "tg" => {
            |c| matches!(c as u32, 0x0400..=0x04FF)
        }
        "el" => |c| matches!(c as u32, 0x0370..=0x03FF),
        "ar" | "fa" | "ur" | "ps" => |c| matches!(c as u32, 0x0600..=0x06FF),
        "he" | "yi" => |c| matches!(c as u32, 0x0590..=0x05FF),
        "hi" | "mr" | "ne" => |c| matches!(c as u32, 0x0900..=0x097F),
        "th" => |c| matches!(c as u32, 0x0E00..=0x0E7F),
        _ => return true,
    };
    text.chars().any(script)
}

/// A title from the file name, for pages that declare none: the stem with `-`/`_` as spaces
/// (`kube-apiserver.md` → "kube apiserver"), the folder's name for index pages
/// (`_index.md`, `index.md`, `README.md`).
pub fn title_from_source(source: &str) -> Option<String> {
    let path = Path::new(source);
    let stem = path.file_stem()?.to_str()?;
    let name = if matches!(
        stem.to_ascii_lowercase().as_str(),
        "_index" | "index" | "readme"
    ) {
        path.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    let title = name.replace(['-', '_'], " ").trim().to_string();
    (title.chars().any(char::is_alphabetic)).then_some(title)
}

/// The id of a file's article: its path under the root, without extension, `/`-separated
/// (an empty root: the path as given, relative roots sharing no folder).
pub fn file_id(path: &Path, root: &Path) -> String {
    let under_empty_root = root.as_os_str().is_empty() && path.is_relative();
    let relative = path
        .strip_prefix(root)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path);
    let relative = if relative == path && !under_empty_root {
        Path::new(path.file_name().unwrap_or(path.as_os_str()))
    } else {
        relative
    };
    let without_ext = relative.with_extension("");
    without_ext
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::clean::ChromeModel;
    use crate::ingest::{ReadLimits, Record, prepare, read_file};

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
        assert_eq!(file_id(Path::new("./uk/faq.md"), Path::new("")), "uk/faq");
    }

    #[test]
    fn the_index_folder_inside_an_indexed_folder_is_listed_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("оплата.md"), "# Оплата\n\nОплата карткою.").unwrap();
        let index = dir.path().join("index");
        std::fs::create_dir(&index).unwrap();
        std::fs::write(index.join("meta.json"), "{}").unwrap();
        let (files, skipped) = collect_files(&[dir.path().to_path_buf()], Some(&index));
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(files[0].0.ends_with("оплата.md"));
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert_eq!(skipped[0].reason, THE_INDEX_ITSELF);
        // Without the index named, its JSON would be read as articles.
        let (files, _) = collect_files(&[dir.path().to_path_buf()], None);
        assert_eq!(files.len(), 2, "{files:?}");
    }

    #[test]
    fn files_of_other_types_and_orphan_sidecars_are_listed_not_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.path().join(name), text).unwrap();
        write("оплата.md", "# Оплата\n\nОплата карткою.");
        write(
            "安装.mdx",
            "import Tabs from '@theme/Tabs';\n\n# 安装\n\n下载应用并登录。",
        );
        write(
            "cài-đặt.xhtml",
            "<html><body><h1>Cài đặt</h1><p>Tải ứng dụng.</p></body></html>",
        );
        write("оплата.md.meta.json", r#"{"tags": ["billing"]}"#);
        write("logo.png", "\u{89}PNG");
        write("LICENSE", "MIT");
        write("removed.txt.meta.json", r#"{"lang": "uk"}"#);
        let (files, skipped) = collect_files(&[dir.path().to_path_buf()], None);
        let mut read: Vec<String> = files
            .iter()
            .map(|(f, _)| f.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        read.sort();
        assert_eq!(read, ["cài-đặt.xhtml", "оплата.md", "安装.mdx"]);
        let reason = |name: &str| {
            skipped
                .iter()
                .find(|s| s.path.ends_with(name))
                .map(|s| s.reason.as_str())
        };
        assert_eq!(reason("logo.png"), Some(UNSUPPORTED_FILE_TYPE));
        assert_eq!(reason("LICENSE"), Some(UNSUPPORTED_FILE_TYPE));
        assert_eq!(reason("removed.txt.meta.json"), Some(ORPHAN_SIDECAR));
        // A sidecar beside its file is read with it, not listed.
        assert_eq!(skipped.len(), 3, "{skipped:?}");
    }

    #[test]
    fn sockets_and_symlink_loops_are_skipped_not_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Менеджер керує бюджетом.").unwrap();
        let _socket = std::os::unix::net::UnixListener::bind(dir.path().join("s.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
        let (files, skipped) = collect_files(&[dir.path().to_path_buf()], None);
        assert_eq!(files.len(), 1, "{files:?}");
        assert_eq!(skipped.len(), 1, "{skipped:?}");
        assert!(skipped[0].path.ends_with("s.txt"));
        assert!(skipped[0].reason.contains("not a regular file"));
    }

    #[test]
    fn ids_follow_the_common_folder_of_the_roots_and_folders_name_languages() {
        let dir = tempfile::tempdir().unwrap();
        let docs = dir.path().join("docs");
        for lang in ["en", "zh-cn", "uk"] {
            let folder = docs.join(lang).join("concepts");
            std::fs::create_dir_all(&folder).unwrap();
            let title = match lang {
                "zh-cn" => "组件",
                "uk" => "Компоненти",
                _ => "Components",
            };
            // The body is identifiers only; the title is in the folder's language.
            std::fs::write(
                folder.join("components.md"),
                format!("---\ntitle: {title}\n---\nkube-apiserver, etcd, kube-scheduler"),
            )
            .unwrap();
            std::fs::write(docs.join(lang).join("_index.md"), "Kubernetes").unwrap();
        }
        let roots: Vec<PathBuf> = ["en", "zh-cn"].iter().map(|l| docs.join(l)).collect();
        let (files, _) = collect_files(&roots, None);
        let ids: Vec<String> = files.iter().map(|(p, base)| file_id(p, base)).collect();
        assert_eq!(
            ids,
            [
                "en/_index",
                "en/concepts/components",
                "zh-cn/_index",
                "zh-cn/concepts/components"
            ]
        );
        // One root keeps ids relative to it.
        let (files, _) = collect_files(&[docs.join("uk")], None);
        let ids: Vec<String> = files.iter().map(|(p, base)| file_id(p, base)).collect();
        assert_eq!(ids, ["_index", "concepts/components"]);
        // The folder language wins over detection of an identifier-only body.
        let path = docs.join("zh-cn/concepts/components.md");
        let Some(Record::Article(a)) = read_file(&path, &docs, ReadLimits::default())
            .unwrap()
            .next()
        else {
            panic!("no article");
        };
        assert_eq!(a.lang.as_deref(), Some("zh-cn"));
        assert_eq!(
            prepare(*a, &ChromeModel::default()).unwrap().lang,
            Lang::ZhHans
        );
        assert_eq!(
            folder_lang(Path::new("site/content/uk/docs/a.md")).as_deref(),
            Some("uk")
        );
        assert_eq!(folder_lang(Path::new("kb/api/docs/a.md")), None);
        // A folder named like a language of another script than the text's is not trusted.
        std::fs::create_dir_all(docs.join("regions/uk")).unwrap();
        let path = docs.join("regions/uk/pricing.md");
        std::fs::write(
            &path,
            "Prices in the United Kingdom include VAT at 20 percent.",
        )
        .unwrap();
        let Some(Record::Article(a)) = read_file(&path, &docs, ReadLimits::default())
            .unwrap()
            .next()
        else {
            panic!("no article");
        };
        assert_eq!(a.lang, None);
        assert!(written_in_script_of("zh-cn", "kubectl get pods 获取"));
        assert!(written_in_script_of("vi", "kubectl get pods"));
    }
}
