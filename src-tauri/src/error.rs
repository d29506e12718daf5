//! The one error shape the webview sees: `{kind, message}`, the message in a reporter's words.
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommandError {
    pub kind: String,
    pub message: String,
}

impl CommandError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self { kind: "invalid".into(), message: message.into() }
    }
}

impl From<newsdesk_core::Error> for CommandError {
    fn from(e: newsdesk_core::Error) -> Self {
        Self { kind: e.kind().into(), message: e.to_string() }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
