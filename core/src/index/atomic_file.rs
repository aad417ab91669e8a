//! Replacing a small file of the index folder atomically.

use std::io::Write;
use std::path::Path;

use crate::error::{KbError, Result};

/// Write `bytes` to `target` so that a crash leaves the old file or the whole new one, never
/// part of one: into `temporary` (in the same folder), synced, renamed over `target`, then
/// the folder synced so that the rename itself lasts. The temporary file is removed when a
/// step fails; the error names the file that failed.
pub(crate) fn write_atomically(target: &Path, temporary: &Path, bytes: &[u8]) -> Result<()> {
    let written = std::fs::File::create(temporary)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .map_err(|e| KbError::io(temporary, e))
        .and_then(|()| std::fs::rename(temporary, target).map_err(|e| KbError::io(target, e)));
    if written.is_err() {
        let _ = std::fs::remove_file(temporary);
        return written;
    }
    if let Some(folder) = target
        .parent()
        .and_then(|dir| std::fs::File::open(dir).ok())
    {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let (target, temporary) = (dir.path().join("a.json"), dir.path().join("a.json.tmp"));
        std::fs::write(&target, "old").unwrap();
        write_atomically(&target, &temporary, "новий 新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "новий 新");
        assert!(!temporary.exists());
    }

    #[test]
    fn a_failed_write_keeps_the_old_file_and_names_the_failure() {
        let dir = tempfile::tempdir().unwrap();
        // The target is a folder that is not empty: the rename fails.
        let target = dir.path().join("taken");
        std::fs::create_dir(&target).unwrap();
        std::fs::write(target.join("inside"), "kept").unwrap();
        let temporary = dir.path().join("taken.tmp");
        let error = write_atomically(&target, &temporary, b"new").unwrap_err();
        assert!(error.to_string().contains("taken"), "{error}");
        assert!(!temporary.exists());
        assert_eq!(
            std::fs::read_to_string(target.join("inside")).unwrap(),
            "kept"
        );
        // A temporary file in a missing folder: the error names it.
        let missing = dir.path().join("missing").join("x.tmp");
        let error = write_atomically(&dir.path().join("x"), &missing, b"new").unwrap_err();
        assert!(error.to_string().contains("missing"), "{error}");
    }
}
