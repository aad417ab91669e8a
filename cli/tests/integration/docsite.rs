//! `kbsearch index` on a multilingual Markdown documentation site: every file its own
//! article, id collisions reported in the text and JSON reports.

use std::path::Path;

use serde_json::Value;

use crate::common::{Run, TIMEOUT, kbsearch};

/// A Hugo-like site: one glossary page declaring `id: pod` and one `_index.md` per language.
fn write_site(docs: &Path) {
    let pages = [
        (
            "en",
            "Pod",
            "A Pod is a group of one or more containers that share storage.",
        ),
        (
            "zh-cn",
            "Pod",
            "Pod 是可以在 Kubernetes 中创建和管理的、最小的可部署的计算单元。",
        ),
        (
            "uk",
            "Pod",
            "Pod — найменша одиниця, яку можна створити та керувати нею в Kubernetes.",
        ),
        (
            "vi",
            "Pod",
            "Pod là đơn vị nhỏ nhất có thể triển khai trong Kubernetes.",
        ),
    ];
    for (lang, title, text) in pages {
        let glossary = docs.join(lang).join("glossary");
        std::fs::create_dir_all(&glossary).unwrap();
        std::fs::write(
            glossary.join("pod.md"),
            format!("---\ntitle: {title}\nid: pod\n---\n{text}\n"),
        )
        .unwrap();
        std::fs::write(
            docs.join(lang).join("_index.md"),
            format!(
                "---\ntitle: Kubernetes {lang}\n---\n{{{{< note >}}}}\n{text}\n{{{{< /note >}}}}\n"
            ),
        )
        .unwrap();
    }
}

#[test]
fn each_file_is_one_article_and_collisions_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    write_site(&docs);
    let roots: Vec<_> = ["en", "zh-cn", "uk", "vi"]
        .iter()
        .map(|l| docs.join(l))
        .collect();

    let text = kbsearch(&dir.path().join("idx"))
        .arg("index")
        .args(&roots)
        .success();
    assert!(text.contains("indexed 8 articles"), "{text}");
    assert!(
        text.contains("warning: 3 id collisions (two files, one article id):"),
        "{text}"
    );
    for lang in ["zh-cn", "uk", "vi"] {
        let line = format!(
            "  \"pod\": kept by {}; {} indexed as \"{lang}/pod\"",
            docs.join("en/glossary/pod.md").display(),
            docs.join(lang).join("glossary/pod.md").display()
        );
        assert!(text.contains(&line), "{line}\n{text}");
    }

    // The JSON report lists both files of each collision; stderr warns.
    let out = kbsearch(&dir.path().join("idx2"))
        .args(["index", "--json"])
        .args(&roots)
        .run_within(TIMEOUT);
    assert!(out.status.success());
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["added"], 8, "{report}");
    let collisions = report["collisions"].as_array().unwrap();
    assert_eq!(collisions.len(), 3, "{report}");
    assert_eq!(collisions[2]["id"], "pod");
    assert_eq!(collisions[2]["resolved"], "vi/pod");
    assert!(
        collisions[2]["first"]
            .as_str()
            .unwrap()
            .ends_with("en/glossary/pod.md")
    );
    assert!(
        collisions[2]["second"]
            .as_str()
            .unwrap()
            .ends_with("vi/glossary/pod.md")
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("warning: 3 id collisions"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Each language's pages are found in that language, template markup gone.
    let out = kbsearch(&dir.path().join("idx"))
        .args(["search", "--json", "--lang", "uk", "Kubernetes uk"])
        .run_within(TIMEOUT);
    let results: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(results["hits"][0]["article_id"], "uk/_index", "{results}");
    let text = results["hits"][0]["text"].as_str().unwrap_or_default();
    assert!(text.starts_with("Pod — ") && !text.contains("{{"), "{text}");

    // A run without collisions prints no warning.
    let out = kbsearch(&dir.path().join("idx3"))
        .arg("index")
        .arg(docs.join("uk"))
        .run_within(TIMEOUT);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("indexed 2 articles") && !text.contains("collision"),
        "{text}"
    );
}
