//! No surprise exposure: `serve` and `mcp` talk over stdio only (no socket at all, so nothing
//! listens on a port), the index folder gets the user's default permissions (umask), and the
//! paths given to `index` are only read (bytes, mtimes and listings unchanged, nothing added).
#![cfg(unix)]

use std::collections::BTreeMap;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::{Run, Session, corpus, indexed_corpus, kbsearch, with_umask};

/// The socket inodes among a process's open files (every thread shares the table).
fn socket_inodes(pid: u32) -> Vec<String> {
    let mut sockets = Vec::new();
    for entry in std::fs::read_dir(format!("/proc/{pid}/fd")).unwrap() {
        let Ok(target) = std::fs::read_link(entry.unwrap().path()) else {
            continue; // closed meanwhile
        };
        let target = target.to_string_lossy().into_owned();
        if let Some(inode) = target
            .strip_prefix("socket:[")
            .and_then(|s| s.strip_suffix(']'))
        {
            sockets.push(inode.to_string());
        }
    }
    sockets
}

/// Listening TCP sockets (state 0A) and bound UDP sockets of the process's network
/// namespace whose inode belongs to the process.
fn listening(pid: u32, inodes: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for table in ["tcp", "tcp6", "udp", "udp6"] {
        let Ok(text) = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.len() > 9
                && inodes.iter().any(|i| i == cols[9])
                && (table.starts_with("udp") || cols[3] == "0A")
            {
                found.push(format!("{table} {line}"));
            }
        }
    }
    found
}

fn assert_no_network(pid: u32, what: &str) {
    if !Path::new("/proc/self/fd").exists() {
        return; // not Linux: nothing to inspect
    }
    let inodes = socket_inodes(pid);
    assert!(
        listening(pid, &inodes).is_empty(),
        "{what} listens: {:?}",
        listening(pid, &inodes)
    );
    assert!(inodes.is_empty(), "{what} holds sockets {inodes:?}");
}

#[test]
fn serve_and_mcp_use_stdio_only() {
    // The detector itself: a listener of this test process is seen.
    if Path::new("/proc/self/fd").exists() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let me = std::process::id();
        assert!(!listening(me, &socket_inodes(me)).is_empty());
        drop(listener);
    }
    let dir = indexed_corpus();
    let index = dir.path().join("idx");

    let mut serve = Session::start(kbsearch(&index).arg("serve").stderr(Stdio::null()));
    assert_no_network(serve.pid(), "serve at start");
    let answer = serve.ask(r#"{"query": "客户服务团队负责人", "k": 1}"#);
    assert_eq!(answer["hits"][0]["article_id"], "002_a89dbd6b449641d6");
    let answer = serve.ask(r#"{"op": "stats"}"#);
    assert_eq!(answer["articles"], 5);
    // The dictionary loads in a background thread meanwhile: still no socket afterwards.
    std::thread::sleep(Duration::from_millis(300));
    assert_no_network(serve.pid(), "serve after requests");

    let mut mcp = Session::start(kbsearch(&index).arg("mcp").stderr(Stdio::null()));
    assert_no_network(mcp.pid(), "mcp at start");
    let init = mcp.ask(
        r#"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"exposure-test","version":"1"}}}"#,
    );
    assert!(init["result"]["serverInfo"].is_object(), "{init}");
    mcp.send(r#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);
    let call = mcp.ask(
        r#"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"search_knowledge_base","arguments":{"query":"бюджет","k":1}}}"#,
    );
    assert!(call["result"].is_object(), "{call}");
    assert_no_network(mcp.pid(), "mcp after a tool call");
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn the_index_folder_gets_the_users_default_permissions() {
    for umask in ["022", "077", "002"] {
        let dir = tempfile::tempdir().unwrap();
        // What this umask gives a folder and a file made by the user's own tools.
        let status = Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("umask {umask}; mkdir ref && : > ref/file"))
            .current_dir(dir.path())
            .status()
            .unwrap();
        assert!(status.success());
        let dir_mode = mode(&dir.path().join("ref"));
        let file_mode = mode(&dir.path().join("ref/file"));

        let index = dir.path().join("nested/idx");
        with_umask(
            umask,
            kbsearch(&index).arg("index").arg(corpus().join("articles")),
        )
        .success();
        assert_eq!(mode(&index), dir_mode, "umask {umask}: index folder");
        assert_eq!(
            mode(&dir.path().join("nested")),
            dir_mode,
            "umask {umask}: parent"
        );
        // Files: like the user's own (kbsearch.json, segment files), or stricter (tantivy
        // writes meta.json and .managed.json through a private temporary file: 0600); never
        // more open than the umask allows.
        assert_eq!(
            mode(&index.join("kbsearch.json")),
            file_mode,
            "umask {umask}"
        );
        for entry in std::fs::read_dir(&index).unwrap() {
            let path = entry.unwrap().path();
            let m = mode(&path);
            assert_eq!(
                m & !file_mode,
                0,
                "umask {umask}: {} is {m:o}, more open than {file_mode:o}",
                path.display()
            );
        }
    }
}

/// What is compared of a file or folder: is-dir, size, bytes, mode, mtime (s, ns).
type Entry = (bool, u64, Vec<u8>, u32, i64, i64);

/// Every entry under `root`.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, Entry> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(path) = stack.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let bytes = if meta.is_file() {
            std::fs::read(&path).unwrap()
        } else {
            Vec::new()
        };
        if meta.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
        }
        out.insert(
            path.strip_prefix(root).unwrap().to_path_buf(),
            (
                meta.is_dir(),
                meta.len(),
                bytes,
                meta.mode(),
                meta.mtime(),
                meta.mtime_nsec(),
            ),
        );
    }
    out
}

#[test]
fn paths_given_to_index_are_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir_all(src.join("sub/deeper")).unwrap();
    for entry in std::fs::read_dir(corpus().join("articles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, src.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        src.join("sub/faq.md"),
        "---\nid: faq\ntitle: FAQ\n---\n# Budget\n\nThe lead plans the budget.\n",
    )
    .unwrap();
    std::fs::write(
        src.join("sub/page.html"),
        "<html><body><nav>Home</nav><h1>Trang</h1><p>Quản lý ngân sách.</p></body></html>",
    )
    .unwrap();
    std::fs::write(
        src.join("sub/deeper/records.jsonl"),
        "{\"id\":\"r1\",\"body\":\"Менеджер керує бюджетом.\"}\n{oops\n",
    )
    .unwrap();
    std::fs::write(src.join("sub/empty.txt"), "").unwrap();
    std::fs::write(src.join("sub/binary.txt"), b"\0\x01\x02binary").unwrap();
    std::fs::write(src.join(".hidden.md"), "# Hidden\n\nNot indexed.\n").unwrap();
    // A read-only file too: indexing must not need to open anything for writing.
    let readonly = src.join("sub/readonly.txt");
    std::fs::write(
        &readonly,
        "Read only\n\nThe manager reviews reports weekly.\n",
    )
    .unwrap();
    std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o444)).unwrap();
    // Age every mtime, so a rewrite within the same clock tick would still show.
    let status = Command::new("touch")
        .args(["-d", "2020-01-02 03:04:05"])
        .args(snapshot(&src).keys().map(|p| src.join(p)))
        .status()
        .unwrap();
    assert!(status.success());
    let before = snapshot(&src);

    let index = dir.path().join("idx");
    for args in [
        vec![src.clone()],
        vec![src.join("sub/faq.md"), src.join("sub/deeper")],
    ] {
        kbsearch(&index)
            .arg("index")
            .args(&args)
            .arg("--explain")
            .success();
    }
    let after = snapshot(&src);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "no file added or removed in the indexed folder"
    );
    for (path, was) in &before {
        assert!(after[path] == *was, "{} changed", path.display());
    }
    // And it was indexed (the folder was really read).
    kbsearch(&index).args(["get", "faq"]).success();
}
