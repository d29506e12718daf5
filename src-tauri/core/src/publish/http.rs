//! One HTTP agent for publishing: timeouts, a user agent, and every way a request can fail
//! turned into a [`RemoteFailure`] with the detail a reporter can act on.
use std::io::Read;
use std::time::Duration;

use crate::error::{Error, RemoteFailure, Result};

/// How long to wait to connect, and for a whole answer (a picture upload included).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);
/// The largest answer read from a CMS (a post or a list of terms is far smaller).
pub const ANSWER_MAX_BYTES: u64 = 16 * 1024 * 1024;

pub fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new()
        .timeout_connect(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .redirects(0)
        .user_agent(concat!("Newsdesk/", env!("CARGO_PKG_VERSION")))
        .build()
}

fn remote(failure: RemoteFailure, detail: impl Into<String>) -> Error {
    Error::Remote { failure, detail: detail.into() }
}

/// The failure of a request that got no usable answer, or an answer with an error status.
pub fn failure(e: ureq::Error, site: &str) -> Error {
    match e {
        ureq::Error::Status(code, resp) => {
            let body = read_text(resp).unwrap_or_default();
            let message = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("message").and_then(|m| m.as_str()).map(strip_tags))
                .unwrap_or_default();
            let detail = if message.is_empty() { format!("HTTP {code}") } else { format!("HTTP {code}, {message}") };
            match code {
                401 | 403 => remote(RemoteFailure::Auth, detail),
                413 => remote(RemoteFailure::TooLarge, detail),
                404 | 405 | 501 if message.is_empty() => remote(RemoteFailure::NotApi, format!("{site} ({detail})")),
                _ => remote(RemoteFailure::Server, detail),
            }
        }
        ureq::Error::Transport(t) => {
            let text = t.to_string();
            let lower = text.to_ascii_lowercase();
            let kind = t.kind();
            if lower.contains("timed out") || lower.contains("timeout") {
                remote(RemoteFailure::Timeout, site.to_string())
            } else if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
                remote(RemoteFailure::Tls, text)
            } else {
                match kind {
                    ureq::ErrorKind::Dns | ureq::ErrorKind::InvalidUrl | ureq::ErrorKind::UnknownScheme => {
                        remote(RemoteFailure::Address, site.to_string())
                    }
                    ureq::ErrorKind::ConnectionFailed => remote(RemoteFailure::Unreachable, site.to_string()),
                    ureq::ErrorKind::TooManyRedirects => remote(RemoteFailure::NotApi, site.to_string()),
                    _ => remote(RemoteFailure::Unreachable, format!("{site}: {text}")),
                }
            }
        }
    }
}

/// An answer's body as text, at most [`ANSWER_MAX_BYTES`].
pub fn read_text(resp: ureq::Response) -> Result<String> {
    let mut buf = Vec::new();
    resp.into_reader().take(ANSWER_MAX_BYTES).read_to_end(&mut buf).map_err(|e| {
        if e.kind() == std::io::ErrorKind::TimedOut {
            remote(RemoteFailure::Timeout, String::new())
        } else {
            remote(RemoteFailure::Unreachable, e.to_string())
        }
    })?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// An answer's body as JSON; anything else means the address is not the API.
pub fn read_json(resp: ureq::Response, site: &str) -> Result<serde_json::Value> {
    let text = read_text(resp)?;
    serde_json::from_str(&text).map_err(|_| remote(RemoteFailure::NotApi, site.to_string()))
}

/// A message from the server without its HTML.
fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(300).collect()
}
