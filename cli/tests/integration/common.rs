//! The one way these tests run the `kbsearch` binary: [`kbsearch`] builds the command, [`Run`]
//! runs it to the end (within a time limit, so a hang fails the test instead of the suite),
//! [`Session`] keeps one running and talks JSON lines over its stdin and stdout.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Output, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long a command may run, or a session take to answer or exit, before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(300);

/// The repository's sample corpus folder.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus")
}

/// The `kbsearch` binary with no index chosen (`$KBSEARCH_INDEX` removed).
pub fn kbsearch_bare() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kbsearch"));
    cmd.env_remove("KBSEARCH_INDEX");
    cmd
}

/// The `kbsearch` binary on the index `index` (`$KBSEARCH_INDEX` ignored).
pub fn kbsearch(index: &Path) -> Command {
    let mut cmd = kbsearch_bare();
    cmd.arg("--index").arg(index);
    cmd
}

/// `cmd` run under the file-creation mask `umask` (set by `/bin/sh`, which then `exec`s it).
pub fn with_umask(umask: &str, cmd: &Command) -> Command {
    let mut shell = Command::new("/bin/sh");
    shell
        .arg("-c")
        .arg(format!("umask {umask}; exec \"$@\""))
        .arg("sh")
        .arg(cmd.get_program())
        .args(cmd.get_args());
    for (key, value) in cmd.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    shell
}

/// A temporary folder whose `idx` subfolder is an index of the sample corpus.
pub fn indexed_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    kbsearch(&dir.path().join("idx"))
        .arg("index")
        .arg(corpus().join("articles"))
        .success();
    dir
}

/// Running a command to its end.
pub trait Run {
    /// Run with no input, killed (and the test failed) after `limit`.
    fn run_within(&mut self, limit: Duration) -> Output;

    /// Run (within [`TIMEOUT`]); fails the test, showing stderr, unless it exits 0.
    /// Returns stdout.
    fn success(&mut self) -> String;

    /// Run (within [`TIMEOUT`]); fails the test unless it exits 1, as every kbsearch error
    /// does. Returns stderr.
    fn failure(&mut self) -> String;

    /// [`Run::failure`], and stderr contains `message`.
    fn failure_with(&mut self, message: &str) {
        let stderr = self.failure();
        assert!(stderr.contains(message), "{message:?} not in: {stderr}");
    }
}

impl Run for Command {
    fn run_within(&mut self, limit: Duration) -> Output {
        let child = self
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{self:?}: {e}"));
        let pid = child.id();
        // The pipes are read while waiting (a full pipe would block the child forever).
        let (send, done) = channel();
        std::thread::spawn(move || {
            let _ = send.send(child.wait_with_output());
        });
        match done.recv_timeout(limit) {
            Ok(output) => output.unwrap(),
            Err(_) => {
                let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
                panic!("{self:?} did not finish within {limit:?} (hang)");
            }
        }
    }

    fn success(&mut self) -> String {
        let out = self.run_within(TIMEOUT);
        assert!(
            out.status.success(),
            "{self:?}: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn failure(&mut self) -> String {
        let out = self.run_within(TIMEOUT);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(1), "{self:?}: {stderr}");
        stderr
    }
}

/// A long-lived `kbsearch` (`serve`, `mcp`) answering JSON lines on its stdout; killed on
/// drop, so a failing test leaves no process behind.
pub struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
}

impl Session {
    /// Start `cmd` with piped stdin and stdout (stderr as the caller set it).
    pub fn start(cmd: &mut Command) -> Session {
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
        let stdin = child.stdin.take();
        // A thread reads the lines, so that waiting for one can time out instead of hanging.
        let (send, lines) = channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Session {
            child,
            stdin,
            lines,
        }
    }

    /// Write one line to its stdin.
    pub fn send(&mut self, line: &str) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        writeln!(stdin, "{line}").unwrap();
        stdin.flush().unwrap();
    }

    /// The next line of its stdout, parsed as JSON (waiting at most [`TIMEOUT`]).
    pub fn next_json(&mut self) -> serde_json::Value {
        let line = match self.lines.recv_timeout(TIMEOUT) {
            Ok(line) => line,
            Err(RecvTimeoutError::Timeout) => panic!("no answer within {TIMEOUT:?}"),
            Err(RecvTimeoutError::Disconnected) => panic!("stdout closed before an answer"),
        };
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"))
    }

    /// Send one line and return the next answer line.
    pub fn ask(&mut self, line: &str) -> serde_json::Value {
        self.send(line);
        self.next_json()
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Close its stdin and wait (at most [`TIMEOUT`]) for it to exit.
    pub fn finish(mut self) -> ExitStatus {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "did not exit within {TIMEOUT:?} of stdin closing"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
