//! Helpers shared by the CLI's integration tests.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{ChildStdout, Command};
use std::sync::mpsc::{Receiver, channel};

/// The repository's sample corpus folder.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// The `kbsearch` binary on the index `index` (`$KBSEARCH_INDEX` ignored).
pub fn kbsearch(index: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kbsearch"));
    cmd.env_remove("KBSEARCH_INDEX").arg("--index").arg(index);
    cmd
}

/// A temporary folder whose `idx` subfolder is an index of the sample corpus.
pub fn indexed_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = kbsearch(&dir.path().join("idx"))
        .arg("index")
        .arg(corpus().join("articles"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

/// The lines a child writes to its stdout, read by a thread so that a test can wait for the
/// next one with a timeout (`recv_timeout`) instead of hanging.
pub fn lines_of(stdout: ChildStdout) -> Receiver<String> {
    let (send, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if send.send(line).is_err() {
                break;
            }
        }
    });
    lines
}
