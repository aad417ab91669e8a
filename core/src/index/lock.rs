//! Who holds an index's writer lock, for [`KbError::Locked`](crate::KbError::Locked).
//!
//! The lock is tantivy's `.tantivy-writer.lock`, held with an OS advisory lock (`flock`):
//! the kernel releases it when the holding process exits, however it exits (SIGKILL and
//! crashes included), and the file itself stays behind, harmless. So a lock error always
//! means a live process holds the lock; deleting the file never helps and is dangerous
//! (a new writer would lock a new file while the old holder keeps writing).
//!
//! The holder writes `writer.json` (pid, host, command, start time) when it takes the
//! writer and removes it when it releases it; the error reads it to say who holds the lock.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// Name of the file recording who holds the writer lock (pid, host, command, start), written
/// when the writer is taken and removed when it is released. The lock itself is tantivy's
/// `.tantivy-writer.lock`, an OS advisory lock (`flock`) that the kernel releases when its
/// holder exits, even by SIGKILL; this file only names the holder in
/// [`KbError::Locked`](crate::KbError::Locked).
pub const WRITER_INFO_FILE: &str = "writer.json";

/// The lock file tantivy holds (for messages).
const LOCK_FILE: &str = ".tantivy-writer.lock";

/// The longest command line recorded.
const MAX_COMMAND_CHARS: usize = 300;

#[derive(Debug, Serialize, Deserialize)]
struct WriterRecord {
    pid: u32,
    host: String,
    command: String,
    /// Seconds since the Unix epoch when the writer was taken.
    since_unix: u64,
    /// The process's start time in clock ticks after boot (Linux), to tell a reused pid.
    #[serde(default)]
    process_start: Option<u64>,
}

/// Write `writer.json` in the index folder (atomically); its path, or `None` on failure.
pub(super) fn write_record(index: &Path) -> Option<PathBuf> {
    let pid = std::process::id();
    let mut command: String = std::env::args().collect::<Vec<_>>().join(" ");
    if command.chars().count() > MAX_COMMAND_CHARS {
        command = command.chars().take(MAX_COMMAND_CHARS).collect::<String>() + "…";
    }
    let record = WriterRecord {
        pid,
        host: hostname(),
        command,
        since_unix: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        process_start: process_start(pid),
    };
    let path = index.join(WRITER_INFO_FILE);
    let tmp = index.join(format!("{WRITER_INFO_FILE}.{pid}.tmp"));
    let json = serde_json::to_string_pretty(&record).ok()?;
    super::write_atomically(&path, &tmp, json.as_bytes()).ok()?;
    Some(path)
}

/// Remove the temporary files of atomic writes (tantivy's `meta.json` and `.managed.json`,
/// through `tempfile`: `.tmpXXXXXX`) that a killed writer left. Only the writer-lock holder
/// writes them, so call this holding the lock.
pub(super) fn remove_interrupted_temp_files(index: &Path) {
    let Ok(entries) = std::fs::read_dir(index) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && name.to_string_lossy().starts_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The part of the lock error after "index DIR is locked by another writer": who holds it
/// and what to do.
pub(super) fn describe_holder(index: &Path) -> String {
    let lock = index.join(LOCK_FILE);
    let find = format!(
        "find it with `fuser -v {}` (or `lsof`) and stop it",
        lock.display()
    );
    let never_delete = format!(
        "do not delete {LOCK_FILE}: it is an operating-system lock that is released the \
         moment its holder exits (even when killed), and deleting it while held would let two \
         writers corrupt the index"
    );
    let record = std::fs::read_to_string(index.join(WRITER_INFO_FILE))
        .ok()
        .and_then(|text| serde_json::from_str::<WriterRecord>(&text).ok());
    let Some(record) = record else {
        return format!(
            "a process that did not record itself in {WRITER_INFO_FILE} (an older kbsearch or \
             another tantivy program): {find}; {never_delete}"
        );
    };
    let who = format!(
        "process {} (`{}`) on {}, writing since {}",
        record.pid,
        record.command,
        if record.host == hostname() {
            "this machine".to_string()
        } else {
            format!("host {}", record.host)
        },
        utc_time(record.since_unix)
    );
    if record.host != hostname() {
        return format!(
            "{who}. The index is on a shared file system: wait for that process to finish or \
             stop it there; if that machine crashed, its file server releases the lock when the \
             lock's lease expires (for NFS, about a minute or two); {never_delete}"
        );
    }
    if record.pid == std::process::id() {
        return format!(
            "{who} — this process: another handle on the same index holds the writer; commit \
             and release it (`release_writer`) or use one handle"
        );
    }
    match is_running(record.pid, record.process_start) {
        Some(false) => format!(
            "{who}, which is no longer running; the lock is still held by another process (one \
             that inherited it, such as a child forked by that process, or a writer that did \
             not record itself): {find}; {never_delete}"
        ),
        _ => format!(
            "{who}. Wait for it to finish or stop it: the lock is released as soon as that \
             process ends, even if it is killed or crashes, so there is nothing to delete"
        ),
    }
}

/// This machine's name ("" when unknown).
fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_default()
}

/// Start time of a process in clock ticks after boot (Linux `/proc/PID/stat` field 22);
/// `None` where unknown.
fn process_start(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces and parentheses): state is field
    // 3, so start time (field 22) is the 20th.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(19)?.parse().ok()
}

/// Whether the process that wrote the record still runs: `None` when this system cannot tell.
fn is_running(pid: u32, recorded_start: Option<u64>) -> Option<bool> {
    if !Path::new("/proc/self/stat").exists() {
        return None;
    }
    let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return Some(false);
    };
    // A zombie has exited (and released its locks); another start time is a reused pid.
    let state = stat
        .rfind(')')
        .and_then(|i| stat[i + 1..].split_whitespace().next());
    if state == Some("Z") {
        return Some(false);
    }
    Some(match (recorded_start, process_start(pid)) {
        (Some(recorded), Some(now)) => recorded == now,
        _ => true,
    })
}

/// `YYYY-MM-DD HH:MM:SS UTC` of a Unix time.
fn utc_time(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times() {
        assert_eq!(utc_time(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc_time(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc_time(1_795_467_005), "2026-11-23 20:50:05 UTC");
    }

    #[test]
    fn own_process_is_running_and_a_reaped_one_is_not() {
        if !Path::new("/proc/self/stat").exists() {
            return;
        }
        let me = std::process::id();
        assert_eq!(is_running(me, process_start(me)), Some(true));
        assert_eq!(
            is_running(me, process_start(me).map(|s| s + 1)),
            Some(false)
        );
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        assert_eq!(is_running(pid, None), Some(false));
    }

    #[test]
    fn the_record_names_the_holder_and_is_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_record(dir.path()).unwrap();
        assert!(path.ends_with(WRITER_INFO_FILE));
        let text = describe_holder(dir.path());
        assert!(
            text.contains(&format!("process {}", std::process::id())),
            "{text}"
        );
        assert!(text.contains("this process"), "{text}");
        std::fs::remove_file(path).unwrap();
        assert!(describe_holder(dir.path()).contains("did not record itself"));
    }
}
