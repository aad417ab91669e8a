//! The writer lock across processes: a second writer is refused at once with the holder
//! named (from `writer.json`), a killed writer leaves nothing that blocks the next one (the
//! lock is an OS advisory lock the kernel releases), and a stale-looking record is explained.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use kbsearch::{Article, KnowledgeBase};

use crate::common::{Run, corpus, kbsearch};

/// A refused writer must answer within this (it fails fast, it does not wait for the lock).
const REFUSAL: Duration = Duration::from_secs(10);

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A JSONL file of `count` articles built from the sample articles (a few KB each).
fn big_jsonl(dir: &Path, count: usize) -> PathBuf {
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(corpus().join("articles")).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    texts.sort();
    let path = dir.join("big.jsonl");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for n in 0..count {
        let text = &texts[n % texts.len()];
        let start = text
            .char_indices()
            .nth((n * 37) % 2000)
            .map_or(0, |(i, _)| i);
        let body: String = text[start..].chars().take(2500).collect();
        let line = serde_json::json!({"id": format!("big-{n}"), "body": format!("{body}\n\nReference big{n}.")});
        writeln!(file, "{line}").unwrap();
    }
    file.flush().unwrap();
    path
}

/// An index of the sample corpus in `dir/idx`.
fn sample_index(dir: &Path) -> PathBuf {
    let index = dir.join("idx");
    kbsearch(&index)
        .arg("index")
        .arg(corpus().join("articles"))
        .success();
    index
}

/// The number of articles the index at `index` holds.
fn articles_in(index: &Path) -> u64 {
    KnowledgeBase::open_existing(index)
        .unwrap()
        .stats()
        .unwrap()
        .articles
}

/// This test process as the index's writer: an upsert takes the lock (and keeps it while the
/// returned handle lives).
fn hold_writer(index: &Path) -> KnowledgeBase {
    let holder = KnowledgeBase::open(index).unwrap();
    holder
        .upsert(Article::new(
            "held",
            "Held",
            "An article that holds the writer lock.",
        ))
        .unwrap();
    holder
}

fn one_article(dir: &Path) -> PathBuf {
    let path = dir.join("one.md");
    std::fs::write(
        &path,
        "# One more\n\nThe team lead reviews the budget every month.\n",
    )
    .unwrap();
    path
}

#[test]
fn a_second_writer_is_refused_at_once_with_the_holder_named() {
    let dir = tempfile::tempdir().unwrap();
    let index = sample_index(dir.path());
    // This test process holds the writer.
    let holder = hold_writer(&index);
    let record: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(index.join("writer.json")).unwrap()).unwrap();
    assert_eq!(record["pid"], std::process::id(), "{record}");

    // A hang is a failure (run_within kills the command after REFUSAL).
    let out = kbsearch(&index)
        .arg("index")
        .arg(one_article(dir.path()))
        .run_within(REFUSAL);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains("locked by another writer"), "{message}");
    assert!(
        message.contains(&format!("process {} (`", std::process::id())),
        "the holder is named: {message}"
    );
    assert!(message.contains("on this machine"), "{message}");
    assert!(message.contains("nothing to delete"), "{message}");
    assert!(!message.contains("delete .tantivy"), "{message}");
    assert_eq!(message.trim().lines().count(), 1, "one line: {message}");

    // Readers are not blocked; the holder commits; the record goes with the writer.
    let out = kbsearch(&index).arg("stats").run_within(REFUSAL);
    assert!(out.status.success(), "{}", stderr(&out));
    holder.commit().unwrap();
    holder.release_writer();
    assert!(!index.join("writer.json").exists());
    let out = kbsearch(&index)
        .arg("index")
        .arg(one_article(dir.path()))
        .run_within(Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!index.join("writer.json").exists(), "removed at exit");
    assert_eq!(articles_in(&index), 7);
}

#[test]
fn a_writer_killed_with_sigkill_leaves_no_lock_to_remove() {
    let dir = tempfile::tempdir().unwrap();
    let index = sample_index(dir.path());
    let big = big_jsonl(dir.path(), 1500);
    let mut child = kbsearch(&index)
        .arg("index")
        .arg(&big)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until it holds the writer (it records itself), then kill it (SIGKILL).
    let started = Instant::now();
    while !index.join("writer.json").exists() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the writer ended before it was killed"
        );
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "never took the writer"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success());
    // What a crash leaves: the (unlocked) lock file and a stale record.
    assert!(index.join(".tantivy-writer.lock").exists());
    assert!(index.join("writer.json").exists());

    // The last commit is intact and the next writer runs at once: nothing to delete.
    let out = kbsearch(&index)
        .args(["stats", "--json"])
        .run_within(REFUSAL);
    assert!(out.status.success(), "{}", stderr(&out));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(stats["articles"], 5, "{stats}");
    let out = kbsearch(&index)
        .arg("index")
        .arg(one_article(dir.path()))
        .run_within(Duration::from_secs(120));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!index.join("writer.json").exists());
    assert_eq!(articles_in(&index), 6);
}

#[test]
fn a_stale_or_foreign_record_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let index = sample_index(dir.path());
    let holder = hold_writer(&index);
    let refusal = || {
        let out = kbsearch(&index)
            .arg("index")
            .arg(one_article(dir.path()))
            .run_within(REFUSAL);
        assert_eq!(out.status.code(), Some(1));
        stderr(&out)
    };
    let record = |pid: u32, host: &str| {
        let json = serde_json::json!({
            "pid": pid, "host": host, "command": "kbsearch index docs",
            "since_unix": 1_795_467_005u64, "process_start": null,
        });
        std::fs::write(index.join("writer.json"), json.to_string()).unwrap();
    };
    // The recorded process is gone but the lock is held (e.g. by a child it forked).
    let mut gone = Command::new("true").spawn().unwrap();
    let gone_pid = gone.id();
    gone.wait().unwrap();
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_default();
    record(gone_pid, &host);
    let message = refusal();
    assert!(
        message.contains(&format!("process {gone_pid}")),
        "{message}"
    );
    assert!(message.contains("no longer running"), "{message}");
    assert!(message.contains("fuser -v"), "{message}");
    assert!(
        message.contains("do not delete .tantivy-writer.lock"),
        "{message}"
    );
    assert!(message.contains("2026-11-23 20:50:05 UTC"), "{message}");
    // A holder on another machine (a shared file system).
    record(4242, "elsewhere");
    let message = refusal();
    assert!(message.contains("on host elsewhere"), "{message}");
    assert!(message.contains("shared file system"), "{message}");
    // No record at all.
    std::fs::remove_file(index.join("writer.json")).unwrap();
    let message = refusal();
    assert!(message.contains("did not record itself"), "{message}");
    holder.release_writer();
}

/// A second writer with a large input is refused before it reads and analyzes it.
#[test]
fn a_second_writer_with_a_large_input_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let index = sample_index(dir.path());
    let big = big_jsonl(dir.path(), 3000);
    let holder = hold_writer(&index);
    let before = holder.stats().unwrap().articles;
    let out = kbsearch(&index)
        .arg("index")
        .arg(&big)
        .run_within(Duration::from_secs(300));
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert!(message.contains("locked by another writer"), "{message}");
    // Refused up front: one line, no per-file report of the 3 000 articles.
    assert_eq!(message.trim().lines().count(), 1, "{message}");
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    holder.commit().unwrap();
    assert_eq!(holder.stats().unwrap().articles, before + 1);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// A writer killed during its commit, after writing the delete files of the segments it
/// updates but before swapping meta.json: the re-run of the same command repeats the same
/// operation stamps, so the same delete-file names. Taking the writer must clear what the
/// killed one left (found by the SIGKILL harness, benches/reliability/crash.py).
#[test]
fn the_same_command_reruns_after_a_writer_killed_mid_commit() {
    let dir = tempfile::tempdir().unwrap();
    let article = |n: usize, rev: &str| {
        serde_json::json!({"id": format!("a{n}"), "body": format!(
            "Менеджер номер {n} керує бюджетом команди.\n\nКоманда звітує щомісяця. {rev}")})
        .to_string()
    };
    let base: Vec<String> = (0..200).map(|n| article(n, "")).collect();
    // A small update (5% of the articles): `index` merges segments only after writing a
    // tenth of the index, so the delete files stay.
    let full: Vec<String> = (0..200)
        .map(|n| {
            article(
                n,
                if n % 20 == 2 {
                    "Нова версія."
                } else {
                    ""
                },
            )
        })
        .collect();
    // One file path for both versions (the source path is part of an article's fingerprint):
    // most articles stay unchanged, so the base segments keep documents and get deletes.
    let file = dir.path().join("articles.jsonl");
    let index_cmd = |index: &Path, lines: &[String]| {
        std::fs::write(&file, lines.join("\n")).unwrap();
        kbsearch(index)
            .arg("index")
            .arg(&file)
            .run_within(Duration::from_secs(120))
    };
    let done = dir.path().join("done");
    let crashed = dir.path().join("crashed");
    assert!(index_cmd(&done, &base).status.success());
    copy_dir(&done, &crashed);
    assert!(index_cmd(&done, &full).status.success());
    // The crashed copy: the last commit, plus the delete files and file list of the commit
    // that was being written.
    let mut deletes = 0;
    for entry in std::fs::read_dir(&done).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".del") || name == ".managed.json" {
            deletes += usize::from(name.ends_with(".del"));
            std::fs::copy(done.join(&name), crashed.join(&name)).unwrap();
        }
    }
    assert!(deletes > 0, "the update wrote delete files");
    // A write of meta.json interrupted between its temporary file and the rename.
    std::fs::write(crashed.join(".tmpAbC123"), "{").unwrap();
    let stats = |index: &Path| {
        KnowledgeBase::open_existing(index)
            .unwrap()
            .stats()
            .unwrap()
            .articles
    };
    assert_eq!(stats(&crashed), 200, "the last commit is what readers see");
    let out = index_cmd(&crashed, &full);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stats(&crashed), 200);
    // The killed writer's interrupted meta.json write was cleared when the writer was taken.
    assert!(!crashed.join(".tmpAbC123").exists());
    let body = |index: &Path| {
        KnowledgeBase::open_existing(index)
            .unwrap()
            .get("a2")
            .unwrap()
            .unwrap()
            .article
            .body
    };
    assert_eq!(body(&crashed), body(&done));
}
