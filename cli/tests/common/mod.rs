//! Helpers shared by the CLI's integration tests.

use std::path::{Path, PathBuf};
use std::process::Command;

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
