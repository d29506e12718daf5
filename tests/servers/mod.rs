//! The real servers the publishing tests talk to, each on 127.0.0.1 with free ports and a
//! folder of its own, stopped when the value is dropped: WordPress (`wordpress.sh`, from
//! Debian's packages) and an SMTP server (aiosmtpd, installed into .tools/venv by
//! scripts/setup.sh test), which keeps what arrives as a Maildir.
#![allow(dead_code)]
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

pub struct WordPress {
    pub dir: tempfile::TempDir,
    pub url: String,
    pub user: String,
    pub password: String,
}

impl WordPress {
    pub fn start() -> WordPress {
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(ROOT).join("tests/servers/wordpress.sh");
        let out = Command::new("bash").arg(&script).arg("start").arg(dir.path()).output().unwrap();
        assert!(
            out.status.success(),
            "WordPress did not start (scripts/setup.sh test installs it): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let env: HashMap<String, String> = std::fs::read_to_string(dir.path().join("env"))
            .unwrap()
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
            .collect();
        WordPress { url: env["WP_URL"].clone(), user: env["WP_USER"].clone(), password: env["WP_PASSWORD"].clone(), dir }
    }

    /// Stops the server (to test a publish to a site that is down); `drop` is then a no-op.
    pub fn stop(&self) {
        let script = Path::new(ROOT).join("tests/servers/wordpress.sh");
        let _ = Command::new("bash").arg(script).arg("stop").arg(self.dir.path()).status();
    }

    /// GET through the REST API as the test user, as JSON.
    pub fn get(&self, route: &str) -> serde_json::Value {
        let out = Command::new("curl")
            .args(["-sS", "--fail-with-body", "-u"])
            .arg(format!("{}:{}", self.user, self.password))
            .arg(format!("{}/?rest_route={route}", self.url))
            .output()
            .unwrap();
        assert!(out.status.success(), "GET {route}: {}", String::from_utf8_lossy(&out.stdout));
        serde_json::from_slice(&out.stdout).unwrap()
    }

    /// POST JSON through the REST API as the test user (an editor changing a post there).
    pub fn post(&self, route: &str, body: &serde_json::Value) -> serde_json::Value {
        let out = Command::new("curl")
            .args(["-sS", "--fail-with-body", "-H", "Content-Type: application/json", "-u"])
            .arg(format!("{}:{}", self.user, self.password))
            .arg("--data-binary")
            .arg(body.to_string())
            .arg(format!("{}/?rest_route={route}", self.url))
            .output()
            .unwrap();
        assert!(out.status.success(), "POST {route}: {}", String::from_utf8_lossy(&out.stdout));
        serde_json::from_slice(&out.stdout).unwrap()
    }
}

impl Drop for WordPress {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A free port on 127.0.0.1.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The Python that has aiosmtpd: the project's .tools/venv, else the system's.
fn python() -> PathBuf {
    let venv = Path::new(ROOT).join(".tools/venv/bin/python");
    if venv.exists() { venv } else { PathBuf::from("python3") }
}

pub struct Smtp {
    pub dir: tempfile::TempDir,
    pub port: u16,
    child: Child,
}

impl Smtp {
    pub fn start() -> Smtp {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let maildir = dir.path().join("mail");
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("aiosmtpd runs (scripts/setup.sh test installs it)");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Smtp { dir, port, child }
    }

    /// Every message that arrived, as raw bytes.
    pub fn messages(&self) -> Vec<Vec<u8>> {
        let new = self.dir.path().join("mail/new");
        let mut out = Vec::new();
        for e in std::fs::read_dir(new).into_iter().flatten().flatten() {
            out.push(std::fs::read(e.path()).unwrap());
        }
        out
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
