//! Running the real `newsdesk` binary from the command-line tests.
#![allow(dead_code)] // each test file uses its own subset
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_newsdesk");

/// Runs `newsdesk --library LIBRARY ARGS…`, ignoring any NEWSDESK_LIBRARY of the caller.
pub fn newsdesk(library: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--library")
        .arg(library)
        .args(args)
        .env_remove("NEWSDESK_LIBRARY")
        .output()
        .expect("the newsdesk binary runs")
}

/// Standard output of a run that must have succeeded.
pub fn ok_stdout(out: Output) -> String {
    assert!(out.status.success(), "exit {:?}, stderr: {}", out.status.code(), String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Standard output of a successful run, as JSON.
pub fn json(out: Output) -> Value {
    serde_json::from_str(&ok_stdout(out)).expect("stdout is JSON")
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}
